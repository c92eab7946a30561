/**
 * The shell interpreter: expansions (parameters, command substitution, arithmetic, field
 * splitting, pathname expansion) and execution (simple commands, pipelines, lists, compound
 * commands, functions, redirections, background jobs, traps).
 *
 * Everything is a generator so that waiting for a child, `sleep`, or a busy loop lets virtual
 * time pass. Work is metered: every command costs "units" of CPU (node/runtime/cpu.ts: 100
 * units per ms in short bursts, scheduling slices once the shell hogs the CPU), so
 * `while :; do :; done` runs forever in virtual time at O(1) cost per slice.
 */
import type { Effect, ExecError, FdTarget, ProcessContext, ShellSession } from '../types';
import type { ExecResult, Signal } from '../../node/runtime/types';
import type { Command, List, Pipeline, AndOr, Redir, Word, WordPart } from './ast';
import type { Dialect, ErrorSite } from './dialect';
import { Parser, ShellSyntaxError } from './parser';
import { ArithError, evalArith } from './arith';
import { hasGlob, matchPattern, patternSource, trimPattern, type Pat } from './pattern';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins';
import { collateOf } from '../tools/collate';
import { CpuMeter } from '../../node/runtime/cpu';

export type Gen<T> = Generator<Effect, T, unknown>;

export type ShFd = { k: 'std'; stream: 'stdout' | 'stderr' } | { k: 'file'; path: string } | { k: 'buf'; out: string[] } | { k: 'null' };

/**
 * Text the engine really keeps per shell value, characters. A longer value is kept cut, with
 * its full size accounted (so `x="$x$x"` grows in the memory cgroup, not in the engine).
 */
export const STRING_CAP = 256 * 1024;

/** The OOM killer chose this process: unwinds the shell at once (the kernel then SIGKILLs it). */
export class OomKill extends Error {}

export class ExitEx {
  constructor(readonly code: number) {}
}
export class BreakEx {
  constructor(public n: number, readonly cont: boolean) {}
}
export class ReturnEx {
  constructor(readonly code: number) {}
}
/**
 * An interactive shell abandons the command line and returns to its prompt (bash's
 * throw_to_top_level): Ctrl-C while it runs a builtin or loop, a foreground job killed by
 * SIGINT while it executes a list or loop (jobs.c wait_for: ADDINTERRUPT), a failed fork.
 */
export class InterruptEx {
  constructor(readonly code: number) {}
}

/** bash make_child: fork is retried on EAGAIN, sleeping 1, 2, 4, 8 s (FORKSLEEP_MAX 16). */
const FORK_RETRY_SLEEPS_MS = [1000, 2000, 4000, 8000];

const SIGNAL_BY_NAME: Record<string, Signal> = {
  HUP: 'SIGHUP', INT: 'SIGINT', QUIT: 'SIGQUIT', KILL: 'SIGKILL', USR1: 'SIGUSR1', USR2: 'SIGUSR2', TERM: 'SIGTERM',
  '1': 'SIGHUP', '2': 'SIGINT', '3': 'SIGQUIT', '9': 'SIGKILL', '10': 'SIGUSR1', '12': 'SIGUSR2', '15': 'SIGTERM',
};

export function signalByName(s: string): Signal | undefined {
  const t = s.toUpperCase().replace(/^SIG/, '');
  return SIGNAL_BY_NAME[t];
}

const MAX_FUNC_DEPTH = 100;

/** The kernel's text for a fork that failed (EAGAIN: the process table is full). */
function isForkFailure(startError: string): boolean {
  return startError.startsWith('fork: ');
}

interface Field {
  text: string;
  quoted: boolean[];
  /** Had a quoted part (so an empty field survives). */
  hadQuote: boolean;
}

export interface ShellOptions {
  arg0: string;
  positional: string[];
  interactive: boolean;
  /** The script's own stdin (what `read` and the first child see). */
  stdin: string;
}

/** A background job of an interactive shell. */
export interface Job {
  n: number;
  pid: number;
  cmd: string;
  exit: import('../types').Future<ExecResult>;
  /** `jobs` already showed it ended. */
  notified: boolean;
}

/** strsignal() as bash's job notices word a death by signal. */
const SIGNAL_DESCRIPTIONS: Partial<Record<Signal, string>> = {
  SIGHUP: 'Hangup', SIGINT: 'Interrupt', SIGQUIT: 'Quit', SIGKILL: 'Killed', SIGTERM: 'Terminated', SIGUSR1: 'User defined signal 1',
  SIGUSR2: 'User defined signal 2', SIGWINCH: 'Window changed',
};

/** Aliases parsed as a plain command, by text (an alias runs again and again: `ls` in a loop). */
const aliasCommands = new Map<string, Extract<Command, { t: 'simple' }> | null>();

/** An alias's text when it is one simple command without redirections, else null (it runs as text). */
function aliasCommand(value: string, bash: boolean): Extract<Command, { t: 'simple' }> | null {
  const key = `${bash ? 'b' : 's'}${value}`;
  let one = aliasCommands.get(key);
  if (one === undefined) {
    let list: List | undefined;
    try {
      list = new Parser(value, { bash, line: 1 }).parseAll();
    } catch {
      list = undefined;
    }
    const c = list && list.length === 1 && !list[0].background && list[0].andOr.rest.length === 0 && !list[0].andOr.first.negate && list[0].andOr.first.cmds.length === 1 ? list[0].andOr.first.cmds[0] : undefined;
    one = c && c.t === 'simple' && c.redirs.length === 0 ? c : null;
    if (aliasCommands.size >= 256) aliasCommands.clear();
    aliasCommands.set(key, one);
  }
  return one;
}

export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  funcs = new Map<string, Command>();
  /** `alias NAME=VALUE` (expanded in interactive shells, as bash's expand_aliases). */
  aliases = new Map<string, string>();
  /**
   * The aliases as the current line started: bash reads a whole line before running it, so an
   * alias defined on a line takes effect from the next one.
   */
  lineAliases = new Map<string, string>();
  /** Aliases being expanded now (an alias is not expanded inside its own expansion). */
  private expanding = new Set<string>();
  positional: string[];
  arg0: string;
  status = 0;
  lastBg = 0;
  opts = { e: false, x: false, u: false };
  fd1: ShFd = { k: 'std', stream: 'stdout' };
  fd2: ShFd = { k: 'std', stream: 'stderr' };
  stdin: { text: string; pos: number };
  traps = new Map<string, string>();
  pending: Signal[] = [];
  line = 1;
  loopDepth = 0;
  funcDepth = 0;
  condDepth = 0;
  /** The process's CPU meter, shared with subshells and command substitutions (they run in it). */
  cpu = new CpuMeter();
  /** Bytes held in large variables (what the memory cgroup is told), shared by the process's subshells. */
  memory = { bytes: 0 };
  /** Variables whose text was cut at STRING_CAP: their full size. */
  virtualSizes = new Map<string, number>();
  children: Array<{ pid: number; exit: import('../types').Future<ExecResult> }> = [];
  /** An interactive shell's background jobs (bash jobs.c): `[1] PID`, `jobs`, `%1`, the Done notices. */
  jobs: Job[] = [];
  /** Status of the last command substitution (what an assignment-only command returns). */
  lastSubst: number | undefined;
  interactive: boolean;
  subshell = false;
  /** The PID this pipeline stage was forked as (a placeholder its command takes when it execs). */
  forkPid: number | undefined;
  /** The forked shell a compound pipeline stage runs in: the parent of the commands it starts. */
  forkParent: number | undefined;
  /** The first external command inherits the script's stdin (then it is consumed). */
  private stdinForChild: string | undefined;
  /**
   * The terminal's foreground job, shared with subshells: Ctrl-C (SIGINT) reaches the job's
   * processes, or the shell itself when it runs no child (an interactive shell only).
   */
  job: { fg: number | undefined; interrupted: boolean } = { fg: undefined, interrupted: false };

  constructor(readonly ctx: ProcessContext, readonly dialect: Dialect, o: ShellOptions) {
    this.arg0 = o.arg0;
    this.positional = o.positional;
    this.interactive = o.interactive;
    this.stdin = { text: o.stdin, pos: 0 };
    this.stdinForChild = o.stdin || undefined;
    for (const [k, v] of ctx.env) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.vars.has('PWD')) this.vars.set('PWD', ctx.cwd);
    this.vars.set('IFS', ' \t\n');
    if (!this.vars.has('PS1')) this.vars.set('PS1', '# ');
    if (this.interactive) ctx.onSignal('SIGINT', () => this.onInterrupt());
  }

  /**
   * SIGINT reached an interactive shell, as the terminal's Ctrl-C does. With job control the
   * tty sends it to the foreground process group: the running job (the child and everything it
   * started) when there is one, else the shell, which abandons the command line.
   */
  private onInterrupt(): void {
    const fg = this.job.fg;
    const sys = this.ctx.sys;
    if (fg !== undefined && sys) {
      const table = sys.processes();
      const group = new Set<number>([fg]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of table) if (!group.has(p.pid) && group.has(p.ppid)) {
          group.add(p.pid);
          grew = true;
        }
      }
      for (const pid of [...group].sort((a, b) => a - b)) sys.kill(pid, 'SIGINT');
      return;
    }
    this.job.interrupted = true;
  }

  /** Ctrl-C arrived while the shell itself ran: back to the prompt, status 130. */
  checkInterrupt(): void {
    if (!this.job.interrupted) return;
    this.job.interrupted = false;
    this.status = 130;
    throw new InterruptEx(130);
  }

  clone(): Shell {
    const s = Object.create(Shell.prototype) as Shell;
    Object.assign(s, this);
    s.vars = new Map(this.vars);
    s.virtualSizes = new Map(this.virtualSizes);
    s.exported = new Set(this.exported);
    s.funcs = new Map(this.funcs);
    s.extraFds = new Map(this.extraFds);
    s.positional = [...this.positional];
    s.opts = { ...this.opts };
    s.traps = new Map([...this.traps].filter(([, v]) => v === ''));
    s.pending = [];
    s.children = [];
    s.subshell = true;
    s.stdin = { ...this.stdin };
    return s;
  }

  site(): ErrorSite {
    return { arg0: this.arg0, line: this.line, interactive: this.interactive };
  }

  // ---- output --------------------------------------------------------------------------

  write(fd: 1 | 2, text: string): void {
    if (!text) return;
    if (text.length >= 4096) this.cpu.owe(text.length >> 12);
    const f = fd === 1 ? this.fd1 : this.fd2;
    switch (f.k) {
      case 'std':
        this.ctx.write(f.stream, text);
        break;
      case 'file':
        this.ctx.fs.write(f.path, text, { append: true });
        break;
      case 'buf':
        f.out.push(text);
        break;
      default:
    }
  }

  /** The shell's own error message (prefix `sh: 1: ` and so on). */
  err(msg: string): void {
    this.write(2, `${this.dialect.prefix(this.site())}${msg}\n`);
  }

  target(fd: ShFd): FdTarget {
    switch (fd.k) {
      case 'std':
        return fd.stream;
      case 'file':
        return { file: fd.path, append: true };
      case 'buf':
        return 'capture';
      default:
        return 'null';
    }
  }

  // ---- metering ------------------------------------------------------------------------

  *tick(units: number): Gen<void> {
    if (this.interactive) this.checkInterrupt();
    const ms = this.cpu.charge(units, this.ctx.now());
    if (ms > 0) {
      this.ctx.sys?.chargeCpu(ms);
      yield { kind: 'sleep', ms };
      this.cpu.resumed(this.ctx.now());
    }
  }

  // ---- variables -----------------------------------------------------------------------

  getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.ctx.pid);
      case '!':
        return this.lastBg ? String(this.lastBg) : '';
      case '#':
        return String(this.positional.length);
      case '0':
        return this.arg0;
      case '-':
        return (this.opts.e ? 'e' : '') + (this.opts.x ? 'x' : '') + (this.opts.u ? 'u' : '');
      case '@':
      case '*':
        return this.positional.join(name === '*' ? (this.vars.get('IFS') ?? ' ')[0] ?? '' : ' ');
      default:
        if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1];
        return this.vars.get(name);
    }
  }

  setVar(name: string, value: string): void {
    const old = this.sizeOf(name);
    let size = value.length;
    if (value.length > STRING_CAP / 2 && this.virtualSizes.size) {
      // Built from values whose text was cut: count each cut value at its full size.
      for (const [v, full] of this.virtualSizes) {
        const cut = this.vars.get(v);
        if (!cut) continue;
        for (let i = value.indexOf(cut); i >= 0; i = value.indexOf(cut, i + cut.length)) size += full - cut.length;
      }
    }
    if (value.length > STRING_CAP) value = value.slice(0, STRING_CAP);
    if (size > value.length) this.virtualSizes.set(name, size);
    else this.virtualSizes.delete(name);
    this.vars.set(name, value);
    if (name === 'PWD') this.ctx.cwd = value;
    if (size > 4096 || old > 4096) {
      this.memory.bytes += size - old;
      if (this.ctx.sys?.setMemory && !this.ctx.sys.setMemory(this.memory.bytes)) throw new OomKill();
    }
  }

  /** The size a variable's value has (its full size when its text was cut). */
  private sizeOf(name: string): number {
    return this.virtualSizes.get(name) ?? this.vars.get(name)?.length ?? 0;
  }

  /** The environment of a child: exported variables plus the command's own assignments. */
  childEnv(prefix?: Map<string, string>): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env.set(k, v);
    }
    if (prefix) for (const [k, v] of prefix) env.set(k, v);
    return env;
  }

  // ---- expansion -----------------------------------------------------------------------

  private *paramValue(p: Extract<WordPart, { t: 'param' }>, inDq: boolean): Gen<Array<{ s: string; q: boolean; split: boolean; brk?: boolean }>> {
    const name = p.name;
    if ((name === '@' || name === '*') && !p.op) {
      if (name === '@' && inDq) {
        const out: Array<{ s: string; q: boolean; split: boolean; brk?: boolean }> = [];
        this.positional.forEach((a, i) => {
          if (i > 0) out.push({ s: '', q: true, split: false, brk: true });
          out.push({ s: a, q: true, split: false });
        });
        if (this.positional.length === 0) out.push({ s: '', q: false, split: false });
        return out;
      }
    }
    let v = this.getVar(name);
    const isSet = v !== undefined;
    const nonEmpty = isSet && v !== '';
    if (p.op === 'len') return [{ s: String((v ?? '').length), q: inDq, split: !inDq }];
    const argVal = function* (sh: Shell): Gen<string> {
      return p.arg ? yield* sh.expandSingle(p.arg, inDq) : '';
    };
    const ok = p.colon ? nonEmpty : isSet;
    switch (p.op) {
      case '-':
        if (!ok) return yield* this.expandPartsPieces(p.arg?.parts ?? [], inDq);
        break;
      case '=':
        if (!ok) {
          v = yield* argVal(this);
          this.setVar(name, v);
        }
        break;
      case '?':
        if (!ok) {
          const msg = p.arg && p.arg.raw ? yield* argVal(this) : p.colon ? 'parameter null or not set' : 'parameter not set';
          this.write(2, `${this.dialect.id === 'ash' ? `${this.arg0}: ` : this.dialect.prefix(this.site())}${name}: ${msg}\n`);
          throw new ExitEx(2);
        }
        break;
      case '+':
        if (ok) return yield* this.expandPartsPieces(p.arg?.parts ?? [], inDq);
        return [];
      case '#':
      case '##':
      case '%':
      case '%%': {
        const pat = yield* this.expandPattern(p.arg ?? { parts: [], raw: '' });
        v = trimPattern(v ?? '', pat, p.op);
        break;
      }
      default:
        if (!isSet && this.opts.u && !/^[@*#?$!0-]$/.test(name)) {
          this.write(2, `${this.dialect.prefix(this.site())}${name}: parameter not set\n`);
          throw new ExitEx(2);
        }
    }
    return [{ s: v ?? '', q: inDq, split: !inDq }];
  }

  /** Run a command substitution and return its output without trailing newlines. */
  *substitute(body: List): Gen<string> {
    const sub = this.clone();
    const out: string[] = [];
    sub.fd1 = { k: 'buf', out };
    sub.stdin = { text: '', pos: 0 };
    sub.stdinForChild = undefined;
    let status = 0;
    try {
      yield* sub.runList(body, false);
      status = sub.status;
    } catch (e) {
      if (e instanceof ExitEx) status = e.code;
      else if (!(e instanceof BreakEx || e instanceof ReturnEx)) throw e;
    }
    this.lastSubst = status;
    this.status = status;
    return out.join('').replace(/\n+$/, '');
  }

  private *expandPartsPieces(parts: WordPart[], inDq: boolean): Gen<Array<{ s: string; q: boolean; split: boolean; brk?: boolean }>> {
    const out: Array<{ s: string; q: boolean; split: boolean; brk?: boolean }> = [];
    for (const p of parts) {
      switch (p.t) {
        case 'lit':
          out.push({ s: p.v, q: inDq || !!p.quoted, split: false });
          break;
        case 'sq':
          out.push({ s: p.v, q: true, split: false });
          break;
        case 'dq': {
          const inner = yield* this.expandPartsPieces(p.parts, true);
          if (inner.length === 0) out.push({ s: '', q: true, split: false });
          out.push(...inner.map((x) => ({ ...x, q: x.brk ? x.q : true })));
          break;
        }
        case 'tilde':
          out.push({ s: p.user ? (p.user === 'root' ? '/root' : `/home/${p.user}`) : this.vars.get('HOME') ?? '/root', q: true, split: false });
          break;
        case 'param':
          out.push(...(yield* this.paramValue(p, inDq)));
          break;
        case 'cmd': {
          const s = yield* this.substitute(p.body);
          out.push({ s, q: inDq, split: !inDq });
          break;
        }
        case 'arith': {
          const text = yield* this.expandSingle(p.expr, true);
          let v: number;
          try {
            v = evalArith(text, { get: (n) => this.getVar(n), set: (n, val) => this.setVar(n, val) });
          } catch (e) {
            if (e instanceof ArithError) {
              this.write(2, this.dialect.arithError(this.site(), text, e.what));
              throw new ExitEx(2);
            }
            throw e;
          }
          out.push({ s: String(v), q: inDq, split: !inDq });
          break;
        }
      }
    }
    return out;
  }

  /** Expand to fields: splitting on IFS and pathname expansion. */
  *expandFields(w: Word): Gen<string[]> {
    const pieces = yield* this.expandPartsPieces(w.parts, false);
    const ifs = this.vars.get('IFS') ?? ' \t\n';
    const fields: Field[] = [];
    let cur: Field = { text: '', quoted: [], hadQuote: false };
    let started = false;
    const end = () => {
      if (started) fields.push(cur);
      cur = { text: '', quoted: [], hadQuote: false };
      started = false;
    };
    for (const pc of pieces) {
      if (pc.brk) {
        end();
        started = true;
        cur.hadQuote = true;
        continue;
      }
      if (pc.q) {
        started = true;
        cur.hadQuote = true;
        for (const ch of pc.s) {
          cur.text += ch;
          cur.quoted.push(true);
        }
        continue;
      }
      for (const ch of pc.s) {
        if (pc.split && ifs.includes(ch)) {
          end();
          continue;
        }
        started = true;
        cur.text += ch;
        cur.quoted.push(false);
      }
    }
    end();
    const out: string[] = [];
    for (const f of fields) {
      if (f.text === '' && !f.hadQuote) continue;
      const pat: Pat = { text: f.text, quoted: f.quoted };
      if (hasGlob(pat)) {
        const matches = this.glob(pat);
        if (matches.length) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
    return out;
  }

  /** One string: no field splitting, no globbing (assignments, redirection targets, case words). */
  *expandSingle(w: Word, inDq = false): Gen<string> {
    const pieces = yield* this.expandPartsPieces(w.parts, inDq);
    return pieces.map((p) => (p.brk ? ' ' : p.s)).join('');
  }

  *expandPattern(w: Word): Gen<Pat> {
    const pieces = yield* this.expandPartsPieces(w.parts, false);
    const pat: Pat = { text: '', quoted: [] };
    for (const p of pieces) {
      for (const ch of p.s) {
        pat.text += ch;
        pat.quoted.push(p.q);
      }
    }
    return pat;
  }

  /** Pathname expansion of one field, sorted; empty when nothing matches. */
  glob(pat: Pat): string[] {
    const fs = this.ctx.fs;
    const abs = pat.text.startsWith('/');
    const segs: Pat[] = [];
    let cur: Pat = { text: '', quoted: [] };
    for (let i = 0; i < pat.text.length; i++) {
      if (pat.text[i] === '/') {
        segs.push(cur);
        cur = { text: '', quoted: [] };
      } else {
        cur.text += pat.text[i];
        cur.quoted.push(pat.quoted[i]);
      }
    }
    segs.push(cur);
    let bases = [abs ? '/' : ''];
    for (let i = abs ? 1 : 0; i < segs.length; i++) {
      const seg = segs[i];
      const last = i === segs.length - 1;
      const next: string[] = [];
      for (const b of bases) {
        const dir = b === '' ? this.ctx.cwd : b;
        if (!hasGlob(seg)) {
          const p = b === '' ? seg.text : b.endsWith('/') ? b + seg.text : `${b}/${seg.text}`;
          const full = p.startsWith('/') ? p : `${this.ctx.cwd.replace(/\/$/, '')}/${p}`;
          if (seg.text === '' || fs.exists(full)) next.push(p);
          continue;
        }
        // readdir gives `.` and `..` too: a pattern that starts with a dot matches them (bash before 5.2's globskipdots, dash, ash)
        const listed = fs.list(dir);
        const names = listed && seg.text.startsWith('.') ? ['.', '..', ...listed] : listed ?? [];
        let re: RegExp;
        try {
          re = new RegExp(`^${patternSource(seg, false)}$`);
        } catch {
          continue;
        }
        for (const n of names) {
          if (n.startsWith('.') && !seg.text.startsWith('.')) continue;
          if (!re.test(n)) continue;
          const p = b === '' ? n : b.endsWith('/') ? b + n : `${b}/${n}`;
          if (!last) {
            const full = p.startsWith('/') ? p : `${this.ctx.cwd.replace(/\/$/, '')}/${p}`;
            if (!fs.isDir(full)) continue;
          }
          next.push(p);
        }
      }
      bases = next;
      if (!bases.length) return [];
    }
    // bash sorts the names with strcoll in its locale (strvec_strcmp); dash and ash with strcmp.
    return this.dialect.id === 'bash' ? bases.sort(collateOf({ get: (k) => this.vars.get(k) })) : bases.sort();
  }

  // ---- redirections --------------------------------------------------------------------

  private device(path: string): string | undefined {
    const fs = this.ctx.fs as { device?: (p: string) => string | undefined };
    if (fs.device) return fs.device(path);
    return path === '/dev/null' ? 'null' : undefined;
  }

  private absPath(p: string): string {
    if (p.startsWith('/')) return p;
    return `${this.ctx.cwd.replace(/\/$/, '')}/${p}`;
  }

  /** Apply redirections; false (after the message) when one cannot be opened. */
  *applyRedirs(redirs: Redir[]): Gen<boolean> {
    for (const r of redirs) {
      const target = yield* this.expandSingle(r.target);
      const fd = r.fd;
      if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
        // A here-document (its body, expanded unless the delimiter was quoted) or a here-string.
        const text = r.op === '<<<' ? `${target}\n` : target;
        if (fd === 0) {
          this.stdin = { text, pos: 0 };
          this.stdinForChild = undefined;
        }
        continue;
      }
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          // `N>&-` / `N<&-`: close the descriptor.
          if (fd === 0) this.stdin = { text: '', pos: 0 };
          else this.setFd(fd, { k: 'null' }, true);
          continue;
        }
        if (/^\d+$/.test(target)) {
          const n = Number(target);
          if (fd === 0 || n === 0) {
            // Input duplication: only standard input is modelled.
            if (n !== 0 && !this.fdOf(n)) return this.badFd(target);
            continue;
          }
          const src = this.fdOf(n);
          if (!src) return this.badFd(target);
          this.setFd(fd, src);
          continue;
        }
        if (r.op === '>&' && (fd === 1 || fd === 2)) {
          // bash: `>&file` is `&>file`; dash and ash want a number.
          if (this.dialect.id !== 'bash') {
            if (this.dialect.id === 'dash') this.write(2, `${this.dialect.prefix(this.site())}Syntax error: Bad fd number\n`);
            else this.err('Bad fd number'); // wording not verified (busybox ash)
            this.status = 2;
            return false;
          }
          const ok = yield* this.openOut(target, false, fd);
          if (!ok) return false;
          if (fd === 1) this.fd2 = this.fd1;
        }
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        const path = this.absPath(target);
        const dev = this.device(path);
        if (dev) {
          if (fd === 0) this.stdin = { text: '', pos: 0 };
          continue;
        }
        const text = this.ctx.fs.read(path);
        if (text === undefined) {
          this.err(this.dialect.cannotOpen(target));
          this.status = this.dialect.redirFailStatus;
          return false;
        }
        if (fd === 0) {
          this.stdin = { text, pos: 0 };
          this.stdinForChild = undefined;
        }
        continue;
      }
      const append = r.op === '>>' || r.op === '&>>';
      if (r.op === '&>' || r.op === '&>>') {
        const ok = yield* this.openOut(target, append, 1);
        if (!ok) return false;
        this.fd2 = this.fd1;
        continue;
      }
      const ok = yield* this.openOut(target, append, fd);
      if (!ok) return false;
    }
    return true;
  }

  private *openOut(target: string, append: boolean, fd: number): Gen<boolean> {
    const path = this.absPath(target);
    const dev = this.device(path);
    let f: ShFd;
    if (dev === 'null' || dev === 'zero') f = { k: 'null' };
    else if (dev === 'stdout') f = this.fd1;
    else if (dev === 'stderr') f = this.fd2;
    else {
      const fs = this.ctx.fs;
      if (fs.isDir(path)) {
        this.err(this.dialect.cannotCreate(target, 'EISDIR'));
        this.status = this.dialect.redirFailStatus;
        return false;
      }
      const dir = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!fs.isDir(dir)) {
        this.err(this.dialect.cannotCreate(target, 'ENOENT'));
        this.status = this.dialect.redirFailStatus;
        return false;
      }
      // open(2) for writing on a read-only mount (a configMap volume, `readOnly: true`)
      const ro = fs as typeof fs & { readOnlyAt?: (p: string) => boolean };
      if (ro.readOnlyAt?.(path)) {
        this.err(this.dialect.cannotCreate(target, 'EROFS'));
        this.status = this.dialect.redirFailStatus;
        return false;
      }
      if (!append || !fs.exists(path)) fs.write(path, '');
      f = { k: 'file', path };
    }
    this.setFd(fd, f);
    return true;
  }

  /** Descriptors above 2 (`exec 3>&1`, `3>&1 1>&2 2>&3`): output only. */
  extraFds = new Map<number, ShFd>();

  fdOf(n: number): ShFd | undefined {
    if (n === 1) return this.fd1;
    if (n === 2) return this.fd2;
    return this.extraFds.get(n);
  }

  private setFd(n: number, f: ShFd, close = false): void {
    if (n === 1) this.fd1 = f;
    else if (n === 2) this.fd2 = f;
    else if (n > 2) {
      if (this.extraFds === this.savedExtraFds) this.extraFds = new Map(this.extraFds);
      if (close) this.extraFds.delete(n);
      else this.extraFds.set(n, f);
    }
  }

  /** The map withRedirs will restore (copied before the first change). */
  private savedExtraFds?: Map<number, ShFd>;

  private badFd(target: string): false {
    this.err(`${target}: Bad file descriptor`);
    this.status = 1;
    return false;
  }

  /** Run `body` with redirections applied, restoring the descriptors afterwards. */
  *withRedirs<T>(redirs: Redir[], body: () => Gen<T>, onFail: T): Gen<T> {
    if (!redirs.length) return yield* body();
    const save = { fd1: this.fd1, fd2: this.fd2, stdin: this.stdin, extra: this.extraFds, saved: this.savedExtraFds };
    this.savedExtraFds = this.extraFds;
    try {
      const ok = yield* this.applyRedirs(redirs);
      if (!ok) return onFail;
      return yield* body();
    } finally {
      this.fd1 = save.fd1;
      this.fd2 = save.fd2;
      this.stdin = save.stdin;
      this.extraFds = save.extra;
      this.savedExtraFds = save.saved;
    }
  }

  // ---- execution -----------------------------------------------------------------------

  /** Run a script text: one complete command at a time, as dash and ash do. */
  *runScript(src: string): Gen<number> {
    const parser = new Parser(src, { bash: this.dialect.id === 'bash' });
    for (;;) {
      let list: List | null;
      try {
        list = parser.parseCompleteCommand();
      } catch (e) {
        if (e instanceof ShellSyntaxError) {
          this.write(2, this.dialect.syntax(e, this.site()));
          this.status = 2;
          return 2;
        }
        throw e;
      }
      if (!list) break;
      if (parser.heredocAtEof && this.dialect.id === 'bash') {
        // bash: `warning: here-document at line 1 delimited by end-of-file (wanted `EOF')`.
        const h = parser.heredocAtEof;
        parser.heredocAtEof = undefined;
        this.write(2, `${this.dialect.prefix({ ...this.site(), line: parser.line })}warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delim}')\n`);
      }
      const last = parser.atEnd;
      yield* this.runList(list, last && !this.interactive);
    }
    return this.status;
  }

  *runList(list: List, exitAfter: boolean): Gen<number> {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (item.background) {
        yield* this.runBackground(item.andOr, item.src);
      } else {
        yield* this.runAndOr(item.andOr, exitAfter && i === list.length - 1);
      }
      if (this.pending.length) yield* this.runTraps();
      if (this.interactive) this.checkInterrupt();
    }
    return this.status;
  }

  *runTraps(): Gen<void> {
    while (this.pending.length) {
      const sig = this.pending.shift()!;
      const name = sig.replace(/^SIG/, '');
      const action = this.traps.get(name);
      if (!action) continue;
      const saved = this.status;
      yield* this.eval(action);
      this.status = saved;
    }
  }

  /** The alias a simple command's first word names (an unquoted word, in an interactive shell, not inside its own expansion). */
  private aliasOf(cmd: Extract<Command, { t: 'simple' }>): { name: string; value: string } | undefined {
    if (!this.interactive || !this.lineAliases.size || !cmd.words.length) return undefined;
    const p0 = cmd.words[0].parts;
    if (p0.length !== 1 || p0[0].t !== 'lit' || p0[0].quoted || this.expanding.has(p0[0].v)) return undefined;
    const value = this.lineAliases.get(p0[0].v);
    return value === undefined ? undefined : { name: p0[0].v, value };
  }

  /**
   * An alias in command position: its text in place of the word. A value that is a plain
   * command (`kubectl -n kube-system`) takes the rest of the words and the redirections; any
   * other (`ls | wc -l`, `cd /tmp; ls`) runs as text with the rest of the words after it.
   */
  private *runAlias(cmd: Extract<Command, { t: 'simple' }>, name: string, value: string, exitAfter: boolean): Gen<number> {
    const one = aliasCommand(value, this.dialect.id === 'bash');
    this.expanding.add(name);
    try {
      if (one) {
        return yield* this.runSimple({ ...cmd, assigns: [...cmd.assigns, ...one.assigns], words: [...one.words, ...cmd.words.slice(1)] }, exitAfter);
      }
      return yield* this.eval([value, ...cmd.words.slice(1).map((w) => w.raw)].join(' '));
    } finally {
      this.expanding.delete(name);
    }
  }

  *eval(src: string): Gen<number> {
    let list: List;
    try {
      list = new Parser(src, { bash: this.dialect.id === 'bash', line: this.line }).parseAll();
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.write(2, this.dialect.syntax(e, this.site()));
        throw new ExitEx(2);
      }
      throw e;
    }
    return yield* this.runList(list, false);
  }

  private *runAndOr(ao: AndOr, exitAfter: boolean): Gen<number> {
    const n = ao.rest.length;
    if (n > 0) this.condDepth++;
    let status: number;
    try {
      status = yield* this.runPipeline(ao.first, exitAfter && n === 0);
    } finally {
      if (n > 0) this.condDepth--;
    }
    let lastRan = n === 0;
    for (let i = 0; i < n; i++) {
      const { op, p } = ao.rest[i];
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      const isLast = i === n - 1;
      if (!isLast) this.condDepth++;
      try {
        status = yield* this.runPipeline(p, exitAfter && isLast);
      } finally {
        if (!isLast) this.condDepth--;
      }
      lastRan = isLast;
    }
    this.status = status;
    if (this.opts.e && status !== 0 && this.condDepth === 0 && lastRan) throw new ExitEx(status);
    return status;
  }

  private *runPipeline(p: Pipeline, exitAfter: boolean): Gen<number> {
    let status: number;
    if (p.negate) this.condDepth++;
    try {
      if (p.cmds.length === 1) {
        status = yield* this.runCommand(p.cmds[0], exitAfter && !p.negate);
      } else {
        let input: string | undefined;
        let interrupted: InterruptEx | undefined;
        status = 0;
        // The shell forks every stage before any of them runs (so `ps -ef | grep x` lists the
        // grep); here the stages run one after the other over buffered pipes, so each stage
        // is forked ahead as a placeholder in the process table, which its command takes over.
        const sys = this.ctx.sys;
        const pids = sys?.reserve ? p.cmds.map((c) => sys.reserve!(this.previewArgv(c), this.forkParent)) : [];
        try {
          for (let i = 0; i < p.cmds.length; i++) {
            const last = i === p.cmds.length - 1;
            const sub = this.clone();
            if (p.cmds[i].t === 'simple') sub.forkPid = pids[i];
            else if (pids[i] !== undefined) sub.forkParent = pids[i];
            if (input !== undefined) {
              sub.stdin = { text: input, pos: 0 };
              sub.stdinForChild = input;
            } else if (i > 0) sub.stdinForChild = undefined;
            const out: string[] = [];
            if (!last) sub.fd1 = { k: 'buf', out };
            try {
              status = yield* sub.runCommand(p.cmds[i], false);
            } catch (e) {
              if (e instanceof ExitEx) status = e.code;
              else if (e instanceof InterruptEx && !last) {
                // Ctrl-C stopped a writer (`kubectl logs -f | head -3`): the stages after it ran
                // alongside it in a real pipeline, so they still get what it wrote; then the line ends.
                interrupted = e;
                status = e.code;
              } else if (!(e instanceof BreakEx || e instanceof ReturnEx)) throw e;
            }
            if (i === 0) this.stdinForChild = undefined;
            input = last ? undefined : out.join('');
            if (pids[i] !== undefined) sys?.release?.(pids[i]!);
          }
        } finally {
          for (const pid of pids) if (pid !== undefined) sys?.release?.(pid);
        }
        if (interrupted) {
          this.status = interrupted.code;
          throw interrupted;
        }
      }
    } finally {
      if (p.negate) this.condDepth--;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /**
   * The argv a pipeline stage will exec, as far as it is known before the stage runs: its
   * words when they are literal text or plain variables; undefined for a stage the forked shell
   * runs itself (a builtin, a function, a compound command) or whose words need expanding.
   * unverified: an unquoted glob is shown as written (bash expands it in the child).
   */
  previewArgv(cmd: Command): string[] | undefined {
    if (cmd.t !== 'simple' || !cmd.words.length) return undefined;
    const text = (parts: WordPart[], quoted: boolean): string | undefined => {
      let out = '';
      for (const part of parts) {
        if (part.t === 'lit' || part.t === 'sq') out += part.v;
        else if (part.t === 'dq') {
          const t = text(part.parts, true);
          if (t === undefined) return undefined;
          out += t;
        } else if (part.t === 'param' && !part.op && /^[A-Za-z_]\w*$/.test(part.name)) {
          const v = this.vars.get(part.name) ?? '';
          if (!quoted && /\s/.test(v)) return undefined;
          out += v;
        } else return undefined;
      }
      return out;
    };
    const argv: string[] = [];
    for (const w of cmd.words) {
      const t = text(w.parts, false);
      if (t === undefined) return undefined;
      argv.push(t);
    }
    // an alias that is plain words (`grep --color=auto`) runs as its words
    const alias = this.aliasOf(cmd)?.value;
    if (alias !== undefined) {
      if (!/^[\w./=:,@%+-]+( [\w./=:,@%+-]+)*$/.test(alias.trim())) return undefined;
      argv.splice(0, 1, ...alias.trim().split(' '));
    }
    if (BUILTINS[argv[0]] || this.funcs.has(argv[0])) return undefined;
    return argv;
  }

  *runCommand(cmd: Command, exitAfter: boolean): Gen<number> {
    this.line = cmd.line;
    switch (cmd.t) {
      case 'simple':
        return yield* this.runSimple(cmd, exitAfter);
      case 'if':
        return yield* this.withRedirs(cmd.redirs, () => this.runIf(cmd, exitAfter), this.dialect.redirFailStatus);
      case 'loop':
        return yield* this.withRedirs(cmd.redirs, () => this.runLoop(cmd), this.dialect.redirFailStatus);
      case 'for':
        return yield* this.withRedirs(cmd.redirs, () => this.runFor(cmd), this.dialect.redirFailStatus);
      case 'case':
        return yield* this.withRedirs(cmd.redirs, () => this.runCase(cmd, exitAfter), this.dialect.redirFailStatus);
      case 'group':
        return yield* this.withRedirs(cmd.redirs, () => this.runList(cmd.body, exitAfter), this.dialect.redirFailStatus);
      case 'subshell':
        return yield* this.withRedirs(cmd.redirs, () => this.runSubshell(cmd.body), this.dialect.redirFailStatus);
      case 'func':
        this.funcs.set(cmd.name, cmd.body);
        this.status = 0;
        return 0;
    }
  }

  private *runSubshell(body: List): Gen<number> {
    const sub = this.clone();
    let status: number;
    try {
      status = yield* sub.runList(body, false);
    } catch (e) {
      if (e instanceof ExitEx) status = e.code;
      else if (e instanceof BreakEx || e instanceof ReturnEx) status = sub.status;
      else throw e;
    }
    this.status = status;
    return status;
  }

  private *runCond(list: List): Gen<number> {
    this.condDepth++;
    try {
      return yield* this.runList(list, false);
    } finally {
      this.condDepth--;
    }
  }

  private *runIf(cmd: Extract<Command, { t: 'if' }>, exitAfter: boolean): Gen<number> {
    for (const c of cmd.clauses) {
      yield* this.tick(1);
      const s = yield* this.runCond(c.cond);
      if (s === 0) return yield* this.runList(c.body, exitAfter);
    }
    if (cmd.elseBody) return yield* this.runList(cmd.elseBody, exitAfter);
    this.status = 0;
    return 0;
  }

  private *loopBody(body: List): Gen<'break' | 'continue' | 'next'> {
    try {
      yield* this.runList(body, false);
      return 'next';
    } catch (e) {
      if (e instanceof BreakEx) {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return e.cont ? 'continue' : 'break';
      }
      throw e;
    }
  }

  private *runLoop(cmd: Extract<Command, { t: 'loop' }>): Gen<number> {
    this.loopDepth++;
    let status = 0;
    try {
      for (;;) {
        yield* this.tick(1);
        const c = yield* this.runCond(cmd.cond);
        if (cmd.until ? c === 0 : c !== 0) break;
        const r = yield* this.loopBody(cmd.body);
        status = this.status;
        if (r === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private *runFor(cmd: Extract<Command, { t: 'for' }>): Gen<number> {
    let items: string[];
    if (cmd.items) {
      items = [];
      for (const w of cmd.items) items.push(...(yield* this.expandFields(w)));
    } else items = [...this.positional];
    this.loopDepth++;
    let status = 0;
    try {
      for (const it of items) {
        yield* this.tick(1);
        this.setVar(cmd.name, it);
        const r = yield* this.loopBody(cmd.body);
        status = this.status;
        if (r === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private *runCase(cmd: Extract<Command, { t: 'case' }>, exitAfter: boolean): Gen<number> {
    const word = yield* this.expandSingle(cmd.word);
    for (const it of cmd.items) {
      for (const pw of it.patterns) {
        const pat = yield* this.expandPattern(pw);
        if (matchPattern(pat, word)) {
          if (!it.body.length) {
            this.status = 0;
            return 0;
          }
          return yield* this.runList(it.body, exitAfter);
        }
      }
    }
    this.status = 0;
    return 0;
  }

  private *runBackground(ao: AndOr, src: string): Gen<void> {
    yield* this.tick(25);
    const single = ao.rest.length === 0 && ao.first.cmds.length === 1 && !ao.first.negate ? ao.first.cmds[0] : undefined;
    const sys = this.ctx.sys;
    if (!sys) {
      this.status = 0;
      return;
    }
    let argv: string[] | undefined;
    let env = this.childEnv();
    let fd1 = this.fd1;
    let fd2 = this.fd2;
    if (single && single.t === 'simple' && single.words.length) {
      const fields: string[] = [];
      for (const w of single.words) fields.push(...(yield* this.expandFields(w)));
      if (fields.length && !BUILTINS[fields[0]] && !this.funcs.has(fields[0])) {
        const prefix = new Map<string, string>();
        for (const a of single.assigns) prefix.set(a.name, yield* this.expandSingle(a.value));
        const save = { fd1: this.fd1, fd2: this.fd2, stdin: this.stdin };
        const ok = yield* this.applyRedirs(single.redirs);
        fd1 = this.fd1;
        fd2 = this.fd2;
        this.fd1 = save.fd1;
        this.fd2 = save.fd2;
        this.stdin = save.stdin;
        if (!ok) return;
        const found = sys.which(fields[0], prefix.get('PATH') ?? this.vars.get('PATH'));
        if (found === undefined || typeof found !== 'string') {
          // The job's own shell reports it, as a forked subshell would.
          this.err(found ? this.dialect.permissionDenied(fields[0]) : this.dialect.notFound(fields[0]));
          this.lastBg = 0;
          this.status = 0;
          return;
        }
        argv = fields;
        env = this.childEnv(prefix);
      }
    }
    if (!argv) {
      const sh = sys.which('sh', this.vars.get('PATH'));
      argv = [typeof sh === 'string' ? sh : '/bin/sh', '-c', src];
    }
    const o = { env, cwd: this.ctx.cwd, stdin: '', stdout: this.target(fd1) === 'capture' ? 'null' as const : this.target(fd1), stderr: this.target(fd2) === 'capture' ? 'null' as const : this.target(fd2) };
    let h = sys.start(argv, o);
    for (let i = 0; !('pid' in h) && h.error === 'EAGAIN' && this.dialect.id === 'bash'; i++) {
      // the same fork retries as a foreground command (bash make_child)
      if (i >= FORK_RETRY_SLEEPS_MS.length) {
        this.err('fork: Resource temporarily unavailable');
        this.status = 126;
        if (this.interactive) throw new InterruptEx(126);
        throw new ExitEx(126);
      }
      this.err('fork: retry: Resource temporarily unavailable');
      yield { kind: 'sleep', ms: FORK_RETRY_SLEEPS_MS[i] };
      h = sys.start(argv, o);
    }
    if ('pid' in h) {
      this.lastBg = h.pid;
      this.children.push(h);
      if (this.interactive && !this.subshell) {
        const n = this.jobs.reduce((m, j) => Math.max(m, j.n), 0) + 1;
        this.jobs.push({ n, pid: h.pid, cmd: src.trim().replace(/\s+/g, ' '), exit: h.exit, notified: false });
        this.write(2, `[${n}] ${h.pid}\n`);
      }
    }
    this.status = 0;
  }

  /** The jobs by number, and the current (`+`, the newest) and previous (`-`) ones. */
  private jobOrder(): { live: Job[]; cur?: Job; prev?: Job } {
    const live = [...this.jobs].sort((a, b) => a.n - b.n);
    return { live, cur: live[live.length - 1], prev: live[live.length - 2] };
  }

  /** The job a jobspec names (`%1`, `%%`, `%+`, `%-`, `%sleep`, `%?text`), or why none. */
  findJob(spec: string): Job | string {
    const { live, cur, prev } = this.jobOrder();
    const s = spec.replace(/^%/, '');
    if (s === '' || s === '%' || s === '+') return cur ?? 'current: no such job';
    if (s === '-') return prev ?? cur ?? 'previous: no such job';
    if (/^\d+$/.test(s)) return live.find((j) => j.n === Number(s)) ?? `${spec}: no such job`;
    const hits = s.startsWith('?') ? live.filter((j) => j.cmd.includes(s.slice(1))) : live.filter((j) => j.cmd.startsWith(s));
    if (hits.length > 1) return `${spec}: ambiguous job spec`;
    return hits[0] ?? `${spec}: no such job`;
  }

  /** A job's line as `jobs` and the notices print it (jobs.c pretty_print_job). */
  jobLine(j: Job, long = false): string {
    const { cur, prev } = this.jobOrder();
    const mark = j === cur ? '+' : j === prev ? '-' : ' ';
    const r = j.exit.settled ? j.exit.value : undefined;
    const status = !r ? 'Running' : r.signal ? SIGNAL_DESCRIPTIONS[r.signal] ?? r.signal : r.exitCode === 0 ? 'Done' : `Exit ${r.exitCode}`;
    return `[${j.n}]${mark} ${long ? `${String(j.pid).padStart(5)} ` : ' '}${status.padEnd(24)}${j.cmd}${r ? '' : ' &'}\n`;
  }

  /** Before the next prompt: the jobs that ended since the last look, then they leave the table. */
  *notifyJobs(): Gen<void> {
    if (!this.jobs.length) return;
    // a job killed on this line dies as the kill lands: let its end be seen now
    const running = this.jobs.some((j) => !j.exit.settled) ? new Set((this.ctx.sys?.processes() ?? []).map((p) => p.pid)) : undefined;
    for (const j of this.jobs) if (!j.exit.settled && running && !running.has(j.pid)) yield { kind: 'await', future: j.exit };
    const done = this.jobs.filter((j) => j.exit.settled).sort((a, b) => a.n - b.n);
    for (const j of done) if (!j.notified) this.write(2, this.jobLine(j));
    this.jobs = this.jobs.filter((j) => !j.exit.settled);
  }

  private xtrace(fields: string[], assigns: Array<[string, string]>): void {
    if (!this.opts.x) return;
    const q = (s: string) => (/^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
    const parts = [...assigns.map(([k, v]) => `${k}=${q(v)}`), ...fields.map(q)];
    this.write(2, `+ ${parts.join(' ')}\n`);
  }

  private *runSimple(cmd: Extract<Command, { t: 'simple' }>, exitAfter: boolean): Gen<number> {
    const alias = this.aliasOf(cmd);
    if (alias) return yield* this.runAlias(cmd, alias.name, alias.value, exitAfter);
    yield* this.tick(1);
    this.lastSubst = undefined;
    const fields: string[] = [];
    for (const w of cmd.words) fields.push(...(yield* this.expandFields(w)));
    const assigns: Array<[string, string]> = [];
    for (const a of cmd.assigns) assigns.push([a.name, yield* this.expandSingle(a.value)]);
    this.line = cmd.line;
    if (fields.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      this.xtrace([], assigns);
      const status = this.lastSubst ?? 0;
      const r = yield* this.withRedirs(cmd.redirs, function* () {
        return status;
      }, this.dialect.redirFailStatus);
      this.status = r;
      return r;
    }
    this.xtrace(fields, assigns);
    const name = fields[0];
    const fn = this.funcs.get(name);
    if (fn) {
      const r = yield* this.withRedirs(cmd.redirs, () => this.callFunction(fn, fields.slice(1), assigns), this.dialect.redirFailStatus);
      this.status = r;
      return r;
    }
    const builtin = BUILTINS[name];
    if (builtin && !(name === 'source' && this.dialect.id === 'dash')) {
      const special = SPECIAL_BUILTINS.has(name);
      const saved: Array<[string, string | undefined]> = [];
      for (const [k, v] of assigns) {
        if (!special) saved.push([k, this.vars.get(k)]);
        this.setVar(k, v);
      }
      try {
        if (name === 'exec' && fields.length === 1) {
          const ok = yield* this.applyRedirs(cmd.redirs);
          this.status = ok ? 0 : this.dialect.redirFailStatus;
          return this.status;
        }
        const r = yield* this.withRedirs(cmd.redirs, () => builtin(this, fields), this.dialect.redirFailStatus);
        this.status = r;
        return r;
      } finally {
        for (const [k, v] of saved) {
          if (v === undefined) this.vars.delete(k);
          else this.vars.set(k, v);
        }
      }
    }
    const prefix = new Map(assigns);
    const r = yield* this.withRedirs(cmd.redirs, () => this.runExternal(fields, prefix, exitAfter && cmd.redirs.length === 0), this.dialect.redirFailStatus);
    this.status = r;
    return r;
  }

  *callFunction(body: Command, args: string[], assigns: Array<[string, string]>): Gen<number> {
    if (this.funcDepth >= MAX_FUNC_DEPTH) {
      this.err('Maximum function recursion depth reached');
      throw new ExitEx(2);
    }
    const savedPos = this.positional;
    const saved: Array<[string, string | undefined]> = assigns.map(([k]) => [k, this.vars.get(k)]);
    for (const [k, v] of assigns) this.setVar(k, v);
    this.positional = args;
    this.funcDepth++;
    try {
      return yield* this.runCommand(body, false);
    } catch (e) {
      if (e instanceof ReturnEx) {
        this.status = e.code;
        return e.code;
      }
      throw e;
    } finally {
      this.funcDepth--;
      this.positional = savedPos;
      for (const [k, v] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
    }
  }

  /** Look a command up as execvp would; prints the shell's message when it is missing. */
  resolveCommand(name: string, pathVar?: string): string | number {
    const sys = this.ctx.sys;
    const found = sys?.which(name, pathVar ?? this.vars.get('PATH'));
    if (found === undefined) {
      this.err(this.dialect.notFound(name));
      return 127;
    }
    if (typeof found !== 'string') {
      this.err(this.dialect.permissionDenied(name));
      return 126;
    }
    return found;
  }

  *runExternal(fields: string[], prefix: Map<string, string>, mayExec: boolean): Gen<number> {
    const found = this.resolveCommand(fields[0], prefix.get('PATH'));
    if (typeof found === 'number') return found;
    const env = this.childEnv(prefix);
    if (mayExec && this.dialect.execsLastCommand && this.traps.size === 0 && !this.subshell && this.fd1.k === 'std' && this.fd2.k === 'std' && this.fd1.stream === 'stdout' && this.fd2.stream === 'stderr') {
      const err = (yield { kind: 'exec', argv: fields, env }) as ExecError;
      this.err(this.dialect.notFound(err?.path ?? fields[0]));
      return 127;
    }
    yield* this.tick(25);
    const stdin = this.stdin.pos < this.stdin.text.length && this.stdinForChild === undefined ? this.stdin.text.slice(this.stdin.pos) : this.stdinForChild ?? '';
    if (this.stdin.pos < this.stdin.text.length) this.stdin.pos = this.stdin.text.length;
    this.stdinForChild = undefined;
    const forkPid = this.forkPid;
    this.forkPid = undefined;
    const spawn = (): { fut: import('../types').Future<ExecResult>; pid?: number } => {
      const o = { env, cwd: this.ctx.cwd, stdin, stdout: this.target(this.fd1), stderr: this.target(this.fd2), ...(forkPid !== undefined ? { pid: forkPid } : {}), ...(this.forkParent !== undefined ? { ppid: this.forkParent } : {}) };
      const h = this.ctx.sys?.start(fields, o);
      if (h && 'pid' in h) return { fut: h.exit, pid: h.pid };
      // (no process: the kernel's own result says why, e.g. a failed fork)
      return { fut: this.ctx.spawn(fields, o) };
    };
    let res = yield* this.waitForeground(spawn());
    for (let i = 0; res.startError && isForkFailure(res.startError) && this.dialect.id === 'bash'; i++) {
      // bash's make_child: `fork: retry: …` and a sleep before each new try, then `fork: …`
      // and the command line is abandoned (status 126, EX_NOEXEC). (dash/ash: not modelled,
      // they keep the older message.)
      if (i >= FORK_RETRY_SLEEPS_MS.length) {
        this.err('fork: Resource temporarily unavailable');
        this.status = 126;
        if (this.interactive) throw new InterruptEx(126);
        throw new ExitEx(126);
      }
      this.err('fork: retry: Resource temporarily unavailable');
      yield { kind: 'sleep', ms: FORK_RETRY_SLEEPS_MS[i] };
      res = yield* this.waitForeground(spawn());
    }
    if (res.startError) {
      this.err(this.dialect.notFound(fields[0]));
      return res.exitCode;
    }
    if (this.interactive && res.signal === 'SIGINT') {
      // jobs.c wait_for: the foreground job died of SIGINT; the interactive shell acts as if
      // it got the SIGINT too, so the rest of the line (`a; b`, a loop) does not run.
      if (this.fd1.k === 'buf') this.fd1.out.push(res.stdout);
      this.status = 130;
      throw new InterruptEx(130);
    }
    if (this.fd1.k === 'buf') this.fd1.out.push(res.stdout);
    if (this.fd2.k === 'buf') this.fd2.out.push(res.stderr);
    return res.exitCode;
  }

  /** Wait for a foreground child; while it runs, the terminal's Ctrl-C goes to it. */
  *waitForeground({ fut, pid }: { fut: import('../types').Future<ExecResult>; pid?: number }): Gen<ExecResult> {
    const saved = this.job.fg;
    if (pid !== undefined) this.job.fg = pid;
    try {
      for (;;) {
        const v = (yield { kind: 'await', future: fut }) as ExecResult | { signal: Signal };
        // A trapped signal interrupted the wait (its handler queued the trap): wait again.
        if (v && 'exitCode' in v) return v;
      }
    } finally {
      this.job.fg = saved;
    }
  }

  /** Wait for background children (the `wait` builtin); a trapped signal interrupts it. */
  *waitChildren(pids?: number[]): Gen<number> {
    const targets = pids ? this.children.filter((c) => pids.includes(c.pid)) : [...this.children];
    let status = 0;
    for (const c of targets) {
      const v = (yield { kind: 'await', future: c.exit }) as ExecResult | { signal: Signal };
      if (v && 'signal' in v && !('exitCode' in v)) {
        const n = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28 }[v.signal];
        return 128 + n;
      }
      status = (v as ExecResult).exitCode;
      this.children = this.children.filter((x) => x !== c);
    }
    return pids ? status : 0;
  }

  /** Run the EXIT trap (once) when the shell ends. */
  /** Start from an interactive terminal's state (`HostRunOptions.session`). */
  restoreSession(s: ShellSession): void {
    if (s.vars.size) {
      this.vars = new Map(s.vars);
      this.exported = new Set(s.exported);
    }
    this.funcs = new Map(s.funcs as Map<string, Command>);
    this.aliases = new Map(s.aliases);
    this.lineAliases = new Map(s.aliases);
    this.opts.x = s.opts.x;
    this.opts.u = s.opts.u;
    this.status = s.status ?? 0;
    this.lastBg = s.lastBg ?? 0;
    this.jobs = [...((s.jobs ?? []) as Job[])];
    this.children = this.jobs.filter((j) => !j.exit.settled).map((j) => ({ pid: j.pid, exit: j.exit }));
  }

  /** Leave this shell's state for the terminal's next line (the next line's shell copies it as it starts). */
  saveSession(s: ShellSession, code: number): void {
    s.cwd = this.ctx.cwd;
    s.vars = this.vars;
    s.exported = this.exported;
    s.funcs = this.funcs;
    s.aliases = this.aliases;
    s.opts = { ...this.opts };
    s.status = code;
    s.lastBg = this.lastBg;
    s.jobs = this.jobs;
  }

  *finish(code: number): Gen<number> {
    const action = this.traps.get('EXIT') ?? this.traps.get('0');
    if (action) {
      this.traps.delete('EXIT');
      this.traps.delete('0');
      this.status = code;
      try {
        yield* this.eval(action);
      } catch (e) {
        if (e instanceof ExitEx) return e.code;
        throw e;
      }
    }
    return code;
  }
}
