/**
 * The engine's Web Worker adapter: a thin layer over the library (`index.ts`) speaking the
 * protocol of `protocol.ts`. Every request gets exactly one response with the same id; errors
 * are data (`type: 'error'`), never exceptions across the boundary. The worker keeps the last
 * few traces so `views` requests can read them by `runId`.
 */
import { runCommands, simulate, timelineOf, viewAt } from './index';
import { DEFAULT_MAX_TASKS } from './engine';
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
      return { limit: c.limit, atMs: c.atMs, message: typeof c.message === 'string' ? c.message : '' };
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
        const outputs = lib.runCommands(String(req.text), [...prior, { atMs: req.atMs, line: String(req.line) }], { fileName: req.fileName, shouldStop, ...(req.proxyMode === 'iptables' || req.proxyMode === 'ipvs' ? { proxyMode: req.proxyMode } : {}) });
        const last: { stdout: string; stderr: string; exitCode: number; packets?: import('./trace').PacketPath[]; notices?: Array<{ kind: string; message: string }> } = outputs[outputs.length - 1] ?? { stdout: '', stderr: '', exitCode: 0 };
        return { type: 'output', id: req.id, atMs: req.atMs, stdout: last.stdout, stderr: last.stderr, exitCode: last.exitCode, ...(last.packets?.length ? { packets: last.packets } : {}), ...(last.notices?.length ? { notices: last.notices.map((n) => ({ kind: n.kind, message: n.message })) } : {}) };
      }
      default:
        return { type: 'error', id: (req as { id: number }).id, message: `unknown request type ${JSON.stringify((req as { type?: unknown }).type)}` };
    }
  };

  return {
    handle(request: unknown): Response | null {
      if (!request || typeof request !== 'object') return null;
      const req = request as Request | TestHangRequest;
      if (typeof req.id !== 'number') return null;
      if (req.type === 'test-hang') {
        // Busy-loop until the page terminates this worker. (The loop writes a global so that the
        // bundler cannot prove it free of side effects and drop it.)
        const scope = globalThis as { pgStopHang?: boolean; pgHangSpins?: number };
        while (!scope.pgStopHang) scope.pgHangSpins = (scope.pgHangSpins ?? 0) + 1;
        return null;
      }
      try {
        return answer(req);
      } catch (e) {
        return { type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) };
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
