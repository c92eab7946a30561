/**
 * systemd 219 (CentOS 7): `systemctl status UNIT` and `journalctl -u UNIT`, over the host's
 * services (their real processes) and the journal the run produced.
 * - status: `● NAME.service - Description`, `Loaded:`, `Active: active (running) since <%a
 *   %Y-%m-%d %H:%M:%S %Z>; <relative> ago`, `Docs:`, `Main PID: N (comm)`, the cgroup tree, then
 *   the unit's last 10 journal lines (no Tasks/Memory lines: those came with systemd 227 /
 *   accounting off by default).
 * - journalctl: `-- Logs begin at …, end at …. --`, then `Mon DD HH:MM:SS host comm[pid]: text`;
 *   `-- No entries --` when the unit logged nothing. Bounded: at most the last 1000 lines.
 * Relative times follow systemd's format_timestamp_relative.
 */
import type { Program } from '../types';
import type { NodeView, UnitInfo } from './view';
import { civilLocal } from './journal';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
export const JOURNAL_MAX_LINES = 1000;

export function systemdTimestamp(t: number): string {
  const c = civilLocal(t);
  return `${DAYS[c.weekday]} ${c.year}-${p2(c.month)}-${p2(c.day)} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)} CST`;
}

export function journalTime(t: number): string {
  const c = civilLocal(t);
  return `${MONTHS[c.month - 1]} ${p2(c.day)} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}`;
}

/** systemd's format_timestamp_relative (time-util.c). */
export function relative(ms: number): string {
  const S = 1000, MIN = 60 * S, H = 60 * MIN, D = 24 * H, W = 7 * D, MON = 2_629_800_000, Y = 31_557_600_000;
  const f = Math.floor;
  if (ms >= Y) return `${f(ms / Y)} years ${f((ms % Y) / MON)} months ago`;
  if (ms >= MON) return `${f(ms / MON)} months ${f((ms % MON) / D)} days ago`;
  if (ms >= W) return `${f(ms / W)} weeks ${f((ms % W) / D)} days ago`;
  if (ms >= 2 * D) return `${f(ms / D)} days ago`;
  if (ms >= 25 * H) return `1 day ${f((ms - D) / H)}h ago`;
  if (ms >= 6 * H) return `${f(ms / H)}h ago`;
  if (ms >= H) return `${f(ms / H)}h ${f((ms % H) / MIN)}min ago`;
  if (ms >= 5 * MIN) return `${f(ms / MIN)}min ago`;
  if (ms >= MIN) return `${f(ms / MIN)}min ${f((ms % MIN) / S)}s ago`;
  if (ms >= S) return `${f(ms / S)}s ago`;
  if (ms > 0) return `${ms}ms ago`;
  return 'now';
}

function unitName(arg: string): string {
  return arg.replace(/\.service$/, '');
}

function findUnit(view: NodeView, arg: string): UnitInfo | undefined {
  return view.units().find((u) => u.name === unitName(arg));
}

export function systemctlProgram(view: NodeView): Program {
  return function* systemctl(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !['--no-pager', '-l', '--full'].includes(a));
    const verb = args[0] ?? 'list-units';
    const names = args.slice(1);
    if (verb === 'is-active') {
      let code = 0;
      for (const n of names) {
        const u = findUnit(view, n);
        ctx.write('stdout', u ? 'active\n' : 'unknown\n');
        if (!u) code = 3;
      }
      return code;
    }
    if (verb !== 'status') {
      // wording not verified
      ctx.write('stderr', `Unknown operation '${verb}'.\n`);
      return 1;
    }
    let code = 0;
    const blocks: string[] = [];
    for (const n of names) {
      const u = findUnit(view, n);
      if (!u) {
        ctx.write('stderr', `Unit ${unitName(n)}.service could not be found.\n`);
        code = 4;
        continue;
      }
      let s = `● ${u.name}.service - ${u.description}\n`;
      s += `   Loaded: loaded (${u.path}; enabled; vendor preset: disabled)\n`;
      s += `   Active: active (running) since ${systemdTimestamp(u.since)}; ${relative(ctx.now() - u.since)}\n`;
      if (u.docs) s += `     Docs: ${u.docs}\n`;
      s += ` Main PID: ${u.mainPid} (${u.comm})\n`;
      s += `   CGroup: /system.slice/${u.name}.service\n           └─${u.mainPid} ${u.cmdline}\n`;
      const lines = view.journal(u.name, u.mainPid).slice(-10);
      if (lines.length) s += '\n' + lines.map((l) => `${journalTime(l.t)} ${view.name} ${u.comm}[${u.mainPid}]: ${l.text}\n`).join('');
      blocks.push(s);
    }
    ctx.write('stdout', blocks.join('\n'));
    return code;
  };
}

export function journalctlProgram(view: NodeView): Program {
  return function* journalctl(ctx) {
    const args = ctx.argv.slice(1);
    const units: string[] = [];
    let lines: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-u' || a === '--unit') units.push(args[++i] ?? '');
      else if (a.startsWith('--unit=')) units.push(a.slice(7));
      else if (a.startsWith('-u') && a.length > 2) units.push(a.slice(2));
      else if (a === '-n' || a === '--lines') lines = Number(args[++i]);
      else if (a.startsWith('--lines=')) lines = Number(a.slice(8));
      else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
    }
    const now = ctx.now();
    const entries: Array<{ t: number; line: string }> = [];
    for (const n of units.length ? units : view.units().map((u) => u.name)) {
      const u = findUnit(view, n);
      if (!u) continue;
      for (const l of view.journal(u.name, u.mainPid)) entries.push({ t: l.t, line: `${journalTime(l.t)} ${view.name} ${u.comm}[${u.mainPid}]: ${l.text}\n` });
    }
    entries.sort((a, b) => a.t - b.t);
    const keep = Math.min(JOURNAL_MAX_LINES, lines !== undefined && Number.isFinite(lines) && lines >= 0 ? lines : JOURNAL_MAX_LINES);
    const shown = entries.slice(Math.max(0, entries.length - keep));
    let s = `-- Logs begin at ${systemdTimestamp(view.bootTime())}, end at ${systemdTimestamp(now)}. --\n`;
    s += shown.length ? shown.map((e) => e.line).join('') : '-- No entries --\n';
    ctx.write('stdout', s);
    return 0;
  };
}
