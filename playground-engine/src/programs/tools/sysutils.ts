/**
 * System tools: sleep, env, printenv, hostname, date, uname, id, whoami, echo, printf, test,
 * true, false, pwd, kill, pkill, pgrep, killall, ps — GNU coreutils / procps-ng and BusyBox
 * wordings and formats.
 */
import type { ExecError, Program, ProcessContext, ProcessInfo } from '../types';
import type { Signal } from '../../node/runtime/types';
import { err, out, parseShort, type Flavor } from './common';
import { backslashEscapes, formatPrintf } from './printf';
import { runTest } from './test';
import { dateText, localCivil, tzOf, unixMs, zoneText } from '../clock';
import { dayName, monthName, p2 } from './common';
import { SLICE_MS } from '../../node/runtime/cpu';
import { bbBanner } from './busybox-builds';

/** `10`, `1.5`, `1m`, `2h`, `1d`, `infinity`: milliseconds, or undefined when invalid. */
export function parseDuration(s: string): number | undefined {
  if (/^(inf|infinity)$/i.test(s)) return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Math.round(Number(m[1]) * mult);
}

export function sleep(flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    if (!args.length) {
      err(ctx, flavor === 'gnu' ? "sleep: missing operand\nTry 'sleep --help' for more information." : `${bbBanner(ctx)}\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n`);
      return 1;
    }
    let total = 0;
    for (const a of args) {
      const ms = parseDuration(a);
      if (ms === undefined) {
        err(ctx, flavor === 'gnu' ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.` : `sleep: invalid number '${a}'`);
        return 1;
      }
      total += ms;
    }
    if (!Number.isFinite(total)) {
      for (;;) yield { kind: 'pause' };
    }
    yield { kind: 'sleep', ms: total };
    return 0;
  };
}

export function env(flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    let e = new Map(ctx.env);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '-i' || a === '-') e = new Map();
      else if (a === '-u') e.delete(args[++i] ?? '');
      else if (/^[^=]+=/.test(a)) {
        const eq = a.indexOf('=');
        e.set(a.slice(0, eq), a.slice(eq + 1));
      } else break;
    }
    const cmd = args.slice(i);
    if (!cmd.length) {
      let s = '';
      for (const [k, v] of e) s += `${k}=${v}\n`;
      out(ctx, s);
      return 0;
    }
    const r = (yield { kind: 'exec', argv: cmd, env: e }) as ExecError;
    const code = r?.error === 'EACCES' ? 126 : 127;
    const why = r?.error === 'EACCES' ? 'Permission denied' : 'No such file or directory';
    err(ctx, flavor === 'gnu' ? `env: '${cmd[0]}': ${why}` : `env: can't execute '${cmd[0]}': ${why}`);
    return code;
  };
}

export function printenv(_flavor: Flavor): Program {
  return function* (ctx) {
    const names = ctx.argv.slice(1);
    if (!names.length) {
      let s = '';
      for (const [k, v] of ctx.env) s += `${k}=${v}\n`;
      out(ctx, s);
      return 0;
    }
    let status = 0;
    for (const n of names) {
      const v = ctx.env.get(n);
      if (v === undefined) status = 1;
      else out(ctx, `${v}\n`);
    }
    return status;
  };
}

function hostsAddresses(ctx: ProcessContext, name: string): string[] {
  const res: string[] = [];
  for (const line of (ctx.fs.read('/etc/hosts') ?? '').split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && f.slice(1).includes(name)) res.push(f[0]);
  }
  return res;
}

export function hostname(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    const name = ctx.hostname;
    if (o.flags.has('i') || o.flags.has('I')) {
      const ips = o.flags.has('I') ? [ctx.net?.ip ?? ''] : hostsAddresses(ctx, name);
      if (!ips.length) {
        err(ctx, flavor === 'gnu' ? 'hostname: Name or service not known' : `hostname: ${name}: Unknown host`);
        return 1;
      }
      out(ctx, flavor === 'gnu' ? `${ips.join(' ')} \n` : `${ips.join(' ')}\n`);
      return 0;
    }
    if (o.flags.has('s')) {
      out(ctx, `${name.split('.')[0]}\n`);
      return 0;
    }
    if (o.operands.length) {
      err(ctx, flavor === 'gnu' ? 'hostname: you must be root to change the host name' : 'hostname: sethostname: Operation not permitted');
      return 1;
    }
    out(ctx, `${name}\n`);
    return 0;
  };
}

export function strftime(fmt: string, ctx: ProcessContext, utc: boolean): string {
  const tz = utc ? { offsetMin: 0, name: 'UTC' } : tzOf(ctx);
  const c = localCivil(ctx.now(), tz.offsetMin);
  const secs = Math.floor(unixMs(ctx.now()) / 1000);
  return fmt.replace(/%([a-zA-Z%+])/g, (_m, k: string) => {
    switch (k) {
      case 'Y': return String(c.year);
      case 'y': return p2(c.year % 100);
      case 'm': return p2(c.month);
      case 'd': return p2(c.day);
      case 'e': return String(c.day).padStart(2, ' ');
      case 'H': return p2(c.hour);
      case 'M': return p2(c.minute);
      case 'S': return p2(c.second);
      case 's': return String(secs);
      case 'N': return String(c.ms * 1_000_000).padStart(9, '0');
      case 'a': return dayName(c.weekday);
      case 'b': case 'h': return monthName(c.month);
      case 'Z': return tz.name;
      case 'z': return zoneText(tz.offsetMin);
      case 'T': return `${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}`;
      case 'D': return `${p2(c.month)}/${p2(c.day)}/${p2(c.year % 100)}`;
      case 'F': return `${c.year}-${p2(c.month)}-${p2(c.day)}`;
      case 'R': return `${p2(c.hour)}:${p2(c.minute)}`;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return `%${k}`;
    }
  });
}

export function date(flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    const utc = args.includes('-u') || args.includes('--utc');
    const fmt = args.find((a) => a.startsWith('+'));
    const bad = args.find((a) => a !== '-u' && a !== '--utc' && a !== '-R' && !a.startsWith('+'));
    if (bad) {
      err(ctx, flavor === 'gnu' ? `date: invalid date '${bad}'` : `date: invalid date '${bad}'`);
      return 1;
    }
    if (fmt) {
      out(ctx, `${strftime(fmt.slice(1), ctx, utc)}\n`);
      return 0;
    }
    if (args.includes('-R')) {
      out(ctx, `${strftime('%a, %d %b %Y %H:%M:%S %z', ctx, utc)}\n`);
      return 0;
    }
    const tz = utc ? { offsetMin: 0, name: 'UTC' } : tzOf(ctx);
    out(ctx, `${dateText(ctx.now(), tz.offsetMin, tz.name)}\n`);
    return 0;
  };
}

const KERNEL_VERSION = '#1 SMP Fri Dec 21 11:06:36 EST 2018';

export function uname(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    const kernel = ctx.sys?.os.kernel ?? '4.19.12-1.el7.elrepo.x86_64';
    const f = o.flags.has('a') ? new Set(['s', 'n', 'r', 'v', 'm', 'o']) : o.flags.size ? o.flags : new Set(['s']);
    const parts: string[] = [];
    if (f.has('s')) parts.push('Linux');
    if (f.has('n')) parts.push(ctx.hostname);
    if (f.has('r')) parts.push(kernel);
    if (f.has('v')) parts.push(KERNEL_VERSION);
    if (f.has('m')) parts.push('x86_64');
    if (o.flags.has('a') && flavor === 'gnu') parts.push('GNU/Linux');
    else if (f.has('o')) parts.push(flavor === 'gnu' ? 'GNU/Linux' : 'Linux');
    out(ctx, `${parts.join(' ')}\n`);
    return 0;
  };
}

export function id(_flavor: Flavor): Program {
  return function* (ctx) {
    out(ctx, 'uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  };
}

export function whoami(_flavor: Flavor): Program {
  return function* (ctx) {
    out(ctx, 'root\n');
    return 0;
  };
}

export function echo(_flavor: Flavor): Program {
  return function* (ctx) {
    let args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length && /^-[neE]+$/.test(args[0])) {
      for (const c of args[0].slice(1)) {
        if (c === 'n') newline = false;
        else escapes = c === 'e';
      }
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) {
      const r = backslashEscapes(text, true);
      text = r.text;
      if (r.stop) newline = false;
    }
    out(ctx, newline ? `${text}\n` : text);
    return 0;
  };
}

export function printf(_flavor: Flavor): Program {
  return function* (ctx) {
    const [fmt, ...args] = ctx.argv.slice(1);
    if (fmt === undefined) {
      err(ctx, "printf: missing operand\nTry 'printf --help' for more information.");
      return 1;
    }
    const r = formatPrintf(fmt, args);
    out(ctx, r.out);
    for (const e of r.errors) err(ctx, e);
    return r.errors.length ? 1 : 0;
  };
}

export function testProgram(_flavor: Flavor): Program {
  return function* (ctx) {
    const bracket = (ctx.argv[0] ?? '').endsWith('[');
    const r = runTest(ctx.argv.slice(1), ctx.fs, ctx.cwd, bracket);
    if ('ok' in r) return r.ok ? 0 : 1;
    const name = bracket ? '[' : 'test';
    if (r.error === 'missing]') err(ctx, `${name}: missing ']'`);
    else if (r.error === 'badnumber') err(ctx, `${name}: invalid integer '${r.arg}'`);
    else err(ctx, `${name}: '${r.arg}': unary operator expected`);
    return 2;
  };
}

export function trueProgram(code: number): Program {
  return function* () {
    return code;
  };
}

export function pwd(_flavor: Flavor): Program {
  return function* (ctx) {
    out(ctx, `${ctx.cwd}\n`);
    return 0;
  };
}

const SIGNALS: Array<[string, Signal, number]> = [['HUP', 'SIGHUP', 1], ['INT', 'SIGINT', 2], ['QUIT', 'SIGQUIT', 3], ['KILL', 'SIGKILL', 9], ['USR1', 'SIGUSR1', 10], ['USR2', 'SIGUSR2', 12], ['TERM', 'SIGTERM', 15]];

function sigOf(s: string): Signal | undefined {
  const t = s.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.find(([n, , num]) => n === t || String(num) === t)?.[1];
}

export function kill(flavor: Flavor): Program {
  return function* (ctx) {
    let args = ctx.argv.slice(1);
    let sig: Signal = 'SIGTERM';
    if (args[0] === '-l') {
      out(ctx, `${SIGNALS.map(([n]) => n).join(' ')}\n`);
      return 0;
    }
    if (args[0] === '-s') {
      sig = sigOf(args[1] ?? '') ?? sig;
      args = args.slice(2);
    } else if (args[0] && /^-\w+$/.test(args[0])) {
      const s = sigOf(args[0].slice(1));
      if (!s) {
        err(ctx, flavor === 'gnu' ? `kill: unknown signal: ${args[0].slice(1)}` : `kill: bad signal name '${args[0].slice(1)}'`);
        return 1;
      }
      sig = s;
      args = args.slice(1);
    }
    let status = 0;
    for (const a of args) {
      const r = ctx.sys?.kill(Number(a), sig) ?? 'ESRCH';
      if (r === 'ESRCH') {
        err(ctx, flavor === 'gnu' ? `kill: (${a}): No such process` : `kill: can't kill pid ${a}: No such process`);
        status = 1;
      }
    }
    return status;
  };
}

/** pkill / pgrep / killall: select processes by name (comm) or full command line. */
function selectProcs(ctx: ProcessContext, pattern: string, full: boolean, exact: boolean): ProcessInfo[] {
  const procs = ctx.sys?.processes() ?? [];
  let re: RegExp;
  try {
    re = new RegExp(exact ? `^(?:${pattern})$` : pattern);
  } catch {
    re = /$^/;
  }
  return procs.filter((p) => p.pid !== ctx.pid && re.test(full ? p.cmdline : p.comm));
}

export function pkill(flavor: Flavor, mode: 'pkill' | 'pgrep'): Program {
  return function* (ctx) {
    let sig: Signal = 'SIGTERM';
    const rest: string[] = [];
    let full = false;
    let exact = false;
    let list = false;
    for (const a of ctx.argv.slice(1)) {
      if (a === '-f') full = true;
      else if (a === '-x') exact = true;
      else if (a === '-l') list = true;
      else if (mode === 'pkill' && /^-\w+$/.test(a) && sigOf(a.slice(1))) sig = sigOf(a.slice(1))!;
      else rest.push(a);
    }
    if (rest.length !== 1) {
      if (flavor === 'gnu') err(ctx, rest.length ? `${mode}: only one pattern can be provided\nTry \`${mode} --help' for more information.` : `${mode}: no matching criteria specified\nTry \`${mode} --help' for more information.`);
      else err(ctx, `${bbBanner(ctx)}\n\nUsage: ${mode} [-l|-SIGNAL] [-xfvno] [-s SID|-P PPID|PATTERN]\n`);
      return flavor === 'gnu' ? 2 : 1;
    }
    const hits = selectProcs(ctx, rest[0], full, exact);
    if (mode === 'pgrep') {
      for (const p of hits) out(ctx, list ? `${p.pid} ${p.comm}\n` : `${p.pid}\n`);
    } else for (const p of hits) ctx.sys?.kill(p.pid, sig);
    return hits.length ? 0 : 1;
  };
}

export function killall(flavor: Flavor): Program {
  return function* (ctx) {
    let sig: Signal = 'SIGTERM';
    const names: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (/^-\w+$/.test(a) && sigOf(a.slice(1))) sig = sigOf(a.slice(1))!;
      else if (!a.startsWith('-')) names.push(a);
    }
    let status = 0;
    for (const n of names) {
      const hits = (ctx.sys?.processes() ?? []).filter((p) => p.pid !== ctx.pid && p.comm === n.slice(0, 15));
      if (!hits.length) {
        err(ctx, flavor === 'gnu' ? `${n}: no process found` : `killall: ${n}: no process killed`);
        status = 1;
      }
      for (const p of hits) ctx.sys?.kill(p.pid, sig);
    }
    return status;
  };
}

function cpuTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${p2(s % 60)}`;
}

type PsColumn = [width: number, align: 'l' | 'r'];

/**
 * One row of procps's table: each column in its width, one space apart; a value wider than its
 * column pushes the rest of the row right, and the padding of the next columns takes the
 * overflow back where it can (a 7-digit VSZ leaves `?` one space less before STAT).
 */
function psRow(cols: PsColumn[], values: string[]): string {
  let line = '';
  let intended = 0;
  values.forEach((v, i) => {
    const [w, align] = cols[i];
    const sep = i === 0 ? 0 : 1;
    const start = intended + sep;
    if (align === 'r') line += ' '.repeat(Math.max(sep, start + w - v.length - line.length)) + v;
    else line += ' '.repeat(Math.max(sep, start - line.length)) + v;
    intended = start + w;
  });
  return `${line}\n`;
}

export function ps(flavor: Flavor): Program {
  return function* (ctx) {
    const procs = ctx.sys?.processes() ?? [];
    if (flavor === 'busybox') {
      let s = 'PID   USER     TIME  COMMAND\n';
      for (const p of procs) s += `${String(p.pid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)} ${cpuTime(p.cpuMs).padStart(5)} ${p.cmdline}\n`;
      out(ctx, s);
      return 0;
    }
    const args = ctx.argv.slice(1).join(' ');
    const hms = (ms: number) => {
      const s = Math.floor(ms / 1000);
      return `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
    };
    const tz = tzOf(ctx);
    const today = localCivil(ctx.now(), tz.offsetMin);
    const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    // procps pr_stime: %H:%M today, %b%d on an earlier day, %Y in an earlier year.
    const stime = (t: number) => {
      const c = localCivil(t, tz.offsetMin);
      if (c.year !== today.year) return String(c.year);
      if (c.month !== today.month || c.day !== today.day) return `${MON[c.month - 1]}${p2(c.day)}`;
      return `${p2(c.hour)}:${p2(c.minute)}`;
    };
    // procps: %CPU is CPU time over the seconds since the process started, in per-mille
    // (pr_pcpu: one decimal, no decimal from 100%); C is the same in whole percent (pr_c);
    // %MEM is RSS over MemTotal (pr_pmem, at most 99.9).
    const permille = (p: ProcessInfo) => {
      const secs = Math.floor((ctx.now() - p.startedAt) / 1000);
      return secs > 0 ? Math.floor(p.cpuMs / secs) : 0;
    };
    const pcpu = (p: ProcessInfo) => {
      const v = permille(p);
      return v > 999 ? String(Math.floor(v / 10)) : `${Math.floor(v / 10)}.${v % 10}`;
    };
    const memTotal = ctx.sys?.os.memTotalKb ?? 0;
    const pmem = (p: ProcessInfo) => {
      const v = memTotal ? Math.min(999, Math.floor(((p.rssKb ?? 0) * 1000) / memTotal)) : 0;
      return `${String(Math.floor(v / 10)).padStart(2)}.${v % 10}`;
    };
    // STAT: the state, then `s` for a session leader (the login shell), `l` for a
    // multi-threaded daemon as the model knows it.
    const stat = (p: ProcessInfo) => p.stat ?? (p.state === 'R' ? 'R' : p.tty && p.cmdline === '-bash' ? 'Ss' : 'S');
    if (/(^|\s)-?e|(^|\s)-ef|aux/.test(args)) {
      if (args.includes('aux')) {
        const cols: PsColumn[] = [[8, 'l'], [5, 'r'], [4, 'r'], [4, 'r'], [6, 'r'], [5, 'r'], [8, 'l'], [4, 'l'], [5, 'r'], [6, 'r'], [0, 'l']];
        let s = 'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
        for (const p of procs) s += psRow(cols, [p.user, String(p.pid), pcpu(p), pmem(p), String(p.vszKb ?? 0), String(p.rssKb ?? 0), p.tty ?? '?', stat(p), stime(p.startedAt), cpuTime(p.cpuMs), p.cmdline]);
        out(ctx, s);
        return 0;
      }
      let s = 'UID        PID  PPID  C STIME TTY          TIME CMD\n';
      const cols: PsColumn[] = [[8, 'l'], [5, 'r'], [5, 'r'], [2, 'r'], [5, 'l'], [8, 'l'], [8, 'r'], [0, 'l']];
      for (const p of procs) s += psRow(cols, [p.user, String(p.pid), String(p.ppid), String(Math.min(99, Math.floor(permille(p) / 10))), stime(p.startedAt), p.tty ?? '?', hms(p.cpuMs), p.cmdline]);
      out(ctx, s);
      return 0;
    }
    // Without options: the processes of this terminal (ps's own TTY) and user, as their comm.
    const self = procs.find((p) => p.pid === ctx.pid);
    const mine = self?.tty ? procs.filter((p) => p.tty === self.tty && p.user === self.user) : procs.filter((p) => p.pid === ctx.pid || p.pid === ctx.ppid);
    if (/(^|\s)-f\b/.test(args)) {
      // -f: the same processes in the full format, their command lines
      let f = 'UID        PID  PPID  C STIME TTY          TIME CMD\n';
      const cols: PsColumn[] = [[8, 'l'], [5, 'r'], [5, 'r'], [2, 'r'], [5, 'l'], [8, 'l'], [8, 'r'], [0, 'l']];
      for (const p of mine) f += psRow(cols, [p.user, String(p.pid), String(p.ppid), String(Math.min(99, Math.floor(permille(p) / 10))), stime(p.startedAt), p.tty ?? '?', hms(p.cpuMs), p.cmdline]);
      out(ctx, f);
      return 0;
    }
    let s = '  PID TTY          TIME CMD\n';
    for (const p of mine) s += `${String(p.pid).padStart(5)} ${(p.tty ?? 'pts/0').padEnd(8)} ${hms(p.cpuMs)} ${p.comm}\n`;
    out(ctx, s);
    return 0;
  };
}

export { sigOf };

/** Bytes `yes` writes per scheduling slice of CPU (a pipe's worth of writes; the rate is modelled, not measured). */
export const YES_BYTES_PER_SLICE = 64 * 1024;

/**
 * yes [STRING]...: the line, forever. It is a CPU hog by nature: it runs in scheduling
 * slices (node/runtime/cpu.ts), writing a fixed amount per slice in one repeated write.
 */
export function yes(_flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    const line = (args.length ? args.join(' ') : 'y') + '\n';
    const times = Math.max(1, Math.floor(YES_BYTES_PER_SLICE / line.length));
    for (;;) {
      // A pipe nobody reads any more: the write fails with EPIPE and SIGPIPE ends yes (128 + 13).
      if (ctx.writeRepeated) {
        if (ctx.writeRepeated('stdout', line, times) === 'EPIPE') return 141;
      } else ctx.write('stdout', line.repeat(Math.min(times, 1024)));
      ctx.sys?.chargeCpu(SLICE_MS);
      yield { kind: 'sleep', ms: SLICE_MS };
    }
  };
}
