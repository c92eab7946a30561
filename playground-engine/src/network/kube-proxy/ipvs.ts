/**
 * IPVS as the ipvs proxier programs it (pkg/proxy/ipvs/proxier.go, graceful_termination.go) and
 * as the kernel schedules and lists it (ip_vs_rr.c, ipvsadm.c):
 * - one virtual server per ClusterIP, externalIP, LB IP and (NodePort) node address, scheduler
 *   `rr`, `persistent <timeout>` for ClientIP affinity; each endpoint is a `Masq` real server
 *   of weight 1; every ClusterIP/externalIP/LB IP is bound to the dummy `kube-ipvs0`;
 * - a removed TCP real server with connections is kept with weight 0 (no new connections) and
 *   deleted by the 1-minute sweep once both counters are 0; UDP ones are deleted at once;
 * - rr: the kernel keeps destinations newest-first and resumes after the last one picked,
 *   skipping weight-0 servers;
 * - counters: ActiveConn = established TCP, InActConn = everything else (closed TCP until the
 *   120 s FIN/TIME_WAIT timeout, UDP flows for 300 s).
 */
import type { VirtualMs } from '../../types';
import { compareIPv4 } from '../ip';
import { categorizeEndpoints, type Protocol, type ServicePort } from './service-ports';

export const IPVS_VERSION = '1.2.1';
export const IPVS_CONN_TAB_SIZE = 4096;
export const GRACEFUL_SWEEP_MS = 60_000;
export const TCP_FIN_TIMEOUT_MS = 120_000;
export const UDP_TIMEOUT_MS = 300_000;

const PROTO_NUM: Record<Protocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

export interface RealServer {
  ip: string;
  port: number;
  weight: number;
  activeConn: number;
  inactConn: number;
}

export interface VirtualServer {
  protocol: Protocol;
  ip: string;
  port: number;
  scheduler: string;
  /** Persistence timeout in seconds (ClientIP affinity), 0 = none. */
  persistent: number;
  /** Kernel order: newest first. */
  dests: RealServer[];
  /** rr position: the last destination picked (by key), undefined = list head. */
  rrLast?: string;
  /** The service port this virtual server belongs to. */
  spn: string;
}

interface Connection {
  vs: string;
  rs: string;
  state: 'active' | 'inactive';
  expiresAt?: VirtualMs;
}

const vsKey = (p: string, ip: string, port: number) => `${p}/${ip}:${port}`;
const rsKey = (rs: { ip: string; port: number }) => `${rs.ip}:${rs.port}`;

export type IpvsPick =
  | { ok: true; vs: VirtualServer; rs: RealServer; connId: number }
  /** A virtual server without usable real servers. */
  | { ok: false; vs: VirtualServer; reason: 'no-destination' };

/** A binary min-heap of expiry times (ties in insertion order). */
class DueHeap {
  private h: Array<{ t: VirtualMs; key: number | string; n: number }> = [];
  private n = 0;

  peek(): { t: VirtualMs; key: number | string } | undefined {
    return this.h[0];
  }

  push(e: { t: VirtualMs; key: number | string }): void {
    const x = { t: e.t, key: e.key, n: this.n++ };
    const h = this.h;
    let i = h.length;
    h.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!DueHeap.less(x, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = x;
  }

  pop(): void {
    const h = this.h;
    const last = h.pop();
    if (!h.length || !last) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const m = r < h.length && DueHeap.less(h[r], h[l]) ? r : l;
      if (!DueHeap.less(h[m], last)) break;
      h[i] = h[m];
      i = m;
    }
    h[i] = last;
  }

  private static less(a: { t: VirtualMs; n: number }, b: { t: VirtualMs; n: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.n < b.n) || (Number.isNaN(b.t) && !Number.isNaN(a.t));
  }
}

export class IpvsState {
  private readonly servers = new Map<string, VirtualServer>();
  private readonly graceful = new Map<string, { vs: string; rs: string }>();
  private readonly conns = new Map<number, Connection>();
  private readonly templates = new Map<string, { rs: string; expiresAt: VirtualMs }>();
  /**
   * What may expire, earliest first: (time, connection id) or (time, template key). Entries
   * left behind by a removed or refreshed connection or template are skipped when they come
   * up, so expire() touches only what is due instead of scanning every connection.
   */
  private readonly due = new DueHeap();
  private readonly bound: string[] = [];
  private nextConn = 1;

  constructor(readonly scheduler = 'rr') {}

  /** syncProxyRules: bring virtual and real servers in line with the service ports. */
  sync(ports: ServicePort[], nodeIPs: string[], now: VirtualMs): void {
    const want = new Map<string, { vs: Omit<VirtualServer, 'dests' | 'rrLast'>; eps: Array<{ ip: string; port: number }>; bind: boolean }>();
    const bindOrder: string[] = [];
    for (const sp of ports) {
      const cat = categorizeEndpoints(sp);
      const pick = (onlyLocal: boolean) => (onlyLocal && cat.local.length > 0 ? cat.local : cat.cluster);
      const add = (ip: string, port: number, onlyLocal: boolean, bind: boolean) => {
        const k = vsKey(sp.protocol, ip, port);
        want.set(k, {
          vs: { protocol: sp.protocol, ip, port, scheduler: this.scheduler, persistent: sp.stickySeconds, spn: sp.spn },
          eps: pick(onlyLocal).map((e) => ({ ip: e.ip, port: e.port })),
          bind,
        });
        if (bind && !bindOrder.includes(ip)) bindOrder.push(ip);
      };
      add(sp.clusterIP, sp.port, sp.internalPolicyLocal, true);
      for (const ip of sp.externalIPs) add(ip, sp.port, sp.externalPolicyLocal, !nodeIPs.includes(ip));
      for (const ip of sp.loadBalancerIPs) add(ip, sp.port, sp.externalPolicyLocal, true);
      if (sp.nodePort !== 0) for (const ip of nodeIPs) add(ip, sp.nodePort, sp.externalPolicyLocal, false);
    }
    // Virtual servers no longer wanted go away with their connections' accounting.
    for (const k of [...this.servers.keys()]) {
      if (!want.has(k)) {
        this.servers.delete(k);
        for (const [gk, g] of [...this.graceful]) if (g.vs === k) this.graceful.delete(gk);
      }
    }
    for (const [k, w] of want) {
      let vs = this.servers.get(k);
      if (!vs) {
        vs = { ...w.vs, dests: [] };
        this.servers.set(k, vs);
      } else {
        vs.persistent = w.vs.persistent;
        vs.scheduler = w.vs.scheduler;
        vs.spn = w.vs.spn;
      }
      const wantKeys = new Set(w.eps.map(rsKey));
      // New endpoints: added in sorted order, each inserted at the head of the kernel list.
      for (const ep of [...w.eps].sort((a, b) => (rsKey(a) < rsKey(b) ? -1 : 1))) {
        const existing = vs.dests.find((d) => rsKey(d) === rsKey(ep));
        const gk = `${k}/${rsKey(ep)}`;
        if (existing) {
          if (this.graceful.has(gk)) {
            this.graceful.delete(gk);
            existing.weight = 1;
          }
          continue;
        }
        vs.dests.unshift({ ip: ep.ip, port: ep.port, weight: 1, activeConn: 0, inactConn: 0 });
      }
      // Removed endpoints: graceful deletion.
      for (const d of [...vs.dests]) {
        if (wantKeys.has(rsKey(d))) continue;
        const gk = `${k}/${rsKey(d)}`;
        if (this.graceful.has(gk)) continue;
        if (vs.protocol === 'UDP' || d.activeConn + d.inactConn === 0) this.deleteDest(vs, d);
        else {
          d.weight = 0;
          this.graceful.set(gk, { vs: k, rs: rsKey(d) });
        }
      }
    }
    // kube-ipvs0: keep bound addresses in binding order, drop unused ones.
    const wanted = new Set(bindOrder);
    for (let i = this.bound.length - 1; i >= 0; i--) if (!wanted.has(this.bound[i])) this.bound.splice(i, 1);
    for (const ip of bindOrder) if (!this.bound.includes(ip)) this.bound.push(ip);
    this.expire(now);
  }

  /** The 1-minute graceful termination sweep: delete weight-0 servers without connections. */
  gracefulSweep(now: VirtualMs): void {
    this.expire(now);
    for (const [gk, g] of [...this.graceful]) {
      const vs = this.servers.get(g.vs);
      const d = vs?.dests.find((x) => rsKey(x) === g.rs);
      if (!vs || !d) {
        this.graceful.delete(gk);
        continue;
      }
      if (d.activeConn + d.inactConn === 0) {
        this.deleteDest(vs, d);
        this.graceful.delete(gk);
      }
    }
  }

  /** Expire closed connections and persistence templates whose timeout passed. */
  expire(now: VirtualMs): void {
    for (;;) {
      const e = this.due.peek();
      if (!e || !(e.t <= now)) break;
      this.due.pop();
      if (typeof e.key === 'number') {
        const c = this.conns.get(e.key);
        if (c && c.state === 'inactive' && c.expiresAt === e.t) {
          const d = this.dest(c.vs, c.rs);
          if (d) d.inactConn = Math.max(0, d.inactConn - 1);
          this.conns.delete(e.key);
        }
      } else if (this.templates.get(e.key)?.expiresAt === e.t) this.templates.delete(e.key);
    }
  }

  private expiresAt(t: VirtualMs, key: number | string): VirtualMs {
    this.due.push({ t, key });
    return t;
  }

  lookup(protocol: Protocol, ip: string, port: number): VirtualServer | undefined {
    return this.servers.get(vsKey(protocol, ip, port));
  }

  /** Schedule a new connection to a virtual server and count it. */
  connect(vs: VirtualServer, src: string, now: VirtualMs): IpvsPick {
    this.expire(now);
    const k = vsKey(vs.protocol, vs.ip, vs.port);
    let rs: RealServer | undefined;
    const tk = `${k}/${src}`;
    if (vs.persistent > 0) {
      const t = this.templates.get(tk);
      const d = t ? vs.dests.find((x) => rsKey(x) === t.rs) : undefined;
      if (d && d.weight > 0) rs = d; // expire_quiescent_template: no reuse of weight-0 servers
    }
    rs = rs ?? this.roundRobin(vs);
    if (!rs) return { ok: false, vs, reason: 'no-destination' };
    if (vs.persistent > 0) this.templates.set(tk, { rs: rsKey(rs), expiresAt: this.expiresAt(now + vs.persistent * 1000, tk) });
    const id = this.nextConn++;
    if (vs.protocol === 'UDP') {
      rs.inactConn++;
      this.conns.set(id, { vs: k, rs: rsKey(rs), state: 'inactive', expiresAt: this.expiresAt(now + UDP_TIMEOUT_MS, id) });
    } else {
      rs.activeConn++;
      this.conns.set(id, { vs: k, rs: rsKey(rs), state: 'active' });
    }
    return { ok: true, vs, rs, connId: id };
  }

  /** The connection was closed by its peers: it lingers as inactive until the FIN timeout. */
  close(connId: number, now: VirtualMs): void {
    const c = this.conns.get(connId);
    if (!c || c.state !== 'active') return;
    const d = this.dest(c.vs, c.rs);
    if (d) {
      d.activeConn = Math.max(0, d.activeConn - 1);
      d.inactConn++;
    }
    c.state = 'inactive';
    c.expiresAt = this.expiresAt(now + TCP_FIN_TIMEOUT_MS, connId);
  }

  /** Addresses bound to kube-ipvs0, in binding order. */
  dummyAddresses(): string[] {
    return [...this.bound];
  }

  /** Virtual servers in ipvsadm's sort order (protocol number, address, port). */
  sortedServers(): VirtualServer[] {
    return [...this.servers.values()].sort(
      (a, b) => PROTO_NUM[a.protocol] - PROTO_NUM[b.protocol] || compareIPv4(a.ip, b.ip) || a.port - b.port,
    );
  }

  private roundRobin(vs: VirtualServer): RealServer | undefined {
    const n = vs.dests.length;
    if (n === 0) return undefined;
    const start = vs.rrLast === undefined ? -1 : vs.dests.findIndex((d) => rsKey(d) === vs.rrLast);
    for (let i = 1; i <= n; i++) {
      const d = vs.dests[(start + i + n) % n];
      if (d.weight > 0) {
        vs.rrLast = rsKey(d);
        return d;
      }
    }
    return undefined;
  }

  private deleteDest(vs: VirtualServer, d: RealServer): void {
    const i = vs.dests.indexOf(d);
    if (i < 0) return;
    // ip_vs_rr_del_dest: the position moves back to the previous entry.
    if (vs.rrLast === rsKey(d)) vs.rrLast = i > 0 ? rsKey(vs.dests[i - 1]) : undefined;
    vs.dests.splice(i, 1);
    for (const [id, c] of [...this.conns]) if (c.rs === rsKey(d) && c.vs === vsKey(vs.protocol, vs.ip, vs.port)) this.conns.delete(id);
  }

  private dest(vs: string, rs: string): RealServer | undefined {
    return this.servers.get(vs)?.dests.find((d) => rsKey(d) === rs);
  }
}

// --- ipvsadm -Ln ---

/** The virtual server's line in `ipvsadm -Ln` (`TCP  10.103.12.34:80 rr`). */
export function virtualServerLine(vs: VirtualServer): string {
  return serviceLine(vs);
}

function serviceLine(vs: VirtualServer): string {
  const name = `${vs.protocol.padEnd(4)} ${vs.ip}:${vs.port}`.slice(0, 33);
  return `${name} ${vs.scheduler}${vs.persistent > 0 ? ` persistent ${vs.persistent}` : ''}`;
}

function destLine(d: RealServer): string {
  const addr = `${d.ip}:${d.port}`.slice(0, 28);
  return `  -> ${addr.padEnd(28)} ${'Masq'.padEnd(7)} ${String(d.weight).padEnd(6)} ${String(d.activeConn).padEnd(10)} ${String(d.inactConn).padEnd(10)}`;
}

const TITLE = 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';

function serviceEntry(vs: VirtualServer): string {
  const dests = [...vs.dests].sort((a, b) => compareIPv4(a.ip, b.ip) || a.port - b.port);
  return [serviceLine(vs), ...dests.map(destLine)].map((l) => `${l}\n`).join('');
}

/** `ipvsadm -Ln` (list_all: version line, title, every service). */
export function ipvsadmList(state: IpvsState): string {
  return `IP Virtual Server version ${IPVS_VERSION} (size=${IPVS_CONN_TAB_SIZE})\n${TITLE}${state.sortedServers().map(serviceEntry).join('')}`;
}

/** `ipvsadm -Ln -t|-u VIP:PORT` (list_service: no version line); undefined = "No such service". */
export function ipvsadmListService(state: IpvsState, protocol: Protocol, ip: string, port: number): string | undefined {
  const vs = state.lookup(protocol, ip, port);
  return vs ? `${TITLE}${serviceEntry(vs)}` : undefined;
}
