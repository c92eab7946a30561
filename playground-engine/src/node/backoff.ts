/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for crash loops and image pulls:
 * 10 s, doubled on each retry, capped at 300 s; an entry whose last update is older than
 * twice the cap (600 s) counts as expired, so a container that ran for 10 minutes starts
 * over at 10 s. No jitter (the kubelet's back-offs have none in v1.30).
 */
import type { VirtualMs } from '../types';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  backoff: VirtualMs;
  lastUpdate: VirtualMs;
}

export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(
    private now: () => VirtualMs,
    private initial = INITIAL_BACKOFF_MS,
    private max = MAX_BACKOFF_MS,
  ) {}

  /** Current back-off duration of a key (0 when none). */
  get(key: string): VirtualMs {
    return this.entries.get(key)?.backoff ?? 0;
  }

  private hasExpired(eventTime: VirtualMs, lastUpdate: VirtualMs): boolean {
    return eventTime - lastUpdate > this.max * 2;
  }

  /** Move the back-off forward for an event at `eventTime`. */
  next(key: string, eventTime: VirtualMs): void {
    const e = this.entries.get(key);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) {
      this.entries.set(key, { backoff: this.initial, lastUpdate: this.now() });
    } else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = this.now();
    }
  }

  /** Whether we are still inside the back-off window that started at `eventTime`. */
  isInBackOffSince(key: string, eventTime: VirtualMs): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (this.hasExpired(eventTime, e.lastUpdate)) return false;
    return this.now() - eventTime < e.backoff;
  }

  /** Whether the back-off window measured from the last update is still open (image pulls). */
  isInBackOffSinceUpdate(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    return this.now() - e.lastUpdate < e.backoff;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }
}

/** Go's time.Duration.String() for whole and fractional durations: `10s`, `1m20s`, `5m0s`, `1.689s`, `913ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) {
    return `${neg ? '-' : ''}${trimZeros(rest.toFixed(3))}ms`.replace(/\.ms$/, 'ms');
  }
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = trimZeros((rest / 1000).toFixed(3));
  let out = '';
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${s}s`;
  return (neg ? '-' : '') + out;
}

function trimZeros(n: string): string {
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
}
