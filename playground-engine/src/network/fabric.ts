/**
 * The packet-level network: network namespaces (pod sandboxes and node hosts) with their
 * addresses and listening sockets, Service VIPs through kube-proxy's rules (the ServiceRouter
 * hook), and DNS through CoreDNS (the DnsResolver hook).
 *
 * Connections are modelled per outcome, not per packet:
 * - a listener on the address and port → connected;
 * - an existing address with nothing listening, or kube-proxy's REJECT → refused (RST);
 * - an address nobody owns → the SYN is lost: timeout (the kernel gives up after ~127 s);
 * - a server that does not answer in time → the client's own timeout.
 * Every result reaches the caller from the EventQueue, never inside the call.
 *
 * The kubelet's clients (`httpGet`, `dialTcp`, `grpcHealth`) word their failures exactly as
 * the Go code in k8s.io/kubernetes/pkg/probe prints them (net/http, net.Dial, grpc-go).
 */
import type { EventQueue, Timer } from '../sim/queue';
import type {
  DialOutcome,
  DnsResolver,
  GrpcHealthOutcome,
  HttpOutcome as KubeletHttpOutcome,
  HttpRequestSpec,
  Network,
  ServiceRouter,
} from '../node/runtime/types';
import type {
  ConnectOutcome,
  GrpcOutcome,
  HttpCallSpec,
  HttpOutcome,
  HttpRequest,
  HttpResponse,
  Listener,
  ListenSpec,
  NetApi,
  NetInterface,
  PingOutcome,
  ResolveOutcome,
  ResolverStyle,
  TcpCallSpec,
  TcpOutcome,
} from '../programs/net';
import type { VirtualMs } from '../types';
import { Deferred } from '../node/runtime/future';

/** Linux gives up on a SYN nobody answers after 6 retries: ~127 s. */
export const SYN_TIMEOUT_MS = 127_000;
/** glibc's resolver: 5 s per try, 2 tries, when the name server does not answer. */
export const DNS_TIMEOUT_MS = 10_000;

export interface NamespaceSpec {
  id: string;
  ip: string;
  /** The node the namespace lives on (ping TTL, hairpin). */
  node: string;
  kind: 'pod' | 'host';
  /** Source address the namespace's packets carry to pods (a node's tunnel address). */
  sourceIp?: string;
  /** Current /etc/resolv.conf and /etc/hosts of the namespace. */
  resolvConf: () => string;
  hostsFile: () => string;
  mac?: string;
  ifName?: string;
  prefix?: number;
}

interface Sock {
  address: string;
  port: number;
  spec: ListenSpec;
  closed: boolean;
  /** The exchanges in flight, reset when the socket closes. */
  inflight: Set<{ reset(): void }>;
}

/**
 * One HTTP exchange in flight (a class, not closures: every probe makes one). The listening
 * socket holds it in `inflight` (`reset` when it closes).
 */
class HttpCall {
  done = false;
  timer: Timer | undefined;
  /** The listener's handler and the request, for the `http request` task. */
  handler: NonNullable<ListenSpec['http']> | undefined;
  req: HttpRequest | undefined;
  /** The client's total timeout (the `http timeout` task). */
  totalMs = 0;
  /** The server's callback: queues the `http reply` task. */
  private readonly onAnswer: (res: HttpResponse | undefined) => void;
  /** The server's first answer (the one the first `http reply` task delivers; a later one finds the call done). */
  answer: HttpResponse | undefined;
  answered = false;

  constructor(
    private readonly queue: EventQueue,
    private readonly d: Deferred<HttpOutcome>,
    private readonly sock: Sock,
    private readonly r: Extract<Route, { ok: true }>,
    private readonly start: VirtualMs,
  ) {
    // Assigned here, not as a class field: a named class-field function costs a defineProperty per call when names are kept (tsx).
    this.onAnswer = (res) => {
      if (!this.answered) {
        this.answered = true;
        this.answer = res;
      }
      this.queue.soonCall(answerTask, this);
    };
  }

  reset(): void {
    this.reply(undefined, true);
  }

  finish(o: HttpOutcome): void {
    if (this.done) return;
    this.done = true;
    this.sock.inflight.delete(this);
    this.queue.cancel(this.timer);
    this.r.close?.();
    this.d.settle(o);
  }

  reply(res: HttpResponse | undefined, reset: boolean): void {
    const elapsedMs = this.queue.now - this.start;
    const r = this.r;
    if (res) {
      // The same keys as `{ ..., ...(tls ? { serverTls: true } : {}) }`, without an empty object per answer.
      const o: Extract<HttpOutcome, { ok: true }> = { ok: true, response: res, elapsedMs, peerIp: r.ip, peerPort: r.port };
      if (this.sock.spec.tls) o.serverTls = true;
      this.finish(o);
    }
    else this.finish({ ok: false, code: reset ? 'reset' : 'empty', phase: 'response', elapsedMs });
  }

  request(handler: NonNullable<ListenSpec['http']>, req: HttpRequest): void {
    if (this.done || this.sock.closed) return;
    try {
      handler(req, this.onAnswer);
    } catch {
      this.reply(undefined, true);
    }
  }
}

/** The `http reply` task of a call: its server's first answer. */
function answerTask(call: HttpCall): void {
  call.reply(call.answer, false);
}

/** The `http request` task of a call (no closure per request). */
function requestTask(call: HttpCall): void {
  call.request(call.handler as NonNullable<ListenSpec['http']>, call.req as HttpRequest);
}

/** The `http timeout` task of a call. */
function timeoutTask(call: HttpCall): void {
  call.finish({ ok: false, code: 'timeout', phase: 'response', elapsedMs: call.totalMs });
}

export class Netns {
  readonly listeners: Sock[] = [];
  constructor(readonly spec: NamespaceSpec) {}
  get ip(): string {
    return this.spec.ip;
  }
}

/** `close`: tell kube-proxy the connection through a Service address ended (ipvs connection counters). */
type Route = { ok: true; ns: Netns; ip: string; port: number; sock: Sock; close?: () => void } | { ok: false; code: 'refused' | 'timeout' | 'unreachable' };

export class Fabric implements Network {
  private byId = new Map<string, Netns>();
  private hostIds = new Map<string, string>();
  private byIp = new Map<string, Netns>();
  private router?: ServiceRouter;
  private dns?: DnsResolver;
  private srcPort = 32768;
  private socketWatcher?: (e: { open: boolean; ns: NamespaceSpec; address: string; port: number; owner?: string }) => void;

  constructor(private queue: EventQueue) {}

  // ---- namespaces ------------------------------------------------------------------------

  addNamespace(spec: NamespaceSpec): Netns {
    const ns = new Netns(spec);
    this.byId.set(spec.id, ns);
    this.byIp.set(spec.ip, ns);
    return ns;
  }

  /** The namespace is gone: its sockets close and its address stops answering. */
  removeNamespace(id: string): void {
    const ns = this.byId.get(id);
    if (!ns) return;
    for (const s of ns.listeners) this.closeSock(s, ns);
    this.byId.delete(id);
    if (this.byIp.get(ns.ip) === ns) this.byIp.delete(ns.ip);
  }

  namespace(id: string): Netns | undefined {
    return this.byId.get(id);
  }

  /** The id of the namespace that owns an address. */
  idOf(ip: string): string | undefined {
    return this.byIp.get(ip)?.spec.id;
  }

  setServiceRouter(router: ServiceRouter): void {
    this.router = router;
  }

  setDnsResolver(resolver: DnsResolver): void {
    this.dns = resolver;
  }

  /** Told when a listening socket opens or closes (for the component log's "listener closed" records). */
  watchListeners(watcher: (e: { open: boolean; ns: NamespaceSpec; address: string; port: number; owner?: string }) => void): void {
    this.socketWatcher = watcher;
  }

  private closeSock(s: Sock, ns?: Netns): void {
    if (s.closed) return;
    s.closed = true;
    if (ns) this.socketWatcher?.({ open: false, ns: ns.spec, address: s.address, port: s.port, owner: s.spec.owner });
    for (const f of [...s.inflight]) f.reset();
    s.inflight.clear();
  }

  // ---- routing ---------------------------------------------------------------------------

  private nextPort(): number {
    this.srcPort = this.srcPort >= 60999 ? 32768 : this.srcPort + 1;
    return this.srcPort;
  }

  private route(src: Netns, dstIp: string, port: number, proto: 'TCP' | 'UDP'): Route {
    let ns: Netns | undefined;
    let ip = dstIp;
    let p = port;
    let close: (() => void) | undefined;
    if (ip.startsWith('127.') || ip === src.ip || ip === '0.0.0.0' || ip === 'localhost') {
      ns = src;
      if (ip === 'localhost' || ip === '0.0.0.0') ip = '127.0.0.1';
    } else {
      // The port the connection will carry (nextPort() takes it once the connection is made).
      const srcPort = this.srcPort >= 60999 ? 32768 : this.srcPort + 1;
      const r = this.router?.(ip, port, proto, src.spec.sourceIp ?? src.ip, srcPort);
      if (r && 'reject' in r) return { ok: false, code: 'refused' };
      if (r) {
        ip = r.backendIp;
        p = r.backendPort;
        close = r.close;
      }
      ns = ip === src.ip ? src : this.byIp.get(ip);
      if (!ns) {
        close?.();
        return { ok: false, code: 'timeout' };
      }
    }
    const loop = ip.startsWith('127.');
    // The first open listener that takes the address (a loop, not find(): every connection asks).
    let sock: Sock | undefined;
    const listeners = ns.listeners;
    for (let i = 0; i < listeners.length; i++) {
      const s = listeners[i];
      if (!s.closed && s.port === p && (s.address === '0.0.0.0' || s.address === ip || (loop && s.address.startsWith('127.') && ns === src))) {
        sock = s;
        break;
      }
    }
    if (!sock) {
      close?.();
      return { ok: false, code: 'refused' };
    }
    return close ? { ok: true, ns, ip, port: p, sock, close } : { ok: true, ns, ip, port: p, sock };
  }

  /**
   * The open listening socket a connection to `ip:port` made from inside the namespace `nsId`
   * reaches now (no Service translation): what answers a gRPC health check synchronously.
   */
  listenerAt(nsId: string, ip: string, port: number): ListenSpec | undefined {
    const ns = this.byId.get(nsId);
    if (!ns) return undefined;
    const r = this.route(ns, ip, port, 'TCP');
    if (!r.ok) return undefined;
    r.close?.();
    return r.sock.spec;
  }

  // ---- the socket API of a namespace -----------------------------------------------------

  api(nsId: string): NetApi {
    const f = this;
    const ns = () => this.byId.get(nsId);
    return {
      get ip() {
        return ns()?.ip ?? '';
      },
      interfaces: () => f.interfaces(ns()),
      listen: (spec) => f.listen(ns(), spec),
      connect: (ip, port, timeoutMs) => f.connect(ns(), ip, port, timeoutMs),
      http: (spec) => f.http(ns(), spec),
      grpcHealth: (ip, port, service, timeoutMs) => f.grpc(ns(), ip, port, service, timeoutMs),
      tcp: (spec) => f.tcp(ns(), spec),
      ping: (ip, timeoutMs) => f.ping(ns(), ip, timeoutMs),
      resolve: (name, style) => f.resolve(ns(), name, style),
      query: (fqdn) => f.query(ns(), fqdn),
    };
  }

  private interfaces(ns: Netns | undefined): NetInterface[] {
    const lo: NetInterface = { name: 'lo', ip: '127.0.0.1', prefix: 8, mac: '00:00:00:00:00:00', mtu: 65536 };
    if (!ns) return [lo];
    return [lo, { name: ns.spec.ifName ?? 'eth0', ip: ns.ip, prefix: ns.spec.prefix ?? 32, mac: ns.spec.mac ?? '00:00:00:00:00:00', mtu: ns.spec.kind === 'pod' ? 1480 : 1500 }];
  }

  private listen(ns: Netns | undefined, spec: ListenSpec): Listener | { error: 'EADDRINUSE' | 'EADDRNOTAVAIL' } {
    if (!ns) return { error: 'EADDRNOTAVAIL' };
    const address = spec.address ?? '0.0.0.0';
    // IPv6: only the loopback `::1` of a host (the hosts' lo has it; the pod network is IPv4
    // only). Nothing here connects over IPv6: such a socket only holds its port.
    const v6 = address === '::1';
    if (v6 ? ns.spec.kind !== 'host' : address !== '0.0.0.0' && !address.startsWith('127.') && address !== ns.ip) return { error: 'EADDRNOTAVAIL' };
    const taken = (port: number) => ns.listeners.some((s) => !s.closed && s.port === port && (s.address === '::1') === v6 && (s.address === address || s.address === '0.0.0.0' || address === '0.0.0.0'));
    let port = spec.port;
    if (port === 0) {
      // bind(2) to port 0: the kernel picks a free port of the ephemeral range (the same
      // counter as the source ports of connections, so the choice is deterministic)
      for (let i = 0; i <= 60999 - 32768 && (port === 0 || taken(port)); i++) port = this.nextPort();
      if (taken(port)) return { error: 'EADDRINUSE' };
    } else if (taken(port)) return { error: 'EADDRINUSE' };
    const sock: Sock = { address, port, spec, closed: false, inflight: new Set() };
    ns.listeners.push(sock);
    this.socketWatcher?.({ open: true, ns: ns.spec, address, port, owner: spec.owner });
    const f = this;
    return {
      address,
      port,
      close() {
        f.closeSock(sock, ns);
        const i = ns.listeners.indexOf(sock);
        if (i >= 0) ns.listeners.splice(i, 1);
      },
    };
  }

  private later<T>(ms: VirtualMs, value: T, d: Deferred<T>): Timer {
    return this.queue.after(ms, () => d.settle(value), 'net');
  }

  private connect(src: Netns | undefined, ip: string, port: number, timeoutMs?: VirtualMs): Deferred<ConnectOutcome> {
    const d = new Deferred<ConnectOutcome>(this.queue, 'connect');
    if (!src) {
      d.settle({ ok: false, code: 'unreachable', elapsedMs: 0 });
      return d;
    }
    const r = this.route(src, ip, port, 'TCP');
    if (r.ok) {
      r.close?.();
      d.settle({ ok: true, elapsedMs: 0, peerIp: r.ip, peerPort: r.port });
    }
    else if (r.code === 'timeout') {
      const t = timeoutMs && timeoutMs > 0 ? Math.min(timeoutMs, SYN_TIMEOUT_MS) : SYN_TIMEOUT_MS;
      this.later(t, { ok: false, code: 'timeout', elapsedMs: t }, d);
    } else d.settle({ ok: false, code: r.code, elapsedMs: 0 });
    return d;
  }

  private http(src: Netns | undefined, spec: HttpCallSpec): Deferred<HttpOutcome> {
    const d = new Deferred<HttpOutcome>(this.queue, 'http');
    const start = this.queue.now;
    const total = spec.timeoutMs && spec.timeoutMs > 0 ? spec.timeoutMs : undefined;
    if (!src) {
      d.settle({ ok: false, code: 'unreachable', phase: 'connect', elapsedMs: 0 });
      return d;
    }
    const r = this.route(src, spec.ip, spec.port, 'TCP');
    if (!r.ok) {
      if (r.code === 'timeout') {
        const limits = [SYN_TIMEOUT_MS, spec.connectTimeoutMs, total].filter((x): x is number => !!x && x > 0);
        const t = Math.min(...limits);
        this.later(t, { ok: false, code: 'timeout', phase: 'connect', elapsedMs: t }, d);
      } else d.settle({ ok: false, code: r.code, phase: 'connect', elapsedMs: 0 });
      return d;
    }
    const sock = r.sock;
    const req: HttpRequest = {
      method: spec.method ?? 'GET',
      path: spec.path || '/',
      version: spec.version ?? 'HTTP/1.1',
      headers: spec.headers,
      srcIp: r.ns === src && r.ip.startsWith('127.') ? '127.0.0.1' : src.spec.sourceIp ?? src.ip,
      srcPort: this.nextPort(),
      dstIp: r.ip,
      dstPort: r.port,
    };
    if (spec.tls && sock.spec.tls) req.tls = true;
    const call = new HttpCall(this.queue, d, sock, r, start);
    if (total !== undefined) {
      call.totalMs = total;
      call.timer = this.queue.atCall(this.queue.now + total, timeoutTask, call, 'http timeout');
    }
    const handler = sock.spec.http;
    if (!handler) {
      // Not an HTTP server: a gRPC-only port answers nothing an HTTP/1.1 client can read.
      if (!sock.spec.grpcHealth) this.queue.soon(() => call.reply(undefined, false), 'http');
      else sock.inflight.add(call);
      return d;
    }
    sock.inflight.add(call);
    if (sock.spec.tls && !spec.tls) {
      // Go's net/http on a TLS port, when the first bytes are plain HTTP (server.go).
      this.queue.soon(() => call.reply({ status: 400, reason: 'Bad Request', headers: [], body: 'Client sent an HTTP request to an HTTPS server.\n' }, false), 'http reply');
      return d;
    }
    call.handler = handler;
    call.req = req;
    this.queue.soonCall(requestTask, call);
    return d;
  }

  /** A plain TCP exchange: the listener's `tcp` handler answers; a port without one sends nothing and closes. */
  private tcp(src: Netns | undefined, spec: TcpCallSpec): Deferred<TcpOutcome> {
    const d = new Deferred<TcpOutcome>(this.queue, 'tcp');
    const start = this.queue.now;
    const total = spec.timeoutMs && spec.timeoutMs > 0 ? spec.timeoutMs : 30_000;
    if (!src) {
      d.settle({ ok: false, code: 'unreachable', phase: 'connect', elapsedMs: 0 });
      return d;
    }
    const r = this.route(src, spec.ip, spec.port, 'TCP');
    if (!r.ok) {
      if (r.code === 'timeout') {
        const t = Math.min(SYN_TIMEOUT_MS, total);
        this.later(t, { ok: false, code: 'timeout', phase: 'connect', elapsedMs: t }, d);
      } else d.settle({ ok: false, code: r.code, phase: 'connect', elapsedMs: 0 });
      return d;
    }
    const sock = r.sock;
    let done = false;
    let timer: Timer | undefined;
    const finish = (o: TcpOutcome) => {
      if (done) return;
      done = true;
      sock.inflight.delete(conn);
      this.queue.cancel(timer);
      r.close?.();
      d.settle(o);
    };
    const onClose = () => finish({ ok: false, code: 'reset', phase: 'response', elapsedMs: this.queue.now - start });
    const conn = { reset: onClose };
    sock.inflight.add(conn);
    timer = this.queue.after(total, () => finish({ ok: false, code: 'timeout', phase: 'response', elapsedMs: total }), 'tcp timeout');
    const handler = sock.spec.tcp;
    const srcIp = r.ns === src && r.ip.startsWith('127.') ? '127.0.0.1' : src.spec.sourceIp ?? src.ip;
    const srcPort = this.nextPort();
    this.queue.soon(() => {
      if (done || sock.closed) return;
      if (!handler) {
        finish({ ok: true, data: '', elapsedMs: this.queue.now - start });
        return;
      }
      try {
        handler({ data: spec.data, srcIp, srcPort }, (out) => this.queue.soon(() => finish({ ok: true, data: out ?? '', elapsedMs: this.queue.now - start }), 'tcp reply'));
      } catch {
        onClose();
      }
    }, 'tcp request');
    return d;
  }

  private grpc(src: Netns | undefined, ip: string, port: number, service: string, timeoutMs: VirtualMs): Deferred<GrpcOutcome> {
    const d = new Deferred<GrpcOutcome>(this.queue, 'grpc');
    const r = src ? this.route(src, ip, port, 'TCP') : ({ ok: false, code: 'unreachable' } as const);
    if (!r.ok) {
      if (r.code === 'timeout') this.later(timeoutMs, { ok: false, code: 'timeout', elapsedMs: timeoutMs }, d);
      else d.settle({ ok: false, code: r.code, elapsedMs: 0 });
      return d;
    }
    const h = r.sock.spec.grpcHealth;
    if (!h) {
      r.close?.();
      d.settle({ ok: false, code: 'not-grpc', elapsedMs: 0 });
      return d;
    }
    this.queue.soon(() => {
      r.close?.();
      const status = r.sock.closed ? 'NOT_SERVING' : h(service);
      // undefined: the server closed the connection without an answer
      d.settle(status === undefined ? { ok: false, code: 'not-grpc', elapsedMs: 0 } : { ok: true, status, elapsedMs: 0 });
    }, 'grpc');
    return d;
  }

  private ping(src: Netns | undefined, ip: string, timeoutMs: VirtualMs): Deferred<PingOutcome> {
    const d = new Deferred<PingOutcome>(this.queue, 'ping');
    const local = src && (ip.startsWith('127.') || ip === src.ip);
    const ns = local ? src : this.byIp.get(ip);
    if (!src || !ns) {
      this.later(timeoutMs, { ok: false, code: 'timeout' }, d);
      return d;
    }
    const sameNode = ns.spec.node === src.spec.node;
    const rtt = local ? 0.04 : sameNode ? 0.08 : 0.45;
    this.queue.after(Math.round(rtt), () => d.settle({ ok: true, ttl: sameNode ? 64 : 63, rttMs: rtt }), 'ping');
    return d;
  }

  // ---- DNS -------------------------------------------------------------------------------

  private resolvConf(ns: Netns): { nameservers: string[]; search: string[]; ndots: number } {
    const conf = { nameservers: [] as string[], search: [] as string[], ndots: 1 };
    for (const line of ns.spec.resolvConf().split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[0] === 'nameserver' && f[1]) conf.nameservers.push(f[1]);
      else if (f[0] === 'search' || f[0] === 'domain') conf.search = f.slice(1);
      else if (f[0] === 'options') for (const o of f.slice(1)) if (o.startsWith('ndots:')) conf.ndots = Math.min(15, Number(o.slice(6)) || 0);
    }
    return conf;
  }

  private hostsLookup(ns: Netns, name: string): string[] {
    const out: string[] = [];
    for (const line of ns.spec.hostsFile().split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length >= 2 && f.slice(1).some((h) => h.toLowerCase() === name.toLowerCase()) && /^\d+\.\d+\.\d+\.\d+$/.test(f[0])) out.push(f[0]);
    }
    return out;
  }

  /** Whether the namespace's name server answers at all (a VIP with no endpoints, an unknown IP). */
  private dnsReachable(ns: Netns, server: string): boolean {
    if (this.byIp.has(server) || server.startsWith('127.')) return true;
    const r = this.router?.(server, 53, 'UDP', ns.spec.sourceIp ?? ns.ip);
    return !!r && !('reject' in r);
  }

  private answer(fqdn: string): string[] | undefined {
    const name = fqdn.replace(/\.$/, '').toLowerCase();
    const a = this.dns?.(name);
    return a && a.length ? a : undefined;
  }

  private query(src: Netns | undefined, fqdn: string): Deferred<{ ok: true; addresses: string[]; server: string } | { ok: false; error: 'NXDOMAIN' | 'timeout'; server: string }> {
    const d = new Deferred<{ ok: true; addresses: string[]; server: string } | { ok: false; error: 'NXDOMAIN' | 'timeout'; server: string }>(this.queue, 'dns');
    if (!src) {
      d.settle({ ok: false, error: 'timeout', server: '' });
      return d;
    }
    const server = this.resolvConf(src).nameservers[0] ?? '127.0.0.1';
    if (!this.dnsReachable(src, server)) {
      this.queue.after(DNS_TIMEOUT_MS, () => d.settle({ ok: false, error: 'timeout', server }), 'dns timeout');
      return d;
    }
    const a = this.answer(fqdn);
    this.queue.after(1, () => d.settle(a ? { ok: true, addresses: a, server } : { ok: false, error: 'NXDOMAIN', server }), 'dns');
    return d;
  }

  private resolve(src: Netns | undefined, name: string, style: ResolverStyle): Deferred<ResolveOutcome> {
    const d = new Deferred<ResolveOutcome>(this.queue, 'resolve');
    if (!src) {
      d.settle({ ok: false, error: 'timeout', queried: [], server: '' });
      return d;
    }
    const conf = this.resolvConf(src);
    const server = conf.nameservers[0] ?? '127.0.0.1';
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      d.settle({ ok: true, name, addresses: [name], queried: [], server });
      return d;
    }
    const fromHosts = this.hostsLookup(src, name);
    if (fromHosts.length) {
      d.settle({ ok: true, name, addresses: fromHosts, queried: [], server });
      return d;
    }
    const dots = (name.replace(/\.$/, '').match(/\./g) ?? []).length;
    const absolute = name.endsWith('.');
    const searched = conf.search.map((s) => `${name}.${s}`);
    let candidates: string[];
    if (absolute) candidates = [name.slice(0, -1)];
    else if (dots >= conf.ndots) candidates = style === 'musl' ? [name] : [name, ...searched];
    else candidates = [...searched, name];
    if (!this.dnsReachable(src, server)) {
      this.queue.after(DNS_TIMEOUT_MS, () => d.settle({ ok: false, error: 'timeout', queried: candidates, server }), 'dns timeout');
      return d;
    }
    const queried: string[] = [];
    for (const c of candidates) {
      queried.push(c);
      const a = this.answer(c);
      if (a) {
        this.queue.after(1, () => d.settle({ ok: true, name: c, addresses: a, queried, server }), 'dns');
        return d;
      }
    }
    this.queue.after(1, () => d.settle({ ok: false, error: 'NXDOMAIN', queried, server }), 'dns');
    return d;
  }

  // ---- the kubelet's clients (Network) --------------------------------------------------

  private hostNs(node: string): Netns | undefined {
    // The id string is kept per node (its hash too): every probe of the node asks.
    let id = this.hostIds.get(node);
    if (id === undefined) {
      if (this.hostIds.size >= 256) this.hostIds.clear();
      this.hostIds.set(node, (id = `host:${node}`));
    }
    return this.byId.get(id);
  }

  /**
   * The request headers the prober sends, by target address (the same probe sends the same
   * headers every period). The arrays are only read by the servers, so they are shared.
   */
  private probeHeaders = new Map<string, { port: number; userAgent: string; given: Array<[string, string]>; headers: Array<[string, string]> }>();

  private requestHeaders(req: HttpRequestSpec, userAgent: string): Array<[string, string]> {
    const known = this.probeHeaders.get(req.host);
    if (known && known.port === req.port && known.userAgent === userAgent && sameHeaders(known.given, req.headers)) return known.headers;
    const headers: Array<[string, string]> = [];
    let host = `${req.host}:${req.port}`;
    for (const [k, v] of req.headers) {
      if (k.toLowerCase() === 'host') host = v;
      else headers.push([k, v]);
    }
    if (!req.headers.some(([k]) => k.toLowerCase() === 'user-agent')) headers.push(['User-Agent', userAgent]);
    const accept = req.headers.find(([k]) => k.toLowerCase() === 'accept');
    if (!accept) headers.push(['Accept', '*/*']);
    else if (accept[1] === '') headers.splice(headers.findIndex(([k]) => k.toLowerCase() === 'accept'), 1);
    headers.unshift(['Host', host]);
    headers.push(['Connection', 'close']);
    if (this.probeHeaders.size >= 256) this.probeHeaders.clear();
    this.probeHeaders.set(req.host, { port: req.port, userAgent, given: req.headers.map(([k, v]) => [k, v]), headers });
    return headers;
  }

  /** The call of a probe's request, kept per request object (the prober sends the same one every period; only read). */
  private probeCalls = new WeakMap<HttpRequestSpec, { host: string; port: number; path: string; headers: Array<[string, string]>; timeoutMs: VirtualMs; call: HttpCallSpec }>();

  private probeCall(req: HttpRequestSpec, headers: Array<[string, string]>, timeoutMs: VirtualMs): HttpCallSpec {
    const known = this.probeCalls.get(req);
    if (known && known.headers === headers && known.timeoutMs === timeoutMs && known.host === req.host && known.port === req.port && known.path === req.path) return known.call;
    const call: HttpCallSpec = { ip: req.host, port: req.port, path: pathOf(req.path), headers, timeoutMs, method: 'GET' };
    this.probeCalls.set(req, { host: req.host, port: req.port, path: req.path, headers, timeoutMs, call });
    return call;
  }

  httpGet(fromNode: string, req: HttpRequestSpec, timeoutMs: VirtualMs, userAgent: string, done: (o: KubeletHttpOutcome) => void): void {
    const headers = this.requestHeaders(req, userAgent);
    const ns = this.hostNs(fromNode);
    const f = this.http(ns, this.probeCall(req, headers, timeoutMs));
    f.onSettle((o) => {
      // The URL and address texts only for an error (a probe that answers needs neither).
      const url = o.ok && req.scheme !== 'HTTPS' ? '' : goUrl(req.scheme, req.host, req.port, req.path);
      const addr = o.ok ? '' : `${req.host}:${req.port}`;
      if (o.ok) {
        if (req.scheme === 'HTTPS') {
          this.deliver(done, { ok: false, error: `Get "${url}": http: server gave HTTP response to HTTPS client`, timedOut: false });
          return;
        }
        this.deliver(done, { ok: true, status: o.response.status, headers: o.response.headers, body: o.response.body });
        return;
      }
      let error: string;
      const timedOut = o.code === 'timeout';
      if (o.phase === 'connect') {
        if (o.code === 'refused') error = `Get "${url}": dial tcp ${addr}: connect: connection refused`;
        else if (o.code === 'unreachable') error = `Get "${url}": dial tcp ${addr}: connect: no route to host`;
        else if (timeoutMs > 0) error = `Get "${url}": dial tcp ${addr}: i/o timeout (Client.Timeout exceeded while awaiting headers)`;
        else error = `Get "${url}": dial tcp ${addr}: connect: connection timed out`;
      } else if (o.code === 'timeout') error = `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
      else error = `Get "${url}": EOF`;
      this.deliver(done, { ok: false, error, timedOut });
    });
  }

  /** The kubelet's HTTP client answers on its own task. */
  private deliver(done: (o: KubeletHttpOutcome) => void, o: KubeletHttpOutcome): void {
    this.queue.soonCall(done, o);
  }

  dialTcp(fromNode: string, ip: string, port: number, timeoutMs: VirtualMs, done: (o: DialOutcome) => void): void {
    const addr = `${ip}:${port}`;
    const f = this.connect(this.hostNs(fromNode), ip, port, timeoutMs > 0 ? timeoutMs : undefined);
    f.onSettle((o) => {
      if (o.ok) done({ ok: true });
      else if (o.code === 'refused') done({ ok: false, error: `dial tcp ${addr}: connect: connection refused`, timedOut: false });
      else if (o.code === 'unreachable') done({ ok: false, error: `dial tcp ${addr}: connect: no route to host`, timedOut: false });
      else done({ ok: false, error: timeoutMs > 0 ? `dial tcp ${addr}: i/o timeout` : `dial tcp ${addr}: connect: connection timed out`, timedOut: true });
    });
  }

  grpcHealth(fromNode: string, ip: string, port: number, service: string, timeoutMs: VirtualMs, done: (o: GrpcHealthOutcome) => void): void {
    const addr = `${ip}:${port}`;
    const t = timeoutMs > 0 ? timeoutMs : 1000;
    const deadline = `timeout: failed to connect service "${addr}" within ${goDuration(t)}: context deadline exceeded`;
    const f = this.grpc(this.hostNs(fromNode), ip, port, service, t);
    f.onSettle((o) => {
      if (!o.ok) {
        // grpc.WithBlock: a refused or non-gRPC connection is retried until the deadline.
        const wait = Math.max(0, t - o.elapsedMs);
        this.queue.after(wait, () => done({ ok: false, error: deadline }), 'grpc deadline');
        return;
      }
      if (o.status === 'UNIMPLEMENTED') {
        done({ ok: false, error: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health' });
        return;
      }
      done({ ok: true, status: o.status });
    });
  }
}

/** Go's url.URL String() for the prober's URL (formatURL in pkg/probe/http/request.go). */
export function goUrl(scheme: string, host: string, port: number, path: string): string {
  const hp = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  let p = path ?? '';
  if (p && !p.startsWith('/')) p = `/${p}`;
  return `${scheme.toLowerCase()}://${hp}${p}`;
}

function sameHeaders(a: Array<[string, string]>, b: Array<[string, string]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

function pathOf(path: string): string {
  if (!path) return '/';
  return path.startsWith('/') ? path : `/${path}`;
}

/** Go's time.Duration String(): `1s`, `1.5s`, `500ms`, `1m30s`. */
export function goDuration(ms: VirtualMs): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS - h * 3600) / 60);
  const s = totalS - h * 3600 - m * 60;
  const sText = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/\.?0+$/, '')}s`;
  if (h) return `${h}h${m}m${sText}`;
  if (m) return `${m}m${sText}`;
  return sText;
}
