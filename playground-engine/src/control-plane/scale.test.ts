import { describe, expect, test } from 'vitest';
import { simulate } from '../index';
import type { K8sObject } from '../types';

/** The state of every object at the end of a run, rebuilt from the trace's revisions. */
function finalObjects(trace: { revisions: Array<{ type: string; object: K8sObject }> }, kind: string): K8sObject[] {
  const last = new Map<string, K8sObject>();
  for (const r of trace.revisions) {
    if (r.object.kind !== kind) continue;
    const key = `${r.object.metadata.namespace}/${r.object.metadata.name}`;
    if (r.type === 'DELETED') last.delete(key);
    else last.set(key, r.object);
  }
  return [...last.values()];
}

const count = <T,>(xs: T[], f: (x: T) => string | undefined) => {
  const m: Record<string, number> = {};
  for (const x of xs) {
    const k = f(x) ?? '-';
    m[k] = (m[k] ?? 0) + 1;
  }
  return m;
};

describe('scale: a Deployment of 10,000 replicas', () => {
  const dep = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 10000
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.23
`;
  const r = simulate(dep, { untilMs: 30_000 });
  const pods = finalObjects(r.trace as never, 'Pod').filter((p) => p.metadata.namespace === 'default');
  const events = finalObjects(r.trace as never, 'Event');

  test('the ReplicaSet creates all 10,000 pods (at most 500 per sync)', () => {
    expect(r.trace.capped).toBeFalsy();
    expect(pods).toHaveLength(10_000);
    const rs = finalObjects(r.trace as never, 'ReplicaSet').filter((x) => x.metadata.namespace === 'default');
    expect(rs).toHaveLength(1);
    expect(rs[0].status?.replicas).toBe(10_000);
    expect(events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message)).toEqual([`Scaled up replica set ${rs[0].metadata.name} to 10000 from 0`]);
  });

  test('the two workers fill up to 110 pods each (3 system pods already there: calico-node and two add-ons; kube-proxy is a host service); the rest stay Pending', () => {
    expect(count(pods, (p) => p.spec?.nodeName)).toEqual({ 'k8s-node01': 107, 'k8s-node02': 107, '-': 9786 });
    expect(count(pods, (p) => p.status?.phase)).toEqual({ Running: 214, Pending: 9786 });
  });

  test('events: Scheduled for the bound pods, FailedScheduling with the scheduler\'s message for the others, SuccessfulCreate aggregated by the recorder', () => {
    const byReason = count(events, (e) => e.reason);
    expect(byReason.Scheduled).toBe(214);
    expect(byReason.Started).toBe(214);
    expect(byReason.FailedScheduling).toBe(9786);
    const failed = events.find((e) => e.reason === 'FailedScheduling');
    expect(failed?.message).toBe('0/5 nodes are available: 2 Too many pods, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.');
    const creates = events.filter((e) => e.reason === 'SuccessfulCreate');
    expect(creates.length).toBeLessThanOrEqual(10);
    expect(creates.some((e) => String(e.message).startsWith('(combined from similar events): Created pod: '))).toBe(true);
  });
}, 120_000);

describe('scale: a file of 500 pods', () => {
  const text = Array.from({ length: 500 }, (_, i) => `apiVersion: v1
kind: Pod
metadata:
  name: p-${i}
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
`).join('---\n');
  const r = simulate(text, { untilMs: 20_000 });

  test('every document is read and creates its pod', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pods = finalObjects(r.trace as never, 'Pod').filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(500);
    expect(count(pods, (p) => p.status?.phase)).toEqual({ Running: 214, Pending: 286 });
  });
}, 120_000);
