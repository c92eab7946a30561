/**
 * Go's `strconv.FormatFloat(f, 'g', -1, bits)`: the shortest digits that round-trip at that
 * precision, in %e form when the exponent is < -4 or >= 6 (the shortest-precision rule of
 * strconv/ftoa.go), with a sign and at least two exponent digits (`1e+06`).
 */
export function goFormatFloatG(v: number, bits: 32 | 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const target = bits === 32 ? Math.fround(v) : v;
  const same = (x: number) => (bits === 32 ? Math.fround(x) === target : x === target);
  let p = 1;
  while (p < 17 && !same(Number(target.toPrecision(p)))) p++;
  const [mant, expStr] = target.toExponential(p - 1).split('e');
  const exp = Number(expStr);
  const digits = mant.replace('-', '').replace('.', '');
  const neg = target < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${neg}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${neg}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
