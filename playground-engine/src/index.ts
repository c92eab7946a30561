/**
 * The engine's library API: simulate a text to a trace; ask for kubectl output at a virtual
 * time; run terminal commands against the cluster; draw the timeline. Used by the Web Worker
 * (worker.ts), the command line (cli/) and the tests.
 */
import type { Diagnostic, VirtualMs } from './types';
import type { PacketPath, Timeline, Trace } from './trace';
import { simulateSources, runCommandsOn, type Source } from './engine';
import type { TerminalInterrupt } from './node/runtime/types';
import { TraceView } from './view';
import { buildTimeline } from './timeline';
import { runKubectl } from './kubectl';
import { podSummary } from './kubectl/printers/pod';
import { splitCommandLine } from './view-commands';

export type { Diagnostic, VirtualMs } from './types';
export type { RunCut, Timeline, Trace } from './trace';
export type { Source } from './engine';
export { Simulation, simulateSources, runCommandsOn } from './engine';
export { eventRecords, podRows } from './report';

export interface SimulateOptions {
  /** The file name messages mention (`kubectl create -f pod.yaml`). Default `pod.yaml`. */
  fileName?: string;
  /** Virtual horizon. Default: the Scenario's duration, else 300 s. Capped at 24 h. */
  untilMs?: VirtualMs;
  /** Cap on engine tasks (default 2,000,000); reaching it ends the run early and says so. */
  maxTasks?: number;
  /** A lower cap on the trace's records (tests of a `memory` cut); never raises the default. */
  maxRecords?: number;
  /**
   * A wall-time budget kept by the caller (the engine reads no clock): asked every 1,024 engine
   * tasks; returning true cuts the run there, and the trace's `cut` says `limit: 'wall'`.
   */
  shouldStop?: () => boolean;
  /** The data for `kubectl explain` (see loadExplainData); without it explain says it is unavailable. */
  explain?: () => unknown;
  /** kube-proxy's mode for this run, overriding the Scenario's spec.proxyMode (the page's switch). */
  proxyMode?: 'iptables' | 'ipvs';
}

/**
 * The OpenAPI data `kubectl explain` prints (about 50 KiB gzipped), loaded on demand so the
 * worker's first load stays small.
 */
export async function loadExplainData(): Promise<unknown> {
  const m = await import('./api/explain');
  return m.explainDocument;
}

export interface SimulationResult {
  /** False when the parser or the API server rejected the input (nothing was simulated). */
  accepted: boolean;
  /** What kubectl would print on stderr for the rejection. */
  rejection?: string;
  diagnostics: Diagnostic[];
  trace: Trace;
  stats: { tasks: number };
}

export interface CommandOutput {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Paths of the connections the command opened to service addresses (kube-proxy of k8s-master01). */
  packets?: PacketPath[];
  /** When the command ran at another time than asked (the run was cut earlier): the time it ran at. */
  ranAtMs?: VirtualMs;
  /** With `ranAtMs`: the limit that cut the run, where and why. */
  cut?: NonNullable<Trace['cut']>;
  /** The terminal pressed Ctrl-C (terminal.ts); `timedOut`: even that did not end it. */
  interrupts?: TerminalInterrupt[];
  timedOut?: boolean;
  /** The prompt after the line (a shell opened by `kubectl exec -ti` shows its own). */
  prompt?: string;
  /** The simulator's notes on the command (a command the machine lacks), shown apart from its output. */
  notices?: Array<{ kind: string; command: string; message: string; closest: string[] }>;
  /** `kubectl edit` opened the reader's editor on this file (only with `editor`; see runCommands). */
  editing?: { file: string; buffer: string };
}

function sources(text: string, fileName = 'pod.yaml'): Source[] {
  return [{ fileName, text }];
}

/** Simulate a text of YAML documents (Pods, Deployments, Services, one optional Scenario). */
export function simulate(text: string, opts: SimulateOptions = {}): SimulationResult {
  const r = simulateSources(sources(text, opts.fileName), { untilMs: opts.untilMs, maxTasks: opts.maxTasks, maxRecords: opts.maxRecords, shouldStop: opts.shouldStop, explain: opts.explain, proxyMode: opts.proxyMode });
  return { accepted: r.accepted, rejection: r.rejection, diagnostics: r.diagnostics, trace: r.trace, stats: { tasks: r.sim.queue.executed } };
}

/**
 * Run terminal command lines against the cluster the text describes: simulate up to each
 * command's time, run it on k8s-master01 (it may change the cluster), and return what it printed.
 */
/**
 * `editor`: the caller shows `kubectl edit`'s file to a reader (the page's terminal); a command's
 * `edits` are the texts the reader saved, in order, one per editor round.
 */
export function runCommands(text: string, commands: Array<{ atMs: VirtualMs; line: string; edits?: string[] }>, opts: SimulateOptions & { editor?: boolean } = {}): CommandOutput[] {
  const first = commands.length ? Math.min(...commands.map((c) => c.atMs)) : 0;
  const r = simulateSources(sources(text, opts.fileName), { untilMs: first, maxTasks: opts.maxTasks, shouldStop: opts.shouldStop, explain: opts.explain, proxyMode: opts.proxyMode });
  if (!r.accepted) return commands.map((c) => ({ command: c.line, stdout: '', stderr: (r.rejection ?? '') + '\n', exitCode: 1 }));
  return runCommandsOn(r, commands, opts.editor ? { editor: true } : {});
}

/**
 * The view name that lists what each component did up to the time (kubectl → kube-apiserver →
 * etcd → kube-scheduler → kubelet …), instead of a kubectl command.
 */
export const COMPONENT_LOG_VIEW = 'component-log';

/** `  1.1s  kubelet/k8s-node01      started container …` lines up to a time. */
export function componentLogAt(trace: Trace, atMs: VirtualMs): string {
  const rows = trace.components.filter((c) => c.t <= atMs);
  const w = Math.max(0, ...rows.map((r) => r.component.length));
  return rows.map((r) => `${(r.t / 1000).toFixed(1).padStart(7)}s  ${r.component.padEnd(w)}  ${r.message}\n`).join('');
}

/** Read-only kubectl commands (get, describe, logs, …) evaluated over a finished trace at a time. */
export function viewAt(trace: Trace, atMs: VirtualMs, commands: string[], opts: { explain?: () => unknown } = {}): CommandOutput[] {
  const view = new TraceView(trace, Math.min(atMs, trace.horizonMs), opts.explain);
  return commands.map((command) => {
    if (command === COMPONENT_LOG_VIEW) return { command, stdout: componentLogAt(trace, Math.min(atMs, trace.horizonMs)), stderr: '', exitCode: 0 };
    const argv = splitCommandLine(command);
    if (argv[0] !== 'kubectl') return { command, stdout: '', stderr: 'only kubectl commands can be evaluated over a recorded run\n', exitCode: 1 };
    let stdout = '';
    let stderr = '';
    const code = runKubectl(argv.slice(1), view, {
      write: (stream, text) => {
        if (stream === 'stdout') stdout += text;
        else stderr += text;
      },
      stdin: '',
      cwd: '/root',
    });
    return { command, stdout, stderr, exitCode: typeof code === 'number' ? code : 1 };
  });
}

/** The picture over time the playground draws. */
export function timelineOf(trace: Trace): Timeline {
  return buildTimeline(trace, (pod, now) => podSummary(pod, now).status);
}
