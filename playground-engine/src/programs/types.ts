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
  /** Wait for a future; the generator is resumed with its value. */
  | { kind: 'await'; future: Future<unknown> }
  /** Block until a signal handler ends the process (a daemon's main loop), or forever. */
  | { kind: 'pause' };

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
  readonly fs: FileSystem;
  readonly hostname: string;
  now(): VirtualMs;
  /**
   * Install a handler for a signal. The handler runs when the signal arrives; it may call
   * `exit` to end the process. Without a handler a signal's default action applies (PID 1
   * of a container ignores everything but SIGKILL, as Linux does for a namespace's init).
   */
  onSignal(sig: Signal, handler: () => void): void;
  /** End the process now with this status (from a signal handler or between yields). */
  exit(code: number): void;
  /** Start another process in the same container or host (what a shell does for each command). */
  spawn(argv: string[], opts?: { stdin?: string; env?: Map<string, string>; cwd?: string }): Future<ExecResult>;
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
  run(commandLine: string, opts: { timeoutMs?: VirtualMs }, done: (r: ExecResult) => void): void;
}
