/**
 * Hand-built objects in the shapes the API server stores, for the kubectl tests: pods in each
 * interesting state, the notes' kube-system services, endpoints, leases, nodes, events.
 */
import type { K8sObject } from '../../types';
import { ago } from './fake-host';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface PodOpts {
  ns?: string;
  node?: string;
  ip?: string;
  age: number;
  labels?: Record<string, string>;
  image?: string;
  container?: string;
  restartPolicy?: string;
  ports?: number[];
  uid?: string;
}

/** A scheduled pod with one container; the status is filled in by the state helpers. */
export function pod(name: string, now: number, o: PodOpts): Any {
  const container = o.container ?? name;
  const c: Any = { name: container, image: o.image ?? 'nginx:1.23', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] };
  if (o.ports) c.ports = o.ports.map((p) => ({ containerPort: p, protocol: 'TCP' }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.ns ?? 'default', uid: o.uid ?? `uid-${name}`, creationTimestamp: ago(now, o.age), labels: o.labels ?? { run: name }, resourceVersion: '1000' },
    spec: {
      containers: [c],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: o.node ?? 'k8s-node01',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: o.restartPolicy ?? 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: 'kube-api-access-abcde',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    },
    status: { phase: 'Pending', qosClass: 'BestEffort', hostIP: '192.168.200.64', podIP: o.ip, podIPs: o.ip ? [{ ip: o.ip }] : undefined, startTime: ago(now, o.age) },
  };
}

function conditions(now: number, age: number, ready: boolean): Any[] {
  const t = ago(now, age);
  return [
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: t },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t },
    { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t, ...(ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [nginx]` }) },
    { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t, ...(ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [nginx]` }) },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t },
  ];
}

export function running(p: Any, now: number, opts: { restarts?: number; lastExitAgo?: number } = {}): Any {
  const c = p.spec.containers[0];
  p.status.phase = 'Running';
  p.status.conditions = conditions(now, 0, true);
  const cs: Any = {
    name: c.name,
    image: c.image,
    imageID: `docker.io/library/${c.image}@sha256:aa0afebbb3cfa473099a62c4b32e9b3fb73ed23f2a75a65ce1d4b4f55a5c2ef2`,
    containerID: 'containerd://5a8d2c6ef6c3c3a8c7b1e7b0b5b4f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b',
    ready: true,
    started: true,
    restartCount: opts.restarts ?? 0,
    state: { running: { startedAt: ago(now, 60) } },
  };
  if (opts.restarts) cs.lastState = { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(now, (opts.lastExitAgo ?? 40) + 10), finishedAt: ago(now, opts.lastExitAgo ?? 40), containerID: 'containerd://0123' } };
  p.status.containerStatuses = [cs];
  return p;
}

export function containerCreating(p: Any, now: number): Any {
  const c = p.spec.containers[0];
  p.status.phase = 'Pending';
  p.status.conditions = conditions(now, 0, false);
  p.status.containerStatuses = [{ name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }];
  return p;
}

export function crashLoop(p: Any, now: number, restarts: number, lastExitAgo: number): Any {
  const c = p.spec.containers[0];
  p.status.phase = 'Running';
  p.status.conditions = conditions(now, lastExitAgo, false);
  p.status.containerStatuses = [
    {
      name: c.name,
      image: c.image,
      imageID: `docker.io/library/${c.image}@sha256:aa0a`,
      containerID: 'containerd://77aa',
      ready: false,
      started: false,
      restartCount: restarts,
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=${c.name} pod=${p.metadata.name}_default(${p.metadata.uid})` } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(now, lastExitAgo + 10), finishedAt: ago(now, lastExitAgo), containerID: 'containerd://77aa' } },
    },
  ];
  return p;
}

/** The container just exited 0 (between two restarts of a CrashLoop, or for good). */
export function completed(p: Any, now: number, restarts: number, lastExitAgo: number): Any {
  crashLoop(p, now, restarts, lastExitAgo);
  const cs = p.status.containerStatuses[0];
  cs.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(now, 11), finishedAt: ago(now, 1), containerID: 'containerd://88bb' } };
  if (restarts === 0) delete cs.lastState;
  return p;
}

export function imagePull(p: Any, now: number, reason: 'ErrImagePull' | 'ImagePullBackOff'): Any {
  containerCreating(p, now);
  const cs = p.status.containerStatuses[0];
  cs.state = {
    waiting: {
      reason,
      message: reason === 'ErrImagePull' ? `failed to pull and unpack image "docker.io/library/${cs.image}:latest": failed to resolve reference` : `Back-off pulling image "${cs.image}"`,
    },
  };
  return p;
}

export function withInit(p: Any, now: number): Any {
  p.spec.initContainers = [{ name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', 'until nslookup myservice; do echo waiting; sleep 2; done'], resources: {} }];
  p.status.phase = 'Pending';
  p.status.conditions = conditions(now, 0, false).map((c: Any) => (c.type === 'Initialized' ? { ...c, status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-myservice]' } : c));
  p.status.initContainerStatuses = [{ name: 'init-myservice', image: 'busybox:1.28', imageID: 'docker.io/library/busybox@sha256:1', ready: false, started: true, restartCount: 0, state: { running: { startedAt: ago(now, 5) } } }];
  p.status.containerStatuses = [{ name: p.spec.containers[0].name, image: p.spec.containers[0].image, imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }];
  return p;
}

export function terminating(p: Any, now: number, graceSeconds: number): Any {
  running(p, now);
  p.metadata.deletionTimestamp = ago(now, -graceSeconds);
  p.metadata.deletionGracePeriodSeconds = graceSeconds;
  return p;
}

export function service(name: string, ns: string, now: number, ageS: number, clusterIP: string, ports: Array<{ port: number; protocol?: string; name?: string; targetPort?: number | string }>, selector?: Record<string, string>, labels?: Record<string, string>): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, uid: `uid-svc-${name}`, creationTimestamp: ago(now, ageS), labels },
    spec: {
      clusterIP,
      clusterIPs: [clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port })),
      selector,
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

export function endpoints(name: string, ns: string, now: number, ageS: number, ips: string[], ports: Array<{ port: number; name?: string; protocol?: string }>): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: ns, creationTimestamp: ago(now, ageS) },
    subsets: ips.length === 0 ? undefined : [{ addresses: ips.map((ip) => ({ ip })), ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol ?? 'TCP' })) }],
  };
}

export function lease(name: string, ns: string, now: number, ageS: number, holder: string): K8sObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: ns, creationTimestamp: ago(now, ageS) },
    spec: { holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: ago(now, 100), renewTime: ago(now, 1), leaseTransitions: 1 },
  };
}

export function node(name: string, now: number, ageS: number, ip: string, controlPlane: boolean): K8sObject {
  const labels: Record<string, string> = { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' };
  if (controlPlane) labels['node-role.kubernetes.io/control-plane'] = '';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-node-${name}`, creationTimestamp: ago(now, ageS), labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } },
    spec: controlPlane ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {},
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      allocatable: { cpu: '2', 'ephemeral-storage': '37986383613', 'hugepages-2Mi': '0', memory: '3922260Ki', pods: '110' },
      capacity: { cpu: '2', 'ephemeral-storage': '41217484Ki', 'hugepages-2Mi': '0', memory: '4024660Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(now, 10), lastTransitionTime: ago(now, ageS), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: ago(now, 10), lastTransitionTime: ago(now, ageS), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: ago(now, 10), lastTransitionTime: ago(now, ageS), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: ago(now, 10), lastTransitionTime: ago(now, ageS), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: 'b1',
        containerRuntimeVersion: 'containerd://1.7.13',
        kernelVersion: '4.19.12-1.el7.elrepo.x86_64',
        kubeProxyVersion: 'v1.30.2',
        kubeletVersion: 'v1.30.2',
        machineID: 'm1',
        operatingSystem: 'linux',
        osImage: 'CentOS Linux 7 (Core)',
        systemUUID: 's1',
      },
    },
  };
}

/** A core/v1 Event as the kubelet or scheduler records it. */
export function event(now: number, o: { ns?: string; pod: string; uid?: string; type?: string; reason: string; message: string; from: string; firstAgo: number; lastAgo: number; count?: number; fieldPath?: string; seq?: number }): K8sObject {
  const ns = o.ns ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${o.pod}.17${String(o.seq ?? 0).padStart(2, '0')}abc`, namespace: ns, creationTimestamp: ago(now, o.firstAgo) },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: o.pod, namespace: ns, uid: o.uid ?? `uid-${o.pod}`, ...(o.fieldPath ? { fieldPath: o.fieldPath } : {}) },
    reason: o.reason,
    message: o.message,
    source: o.from === 'default-scheduler' ? {} : { component: o.from, host: 'k8s-node02' },
    reportingComponent: o.from,
    reportingInstance: o.from === 'default-scheduler' ? 'default-scheduler-k8s-master01' : 'k8s-node02',
    firstTimestamp: o.from === 'default-scheduler' ? null : ago(now, o.firstAgo),
    lastTimestamp: o.from === 'default-scheduler' ? null : ago(now, o.lastAgo),
    eventTime: o.from === 'default-scheduler' ? `${ago(now, o.firstAgo).slice(0, -1)}.000000Z` : null,
    count: o.count ?? 1,
    type: o.type ?? 'Normal',
  };
}
