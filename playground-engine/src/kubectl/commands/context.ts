/**
 * What every command receives: the host (the API server), the I/O streams, the parsed flags and
 * arguments, the namespace from -n / --namespace, and the command path for messages.
 */
import type { Effect, FileSystem } from '../../programs/types';
import type { NetApi } from '../../programs/net';
import type { KubectlHost } from '../types';
import type { FlagSpec, ParsedFlags } from '../flags';

export interface KubectlIO {
  write(stream: 'stdout' | 'stderr', text: string): void;
  readonly stdin: string;
  /** Whether kubectl's standard input is a terminal (the page's terminal; not a pipe or a file). */
  readonly tty?: boolean;
  readonly fs?: FileSystem;
  readonly cwd: string;
  /** kubectl's process: its PID (klog's header) and its sockets (port-forward listens on the machine kubectl runs on). */
  readonly pid?: number;
  readonly net?: NetApi;
  /** Catch a signal (port-forward ends on SIGINT as its signal.Notify does); the awaiting generator is resumed with `{ signal }`. */
  onSignal?(sig: 'SIGINT' | 'SIGTERM', handler: () => void): void;
}

export interface CommandContext {
  host: KubectlHost;
  io: KubectlIO;
  flags: ParsedFlags;
  args: string[];
  argsLenAtDash: number;
  /** The namespace of the request: -n, or `default`. */
  namespace: string;
  /** Whether -n was given. */
  namespaceExplicit: boolean;
  /** `kubectl get`, for usage messages. */
  commandPath: string;
  /** Whether the command may wait (yield); false for read-only views. */
  canWait: boolean;
}

export type CommandRun = (c: CommandContext) => Generator<Effect, number, unknown>;

export interface Command {
  name: string;
  aliases?: string[];
  /** cobra's Short text (kubectl's own words). */
  short: string;
  /** cobra's Long text, when it differs from Short. */
  long?: string;
  /** cobra's Use line. */
  use: string;
  flags: FlagSpec[];
  run: CommandRun;
  /** Subcommands (`create deployment`). */
  subcommands?: Command[];
  /** A command this simulation does not implement: its flags are not checked before it says so. */
  unavailable?: boolean;
}

/** How often kubectl looks again where no host wakes it (a change shows within this much virtual time). */
export const POLL_MS = 100;

/**
 * Wait for the next change of a kind (kubectl's watch: the host wakes it at the change's
 * virtual time), at the latest until `deadline`; with no watch to wake it, look again after
 * POLL_MS. False when time does not move here (a read-only view): stop waiting.
 */
export function* untilChange(c: CommandContext, kind: string, namespace: string | undefined, deadline = Number.POSITIVE_INFINITY): Generator<Effect, boolean, unknown> {
  const before = c.host.now();
  const w = c.host.watch?.(kind, namespace);
  if (w) {
    yield { kind: 'await', future: w.changed, ...(Number.isFinite(deadline) ? { timeoutMs: deadline - before } : {}) };
    return true;
  }
  yield { kind: 'sleep', ms: Math.min(POLL_MS, deadline - before) };
  return c.host.now() !== before;
}

export function out(c: CommandContext, text: string): void {
  if (text) c.io.write('stdout', text);
}

export function err(c: CommandContext, text: string): void {
  if (text) c.io.write('stderr', text);
}
