/**
 * kube-proxy on one node: `sync(services, endpointSlices)` recomputes what the proxier would
 * program (iptables rules, or IPVS servers + the ipvs-mode iptables rules and ipsets), and the
 * views and decisions derived from it: `iptables-save`, `ipvsadm -Ln`, the kube-ipvs0
 * addresses, `/proxyMode`, and `route()` for a new connection.
 *
 * The engine decides *when* to sync (watches + minSyncPeriod 1 s / syncPeriod 30 s) and calls
 * `gracefulSweep` every minute in ipvs mode; this class holds no clock.
 */
import type { K8sObject, VirtualMs } from '../../types';
import { cidrContains, parseCidr } from '../ip';
import { buildServicePorts, type Protocol, type ServicePort } from './service-ports';
import { buildIptablesMode, buildIpvsMode, type IptablesRuleset } from './iptables';
import { iptablesSaveText, IPTABLES_VERSION, type SaveOptions } from './iptables-save';
import { IpvsState, ipvsadmList, ipvsadmListService, virtualServerLine } from './ipvs';
import { buildIpsets, setMatcher, type Ipset } from './ipsets';
import { RecentLists, walkPacket, type WalkResult } from './walk';

/** What the packet-path view needs of one routing decision (the walk's own records). */
export interface RouteDetail {
  crossed: WalkResult['crossed'];
  /** ipvs mode: the virtual server as `ipvsadm -Ln` prints its line, and its real servers at that moment (before this connection was counted). */
  ipvs?: { virtualServer: string; scheduler: string; realServers: Array<{ ip: string; port: number; weight: number; activeConn: number; inactConn: number }>; chosen?: string };
}

export type ProxyMode = 'iptables' | 'ipvs';

export interface KubeProxyConfig {
  mode: ProxyMode;
  nodeName: string;
  /** The node's own addresses (ens32, tunl0): NodePorts and `addrtype LOCAL`. */
  nodeIPs: string[];
  /** clusterCIDR (kubeadm: the pod subnet): the local-traffic detector. */
  clusterCIDR?: string;
  masqueradeAll?: boolean;
  /** The node's iptables version (the save header; ≥ 1.6.2 supports --random-fully). */
  iptablesVersion?: string;
  scheduler?: string;
  /** KUBE-PROXY-CANARY chains (iptables mode), default true. */
  canary?: boolean;
  /** The kubelet's KUBE-IPTABLES-HINT and KUBE-FIREWALL chains, default true. */
  kubeletChains?: boolean;
}

export type RouteDecision =
  | {
      kind: 'backend';
      ip: string;
      port: number;
      /** POSTROUTING masquerades the source (node → VIP, hairpin, NodePort with Cluster policy). */
      masquerade: boolean;
      rulesInspected: number;
      chains: string[];
      servicePort?: string;
      /** ipvs: the connection's id, to `closeConnection` when it ends. */
      connId?: number;
      detail?: RouteDetail;
    }
  | { kind: 'reject'; rulesInspected: number; chains: string[]; servicePort?: string; detail?: RouteDetail }
  | { kind: 'drop'; rulesInspected: number; chains: string[]; servicePort?: string; detail?: RouteDetail }
  /** Not a service address: the packet goes on unchanged. */
  | { kind: 'none' };

const NONE: RouteDecision = Object.freeze({ kind: 'none' });

/**
 * The keys of `KubeProxy.untouched` (protocol, destination, port, source, local) as nested
 * maps: one look-up per address and a number for the rest, instead of a key string built for
 * every connection. Cleared as a whole once it holds 4096 keys.
 */
class UntouchedSet {
  private rows = new Map<string, Map<string, Set<number>>>();
  private size = 0;

  row(dstIp: string, srcIp: string): Set<number> | undefined {
    return this.rows.get(dstIp)?.get(srcIp);
  }

  add(dstIp: string, srcIp: string, flags: number): void {
    if (this.size >= 4096) this.clear();
    let bySrc = this.rows.get(dstIp);
    if (!bySrc) this.rows.set(dstIp, (bySrc = new Map()));
    let set = bySrc.get(srcIp);
    if (!set) bySrc.set(srcIp, (set = new Set()));
    if (set.has(flags)) return;
    set.add(flags);
    this.size++;
  }

  clear(): void {
    this.rows.clear();
    this.size = 0;
  }
}

function supportsRandomFully(version: string): boolean {
  const [a, b, c] = version.split('.').map((x) => Number(x) || 0);
  return a > 1 || (a === 1 && (b > 6 || (b === 6 && c >= 2)));
}

export class KubeProxy {
  readonly config: KubeProxyConfig;
  private ports: ServicePort[] = [];
  private rules: IptablesRuleset;
  private sets = new Map<string, Ipset>();
  /** This node's addresses (addrtype LOCAL) and the ipset matcher, as of the last sync. */
  private local?: { addrs: ReadonlySet<string>; matcher: ReturnType<typeof setMatcher> };
  readonly ipvs: IpvsState;
  private readonly recent = new RecentLists();
  /**
   * Connections that no rule touches (`route()` said 'none' without a random draw or a
   * `recent` list): the same packet gets the same answer until the next sync, so the walk is
   * skipped. A pure speed-up (the kubelet's probes to pod IPs walk the whole ruleset otherwise).
   */
  private untouched = new UntouchedSet();
  /** How many syncs ran and when the last one was. */
  syncs = 0;
  lastSync?: VirtualMs;

  constructor(config: KubeProxyConfig) {
    this.config = { canary: true, kubeletChains: true, ...config };
    this.ipvs = new IpvsState(config.scheduler ?? 'rr');
    this.rules = this.build([]);
  }

  get mode(): ProxyMode {
    return this.config.mode;
  }

  /** syncProxyRules with the current Services and EndpointSlices (deterministic; never throws). */
  sync(services: K8sObject[], endpointSlices: K8sObject[], now: VirtualMs = 0): { natRules: number; filterRules: number; servicePorts: number } {
    this.local = undefined;
    this.untouched.clear();
    try {
      const ports = buildServicePorts((services ?? []).filter(Boolean), (endpointSlices ?? []).filter(Boolean), this.config.nodeName);
      if (this.mode === 'ipvs') this.ipvs.sync(ports, this.config.nodeIPs, now);
      this.rules = this.build(ports);
      this.sets = this.mode === 'ipvs' ? buildIpsets(ports, this.ipvs.dummyAddresses()) : new Map();
      this.ports = ports;
    } catch {
      // Malformed objects the API would have rejected: keep the rules of the last good sync.
    }
    if (this.mode === 'iptables') {
      const chains = new Set(this.rules.nat.chains);
      this.recent.retain(chains);
    }
    this.syncs++;
    this.lastSync = now;
    return { natRules: this.rules.nat.rules.length, filterRules: this.rules.filter.rules.length, servicePorts: this.ports.length };
  }

  private build(ports: ServicePort[]): IptablesRuleset {
    const opts = {
      clusterCIDR: this.config.clusterCIDR,
      masqueradeAll: this.config.masqueradeAll,
      randomFully: supportsRandomFully(this.config.iptablesVersion ?? IPTABLES_VERSION),
      canary: this.config.canary,
      kubeletChains: this.config.kubeletChains,
    };
    if (this.mode === 'iptables') return buildIptablesMode(ports, opts);
    const hasLocalEndpoints = ports.some((p) => p.endpoints.some((e) => e.isLocal));
    return buildIpvsMode(ports, { ...opts, canary: false, hasLocalEndpoints });
  }

  servicePorts(): readonly ServicePort[] {
    return this.ports;
  }

  ruleset(): IptablesRuleset {
    return this.rules;
  }

  ipsets(): ReadonlyMap<string, Ipset> {
    return this.sets;
  }

  /** `iptables-save [-t table]` at virtual time `now`. */
  iptablesSave(now: VirtualMs, opts: SaveOptions = {}): string {
    return iptablesSaveText(this.rules, now, { version: this.config.iptablesVersion ?? IPTABLES_VERSION, ...opts });
  }

  /** `ipvsadm -Ln` (all services), or one service (`-t`/`-u`); undefined = "No such service". */
  ipvsadmLn(service?: { protocol: Protocol; ip: string; port: number }): string | undefined {
    if (!service) return ipvsadmList(this.ipvs);
    return ipvsadmListService(this.ipvs, service.protocol, service.ip, service.port);
  }

  /** Addresses on kube-ipvs0 (ipvs mode; none in iptables mode). */
  kubeIpvs0Addresses(): string[] {
    return this.mode === 'ipvs' ? this.ipvs.dummyAddresses() : [];
  }

  /** The body of `http://127.0.0.1:10249/proxyMode` (no trailing newline). */
  proxyModeBody(): string {
    return this.mode;
  }

  /** The 1-minute graceful-termination sweep of ipvs mode. */
  gracefulSweep(now: VirtualMs): void {
    this.untouched.clear();
    if (this.mode === 'ipvs') this.ipvs.gracefulSweep(now);
  }

  closeConnection(connId: number | undefined, now: VirtualMs): void {
    if (connId !== undefined) this.ipvs.close(connId, now);
  }

  /**
   * A new connection from `srcIp` to `dstIp:dstPort` through this node's rules. `rand` returns
   * 32 random bits (the engine's Prng); `local` = sent by a process of this node (hostNetwork).
   */
  route(dstIp: string, dstPort: number, protocol: Protocol, srcIp: string, rand: () => number, now: VirtualMs, opts: { local?: boolean } = {}): RouteDecision {
    const local = opts.local ?? this.config.nodeIPs.includes(srcIp);
    // A packet's key without a string built per connection (every probe asks).
    const flags = (dstPort * 3 + (protocol === 'TCP' ? 0 : protocol === 'UDP' ? 1 : 2)) * 2 + (local ? 1 : 0);
    if (this.untouched.row(dstIp, srcIp)?.has(flags)) return NONE;
    let draws = 0;
    const counted = () => {
      draws++;
      return rand();
    };
    const uses = this.recent.uses;
    const d = this.decide(dstIp, dstPort, protocol, srcIp, counted, now, local);
    if (d.kind === 'none' && draws === 0 && this.recent.uses === uses) {
      this.untouched.add(dstIp, srcIp, flags);
    }
    return d;
  }

  private decide(dstIp: string, dstPort: number, protocol: Protocol, srcIp: string, rand: () => number, now: VirtualMs, local: boolean): RouteDecision {
    // kube-ipvs0's addresses change only in sync() (ipvs.sync binds and unbinds them).
    if (!this.local) this.local = { addrs: new Set([...this.config.nodeIPs, '127.0.0.1', ...this.kubeIpvs0Addresses()]), matcher: setMatcher(this.sets) };
    const localAddrs = this.local.addrs;
    const pkt = { src: srcIp, dst: dstIp, dport: dstPort, proto: protocol.toLowerCase(), local, localAddrs };
    const sp = this.ports.find((p) => p.protocol === protocol && ((p.clusterIP === dstIp && p.port === dstPort) || (p.nodePort === dstPort && localAddrs.has(dstIp)) || ((p.externalIPs.includes(dstIp) || p.loadBalancerIPs.includes(dstIp)) && p.port === dstPort)));
    const servicePort = sp?.spn;
    if (this.mode === 'iptables') {
      const w = walkPacket(this.rules, pkt, rand, this.recent, now);
      const detail: RouteDetail = { crossed: w.crossed };
      if (w.verdict === 'dnat' && w.to) return { kind: 'backend', ip: w.to.ip, port: w.to.port, masquerade: w.masquerade, rulesInspected: w.rulesInspected, chains: w.chains, servicePort, detail };
      if (w.verdict === 'reject') return { kind: 'reject', rulesInspected: w.rulesInspected, chains: w.chains, servicePort, detail };
      if (w.verdict === 'drop') return { kind: 'drop', rulesInspected: w.rulesInspected, chains: w.chains, servicePort, detail };
      return { kind: 'none' };
    }
    // ipvs: netfilter first (marks, KUBE-IPVS-FILTER), then the IPVS lookup at LOCAL_IN.
    const w = walkPacket(this.rules, pkt, rand, this.recent, now, this.local.matcher);
    const vs = this.ipvs.lookup(protocol, dstIp, dstPort);
    if (w.verdict === 'reject') return { kind: 'reject', rulesInspected: w.rulesInspected, chains: w.chains, servicePort, detail: { crossed: w.crossed } };
    if (w.verdict === 'drop') return { kind: 'drop', rulesInspected: w.rulesInspected, chains: w.chains, servicePort, detail: { crossed: w.crossed } };
    if (!vs) return { kind: 'none' };
    this.ipvs.expire(now);
    const ipvsDetail: NonNullable<RouteDetail['ipvs']> = {
      virtualServer: virtualServerLine(vs),
      scheduler: vs.scheduler,
      realServers: vs.dests.map((d) => ({ ip: d.ip, port: d.port, weight: d.weight, activeConn: d.activeConn, inactConn: d.inactConn })),
    };
    const pick = this.ipvs.connect(vs, srcIp, now);
    // No real server: the packet reaches the local stack on kube-ipvs0, which answers RST.
    if (!pick.ok) return { kind: 'reject', rulesInspected: w.rulesInspected + 1, chains: w.chains, servicePort: vs.spn, detail: { crossed: w.crossed, ipvs: ipvsDetail } };
    ipvsDetail.chosen = `${pick.rs.ip}:${pick.rs.port}`;
    const hairpin = pick.rs.ip === srcIp;
    return {
      kind: 'backend',
      ip: pick.rs.ip,
      port: pick.rs.port,
      masquerade: w.masquerade || hairpin,
      rulesInspected: w.rulesInspected + 1,
      chains: w.chains,
      servicePort: vs.spn,
      connId: pick.connId,
      detail: { crossed: w.crossed, ipvs: ipvsDetail },
    };
  }

  /** Whether an address is a pod address of the cluster CIDR (the local-traffic detector). */
  isPodAddress(ip: string): boolean {
    const c = this.config.clusterCIDR ? parseCidr(this.config.clusterCIDR) : undefined;
    return c ? cidrContains(c, ip) : false;
  }
}
