/**
 * The objects the notes' cluster already holds when a scenario starts (t = 0): namespaces, the
 * five nodes, the kube-system and kubernetes-dashboard pods, their Services with Endpoints and
 * EndpointSlices (computed by the controllers' own functions), and the Leases.
 *
 * From the notes: pod names `metrics-server-6c48d8f6d6-8m5qg` and
 * `dashboard-metrics-scraper-5b997cd56f-zfb6l` with their IPs, restarts (`5 (23h ago)`,
 * `2 (9h ago)`), the Service IPs, the lease holders `k8s-master02_19bdfcd2-…` (controller-manager)
 * and `k8s-master01_ed4a5ac2-…` (scheduler), ages 32h/33h. Everything else (other pod names,
 * UIDs, IDs, the dashboard ClusterIPs) comes from the Prng. Chosen: kubeadm-style static
 * control-plane pods with images from the notes' mirror registry, Calico v3.27, CoreDNS v1.11.1.
 * The add-on pods' owners (Deployments with their ReplicaSets, the calico-node DaemonSet) exist
 * with the specs of the add-ons' manifests and the status their controllers keep; the pods are
 * their templates plus what admission, the scheduler and the DaemonSet controller add.
 */
import type { K8sObject, VirtualMs } from '../types';
import type { Prng } from '../sim/prng';
import { rfc3339 } from '../sim/time';
import {
  CLUSTER_DNS_IP, CONTAINERD_VERSION, KERNEL_VERSION, KUBERNETES_SERVICE_IP, KUBERNETES_VERSION, NODES, OS_IMAGE,
  tunnelIp, type ClusterNode,
} from './cluster';
import { defaultIpam, systemPodIp, type CalicoIpam } from './ipam';
import { ClusterIpAllocator } from './service-ip';
import { makeService, type ServiceSpec } from './objects';
import { syncEndpoints } from '../control-plane/endpoints';
import { reconcileEndpointSlices } from '../control-plane/endpoints-slices';
import { base32, sha256, utf8 } from './hash';
import { leaseWithRecord, microTime } from '../control-plane/leader-election';
import { rootCaConfigMap } from './cluster-ca';
import { podTemplateHash } from '../control-plane/workloads';
import { daemonPodTolerations } from '../control-plane/sets';
import { defaultDeployment } from '../api/defaults';
import { defaultDaemonSet } from '../api/apps-defaults';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const H = 3_600_000;
const M = 60_000;
/** kubeadm init on k8s-master01: 33h05m before t = 0 (AGE 33h, as kube-dns in the notes). */
export const CLUSTER_INIT_MS: VirtualMs = -(33 * H + 5 * M);
/** Add-ons (Calico, metrics-server, dashboard) installed 32h30m before t = 0 (AGE 32h). */
export const ADDONS_MS: VirtualMs = -(32 * H + 30 * M);
/** The leader-election Leases: AGE 32h in the notes (newer than kube-dns, 33h). */
export const LEASES_MS: VirtualMs = -(32 * H + 45 * M);
const REGISTRY = 'registry.cn-hangzhou.aliyuncs.com/google_containers';

/** The lease holders the notes show (`kubectl get leases -n kube-system`). */
export const NOTES_LEASE_HOLDERS = {
  'kube-controller-manager': 'k8s-master02_19bdfcd2-9dcb-4bd3-9f6e-7dafc7b9da7d',
  'kube-scheduler': 'k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc',
};

export interface SystemObjects {
  namespaces: K8sObject[];
  nodes: K8sObject[];
  pods: K8sObject[];
  services: K8sObject[];
  endpoints: K8sObject[];
  endpointSlices: K8sObject[];
  leases: K8sObject[];
  /** The add-ons' Deployments, their ReplicaSets and the calico-node DaemonSet. */
  workloads: K8sObject[];
  /** The IPAM with the system pods' addresses held (continue allocating from it). */
  ipam: CalicoIpam;
  /** The ClusterIP allocator with the system Services' addresses taken. */
  clusterIps: ClusterIpAllocator;
  /** Process identities of the leader-election candidates per lease and host. */
  electionIdentities: Record<string, Record<string, string>>;
  /** Everything, in creation order. */
  all(): K8sObject[];
}

interface PodDef {
  namespace: string;
  name: string;
  node: ClusterNode;
  hostNetwork: boolean;
  /** IPAM handle for pod-network pods. */
  handle?: string;
  labels: Record<string, string>;
  owner?: { kind: string; name: string; uid: string };
  containers: Json[];
  createdAt: VirtualMs;
  priorityClassName?: string;
  restarts?: { count: number; lastAt: VirtualMs };
  qosClass: string;
  serviceAccountName?: string;
  tolerateAll?: boolean;
  /** The pod template's tolerations and nodeSelector (from the add-on's manifest). */
  tolerations?: Json[];
  nodeSelector?: Record<string, string>;
  terminationGracePeriodSeconds?: number;
  /** Built (its names and ids drawn, so the other objects keep theirs) but not in the cluster. */
  absent?: boolean;
  /** The pod's own annotations, volumes and security context (kubeadm's static pods). */
  annotations?: Record<string, string>;
  volumes?: Json[];
  securityContext?: Json;
}

/** The owning workload of a group of system pods, as its add-on manifest declares it. */
interface WorkloadDef {
  kind: 'Deployment' | 'DaemonSet';
  namespace: string;
  name: string;
  /** The ReplicaSet (Deployment) or the DaemonSet itself: the pods' controller reference. */
  owner: { kind: string; name: string; uid: string };
  replicas?: number;
  strategy?: Json;
  revisionHistoryLimit?: number;
}

/** maxSurge as the Deployment controller scales it (a percentage rounds up). */
function scaledUp(v: unknown, total: number): number {
  const m = /^(\d+)%$/.exec(String(v));
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

function container(name: string, image: string, ports: Json[] = [], extra: Json = {}): Json {
  return { name, image, imagePullPolicy: 'IfNotPresent', ports, resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...extra };
}

function port(name: string, containerPort: number, protocol = 'TCP'): Json {
  return { name, containerPort, protocol };
}

export function defaultSystemObjects(prng: Prng, opts: { nodes?: readonly ClusterNode[] } = {}): SystemObjects {
  const nodes = opts.nodes ?? NODES;
  // Every simulation draws the same objects (its PRNG fork has the same seed): they are built
  // once per process, deep-frozen and shared (the store keeps frozen objects too; nothing
  // changes them in place). The mutable parts (IPAM, ClusterIP allocator) are made afresh and
  // brought to the same state by replaying the allocations; `prng` is drawn from as the build does.
  const seed = prng.snapshot();
  const m = memo;
  if (m && m.seed === seed && m.nodes === nodes) {
    prng.fork('system-objects');
    const clusterIps = new ClusterIpAllocator(prng.fork('cluster-ip'));
    for (const ip of m.clusterIpOps) {
      if (ip === undefined) clusterIps.allocateNext();
      else clusterIps.allocate(ip);
    }
    return { ...m.objects, ipam: defaultIpam({ nodes }), clusterIps };
  }
  const clusterIpOps: Array<string | undefined> = [];
  const built = buildSystemObjects(prng, nodes, clusterIpOps);
  const { ipam, clusterIps, ...objects } = built;
  deepFreeze(objects);
  memo = { seed, nodes, objects, clusterIpOps };
  return built;
}

/** The last build of defaultSystemObjects (one entry: the engine always asks for the same). */
let memo: { seed: number; nodes: readonly ClusterNode[]; objects: Omit<SystemObjects, 'ipam' | 'clusterIps'>; clusterIpOps: Array<string | undefined> } | undefined;

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
}

/** The system objects, drawn from `prng`; the ClusterIP allocations are logged in `clusterIpOps` (undefined: allocateNext). */
function buildSystemObjects(prng: Prng, nodes: readonly ClusterNode[], clusterIpOps: Array<string | undefined>): SystemObjects {
  const ids = prng.fork('system-objects');
  const uid = () => ids.uuid();
  const ipam = defaultIpam({ nodes });
  const [m1, m2, m3] = nodes.filter((n) => n.role === 'control-plane');
  const workers = nodes.filter((n) => n.role === 'worker');
  const node01 = workers[0] ?? m1;
  const node02 = workers[1] ?? node01;
  const t = (ms: VirtualMs) => rfc3339(ms);

  // --- Namespaces ---
  const nsDefs: Array<[string, VirtualMs]> = [['default', CLUSTER_INIT_MS], ['kube-node-lease', CLUSTER_INIT_MS], ['kube-public', CLUSTER_INIT_MS], ['kube-system', CLUSTER_INIT_MS], ['kubernetes-dashboard', ADDONS_MS + 10 * M]];
  const namespaces = nsDefs.map(([name, at]) => ({
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name, uid: uid(), creationTimestamp: t(at), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
  }));

  // --- Nodes ---
  const nodeJoin = (n: ClusterNode, i: number) => CLUSTER_INIT_MS + (n.role === 'control-plane' ? i * 4 * M : 12 * M + i * M);
  const nodeObjs = nodes.map((n, i) => makeNode(n, i, nodeJoin(n, i), uid(), ids));

  // --- Pods ---
  const rsHash = () => ids.nameSuffix(10);
  const sfx = () => ids.nameSuffix(5);
  const podDefs: PodDef[] = [];
  const ctrl = (kind: string, name: string) => ({ kind, name, uid: uid() });

  const workloads: WorkloadDef[] = [];
  const linux = { 'kubernetes.io/os': 'linux' };
  const critical = { key: 'CriticalAddonsOnly', operator: 'Exists' };
  const noScheduleOn = (role: string) => ({ key: `node-role.kubernetes.io/${role}`, effect: 'NoSchedule' });

  // calico.yaml (v3.27): calico-kube-controllers is a Deployment with strategy Recreate
  const calicoKC = ctrl('ReplicaSet', `calico-kube-controllers-${rsHash()}`);
  workloads.push({ kind: 'Deployment', namespace: 'kube-system', name: 'calico-kube-controllers', owner: calicoKC, replicas: 1, strategy: { type: 'Recreate' } });
  podDefs.push({ namespace: 'kube-system', name: `${calicoKC.name}-${sfx()}`, node: m1, hostNetwork: false, handle: 'kube-system/calico-kube-controllers', labels: { 'k8s-app': 'calico-kube-controllers', 'pod-template-hash': calicoKC.name.split('-').pop() as string }, owner: calicoKC, containers: [container('calico-kube-controllers', 'docker.io/calico/kube-controllers:v3.27.3')], createdAt: ADDONS_MS, priorityClassName: 'system-cluster-critical', qosClass: 'BestEffort', serviceAccountName: 'calico-kube-controllers', nodeSelector: linux, tolerations: [critical, noScheduleOn('master'), noScheduleOn('control-plane')] });
  // calico.yaml: the calico-node DaemonSet (RollingUpdate, maxUnavailable 1) on every node
  const calicoDS = ctrl('DaemonSet', 'calico-node');
  workloads.push({ kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node', owner: calicoDS, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } });
  for (const n of nodes) podDefs.push({ namespace: 'kube-system', name: `calico-node-${sfx()}`, node: n, hostNetwork: true, labels: { 'k8s-app': 'calico-node' }, owner: calicoDS, containers: [container('calico-node', 'docker.io/calico/node:v3.27.3', [], { resources: { requests: { cpu: '250m' } } })], createdAt: ADDONS_MS, priorityClassName: 'system-node-critical', qosClass: 'Burstable', serviceAccountName: 'calico-node', nodeSelector: linux, tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, critical, { effect: 'NoExecute', operator: 'Exists' }], terminationGracePeriodSeconds: 0 });
  // calico-typha.yaml: revisionHistoryLimit 2, maxSurge 100% / maxUnavailable 1. unverified: recalled from the v3.27 manifest
  const typhaRS = ctrl('ReplicaSet', `calico-typha-${rsHash()}`);
  workloads.push({ kind: 'Deployment', namespace: 'kube-system', name: 'calico-typha', owner: typhaRS, replicas: 1, revisionHistoryLimit: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 1 } } });
  podDefs.push({ namespace: 'kube-system', name: `${typhaRS.name}-${sfx()}`, node: node02, hostNetwork: true, labels: { 'k8s-app': 'calico-typha', 'pod-template-hash': typhaRS.name.split('-').pop() as string }, owner: typhaRS, containers: [container('calico-typha', 'docker.io/calico/typha:v3.27.3', [port('calico-typha', 5473)])], createdAt: ADDONS_MS, priorityClassName: 'system-cluster-critical', qosClass: 'BestEffort', serviceAccountName: 'calico-node', nodeSelector: linux, tolerations: [critical, { effect: 'NoSchedule', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }], terminationGracePeriodSeconds: 300 });
  // kubeadm's CoreDNS Deployment: 2 replicas, maxUnavailable 1, the control-plane toleration
  const corednsRS = ctrl('ReplicaSet', `coredns-${rsHash()}`);
  workloads.push({ kind: 'Deployment', namespace: 'kube-system', name: 'coredns', owner: corednsRS, replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } });
  for (const h of ['kube-system/coredns-a', 'kube-system/coredns-b']) {
    podDefs.push({ namespace: 'kube-system', name: `${corednsRS.name}-${sfx()}`, node: m1, hostNetwork: false, handle: h, labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': corednsRS.name.split('-').pop() as string }, owner: corednsRS, containers: [container('coredns', `${REGISTRY}/coredns:v1.11.1`, [port('dns', 53, 'UDP'), port('dns-tcp', 53), port('metrics', 9153)], { args: ['-conf', '/etc/coredns/Corefile'], resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } } })], createdAt: CLUSTER_INIT_MS + 30_000, priorityClassName: 'system-cluster-critical', qosClass: 'Burstable', serviceAccountName: 'coredns', nodeSelector: linux, tolerations: [critical, noScheduleOn('control-plane')] });
  }
  const masters0 = [m1, m2, m3].filter(Boolean);
  for (const [i, m] of masters0.entries()) {
    const at = CLUSTER_INIT_MS + i * 4 * M;
    const staticPod = (component: string, image: string, requests: Json) => {
      const mirror = { kind: 'Node', name: m.name, uid: nodeObjs[nodes.indexOf(m)].metadata.uid ?? '' };
      const k = kubeadmPodParts(component, m);
      podDefs.push({ namespace: 'kube-system', name: `${component}-${m.name}`, node: m, hostNetwork: true, labels: { component, tier: 'control-plane' }, owner: mirror, containers: [container(component, image, [], { command: kubeadmCommand(component, m, masters0), ...k.probes, resources: { requests }, volumeMounts: k.mounts })], createdAt: at, priorityClassName: 'system-node-critical', qosClass: 'Burstable', tolerateAll: true, annotations: k.annotations, volumes: k.volumes, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } });
    };
    staticPod('etcd', `${REGISTRY}/etcd:3.5.12-0`, { cpu: '100m', memory: '100Mi' });
    staticPod('kube-apiserver', `${REGISTRY}/kube-apiserver:${KUBERNETES_VERSION}`, { cpu: '250m' });
    staticPod('kube-controller-manager', `${REGISTRY}/kube-controller-manager:${KUBERNETES_VERSION}`, { cpu: '200m' });
    staticPod('kube-scheduler', `${REGISTRY}/kube-scheduler:${KUBERNETES_VERSION}`, { cpu: '100m' });
  }
  // The notes' cluster is a binary install: kube-proxy runs as a systemd service on every host
  // (node/runtime/host.ts), so there is no kube-proxy DaemonSet nor its pods. Drawn as before
  // (the other objects keep their names and ids), then left out.
  const proxyDS = ctrl('DaemonSet', 'kube-proxy');
  for (const [i, n] of nodes.entries()) podDefs.push({ absent: true, namespace: 'kube-system', name: `kube-proxy-${sfx()}`, node: n, hostNetwork: true, labels: { 'k8s-app': 'kube-proxy', 'controller-revision-hash': '7d9c5b6f5c', 'pod-template-generation': '1' }, owner: proxyDS, containers: [container('kube-proxy', `${REGISTRY}/kube-proxy:${KUBERNETES_VERSION}`, [], { command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] })], createdAt: nodeJoin(n, i) + 20_000, priorityClassName: 'system-node-critical', qosClass: 'BestEffort', serviceAccountName: 'kube-proxy', tolerateAll: true });
  // metrics-server components.yaml (v0.7): maxUnavailable 0
  const msRS = { kind: 'ReplicaSet', name: 'metrics-server-6c48d8f6d6', uid: uid() };
  workloads.push({ kind: 'Deployment', namespace: 'kube-system', name: 'metrics-server', owner: msRS, replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } } });
  podDefs.push({ namespace: 'kube-system', name: 'metrics-server-6c48d8f6d6-8m5qg', node: node01, hostNetwork: false, handle: 'kube-system/metrics-server', labels: { 'k8s-app': 'metrics-server', 'pod-template-hash': '6c48d8f6d6' }, owner: msRS, containers: [container('metrics-server', 'docker.io/bitnami/metrics-server:0.7.1', [port('https', 4443)], { args: ['--cert-dir=/tmp', '--secure-port=4443', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s', '--kubelet-insecure-tls'], resources: { requests: { cpu: '100m', memory: '200Mi' } } })], createdAt: ADDONS_MS + 5 * M, priorityClassName: 'system-cluster-critical', restarts: { count: 5, lastAt: -23 * H }, qosClass: 'Burstable', serviceAccountName: 'metrics-server', nodeSelector: linux });
  // the dashboard's recommended.yaml (v2.7.0): both Deployments keep revisionHistoryLimit 10 and tolerate the master taint
  const scraperRS = { kind: 'ReplicaSet', name: 'dashboard-metrics-scraper-5b997cd56f', uid: uid() };
  workloads.push({ kind: 'Deployment', namespace: 'kubernetes-dashboard', name: 'dashboard-metrics-scraper', owner: scraperRS, replicas: 1, revisionHistoryLimit: 10 });
  podDefs.push({ namespace: 'kubernetes-dashboard', name: 'dashboard-metrics-scraper-5b997cd56f-zfb6l', node: node01, hostNetwork: false, handle: 'kubernetes-dashboard/dashboard-metrics-scraper', labels: { 'k8s-app': 'dashboard-metrics-scraper', 'pod-template-hash': '5b997cd56f' }, owner: scraperRS, containers: [container('dashboard-metrics-scraper', 'docker.io/kubernetesui/metrics-scraper:v1.0.8', [port('', 8000)])], createdAt: ADDONS_MS + 10 * M, restarts: { count: 2, lastAt: -9 * H }, qosClass: 'BestEffort', serviceAccountName: 'kubernetes-dashboard', nodeSelector: linux, tolerations: [noScheduleOn('master')] });
  const dashRS = ctrl('ReplicaSet', `kubernetes-dashboard-${rsHash()}`);
  workloads.push({ kind: 'Deployment', namespace: 'kubernetes-dashboard', name: 'kubernetes-dashboard', owner: dashRS, replicas: 1, revisionHistoryLimit: 10 });
  podDefs.push({ namespace: 'kubernetes-dashboard', name: `${dashRS.name}-${sfx()}`, node: node02, hostNetwork: false, handle: 'kubernetes-dashboard/kubernetes-dashboard', labels: { 'k8s-app': 'kubernetes-dashboard', 'pod-template-hash': dashRS.name.split('-').pop() as string }, owner: dashRS, containers: [container('kubernetes-dashboard', 'docker.io/kubernetesui/dashboard:v2.7.0', [port('', 8443)], { args: ['--auto-generate-certificates', '--namespace=kubernetes-dashboard'] })], createdAt: ADDONS_MS + 10 * M, qosClass: 'BestEffort', serviceAccountName: 'kubernetes-dashboard', nodeSelector: linux, tolerations: [noScheduleOn('master')] });
  for (const d of podDefs) for (const c of d.containers) c.ports = (c.ports as Json[]).map((p) => (p.name ? p : { containerPort: p.containerPort, protocol: p.protocol }));
  // The DaemonSet's pods carry the revision of its template (the engine's DaemonSet controller
  // names a revision by the template hash; sets.ts).
  for (const w of workloads.filter((x) => x.kind === 'DaemonSet')) {
    const mine = podDefs.filter((d) => d.owner === w.owner);
    const hash = podTemplateHash(podTemplate(mine[0]));
    for (const d of mine) d.labels = { ...d.labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' };
  }

  const pods = podDefs.map((d) => ({ d, pod: makePod(d, uid(), ids, ipam) })).filter((x) => !x.d.absent).map((x) => x.pod);

  // --- Services ---
  const clusterIps = new ClusterIpAllocator(prng.fork('cluster-ip'));
  const svc = (ns: string, name: string, spec: Omit<ServiceSpec, 'uid' | 'creationTimestamp'>, at: VirtualMs) => {
    clusterIps.allocate(spec.clusterIP);
    clusterIpOps.push(spec.clusterIP);
    return makeService(ns, name, { ...spec, uid: uid(), creationTimestamp: t(at) });
  };
  const dashIp = () => {
    const r = clusterIps.allocateNext();
    clusterIpOps.push(undefined);
    return r.ok ? r.value : '';
  };
  const services = [
    svc('default', 'kubernetes', { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, targetPort: 6443 }], labels: { component: 'apiserver', provider: 'kubernetes' } }, CLUSTER_INIT_MS),
    svc('kube-system', 'kube-dns', {
      clusterIP: CLUSTER_DNS_IP,
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }],
      selector: { 'k8s-app': 'kube-dns' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    }, CLUSTER_INIT_MS + 20_000),
    svc('kube-system', 'calico-typha', { clusterIP: '10.103.6.32', ports: [{ name: 'calico-typha', port: 5473, targetPort: 'calico-typha' }], selector: { 'k8s-app': 'calico-typha' }, labels: { 'k8s-app': 'calico-typha' } }, ADDONS_MS),
    svc('kube-system', 'metrics-server', { clusterIP: '10.103.119.223', ports: [{ name: 'https', port: 443, targetPort: 'https' }], selector: { 'k8s-app': 'metrics-server' }, labels: { 'k8s-app': 'metrics-server' } }, ADDONS_MS + 5 * M),
    svc('kubernetes-dashboard', 'kubernetes-dashboard', { clusterIP: dashIp(), ports: [{ port: 443, targetPort: 8443 }], selector: { 'k8s-app': 'kubernetes-dashboard' }, labels: { 'k8s-app': 'kubernetes-dashboard' } }, ADDONS_MS + 10 * M),
    svc('kubernetes-dashboard', 'dashboard-metrics-scraper', { clusterIP: dashIp(), ports: [{ port: 8000, targetPort: 8000 }], selector: { 'k8s-app': 'dashboard-metrics-scraper' }, labels: { 'k8s-app': 'dashboard-metrics-scraper' } }, ADDONS_MS + 10 * M),
  ];

  // --- Endpoints and EndpointSlices: the controllers' own output, as of the last pod change ---
  const endpoints: K8sObject[] = [];
  const endpointSlices: K8sObject[] = [];
  const masters = nodes.filter((n) => n.role === 'control-plane');
  const kubeSvc = services[0];
  endpoints.push({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', uid: uid(), creationTimestamp: kubeSvc.metadata.creationTimestamp, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets: [{ addresses: masters.map((m) => ({ ip: m.ip })), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] });
  endpointSlices.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'kubernetes', namespace: 'default', uid: uid(), creationTimestamp: kubeSvc.metadata.creationTimestamp, labels: { 'kubernetes.io/service-name': 'kubernetes' } }, addressType: 'IPv4', endpoints: masters.map((m) => ({ addresses: [m.ip], conditions: { ready: true } })), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] });
  for (const s of services.slice(1)) {
    const mine = pods.filter((p) => p.metadata.namespace === s.metadata.namespace);
    const last = lastPodChange(s, mine);
    const ep = syncEndpoints(s, mine, undefined, last).desired;
    if (ep) endpoints.push({ ...ep, metadata: { ...ep.metadata, uid: uid(), creationTimestamp: s.metadata.creationTimestamp } });
    const slices = reconcileEndpointSlices({ service: s, pods: mine, nodes: nodeObjs, existing: [], triggerTime: last, nameSuffix: () => ids.nameSuffix(5) });
    for (const sl of slices.create) endpointSlices.push({ ...sl, metadata: { ...sl.metadata, uid: uid(), creationTimestamp: s.metadata.creationTimestamp } });
  }

  // --- Leases ---
  const leases: K8sObject[] = [];
  const electionIdentities: Record<string, Record<string, string>> = {};
  // The holders renew every 2 s; their last renewals just before t = 0.
  const lastRenew: Record<string, VirtualMs> = { 'kube-controller-manager': -310, 'kube-scheduler': -1_234 };
  for (const [name, holder] of Object.entries(NOTES_LEASE_HOLDERS)) {
    const holderHost = holder.slice(0, holder.lastIndexOf('_'));
    const ident: Record<string, string> = {};
    for (const m of masters) ident[m.name] = m.name === holderHost ? holder : `${m.name}_${ids.uuid()}`;
    electionIdentities[name] = ident;
    const acquired = name === 'kube-scheduler' ? LEASES_MS : ADDONS_MS - 17_312;
    const transitions = name === 'kube-scheduler' ? 0 : 1;
    const lease = leaseWithRecord(name, { holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: acquired, renewTime: lastRenew[name] ?? -1_000, leaseTransitions: transitions });
    lease.metadata = { ...lease.metadata, uid: uid(), creationTimestamp: t(LEASES_MS) };
    leases.push(lease);
  }
  for (const m of masters) {
    const id = apiserverIdentity(m.name);
    const lease = leaseWithRecord(id, { holderIdentity: `${id}_${ids.uuid()}`, leaseDurationSeconds: 3600, acquireTime: nodeJoin(m, masters.indexOf(m)), renewTime: -3_456, leaseTransitions: 0 });
    delete lease.spec.leaseTransitions;
    lease.metadata = { ...lease.metadata, uid: uid(), creationTimestamp: t(nodeJoin(m, masters.indexOf(m))), labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': m.name } };
    leases.push(lease);
  }
  for (const [i, n] of nodes.entries()) {
    const node = nodeObjs[i];
    leases.push({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: n.name, namespace: 'kube-node-lease', uid: uid(), creationTimestamp: t(nodeJoin(n, i)), ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: node.metadata.uid ?? '' }] },
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: microTime(-((i * 1_913) % 10_000) - 500) },
    });
  }

  // --- ServiceAccounts: `default` in every namespace (serviceaccounts-controller), and the ones the
  // system pods run as (created by their manifests just before them). Made last so that the uids
  // and name suffixes drawn above stay as they were.
  const serviceAccounts: K8sObject[] = [];
  const saAt = new Map<string, VirtualMs>();
  for (const [name, at] of nsDefs) saAt.set(`${name}/default`, at);
  for (const d of podDefs) {
    if (!d.serviceAccountName) continue;
    const key = `${d.namespace}/${d.serviceAccountName}`;
    if (!saAt.has(key) || (saAt.get(key) as number) > d.createdAt) saAt.set(key, Math.min(saAt.get(key) ?? d.createdAt, d.createdAt));
  }
  for (const key of [...saAt.keys()].sort()) {
    const [namespace, name] = key.split('/');
    serviceAccounts.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, uid: uid(), creationTimestamp: t(saAt.get(key) as number) } });
  }

  // --- ConfigMaps: `kube-root-ca.crt` in every namespace (root-ca-cert-publisher), made after
  // everything else for the same reason.
  const configMaps: K8sObject[] = nsDefs.map(([namespace, at]) => {
    const cm = rootCaConfigMap(namespace);
    return { ...cm, metadata: { ...cm.metadata, uid: uid(), creationTimestamp: t(at) } } as K8sObject;
  });

  // --- Workloads: the Deployments with their ReplicaSets and the DaemonSet that own the add-on
  // pods, in the steady state their controllers keep (the engine's controllers find nothing to
  // do). Made last for the same reason. No kube-proxy DaemonSet: kube-proxy runs as a systemd
  // service on the hosts (a binary install, see above); a DaemonSet object would make the
  // DaemonSet controller create the five pods that the hosts' processes already play.
  const workloadObjs: K8sObject[] = [];
  for (const w of workloads) {
    const mine = podDefs.filter((d) => d.owner === w.owner && !d.absent);
    const live = pods.filter((p) => mine.some((d) => d.name === p.metadata.name));
    if (!mine.length) continue;
    const createdAt = Math.min(...mine.map((d) => d.createdAt));
    const template = podTemplate(mine[0]);
    const selector = { matchLabels: { ...template.metadata.labels } };
    const ready = live.filter((p) => (p.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True'));
    const lastReady = ready.map((p) => p.status.conditions.find((c: Json) => c.type === 'Ready').lastTransitionTime as string).sort().pop() ?? t(createdAt);
    const objLabels = { ...template.metadata.labels };
    if (w.kind === 'DaemonSet') {
      const ds: Json = {
        apiVersion: 'apps/v1', kind: 'DaemonSet',
        metadata: { name: w.name, namespace: w.namespace, uid: w.owner.uid, generation: 1, creationTimestamp: t(createdAt), labels: objLabels, annotations: { 'deprecated.daemonset.template.generation': '1' } },
        spec: { selector, template, updateStrategy: w.strategy },
      };
      defaultDaemonSet(ds);
      const n = live.length;
      ds.status = { currentNumberScheduled: n, desiredNumberScheduled: n, numberAvailable: ready.length, numberMisscheduled: 0, numberReady: ready.length, observedGeneration: 1, updatedNumberScheduled: n };
      workloadObjs.push(ds as K8sObject);
      continue;
    }
    const depUid = uid();
    const dep: Json = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: w.name, namespace: w.namespace, uid: depUid, generation: 1, creationTimestamp: t(createdAt), labels: objLabels, annotations: { 'deployment.kubernetes.io/revision': '1' } },
      spec: { replicas: w.replicas ?? 1, selector, template, ...(w.strategy ? { strategy: w.strategy } : {}), ...(w.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: w.revisionHistoryLimit } : {}) },
    };
    defaultDeployment(dep);
    const desired = dep.spec.replicas as number;
    const surge = dep.spec.strategy.type === 'Recreate' ? 0 : scaledUp(dep.spec.strategy.rollingUpdate.maxSurge, desired);
    const hash = w.owner.name.slice(w.name.length + 1);
    const rsTemplate = { ...template, metadata: { labels: { ...template.metadata.labels, 'pod-template-hash': hash } } };
    const rs: Json = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: w.owner.name, namespace: w.namespace, uid: w.owner.uid, generation: 1, creationTimestamp: t(createdAt),
        labels: { ...template.metadata.labels, 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + surge), 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, uid: depUid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: desired, selector: { matchLabels: { ...selector.matchLabels, 'pod-template-hash': hash } }, template: rsTemplate },
      // the ReplicaSet and Deployment controllers' status fields, in their order (workloads.ts)
      status: { replicas: live.length, fullyLabeledReplicas: live.length, readyReplicas: ready.length, availableReplicas: ready.length, observedGeneration: 1 },
    };
    // Available since the pods were last all ready (a restarted pod was unavailable meanwhile);
    // Progressing since the ReplicaSet was created, last updated when the rollout completed.
    const completed = t(createdAt + FIRST_READY_MS);
    dep.status = {
      observedGeneration: 1, replicas: live.length, updatedReplicas: live.length, readyReplicas: ready.length, availableReplicas: ready.length,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: lastReady, lastTransitionTime: lastReady, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: completed, lastTransitionTime: t(createdAt), reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${w.owner.name}" has successfully progressed.` },
      ],
    };
    workloadObjs.push(dep as K8sObject, rs as K8sObject);
  }

  const out: SystemObjects = {
    namespaces, nodes: nodeObjs, pods, services, endpoints, endpointSlices, leases, workloads: workloadObjs, ipam, clusterIps, electionIdentities,
    all: () => [...namespaces, ...nodeObjs, ...services, ...endpoints, ...endpointSlices, ...pods, ...leases, ...serviceAccounts, ...configMaps, ...workloadObjs],
  };
  return out;
}

/**
 * The control plane's command lines as kubeadm v1.30 writes them into the static pod
 * manifests (/etc/kubernetes/manifests), with the notes' addresses, pod CIDR and service CIDR.
 */
function kubeadmCommand(component: string, m: ClusterNode, masters: ClusterNode[]): string[] {
  const ip = m.ip;
  const pki = '/etc/kubernetes/pki';
  switch (component) {
    case 'etcd': {
      const self = masters.indexOf(m);
      const cluster = masters.slice(0, self + 1).map((x) => `${x.name}=https://${x.ip}:2380`).join(',');
      return ['etcd', `--advertise-client-urls=https://${ip}:2379`, `--cert-file=${pki}/etcd/server.crt`, '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s', `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=${cluster}`, ...(self > 0 ? ['--initial-cluster-state=existing'] : []), `--key-file=${pki}/etcd/server.key`, `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, `--name=${m.name}`, `--peer-cert-file=${pki}/etcd/peer.crt`, '--peer-client-cert-auth=true', `--peer-key-file=${pki}/etcd/peer.key`, `--peer-trusted-ca-file=${pki}/etcd/ca.crt`, '--snapshot-count=10000', `--trusted-ca-file=${pki}/etcd/ca.crt`];
    }
    case 'kube-apiserver':
      return ['kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', `--client-ca-file=${pki}/ca.crt`, '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', `--etcd-cafile=${pki}/etcd/ca.crt`, `--etcd-certfile=${pki}/apiserver-etcd-client.crt`, `--etcd-keyfile=${pki}/apiserver-etcd-client.key`, '--etcd-servers=https://127.0.0.1:2379', `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`, `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`, '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', `--proxy-client-cert-file=${pki}/front-proxy-client.crt`, `--proxy-client-key-file=${pki}/front-proxy-client.key`, '--requestheader-allowed-names=front-proxy-client', `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`, '--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group', '--requestheader-username-headers=X-Remote-User', '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${pki}/sa.pub`, `--service-account-signing-key-file=${pki}/sa.key`, '--service-cluster-ip-range=10.103.0.0/16', `--tls-cert-file=${pki}/apiserver.crt`, `--tls-private-key-file=${pki}/apiserver.key`];
    case 'kube-controller-manager':
      return ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--client-ca-file=${pki}/ca.crt`, '--cluster-cidr=172.16.0.0/12', '--cluster-name=kubernetes', `--cluster-signing-cert-file=${pki}/ca.crt`, `--cluster-signing-key-file=${pki}/ca.key`, '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`, `--root-ca-file=${pki}/ca.crt`, `--service-account-private-key-file=${pki}/sa.key`, '--service-cluster-ip-range=10.103.0.0/16', '--use-service-account-credentials=true'];
    default:
      return ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'];
  }
}

/**
 * What kubeadm v1.30 adds to a control-plane static pod besides its command
 * (cmd/kubeadm/app/phases/controlplane/manifests.go, phases/etcd/local.go, util/staticpod/utils.go):
 * the advertise annotation, the probes (LivenessProbe / ReadinessProbe / StartupProbe: failure
 * thresholds 8 / 3 / 24, initial delay 10 s, period 10 s (readiness 1 s), timeout 15 s) and the
 * hostPath volumes, sorted by name (VolumeMapToSlice). CentOS 7 has /etc/pki (the `etc-pki` volume)
 * and none of the other CA directories kubeadm looks for. The API server's defaults
 * (successThreshold 1) are on the pod object, as the mirror pod has them.
 */
function kubeadmPodParts(component: string, m: ClusterNode): { annotations: Record<string, string>; probes: Json; mounts: Json[]; volumes: Json[] } {
  const probe = (host: string, path: string, port: number, scheme: string, kind: 'liveness' | 'readiness' | 'startup'): Json => ({
    failureThreshold: kind === 'liveness' ? 8 : kind === 'readiness' ? 3 : 24,
    httpGet: { host, path, port, scheme },
    ...(kind === 'readiness' ? {} : { initialDelaySeconds: 10 }),
    periodSeconds: kind === 'readiness' ? 1 : 10,
    successThreshold: 1,
    timeoutSeconds: 15,
  });
  const vol = (name: string, path: string, mountPath: string, type: string, readOnly: boolean) => ({ name, path, mountPath, type, readOnly });
  const caCerts = [vol('ca-certs', '/etc/ssl/certs', '/etc/ssl/certs', 'DirectoryOrCreate', true), vol('etc-pki', '/etc/pki', '/etc/pki', 'DirectoryOrCreate', true)];
  const k8sCerts = vol('k8s-certs', '/etc/kubernetes/pki', '/etc/kubernetes/pki', 'DirectoryOrCreate', true);
  let annotations: Record<string, string> = {};
  let probes: Json;
  let vols: Array<ReturnType<typeof vol>>;
  switch (component) {
    case 'etcd':
      annotations = { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${m.ip}:2379` };
      probes = { livenessProbe: probe('127.0.0.1', '/health?exclude=NOSPACE&serializable=true', 2381, 'HTTP', 'liveness'), startupProbe: probe('127.0.0.1', '/health?serializable=false', 2381, 'HTTP', 'startup') };
      vols = [vol('etcd-certs', '/etc/kubernetes/pki/etcd', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate', false), vol('etcd-data', '/var/lib/etcd', '/var/lib/etcd', 'DirectoryOrCreate', false)];
      break;
    case 'kube-apiserver':
      annotations = { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${m.ip}:6443` };
      probes = { livenessProbe: probe(m.ip, '/livez', 6443, 'HTTPS', 'liveness'), readinessProbe: probe(m.ip, '/readyz', 6443, 'HTTPS', 'readiness'), startupProbe: probe(m.ip, '/livez', 6443, 'HTTPS', 'startup') };
      vols = [...caCerts, k8sCerts];
      break;
    case 'kube-controller-manager':
      probes = { livenessProbe: probe('127.0.0.1', '/healthz', 10257, 'HTTPS', 'liveness'), startupProbe: probe('127.0.0.1', '/healthz', 10257, 'HTTPS', 'startup') };
      vols = [...caCerts, vol('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate', false), k8sCerts, vol('kubeconfig', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate', true)];
      break;
    default:
      probes = { livenessProbe: probe('127.0.0.1', '/healthz', 10259, 'HTTPS', 'liveness'), startupProbe: probe('127.0.0.1', '/healthz', 10259, 'HTTPS', 'startup') };
      vols = [vol('kubeconfig', '/etc/kubernetes/scheduler.conf', '/etc/kubernetes/scheduler.conf', 'FileOrCreate', true)];
  }
  // etcd's mounts are listed data first (local.go builds them in that order); the others by name.
  const mountOrder = component === 'etcd' ? [...vols].reverse() : vols;
  return {
    annotations,
    probes,
    mounts: mountOrder.map((v) => ({ mountPath: v.mountPath, name: v.name, ...(v.readOnly ? { readOnly: true } : {}) })),
    volumes: vols.map((v) => ({ hostPath: { path: v.path, type: v.type }, name: v.name })),
  };
}

/** kube-apiserver's identity lease name: sha256 of (uint16-len-prefixed hostname, "kube-apiserver"), base32. */
export function apiserverIdentity(hostname: string): string {
  const h = utf8(hostname);
  const k = utf8('kube-apiserver');
  const data = new Uint8Array(4 + h.length + k.length);
  data[0] = h.length >> 8;
  data[1] = h.length & 255;
  data.set(h, 2);
  data[2 + h.length] = k.length >> 8;
  data[3 + h.length] = k.length & 255;
  data.set(k, 4 + h.length);
  return `apiserver-${base32(sha256(data).slice(0, 16), false).toLowerCase()}`;
}

/** The latest Ready transition among the Service's pods (the trigger of the last endpoints write). */
function lastPodChange(svc: K8sObject, pods: K8sObject[]): string | undefined {
  let best: string | undefined;
  for (const p of pods) {
    const sel: Json = svc.spec?.selector ?? {};
    if (!Object.entries(sel).every(([k, v]) => p.metadata?.labels?.[k] === v)) continue;
    const c = (p.status?.conditions ?? []).find((x: Json) => x.type === 'Ready');
    if (c?.lastTransitionTime && (!best || c.lastTransitionTime > best)) best = c.lastTransitionTime;
  }
  return best ?? svc.metadata?.creationTimestamp;
}

function makeNode(n: ClusterNode, index: number, at: VirtualMs, uid: string, prng: Prng): K8sObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux',
  };
  if (n.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const ready = rfc3339(at + 90_000);
  // The kubelet reports an unchanged status every 5 minutes (nodeStatusReportFrequency).
  const hb = rfc3339(-(60_000 + index * 37_000));
  const cond = (type: string, status: string, reason: string, message: string, since: string) => ({ type, status, lastHeartbeatTime: hb, lastTransitionTime: since, reason, message });
  const spec: Json = { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] };
  if (n.role === 'control-plane') spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name: n.name, uid, creationTimestamp: rfc3339(at), labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'projectcalico.org/IPv4Address': `${n.ip}/24`,
        'projectcalico.org/IPv4IPIPTunnelAddr': tunnelIp(n),
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      addresses: [{ type: 'InternalIP', address: n.ip }, { type: 'Hostname', address: n.name }],
      allocatable: { cpu: '4', 'ephemeral-storage': '48294789041', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8388608Ki', pods: '110' },
      capacity: { cpu: '4', 'ephemeral-storage': '52403200Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8491008Ki', pods: '110' },
      conditions: [
        { type: 'NetworkUnavailable', status: 'False', lastHeartbeatTime: rfc3339(ADDONS_MS + 3 * M), lastTransitionTime: rfc3339(ADDONS_MS + 3 * M), reason: 'CalicoIsUp', message: 'Calico is running on this node' },
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', rfc3339(at)),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', rfc3339(at)),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', rfc3339(at)),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', ready),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64', bootID: prng.uuid(), containerRuntimeVersion: CONTAINERD_VERSION, kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: KUBERNETES_VERSION, kubeletVersion: KUBERNETES_VERSION, machineID: prng.hex(32), operatingSystem: 'linux',
        osImage: OS_IMAGE, systemUUID: prng.uuid().toUpperCase(),
      },
    },
  };
}

/** The pod template the add-on's manifest gives (after the API server's defaults): the pods' spec without what the scheduler and admission add. */
function podTemplate(d: PodDef): Json {
  const labels = { ...d.labels };
  for (const k of ['pod-template-hash', 'controller-revision-hash', 'pod-template-generation']) delete labels[k];
  const spec: Json = {
    containers: d.containers.map((c) => JSON.parse(JSON.stringify(c)) as Json),
    dnsPolicy: d.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: d.securityContext ? JSON.parse(JSON.stringify(d.securityContext)) : {},
    terminationGracePeriodSeconds: d.terminationGracePeriodSeconds ?? 30,
  };
  if (d.volumes) spec.volumes = JSON.parse(JSON.stringify(d.volumes));
  if (d.hostNetwork) spec.hostNetwork = true;
  if (d.nodeSelector) spec.nodeSelector = { ...d.nodeSelector };
  if (d.priorityClassName) spec.priorityClassName = d.priorityClassName;
  if (d.serviceAccountName) {
    spec.serviceAccount = d.serviceAccountName;
    spec.serviceAccountName = d.serviceAccountName;
  }
  if (d.tolerations) spec.tolerations = d.tolerations.map((x) => ({ ...x }));
  return { metadata: { labels }, spec };
}

/** A seeded pod's first Ready transition (before any restart): sandbox, start and readiness. */
const FIRST_READY_MS = 6_000;

function makePod(d: PodDef, uid: string, prng: Prng, ipam: CalicoIpam): K8sObject {
  const ip = d.hostNetwork ? d.node.ip : (d.handle ? systemPodIp(ipam, d.node.name, d.handle) : undefined) ?? '';
  const started = d.createdAt + 3_000;
  const runningSince = d.restarts ? d.restarts.lastAt : started + 2_000;
  const readyAt = d.restarts ? runningSince + 1_000 : d.createdAt + FIRST_READY_MS;
  const t = rfc3339;
  const ownerReferences = d.owner ? [{ apiVersion: d.owner.kind === 'Node' ? 'v1' : 'apps/v1', kind: d.owner.kind, name: d.owner.name, uid: d.owner.uid, controller: true, ...(d.owner.kind === 'Node' ? {} : { blockOwnerDeletion: true }) }] : undefined;
  const spec: Json = podTemplate(d).spec;
  // the pod's own fields: defaulting (enableServiceLinks, host ports on the host network), the
  // Priority and DefaultTolerationSeconds admission plugins, the scheduler's binding
  spec.enableServiceLinks = true;
  spec.nodeName = d.node.name;
  spec.preemptionPolicy = 'PreemptLowerPriority';
  spec.priority = d.priorityClassName === 'system-node-critical' ? 2000001000 : d.priorityClassName === 'system-cluster-critical' ? 2000000000 : 0;
  if (d.hostNetwork) for (const c of spec.containers as Json[]) c.ports = (c.ports as Json[]).map((p) => ({ ...p, hostPort: p.containerPort }));
  if (d.tolerateAll) spec.tolerations = [{ operator: 'Exists', effect: 'NoExecute' }];
  else if (d.owner?.kind === 'DaemonSet') {
    // the DaemonSet controller: its daemon tolerations and the node pinned by affinity
    spec.tolerations = daemonPodTolerations(spec);
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [d.node.name] }] }] } } };
  } else {
    const tol: Json[] = spec.tolerations ?? [];
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      if (!tol.some((x) => (x.key === key || (!x.key && x.operator === 'Exists')) && (!x.effect || x.effect === 'NoExecute'))) tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
    spec.tolerations = tol;
  }
  const containerStatuses = d.containers.map((c) => {
    const s: Json = {
      containerID: `containerd://${prng.hex(64)}`,
      image: c.image,
      imageID: `${c.image.split(':')[0]}@sha256:${prng.hex(64)}`,
      lastState: {},
      name: c.name,
      ready: true,
      restartCount: d.restarts?.count ?? 0,
      started: true,
      state: { running: { startedAt: t(runningSince) } },
    };
    if (d.restarts) {
      s.lastState = { terminated: { containerID: `containerd://${prng.hex(64)}`, exitCode: 255, finishedAt: t(d.restarts.lastAt - 2_000), reason: 'Unknown', startedAt: t(started) } };
    }
    return s;
  });
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: d.name, namespace: d.namespace, uid, creationTimestamp: t(d.createdAt), labels: d.labels,
      ...(d.annotations ? { annotations: { ...d.annotations } } : {}),
      ...(ownerReferences ? { ownerReferences } : {}),
      ...(d.owner && d.owner.kind !== 'Node' ? { generateName: `${d.name.slice(0, d.name.lastIndexOf('-'))}-` } : {}),
    },
    spec,
    status: {
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: t(runningSince - 1_000) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t(started) },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t(readyAt) },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: t(readyAt) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t(d.createdAt) },
      ],
      containerStatuses,
      hostIP: d.node.ip,
      hostIPs: [{ ip: d.node.ip }],
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: d.qosClass,
      startTime: t(started),
    },
  };
}

