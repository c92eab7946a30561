/**
 * The iptables rules of one node, as kube-proxy v1.30 writes them (pkg/proxy/iptables/proxier.go
 * syncProxyRules, writeServiceToEndpointRules; pkg/proxy/ipvs/proxier.go writeIptablesRules in
 * ipvs mode) plus the kubelet's own chains (KUBE-IPTABLES-HINT, KUBE-FIREWALL).
 *
 * Order inside KUBE-SERVICES follows the order of the service ports given (real kube-proxy
 * iterates a Go map, so its order is unspecified; the engine passes Services sorted by
 * namespace/name). Calico's own `cali-*` chains are not modelled.
 */
import { categorizeEndpoints, externallyAccessible, usesClusterEndpoints, usesLocalEndpoints, type ServicePort } from './service-ports';
import { endpointChain, serviceChains } from './chains';
import { kubeProxyProbability, storedProbability } from './statistic';
import { IptTable, type Match, type Rule, type Target } from './rules';

export const MASQ_MARK = 0x4000;
export const LARGE_CLUSTER_ENDPOINTS = 1000;

export interface IptablesOptions {
  /** Local-traffic detector (detectLocalMode ClusterCIDR): `! -s <cidr>`; undefined = none. */
  clusterCIDR?: string;
  masqueradeAll?: boolean;
  /** The iptables binary supports `--random-fully` (≥ 1.6.2). */
  randomFully?: boolean;
  /** KUBE-PROXY-CANARY in mangle/nat/filter (iptables mode's monitor). */
  canary?: boolean;
  /** The kubelet's chains: KUBE-IPTABLES-HINT (mangle) and KUBE-FIREWALL (filter). */
  kubeletChains?: boolean;
}

export interface IptablesRuleset {
  nat: IptTable;
  filter: IptTable;
  mangle: IptTable;
  raw: IptTable;
  largeClusterMode: boolean;
}

const comment = (text: string): Match => ({ kind: 'comment', text });
const jump = (chain: string): Target => ({ kind: 'jump', chain });
const l4 = (proto: string, dport?: number): Match => ({ kind: 'l4', proto, dport });

/** Jumps from the built-in chains (EnsureRule Prepend: the last installed shows first). */
function iptablesModeJumps(nat: IptTable, filter: IptTable, kubelet: boolean): void {
  const newState: Match = { kind: 'conntrack', states: 'NEW' };
  const fw = 'kubernetes load balancer firewall';
  filter.add({ chain: 'INPUT', matches: [newState, comment(fw)], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add({ chain: 'INPUT', matches: [comment('kubernetes health check service ports')], target: jump('KUBE-NODEPORTS') });
  filter.add({ chain: 'INPUT', matches: [newState, comment('kubernetes externally-visible service portals')], target: jump('KUBE-EXTERNAL-SERVICES') });
  if (kubelet) filter.add({ chain: 'INPUT', matches: [], target: jump('KUBE-FIREWALL') });
  filter.add({ chain: 'FORWARD', matches: [newState, comment(fw)], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add({ chain: 'FORWARD', matches: [comment('kubernetes forwarding rules')], target: jump('KUBE-FORWARD') });
  filter.add({ chain: 'FORWARD', matches: [newState, comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  filter.add({ chain: 'FORWARD', matches: [newState, comment('kubernetes externally-visible service portals')], target: jump('KUBE-EXTERNAL-SERVICES') });
  filter.add({ chain: 'OUTPUT', matches: [newState, comment(fw)], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add({ chain: 'OUTPUT', matches: [newState, comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  if (kubelet) filter.add({ chain: 'OUTPUT', matches: [], target: jump('KUBE-FIREWALL') });
  nat.add({ chain: 'PREROUTING', matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add({ chain: 'OUTPUT', matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add({ chain: 'POSTROUTING', matches: [comment('kubernetes postrouting rules')], target: jump('KUBE-POSTROUTING') });
}

function postrouting(nat: IptTable, randomFully: boolean): void {
  nat.add({ chain: 'KUBE-POSTROUTING', matches: [{ kind: 'mark', neg: true, value: MASQ_MARK, mask: MASQ_MARK }], target: { kind: 'RETURN' } });
  nat.add({ chain: 'KUBE-POSTROUTING', matches: [], target: { kind: 'MARK', op: 'xor', value: MASQ_MARK } });
  nat.add({ chain: 'KUBE-POSTROUTING', matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE', randomFully } });
  nat.add({ chain: 'KUBE-MARK-MASQ', matches: [], target: { kind: 'MARK', op: 'or', value: MASQ_MARK } });
}

function kubeletFirewallRule(filter: IptTable): void {
  filter.add({
    chain: 'KUBE-FIREWALL',
    src: '127.0.0.0/8',
    srcNeg: true,
    dst: '127.0.0.0/8',
    matches: [comment('block incoming localnet connections'), { kind: 'conntrack', neg: true, states: 'RELATED,ESTABLISHED,DNAT' }],
    target: { kind: 'DROP' },
  });
}

function emptyTables(opts: IptablesOptions): IptablesRuleset {
  const t: IptablesRuleset = { nat: new IptTable('nat'), filter: new IptTable('filter'), mangle: new IptTable('mangle'), raw: new IptTable('raw'), largeClusterMode: false };
  if (opts.kubeletChains) t.mangle.declare('KUBE-IPTABLES-HINT');
  return t;
}

/** syncProxyRules of the iptables proxier, for one node. */
export function buildIptablesMode(ports: ServicePort[], opts: IptablesOptions = {}): IptablesRuleset {
  const t = emptyTables(opts);
  const { nat, filter } = t;
  const kubelet = opts.kubeletChains ?? false;
  if (opts.canary) for (const tb of [t.mangle, nat, filter]) tb.declare('KUBE-PROXY-CANARY');
  iptablesModeJumps(nat, filter, kubelet);
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) filter.declare(c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) nat.declare(c);
  postrouting(nat, opts.randomFully ?? true);
  // Localhost NodePorts are on (route_localnet): kube-proxy writes its copy of the kubelet rule.
  kubeletFirewallRule(filter);

  const totalEndpoints = ports.reduce((n, sp) => n + sp.endpoints.length, 0);
  const large = totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  t.largeClusterMode = large;
  const svcComment = (text: string): Match[] => (large ? [] : [comment(text)]);
  const notLocal = (): Pick<Rule, 'src' | 'srcNeg'> => (opts.clusterCIDR ? { src: opts.clusterCIDR, srcNeg: true } : {});

  for (const sp of ports) {
    const proto = sp.protocol.toLowerCase();
    const spn = sp.spn;
    const chains = serviceChains(spn, sp.protocol);
    const cat = categorizeEndpoints(sp);
    const usesClusterChain = cat.cluster.length > 0 && usesClusterEndpoints(sp);
    const usesLocalChain = cat.local.length > 0 && usesLocalEndpoints(sp);
    const internalChain = sp.internalPolicyLocal ? chains.svl : chains.svc;
    const hasInternal = cat.hasAny && (!sp.internalPolicyLocal || cat.local.length > 0);
    const externalPolicyChain = sp.externalPolicyLocal ? chains.svl : chains.svc;
    const hasExternal = cat.hasAny && (!sp.externalPolicyLocal || cat.local.length > 0);
    const usesExtChain = cat.hasAny && externallyAccessible(sp);
    const usesFw = cat.hasAny && sp.loadBalancerIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
    const lbChain = usesFw ? chains.fw : chains.ext;

    let internalFilter: { target: Target; comment: string } | undefined;
    let externalFilter: { target: Target; comment: string } | undefined;
    if (!cat.hasAny) {
      internalFilter = externalFilter = { target: { kind: 'REJECT' }, comment: `${spn} has no endpoints` };
    } else {
      if (!hasInternal) internalFilter = { target: { kind: 'DROP' }, comment: `${spn} has no local endpoints` };
      if (!hasExternal) externalFilter = { target: { kind: 'DROP' }, comment: `${spn} has no local endpoints` };
    }

    // Capture the clusterIP.
    if (hasInternal) {
      nat.add({ chain: 'KUBE-SERVICES', dst: sp.clusterIP, proto, matches: [comment(`${spn} cluster IP`), l4(proto, sp.port)], target: jump(internalChain) });
    } else if (internalFilter) {
      filter.add({ chain: 'KUBE-SERVICES', dst: sp.clusterIP, proto, matches: [comment(internalFilter.comment), l4(proto, sp.port)], target: internalFilter.target });
    }
    // Capture externalIPs.
    for (const ip of sp.externalIPs) {
      if (cat.hasAny) nat.add({ chain: 'KUBE-SERVICES', dst: ip, proto, matches: [comment(`${spn} external IP`), l4(proto, sp.port)], target: jump(chains.ext) });
      if (!hasExternal && externalFilter) {
        filter.add({ chain: 'KUBE-EXTERNAL-SERVICES', dst: ip, proto, matches: [comment(externalFilter.comment), l4(proto, sp.port)], target: externalFilter.target });
      }
    }
    // Capture load-balancer ingress.
    for (const ip of sp.loadBalancerIPs) {
      if (cat.hasAny) nat.add({ chain: 'KUBE-SERVICES', dst: ip, proto, matches: [comment(`${spn} loadbalancer IP`), l4(proto, sp.port)], target: jump(lbChain) });
      if (usesFw) {
        filter.add({ chain: 'KUBE-PROXY-FIREWALL', dst: ip, proto, matches: [comment(`${spn} traffic not accepted by ${chains.fw}`), l4(proto, sp.port)], target: { kind: 'DROP' } });
      }
    }
    if (!hasExternal && externalFilter) {
      for (const ip of sp.loadBalancerIPs) {
        filter.add({ chain: 'KUBE-EXTERNAL-SERVICES', dst: ip, proto, matches: [comment(externalFilter.comment), l4(proto, sp.port)], target: externalFilter.target });
      }
    }
    // Capture nodeports.
    if (sp.nodePort !== 0) {
      if (cat.hasAny) nat.add({ chain: 'KUBE-NODEPORTS', proto, matches: [comment(spn), l4(proto, sp.nodePort)], target: jump(chains.ext) });
      if (!hasExternal && externalFilter) {
        filter.add({
          chain: 'KUBE-EXTERNAL-SERVICES',
          proto,
          matches: [comment(externalFilter.comment), { kind: 'addrtype', type: 'dst', value: 'LOCAL' }, l4(proto, sp.nodePort)],
          target: externalFilter.target,
        });
      }
    }
    if (sp.healthCheckNodePort !== 0) {
      filter.add({ chain: 'KUBE-NODEPORTS', proto: 'tcp', matches: [comment(`${spn} health check node port`), l4('tcp', sp.healthCheckNodePort)], target: { kind: 'ACCEPT' } });
    }

    // Internal traffic: masquerade off-cluster sources.
    if (hasInternal) {
      const base = { chain: internalChain, dst: sp.clusterIP, proto, matches: [comment(`${spn} cluster IP`), l4(proto, sp.port)] };
      if (opts.masqueradeAll) nat.add({ ...base, target: jump('KUBE-MARK-MASQ') });
      else if (opts.clusterCIDR) nat.add({ ...base, ...notLocal(), target: jump('KUBE-MARK-MASQ') });
    }
    // External traffic chain.
    if (usesExtChain) {
      nat.declare(chains.ext);
      if (!sp.externalPolicyLocal) {
        nat.add({ chain: chains.ext, matches: [comment(`masquerade traffic for ${spn} external destinations`)], target: jump('KUBE-MARK-MASQ') });
      } else {
        if (opts.clusterCIDR) {
          nat.add({ chain: chains.ext, src: opts.clusterCIDR, matches: [comment(`pod traffic for ${spn} external destinations`)], target: jump(chains.svc) });
        }
        nat.add({ chain: chains.ext, matches: [comment(`masquerade LOCAL traffic for ${spn} external destinations`), { kind: 'addrtype', type: 'src', value: 'LOCAL' }], target: jump('KUBE-MARK-MASQ') });
        nat.add({ chain: chains.ext, matches: [comment(`route LOCAL traffic for ${spn} external destinations`), { kind: 'addrtype', type: 'src', value: 'LOCAL' }], target: jump(chains.svc) });
      }
      if (hasExternal) nat.add({ chain: chains.ext, matches: [], target: jump(externalPolicyChain) });
    }
    // Firewall chain for loadBalancerSourceRanges.
    if (usesFw) {
      nat.declare(chains.fw);
      for (const cidr of sp.loadBalancerSourceRanges) nat.add({ chain: chains.fw, src: cidr, matches: [comment(`${spn} loadbalancer IP`)], target: jump(chains.ext) });
      nat.add({ chain: chains.fw, matches: [comment(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`)] });
    }
    // Service → endpoint chains.
    if (usesClusterChain) {
      nat.declare(chains.svc);
      serviceToEndpointRules(nat, sp, chains.svc, cat.cluster, svcComment);
    }
    if (usesLocalChain) {
      nat.declare(chains.svl);
      serviceToEndpointRules(nat, sp, chains.svl, cat.local, svcComment);
    }
    // Per-endpoint chains.
    for (const ep of cat.allReachable) {
      const sep = endpointChain(spn, sp.protocol, ep.key);
      nat.declare(sep);
      nat.add({ chain: sep, src: ep.ip, matches: svcComment(spn), target: jump('KUBE-MARK-MASQ') });
      const ms: Match[] = [...svcComment(spn)];
      if (sp.stickySeconds > 0) ms.push({ kind: 'recent-set', name: sep });
      ms.push(l4(proto));
      nat.add({ chain: sep, proto, matches: ms, target: { kind: 'DNAT', to: ep.key } });
    }
  }

  // Tail-call to the nodeports chain (localhost NodePorts enabled: no `! -d 127.0.0.0/8`).
  nat.add({
    chain: 'KUBE-SERVICES',
    matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { kind: 'addrtype', type: 'dst', value: 'LOCAL' }],
    target: jump('KUBE-NODEPORTS'),
  });
  filter.add({ chain: 'KUBE-FORWARD', matches: [{ kind: 'conntrack', states: 'INVALID' }], target: { kind: 'DROP' } });
  filter.add({ chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding rules'), { kind: 'mark', neg: false, value: MASQ_MARK, mask: MASQ_MARK }], target: { kind: 'ACCEPT' } });
  filter.add({ chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding conntrack rule'), { kind: 'conntrack', states: 'RELATED,ESTABLISHED' }], target: { kind: 'ACCEPT' } });
  return t;
}

/** writeServiceToEndpointRules: affinity checks, then the statistic cascade. */
function serviceToEndpointRules(nat: IptTable, sp: ServicePort, chain: string, eps: ServicePort['endpoints'], svcComment: (t: string) => Match[]): void {
  if (sp.stickySeconds > 0) {
    for (const ep of eps) {
      const sep = endpointChain(sp.spn, sp.protocol, ep.key);
      nat.add({ chain, matches: [...svcComment(`${sp.spn} -> ${ep.key}`), { kind: 'recent-check', name: sep, seconds: sp.stickySeconds }], target: jump(sep) });
    }
  }
  const n = eps.length;
  eps.forEach((ep, i) => {
    const ms = svcComment(`${sp.spn} -> ${ep.key}`);
    if (i < n - 1) {
      const written = kubeProxyProbability(n - i);
      ms.push({ kind: 'statistic', written, stored: storedProbability(written) });
    }
    nat.add({ chain, matches: ms, target: jump(endpointChain(sp.spn, sp.protocol, ep.key)) });
  });
}

// --- ipvs mode ---

/** ipset comments (pkg/proxy/ipvs/ipset.go). */
export const IPSET_COMMENTS: Record<string, string> = {
  'KUBE-LOOP-BACK': 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  'KUBE-CLUSTER-IP': 'Kubernetes service cluster ip + port for masquerade purpose',
  'KUBE-EXTERNAL-IP': 'Kubernetes service external ip + port for masquerade and filter purpose',
  'KUBE-EXTERNAL-IP-LOCAL': 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  'KUBE-LOAD-BALANCER': 'Kubernetes service lb portal',
  'KUBE-LOAD-BALANCER-LOCAL': 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  'KUBE-NODE-PORT-TCP': 'Kubernetes nodeport TCP port for masquerade purpose',
  'KUBE-NODE-PORT-UDP': 'Kubernetes nodeport UDP port for masquerade purpose',
  'KUBE-NODE-PORT-LOCAL-TCP': 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  'KUBE-NODE-PORT-LOCAL-UDP': 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  'KUBE-HEALTH-CHECK-NODE-PORT': 'Kubernetes health check node port',
};

/** The ipvs proxier's iptables rules (writeIptablesRules); `sets` says which ipsets are non-empty. */
export function buildIpvsMode(ports: ServicePort[], opts: IptablesOptions & { hasLocalEndpoints: boolean }): IptablesRuleset {
  const t = emptyTables(opts);
  const { nat, filter } = t;
  const kubelet = opts.kubeletChains ?? false;
  // Built-in jumps (prepended: last installed first).
  nat.add({ chain: 'PREROUTING', matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add({ chain: 'OUTPUT', matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add({ chain: 'POSTROUTING', matches: [comment('kubernetes postrouting rules')], target: jump('KUBE-POSTROUTING') });
  filter.add({ chain: 'INPUT', matches: [comment('kubernetes ipvs access filter')], target: jump('KUBE-IPVS-FILTER') });
  filter.add({ chain: 'INPUT', matches: [comment('kube-proxy firewall rules')], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add({ chain: 'INPUT', matches: [comment('kubernetes health check rules')], target: jump('KUBE-NODE-PORT') });
  if (kubelet) filter.add({ chain: 'INPUT', matches: [], target: jump('KUBE-FIREWALL') });
  filter.add({ chain: 'FORWARD', matches: [comment('kube-proxy firewall rules')], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add({ chain: 'FORWARD', matches: [comment('kubernetes forwarding rules')], target: jump('KUBE-FORWARD') });
  filter.add({ chain: 'OUTPUT', matches: [comment('kubernetes ipvs access filter')], target: jump('KUBE-IPVS-OUT-FILTER') });
  if (kubelet) filter.add({ chain: 'OUTPUT', matches: [], target: jump('KUBE-FIREWALL') });
  for (const c of ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ']) nat.declare(c);
  for (const c of ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER']) filter.declare(c);
  if (kubelet) kubeletFirewallRule(filter);

  const set = (name: string, flags: string): Match => ({ kind: 'set', name, flags });
  const nodePortProtos = new Set(ports.filter((p) => p.nodePort !== 0).map((p) => p.protocol));
  const hasCluster = ports.length > 0;
  const hasLB = ports.some((p) => p.loadBalancerIPs.length > 0);
  const hasExternal = ports.some((p) => p.externalIPs.length > 0 && !p.externalPolicyLocal);

  nat.add({ chain: 'KUBE-SERVICES', src: '127.0.0.0/8', matches: [], target: { kind: 'RETURN' } });
  if (opts.hasLocalEndpoints) {
    nat.add({ chain: 'KUBE-POSTROUTING', matches: [comment(IPSET_COMMENTS['KUBE-LOOP-BACK']), set('KUBE-LOOP-BACK', 'dst,dst,src')], target: { kind: 'MASQUERADE', randomFully: false } });
  }
  if (hasLB) nat.add({ chain: 'KUBE-SERVICES', matches: [comment(IPSET_COMMENTS['KUBE-LOAD-BALANCER']), set('KUBE-LOAD-BALANCER', 'dst,dst')], target: jump('KUBE-LOAD-BALANCER') });
  for (const proto of ['TCP', 'UDP'] as const) {
    if (!nodePortProtos.has(proto)) continue;
    const name = `KUBE-NODE-PORT-${proto}`;
    nat.add({ chain: 'KUBE-NODE-PORT', proto: proto.toLowerCase(), matches: [comment(IPSET_COMMENTS[name]), set(name, 'dst')], target: jump('KUBE-MARK-MASQ') });
  }
  if (hasCluster) {
    const base = { chain: 'KUBE-SERVICES', matches: [comment(IPSET_COMMENTS['KUBE-CLUSTER-IP']), set('KUBE-CLUSTER-IP', 'dst,dst')] };
    if (opts.masqueradeAll) nat.add({ ...base, target: jump('KUBE-MARK-MASQ') });
    else if (opts.clusterCIDR) nat.add({ ...base, src: opts.clusterCIDR, srcNeg: true, target: jump('KUBE-MARK-MASQ') });
    else nat.add({ chain: 'KUBE-SERVICES', matches: [comment(IPSET_COMMENTS['KUBE-CLUSTER-IP']), set('KUBE-CLUSTER-IP', 'src,dst')], target: jump('KUBE-MARK-MASQ') });
  }
  if (hasExternal) {
    nat.add({ chain: 'KUBE-SERVICES', matches: [comment(IPSET_COMMENTS['KUBE-EXTERNAL-IP']), set('KUBE-EXTERNAL-IP', 'dst,dst')], target: jump('KUBE-MARK-MASQ') });
  }
  nat.add({ chain: 'KUBE-SERVICES', matches: [{ kind: 'addrtype', type: 'dst', value: 'LOCAL' }], target: jump('KUBE-NODE-PORT') });
  nat.add({ chain: 'KUBE-LOAD-BALANCER', matches: [], target: jump('KUBE-MARK-MASQ') });
  filter.add({ chain: 'KUBE-SOURCE-RANGES-FIREWALL', matches: [], target: { kind: 'DROP' } });
  if (hasCluster) nat.add({ chain: 'KUBE-SERVICES', matches: [set('KUBE-CLUSTER-IP', 'dst,dst')], target: { kind: 'ACCEPT' } });
  if (hasLB) nat.add({ chain: 'KUBE-SERVICES', matches: [set('KUBE-LOAD-BALANCER', 'dst,dst')], target: { kind: 'ACCEPT' } });
  filter.add({ chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding rules'), { kind: 'mark', neg: false, value: MASQ_MARK, mask: MASQ_MARK }], target: { kind: 'ACCEPT' } });
  filter.add({ chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding conntrack rule'), { kind: 'conntrack', states: 'RELATED,ESTABLISHED' }], target: { kind: 'ACCEPT' } });
  filter.add({ chain: 'KUBE-NODE-PORT', matches: [comment(IPSET_COMMENTS['KUBE-HEALTH-CHECK-NODE-PORT']), set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')], target: { kind: 'ACCEPT' } });
  for (const [name, flags] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']]) {
    filter.add({ chain: 'KUBE-IPVS-FILTER', matches: [set(name, flags)], target: { kind: 'RETURN' } });
  }
  filter.add({ chain: 'KUBE-IPVS-FILTER', matches: [{ kind: 'conntrack', states: 'NEW' }, set('KUBE-IPVS-IPS', 'dst')], target: { kind: 'REJECT' } });
  postrouting(nat, opts.randomFully ?? true);
  return t;
}
