/**
 * resources.limits.memory end to end: a shell that keeps doubling a variable passes the
 * container's memory cgroup limit, the OOM killer SIGKILLs it (exit 137, reason OOMKilled),
 * the kubelet restarts it with the crash back-off, and kubectl shows it as the real cluster does.
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STRESS = `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
spec:
  containers:
  - name: stress
    image: busybox:1.28
    command: ['sh', '-c', 'x=a; while true; do x="$x$x"; done']
    resources:
      requests: {memory: 50Mi}
      limits: {memory: 100Mi}
`;

describe('a process past its memory limit', () => {
  const [first, json, later, describePod, events] = runCommands(STRESS, [
    { atMs: 2_000, line: 'kubectl get pod memory-demo' },
    { atMs: 60_000, line: 'kubectl get pod memory-demo -o json' },
    { atMs: 60_000, line: 'kubectl get pod memory-demo' },
    { atMs: 60_000, line: 'kubectl describe pod memory-demo' },
    { atMs: 60_000, line: 'kubectl get events -o json' },
  ]);
  it('is OOM-killed: STATUS OOMKilled, then CrashLoopBackOff', () => {
    expect(first.stdout.split('\n')[1]).toMatch(/^memory-demo\s+0\/1\s+OOMKilled\s+0\s+2s$/);
    expect(later.stdout.split('\n')[1]).toMatch(/^memory-demo\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\d+s ago\)\s+60s$/);
  });
  it('the status keeps the OOM kill as the last state, and the pod is Burstable', () => {
    const st = JSON.parse(json.stdout).status;
    const cs = st.containerStatuses[0];
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(cs.restartCount).toBeGreaterThanOrEqual(3);
    expect(st.qosClass).toBe('Burstable');
  });
  it('describe shows the reason and the limits', () => {
    expect(describePod.stdout).toMatch(/    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n/);
    expect(describePod.stdout).toMatch(/    Limits:\n      memory:  100Mi\n    Requests:\n      memory:     50Mi\n/);
    const reasons = JSON.parse(events.stdout).items.map((e: Json) => e.reason);
    expect(reasons).toContain('BackOff');
  });
});
