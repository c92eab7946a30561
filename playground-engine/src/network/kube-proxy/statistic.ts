/**
 * The `statistic` match, bit-exact:
 * - kube-proxy writes rule i of n with `--probability` = 1/(n-i) formatted by Go `%0.10f`
 *   (computeProbability);
 * - iptables (extensions/libxt_statistic.c) stores lround(p × 2^31) and iptables-save prints
 *   stored / 2^31 with `%.11f` — hence 0.3333333333 is listed as 0.33333333349;
 * - the kernel (xt_statistic) matches when (random_u32 & 0x7FFFFFFF) < stored.
 */

const TWO31 = 2 ** 31;

/** Go's `%0.10f` of 1/n (JS toFixed rounds the exact binary value, as Go does: no ties occur here). */
export function kubeProxyProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/** What iptables stores for a written probability. */
export function storedProbability(written: string): number {
  const p = Number(written);
  const x = p * TWO31;
  // lround: halfway cases away from zero.
  return Math.min(TWO31, Math.max(0, Math.floor(x + 0.5)));
}

/** `%.11f` of stored / 2^31, computed exactly (glibc rounds the exact decimal expansion half-to-even). */
export function savedProbability(stored: number): string {
  // stored / 2^31 * 10^11, exactly, as a rational with denominator 2^31.
  const num = BigInt(stored) * 10n ** 11n;
  const den = BigInt(TWO31);
  let q = num / den;
  const r = num % den;
  if (r * 2n > den || (r * 2n === den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(12, '0');
  return `${digits.slice(0, -11)}.${digits.slice(-11)}`;
}

/** The kernel's decision for one packet, given 32 random bits. */
export function statisticMatches(stored: number, random32: number): boolean {
  return ((random32 & 0x7fffffff) >>> 0) < stored;
}
