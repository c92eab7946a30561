/**
 * What runs inside containers and hosts: programs as generators over virtual time.
 *
 * A program is a generator function. It does its work synchronously between yields and yields
 * an Effect whenever it must wait: for virtual time to pass (`sleep 10`), for something that
 * completes later (a child process, a `kubectl exec` into a pod), or for a signal (a daemon's
 * main loop). It returns its exit status. The kernel (node/runtime) drives the generators
 * from the engine's EventQueue; a process killed by a signal is simply never resumed.
 */
import type { VirtualMs } from '../types';
import type { ExecResult, Signal } from '../node/runtime/types';
import type { NetApi } from './net';

/** A value that arrives later in virtual time. */
export interface Future<T> {
  readonly settled: boolean;
  /** Valid once settled. */
  readonly value: T | undefined;
  /** Runs `cb` when the value arrives (from the EventQueue, never re-entrantly). */
  onSettle(cb: (value: T) => void): void;
}

export type Effect =
  /** Let `ms` of virtual time pass. */
  | { kind: 'sleep'; ms: VirtualMs }
  /**
   * Wait for a future; the generator is resumed with its value. With `timeoutMs`, at the latest
   * after that much virtual time, resumed with undefined (the program looks at the clock).
   */
  | { kind: 'await'; future: Future<unknown>; timeoutMs?: VirtualMs }
  /**
   * Block until a signal arrives (a daemon's main loop), or forever. When a signal with a
   * handler interrupts the pause (pause(2) returning EINTR), the generator is resumed with
   * `{ signal }` after the handler ran.
   */
  | { kind: 'pause' }
  /**
   * execve(2): replace this process's program, keeping its PID, environment (unless `env` is
   * given), working directory and open files. Never resumed on success; on failure the
   * generator is resumed with an `ExecError`.
   */
  | { kind: 'exec'; argv: string[]; env?: Map<string, string> };

/** What a signal handler learns (siginfo): the sender's PID, 0 when it came from outside the namespace. */
export interface SignalInfo {
  fromPid: number;
}

/** Why an `exec` effect or a spawn could not start a program. */
export interface ExecError {
  error: 'ENOENT' | 'EACCES' | 'EAGAIN';
  /** The path that was tried. */
  path: string;
}

/** What `stat` says about a path (symlinks are followed unless `lstat`). */
export interface FileStat {
  type: 'file' | 'dir' | 'symlink';
  size: number;
  /** Permission bits, e.g. 0o755. */
  mode: number;
  /** Last modification, virtual ms (negative: before the scenario began, e.g. image build time). */
  mtime: VirtualMs;
  /** For symlinks: the target as stored. */
  target?: string;
  /** For executables: the program the file runs (a name in the program registry). */
  program?: string;
  uid?: number;
  gid?: number;
}

export interface FileSystem {
  /** File content, or undefined when absent (or a directory). */
  read(path: string): string | undefined;
  write(path: string, content: string, opts?: { append?: boolean }): void;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Entry names in a directory, sorted; undefined when not a directory. */
  list(path: string): string[] | undefined;
  mkdir(path: string, opts?: { parents?: boolean }): void;
  /** Remove a file or (with recursive) a directory tree. */
  remove(path: string, opts?: { recursive?: boolean }): void;
  /** Metadata of a path, following symlinks (undefined when absent). */
  stat?(path: string): FileStat | undefined;
  /** Metadata of a path without following a final symlink. */
  lstat?(path: string): FileStat | undefined;
  /** Create or replace an executable file that runs `program`. */
  writeExecutable?(path: string, program: string, opts?: { mode?: number; size?: number }): void;
  /** Create a symbolic link. */
  symlink?(target: string, path: string): void;
  /** Set a file's modification time (touch on an existing file); the error says why not (`EROFS`). */
  touch?(path: string, mtime: VirtualMs): string | undefined | void;
}

/**
 * Where a child's standard output or error goes: the parent's own stdout/stderr (inherited),
 * a buffer returned in the ExecResult (a pipe read to the end), /dev/null, or a file.
 */
export type FdTarget = 'stdout' | 'stderr' | 'capture' | 'null' | { file: string; append: boolean };

export interface SpawnOptions {
  stdin?: string;
  env?: Map<string, string>;
  cwd?: string;
  /** Default `capture` (the contract of `spawn`: the output comes back in the ExecResult). */
  stdout?: FdTarget;
  /** Default `capture`. */
  stderr?: FdTarget;
  /** The PID of a placeholder this process was forked as (`SystemApi.reserve`). */
  pid?: number;
  /** A placeholder of the caller's (a forked subshell) that is the child's parent. */
  ppid?: number;
}

/** A row of the process table, as ps(1) reads it from /proc. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** /proc/PID/comm: the executable's base name, at most 15 characters. */
  comm: string;
  /** /proc/PID/cmdline: the argv, or the title a daemon set (`nginx: worker process`). */
  cmdline: string;
  user: string;
  /** Virtual ms the process started. */
  startedAt: VirtualMs;
  /** CPU time charged to the process, ms. */
  cpuMs: number;
  state: 'R' | 'S';
  /** The controlling terminal (`pts/0`); none: `?`. */
  tty?: string;
  /** Virtual and resident set size, kB, where the model knows them. */
  vszKb?: number;
  rssKb?: number;
  /** ps's STAT for a daemon whose flags the model knows (`Ssl`). */
  stat?: string;
}

/** A child started without waiting for it. */
/** How the reader's terminal runs a command line on a host. */
export interface HostRunOptions {
  /**
   * How long the terminal waits (virtual ms). Past it the terminal presses Ctrl-C (SIGINT to
   * the interactive shell's foreground job) and waits again, at most `interrupts` times; then
   * it closes the session (SIGKILL) and the result has `timedOut`.
   */
  timeoutMs?: VirtualMs;
  interrupts?: number;
  /** The terminal's standard input (the first command reading it gets it). */
  stdin?: string;
  /** Whether standard input is a terminal (default true: the page's terminal). */
  tty?: boolean;
  /**
   * The line is typed at the reader's terminal (a Scenario's step too): the lines share one tty,
   * so what a background job writes after its line ended shows in the line running then.
   */
  terminal?: boolean;
  /**
   * The command of `ssh HOST CMD`: sshd runs it with the user's shell as `bash -c CMD`, on no
   * terminal (not the reader's login shell).
   */
  remote?: boolean;
  /** Live access to what the line has printed so far (a terminal session shows it as it comes). */
  started?: (out: { stdout(): string; stderr(): string }) => void;
  /** While true the terminal does not count the wait (the reader is typing into a program the line runs). */
  paused?: () => boolean;
  /**
   * The terminal's login shell state, carried from line to line (each line runs in a fresh
   * `bash -c`, which starts from it and leaves its own in it): what one interactive bash keeps.
   */
  session?: ShellSession;
}

/** What an interactive shell keeps between the lines a reader types (`HostRunOptions.session`). */
export interface ShellSession {
  cwd: string;
  vars: Map<string, string>;
  exported: Set<string>;
  /** Function definitions, as the shell's own syntax tree (opaque here). */
  funcs: Map<string, unknown>;
  aliases: Map<string, string>;
  opts: { e: boolean; x: boolean; u: boolean };
  /** `$?` and `$!` as the last line left them. */
  status?: number;
  lastBg?: number;
  /** The background jobs (opaque here: the shell's job table). */
  jobs?: unknown[];
}

export interface ChildHandle {
  readonly pid: number;
  readonly exit: Future<ExecResult>;
}

/** The kernel as a program sees it beyond its own context: the process table, kill, fork. */
export interface SystemApi {
  /** Processes of this PID namespace, by PID. */
  processes(): ProcessInfo[];
  /** kill(2): queue a signal for a process of this namespace. */
  kill(pid: number, sig: Signal): 'ok' | 'ESRCH';
  /** fork+exec without waiting (a daemon's workers, `cmd &`). */
  start(argv: string[], opts?: SpawnOptions): ChildHandle | ExecError;
  /**
   * fork(2) ahead of running a pipeline stage: a process in the table with the command it is
   * about to exec (or, without argv, a copy of this shell); `start` with `pid` takes it over.
   */
  reserve?(argv: string[] | undefined, ppid?: number): number | undefined;
  /** Drop a placeholder its stage did not take (the stage ran in the forked shell itself). */
  release?(pid: number): void;
  /** Resolve a command name through $PATH (or a path), as execvp does; undefined when absent. */
  which(name: string, path?: string): string | { error: 'EACCES'; path: string } | undefined;
  /** Change the title ps shows for this process (setproctitle), e.g. `nginx: master process nginx`. */
  setTitle(title: string): void;
  /** setuid(2): run as another user from now on (nginx workers run as `nginx`). */
  setUid?(uid: number): void;
  /** Charge CPU time to this process (a busy program); the caller should then yield. */
  chargeCpu(ms: number): void;
  /**
   * The memory the program now holds, bytes (its cgroup's accounting). False: the OOM killer
   * chose this process, which must stop at once (it is SIGKILLed when it yields).
   */
  setMemory?(bytes: number): boolean;
  /** The operating system image the process runs in (for tools whose messages differ). */
  readonly os: OsInfo;
}

export interface OsInfo {
  /** `debian`, `alpine`, `centos`, `distroless`. */
  id: string;
  /** Release, e.g. `11`, `3.16`, `7`. */
  version: string;
  /** Kernel release shown by uname -r. */
  kernel: string;
  /** Offset of the local time zone in minutes (0 in containers: they have no TZ). */
  tzOffsetMin: number;
  /** Zone abbreviation for date(1): `UTC`, `CST`. */
  tzName: string;
  /** CPUs the machine has (nginx's `worker_processes auto`, etcd's GOMAXPROCS). */
  cpus?: number;
  /** /proc/meminfo MemTotal, kB (ps's %MEM). */
  memTotalKb?: number;
}

export interface ProcessContext {
  readonly pid: number;
  readonly argv: readonly string[];
  /** The process environment (a shell may change its own copy). */
  readonly env: Map<string, string>;
  cwd: string;
  /** Everything on standard input (pipes are buffered: the left side finishes first). */
  readonly stdin: string;
  write(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * Write `text` `times` times in a row (a busy writer's output in one call: the container log
   * stores it once with a count; a capture or a file gets it up to its bound). `EPIPE` when the
   * other end can take no more (a pipe whose reader, in this buffered model, would have stopped).
   */
  writeRepeated?(stream: 'stdout' | 'stderr', text: string, times: number): 'ok' | 'EPIPE';
  /**
   * `write(stream, line + '\n')` for a `line` without a newline (a server's log line): the
   * container log takes it as it is, without looking for line ends in it.
   */
  writeLine?(stream: 'stdout' | 'stderr', line: string): void;
  readonly fs: FileSystem;
  readonly hostname: string;
  now(): VirtualMs;
  /**
   * Install a handler for a signal. The handler runs when the signal arrives; it may call
   * `exit` to end the process. Without a handler a signal's default action applies (PID 1
   * of a container ignores everything but SIGKILL, as Linux does for a namespace's init).
   */
  onSignal(sig: Signal, handler: (info?: SignalInfo) => void): void;
  /** End the process now with this status (from a signal handler or between yields). */
  exit(code: number): void;
  /** Start another process in the same container or host (what a shell does for each command). */
  spawn(argv: string[], opts?: SpawnOptions): Future<ExecResult>;
  /**
   * An interactive terminal on standard input (`kubectl exec -ti … -- sh`, `ssh NODE`): the
   * next line the reader types, or undefined at end of input (Ctrl-D, the session closed).
   * Absent when standard input is not a terminal the reader types into.
   */
  readLine?(): Future<string | undefined>;
  /** Parent PID (0 for a namespace's first process). */
  readonly ppid?: number;
  /** Whether standard output is a terminal (`kubectl exec -t`, the reader's terminal). */
  readonly tty?: boolean;
  /** Process table, kill, fork, $PATH lookup. */
  readonly sys?: SystemApi;
  /** Sockets: listening and connecting through the pod network. */
  readonly net?: NetApi;
  /** The terminal's carried login-shell state (a line of the reader's terminal only). */
  readonly session?: ShellSession;
  /** The BusyBox binary running this applet (its version and build stamp print in usage texts). */
  readonly busybox?: { readonly version: string; readonly stamp: string };
}

/** A program: `function* (ctx) { …; yield { kind: 'sleep', ms: 1000 }; …; return 0; }`. */
export type Program = (ctx: ProcessContext) => Generator<Effect, number, unknown>;

/**
 * A machine outside the pod network's pods, e.g. `k8s-master01`, where the reader's terminal
 * and scenario steps run. It has a shell, busybox-style tools and whatever extra programs the
 * engine registers (kubectl).
 */
export interface Host {
  readonly name: string;
  readonly ip: string;
  readonly fs: FileSystem;
  /** Make an extra program available by name (e.g. `kubectl`). */
  register(name: string, program: Program): void;
  /**
   * Run one command line through the host's shell (pipes, `;`, `&&`, `||`, redirections), as
   * the reader's terminal does. `done` receives what it printed and its exit status.
   */
  run(commandLine: string, opts: HostRunOptions, done: (r: ExecResult) => void): void;
  /**
   * Serve HTTP on an address of this host (e.g. kube-proxy's metrics endpoint
   * `127.0.0.1:10249/proxyMode`). The handler answers synchronously.
   */
  serveHttp(address: string, port: number, handler: (req: { method: string; path: string; headers: Array<[string, string]> }) => { status: number; headers?: Array<[string, string]>; body: string }): void;
}
