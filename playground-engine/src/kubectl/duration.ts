/**
 * k8s.io/apimachinery/pkg/util/duration: the ages kubectl prints (AGE columns, event ages,
 * `3 (40s ago)`), and translateTimestampSince as kubectl's printers and describers use it.
 * Durations are in milliseconds; Go truncates toward zero when converting to seconds.
 */
import { parseTime } from '../sim/time';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's int(d.Seconds()) etc.: truncation toward zero. */
function trunc(ms: number, unit: number): number {
  return Math.trunc(ms / unit);
}

/** duration.HumanDuration: ~2-3 significant figures. */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms, MINUTE);
  if (minutes < 10) {
    const s = trunc(ms, SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms, HOUR);
  if (hours < 8) {
    const m = trunc(ms, MINUTE) % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours, 24)}d` : `${trunc(hours, 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours, 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours, 24) % 365;
    return dy === 0 ? `${trunc(hours, 24 * 365)}y` : `${trunc(hours, 24 * 365)}y${dy}d`;
  }
  return `${trunc(hours, 24 * 365)}y`;
}

/** duration.ShortHumanDuration. */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours, 24)}d`;
  return `${trunc(ms, 24 * 365 * HOUR)}y`;
}

/**
 * translateTimestampSince: `<unknown>` for a zero (absent) timestamp, else the HumanDuration of
 * now - t. `now` and the result of parseTime are virtual ms on the same calendar.
 */
export function since(timestamp: string | null | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  const t = parseTime(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}
