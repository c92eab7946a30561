/**
 * The engine's Web Worker adapter: a thin layer over the library (`index.ts`) speaking the
 * protocol of `protocol.ts`. Every request gets exactly one response with the same id; errors
 * are data (`type: 'error'`), never exceptions across the boundary. The worker keeps the last
 * few traces so `views` requests can read them by `runId`.
 */
import { runCommands, simulate, timelineOf, viewAt } from './index';
import { COMMAND_TIMEOUT_MS, DEFAULT_MAX_TASKS, MAX_HORIZON_MS } from './engine';
import { formatGoDuration } from './api/goduration';
import { interruptNote, withInterruptEcho } from './terminal';
import type { CommandOutput } from './index';
import type { Request, Response, RunCut } from './protocol';
import type { Trace } from './trace';
import type { SimulateOptions } from './index';

/** How many finished runs the worker keeps for `views` (least recently used goes first). */
const KEPT_RUNS = 8;

/**
 * A test-only request: the worker busy-loops and never answers, so the page's watchdog can be
 * exercised. Harmless in production: only the page's own code can post it, and the watchdog
 * replaces the worker.
 */
export interface TestHangRequest {
  type: 'test-hang';
  id: number;
}

export interface WorkerHandler {
  handle(request: unknown): Response | null;
}

/** The library functions the adapter calls (injectable for tests). */
export interface EngineLibrary {
  simulate: typeof simulate;
  runCommands: typeof runCommands;
  viewAt: typeof viewAt;
  timelineOf: typeof timelineOf;
}

/** Wall-clock reader for stats only (outside the engine's virtual time). */
type Clock = () => number;

/**
 * Wall time a run may take in the worker before it is cut (`cut.limit: 'wall'`): the page's
 * watchdog replaces a worker that does not answer within 5 s; stopping first keeps the results.
 */
export const RUN_WALL_BUDGET_MS = 3000;

/**
 * A cooperative stop the engine may offer (`shouldStop`, polled between tasks). Passed along
 * when the options allow it; an engine without it ignores the extra field.
 */
type RunOptions = SimulateOptions & { shouldStop?: () => boolean };

/**
 * Why a run was cut, from the trace: the engine's structured `cut` when it records one, else
 * its `capped` sentence (`stopped at 12.3s after 2000000 engine tasks (…)`, or `internal
 * error in the simulator at 4.0s: …`). The run stopped at the trace's horizon.
 */
export function cutOf(trace: Trace): RunCut | undefined {
  const structured = (trace as { cut?: unknown }).cut;
  if (structured && typeof structured === 'object') {
    const c = structured as Partial<RunCut>;
    if (typeof c.limit === 'string' && typeof c.atMs === 'number' && Number.isFinite(c.atMs)) {
      return { limit: c.limit, atMs: c.atMs, message: typeof c.message === 'string' ? c.message : '', ...(typeof c.untilMs === 'number' && Number.isFinite(c.untilMs) ? { untilMs: c.untilMs } : {}) };
    }
  }
  if (typeof trace.capped !== 'string' || !trace.capped) return undefined;
  const message = trace.capped;
  const limit = /engine tasks/.test(message)
    ? 'tasks'
    : /^internal error/.test(message)
      ? 'internal'
      : /wall[- ]time/i.test(message)
        ? 'wall'
        : /memory/i.test(message)
          ? 'memory'
          : 'cap';
  return { limit, atMs: trace.horizonMs, message };
}

/** Longest text a request may carry (a manifest past the API server's 3 MiB limit is still refused by the decoder, with its message). */
const MAX_REQUEST_TEXT = 16 * 1024 * 1024;
/** Most commands one `views` request or one terminal session (`prior`) may carry. */
const MAX_REQUEST_COMMANDS = 1000;

const describeValue = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : typeof v;
};

/**
 * Checks a request's fields before anything runs: the first problem, naming the field
 * (`run.untilMs: …`), or undefined when the request is well formed. Times are virtual
 * milliseconds within the simulation's maximum horizon, as `k8s-sim --until/--at` are.
 */
export function requestProblem(req: Record<string, unknown>): string | undefined {
  const type = req.type;
  const field = (name: string) => `${String(type)}.${name}`;
  const text = (name: string, v: unknown, optional = false): string | undefined => {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string') return `${name}: must be a string, got ${describeValue(v)}`;
    if (v.length > MAX_REQUEST_TEXT) return `${name}: must be at most ${MAX_REQUEST_TEXT} characters, got ${v.length}`;
    return undefined;
  };
  const time = (name: string, v: unknown, optional = false): string | undefined => {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${name}: must be a number of milliseconds, got ${describeValue(v)}`;
    if (v < 0 || v > MAX_HORIZON_MS) return `${name}: must be from 0 to ${MAX_HORIZON_MS} ms (${formatGoDuration(MAX_HORIZON_MS)}, the simulation's maximum horizon), got ${describeValue(v)}`;
    return undefined;
  };
  /** `kubectl edit`'s saved texts: strings, as many as a session may carry, each within the text limit. */
  const edits = (name: string, v: unknown): string | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return `${name}: must be an array of strings, got ${describeValue(v)}`;
    if (v.length > MAX_REQUEST_COMMANDS) return `${name}: must have at most ${MAX_REQUEST_COMMANDS} items, got ${v.length}`;
    for (let i = 0; i < v.length; i++) {
      const e = text(`${name}[${i}]`, v[i]);
      if (e) return e;
    }
    return undefined;
  };
  const proxy = (v: unknown): string | undefined =>
    v === undefined || v === 'iptables' || v === 'ipvs' ? undefined : `${field('proxyMode')}: must be "iptables" or "ipvs", got ${describeValue(v)}`;
  switch (type) {
    case 'ping':
      return undefined;
    case 'run': {
      const mt = req.maxTasks;
      if (mt !== undefined && (typeof mt !== 'number' || !Number.isInteger(mt) || mt < 1)) return `${field('maxTasks')}: must be a positive integer, got ${describeValue(mt)}`;
      const mr = req.maxRecords;
      if (mr !== undefined && (typeof mr !== 'number' || !Number.isInteger(mr) || mr < 1)) return `${field('maxRecords')}: must be a positive integer, got ${describeValue(mr)}`;
      return text(field('text'), req.text) ?? text(field('fileName'), req.fileName, true) ?? time(field('untilMs'), req.untilMs, true) ?? proxy(req.proxyMode);
    }
    case 'views': {
      const err = text(field('runId'), req.runId) ?? time(field('atMs'), req.atMs);
      if (err) return err;
      if (!Array.isArray(req.commands)) return `${field('commands')}: must be an array of strings, got ${describeValue(req.commands)}`;
      if (req.commands.length > MAX_REQUEST_COMMANDS) return `${field('commands')}: must have at most ${MAX_REQUEST_COMMANDS} items, got ${req.commands.length}`;
      for (let i = 0; i < req.commands.length; i++) {
        const e = text(`${field('commands')}[${i}]`, req.commands[i]);
        if (e) return e;
      }
      return undefined;
    }
    case 'command': {
      const err = text(field('text'), req.text) ?? text(field('fileName'), req.fileName, true) ?? time(field('atMs'), req.atMs) ?? text(field('line'), req.line) ?? edits(field('edits'), req.edits) ?? proxy(req.proxyMode);
      if (err) return err;
      if (req.prior === undefined) return undefined;
      if (!Array.isArray(req.prior)) return `${field('prior')}: must be an array of {atMs, line}, got ${describeValue(req.prior)}`;
      if (req.prior.length > MAX_REQUEST_COMMANDS) return `${field('prior')}: must have at most ${MAX_REQUEST_COMMANDS} items, got ${req.prior.length}`;
      for (let i = 0; i < req.prior.length; i++) {
        const p = req.prior[i] as unknown;
        const at = `${field('prior')}[${i}]`;
        if (!p || typeof p !== 'object' || Array.isArray(p)) return `${at}: must be an object {atMs, line}, got ${describeValue(p)}`;
        const o = p as Record<string, unknown>;
        const e = time(`${at}.atMs`, o.atMs) ?? text(`${at}.line`, o.line) ?? edits(`${at}.edits`, o.edits);
        if (e) return e;
      }
      return undefined;
    }
    default:
      return `type: unknown request type ${JSON.stringify(type) ?? 'undefined'}`;
  }
}

export function createWorkerHandler(lib: EngineLibrary = { simulate, runCommands, viewAt, timelineOf }, clock?: Clock): WorkerHandler {
  const runs = new Map<string, Trace>();
  let runCounter = 0;

  const keep = (trace: Trace): string => {
    const runId = `run-${++runCounter}`;
    runs.set(runId, trace);
    while (runs.size > KEPT_RUNS) runs.delete(runs.keys().next().value as string);
    return runId;
  };
  const touch = (runId: string): Trace | undefined => {
    const trace = runs.get(runId);
    if (trace) {
      runs.delete(runId);
      runs.set(runId, trace);
    }
    return trace;
  };

  const answer = (req: Request): Response => {
    switch (req.type) {
      case 'ping':
        return { type: 'pong', id: req.id };
      case 'run': {
        const started = clock?.();
        const opts: RunOptions = { fileName: req.fileName, untilMs: req.untilMs };
        if (req.proxyMode === 'iptables' || req.proxyMode === 'ipvs') opts.proxyMode = req.proxyMode;
        // Only lowers the default cap (a test of a cut run); the page never raises it.
        if (typeof req.maxTasks === 'number' && req.maxTasks > 0 && req.maxTasks < DEFAULT_MAX_TASKS) opts.maxTasks = Math.floor(req.maxTasks);
        if (typeof req.maxRecords === 'number' && req.maxRecords > 0) opts.maxRecords = req.maxRecords;
        if (clock && started !== undefined) opts.shouldStop = () => clock() - started > RUN_WALL_BUDGET_MS;
        const result = lib.simulate(String(req.text), opts);
        const runId = keep(result.trace);
        const timeline = lib.timelineOf(result.trace);
        const cut = cutOf(result.trace);
        return {
          type: 'ran',
          id: req.id,
          runId,
          accepted: result.accepted,
          ...(result.rejection !== undefined ? { rejection: result.rejection } : {}),
          diagnostics: result.diagnostics,
          horizonMs: result.trace.horizonMs,
          timeline,
          steps: result.trace.steps,
          proxyMode: result.trace.proxyMode ?? 'ipvs',
          traffic: result.trace.traffic,
          trafficSummary: result.trace.trafficSummary ?? [],
          trafficFailures: result.trace.trafficFailures ?? [],
          packetPaths: result.trace.packetPaths ?? [],
          notices: result.trace.notices ?? [],
          stats: { tasks: result.stats?.tasks ?? 0, ...(started !== undefined ? { wallMs: clock!() - started } : {}) },
          ...(cut ? { cut } : {}),
        };
      }
      case 'views': {
        const trace = touch(req.runId);
        if (!trace) return { type: 'error', id: req.id, message: `unknown runId ${req.runId}` };
        const commands = Array.isArray(req.commands) ? req.commands.map(String) : [];
        return { type: 'views', id: req.id, atMs: req.atMs, outputs: lib.viewAt(trace, req.atMs, commands) };
      }
      case 'command': {
        const prior = Array.isArray(req.prior) ? req.prior : [];
        const started = clock?.();
        const shouldStop = started !== undefined ? () => clock!() - started > RUN_WALL_BUDGET_MS : undefined;
        const line = { atMs: req.atMs, line: String(req.line), ...(Array.isArray(req.edits) ? { edits: req.edits } : {}) };
        const outputs = lib.runCommands(String(req.text), [...prior, line], { fileName: req.fileName, shouldStop, editor: true, ...(req.proxyMode === 'iptables' || req.proxyMode === 'ipvs' ? { proxyMode: req.proxyMode } : {}) });
        const last: CommandOutput = outputs[outputs.length - 1] ?? { command: '', stdout: '', stderr: '', exitCode: 0 };
        const note = interruptNote(last.interrupts, COMMAND_TIMEOUT_MS, !!last.timedOut);
        return {
          type: 'output',
          id: req.id,
          atMs: req.atMs,
          stdout: withInterruptEcho(last.stdout, last.interrupts),
          stderr: last.stderr,
          exitCode: last.exitCode,
          ...(last.packets?.length ? { packets: last.packets } : {}),
          ...(last.ranAtMs !== undefined ? { ranAtMs: last.ranAtMs } : {}),
          ...(last.ranAtMs !== undefined && last.cut ? { cut: { limit: last.cut.limit, atMs: last.cut.atMs, message: last.cut.message } } : {}),
          ...(last.prompt ? { prompt: last.prompt } : {}),
          ...(last.editing ? { editing: last.editing } : {}),
          ...(note ? { interrupted: note } : {}),
          ...(last.notices?.length ? { notices: last.notices.map((n) => ({ kind: n.kind, message: n.message })) } : {}),
        };
      }
      default:
        return { type: 'error', id: (req as { id: number }).id, message: `unknown request type ${JSON.stringify((req as { type?: unknown }).type)}` };
    }
  };

  return {
    handle(request: unknown): Response | null {
      // A request without a usable id still gets a typed answer (id -1: it matches no pending call).
      if (!request || typeof request !== 'object' || Array.isArray(request)) return { type: 'error', id: -1, message: `invalid request: must be an object, got ${describeValue(request)}` };
      const req = request as Request | TestHangRequest;
      if (typeof req.id !== 'number' || !Number.isFinite(req.id)) return { type: 'error', id: -1, message: `invalid request: id: must be a number, got ${describeValue(req.id)}` };
      if (req.type === 'test-hang') {
        // Busy-loop until the page terminates this worker. (The loop writes a global so that the
        // bundler cannot prove it free of side effects and drop it.)
        const scope = globalThis as { pgStopHang?: boolean; pgHangSpins?: number };
        while (!scope.pgStopHang) scope.pgHangSpins = (scope.pgHangSpins ?? 0) + 1;
        return null;
      }
      const problem = requestProblem(req as unknown as Record<string, unknown>);
      if (problem) return { type: 'error', id: req.id, message: `invalid request: ${problem}` };
      try {
        return answer(req);
      } catch (e) {
        // Not a JavaScript error text alone: say whose error it is.
        return { type: 'error', id: req.id, message: `internal error in the engine worker: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
}

// Bootstrap when loaded as a worker (not when imported by tests in Node).
declare const WorkerGlobalScope: { prototype: unknown } | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined' && self instanceof (WorkerGlobalScope as unknown as typeof Object)) {
  const handler = createWorkerHandler(undefined, () => performance.now());
  self.onmessage = (event: MessageEvent) => {
    const response = handler.handle(event.data);
    if (response) self.postMessage(response);
  };
}
