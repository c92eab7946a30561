/**
 * Small helpers shared by the servers of the official images: their log time formats, a
 * listening socket with the Go-style bind error, plain-text HTTP answers and a Go process's
 * default signal behaviour.
 */
import type { Effect, ProcessContext } from '../types';
import type { HttpRequest, HttpResponse, ListenSpec } from '../net';
import { httpDate, unixMs } from '../clock';
import { civil, dayName, monthName, p2 } from '../tools/common';

export type Gen<T = number> = Generator<Effect, T, unknown>;

const c = (ms: number) => civil(unixMs(ms));
const p3 = (n: number) => String(n).padStart(3, '0');

/** redis: `08 Dec 2022 11:35:02.123`. */
export function redisTime(ms: number): string {
  const t = c(ms);
  return `${p2(t.day)} ${monthName(t.month)} ${t.year} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${p3(t.ms)}`;
}

/** MySQL's error log: `2022-12-08T11:35:02.123456Z`. */
export function isoMicros(ms: number): string {
  const t = c(ms);
  return `${t.year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${p3(t.ms)}000Z`;
}

/** `date --rfc-3339=seconds` in UTC: `2022-12-08 11:35:02+00:00`. */
export function rfc3339Seconds(ms: number): string {
  const t = c(ms);
  return `${t.year}-${p2(t.month)}-${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}+00:00`;
}

/** PostgreSQL's log_line_prefix `%m`: `2022-12-08 11:35:02.123 UTC`. */
export function pgTime(ms: number): string {
  const t = c(ms);
  return `${t.year}-${p2(t.month)}-${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${p3(t.ms)} UTC`;
}

/** MongoDB's structured log `$date`: `2022-12-08T11:35:02.123+00:00`. */
export function mongoDate(ms: number): string {
  const t = c(ms);
  return `${t.year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${p3(t.ms)}+00:00`;
}

/** Apache's error log: `Thu Dec 08 11:35:02.123456 2022`. */
export function apacheErrTime(ms: number): string {
  const t = c(ms);
  return `${dayName(t.weekday)} ${monthName(t.month)} ${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${p3(t.ms)}000 ${t.year}`;
}

/** Common log format time: `08/Dec/2022:11:35:02 +0000`. */
export function clfTime(ms: number): string {
  const t = c(ms);
  return `${p2(t.day)}/${monthName(t.month)}/${t.year}:${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)} +0000`;
}

/** Tomcat's `08-Dec-2022 11:35:02.123`. */
export function tomcatTime(ms: number): string {
  const t = c(ms);
  return `${p2(t.day)}-${monthName(t.month)}-${t.year} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${p3(t.ms)}`;
}

/** Go's log package: `2022/12/08 11:35:02`. */
export function goLogTime(ms: number): string {
  const t = c(ms);
  return `${t.year}/${p2(t.month)}/${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
}

/** The request's header value (case-insensitive). */
export function header(req: HttpRequest, name: string): string | undefined {
  const n = name.toLowerCase();
  return req.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

/** A Go net/http answer: `Date`, `Content-Length`, `Content-Type` as Go sets them. */
export function goText(ctx: Pick<ProcessContext, 'now'>, status: number, reason: string, body: string, type = 'text/plain; charset=utf-8', extra: Array<[string, string]> = []): HttpResponse {
  return { status, reason, headers: [...extra, ['Date', httpDate(ctx.now())], ['Content-Length', String(utf8Length(body))], ['Content-Type', type]], body };
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * Listen on a port; false (after the caller's error line) when the port is taken. The
 * message is the caller's: Go prints `listen tcp :80: bind: address already in use`.
 */
export function listenOn(ctx: ProcessContext, spec: ListenSpec): boolean {
  const l = ctx.net?.listen({ owner: ctx.argv[0]?.split('/').pop(), ...spec });
  return !!l && !('error' in l);
}

/**
 * A Go program that does not call signal.Notify: the runtime re-raises SIGTERM/SIGINT/SIGHUP
 * with the default action; as a container's PID 1 that falls back to exit(2).
 */
export function goDefaultSignals(ctx: ProcessContext): void {
  const n = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) ctx.onSignal(sig, () => ctx.exit(ctx.pid === 1 ? 2 : 128 + n[sig]));
}

/** Block forever (a daemon's main loop); signal handlers end it. */
export function* forever(): Gen<never> {
  for (;;) yield { kind: 'pause' };
}

/** `exec` the remaining argv (an entrypoint's `exec "$@"`), with bash's error when it cannot. */
export function* execArgs(ctx: ProcessContext, argv: string[], script: string, line: number): Gen {
  if (!argv.length) return 0;
  const r = (yield { kind: 'exec', argv }) as { error?: string } | undefined;
  const why = r?.error === 'EACCES' ? 'Permission denied' : 'not found';
  ctx.write('stderr', `${script}: line ${line}: exec: ${argv[0]}: ${why}\n`);
  return r?.error === 'EACCES' ? 126 : 127;
}

/** A user's uid from /etc/passwd (undefined when unknown). */
export function uidOf(ctx: ProcessContext, name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of (ctx.fs.read('/etc/passwd') ?? '').split('\n')) {
    const f = line.split(':');
    if (f[0] === name) return Number(f[2]);
  }
  return undefined;
}

/** The uid the process runs as (from the kernel's process table). */
export function currentUid(ctx: ProcessContext): number {
  const me = ctx.sys?.processes().find((p) => p.pid === ctx.pid);
  if (!me) return 0;
  return /^\d+$/.test(me.user) ? Number(me.user) : me.user === 'root' ? 0 : uidOf(ctx, me.user) ?? 0;
}
