/**
 * The default cluster of the notes, as constants: five CentOS 7 machines on 192.168.200.0/24,
 * three control-plane nodes (kubeadm-style static pods) and two workers, Calico IPIP with /26
 * blocks carved from the pod CIDR, kube-proxy in ipvs mode, CoreDNS.
 *
 * Taken from the notes (docs: shared/seed/k8s-basics.md):
 * - node names, the `route -e` table on k8s-master01: the Calico blocks per node and the node
 *   subnet 192.168.200.0/24 on ens32;
 * - kube-dns 10.103.0.10, calico-typha 10.103.6.32, metrics-server 10.103.119.223 (so the service
 *   CIDR is 10.103.0.0/16: .0.10 is kubeadm's "10th address" DNS IP, the two others lie in the
 *   dynamic upper band of a /16, and `kubernetes` gets the first address 10.103.0.1);
 * - `curl 127.0.0.1:10249/proxyMode` → `ipvs`; `/etc/resolv.conf` with `nameserver 10.103.0.10`.
 * Chosen here (the notes do not show them): the node IPs .61–.65, the pod CIDR 172.16.0.0/12
 * (it contains every block of the route table), versions of the OS, kernel and containerd.
 */

export const CLUSTER_DOMAIN = 'cluster.local';
export const POD_CIDR = '172.16.0.0/12';
export const SERVICE_CIDR = '10.103.0.0/16';
export const KUBERNETES_SERVICE_IP = '10.103.0.1';
export const CLUSTER_DNS_IP = '10.103.0.10';
export const NODE_SUBNET = '192.168.200.0/24';
/** The machines' default gateway and upstream DNS server (a VMware NAT network's .2). */
export const NODE_GATEWAY = '192.168.200.2';
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

export const KUBERNETES_VERSION = 'v1.30.2';
export const CONTAINERD_VERSION = 'containerd://1.7.13';
export const OS_IMAGE = 'CentOS Linux 7 (Core)';
export const KERNEL_VERSION = '4.19.12-1.el7.elrepo.x86_64';
export const PROXY_MODE: 'ipvs' | 'iptables' = 'ipvs';

/**
 * A route every machine of the notes' cluster carries besides Calico's per-block routes: the
 * notes' `route -e` on k8s-master01 shows `172.17.0.0 k8s-node02 255.255.0.0 UG … tunl0`
 * (not derived from any node's block; kept as the notes show it). Not on k8s-node02 itself.
 */
export const NOTES_EXTRA_ROUTES = [{ dest: '172.17.0.0/16', via: '192.168.200.65' }];

export interface ClusterNode {
  name: string;
  /** InternalIP on ens32. */
  ip: string;
  role: 'control-plane' | 'worker';
  /** The node's affine Calico IPAM block (its first ordinal is the tunl0 address). */
  block: string;
  /** spec.podCIDR as kube-controller-manager allocates it (--allocate-node-cidrs); Calico ignores it. */
  podCIDR: string;
}

export const NODES: readonly ClusterNode[] = [
  { name: 'k8s-master01', ip: '192.168.200.61', role: 'control-plane', block: '172.25.244.192/26', podCIDR: '172.16.0.0/24' },
  { name: 'k8s-master02', ip: '192.168.200.62', role: 'control-plane', block: '172.25.92.64/26', podCIDR: '172.16.1.0/24' },
  { name: 'k8s-master03', ip: '192.168.200.63', role: 'control-plane', block: '172.18.195.0/26', podCIDR: '172.16.2.0/24' },
  { name: 'k8s-node01', ip: '192.168.200.64', role: 'worker', block: '172.17.125.0/26', podCIDR: '172.16.3.0/24' },
  { name: 'k8s-node02', ip: '192.168.200.65', role: 'worker', block: '172.27.14.192/26', podCIDR: '172.16.4.0/24' },
];

export function nodeByName(name: string): ClusterNode | undefined {
  return NODES.find((n) => n.name === name);
}

export function nodeByIp(ip: string): ClusterNode | undefined {
  return NODES.find((n) => n.ip === ip);
}

/** The tunl0 address of a node: the first address of its block (Calico's IPIP tunnel address). */
export function tunnelIp(node: ClusterNode): string {
  const i = node.block.indexOf('/');
  return i < 0 ? node.block : node.block.slice(0, i);
}
