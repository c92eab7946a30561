/**
 * Calico IPAM: the pod CIDR is cut into /26 blocks; each node owns an affine block and hands
 * out pod IPs from it.
 *
 * Inside a block (libcalico-go `lib/ipam/ipam_block.go`): `Unallocated` is an ordered list of
 * ordinals that starts 0..63; autoAssign takes ordinals from the front of the list; release
 * appends the freed ordinals to the end. So a freed address is reused only after every other
 * free address of the block was handed out once — the reason the notes' pods on k8s-node01 got
 * 172.17.125.8, then .11, .12, .14 over several sessions, never .8 again.
 * When a node's blocks are full Calico claims another free block of the pool for it.
 */
import type { Prng } from '../sim/prng';
import { cidrContains, cidrSize, formatCidr, nthIp, parseCidr, parseIPv4, type Cidr } from './ip';
import { NODES, POD_CIDR, type ClusterNode } from './cluster';

export const BLOCK_PREFIX = 26;

/** One allocation block (model.AllocationBlock). */
export class AllocationBlock {
  readonly cidr: Cidr;
  /** Free ordinals, in the order they will be handed out. */
  readonly unallocated: number[];
  /** Handle of each allocated ordinal (undefined = free). */
  private readonly handles: Array<string | undefined>;

  constructor(cidr: string) {
    const c = parseCidr(cidr);
    if (!c) throw new Error(`invalid block CIDR ${cidr}`);
    this.cidr = c;
    const n = cidrSize(c);
    this.unallocated = Array.from({ length: n }, (_, i) => i);
    this.handles = new Array(n).fill(undefined);
  }

  get cidrString(): string {
    return formatCidr(this.cidr);
  }

  contains(ip: string): boolean {
    return cidrContains(this.cidr, ip);
  }

  /** autoAssign: the first free ordinal of the list. */
  autoAssign(handle: string): string | undefined {
    const ordinal = this.unallocated.shift();
    if (ordinal === undefined) return undefined;
    this.handles[ordinal] = handle;
    return nthIp(this.cidr, ordinal);
  }

  /** assign: a specific address (e.g. a static IP); false when taken or outside the block. */
  assign(ip: string, handle: string): boolean {
    const ord = this.ordinal(ip);
    if (ord === undefined || this.handles[ord] !== undefined) return false;
    this.handles[ord] = handle;
    const i = this.unallocated.indexOf(ord);
    if (i >= 0) this.unallocated.splice(i, 1);
    return true;
  }

  /** release: free an address; its ordinal goes to the end of the list. */
  release(ip: string): boolean {
    const ord = this.ordinal(ip);
    if (ord === undefined || this.handles[ord] === undefined) return false;
    this.handles[ord] = undefined;
    this.unallocated.push(ord);
    return true;
  }

  /** releaseByHandle: free every address of a handle, in ordinal order (what CNI DEL does). */
  releaseByHandle(handle: string): string[] {
    const freed: string[] = [];
    this.handles.forEach((h, ord) => {
      if (h === handle) freed.push(nthIp(this.cidr, ord));
    });
    for (const ip of freed) this.release(ip);
    return freed;
  }

  handleOf(ip: string): string | undefined {
    const ord = this.ordinal(ip);
    return ord === undefined ? undefined : this.handles[ord];
  }

  inUse(): string[] {
    const out: string[] = [];
    this.handles.forEach((h, ord) => {
      if (h !== undefined) out.push(nthIp(this.cidr, ord));
    });
    return out;
  }

  get free(): number {
    return this.unallocated.length;
  }

  private ordinal(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined || !cidrContains(this.cidr, n)) return undefined;
    return n - this.cidr.base;
  }
}

/** A step of a block's past, replayed to build the state the notes' cluster is in. */
export type IpamHistory = Array<{ assign: string } | { release: number[] }>;

/**
 * Calico IPAM for the whole pool: blocks with node affinity. `allocate`/`release` have the
 * shape the kubelet expects for its node (`ipamFor(node)`).
 */
export class CalicoIpam {
  private readonly pool: Cidr;
  private readonly blocks: AllocationBlock[] = [];
  private readonly affinity = new Map<string, string>(); // block CIDR -> node
  private readonly prng?: Prng;

  constructor(opts: { pool?: string; prng?: Prng } = {}) {
    const pool = parseCidr(opts.pool ?? POD_CIDR);
    if (!pool) throw new Error(`invalid pool ${opts.pool}`);
    this.pool = pool;
    this.prng = opts.prng;
  }

  /** Claim a specific block for a node (BlockAffinity confirmed). */
  claimBlock(node: string, cidr: string): AllocationBlock {
    const existing = this.blocks.find((b) => b.cidrString === cidr);
    if (existing) return existing;
    const b = new AllocationBlock(cidr);
    this.blocks.push(b);
    this.affinity.set(b.cidrString, node);
    return b;
  }

  blocksOf(node: string): AllocationBlock[] {
    return this.blocks.filter((b) => this.affinity.get(b.cidrString) === node);
  }

  /** A pod IP for `handle` on `node`: from its blocks in claim order, claiming a new block when full. */
  allocate(node: string, handle: string): string | undefined {
    for (const b of this.blocksOf(node)) {
      const ip = b.autoAssign(handle);
      if (ip) return ip;
    }
    const fresh = this.claimFreeBlock(node);
    return fresh?.autoAssign(handle);
  }

  release(ip: string): boolean {
    const b = this.blocks.find((x) => x.contains(ip));
    return b ? b.release(ip) : false;
  }

  releaseByHandle(handle: string): string[] {
    return this.blocks.flatMap((b) => b.releaseByHandle(handle));
  }

  inUse(node?: string): string[] {
    return (node ? this.blocksOf(node) : this.blocks).flatMap((b) => b.inUse());
  }

  /** The kubelet's view: allocate/release for one node, pods keyed by `namespace/name` or UID. */
  ipamFor(node: string): { allocate(podKey: string): string; release(ip: string): void } {
    return {
      allocate: (podKey) => this.allocate(node, `k8s-pod-network.${podKey}`) ?? '',
      release: (ip) => {
        this.release(ip);
      },
    };
  }

  /** Pick a free /26 of the pool (Calico picks pseudo-randomly; without a Prng: the lowest). */
  private claimFreeBlock(node: string): AllocationBlock | undefined {
    const count = 2 ** (BLOCK_PREFIX - this.pool.prefix);
    const taken = new Set(this.blocks.map((b) => b.cidr.base));
    const start = this.prng ? this.prng.int(count) : 0;
    for (let i = 0; i < count; i++) {
      const base = this.pool.base + ((start + i) % count) * 2 ** (32 - BLOCK_PREFIX);
      if (!taken.has(base)) return this.claimBlock(node, formatCidr({ base, prefix: BLOCK_PREFIX }));
    }
    return undefined;
  }
}

/**
 * How each node's block came to be in the state the notes show (replayed through the real
 * block algorithm, not written as a result): ordinal 0 is the tunl0 address; some ordinals were
 * used by earlier pods and released (so they now sit at the end of the free list); the system
 * pods hold the rest. Handles of system pods are `k8s-pod-network.<namespace>/<name>`.
 */
export const DEFAULT_IPAM_HISTORY: Record<string, IpamHistory> = {
  'k8s-master01': [
    { assign: 'ipip-tunnel-addr-k8s-master01' },
    ...pastPods('k8s-master01', 6),
    { assign: 'k8s-pod-network.kube-system/calico-kube-controllers' }, // .199
    { assign: 'k8s-pod-network.kube-system/coredns-a' }, // .200
    { assign: 'k8s-pod-network.kube-system/coredns-b' }, // .201
  ],
  'k8s-master02': [{ assign: 'ipip-tunnel-addr-k8s-master02' }],
  'k8s-master03': [{ assign: 'ipip-tunnel-addr-k8s-master03' }],
  'k8s-node01': [
    { assign: 'ipip-tunnel-addr-k8s-node01' },
    ...pastPods('k8s-node01', 5),
    { assign: 'k8s-pod-network.kube-system/metrics-server' }, // .6
    { assign: 'k8s-pod-network.kubernetes-dashboard/dashboard-metrics-scraper' }, // .7
  ],
  'k8s-node02': [
    { assign: 'ipip-tunnel-addr-k8s-node02' },
    ...pastPods('k8s-node02', 4),
    { assign: 'k8s-pod-network.kubernetes-dashboard/kubernetes-dashboard' }, // .197
  ],
};

function pastPods(node: string, n: number): IpamHistory {
  const steps: IpamHistory = [];
  for (let i = 1; i <= n; i++) steps.push({ assign: `k8s-pod-network.past-${node}-${i}` });
  steps.push({ release: Array.from({ length: n }, (_, i) => i + 1) });
  return steps;
}

/** The cluster's IPAM as the notes' cluster has it: one block per node, history replayed. */
export function defaultIpam(opts: { nodes?: readonly ClusterNode[]; prng?: Prng } = {}): CalicoIpam {
  const ipam = new CalicoIpam({ prng: opts.prng });
  for (const node of opts.nodes ?? NODES) {
    const block = ipam.claimBlock(node.name, node.block);
    for (const step of DEFAULT_IPAM_HISTORY[node.name] ?? [{ assign: `ipip-tunnel-addr-${node.name}` }]) {
      if ('assign' in step) block.autoAssign(step.assign);
      else for (const ord of step.release) block.release(nthIp(block.cidr, ord));
    }
  }
  return ipam;
}

/** The address a system pod of the default cluster holds (by its IPAM handle suffix). */
export function systemPodIp(ipam: CalicoIpam, node: string, handle: string): string | undefined {
  for (const b of ipam.blocksOf(node)) {
    for (const ip of b.inUse()) if (b.handleOf(ip) === `k8s-pod-network.${handle}`) return ip;
  }
  return undefined;
}
