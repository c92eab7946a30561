/**
 * The ipsets the ipvs proxier keeps (pkg/proxy/ipvs/ipset.go, proxier.go syncProxyRules), with
 * members in `ipset list` notation, and the `-m set` matcher the packet walk uses.
 * The iptables rules stay constant; the per-service data lives here.
 */
import { categorizeEndpoints, type ServicePort } from './service-ports';
import type { SetMatcher } from './walk';

export type IpsetType = 'hash:ip,port' | 'hash:ip,port,ip' | 'bitmap:port' | 'hash:ip';

export interface Ipset {
  name: string;
  type: IpsetType;
  members: Set<string>;
}

export function buildIpsets(ports: ServicePort[], boundAddresses: string[]): Map<string, Ipset> {
  const sets = new Map<string, Ipset>();
  const def = (name: string, type: IpsetType) => sets.set(name, { name, type, members: new Set() });
  def('KUBE-LOOP-BACK', 'hash:ip,port,ip');
  def('KUBE-CLUSTER-IP', 'hash:ip,port');
  def('KUBE-EXTERNAL-IP', 'hash:ip,port');
  def('KUBE-EXTERNAL-IP-LOCAL', 'hash:ip,port');
  def('KUBE-LOAD-BALANCER', 'hash:ip,port');
  def('KUBE-LOAD-BALANCER-LOCAL', 'hash:ip,port');
  def('KUBE-NODE-PORT-TCP', 'bitmap:port');
  def('KUBE-NODE-PORT-LOCAL-TCP', 'bitmap:port');
  def('KUBE-NODE-PORT-UDP', 'bitmap:port');
  def('KUBE-NODE-PORT-LOCAL-UDP', 'bitmap:port');
  def('KUBE-HEALTH-CHECK-NODE-PORT', 'bitmap:port');
  def('KUBE-IPVS-IPS', 'hash:ip');
  const add = (name: string, member: string) => sets.get(name)?.members.add(member);
  for (const sp of ports) {
    const proto = sp.protocol.toLowerCase();
    add('KUBE-CLUSTER-IP', `${sp.clusterIP},${proto}:${sp.port}`);
    for (const ip of sp.externalIPs) add(sp.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', `${ip},${proto}:${sp.port}`);
    for (const ip of sp.loadBalancerIPs) {
      add('KUBE-LOAD-BALANCER', `${ip},${proto}:${sp.port}`);
      if (sp.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', `${ip},${proto}:${sp.port}`);
    }
    if (sp.nodePort !== 0 && (sp.protocol === 'TCP' || sp.protocol === 'UDP')) {
      add(`KUBE-NODE-PORT-${sp.protocol}`, String(sp.nodePort));
      if (sp.externalPolicyLocal) add(`KUBE-NODE-PORT-LOCAL-${sp.protocol}`, String(sp.nodePort));
    }
    if (sp.healthCheckNodePort !== 0) add('KUBE-HEALTH-CHECK-NODE-PORT', String(sp.healthCheckNodePort));
    for (const ep of categorizeEndpoints(sp).allReachable) if (ep.isLocal) add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${ep.port},${ep.ip}`);
  }
  for (const ip of boundAddresses) add('KUBE-IPVS-IPS', ip);
  return sets;
}

/** `-m set --match-set NAME FLAGS` against the packet's fields. */
export function setMatcher(sets: Map<string, Ipset>): SetMatcher {
  return (name, flags, p) => {
    const set = sets.get(name);
    if (!set) return false;
    const f = flags.split(',');
    const field = (which: string | undefined) => (which === 'src' ? p.src : p.dst);
    let key: string;
    switch (set.type) {
      case 'bitmap:port':
        key = String(p.dport);
        break;
      case 'hash:ip':
        key = field(f[0]);
        break;
      case 'hash:ip,port':
        key = `${field(f[0])},${p.proto}:${p.dport}`;
        break;
      case 'hash:ip,port,ip':
        key = `${field(f[0])},${p.proto}:${p.dport},${field(f[2])}`;
        break;
    }
    return set.members.has(key);
  };
}
