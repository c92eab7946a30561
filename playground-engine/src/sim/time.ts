/**
 * Calendar rendering of virtual time. The simulated cluster lives on a fixed calendar: t = 0
 * is 2022-12-08 19:35:00 China Standard Time (the day the notes' screenshots were taken), so
 * timestamps in `kubectl describe` and `-o yaml` read like the notes' cluster and never depend
 * on the machine's clock. Pure integer calendar math (no Date object), so the engine stays a
 * function of its input.
 */
const DAY_MS = 86_400_000;
/** Unix ms of 2022-12-08T11:35:00Z (= 19:35:00 +0800). */
export const EPOCH_UNIX_MS = daysFromCivil(2022, 12, 8) * DAY_MS + (11 * 3600 + 35 * 60) * 1000;
export const CLUSTER_TZ_OFFSET_MIN = 8 * 60; // +0800, as the notes' nodes print

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
  ms: number;
}

/** Calendar fields (UTC) of a Unix time in milliseconds. */
export function civilFromUnixMs(unixMs: number): Civil {
  const days = Math.floor(unixMs / DAY_MS);
  const msOfDay = unixMs - days * DAY_MS;
  let rem = Math.floor(msOfDay / 1000);
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const minute = Math.floor(rem / 60);
  const second = rem - minute * 60;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, hour, minute, second, weekday, ms: msOfDay % 1000 };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 in UTC with second precision, as the API server stores metav1.Time. */
export function rfc3339(ms: number): string {
  const c = civilFromUnixMs(EPOCH_UNIX_MS + Math.floor(ms / 1000) * 1000);
  return `${c.year}-${p2(c.month)}-${p2(c.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}Z`;
}

/** RFC 3339 with microseconds, as metav1.MicroTime (events.k8s.io eventTime, Lease renewTime). */
export function rfc3339Micro(ms: number): string {
  const whole = rfc3339(ms).slice(0, -1);
  const micros = String((Math.floor(ms) % 1000) * 1000).padStart(6, '0');
  return `${whole}.${micros}Z`;
}

/** Inverse of rfc3339 / rfc3339Micro: the virtual ms of a stored timestamp. */
export function parseTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(s);
  if (!m) return Number.NaN;
  const days = daysFromCivil(+m[1], +m[2], +m[3]);
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return days * DAY_MS + ((+m[4] * 60 + +m[5]) * 60 + +m[6]) * 1000 + frac - EPOCH_UNIX_MS;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function zone(): string {
  const off = CLUSTER_TZ_OFFSET_MIN;
  return `${off >= 0 ? '+' : '-'}${p2(Math.floor(Math.abs(off) / 60))}${p2(Math.abs(off) % 60)}`;
}

/** Go's time.RFC1123Z in the cluster's zone, e.g. `Thu, 08 Dec 2022 19:35:12 +0800` (kubectl describe). */
export function rfc1123z(ms: number): string {
  const c = civilFromUnixMs(EPOCH_UNIX_MS + Math.floor(ms / 1000) * 1000 + CLUSTER_TZ_OFFSET_MIN * 60000);
  return `${DAYS[c.weekday]}, ${p2(c.day)} ${MONTHS[c.month - 1]} ${c.year} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)} ${zone()}`;
}

/** Go's time.RFC3339 in the cluster's zone, e.g. `2022-12-08T19:35:12+08:00` (what a client on the nodes prints). */
export function rfc3339Local(ms: number): string {
  const c = civilFromUnixMs(EPOCH_UNIX_MS + Math.floor(ms / 1000) * 1000 + CLUSTER_TZ_OFFSET_MIN * 60000);
  const z = zone();
  return `${c.year}-${p2(c.month)}-${p2(c.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}${z.slice(0, 3)}:${z.slice(3)}`;
}

/** `08/Dec/2022:19:35:12 +0800`, the time format of nginx's access log. */
export function nginxLogTime(ms: number): string {
  const c = civilFromUnixMs(EPOCH_UNIX_MS + Math.floor(ms / 1000) * 1000 + CLUSTER_TZ_OFFSET_MIN * 60000);
  return `${p2(c.day)}/${MONTHS[c.month - 1]}/${c.year}:${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)} ${zone()}`;
}

/** `2022/12/08 19:35:12`, the time format of nginx's error log and Go's log package. */
export function slashTime(ms: number): string {
  const c = civilFromUnixMs(EPOCH_UNIX_MS + Math.floor(ms / 1000) * 1000 + CLUSTER_TZ_OFFSET_MIN * 60000);
  return `${c.year}/${p2(c.month)}/${p2(c.day)} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}`;
}
