/**
 * Cron schedules as the CronJob controller reads them: robfig/cron v3 `ParseStandard` (five
 * fields minute hour day-of-month month day-of-week, names JAN–DEC and SUN–SAT, `*`, `?`, ranges,
 * steps, lists, and the descriptors `@yearly` `@annually` `@monthly` `@weekly` `@daily`
 * `@midnight` `@hourly` `@every <duration>`), with its error texts, and `Next` in UTC (the
 * kube-controller-manager of the notes' cluster runs in a static pod, whose clock is UTC).
 */
import { parseGoDuration } from '../api/goduration';
import { civilFromUnixMs, daysFromCivil } from '../sim/time';

export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** `@every d`: a fixed period in ms instead of the fields. */
  everyMs?: number;
}

interface Bounds { min: number; max: number; names?: Record<string, number> }

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const B: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** strconv.Atoi, with its error text. */
function atoi(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const n = Number(expr);
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function intOrName(expr: string, b: Bounds): number | string {
  const named = b.names?.[expr.toLowerCase()];
  return named !== undefined ? named : atoi(expr);
}

/** getRange: number | number "-" number [ "/" number ] */
function range(expr: string, b: Bounds, out: Set<number>): string | boolean {
  const rs = expr.split('/');
  const lh = rs[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lh[0] === '*' || lh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    const s = intOrName(lh[0], b);
    if (typeof s === 'string') return s;
    start = s;
    if (lh.length === 1) end = start;
    else if (lh.length === 2) {
      const e = intOrName(lh[1], b);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rs.length === 2) {
    const s = atoi(rs[1]);
    if (typeof s === 'string') return s;
    step = s;
    if (lh.length === 1) end = b.max;
    if (step > 1) star = false;
  } else if (rs.length > 2) return `too many slashes: ${expr}`;
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  for (let i = start; i <= end; i += step) out.add(i);
  return star;
}

/** Parse a schedule; a string is the parser's error. */
export function parseSchedule(spec: string): Schedule | string {
  if (spec.length === 0) return 'empty spec string';
  let text = spec;
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const i = text.indexOf(' ');
    if (i < 0) return `provided bad location ${text.slice(text.indexOf('=') + 1)}: unknown time zone ${text.slice(text.indexOf('=') + 1)}`; // wording not verified
    text = text.slice(i).trim();
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const d = parseGoDuration(text.slice('@every '.length));
      if ('error' in d) return `failed to parse duration ${text}: ${d.error}`;
      // Every(): below one second is rounded up to a second, and sub-seconds are dropped.
      const every = Math.max(1000, Math.floor(d.ms / 1000) * 1000);
      return { minute: new Set(), hour: new Set(), dom: new Set(), month: new Set(), dow: new Set(), domStar: true, dowStar: true, everyMs: every };
    }
    const d = DESCRIPTORS[text];
    if (!d) return `unrecognized descriptor: ${text}`;
    text = d;
  }
  const fields = text.split(/[ \t\n\r\v\f]+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const sets: Set<number>[] = [];
  const stars: boolean[] = [];
  for (let i = 0; i < 5; i++) {
    const s = new Set<number>();
    let star = false;
    for (const r of fields[i].split(',').filter((x) => x !== '')) {
      const res = range(r, B[i], s);
      if (typeof res === 'string') return res;
      star = star || res;
    }
    sets.push(s);
    stars.push(star);
  }
  // Sunday may be written 7 in some crons; robfig rejects it (above maximum), as above.
  return { minute: sets[0], hour: sets[1], dom: sets[2], month: sets[3], dow: sets[4], domStar: stars[2], dowStar: stars[4] };
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function civil(ms: number): { y: number; mo: number; d: number; h: number; mi: number; wd: number } {
  const c = civilFromUnixMs(ms);
  return { y: c.year, mo: c.month, d: c.day, h: c.hour, mi: c.minute, wd: c.weekday };
}

const utc = (y: number, mo: number, d: number): number => daysFromCivil(y, mo, d) * DAY;

function dayMatches(s: Schedule, c: { d: number; wd: number }): boolean {
  const dom = s.dom.has(c.d);
  const dow = s.dow.has(c.wd);
  if (s.domStar || s.dowStar) return dom && dow;
  return dom || dow;
}

/** SpecSchedule.Next: the first activation strictly after `unixMs` (UTC), or undefined within five years. */
export function nextAfter(s: Schedule, unixMs: number): number | undefined {
  if (s.everyMs) return Math.floor(unixMs / 1000) * 1000 + s.everyMs;
  let t = Math.floor(unixMs / MIN) * MIN + MIN;
  const limit = unixMs + 5 * 366 * DAY;
  while (t <= limit) {
    const c = civil(t);
    if (!s.month.has(c.mo)) {
      t = utc(c.mo === 12 ? c.y + 1 : c.y, c.mo === 12 ? 1 : c.mo + 1, 1);
      continue;
    }
    if (!dayMatches(s, c)) {
      t = utc(c.y, c.mo, c.d) + DAY;
      continue;
    }
    if (!s.hour.has(c.h)) {
      t = Math.floor(t / HOUR) * HOUR + HOUR;
      continue;
    }
    if (!s.minute.has(c.mi)) {
      t += MIN;
      continue;
    }
    return t;
  }
  return undefined;
}
