import { describe, expect, test } from 'vitest';
import { runCommands, simulate } from '../index';
import type { K8sObject } from '../types';

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

const ds = (tolerations = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
${tolerations}      containers:
      - name: agent
        image: busybox:1.28
        command: ["sleep", "3600"]
`;

const sts = (replicas = 3, policy = '') => `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
${policy}  selector:
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
        readinessProbe:
          httpGet:
            path: /
            port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
`;

const userPods = (r: { trace: unknown }) => finalObjects(r.trace as never, 'Pod').filter((p) => p.metadata.namespace === 'default');

describe('DaemonSet controller', () => {
  test('one pod per worker: the masters\' control-plane taint keeps them off', () => {
    const r = simulate(ds(), { untilMs: 10_000 });
    const pods = userPods(r);
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['k8s-node01', 'k8s-node02']);
    const p = pods[0];
    expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect(p.metadata.labels['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }]);
    expect(p.spec.tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    const [d] = finalObjects(r.trace as never, 'DaemonSet').filter((x) => x.metadata.namespace === 'default');
    expect(d.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0 });
  });

  test('tolerating the control-plane taint runs on all five nodes', () => {
    const r = simulate(ds('      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n'), { untilMs: 10_000 });
    expect(userPods(r).map((p) => p.spec.nodeName).sort()).toEqual(['k8s-master01', 'k8s-master02', 'k8s-master03', 'k8s-node01', 'k8s-node02']);
  });

  test('kubectl get ds, and a rolling update one node at a time', () => {
    const out = runCommands(ds(), [
      { atMs: 10_000, line: 'kubectl get ds' },
      { atMs: 10_000, line: 'kubectl set image ds/agent agent=busybox:1.36' },
      { atMs: 20_000, line: 'kubectl get ds' },
      { atMs: 120_000, line: 'kubectl get ds -o wide' },
    ]);
    expect(out[0].stdout).toBe('NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nagent   2         2         2       2            2           <none>          10s\n');
    // the first old pod is stopping (sleep ignores SIGTERM: 30 s), the other node still serves
    expect(out[2].stdout).toBe('NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nagent   2         1         1       0            1           <none>          20s\n');
    expect(out[3].stdout).toBe('NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES         SELECTOR\nagent   2         2         2       2            2           <none>          2m    agent        busybox:1.36   app=agent\n');
  });

  test('a DaemonSet whose selector does not match its template is rejected', () => {
    const r = simulate(ds().replace('      labels:\n        app: agent', '      labels:\n        app: other'));
    expect(r.accepted).toBe(false);
    expect(r.rejection).toContain('The DaemonSet "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
  });
});

describe('StatefulSet controller', () => {
  test('OrderedReady: web-0, web-1, web-2 each after the previous is Ready, with stable hostnames', () => {
    const r = simulate(sts(), { untilMs: 30_000 });
    const pods = userPods(r).filter((p) => p.metadata.name !== 'client');
    expect(pods.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    const created = pods.map((p) => p.metadata.creationTimestamp ?? '');
    expect(created[0] < created[2]).toBe(true);
    const events = finalObjects(r.trace as never, 'Event').filter((e) => e.involvedObject.kind === 'StatefulSet');
    expect(events.map((e) => `${e.reason} ${e.message} ${e.source?.component}`)).toEqual([0, 1, 2].map((i) => `SuccessfulCreate create Pod web-${i} in StatefulSet web successful statefulset-controller`));
    // each next pod only after the previous one became Ready
    const readyAt = (name: string) => {
      for (const rev of (r.trace as never as { revisions: Array<{ t: number; object: K8sObject }> }).revisions) {
        if (rev.object.kind === 'Pod' && rev.object.metadata.name === name && (rev.object.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')) return rev.t;
      }
      return Infinity;
    };
    const createdAt = (name: string) => (r.trace as never as { revisions: Array<{ t: number; type: string; object: K8sObject }> }).revisions.find((x) => x.type === 'ADDED' && x.object.kind === 'Pod' && x.object.metadata.name === name)?.t ?? -1;
    expect(createdAt('web-1')).toBeGreaterThanOrEqual(readyAt('web-0'));
    expect(createdAt('web-2')).toBeGreaterThanOrEqual(readyAt('web-1'));
    expect(pods[1].spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pods[1].metadata.labels).toMatchObject({ app: 'web', 'apps.kubernetes.io/pod-index': '1', 'statefulset.kubernetes.io/pod-name': 'web-1' });
  });

  test('kubectl get sts, the pods\' DNS names, and scale-down from the highest ordinal', () => {
    const out = runCommands(sts(), [
      { atMs: 30_000, line: 'kubectl get sts' },
      { atMs: 30_000, line: 'kubectl exec client -- nslookup web-1.nginx.default.svc.cluster.local' },
      { atMs: 30_000, line: 'kubectl get pod web-1 -o jsonpath={.status.podIP}' },
      { atMs: 31_000, line: 'kubectl scale sts web --replicas=1' },
      { atMs: 60_000, line: 'kubectl get pods -l app=web' },
    ]);
    expect(out[0].stdout).toBe('NAME   READY   AGE\nweb    3/3     30s\n');
    expect(out[1].stdout).toContain('Name:      web-1.nginx.default.svc.cluster.local\n');
    expect(out[1].stdout).toContain(`Address 1: ${out[2].stdout}`);
    expect(out[4].stdout).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1\/1     Running   0          60s\n$/);
  });

  test('Parallel creates all ordinals at once', () => {
    const r = simulate(sts(3, '  podManagementPolicy: Parallel\n'), { untilMs: 1_000 });
    const pods = userPods(r).filter((p) => p.metadata.name !== 'client');
    expect(pods.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  test('apps/v1beta1 is not served by v1.30', () => {
    const r = simulate(sts().replace('apiVersion: apps/v1\nkind: StatefulSet', 'apiVersion: apps/v1beta1\nkind: StatefulSet'));
    expect(r.rejection).toContain('no matches for kind "StatefulSet" in version "apps/v1beta1"');
  });

  test('kubectl describe sts: replicas, strategy, pod statuses, events', () => {
    const [out] = runCommands(sts(2), [{ atMs: 30_000, line: 'kubectl describe sts web' }]);
    expect(out.stdout.split('\n').slice(0, 10)).toEqual([
      'Name:               web',
      'Namespace:          default',
      'CreationTimestamp:  Thu, 08 Dec 2022 19:35:00 +0800',
      'Selector:           app=web',
      'Labels:             <none>',
      'Annotations:        <none>',
      'Replicas:           2 desired | 2 total',
      'Update Strategy:    RollingUpdate',
      '  Partition:        0',
      'Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    ]);
    expect(out.stdout).toContain('Volume Claims:     <none>\n');
    expect(out.stdout).toMatch(/Normal {2}SuccessfulCreate {2}\d+s +statefulset-controller {2}create Pod web-1 in StatefulSet web successful\n$/);
  });
});

describe('DaemonSet describe and removed API versions', () => {
  test('kubectl describe ds: the node counts and pod statuses', () => {
    const [out] = runCommands(ds(), [{ atMs: 30_000, line: 'kubectl describe ds agent' }]);
    expect(out.stdout.split('\n').slice(0, 12)).toEqual([
      'Name:           agent',
      'Selector:       app=agent',
      'Node-Selector:  <none>',
      'Labels:         <none>',
      'Annotations:    <none>',
      'Desired Number of Nodes Scheduled: 2',
      'Current Number of Nodes Scheduled: 2',
      'Number of Nodes Scheduled with Up-to-date Pods: 2',
      'Number of Nodes Scheduled with Available Pods: 2',
      'Number of Nodes Misscheduled: 0',
      'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
    ]);
  });

  test('extensions/v1beta1 DaemonSets and batch/v1beta1 CronJobs are not served by v1.30', () => {
    const r1 = simulate(ds().replace('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1'));
    expect(r1.rejection).toContain('no matches for kind "DaemonSet" in version "extensions/v1beta1"');
    const r2 = simulate('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n');
    expect(r2.rejection).toContain('no matches for kind "CronJob" in version "batch/v1beta1"');
  });

  test('kubectl rollout status ds and sts wait with the status viewers\' words', () => {
    const [d] = runCommands(ds(), [{ atMs: 1_000, line: 'kubectl rollout status ds/agent' }]);
    expect(d.stdout).toBe('Waiting for daemon set "agent" rollout to finish: 0 of 2 updated pods are available...\ndaemon set "agent" successfully rolled out\n');
    const [s] = runCommands(sts(), [{ atMs: 1_000, line: 'kubectl rollout status sts/web' }]);
    expect(s.stdout).toBe('Waiting for 3 pods to be ready...\nWaiting for 2 pods to be ready...\nWaiting for 1 pods to be ready...\npartitioned roll out complete: 3 new pods have been updated...\n');
  });

  test('Parallel StatefulSets create at most 500 pods per sync', () => {
    const r = simulate(sts(1200, '  podManagementPolicy: Parallel\n'), { untilMs: 30 });
    expect(userPods(r).filter((p) => p.metadata.name !== 'client')).toHaveLength(500);
    const r2 = simulate(sts(1200, '  podManagementPolicy: Parallel\n'), { untilMs: 1_000 });
    expect(userPods(r2).filter((p) => p.metadata.name !== 'client')).toHaveLength(1200);
  });
});
