/**
 * ClusterIP and NodePort allocation, as kube-apiserver's bitmap allocators do it
 * (pkg/registry/core/service/ipallocator, portallocator; KEP-3070/3668 static subranges):
 * - ClusterIPs: the network and broadcast addresses are never handed out; the lower band of
 *   `min(max(16, size/16), 256)` addresses is kept for manual `spec.clusterIP`; dynamic
 *   allocation picks a random free address of the upper band (falling back to the lower band
 *   when the upper is full). The randomness comes from the engine's Prng.
 * - NodePorts: 30000–32767, lower band `min(max(16, size/32), 128)` ports, same strategy.
 * Error texts are the allocators' own; the API layer wraps them in the field error.
 */
import type { Prng } from '../sim/prng';
import { cidrContains, cidrSize, formatCidr, nthIp, parseCidr, parseIPv4, type Cidr } from './ip';
import { NODE_PORT_RANGE, SERVICE_CIDR } from './cluster';

/** ipallocator.ErrAllocated / portallocator.ErrAllocated. */
export const IP_ALLOCATED = 'provided IP is already allocated';
export const PORT_ALLOCATED = 'provided port is already allocated';
export const IP_RANGE_FULL = 'range is full';

export type AllocResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** A bitmap over `size` items with the static/dynamic bands of the real allocators. */
class BandedBitmap {
  private readonly used = new Set<number>();

  readonly offset: number;

  constructor(
    readonly size: number,
    offset: number,
  ) {
    // A range too small for a static band has none.
    this.offset = offset < size ? offset : 0;
  }

  has(i: number): boolean {
    return this.used.has(i);
  }

  take(i: number): boolean {
    if (i < 0 || i >= this.size || this.used.has(i)) return false;
    this.used.add(i);
    return true;
  }

  release(i: number): void {
    this.used.delete(i);
  }

  /** randomScanStrategyWithOffset: random start in the upper band, scan up with wrap, then the lower band. */
  next(prng: Prng): number | undefined {
    const pick = (lo: number, hi: number): number | undefined => {
      const n = hi - lo;
      if (n <= 0) return undefined;
      const start = prng.int(n);
      for (let k = 0; k < n; k++) {
        const i = lo + ((start + k) % n);
        if (!this.used.has(i)) return i;
      }
      return undefined;
    };
    const i = pick(this.offset, this.size) ?? pick(0, this.offset);
    if (i !== undefined) this.used.add(i);
    return i;
  }

  get count(): number {
    return this.used.size;
  }
}

/** `min(max(lo, size/step), hi)`, or 0 below `lo` (calculateRangeOffset). */
function bandOffset(size: number, lo: number, step: number, hi: number): number {
  if (size < lo) return 0;
  return Math.min(Math.max(lo, Math.floor(size / step)), hi);
}

export class ClusterIpAllocator {
  readonly cidr: Cidr;
  private readonly bitmap: BandedBitmap;

  constructor(
    private readonly prng: Prng,
    cidr: string = SERVICE_CIDR,
  ) {
    const c = parseCidr(cidr);
    if (!c) throw new Error(`invalid service CIDR ${cidr}`);
    this.cidr = c;
    const size = cidrSize(c);
    // IPv4: the network and broadcast addresses are excluded (max = size - 2, base + 1).
    const usable = Math.max(0, size - 2);
    this.bitmap = new BandedBitmap(usable, bandOffset(size, 16, 16, 256));
  }

  get range(): string {
    return formatCidr(this.cidr);
  }

  /** The lower band (for manual clusterIPs), as `[first, last]`. */
  get staticBand(): [string, string] {
    return [nthIp(this.cidr, 1), nthIp(this.cidr, this.bitmap.offset)];
  }

  /** Allocate a specific address (spec.clusterIP set by the user, or reserved at bootstrap). */
  allocate(ip: string): AllocResult<string> {
    const i = this.index(ip);
    if (i === undefined) {
      return { ok: false, error: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.range}` };
    }
    if (!this.bitmap.take(i)) return { ok: false, error: IP_ALLOCATED };
    return { ok: true, value: ip };
  }

  /** AllocateNext: a random free address of the upper band. */
  allocateNext(): AllocResult<string> {
    const i = this.bitmap.next(this.prng);
    if (i === undefined) return { ok: false, error: IP_RANGE_FULL };
    return { ok: true, value: nthIp(this.cidr, i + 1) };
  }

  /**
   * What the Service REST storage does with spec.clusterIP: `None` stays headless, an empty
   * value gets the next address, a given one is allocated as is. ExternalName gets nothing.
   */
  forService(spec: { type?: string; clusterIP?: string }): AllocResult<string | undefined> {
    if (spec.type === 'ExternalName') return { ok: true, value: undefined };
    if (spec.clusterIP === 'None') return { ok: true, value: 'None' };
    if (spec.clusterIP) return this.allocate(spec.clusterIP);
    return this.allocateNext();
  }

  release(ip: string): void {
    const i = this.index(ip);
    if (i !== undefined) this.bitmap.release(i);
  }

  has(ip: string): boolean {
    const i = this.index(ip);
    return i !== undefined && this.bitmap.has(i);
  }

  get used(): number {
    return this.bitmap.count;
  }

  private index(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined || !cidrContains(this.cidr, n)) return undefined;
    const i = n - this.cidr.base - 1;
    return i >= 0 && i < this.bitmap.size ? i : undefined;
  }
}

export class NodePortAllocator {
  private readonly bitmap: BandedBitmap;

  constructor(
    private readonly prng: Prng,
    readonly min: number = NODE_PORT_RANGE.min,
    readonly max: number = NODE_PORT_RANGE.max,
  ) {
    const size = max - min + 1;
    this.bitmap = new BandedBitmap(size, bandOffset(size, 16, 32, 128));
  }

  get range(): string {
    return `${this.min}-${this.max}`;
  }

  allocate(port: number): AllocResult<number> {
    if (!Number.isInteger(port) || port < this.min || port > this.max) {
      return { ok: false, error: `provided port is not in the valid range. The range of valid ports is ${this.range}` };
    }
    if (!this.bitmap.take(port - this.min)) return { ok: false, error: PORT_ALLOCATED };
    return { ok: true, value: port };
  }

  allocateNext(): AllocResult<number> {
    const i = this.bitmap.next(this.prng);
    if (i === undefined) return { ok: false, error: 'range is full' };
    return { ok: true, value: this.min + i };
  }

  release(port: number): void {
    if (port >= this.min && port <= this.max) this.bitmap.release(port - this.min);
  }
}
