/**
 * The engine's Web Worker adapter: a thin layer over the library (`index.ts`) speaking the
 * protocol of `protocol.ts`. Every request gets exactly one response with the same id; errors
 * are data (`type: 'error'`), never exceptions across the boundary. The worker keeps the last
 * few traces so `views` requests can read them by `runId`.
 */
import { runCommands, simulate, timelineOf, viewAt } from './index';
import type { Request, Response } from './protocol';
import type { Trace } from './trace';

/** How many finished runs the worker keeps for `views` (least recently used goes first). */
const KEPT_RUNS = 8;

/**
 * Wall-time budget of one run, ms: past it the run is cut (`cut.limit: 'wall'`) and the page
 * gets everything simulated so far, well before its watchdog would replace the worker.
 */
export const RUN_WALL_BUDGET_MS = 20_000;

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
        const shouldStop = started !== undefined ? () => clock!() - started > RUN_WALL_BUDGET_MS : undefined;
        const result = lib.simulate(String(req.text), { fileName: req.fileName, untilMs: req.untilMs, shouldStop, ...(req.proxyMode === 'iptables' || req.proxyMode === 'ipvs' ? { proxyMode: req.proxyMode } : {}) });
        const runId = keep(result.trace);
        const timeline = lib.timelineOf(result.trace);
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
          ...(result.trace.cut ? { cut: result.trace.cut } : {}),
          notices: result.trace.notices ?? [],
          stats: { tasks: result.stats?.tasks ?? 0, ...(started !== undefined ? { wallMs: clock!() - started } : {}) },
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
        const last: { stdout: string; stderr: string; exitCode: number; packets?: import('./trace').PacketPath[] } = outputs[outputs.length - 1] ?? { stdout: '', stderr: '', exitCode: 0 };
        return { type: 'output', id: req.id, atMs: req.atMs, stdout: last.stdout, stderr: last.stderr, exitCode: last.exitCode, ...(last.packets?.length ? { packets: last.packets } : {}) };
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
