/**
 * Hostile programs stay bounded: what runs inside containers (busy loops, printing loops,
 * `yes`, command substitution, fork-like loops, deep recursion, probes that loop) finishes
 * its horizon without being cut, with bounded records, and gives the same bytes twice.
 * Wall-time figures belong to the bench; here only behaviour and bounds are asserted.
 */
import { describe, expect, test } from 'vitest';
import { simulate, viewAt } from '../index';
import { CONTAINER_LOG_MAX_SIZE } from '../node/runtime/logs';
import { main } from '../cli/main';

function pod(name: string, script: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sh", "-c", ${JSON.stringify(script)}]
${extra}`;
}

function run(text: string, untilMs?: number) {
  const a = simulate(text, { untilMs });
  const b = simulate(text, { untilMs });
  expect(a.accepted).toBe(true);
  // Deterministic: the same bytes on every rerun.
  expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
  return a;
}

const H24 = 24 * 3_600_000;
const H1 = 3_600_000;
// Long horizons are slow on a loaded machine; the bench measures wall time, these tests behaviour.
const LONG = 180_000;

describe('hostile programs in containers', () => {
  test('a printing loop runs its horizon with bounded logs', () => {
    const r = run(pod('printer', 'while true; do echo; done'));
    expect(r.trace.cut).toBeUndefined();
    expect(r.trace.horizonMs).toBe(300_000);
    expect(r.trace.logs.length).toBeGreaterThan(1000);
    expect(r.trace.logs.length).toBeLessThan(100_000);
  });

  test('yes: output stored compactly, rotated at 10Mi; kubectl logs shows the current file only', () => {
    const r = run(pod('yes-pod', 'yes'));
    expect(r.trace.cut).toBeUndefined();
    const written = r.trace.logs.reduce((n, l) => n + (l.repeat ?? 1), 0);
    expect(r.trace.logs.length).toBeLessThan(5_000);
    expect(r.trace.logRotations!.length).toBeGreaterThan(5);
    const rot = r.trace.logRotations![0];
    expect(rot).toMatchObject({ pod: 'yes-pod', container: 'c', attempt: 0 });
    expect(rot.bytes).toBeGreaterThan(CONTAINER_LOG_MAX_SIZE);
    expect(rot.t % 10_000).toBe(0);
    const [out] = viewAt(r.trace, 300_000, ['kubectl logs yes-pod']);
    const lines = out.stdout.split('\n').length - 1;
    expect(out.stdout.startsWith('y\ny\n')).toBe(true);
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(written);
  });

  test('a busy loop over 24 h is not cut', () => {
    const r = simulate(pod('busy', 'while :; do :; done'), { untilMs: H24 });
    expect(r.trace.cut).toBeUndefined();
    expect(r.trace.horizonMs).toBe(H24);
  }, LONG);

  test('yes over an hour keeps the trace bounded', () => {
    const r = simulate(pod('yes-pod', 'yes'), { untilMs: H1 });
    expect(r.trace.cut).toBeUndefined();
    expect(r.trace.logs.length).toBeLessThan(20_000);
    expect(r.trace.logRotations!.length).toBeGreaterThan(300);
  }, LONG);

  test('several busy containers', () => {
    const containers = Array.from({ length: 10 }, (_, i) => `  - name: c${i}\n    image: busybox:1.28\n    command: ["sh", "-c", "i=0; while :; do i=$((i+1)); done"]\n`).join('');
    const r = run(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\nspec:\n  containers:\n${containers}`);
    expect(r.trace.cut).toBeUndefined();
    expect(r.trace.horizonMs).toBe(300_000);
  }, LONG);

  test('command substitution in a loop', () => {
    const r = run(pod('subst', 'while :; do x=$(echo a); done'));
    expect(r.trace.cut).toBeUndefined();
  });

  test('an exec probe whose command loops is timed out each period', () => {
    const probe = `    livenessProbe:\n      exec:\n        command: ["sh", "-c", "while :; do :; done"]\n      timeoutSeconds: 1\n      periodSeconds: 10\n      failureThreshold: 100000\n`;
    const r = simulate(pod('prober', 'sleep 100000', probe), { untilMs: H1 });
    expect(r.trace.cut).toBeUndefined();
    const first = r.trace.probes.find((p) => p.probe === 'liveness');
    expect(first?.result).toBe('failure');
    expect(first?.output).toContain('timed out');
  }, LONG);

  test('a fork-like loop of background shells stays within the process table', () => {
    const r = run(pod('forker', 'while :; do sh -c "sleep 1" & done'));
    expect(r.trace.cut).toBeUndefined();
  });

  test('deep recursion in a function ends with the shell\'s own error', () => {
    const r = run(pod('recurse', 'f() { f; }; f'));
    expect(r.trace.cut).toBeUndefined();
    expect(r.trace.logs.some((l) => l.stream === 'stderr')).toBe(true);
  });

  test('a huge seq and a huge printf finish', () => {
    expect(run(pod('seq', 'seq 1 100000000; sleep 100000')).trace.cut).toBeUndefined();
    expect(run(pod('printf', 'while :; do printf "%01000000d\\n" 1; done')).trace.cut).toBeUndefined();
  }, LONG);
});

describe('memory: the OOM killer, not the engine, stops string growth', () => {
  test('past resources.limits.memory the shell is OOM-killed (137, OOMKilled)', () => {
    const r = run(pod('oom', 'x=a; while :; do x="$x$x"; done', '    resources:\n      limits:\n        memory: 64Mi\n'));
    expect(r.trace.cut).toBeUndefined();
    const [out] = viewAt(r.trace, 30_000, ['kubectl describe pod oom']);
    expect(out.stdout).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
  });

  test('without a limit the node\'s allocatable memory bounds it', () => {
    const r = run(pod('grow', 'x=a; while :; do x="$x$x"; done'));
    expect(r.trace.cut).toBeUndefined();
    const [out] = viewAt(r.trace, 60_000, ['kubectl get pod grow -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}']);
    expect(out.stdout).toBe('OOMKilled');
  });
});

describe('cuts', () => {
  test('the task cap cuts the run and says where, the same way every time', () => {
    const a = simulate(pod('busy', 'while :; do :; done'), { maxTasks: 500 });
    const b = simulate(pod('busy', 'while :; do :; done'), { maxTasks: 500 });
    expect(a.trace.cut).toMatchObject({ limit: 'tasks' });
    expect(a.trace.cut!.atMs).toBe(a.trace.horizonMs);
    expect(a.trace.cut!.atMs).toBeLessThan(300_000);
    expect(a.trace.capped).toBe(a.trace.cut!.message);
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
  });

  test('an injected wall budget cuts the run as `wall`', () => {
    let asked = 0;
    const r = simulate(pod('busy', 'while :; do :; done'), { untilMs: H24, shouldStop: () => ++asked > 3 });
    expect(r.trace.cut).toMatchObject({ limit: 'wall' });
    expect(r.trace.horizonMs).toBeLessThan(H24);
    expect(r.trace.cut!.message).toContain('wall-time budget');
  });

  test('k8s-sim run prints the cut (text and --json) when its wall budget runs out', async () => {
    const text = pod('busy', 'while :; do :; done');
    const runCli = async (json: boolean) => {
      let out = '';
      let tick = 0;
      const code = await main(['run', 'p.yaml', '--until', '1h', '--wall-budget', '5s', ...(json ? ['--json'] : [])], {
        readFile: async () => text,
        stdout: (s) => (out += s),
        stderr: () => {},
        clock: () => 1000 * tick++,
      });
      expect(code).toBe(0);
      return out;
    };
    const j = JSON.parse(await runCli(true));
    expect(j.cut).toMatchObject({ limit: 'wall' });
    expect(j.cut.time).toBe(j.horizon);
    expect(j.capped).toBe(j.cut.message);
    expect(await runCli(false)).toMatch(/run cut \(limit: wall\): stopped at [0-9.]+s: the wall-time budget ran out/);
  }, LONG);
});
