/**
 * Wall-clock text for programs, from virtual time and the machine's zone: containers run in
 * UTC (the images set no TZ), the nodes in China Standard Time (+0800) like the notes' hosts.
 * The calendar itself comes from sim/time.ts (fixed epoch, integer math).
 */
import { EPOCH_UNIX_MS } from '../sim/time';
import type { ProcessContext } from './types';
import { civil, dayName, monthName, p2, type Civil } from './tools/common';

export function unixMs(virtualMs: number): number {
  return EPOCH_UNIX_MS + virtualMs;
}

export function tzOf(ctx: ProcessContext): { offsetMin: number; name: string } {
  const os = ctx.sys?.os;
  return { offsetMin: os?.tzOffsetMin ?? 0, name: os?.tzName ?? 'UTC' };
}

export function localCivil(virtualMs: number, offsetMin: number): Civil {
  return civil(unixMs(virtualMs) + offsetMin * 60_000);
}

export function zoneText(offsetMin: number): string {
  const sign = offsetMin >= 0 ? '+' : '-';
  const a = Math.abs(offsetMin);
  return `${sign}${p2(Math.floor(a / 60))}${p2(a % 60)}`;
}

/** date(1)'s default: `Thu Dec  8 11:35:12 UTC 2022`. */
export function dateText(virtualMs: number, offsetMin: number, zoneName: string): string {
  const c = localCivil(virtualMs, offsetMin);
  return `${dayName(c.weekday)} ${monthName(c.month)} ${String(c.day).padStart(2, ' ')} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)} ${zoneName} ${c.year}`;
}

/** nginx access log `$time_local`: `08/Dec/2022:11:35:12 +0000`. */
export function nginxLocalTime(virtualMs: number, offsetMin: number): string {
  const u = unixMs(virtualMs) + offsetMin * 60_000;
  const m = nginxMinute;
  const minute = Math.floor(u / 60_000);
  if (minute !== m.minute || offsetMin !== m.offsetMin) {
    const c = civil(minute * 60_000);
    m.head = `${p2(c.day)}/${monthName(c.month)}/${c.year}:${p2(c.hour)}:${p2(c.minute)}:`;
    m.tail = ` ${zoneText(offsetMin)}`;
    m.minute = minute;
    m.offsetMin = offsetMin;
  }
  return m.head + SECONDS[Math.floor(u / 1000) - minute * 60] + m.tail;
}

/**
 * A time text around its seconds, for the last minute formatted (a server that logs every
 * second formats the calendar once a minute; the same text as formatting each time).
 */
interface MinuteText {
  minute: number;
  offsetMin: number;
  head: string;
  tail: string;
}
const nginxMinute: MinuteText = { minute: Number.NaN, offsetMin: Number.NaN, head: '', tail: '' };
const httpMinute: MinuteText = { minute: Number.NaN, offsetMin: 0, head: '', tail: '' };
/** `00` … `59`. */
const SECONDS = Array.from({ length: 60 }, (_, i) => p2(i));

/** nginx error log / Go log time: `2022/12/08 11:35:12`. */
export function slashLocalTime(virtualMs: number, offsetMin: number): string {
  const c = localCivil(virtualMs, offsetMin);
  return `${c.year}/${p2(c.month)}/${p2(c.day)} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}`;
}

/** HTTP Date header (always GMT): `Thu, 08 Dec 2022 11:35:12 GMT`. */
export function httpDate(virtualMs: number): string {
  const u = unixMs(virtualMs);
  const m = httpMinute;
  const minute = Math.floor(u / 60_000);
  if (minute !== m.minute) {
    const c = civil(minute * 60_000);
    m.head = `${dayName(c.weekday)}, ${p2(c.day)} ${monthName(c.month)} ${c.year} ${p2(c.hour)}:${p2(c.minute)}:`;
    m.tail = ' GMT';
    m.minute = minute;
  }
  return m.head + SECONDS[Math.floor(u / 1000) - minute * 60] + m.tail;
}

/** etcd / zap ISO 8601 in UTC with milliseconds: `2022-12-08T11:35:12.345Z`. */
export function isoMillis(virtualMs: number): string {
  const c = civil(unixMs(virtualMs));
  return `${c.year}-${p2(c.month)}-${p2(c.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}.${String(c.ms).padStart(3, '0')}Z`;
}

/** `ls -l` time: `Dec  8 11:35` (recent) or `Oct 19  2022` (older than 6 months or future). */
export function lsTime(mtimeVirtual: number, nowVirtual: number, offsetMin: number): string {
  const c = localCivil(mtimeVirtual, offsetMin);
  const sixMonths = 182.5 * 86_400_000;
  const recent = nowVirtual - mtimeVirtual < sixMonths && mtimeVirtual <= nowVirtual + 3_600_000;
  const day = String(c.day).padStart(2, ' ');
  return recent ? `${monthName(c.month)} ${day} ${p2(c.hour)}:${p2(c.minute)}` : `${monthName(c.month)} ${day}  ${c.year}`;
}
