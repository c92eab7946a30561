/**
 * Go's time.ParseDuration (src/time/format.go), with its error texts: `time: invalid duration
 * "x"`, `time: missing unit in duration "5"`, `time: unknown unit "x" in duration "5x"`.
 * Returns milliseconds (virtual time is integer ms; sub-millisecond parts are rounded).
 */
const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5
  'μs': 1e3, // U+03BC
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const MAX_NS = 2 ** 63 - 1;

export type DurationResult = { ms: number } | { error: string };

export function parseGoDuration(input: string): DurationResult {
  const orig = input;
  const q = JSON.stringify(orig);
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ms: 0 };
  if (s === '') return { error: `time: invalid duration ${q}` };
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return { error: `time: invalid duration ${q}` };
    const intM = /^[0-9]*/.exec(s)![0];
    s = s.slice(intM.length);
    let frac = '';
    if (s[0] === '.') {
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)![0];
      s = s.slice(frac.length);
      if (!intM && !frac) return { error: `time: invalid duration ${q}` };
    } else if (!intM) return { error: `time: invalid duration ${q}` };
    let i = 0;
    while (i < s.length && !(s[i] === '.' || (s[i] >= '0' && s[i] <= '9'))) i++;
    if (i === 0) return { error: `time: missing unit in duration ${q}` };
    const unit = s.slice(0, i);
    s = s.slice(i);
    const ns = UNIT_NS[unit];
    if (ns === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${q}` };
    const v = Number(intM || '0') + (frac ? Number(`0.${frac}`) : 0);
    total += v * ns;
    if (total > MAX_NS) return { error: `time: invalid duration ${q}` };
  }
  const ms = Math.round(total / 1e6);
  return { ms: neg ? -ms : ms };
}

/** Go's Duration.String() of whole milliseconds: `2m0s`, `1h30m0s`, `1.5s`, `500ms`, `0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = rest / 1000;
  const secText = Number.isInteger(sec) ? String(sec) : String(sec).replace(/0+$/, '');
  let out = `${secText}s`;
  if (h > 0 || m > 0) out = `${m}m${out}`;
  if (h > 0) out = `${h}h${out}`;
  return `${neg ? '-' : ''}${out}`;
}
