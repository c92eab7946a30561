/**
 * A small seeded PRNG (SplitMix32 over a 32-bit state) and helpers for the random-looking
 * names real clusters show: pod UIDs, container IDs, ReplicaSet hashes, `kube-api-access-xxxxx`.
 * The engine never uses Math.random: every "random" value comes from here, so the same input
 * gives the same names.
 */
export class Prng {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  }

  /** The current state (two generators with the same state draw the same numbers). */
  snapshot(): number {
    return this.state;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 0x100000000;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** `len` characters drawn from `alphabet`. */
  chars(len: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  hex(len: number): string {
    return this.chars(len, '0123456789abcdef');
  }

  /** A UUID v4 as the API server writes into metadata.uid. */
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = '89ab'[this.int(4)];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusables). */
  nameSuffix(len = 5): string {
    return this.chars(len, 'bcdfghjklmnpqrstvwxz2456789');
  }

  /** Derive an independent generator for a sub-component (stable whatever else draws numbers). */
  fork(label: string): Prng {
    return new Prng((hashString(label) ^ this.nextU32()) >>> 0);
  }
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
