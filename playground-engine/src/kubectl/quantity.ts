/**
 * resource.Quantity, enough for describe: parse `100m`, `128Mi`, `3994840Ki`, `1e3`, `0.5`, add
 * them, compare them, and print them in canonical form (Quantity.String()): binary suffixes for
 * quantities written with one, the largest decimal SI suffix that keeps an integer otherwise.
 * Values are held exactly in nano-units (BigInt).
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** value × 10^9 */
  nanos: bigint;
  format: QuantityFormat;
}

const BIN: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NANO = 1_000_000_000n;

export function zeroQuantity(): Quantity {
  return { nanos: 0n, format: 'DecimalSI' };
}

export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input === 'number' && Number.isFinite(input)) input = String(input);
  if (typeof input !== 'string') return undefined;
  const m = /^([+-]?)(\d+)?(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(input.trim());
  if (!m || (m[2] === undefined && (m[3] === undefined || m[3] === ''))) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '0';
  const frac = (m[3] ?? '').slice(0, 18);
  // value = int.frac, as a fraction over 10^frac.length
  const scaled = BigInt(intPart + frac);
  const denom = 10n ** BigInt(frac.length);
  let nanos: bigint;
  let format: QuantityFormat = 'DecimalSI';
  if (m[4] !== undefined && BIN[m[4]] !== undefined) {
    format = 'BinarySI';
    nanos = (scaled * NANO * 1024n ** BigInt(BIN[m[4]])) / denom;
  } else {
    let exp = 0;
    if (m[4] !== undefined) exp = DEC[m[4]];
    else if (m[5] !== undefined) {
      exp = Number(m[5]);
      format = 'DecimalExponent';
    }
    const e = exp + 9;
    nanos = e >= 0 ? (scaled * 10n ** BigInt(e)) / denom : scaled / (denom * 10n ** BigInt(-e));
  }
  return { nanos: sign * nanos, format };
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n && a.format === 'DecimalSI' ? b.format : a.format };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Value() rounded up to an integer, MilliValue() likewise (as Quantity does). */
export function milliValue(q: Quantity): number {
  const div = 1_000_000n;
  const v = q.nanos / div + (q.nanos % div > 0n ? 1n : 0n);
  return Number(v);
}
export function value(q: Quantity): number {
  const v = q.nanos / NANO + (q.nanos % NANO > 0n ? 1n : 0n);
  return Number(v);
}

export function formatQuantity(q: Quantity): string {
  const neg = q.nanos < 0n;
  const n = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  if (n === 0n) return '0';
  if (q.format === 'BinarySI' && n % NANO === 0n) {
    const bytes = n / NANO;
    const names = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    for (let k = 6; k >= 0; k--) {
      const unit = 1024n ** BigInt(k);
      if (bytes % unit === 0n && (k === 0 || bytes >= unit)) return `${sign}${bytes / unit}${names[k]}`;
    }
  }
  // decimal: the largest exponent (multiple of 3) that keeps an integer mantissa
  const exps = [18, 15, 12, 9, 6, 3, 0, -3, -6, -9];
  for (const e of exps) {
    const unit = 10n ** BigInt(e + 9);
    if (n % unit === 0n) {
      const mant = n / unit;
      if (q.format === 'DecimalExponent') return e === 0 ? `${sign}${mant}` : `${sign}${mant}e${e}`;
      const suffix = Object.keys(DEC).find((s) => DEC[s] === e) ?? '';
      return `${sign}${mant}${suffix}`;
    }
  }
  return `${sign}${n}n`;
}

/** Canonical text of a quantity written in an object (`100m`), or the text itself if unparsable. */
export function canonical(input: unknown): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input);
}
