/**
 * The Linux kernel of one PID namespace (a container, or a node's host): the process table,
 * PIDs, parent/child links, signals, execve and $PATH lookup, and the scheduler that drives
 * programs (generators) from the EventQueue.
 *
 * Rules kept from Linux:
 * - PID 1 of a namespace ignores every signal it has no handler for, except SIGKILL;
 *   any other process dies from the default action (exit status 128 + n for its parent).
 * - When a container's PID 1 exits, every other process of the namespace is killed.
 * - Orphans are re-parented to PID 1.
 * - execve keeps the PID, resets signal handlers, and sets comm to the file's base name.
 *
 * Nothing here runs re-entrantly: signals and process starts are queued with `queue.soon`,
 * and results reach waiting programs through Futures settled from the queue.
 */
import type { EventQueue, Timer } from '../../sim/queue';
import type {
  ChildHandle,
  Effect,
  ExecError,
  FdTarget,
  OsInfo,
  ProcessContext,
  ProcessInfo,
  Program,
  ShellSession,
  SpawnOptions,
  SystemApi,
} from '../../programs/types';
import type { Listener, ListenSpec, NetApi } from '../../programs/net';
import type { ExecResult, Signal } from './types';
import { SIGNAL_NUMBERS } from './types';
import { Deferred } from './future';
import { basename, normalize, type OverlayFs } from './fs';
import { BufferSink, FileSink, MAX_CAPTURE_BYTES, NULL_SINK, type Sink } from './sinks';

export interface ProgramRegistry {
  get(name: string): Program | undefined;
}

export interface KernelLimits {
  /** Live processes in the namespace. */
  maxProcs: number;
  /** Steps a process may take at one virtual instant before the scheduler charges 1 ms. */
  maxStepsPerInstant: number;
}

export const DEFAULT_LIMITS: KernelLimits = { maxProcs: 256, maxStepsPerInstant: 200 };

export interface KernelOptions {
  queue: EventQueue;
  fs: OverlayFs;
  hostname: () => string;
  os: OsInfo;
  programs: ProgramRegistry;
  net?: NetApi;
  /** Containers: PID 1's death ends the namespace. Hosts keep running. */
  initEndsNamespace: boolean;
  limits?: Partial<KernelLimits>;
  /** User name for a UID (ps). */
  userName?: (uid: number) => string;
  /** The memory cgroup's limit, bytes: past it the OOM killer kills the biggest process. */
  memoryLimit?: number;
}

/**
 * The lines a reader types into an interactive process (a pty in line mode): the terminal
 * session pushes them, the process reads them one at a time. `waiting` says that the process
 * asked for a line that has not come yet (it shows its prompt).
 */
export class LineInput {
  private lines: string[] = [];
  private eof = false;
  private waiter?: Deferred<string | undefined>;
  /** The process reading it (set when it starts). */
  proc?: Proc;

  constructor(private readonly queue: EventQueue) {}

  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  push(line: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.settle(line);
    } else this.lines.push(line);
  }

  close(): void {
    this.eof = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.settle(undefined);
    }
  }

  read(): Deferred<string | undefined> {
    const d = new Deferred<string | undefined>(this.queue, 'read line');
    if (this.lines.length) d.settle(this.lines.shift());
    else if (this.eof) d.settle(undefined);
    else this.waiter = d;
    return d;
  }
}

export type ExitStatus = { code: number; signal?: undefined } | { signal: Signal; code?: undefined };

interface Fds {
  stdout: Sink;
  stderr: Sink;
}

export class Proc {
  alive = true;
  gen?: Generator<Effect, number, unknown>;
  handlers = new Map<Signal, (info?: { fromPid: number }) => void>();
  title?: string;
  timer?: Timer;
  paused = false;
  /** Waiting for a future (the await can be interrupted by a handled signal). */
  awaiting = false;
  /** Bumped on every effect: a stale wake-up (a timer or future of an earlier effect) is ignored. */
  seq = 0;
  running = false;
  pendingExit?: number;
  stepsAtNow = 0;
  lastStepT = -1;
  cpuMs = 0;
  /** Memory the program holds (what it reported with setMemory), bytes. */
  memBytes = 0;
  /** A daemon's virtual and resident size as ps shows them (kB), when the model knows them. */
  memKb?: { vsz: number; rss: number };
  /** ps's STAT letters for a daemon (`Ssl`: session leader, multi-threaded). */
  stat?: string;
  /** The OOM killer chose this process while it ran: it dies when it yields. */
  oomPending = false;
  uid = 0;
  tty = false;
  /** The controlling terminal ps shows in TTY (`pts/0`), inherited by children. */
  ctty?: string;
  /** A pipeline stage the shell has forked but not yet run (it takes this PID when it does). */
  placeholder = false;
  /**
   * One line of the reader's login shell: the next line's shell takes the same PID, so the
   * jobs it leaves running keep it as their parent (they are not orphans of a live login shell).
   */
  keepsChildren = false;
  input?: LineInput;
  /** The terminal's carried shell state (the login bash of a terminal line). */
  session?: ShellSession;
  listeners: Listener[] = [];
  readonly exit: Deferred<ExecResult>;
  ctx!: ProcessContext;

  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
    public ppid: number,
    public comm: string,
    public argv: string[],
    public env: Map<string, string>,
    public cwd: string,
    readonly stdin: string,
    readonly fds: Fds,
    readonly captures: { stdout?: BufferSink; stderr?: BufferSink },
    readonly startedAt: number,
  ) {
    this.exit = new Deferred<ExecResult>(kernel.queue, `exit ${comm}`);
  }

  get cmdline(): string {
    return this.title ?? this.argv.join(' ');
  }
}

export class Kernel {
  readonly queue: EventQueue;
  readonly procs = new Map<number, Proc>();
  private nextPid = 1;
  private limits: KernelLimits;
  /** The OOM killer acted in this namespace (containerd then reports `OOMKilled`). */
  oomKilled = false;
  /** Called once when PID 1 of a container exits (after the rest was killed). */
  onInitExit?: (status: ExitStatus) => void;

  constructor(readonly opts: KernelOptions) {
    this.queue = opts.queue;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
  }

  get fs(): OverlayFs {
    return this.opts.fs;
  }

  /** Reserve PIDs (a host's systemd and daemons). */
  skipPids(next: number): void {
    this.nextPid = Math.max(this.nextPid, next);
  }

  liveCount(): number {
    return this.procs.size;
  }

  // ---- $PATH and programs ------------------------------------------------------------

  /** execvp's search: a name with a slash is used as is, otherwise each $PATH entry. */
  which(name: string, pathVar: string | undefined, cwd: string): string | { error: 'EACCES'; path: string } | undefined {
    if (!name) return undefined;
    if (name.includes('/')) {
      const p = normalize(name, cwd);
      const st = this.fs.stat(p);
      if (!st) return undefined;
      if (st.type !== 'file' || (st.mode & 0o111) === 0) return { error: 'EACCES', path: p };
      return p;
    }
    let denied: { error: 'EACCES'; path: string } | undefined;
    for (const dir of (pathVar ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
      const p = normalize(name, normalize(dir || '.', cwd));
      const st = this.fs.stat(p);
      if (!st) continue;
      if (st.type === 'file' && (st.mode & 0o111) !== 0) return p;
      if (st.type === 'file') denied ??= { error: 'EACCES', path: p };
    }
    return denied;
  }

  /** The program a file runs, and the argv it gets (a `#!` script runs its interpreter). */
  private programFor(path: string, argv: string[]): { program: Program; argv: string[] } | undefined {
    const st = this.fs.stat(path);
    if (!st || st.type !== 'file') return undefined;
    if (st.program) {
      const program = this.opts.programs.get(st.program);
      return program ? { program, argv } : undefined;
    }
    const text = this.fs.read(path) ?? '';
    const m = /^#!\s*(\S+)(?:[ \t]+([^\n]*?))?[ \t]*(?:\n|$)/.exec(text);
    const interp = m ? m[1] : '/bin/sh';
    const ist = this.fs.stat(interp);
    if (!ist?.program) return undefined;
    const program = this.opts.programs.get(ist.program);
    if (!program) return undefined;
    const extra = m && m[2] ? [m[2]] : [];
    return { program, argv: [interp, ...extra, path, ...argv.slice(1)] };
  }

  // ---- processes ------------------------------------------------------------------------

  /**
   * fork+execve a process. `path` must already be resolved (see `which`). The program's first
   * step runs from the queue, never inside this call.
   */
  start(
    path: string,
    argv: string[],
    o: { ppid: number; env: Map<string, string>; cwd: string; stdin?: string; stdout: Sink | 'capture'; stderr: Sink | 'capture'; uid?: number; tty?: boolean; input?: LineInput; session?: ShellSession; ctty?: string; /** A PID to take: a free one, or the placeholder of this process. */ pid?: number },
  ): Proc | ExecError {
    const reuse = o.pid !== undefined && (!this.procs.has(o.pid) || this.procs.get(o.pid)!.placeholder) ? o.pid : undefined;
    if (reuse !== undefined) this.release(reuse);
    if (this.procs.size >= this.limits.maxProcs) return { error: 'EAGAIN', path };
    const resolved = this.programFor(path, argv);
    if (!resolved) return { error: 'ENOENT', path };
    const captures: { stdout?: BufferSink; stderr?: BufferSink } = {};
    const stdout = o.stdout === 'capture' ? (captures.stdout = new BufferSink()) : o.stdout;
    const stderr = o.stderr === 'capture' ? (captures.stderr = new BufferSink()) : o.stderr;
    const pid = reuse ?? this.nextPid++;
    const p = new Proc(this, pid, o.ppid, basename(path).slice(0, 15), argv, new Map(o.env), o.cwd, o.stdin ?? '', { stdout, stderr }, captures, this.queue.now);
    p.uid = o.uid ?? 0;
    p.tty = !!o.tty;
    p.ctty = o.ctty;
    if (o.input) {
      p.input = o.input;
      o.input.proc = p;
    }
    if (o.session) p.session = o.session;
    this.procs.set(pid, p);
    this.load(p, resolved.program, resolved.argv);
    this.queue.soon(() => this.step(p, undefined), `run ${p.comm}`);
    return p;
  }

  /** A process without a program (a host's systemd): it only exists in the table. */
  addInert(comm: string, argv: string[], ppid = 0, startedAt = this.queue.now): Proc {
    const pid = this.nextPid++;
    const p = new Proc(this, pid, ppid, comm, argv, new Map(), '/', '', { stdout: NULL_SINK, stderr: NULL_SINK }, {}, startedAt);
    this.procs.set(pid, p);
    return p;
  }

  /**
   * fork(2) of a process that has not exec'd yet: a pipeline stage the shell forked, shown in
   * the table with the command it is about to run (or as a copy of its shell) until it runs.
   */
  reserve(parent: Proc, argv: string[] | undefined, ppid?: number): number | undefined {
    if (this.procs.size >= this.limits.maxProcs) return undefined;
    const sub = ppid !== undefined ? this.procs.get(ppid) : undefined;
    const c = this.addInert(argv ? basename(argv[0] ?? '').slice(0, 15) : parent.comm, argv ?? [...parent.argv], sub?.placeholder && sub.ppid === parent.pid ? sub.pid : parent.pid);
    if (!argv) c.title = parent.title;
    c.uid = parent.uid;
    c.ctty = parent.ctty;
    c.placeholder = true;
    return c.pid;
  }

  /** A placeholder whose stage ended without taking it (a builtin, a missing command). */
  release(pid: number): void {
    const p = this.procs.get(pid);
    if (!p?.placeholder) return;
    p.alive = false;
    this.procs.delete(pid);
  }

  private load(p: Proc, program: Program, argv: string[]): void {
    p.argv = argv;
    p.ctx = this.makeContext(p);
    try {
      p.gen = program(p.ctx);
    } catch (e) {
      p.gen = undefined;
      p.fds.stderr.write(`${p.comm}: ${String(e)}\n`);
      this.queue.soon(() => this.terminate(p, { code: 1 }), 'exit');
    }
  }

  private makeContext(p: Proc): ProcessContext {
    const k = this;
    const sys: SystemApi = {
      processes: () => k.processTable(),
      kill: (pid, sig) => (k.procs.has(pid) ? (k.signal(pid, sig, p.pid), 'ok') : 'ESRCH'),
      start: (argv, opts) => k.forkFrom(p, argv, opts ?? {}),
      reserve: (argv, ppid) => k.reserve(p, argv, ppid),
      release: (pid) => k.release(pid),
      which: (name, path) => k.which(name, path ?? p.env.get('PATH'), p.cwd),
      setTitle: (t) => {
        p.title = t;
      },
      setUid: (uid) => {
        p.uid = uid;
      },
      chargeCpu: (ms) => {
        p.cpuMs += ms;
      },
      setMemory: (bytes) => k.setMemory(p, bytes),
      os: k.opts.os,
    };
    const net = k.opts.net ? wrapNet(k.opts.net, p) : undefined;
    const ctx: ProcessContext = {
      pid: p.pid,
      ppid: p.ppid,
      argv: p.argv,
      env: p.env,
      get cwd() {
        return p.cwd;
      },
      set cwd(v: string) {
        p.cwd = v;
      },
      stdin: p.stdin,
      get tty() {
        return p.tty;
      },
      write: (stream, text) => {
        if (!p.alive || !text) return;
        (stream === 'stdout' ? p.fds.stdout : p.fds.stderr).write(text);
      },
      writeLine: (stream, line) => {
        if (!p.alive) return;
        const sink: Sink = stream === 'stdout' ? p.fds.stdout : p.fds.stderr;
        if (sink.writeLine) sink.writeLine(line);
        else sink.write(`${line}\n`);
      },
      writeRepeated: (stream, text, times) => {
        if (!p.alive || !text || times <= 0) return 'ok';
        const sink: Sink = stream === 'stdout' ? p.fds.stdout : p.fds.stderr;
        if (sink instanceof BufferSink && sink.full) return 'EPIPE';
        if (sink.writeRepeated) sink.writeRepeated(text, times);
        else sink.write(text.repeat(Math.max(1, Math.min(times, Math.floor(MAX_CAPTURE_BYTES / text.length)))));
        return 'ok';
      },
      fs: k.fs,
      get hostname() {
        return k.opts.hostname();
      },
      now: () => k.queue.now,
      onSignal: (sig, handler) => {
        p.handlers.set(sig, handler);
      },
      exit: (code) => {
        if (!p.alive) return;
        if (p.running) p.pendingExit = code;
        else k.terminate(p, { code });
      },
      spawn: (argv, opts) => k.spawnFrom(p, argv, opts ?? {}),
      ...(p.input ? { readLine: () => p.input!.read() } : {}),
      ...(p.session ? { session: p.session } : {}),
      sys,
      net,
    };
    return ctx;
  }

  /** Child fds for a spawn target, relative to the parent's. */
  private sinkFor(parent: Proc, t: FdTarget | undefined): Sink | 'capture' {
    if (t === undefined || t === 'capture') return 'capture';
    if (t === 'stdout') return parent.fds.stdout;
    if (t === 'stderr') return parent.fds.stderr;
    if (t === 'null') return NULL_SINK;
    const path = normalize(t.file, parent.cwd);
    const dev = this.fs.device(path);
    if (dev === 'null' || dev === 'zero') return NULL_SINK;
    if (dev === 'stdout') return parent.fds.stdout;
    if (dev === 'stderr') return parent.fds.stderr;
    if (!t.append) this.fs.writeFile(path, '');
    return new FileSink(this.fs, path);
  }

  private forkFrom(parent: Proc, argv: string[], o: SpawnOptions): ChildHandle | ExecError {
    const env = o.env ?? parent.env;
    const cwd = o.cwd ?? parent.cwd;
    const found = this.which(argv[0] ?? '', env.get('PATH'), cwd);
    if (!found) return { error: 'ENOENT', path: argv[0] ?? '' };
    if (typeof found !== 'string') return found;
    const sub = o.ppid !== undefined ? this.procs.get(o.ppid) : undefined;
    const child = this.start(found, argv, {
      ppid: sub?.placeholder && sub.ppid === parent.pid ? sub.pid : parent.pid,
      env,
      cwd,
      stdin: o.stdin,
      stdout: this.sinkFor(parent, o.stdout),
      stderr: this.sinkFor(parent, o.stderr),
      uid: parent.uid,
      tty: parent.tty && o.stdout === 'stdout',
      ctty: parent.ctty,
      pid: o.pid,
    });
    if (!(child instanceof Proc)) return child;
    return { pid: child.pid, exit: child.exit };
  }

  private spawnFrom(parent: Proc, argv: string[], o: SpawnOptions): Deferred<ExecResult> {
    const r = this.forkFrom(parent, argv, o);
    if ('exit' in r) return r.exit as Deferred<ExecResult>;
    const d = new Deferred<ExecResult>(this.queue);
    const msg = r.error === 'EAGAIN' ? 'fork: Resource temporarily unavailable' : `exec: "${argv[0] ?? ''}": executable file not found in $PATH`;
    d.settle({ exitCode: r.error === 'EACCES' ? 126 : 127, stdout: '', stderr: '', timedOut: false, startError: msg });
    return d;
  }

  // ---- scheduling ------------------------------------------------------------------------

  private step(p: Proc, value: unknown): void {
    if (!p.alive || !p.gen) return;
    const now = this.queue.now;
    if (p.lastStepT === now) p.stepsAtNow++;
    else {
      p.lastStepT = now;
      p.stepsAtNow = 0;
    }
    const gen = p.gen;
    let r: IteratorResult<Effect, number>;
    p.paused = false;
    p.awaiting = false;
    p.running = true;
    try {
      r = gen.next(value);
    } catch (e) {
      p.running = false;
      if (!p.alive) return;
      if (p.oomPending) {
        this.terminate(p, { signal: 'SIGKILL' });
        return;
      }
      p.fds.stderr.write(`${p.comm}: ${e instanceof Error ? e.message : String(e)}\n`);
      this.terminate(p, { code: 1 });
      return;
    }
    p.running = false;
    if (!p.alive || p.gen !== gen) return;
    if (p.oomPending) {
      this.terminate(p, { signal: 'SIGKILL' });
      return;
    }
    if (p.pendingExit !== undefined) {
      this.terminate(p, { code: p.pendingExit });
      return;
    }
    if (r.done) {
      this.terminate(p, { code: Number(r.value ?? 0) & 0xff });
      return;
    }
    this.handleEffect(p, gen, r.value);
  }

  /** Too many steps at one instant: the process is spinning, so let virtual time pass. */
  private spinning(p: Proc): boolean {
    return p.lastStepT === this.queue.now && p.stepsAtNow >= this.limits.maxStepsPerInstant;
  }

  /** Resume the process with `v` if it still waits for the effect `seq` of `gen`. */
  private resume(p: Proc, gen: Generator<Effect, number, unknown>, seq: number, v?: unknown): void {
    if (!p.alive || p.gen !== gen || p.seq !== seq) return;
    p.awaiting = false;
    this.step(p, v);
  }

  private handleEffect(p: Proc, gen: Generator<Effect, number, unknown>, e: Effect): void {
    // No named closure here: every step of every process comes through (a named function costs a defineProperty per call when names are kept, as tsx does).
    const seq = ++p.seq;
    switch (e?.kind) {
      case 'sleep': {
        let ms = Math.max(0, Number.isFinite(e.ms) ? e.ms : 0);
        if (ms === 0 && this.spinning(p)) ms = 1;
        if (ms === Number.POSITIVE_INFINITY || ms > 1e12) {
          p.paused = true;
          return;
        }
        p.timer = this.queue.after(ms, () => {
          p.timer = undefined;
          this.resume(p, gen, seq);
        }, `sleep ${p.comm}`);
        return;
      }
      case 'await': {
        p.awaiting = true;
        let deadline: Timer | undefined;
        if (e.timeoutMs !== undefined && Number.isFinite(e.timeoutMs) && !e.future.settled) {
          deadline = p.timer = this.queue.after(Math.max(0, e.timeoutMs), () => {
            p.timer = undefined;
            this.resume(p, gen, seq);
          }, `await ${p.comm}`);
        }
        e.future.onSettle((v) => {
          if (!p.alive || p.gen !== gen || p.seq !== seq) return;
          if (deadline) {
            this.queue.cancel(deadline);
            if (p.timer === deadline) p.timer = undefined;
          }
          if (this.spinning(p)) p.timer = this.queue.after(1, () => this.resume(p, gen, seq, v), `await ${p.comm}`);
          else this.resume(p, gen, seq, v);
        });
        return;
      }
      case 'pause':
        p.paused = true;
        return;
      case 'exec':
        this.doExec(p, e.argv, e.env);
        return;
      default:
        p.fds.stderr.write(`${p.comm}: invalid effect\n`);
        this.terminate(p, { code: 1 });
    }
  }

  private doExec(p: Proc, argv: string[], env?: Map<string, string>): void {
    const newEnv = env ?? p.env;
    const found = this.which(argv[0] ?? '', newEnv.get('PATH'), p.cwd);
    let fail: ExecError | undefined;
    if (!found) fail = { error: 'ENOENT', path: argv[0] ?? '' };
    else if (typeof found !== 'string') fail = found;
    const resolved = typeof found === 'string' ? this.programFor(found, argv) : undefined;
    if (!fail && !resolved) fail = { error: 'ENOENT', path: String(found) };
    if (fail || !resolved || typeof found !== 'string') {
      const err = fail;
      this.queue.soon(() => this.step(p, err), 'exec failed');
      return;
    }
    p.env = new Map(newEnv);
    p.comm = basename(found).slice(0, 15);
    p.title = undefined;
    p.handlers.clear();
    this.load(p, resolved.program, resolved.argv);
    this.queue.soon(() => this.step(p, undefined), `exec ${p.comm}`);
  }

  // ---- memory ------------------------------------------------------------------------------

  /**
   * A process now holds `bytes`. When the namespace's total passes the cgroup limit, the OOM
   * killer SIGKILLs the process holding the most (oom_badness: the largest RSS). Returns false
   * when that is the caller: it must stop at once (it dies as soon as it yields).
   */
  setMemory(p: Proc, bytes: number): boolean {
    p.memBytes = Math.max(0, bytes);
    const limit = this.opts.memoryLimit;
    if (limit === undefined) return true;
    let total = 0;
    let victim: Proc | undefined;
    for (const q of this.procs.values()) {
      total += q.memBytes;
      if (!victim || q.memBytes > victim.memBytes) victim = q;
    }
    if (total <= limit || !victim) return true;
    this.oomKilled = true;
    if (victim === p) {
      p.oomPending = true;
      return false;
    }
    victim.memBytes = 0;
    this.signal(victim.pid, 'SIGKILL', 0);
    return true;
  }

  // ---- signals and exit ------------------------------------------------------------------

  /**
   * Queue a signal. `fromPid` is the sender (0: the runtime, from the parent namespace);
   * PID 1 ignores unhandled signals either way, SIGKILL excepted.
   */
  signal(pid: number, sig: Signal, fromPid = 0): void {
    this.queue.soon(() => this.deliver(pid, sig, fromPid), `signal ${sig}`);
  }

  private deliver(pid: number, sig: Signal, fromPid: number): void {
    const p = this.procs.get(pid);
    if (!p || !p.alive) return;
    if (sig === 'SIGKILL') {
      this.terminate(p, { signal: 'SIGKILL' });
      return;
    }
    const h = p.handlers.get(sig);
    if (h) {
      try {
        h({ fromPid });
      } catch (e) {
        p.fds.stderr.write(`${p.comm}: ${String(e)}\n`);
      }
      if (p.alive && (p.paused || p.awaiting) && !p.running) {
        // The blocking call returns EINTR: the program sees `{ signal }` and may wait again.
        p.paused = false;
        p.awaiting = false;
        const seq = ++p.seq;
        const gen = p.gen;
        this.queue.cancel(p.timer);
        this.queue.soon(() => {
          if (p.alive && p.gen === gen && p.seq === seq) this.step(p, { signal: sig });
        }, 'EINTR');
      }
      return;
    }
    if (pid === 1 || sig === 'SIGWINCH') return;
    this.terminate(p, { signal: sig });
  }

  /** The process ends now: wake its waiters, close its sockets, re-parent its children. */
  terminate(p: Proc, status: ExitStatus): void {
    if (!p.alive) return;
    p.alive = false;
    p.gen = undefined;
    this.queue.cancel(p.timer);
    for (const l of p.listeners) l.close();
    p.listeners = [];
    if (this.procs.get(p.pid) === p) this.procs.delete(p.pid);
    // the stages it forked and had not run yet go with it
    for (const q of [...this.procs.values()]) if (q.placeholder && q.ppid === p.pid) this.release(q.pid);
    const code = status.signal ? 128 + SIGNAL_NUMBERS[status.signal] : status.code ?? 0;
    p.exit.settle({
      exitCode: code,
      stdout: p.captures.stdout?.text() ?? '',
      stderr: p.captures.stderr?.text() ?? '',
      timedOut: false,
      signal: status.signal,
    });
    const init = this.procs.has(1) ? 1 : 0;
    if (!p.keepsChildren) for (const q of this.procs.values()) if (q.ppid === p.pid) q.ppid = init;
    if (p.pid === 1 && this.opts.initEndsNamespace) {
      for (const q of [...this.procs.values()]) this.terminate(q, { signal: 'SIGKILL' });
      this.onInitExit?.(status);
    }
  }

  /** SIGKILL everything (sandbox teardown). */
  killAll(): void {
    const init = this.procs.get(1);
    if (init) this.terminate(init, { signal: 'SIGKILL' });
    for (const q of [...this.procs.values()]) this.terminate(q, { signal: 'SIGKILL' });
  }

  /** User names from the namespace's /etc/passwd (what ps prints). */
  private users(): (uid: number) => string {
    if (this.opts.userName) return this.opts.userName;
    const names = new Map<number, string>([[0, 'root']]);
    for (const line of (this.fs.read('/etc/passwd') ?? '').split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && /^\d+$/.test(f[2]) && !names.has(Number(f[2]))) names.set(Number(f[2]), f[0]);
    }
    return (uid) => names.get(uid) ?? String(uid);
  }

  processTable(): ProcessInfo[] {
    const user = this.users();
    return [...this.procs.values()]
      .sort((a, b) => a.pid - b.pid)
      .map((p) => ({
        pid: p.pid,
        ppid: p.ppid,
        comm: p.comm,
        cmdline: p.cmdline,
        user: user(p.uid),
        startedAt: p.startedAt,
        cpuMs: p.cpuMs,
        state: p.running ? 'R' : 'S',
        ...(p.ctty ? { tty: p.ctty } : {}),
        ...(p.memKb ? { vszKb: p.memKb.vsz, rssKb: p.memKb.rss } : {}),
        ...(p.stat ? { stat: p.stat } : {}),
      }));
  }
}

/** The namespace's sockets, with listeners owned by the process (closed when it exits). */
function wrapNet(net: NetApi, p: Proc): NetApi {
  return {
    get ip() {
      return net.ip;
    },
    interfaces: () => net.interfaces(),
    listen: (spec: ListenSpec) => {
      const l = net.listen(spec);
      if ('close' in l) p.listeners.push(l);
      return l;
    },
    connect: (ip, port, t) => net.connect(ip, port, t),
    http: (s) => net.http(s),
    grpcHealth: (ip, port, svc, t) => net.grpcHealth(ip, port, svc, t),
    ...(net.tcp ? { tcp: (s: Parameters<NonNullable<NetApi['tcp']>>[0]) => net.tcp!(s) } : {}),
    ping: (ip, t) => net.ping(ip, t),
    resolve: (name, style) => net.resolve(name, style),
    query: (fqdn) => net.query(fqdn),
  };
}
