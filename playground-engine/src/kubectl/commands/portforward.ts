/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT ...` as kubectl v1.30 runs it
 * (kubectl/pkg/cmd/portforward/portforward.go, client-go tools/portforward/portforward.go):
 *
 * - Complete: the object (`pod/x`, `x`, or a workload / Service whose selector picks a pod as
 *   AttachablePodForObject does: the most active pod, or the first one to appear within
 *   --pod-running-timeout); a Service's ports are translated to the pod's target ports (named
 *   ones too), a pod's named ports to numbers; RunPortForward: the pod must be Running.
 * - ForwardPorts: the addresses (`localhost` is 127.0.0.1 and ::1, sorted) and ports are parsed,
 *   the streaming connection to the kubelet is made, then a listener per port and address on the
 *   machine kubectl runs on (`Forwarding from 127.0.0.1:8080 -> 80`), port 0 being one the
 *   kernel picks. Each connection prints `Handling connection for 8080` and is carried to
 *   localhost:REMOTE inside the pod's network namespace (HTTP, a plain TCP exchange, a gRPC health
 *   check). When the far end fails, the error stream's text is logged by runtime.HandleError
 *   (klog: `E1208 19:35:30.000000    2001 portforward.go:413] an error occurred forwarding …`),
 *   the local client gets its connection closed with nothing sent, and kubectl closes the
 *   connection: `error: lost connection to pod`, exit 1.
 * - It runs until SIGINT (the terminal's Ctrl-C: kubectl catches it and exits 0); started in
 *   the background (`&`) it keeps forwarding while the reader's next lines run.
 *
 * The engine's network has no IPv6: the [::1] listener holds its port (a second port-forward on
 * it fails as on a real host) but nothing connects to it.
 */
import type { K8sObject } from '../../types';
import type { Effect } from '../../programs/types';
import type { HttpOutcome, ListenSpec, TcpOutcome } from '../../programs/net';
import { parseGoDuration } from '../../api/goduration';
import { parseTime } from '../../sim/time';
import { klogHeader } from '../../programs/nodetools/journal';
import { KubectlError, noResourceType, notFoundText, plainError, usageError } from '../errors';
import { formatLabelSelector, matches, parseSelector } from '../labels';
import { list, str } from '../flags';
import { qualifiedResource, resolveResource, resourceArgName } from '../resources';
import type { PortForwardConnection } from '../types';
import { type Command, type CommandContext, err, out, untilChange } from './context';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** client-go portforward.go: the line of `runtime.HandleError(err)` in handleConnection (v1.30's binary). */
const HANDLE_ERROR_SITE = 'portforward.go:413';

interface ForwardedPort {
  local: number;
  remote: number;
}

interface ListenAddress {
  address: string;
  protocol: 'tcp4' | 'tcp6';
  failureMode: 'all' | 'any';
}

/** splitPort: `[LOCAL:]REMOTE` (any other number of colons: the first part for both). */
function splitPort(port: string): [string, string] {
  const parts = port.split(':');
  if (parts.length === 2) return [parts[0], parts[1]];
  return [parts[0], parts[0]];
}

const isNumber = (s: string) => /^[+-]?\d+$/.test(s) && Number.isSafeInteger(Number(s));

/** util.LookupContainerPortNumberByName. */
function containerPortByName(pod: Any, name: string): number {
  for (const ctr of pod.spec?.containers ?? []) for (const p of ctr.ports ?? []) if (p.name === name) return p.containerPort;
  throw plainError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** util.LookupServicePortNumberByName. */
function servicePortByName(svc: Any, name: string): number {
  for (const p of svc.spec?.ports ?? []) if (p.name === name) return p.port;
  throw plainError(`Service '${svc.metadata.name}' does not have a named port '${name}'`);
}

/** util.LookupContainerPortNumberByServicePort: the target port, a named one looked up in the pod. */
function containerPortByServicePort(svc: Any, pod: Any, port: number): number {
  for (const sp of svc.spec?.ports ?? []) {
    if (sp.port !== port) continue;
    if (svc.spec?.clusterIP === 'None') return port;
    const tp = sp.targetPort;
    if (tp === undefined || typeof tp === 'number') return tp ? tp : sp.port;
    return containerPortByName(pod, String(tp));
  }
  throw plainError(`Service ${svc.metadata.name} does not have a service port ${port}`);
}

/** translateServicePortToTargetPort. */
function translateServicePorts(ports: string[], svc: Any, pod: Any): string[] {
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let num = isNumber(remote) ? Number(remote) : NaN;
    if (Number.isNaN(num)) {
      num = servicePortByName(svc, remote);
      if (local === remote) local = String(num);
    }
    remote = String(containerPortByServicePort(svc, pod, num));
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** convertPodNamedPortToNumber. */
function convertPodNamedPorts(ports: string[], pod: Any): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    if (remote === '') throw plainError('remote port cannot be empty');
    const num = isNumber(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${num}` : num;
  });
}

/** checkUDPPorts: a remote port that is UDP only (in the Service, or in the pod's containers) cannot be forwarded. */
function checkUdp(ports: string[], entries: Array<{ port: number; protocol?: string }>, portOfName: (name: string) => number): void {
  const udp = new Set(entries.filter((e) => e.protocol === 'UDP').map((e) => e.port));
  for (const e of entries) if ((e.protocol ?? 'TCP') === 'TCP') udp.delete(e.port);
  for (const port of ports) {
    const [, remote] = splitPort(port);
    const num = isNumber(remote) ? Number(remote) : portOfName(remote);
    if (udp.has(num)) throw plainError(`UDP protocol is not supported for ${remote}`);
  }
}

/** Go's strconv.ParseUint(s, 10, 16) error text. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (n > 65535) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

/** client-go parsePorts. */
function parsePorts(ports: string[]): ForwardedPort[] {
  return ports.map((portString) => {
    const parts = portString.split(':');
    let local: string;
    let remote: string;
    if (parts.length === 1) local = remote = parts[0];
    else if (parts.length === 2) {
      local = parts[0] === '' ? '0' : parts[0];
      remote = parts[1];
    } else throw plainError(`invalid port format '${portString}'`);
    const l = parseUint16(local);
    if (typeof l === 'string') throw plainError(`error parsing local port '${local}': ${l}`);
    const r = parseUint16(remote);
    if (typeof r === 'string') throw plainError(`error parsing remote port '${remote}': ${r}`);
    if (r === 0) throw plainError('remote port must be > 0');
    return { local: l, remote: r };
  });
}

/** netutils.ParseIPSloppy, enough for listen addresses. */
function ipFamily(s: string): 4 | 6 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m) return m.slice(1).every((x) => Number(x) <= 255) ? 4 : undefined;
  if (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && (s.match(/::/g) ?? []).length <= 1) return 6;
  return undefined;
}

/** client-go parseAddresses: `localhost` is both loopbacks (failing only when both fail), sorted by address. */
function parseAddresses(addresses: string[]): ListenAddress[] {
  const parsed = new Map<string, ListenAddress>();
  for (const a of addresses) {
    if (a === 'localhost') {
      if (!parsed.has('127.0.0.1')) parsed.set('127.0.0.1', { address: '127.0.0.1', protocol: 'tcp4', failureMode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', protocol: 'tcp6', failureMode: 'all' });
    } else {
      const fam = ipFamily(a);
      if (fam === 4) parsed.set(a, { address: a, protocol: 'tcp4', failureMode: 'any' });
      else if (fam === 6) parsed.set(a, { address: a, protocol: 'tcp6', failureMode: 'any' });
      else throw plainError(`${a} is not a valid IP`);
    }
  }
  return [...parsed.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** net.JoinHostPort. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// ---- the pod ----------------------------------------------------------------------------

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readyCondition(p: Any): Any {
  return (p.status?.conditions ?? []).find((x: Any) => x.type === 'Ready');
}

/** A timestamp of the object (virtual ms), undefined for Go's zero time. */
function timeOf(s: string | undefined): number | undefined {
  const t = s ? parseTime(s) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
}

/** afterOrZero: t1 after t2, a zero time counting as after. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** podutils.ActivePods Less: whether `a` is less active than `b`. */
function lessActive(a: Any, b: Any): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const pa = PHASE_RANK[a.status?.phase] ?? 0;
  const pb = PHASE_RANK[b.status?.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  const ra = readyCondition(a)?.status === 'True';
  const rb = readyCondition(b)?.status === 'True';
  if (ra !== rb) return !ra;
  if (ra && rb) {
    const ta = timeOf(readyCondition(a)?.lastTransitionTime);
    const tb = timeOf(readyCondition(b)?.lastTransitionTime);
    if (ta !== tb) return afterOrZero(ta, tb);
  }
  const restarts = (p: Any) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s: Any) => Number(s.restartCount ?? 0)));
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  const ca = timeOf(a.metadata?.creationTimestamp);
  const cb = timeOf(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
}

/** SelectorsForObject: the object's pod selector, as a label selector string. */
function selectorOf(kind: string, o: Any): string {
  if (kind === 'Service') {
    const sel = o.spec?.selector ?? {};
    if (Object.keys(sel).length === 0) throw plainError(`cannot attach to *v1.Service: invalid service '${o.metadata.name}': Service is defined without a selector`);
    return Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
  }
  const text = formatLabelSelector(o.spec?.selector);
  return text === '<none>' ? '' : text;
}

/** The kinds SelectorsForObject knows. */
const ATTACHABLE = new Set(['ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'Service']);

/**
 * builder.ResourceNames("pods", arg) then AttachablePodForObject: a pod as it is, or the most
 * active pod of the object's selector (sort.Reverse(ActivePods)); none yet: the first one a
 * watch sees within the timeout.
 */
function* forwardablePod(c: CommandContext, arg: string, timeoutMs: number): Generator<Effect, { obj: K8sObject; kind: string; pod: K8sObject }, unknown> {
  const slash = arg.indexOf('/');
  const type = slash < 0 ? 'pods' : arg.slice(0, slash);
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const r = resolveResource(c.host.resources(), type);
  if (!r) throw noResourceType(resourceArgName(type));
  const obj = c.host.get(r.kind, r.namespaced ? c.namespace : '', name);
  if (!obj) throw new KubectlError(notFoundText(qualifiedResource(r), name));
  if (r.kind === 'Pod') return { obj, kind: r.kind, pod: obj };
  // %T of the typed object: the Go package is the API version (`*v1.ConfigMap`, `*v1.Deployment`)
  const goType = `*${r.apiVersion.split('/').pop()}.${r.kind}`;
  if (!ATTACHABLE.has(r.kind)) throw plainError(`cannot attach to ${goType}: selector for ${goType} not implemented`);
  const sel = parseSelector(selectorOf(r.kind, obj));
  if (!sel.ok) throw plainError(sel.error);
  const ns = obj.metadata.namespace ?? c.namespace;
  const deadline = c.host.now() + timeoutMs;
  for (;;) {
    const pods = c.host.list('Pod', ns).filter((p) => matches(sel.reqs, p.metadata.labels));
    if (pods.length > 0) {
      let best = pods[0];
      for (const p of pods.slice(1)) if (lessActive(best, p)) best = p;
      return { obj, kind: r.kind, pod: best };
    }
    if (!c.canWait || c.host.now() >= deadline || !(yield* untilChange(c, 'Pod', ns, deadline))) throw plainError('timed out waiting for the condition');
  }
}

// ---- forwarding -------------------------------------------------------------------------

/** What a forwarded connection needs: where kubectl writes, the streaming connection, and how it ends. */
interface Forwarder {
  c: CommandContext;
  conn: PortForwardConnection;
  lost: boolean;
}

/** handleConnection's end when the error stream carried a message: runtime.HandleError, then the connection is closed. */
function forwardError(f: Forwarder, port: ForwardedPort, message: string): void {
  const pid = f.c.io.pid ?? 0;
  err(f.c, `${klogHeader(f.c.host.now(), pid, HANDLE_ERROR_SITE, 'E')}an error occurred forwarding ${port.local} -> ${port.remote}: ${message}\n`);
  f.lost = true;
  f.conn.close();
}

/** The listener's handlers: each connection is one stream pair to localhost:REMOTE in the pod. */
function forwardingSpec(f: Forwarder, port: ForwardedPort, address: string, localPort: () => number): ListenSpec {
  const handling = () => out(f.c, `Handling connection for ${localPort()}\n`);
  return {
    port: port.local,
    address,
    owner: 'kubectl',
    get tls() {
      return f.conn.peek(port.remote)?.tls;
    },
    http(req, reply) {
      handling();
      f.conn.dial(port.remote).onSettle((d) => {
        if (!d.ok) {
          // the data stream ends with nothing (the client's connection is closed), then the error is handled
          reply(undefined);
          forwardError(f, port, d.error);
          return;
        }
        d.net.http({ ip: '127.0.0.1', port: port.remote, method: req.method, path: req.path, headers: req.headers, version: req.version, tls: req.tls }).onSettle((o: HttpOutcome) => reply(o.ok ? o.response : undefined));
      });
    },
    tcp(conn, reply) {
      handling();
      f.conn.dial(port.remote).onSettle((d) => {
        if (!d.ok || !d.net.tcp) {
          reply(undefined);
          if (!d.ok) forwardError(f, port, d.error);
          return;
        }
        d.net.tcp({ ip: '127.0.0.1', port: port.remote, data: conn.data }).onSettle((o: TcpOutcome) => reply(o.ok ? o.data : undefined));
      });
    },
    grpcHealth(service) {
      handling();
      const far = f.conn.peek(port.remote);
      // the far end is dialed as for any stream (its failure is logged and ends the forwarding)
      f.conn.dial(port.remote).onSettle((d) => {
        if (!d.ok) forwardError(f, port, d.error);
      });
      return far?.grpcHealth ? far.grpcHealth(service) : undefined;
    },
  };
}

function* runPortForward(c: CommandContext): Generator<Effect, number, unknown> {
  // a Duration flag: pflag refuses a bad value while parsing the flags, before anything else
  const timeoutText = str(c.flags, 'pod-running-timeout', '1m0s');
  const parsed = parseGoDuration(timeoutText);
  if ('error' in parsed) throw plainError(`invalid argument "${timeoutText}" for "--pod-running-timeout" flag: ${parsed.error}\nSee '${c.commandPath} --help' for usage.`);
  if (c.args.length < 2) throw usageError(c.commandPath, 'TYPE/NAME and list of ports are required for port-forward');
  if (parsed.ms <= 0) throw usageError(c.commandPath, '--pod-running-timeout must be higher than zero');
  const { obj, kind, pod: chosen } = yield* forwardablePod(c, c.args[0], parsed.ms);
  const args = c.args.slice(1);
  let ports: string[];
  if (kind === 'Service') {
    checkUdp(args, ((obj as Any).spec?.ports ?? []).map((p: Any) => ({ port: p.port, protocol: p.protocol })), (n) => servicePortByName(obj, n));
    ports = translateServicePorts(args, obj, chosen);
  } else {
    const entries = ((chosen as Any).spec?.containers ?? []).flatMap((ct: Any) => (ct.ports ?? []).map((p: Any) => ({ port: p.containerPort, protocol: p.protocol })));
    checkUdp(args, entries, (n) => containerPortByName(chosen, n));
    ports = convertPodNamedPorts(args, chosen);
  }
  if (ports.length < 1) throw plainError('at least 1 PORT is required for port-forward');
  // RunPortForward: the pod as it is now
  const ns = chosen.metadata.namespace ?? c.namespace;
  const name = chosen.metadata.name ?? '';
  const pod = c.host.get('Pod', ns, name) as Any;
  if (!pod) throw new KubectlError(notFoundText('pods', name));
  const phase = pod.status?.phase ?? '';
  if (phase !== 'Running') throw plainError(`unable to forward port because pod is not running. Current status=${phase}`);
  // NewOnAddresses
  const addressFlag = c.flags.changed.has('address') ? list(c.flags, 'address') : ['localhost'];
  if (addressFlag.length === 0) throw plainError('you must specify at least 1 address');
  const addresses = parseAddresses(addressFlag);
  const forwarded = parsePorts(ports);
  // ForwardPorts: the upgraded connection, then the listeners
  // a read-only view (no live cluster, no sockets) cannot forward: the simulator's own sentence
  const conn = c.host.portForward?.(ns, name);
  const net = c.io.net;
  if (!conn || !net) throw plainError(`"${c.commandPath}" is not available in this simulated cluster`);
  if ('error' in conn) throw new KubectlError(conn.error.endsWith('\n') ? conn.error : `${conn.error}\n`);
  const f: Forwarder = { c, conn, lost: false };
  const listeners: Array<{ close(): void }> = [];
  let listenSuccess = false;
  for (const port of forwarded) {
    const errors: string[] = [];
    const fails = { all: 0, any: 0 };
    const successes = { all: 0, any: 0 };
    for (const a of addresses) {
      const l = net.listen(forwardingSpec(f, port, a.address, () => port.local));
      if ('error' in l) {
        const what = l.error === 'EADDRINUSE' ? 'address already in use' : 'cannot assign requested address';
        errors.push(`unable to create listener: Error listen ${a.protocol} ${joinHostPort(a.address, port.local)}: bind: ${what}`);
        fails[a.failureMode]++;
        continue;
      }
      // port 0: the kernel's port, kept for the next addresses (getListener sets port.Local)
      port.local = l.port;
      listeners.push(l);
      successes[a.failureMode]++;
      out(c, `Forwarding from ${joinHostPort(a.address, l.port)} -> ${port.remote}\n`);
    }
    if ((successes.all === 0 && fails.all > 0) || fails.any > 0) err(c, `Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`);
    else listenSuccess = true;
  }
  const closeAll = () => {
    for (const l of listeners) l.close();
    conn.close();
  };
  if (!listenSuccess) {
    closeAll();
    throw plainError(`unable to listen on any of the requested ports: [${forwarded.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
  }
  if (!c.canWait) {
    closeAll();
    return 0;
  }
  // wait for interrupt (kubectl's signal.Notify(os.Interrupt)) or the connection's end
  let interrupted = false;
  c.io.onSignal?.('SIGINT', () => {
    interrupted = true;
  });
  while (!interrupted && !conn.closed.settled) yield { kind: 'await', future: conn.closed };
  closeAll();
  if (f.lost && !interrupted) throw plainError('lost connection to pod');
  return 0;
}

export const portForwardCommand: Command = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  long: "Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.\n\n If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.",
  use: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: [
    { name: 'address', type: 'stringSlice' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run: runPortForward,
};
