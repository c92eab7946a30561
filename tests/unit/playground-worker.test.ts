import { describe, expect, it } from 'vitest';
import { createWorkerHandler, cutOf, RUN_WALL_BUDGET_MS, type EngineLibrary } from '../../playground-engine/src/worker';
import type { Trace } from '../../playground-engine/src/trace';
import type { Response } from '../../playground-engine/src/protocol';

const emptyTrace = (horizonMs: number): Trace => ({ version: 1, horizonMs, revisions: [], logs: [], probes: [], components: [], steps: [], traffic: [], diagnostics: [] });

/** A fake library that records calls. */
function fakeLib() {
  const calls: unknown[][] = [];
  const lib: EngineLibrary = {
    simulate: (text, opts = {}) => {
      calls.push(['simulate', text, opts]);
      if (text === 'throw') throw new Error('boom');
      return { accepted: text !== 'bad', ...(text === 'bad' ? { rejection: 'error: bad\n' } : {}), diagnostics: [], trace: { ...emptyTrace(opts.untilMs ?? 300000), steps: [{ t: 1, run: 'x', stdout: 'o', stderr: '', exitCode: 0 }] }, stats: { tasks: 7 } };
    },
    runCommands: (text, commands) => {
      calls.push(['runCommands', text, commands]);
      return commands.map((c) => ({ command: c.line, stdout: `${c.line}@${c.atMs}\n`, stderr: '', exitCode: 0 }));
    },
    viewAt: (trace, atMs, commands) => {
      calls.push(['viewAt', trace.horizonMs, atMs, commands]);
      return commands.map((c) => ({ command: c, stdout: `${c}@${atMs}`, stderr: '', exitCode: 0 }));
    },
    timelineOf: (trace) => ({ horizonMs: trace.horizonMs, pods: [] }),
  };
  return { lib, calls };
}

describe('worker handler', () => {
  it('answers ping', () => {
    expect(createWorkerHandler(fakeLib().lib).handle({ type: 'ping', id: 3 })).toEqual({ type: 'pong', id: 3 });
  });

  it('runs, keeps the trace and serves views by runId', () => {
    const { lib, calls } = fakeLib();
    const h = createWorkerHandler(lib, () => 10);
    const ran = h.handle({ type: 'run', id: 1, text: 'kind: Pod', untilMs: 120000 });
    expect(ran).toMatchObject({ type: 'ran', id: 1, accepted: true, horizonMs: 120000, timeline: { horizonMs: 120000, pods: [] }, steps: [{ run: 'x' }], stats: { tasks: 7, wallMs: 0 } });
    const runId = (ran as { runId: string }).runId;
    const views = h.handle({ type: 'views', id: 2, runId, atMs: 5000, commands: ['kubectl get pods'] });
    expect(views).toEqual({ type: 'views', id: 2, atMs: 5000, outputs: [{ command: 'kubectl get pods', stdout: 'kubectl get pods@5000', stderr: '', exitCode: 0 }] });
    expect(calls.at(-1)).toEqual(['viewAt', 120000, 5000, ['kubectl get pods']]);
  });

  it('passes the rejection through', () => {
    const r = createWorkerHandler(fakeLib().lib).handle({ type: 'run', id: 1, text: 'bad' });
    expect(r).toMatchObject({ accepted: false, rejection: 'error: bad\n' });
  });

  it('forgets the oldest runs beyond its cache', () => {
    const h = createWorkerHandler(fakeLib().lib);
    const ids = Array.from({ length: 9 }, (_, i) => (h.handle({ type: 'run', id: i, text: 'x' }) as { runId: string }).runId);
    expect(h.handle({ type: 'views', id: 20, runId: ids[0], atMs: 0, commands: [] })).toEqual({ type: 'error', id: 20, message: `unknown runId ${ids[0]}` });
    expect(h.handle({ type: 'views', id: 21, runId: ids[8], atMs: 0, commands: [] })).toMatchObject({ type: 'views' });
  });

  it('runs a terminal command after replaying the earlier ones', () => {
    const { lib, calls } = fakeLib();
    const r = createWorkerHandler(lib).handle({ type: 'command', id: 4, text: 'y', atMs: 30000, line: 'kubectl get po', prior: [{ atMs: 10000, line: 'kubectl delete pod a' }] });
    expect(r).toEqual({ type: 'output', id: 4, atMs: 30000, stdout: 'kubectl get po@30000\n', stderr: '', exitCode: 0 });
    expect(calls[0]).toEqual(['runCommands', 'y', [{ atMs: 10000, line: 'kubectl delete pod a' }, { atMs: 30000, line: 'kubectl get po' }]]);
  });

  it('turns exceptions and unknown requests into error responses', () => {
    const h = createWorkerHandler(fakeLib().lib);
    expect(h.handle({ type: 'run', id: 5, text: 'throw' })).toEqual({ type: 'error', id: 5, message: 'internal error in the engine worker: boom' });
    expect(h.handle({ type: 'nope', id: 6 })).toEqual({ type: 'error', id: 6, message: 'invalid request: type: unknown request type "nope"' });
    // Without a usable id the answer is still typed (id -1 matches no pending call).
    expect(h.handle(null)).toEqual({ type: 'error', id: -1, message: 'invalid request: must be an object, got null' });
    expect(h.handle({ type: 'ping' })).toEqual({ type: 'error', id: -1, message: 'invalid request: id: must be a number, got undefined' });
    expect(h.handle({ type: 'ping', id: NaN })).toEqual({ type: 'error', id: -1, message: 'invalid request: id: must be a number, got NaN' });
  });

  it('answers every malformed request with a typed error naming the field, before running anything', () => {
    const { lib, calls } = fakeLib();
    const h = createWorkerHandler(lib);
    const cases: Array<[unknown, string]> = [
      [{ type: 'command', id: 1, text: 'x', atMs: 0, line: 'ls', prior: [null] }, 'invalid request: command.prior[0]: must be an object {atMs, line}, got null'],
      [{ type: 'command', id: 1, text: 'x', atMs: 0, line: 'ls', prior: 'a' }, 'invalid request: command.prior: must be an array of {atMs, line}, got "a"'],
      [{ type: 'command', id: 1, text: 'x', atMs: 0, line: 'ls', prior: [{ atMs: 'soon', line: 'ls' }] }, 'invalid request: command.prior[0].atMs: must be a number of milliseconds, got "soon"'],
      [{ type: 'command', id: 1, text: 'x', atMs: 0, line: 'ls', prior: [{ atMs: 0 }] }, 'invalid request: command.prior[0].line: must be a string, got undefined'],
      [{ type: 'command', id: 1, text: 'x', atMs: 1e15, line: 'ls' }, "invalid request: command.atMs: must be from 0 to 86400000 ms (24h0m0s, the simulation's maximum horizon), got 1000000000000000"],
      [{ type: 'command', id: 1, text: 'x', atMs: NaN, line: 'ls' }, 'invalid request: command.atMs: must be a number of milliseconds, got NaN'],
      [{ type: 'command', id: 1, text: 'x', atMs: -1, line: 'ls' }, "invalid request: command.atMs: must be from 0 to 86400000 ms (24h0m0s, the simulation's maximum horizon), got -1"],
      [{ type: 'command', id: 1, text: 'x', atMs: 0 }, 'invalid request: command.line: must be a string, got undefined'],
      [{ type: 'command', id: 1, text: 'x', atMs: 0, line: 'ls', proxyMode: 'nft' }, 'invalid request: command.proxyMode: must be "iptables" or "ipvs", got "nft"'],
      [{ type: 'run', id: 1 }, 'invalid request: run.text: must be a string, got undefined'],
      [{ type: 'run', id: 1, text: 5 }, 'invalid request: run.text: must be a string, got 5'],
      [{ type: 'run', id: 1, text: 'x', untilMs: Infinity }, 'invalid request: run.untilMs: must be a number of milliseconds, got Infinity'],
      [{ type: 'run', id: 1, text: 'x', untilMs: 86_400_001 }, "invalid request: run.untilMs: must be from 0 to 86400000 ms (24h0m0s, the simulation's maximum horizon), got 86400001"],
      [{ type: 'run', id: 1, text: 'x', fileName: {} }, 'invalid request: run.fileName: must be a string, got an object'],
      [{ type: 'run', id: 1, text: 'x', maxTasks: 0.5 }, 'invalid request: run.maxTasks: must be a positive integer, got 0.5'],
      [{ type: 'views', id: 1, runId: 'run-1', atMs: 0 }, 'invalid request: views.commands: must be an array of strings, got undefined'],
      [{ type: 'views', id: 1, runId: 'run-1', atMs: 0, commands: [null] }, 'invalid request: views.commands[0]: must be a string, got null'],
      [{ type: 'views', id: 1, runId: 7, atMs: 0, commands: [] }, 'invalid request: views.runId: must be a string, got 7'],
      [{ type: 'views', id: 1, runId: 'run-1', atMs: 1e15, commands: [] }, "invalid request: views.atMs: must be from 0 to 86400000 ms (24h0m0s, the simulation's maximum horizon), got 1000000000000000"],
      [{ type: 7, id: 1 }, 'invalid request: type: unknown request type 7'],
      [{ id: 1 }, 'invalid request: type: unknown request type undefined'],
    ];
    for (const [req, message] of cases) {
      const a = h.handle(req);
      expect(a).toEqual({ type: 'error', id: (req as { id: number }).id, message });
      // Deterministic: the same bytes again.
      expect(JSON.stringify(h.handle(req))).toBe(JSON.stringify(a));
    }
    expect(calls).toEqual([]);
  });

  it('says where and why a run was cut, from the trace', () => {
    // Today's engine sentence (engine.ts runUntil) and a structured field the engine may add.
    const capped = { ...emptyTrace(12300), capped: 'stopped at 12.3s after 2000000 engine tasks (the run was cut short to keep the page responsive)' };
    expect(cutOf(capped)).toEqual({ limit: 'tasks', atMs: 12300, message: capped.capped });
    const internal = { ...emptyTrace(4000), capped: 'internal error in the simulator at 4.0s: boom' };
    expect(cutOf(internal)).toMatchObject({ limit: 'internal', atMs: 4000 });
    const structured = { ...emptyTrace(9000), capped: 'x', cut: { limit: 'memory', atMs: 8000, message: 'log budget reached' } };
    expect(cutOf(structured)).toEqual({ limit: 'memory', atMs: 8000, message: 'log budget reached' });
    expect(cutOf(emptyTrace(300000))).toBeUndefined();
  });

  it('passes a lower task cap and a wall-time stop to the engine, never a higher cap', () => {
    const { lib, calls } = fakeLib();
    let now = 0;
    const h = createWorkerHandler(lib, () => now);
    h.handle({ type: 'run', id: 1, text: 'x', maxTasks: 50 });
    h.handle({ type: 'run', id: 2, text: 'x', maxTasks: 1e12 });
    const first = calls[0][2] as { maxTasks?: number; shouldStop?: () => boolean };
    expect(first.maxTasks).toBe(50);
    expect((calls[1][2] as { maxTasks?: number }).maxTasks).toBeUndefined();
    expect(first.shouldStop!()).toBe(false);
    now = RUN_WALL_BUDGET_MS + 1;
    expect(first.shouldStop!()).toBe(true);
  });

  describe('over the real library', () => {
    const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';
    const h = createWorkerHandler();
    const ran = h.handle({ type: 'run', id: 1, text: POD, untilMs: 60000 }) as Extract<Response, { type: 'ran' }>;

    it('runs a pod and returns its timeline', () => {
      expect(ran).toMatchObject({ type: 'ran', id: 1, accepted: true, horizonMs: 60000 });
      expect(ran.timeline.pods.map((p) => p.name)).toEqual(['nginx']);
      expect(ran.stats.tasks).toBeGreaterThan(0);
      // The response crosses postMessage: it must survive structured cloning unchanged.
      expect(structuredClone(ran)).toEqual(ran);
    });

    it('serves kubectl views at a time', () => {
      const v = h.handle({ type: 'views', id: 2, runId: ran.runId, atMs: 30000, commands: ['kubectl get pods -o wide', 'kubectl describe pod nginx'] });
      expect(v).toMatchObject({ type: 'views', id: 2, atMs: 30000 });
      const [wide, describe] = (v as Extract<Response, { type: 'views' }>).outputs;
      expect(wide.stdout).toMatch(/^NAME\s+READY\s+STATUS/);
      expect(wide.stdout).toMatch(/nginx\s+1\/1\s+Running/);
      expect(describe.stdout).toMatch(/^Name:\s+nginx/m);
      expect(describe.stdout).toMatch(/^Events:/m);
    });

    it('replays earlier terminal commands before a new one', () => {
      const before = h.handle({ type: 'command', id: 3, text: POD, atMs: 40000, line: 'kubectl get pods' }) as Extract<Response, { type: 'output' }>;
      expect(before.stdout).toMatch(/nginx\s+1\/1\s+Running/);
      const after = h.handle({ type: 'command', id: 4, text: POD, atMs: 40000, line: 'kubectl get pods', prior: [{ atMs: 30000, line: 'kubectl delete pod nginx' }] }) as Extract<Response, { type: 'output' }>;
      expect(after.stdout).not.toMatch(/nginx\s+1\/1\s+Running/);
    });

    it('reports a run cut by the task cap, with the results up to the cut', () => {
      const cut = h.handle({ type: 'run', id: 6, text: POD, maxTasks: 40 }) as Extract<Response, { type: 'ran' }>;
      expect(cut.accepted).toBe(true);
      expect(cut.cut).toMatchObject({ limit: 'tasks', atMs: cut.horizonMs, untilMs: 300000 });
      expect(cut.cut!.message).toContain('after 40 engine tasks');
      expect(cut.horizonMs).toBeLessThan(300000);
      expect(ran.cut).toBeUndefined();
      expect(structuredClone(cut)).toEqual(cut);
    });

    it('reports a run cut by the record cap as memory, with the horizon it was asked for', () => {
      // A container printing without pause fills the record (its log lines) quickly.
      const busy = POD.replace(/image: .*\n/, 'image: busybox:1.28\n    command: ["sh", "-c", "while true; do echo tick; done"]\n');
      expect(busy).not.toBe(POD);
      const cut = h.handle({ type: 'run', id: 7, text: busy, maxRecords: 50 }) as Extract<Response, { type: 'ran' }>;
      expect(cut.cut).toMatchObject({ limit: 'memory', atMs: cut.horizonMs, untilMs: 300000 });
      expect(cut.cut!.message).toMatch(/^stopped at [\d.]+s: the run's record grew past 50 entries \(the run was cut short to keep the page responsive\)$/);
      const again = h.handle({ type: 'run', id: 8, text: busy, maxRecords: 50 }) as Extract<Response, { type: 'ran' }>;
      expect(JSON.stringify({ ...again, id: 7, runId: cut.runId, stats: cut.stats })).toBe(JSON.stringify(cut));
    });

    it('rejects an invalid manifest with diagnostics at a line', () => {
      const bad = h.handle({ type: 'run', id: 5, text: `bogusField: 1\n${POD}` }) as Extract<Response, { type: 'ran' }>;
      expect(bad.accepted).toBe(false);
      expect(bad.rejection).toContain('bogusField');
      expect(bad.diagnostics.some((d) => d.line === 1)).toBe(true);
    });
  });
});
