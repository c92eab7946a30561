/**
 * `get -w` and `logs -f` typed in the terminal follow virtual time: the changes after the
 * command started are printed as they happen, until the terminal's Ctrl-C, and `logs -f` ends
 * with the container.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';
import { COMMAND_TIMEOUT_MS } from '../../engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels: {run: nginx}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';
const COUNTER = `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.28
    command: ["sh", "-c", "i=0; while [ $i -lt 3 ]; do echo tick $i; i=$((i+1)); sleep 2; done"]
`;

describe('kubectl get -w in the terminal', () => {
  it('lists now, then prints each change as it happens, then a closing line', () => {
    const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 0 });
    const [r] = runCommandsOn(run, [{ atMs: 0, line: 'kubectl get po -w' }]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^nginx\s+0\/1\s+Pending\s+0\s+0s$/);
    expect(lines.some((l) => /^nginx\s+0\/1\s+ContainerCreating/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^nginx\s+1\/1\s+Running\s+0\s+\ds$/);
    // it runs until the terminal's Ctrl-C (kubectl dies of SIGINT: 130)
    expect(r.stderr).toBe('');
    expect(r.interrupts?.map((i) => i.atMs)).toEqual([COMMAND_TIMEOUT_MS]);
    expect(r.exitCode).toBe(130);
  });

  it('prints a change at the virtual time it is stored, not on a 1 s grid', () => {
    const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 0 });
    const [r] = runCommandsOn(run, [{ atMs: 0, line: 'kubectl get po -w & sleep 1.55; echo before; sleep 0.1; echo after; sleep 1' }]);
    // the kubelet's PLEG relist (phase .6 s on k8s-node01) reports the container running at 1.6 s
    const running = run.sim.trace.revisions.find((x) => x.object.kind === 'Pod' && x.object.metadata.name === 'nginx' && x.object.status?.phase === 'Running');
    expect(running?.t).toBe(1_600);
    const lines = r.stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => /^nginx\s+1\/1\s+Running/.test(l));
    expect(lines.slice(at - 1, at + 2)).toEqual(['before', lines[at], 'after']);
  });

  it('--output-watch-events shows the deletion of a pod', () => {
    const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 20_000 });
    const [, r] = runCommandsOn(run, [
      { atMs: 20_000, line: 'kubectl delete pod nginx --wait=false' },
      { atMs: 20_001, line: 'kubectl get po -w --output-watch-events' },
    ]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^EVENT\s+NAME/);
    expect(lines[1]).toMatch(/^ADDED\s+nginx/);
    expect(lines[lines.length - 1]).toMatch(/^DELETED\s+nginx/);
  });
});

describe('kubectl logs -f in the terminal', () => {
  it('prints the lines as the container writes them and ends with it', () => {
    const run = simulateSources([{ fileName: 'counter.yaml', text: COUNTER }], { untilMs: 3_000 });
    const [r] = runCommandsOn(run, [{ atMs: 3_000, line: 'kubectl logs -f counter' }]);
    expect(r).toMatchObject({ stdout: 'tick 0\ntick 1\ntick 2\n', stderr: '', exitCode: 0 });
    expect(run.sim.queue.now).toBeLessThan(20_000);
  });

  it('prints each line at the virtual time the container writes it', () => {
    const LATE = COUNTER.replace('name: counter', 'name: late').replace('"i=0; while', '"sleep 0.25; i=0; while');
    const run = simulateSources([{ fileName: 'late.yaml', text: LATE }], { untilMs: 3_000 });
    const t0 = run.sim.trace.logs.find((l) => l.pod === 'late')!.t;
    expect(t0 % 1_000).not.toBe(0);
    // at 3 s: "tick 0" is written; "tick 1" comes 2 s after it, between the two echoes
    const wait = (t0 + 2_000 - 3_000 - 50) / 1_000;
    const [r] = runCommandsOn(run, [{ atMs: 3_000, line: `kubectl logs -f late & sleep ${wait}; echo before; sleep 0.1; echo after; wait` }]);
    expect(r.stdout).toBe('tick 0\nbefore\ntick 1\nafter\ntick 2\n');
  });
});
