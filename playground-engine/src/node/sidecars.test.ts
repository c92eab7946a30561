/**
 * Native sidecars (init containers with `restartPolicy: Always`, SidecarContainers on by default
 * since v1.29): computeInitContainerActions starts the next container once a sidecar is started
 * (its startup probe passed), keeps it running (restarts with back-off, probes), kills sidecars
 * when the app containers are done with a pod restartPolicy other than Always, and the
 * termination ordering stops them after the app containers, in reverse order.
 */
import { describe, expect, it } from 'vitest';
import { componentLogAt, runCommands, simulate } from '../index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DOCS = `apiVersion: v1
kind: Pod
metadata:
  name: myapp
  labels: {app: myapp}
spec:
  initContainers:
  - name: logshipper
    image: busybox:1.28
    restartPolicy: Always
    command: ['sh', '-c', 'sleep 5; touch /tmp/started; while true; do sleep 1; done']
    startupProbe:
      exec:
        command: ['cat', '/tmp/started']
      periodSeconds: 2
      failureThreshold: 10
  containers:
  - name: myapp
    image: nginx:1.23
`;

describe('a sidecar with a startup probe', () => {
  const [early, earlyJson, later, json] = runCommands(DOCS, [
    { atMs: 6_000, line: 'kubectl get pod myapp' },
    { atMs: 6_000, line: 'kubectl get pod myapp -o json' },
    { atMs: 30_000, line: 'kubectl get pod myapp' },
    { atMs: 30_000, line: 'kubectl get pod myapp -o json' },
  ]);
  it('holds the app container back until the startup probe passes', () => {
    expect(early.stdout.split('\n')[1]).toMatch(/^myapp\s+0\/2\s+Init:0\/1\s+0\s+6s$/);
    const st = JSON.parse(earlyJson.stdout).status;
    expect(st.initContainerStatuses[0]).toMatchObject({ name: 'logshipper', started: false, ready: false });
    expect(st.initContainerStatuses[0].state.running).toBeDefined();
    expect(st.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(st.conditions.find((c: Json) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [logshipper]' });
  });
  it('then both run and READY counts the sidecar', () => {
    expect(later.stdout.split('\n')[1]).toMatch(/^myapp\s+2\/2\s+Running\s+0\s+30s$/);
    const st = JSON.parse(json.stdout).status;
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses[0]).toMatchObject({ started: true, ready: true, restartCount: 0 });
    expect(st.containerStatuses[0]).toMatchObject({ started: true, ready: true });
    for (const t of ['Initialized', 'Ready', 'ContainersReady']) expect(st.conditions.find((c: Json) => c.type === t).status).toBe('True');
    // the app started after the sidecar's startup probe succeeded (probes at 1.1 s + 2 s steps; the file appears at 6.1 s)
    expect(Date.parse(st.containerStatuses[0].state.running.startedAt)).toBeGreaterThanOrEqual(Date.parse(st.initContainerStatuses[0].state.running.startedAt) + 7_000);
  });
});

const FLAKY = `apiVersion: v1
kind: Pod
metadata:
  name: flaky
spec:
  initContainers:
  - name: agent
    image: busybox:1.28
    restartPolicy: Always
    command: ['sh', '-c', 'sleep 3; exit 1']
  containers:
  - name: app
    image: nginx:1.23
`;

describe('a sidecar that exits', () => {
  const [json, events] = runCommands(FLAKY, [
    { atMs: 60_000, line: 'kubectl get pod flaky -o json' },
    { atMs: 60_000, line: 'kubectl get events -o json' },
  ]);
  const st = JSON.parse(json.stdout).status;
  it('is restarted with the crash back-off while the app keeps running', () => {
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses[0].restartCount).toBeGreaterThanOrEqual(2);
    expect(st.containerStatuses[0]).toMatchObject({ restartCount: 0, ready: true });
    expect(st.containerStatuses[0].state.running).toBeDefined();
    const msgs = JSON.parse(events.stdout).items.map((e: Json) => `${e.reason}: ${e.message}`);
    expect(msgs.some((m: string) => /^BackOff: Back-off restarting failed container agent in pod flaky_default\(/.test(m))).toBe(true);
    // the back-off event points at the init container
    const backoff = JSON.parse(events.stdout).items.find((e: Json) => e.reason === 'BackOff');
    expect(backoff.involvedObject.fieldPath).toBe('spec.initContainers{agent}');
  });
});

const ORDER = `apiVersion: v1
kind: Pod
metadata:
  name: ordered
spec:
  terminationGracePeriodSeconds: 20
  initContainers:
  - name: first
    image: busybox:1.28
    restartPolicy: Always
    command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']
  - name: second
    image: busybox:1.28
    restartPolicy: Always
    command: ['sh', '-c', 'trap "sleep 2; exit 0" TERM; while true; do sleep 1; done']
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'trap "sleep 4; exit 0" TERM; while true; do sleep 1; done']
---
apiVersion: playground/v1
kind: Scenario
spec:
  duration: 40s
  steps:
  - at: 10s
    run: kubectl delete pod ordered --wait=false
`;

describe('termination with sidecars', () => {
  const r = simulate(ORDER);
  const log = componentLogAt(r.trace, 40_000).split('\n');
  const stopAt = (name: string) => log.findIndex((l) => l.includes('StopContainer') && l.endsWith(`default/ordered/${name}`));
  const exitT = (name: string) => Number(/^\s*([\d.]+)s/.exec(log.find((l) => l.includes(`container ordered/${name} exited`)) ?? '')?.[1]);
  it('stops the app first, then the sidecars in reverse order', () => {
    expect(stopAt('app')).toBeGreaterThanOrEqual(0);
    expect(stopAt('app')).toBeLessThan(stopAt('second'));
    expect(stopAt('second')).toBeLessThan(stopAt('first'));
    expect(exitT('app')).toBeLessThanOrEqual(exitT('second'));
    expect(exitT('second')).toBeLessThanOrEqual(exitT('first'));
  });
  it('the kubelet forgets the pod once it is gone (no second SyncLoop ADD)', () => {
    expect(log.filter((l) => l.includes('SyncLoop ADD: pod default/ordered'))).toHaveLength(1);
    expect(log.filter((l) => l.includes('pod default/ordered terminated; sandbox removed'))).toHaveLength(1);
  });
  it('the waiting sidecars get what is left of the grace period', () => {
    expect(log.some((l) => /Killing container with a grace period pod="default\/ordered" containerName="app" gracePeriod=20$/.test(l))).toBe(true);
    expect(log.some((l) => /containerName="second" gracePeriod=1[0-9]$/.test(l))).toBe(true);
  });
});

const JOBLIKE = `apiVersion: v1
kind: Pod
metadata:
  name: job-like
spec:
  restartPolicy: Never
  initContainers:
  - name: logger
    image: busybox:1.28
    restartPolicy: Always
    command: ['sh', '-c', 'while true; do sleep 1; done']
  containers:
  - name: work
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 5; echo done']
`;

describe('a sidecar does not keep a finished pod alive', () => {
  const [get, json, events] = runCommands(JOBLIKE, [
    { atMs: 60_000, line: 'kubectl get pod job-like' },
    { atMs: 60_000, line: 'kubectl get pod job-like -o json' },
    { atMs: 60_000, line: 'kubectl get events -o json' },
  ]);
  it('kills the sidecar once the app container is done, and the pod Succeeds', () => {
    expect(get.stdout.split('\n')[1]).toMatch(/^job-like\s+0\/2\s+Completed\s+0\s+60s$/);
    const st = JSON.parse(json.stdout).status;
    expect(st.phase).toBe('Succeeded');
    expect(st.initContainerStatuses[0].state.terminated).toBeDefined();
    const killing = JSON.parse(events.stdout).items.filter((e: Json) => e.reason === 'Killing');
    expect(killing.map((e: Json) => e.message)).toEqual(['Stopping container logger']);
  });
});

// The sidecar example of the Kubernetes docs (concepts/workloads/pods/sidecar-containers).
const DOCS_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  replicas: 1
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
        - name: myapp
          image: alpine:latest
          command: ['sh', '-c', 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      volumes:
        - name: data
          emptyDir: {}
`;

describe('the docs\' sidecar Deployment', () => {
  const [get, logs] = runCommands(DOCS_DEPLOYMENT, [
    { atMs: 30_000, line: 'kubectl get pods' },
    { atMs: 30_000, line: 'kubectl logs deploy/myapp -c logshipper --tail 2' },
  ]);
  it('runs both containers, the sidecar shipping what the app writes to the shared emptyDir', () => {
    expect(get.stdout.split('\n')[1]).toMatch(/^myapp-[a-z0-9]+-[a-z0-9]{5}\s+2\/2\s+Running\s+0\s+30s$/);
    expect(logs.stdout).toBe('logging\nlogging\n');
  });
});
