/**
 * The kubelet's pod worker timing in a crash loop (pod_workers.go completeWork, kubelet.go
 * SyncPod, kuberuntime_manager.go doBackOff): a sync that hits the crash back-off fails, is
 * logged and requeued after wait.Jitter(10s, 0.5), and the work queue is read on the sync loop's
 * 1 s ticker; the container restarts at the first sync after its back-off expired; the status a
 * sync writes is computed before the sync acts, so an exited container shows Completed/Error
 * until the next sync writes CrashLoopBackOff from the reason cache; each failed sync emits
 * BackOff again.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { simulateSources, runCommandsOn } from '../engine';
import { eventRecords, podRows } from '../report';

const RESTART_113 = readFileSync(new URL('../../../content/manifests/1.13-restart-policy.yaml', import.meta.url), 'utf8');

function run(text: string, untilS: number) {
  const r = simulateSources([{ fileName: 'pod.yaml', text }], { untilMs: untilS * 1000 });
  expect(r.accepted, r.rejection).toBe(true);
  return r;
}

function pod(name: string, restartPolicy: string, command: string[], extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${restartPolicy}
  containers:
  - name: c
    image: busybox:1.28
    command: ${JSON.stringify(command)}
${extra}`;
}

describe('a container that exits every 10 s (notes 1.13, restartPolicy Always)', () => {
  const r = run(RESTART_113, 400);
  const kubelet = r.trace.components.filter((c) => c.component === 'kubelet/k8s-node01');
  const exits = kubelet.filter((c) => /^container nginx\/nginx exited/.test(c.message)).map((c) => c.t);
  const failed = kubelet
    .filter((c) => c.message.startsWith('"Error syncing pod, skipping"'))
    .map((c) => ({ t: c.t, backoffMs: backoffOf(c.message) }));
  // Restarts from the kubelet's log (the Started events stop being written once the spam filter's burst is spent).
  const starts = kubelet.filter((c) => /^started container nginx\/nginx /.test(c.message)).map((c) => c.t);

  it('logs each failed sync with the kubelet\'s error text', () => {
    expect(failed.length).toBeGreaterThan(5);
    const first = kubelet.find((c) => c.message.startsWith('"Error syncing pod'))!.message;
    expect(first).toMatch(
      /^"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"nginx\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=nginx pod=nginx_default\([0-9a-f-]{36}\)\\"" pod="default\/nginx" podUID="[0-9a-f-]{36}"$/,
    );
  });

  it('requeues a failed sync after 10–15 s, read on the 1 s sync ticker', () => {
    const gaps: number[] = [];
    for (const f of failed) {
      const next = [...failed.map((x) => x.t), ...starts].filter((t) => t > f.t).sort((a, b) => a - b)[0];
      if (next === undefined) continue;
      // The next sync is the retry unless the container restarted (the restart sync is the retry too).
      const gap = next - f.t;
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThan(16_000);
      gaps.push(gap);
    }
    // A retry lands on node01's sync tick (one phase within the second, here .0 s), the first
    // failed sync after an exit on the PLEG's relist (.6 s).
    const retries = failed.filter((f) => !exits.some((e) => e < f.t && f.t - e < 2_000));
    expect(retries.length).toBeGreaterThan(2);
    expect(new Set(retries.map((f) => f.t % 1000))).toEqual(new Set([0]));
    for (const s of starts.slice(2)) expect(s % 1000).toBe(0);
    // The jitter is drawn, not fixed.
    expect(new Set(gaps).size).toBeGreaterThan(2);
  });

  it('restarts at the first sync after the back-off expired, never before', () => {
    for (let i = 1; i < exits.length; i++) {
      const exit = exits[i];
      const inWindow = failed.filter((f) => f.t > exit && (i + 1 >= exits.length || f.t < exits[i + 1]));
      const restart = starts.find((t) => t > exit);
      if (!inWindow.length || restart === undefined) continue;
      const backoff = inWindow[0].backoffMs;
      for (const f of inWindow) expect(f.t - exit).toBeLessThan(backoff);
      expect(restart - exit).toBeGreaterThanOrEqual(backoff);
      expect(restart - inWindow[inWindow.length - 1].t).toBeLessThan(16_000);
    }
  });

  it('shows Completed after each exit until the next sync writes CrashLoopBackOff', () => {
    const rows = podRows(r.trace).filter((p) => p.name === 'nginx');
    const crash = rows.filter((p) => p.status === 'CrashLoopBackOff');
    expect(crash.length).toBeGreaterThan(2);
    for (const c of crash) {
      const before = rows[rows.indexOf(c) - 1];
      expect(before.status).toBe('Completed');
      // Written by the retry (10–16 s after the failed sync that followed the exit; it may be the
      // sync that restarts the container), not at the exit.
      const t = c.time * 1000;
      expect(t - before.time * 1000).toBeGreaterThanOrEqual(10_000);
      expect(failed.some((f) => f.t === t) || starts.includes(t)).toBe(true);
    }
  });

  it('emits BackOff on every failed sync (the event count grows with them)', () => {
    const backoffs = eventRecords(r.trace).filter((e) => e.reason === 'BackOff');
    expect(backoffs.length).toBeGreaterThan(5);
    // Each write carries the count of failed syncs so far (the spam filter drops writes, not counts).
    for (const b of backoffs) expect(b.total).toBe(failed.filter((f) => f.t <= b.time * 1000).length);
  });

  it('draws the same delays on every run', () => {
    const again = run(RESTART_113, 400);
    expect(again.trace.components).toEqual(r.trace.components);
    expect(eventRecords(again.trace)).toEqual(eventRecords(r.trace));
  });

  it('at 89 s shows what the notes show: the 4th run just exited, its last state the 3rd', () => {
    const sim = run(RESTART_113, 89);
    const out = runCommandsOn(sim, [{ atMs: 89_000, line: 'kubectl get pod' }])[0];
    // The notes: `nginx   0/1     Completed   3 (44s ago)   89s` (the exact age follows the drawn jitter).
    expect(out.stdout).toMatch(/^NAME {4}READY {3}STATUS {6}RESTARTS {6}AGE\nnginx {3}0\/1 {5}Completed {3}3 \(4\ds ago\) {3}89s\n$/);
  });
});

describe('a pod whose sync succeeded', () => {
  it('is synced again after wait.Jitter(1m, 0.5): each resync triggers the readiness probe of a not-ready container', () => {
    const probe = `    readinessProbe:
      exec:
        command: ["false"]
      periodSeconds: 300
`;
    const r = run(pod('rp', 'Always', ['sleep', '3600'], probe), 400);
    const runs = r.trace.probes.filter((p) => p.pod === 'rp' && p.probe === 'readiness').map((p) => p.t);
    // The prober runs it once the container started (with the start sync's trigger) and on its own 300 s ticker (phased from when the
    // kubelet added the pod, at 0.1 s); every other run is a resync's manual trigger.
    const triggered = runs.filter((t) => t > runs[0] && (t - 100) % 300_000 !== 0);
    expect(runs).toContain(300_100);
    expect(triggered.length).toBeGreaterThanOrEqual(4);
    const gaps = triggered.slice(1).map((t, i) => t - triggered[i]);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(60_000);
      expect(g).toBeLessThan(91_000);
    }
    for (const t of triggered) expect(t % 1000).toBe(0);
  });
});

describe('restart policies and liveness kills keep their behaviour', () => {
  it('OnFailure: exit 0 completes the pod, no restart', () => {
    const r = run(pod('ok', 'OnFailure', ['sh', '-c', 'sleep 2; exit 0']), 60);
    const last = podRows(r.trace).filter((p) => p.name === 'ok').pop()!;
    expect(last).toMatchObject({ phase: 'Succeeded', status: 'Completed', restarts: 0 });
    expect(eventRecords(r.trace).some((e) => e.reason === 'BackOff')).toBe(false);
  });

  it('OnFailure: exit 1 restarts with back-off; the delays follow the pod worker', () => {
    const r = run(pod('bad', 'OnFailure', ['sh', '-c', 'sleep 2; exit 1']), 120);
    const rows = podRows(r.trace).filter((p) => p.name === 'bad');
    expect(rows.some((p) => p.status === 'Error')).toBe(true);
    expect(rows.some((p) => p.status === 'CrashLoopBackOff')).toBe(true);
    expect(rows[rows.length - 1].phase).toBe('Running');
    expect(eventRecords(r.trace).some((e) => e.reason === 'BackOff')).toBe(true);
  });

  it('Never: exit 1 fails the pod, no restart', () => {
    const r = run(pod('never', 'Never', ['sh', '-c', 'sleep 2; exit 1']), 60);
    const last = podRows(r.trace).filter((p) => p.name === 'never').pop()!;
    expect(last).toMatchObject({ phase: 'Failed', status: 'Error', restarts: 0 });
  });

  it('a failed liveness probe kills and restarts the container in one sync', () => {
    const liveness = `    livenessProbe:
      exec:
        command: ["false"]
      periodSeconds: 5
      failureThreshold: 1
`;
    const r = run(pod('live', 'Always', ['sleep', '3600'], liveness), 60);
    const events = eventRecords(r.trace);
    const kill = events.find((e) => e.reason === 'Killing')!;
    expect(kill.message).toBe('Container c failed liveness probe, will be restarted');
    const rows = podRows(r.trace).filter((p) => p.name === 'live');
    expect(rows[rows.length - 1].restarts).toBeGreaterThanOrEqual(1);
  });
});

/** The back-off of a logged failed sync (`back-off 20s` / `back-off 1m20s`), in ms. */
function backoffOf(message: string): number {
  const m = /back-off (?:(\d+)m)?(\d+)s restarting/.exec(message);
  if (!m) return 0;
  return (Number(m[1] ?? 0) * 60 + Number(m[2])) * 1000;
}
