/**
 * A node's main routing table as Calico (IPIP mode, BIRD) and the CentOS 7 network scripts
 * leave it, computed from the cluster's addresses:
 * - `default via <gateway> dev ens32 proto static metric 100` and the zeroconf
 *   `169.254.0.0/16 dev ens32 scope link metric 1002` (network-scripts, one NIC);
 * - the node subnet `dev ens32 proto kernel scope link src <node ip> metric 100`;
 * - every other node's Calico block `via <node ip> dev tunl0 proto bird onlink`;
 * - the node's own block as `blackhole … proto bird` (BIRD's aggregate of the local block);
 * - each local pod as a /32 `dev cali<sha1(ns.pod)[:11]> scope link` (Felix).
 * The kernel dumps the table in address order (the FIB trie), as `route` and `ip route` print it.
 */
import { caliName } from './sha1';

export interface RouteNode {
  name: string;
  ip: string;
  /** The node's Calico block, e.g. 172.25.244.192/26. */
  block: string;
}

export interface NodeRoute {
  dest: string;
  prefix: number;
  gateway?: string;
  dev: string;
  kind: 'default' | 'zeroconf' | 'subnet' | 'tunnel' | 'blackhole' | 'pod' | 'static';
  metric: number;
}

export interface RouteInputs {
  self: RouteNode;
  peers: RouteNode[];
  localPods: Array<{ namespace: string; name: string; ip: string }>;
  gateway: string;
  /** The node subnet, e.g. 192.168.200.0/24. */
  subnet: string;
  /** Routes the machines carry besides the computed ones. */
  extra?: Array<{ dest: string; via: string }>;
}

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]) >>> 0;
}

export function maskOf(prefix: number): string {
  const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}

function split(cidr: string): [string, number] {
  const [a, p] = cidr.split('/');
  return [a, Number(p ?? 32)];
}

export function nodeRoutes(i: RouteInputs): NodeRoute[] {
  const out: NodeRoute[] = [];
  out.push({ dest: '0.0.0.0', prefix: 0, gateway: i.gateway, dev: 'ens32', kind: 'default', metric: 100 });
  out.push({ dest: '169.254.0.0', prefix: 16, dev: 'ens32', kind: 'zeroconf', metric: 1002 });
  const [net, np] = split(i.subnet);
  out.push({ dest: net, prefix: np, dev: 'ens32', kind: 'subnet', metric: 100 });
  for (const p of i.peers) {
    const [d, pr] = split(p.block);
    out.push({ dest: d, prefix: pr, gateway: p.ip, dev: 'tunl0', kind: 'tunnel', metric: 0 });
  }
  const [bd, bp] = split(i.self.block);
  out.push({ dest: bd, prefix: bp, dev: '*', kind: 'blackhole', metric: 0 });
  for (const pod of i.localPods) out.push({ dest: pod.ip, prefix: 32, dev: caliName(pod.namespace, pod.name), kind: 'pod', metric: 0 });
  for (const e of i.extra ?? []) {
    const [d, pr] = split(e.dest);
    out.push({ dest: d, prefix: pr, gateway: e.via, dev: 'tunl0', kind: 'static', metric: 0 });
  }
  return out.sort((a, b) => ipToInt(a.dest) - ipToInt(b.dest) || a.prefix - b.prefix);
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padL = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function flags(r: NodeRoute): string {
  return r.gateway ? 'UG' : r.prefix === 32 ? 'UH' : 'U';
}

/**
 * net-tools `route`: `-n` numeric; `-e` netstat's layout (MSS Window irtt). Without -n the
 * networks are named from /etc/networks (CentOS: default, loopback, link-local) and gateways
 * from the hosts file (`gateway`: nss-myhostname's name of the default gateway).
 */
export function formatRoute(routes: NodeRoute[], o: { numeric: boolean; extended: boolean; hostName: (ip: string) => string | undefined }): string {
  const dest = (r: NodeRoute) => (o.numeric ? r.dest : r.dest === '0.0.0.0' && r.prefix === 0 ? 'default' : r.dest === '169.254.0.0' && r.prefix === 16 ? 'link-local' : r.dest);
  const gw = (r: NodeRoute) => (!r.gateway ? (o.numeric ? '0.0.0.0' : '0.0.0.0') : o.numeric ? r.gateway : r.kind === 'default' ? 'gateway' : o.hostName(r.gateway) ?? r.gateway);
  let s = 'Kernel IP routing table\n';
  s += o.extended
    ? 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n'
    : 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  for (const r of routes) {
    const head = `${pad(dest(r), 15)} ${pad(gw(r), 15)} ${pad(maskOf(r.prefix), 15)} ${pad(flags(r), 5)} `;
    s += o.extended ? `${head}${padL('0', 5)} ${pad('0', 6)} ${padL('0', 5)} ${r.dev}\n` : `${head}${pad(String(r.metric), 6)} ${pad('0', 2)} ${padL('0', 7)} ${r.dev}\n`;
  }
  return s;
}

/** iproute2 (CentOS 7, 3.10): `ip route`, with the trailing space of that version. */
export function formatIpRoute(routes: NodeRoute[], selfIp: string): string {
  let s = '';
  for (const r of routes) {
    const d = r.prefix === 32 ? r.dest : `${r.dest}/${r.prefix}`;
    switch (r.kind) {
      case 'default': s += `default via ${r.gateway} dev ${r.dev} proto static metric ${r.metric} \n`; break;
      case 'zeroconf': s += `${d} dev ${r.dev} scope link metric ${r.metric} \n`; break;
      case 'subnet': s += `${d} dev ${r.dev} proto kernel scope link src ${selfIp} metric ${r.metric} \n`; break;
      case 'tunnel':
      case 'static': s += `${d} via ${r.gateway} dev ${r.dev} proto bird onlink \n`; break;
      case 'blackhole': s += `blackhole ${d} proto bird \n`; break;
      case 'pod': s += `${d} dev ${r.dev} scope link \n`; break;
    }
  }
  return s;
}
