/**
 * The API server's defaulting, in place, on the decoded (v1) object — k8s.io/kubernetes
 * pkg/apis/core/v1/defaults.go and pkg/apis/apps/v1/defaults.go (v1.30) plus the declarative
 * `+default` markers of k8s.io/api (container/service port protocol `TCP`, gRPC `service: ""`).
 * Values the API server always serialises are included as it returns them (`resources: {}`).
 * Pod-only admission plugins live in admission.ts.
 */
import { canonicalQuantity } from './quantity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** docker reference tag as parsers.ParseImageName sees it: `latest` when there is no tag and no digest. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const named = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > lastSlash ? named.slice(colon + 1) : '';
  if (tag) return tag;
  return at >= 0 ? '' : 'latest';
}

/** SetDefaults_Container (+ ports, probes, lifecycle handlers, resources). */
export function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of list(c.ports)) if (!p.protocol) p.protocol = 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (isObj(probe)) defaultProbe(probe);
  if (isObj(c.lifecycle)) for (const h of [c.lifecycle.postStart, c.lifecycle.preStop]) if (isObj(h)) defaultHandler(h);
  for (const e of list(c.env)) if (isObj(e.valueFrom?.fieldRef) && !e.valueFrom.fieldRef.apiVersion) e.valueFrom.fieldRef.apiVersion = 'v1';
  // ResourceFieldSelector.divisor is a plain Quantity: an unset one is serialized as "0"
  for (const e of list(c.env)) if (isObj(e.valueFrom?.resourceFieldRef) && e.valueFrom.resourceFieldRef.divisor === undefined) e.valueFrom.resourceFieldRef.divisor = '0';
  if (!isObj(c.resources)) c.resources = {};
  for (const k of ['limits', 'requests']) if (isObj(c.resources[k])) defaultResourceList(c.resources[k]);
}

/** SetDefaults_ResourceList: round up to milli scale; the server returns Quantity.String(). */
function defaultResourceList(rl: Obj): void {
  for (const [k, v] of Object.entries(rl)) if (typeof v === 'string' || typeof v === 'number') rl[k] = canonicalQuantity(v);
}

/** SetDefaults_Probe: each of timeout/period/success/failure only when 0 or absent. */
export function defaultProbe(p: Obj): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

function defaultHandler(h: Obj): void {
  if (isObj(h.httpGet)) {
    if (!h.httpGet.path) h.httpGet.path = '/';
    if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
  }
  if (isObj(h.grpc) && h.grpc.service === undefined) h.grpc.service = '';
}

/** SetDefaults_PodSpec (shared by pods and pod templates) and the per-item defaults under it. */
export function defaultPodSpec(spec: Obj): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) defaultContainer(c);
  for (const v of list(spec.volumes)) defaultVolume(v);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral',
];

/** SetDefaults_Volume (no source: emptyDir) and the volume sources' defaultMode 0644. */
function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[s]) && v[s].defaultMode === undefined) v[s].defaultMode = 420;
  }
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  // SetDefaults_ObjectFieldSelector (apiVersion v1) and the "0" divisor in downward API files
  const files = [...list(v.downwardAPI?.items), ...list(v.projected?.sources).flatMap((s) => list(s.downwardAPI?.items))];
  for (const f of files) {
    if (isObj(f.fieldRef) && !f.fieldRef.apiVersion) f.fieldRef.apiVersion = 'v1';
    if (isObj(f.resourceFieldRef) && f.resourceFieldRef.divisor === undefined) f.resourceFieldRef.divisor = '0';
  }
}

/** SetDefaults_Pod: requests default to limits, enableServiceLinks; then the PodSpec defaults. */
export function defaultPod(pod: Obj): void {
  if (!isObj(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  for (const c of [...list(spec.containers), ...list(spec.initContainers)]) {
    if (isObj(c.resources) && isObj(c.resources.limits)) {
      c.resources.requests = isObj(c.resources.requests) ? c.resources.requests : {};
      for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
    }
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...list(spec.containers), ...list(spec.initContainers)]) for (const p of list(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
  }
  defaultPodSpec(spec);
}

/** SetDefaults_Deployment (apps/v1) and the template's PodSpec. */
export function defaultDeployment(d: Obj): void {
  if (!isObj(d.spec)) d.spec = {};
  const s = d.spec;
  if (s.replicas === undefined || s.replicas === null) s.replicas = 1;
  if (!isObj(s.strategy)) s.strategy = {};
  if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    if (!isObj(s.strategy.rollingUpdate)) s.strategy.rollingUpdate = {};
    if (s.strategy.rollingUpdate.maxUnavailable === undefined) s.strategy.rollingUpdate.maxUnavailable = '25%';
    if (s.strategy.rollingUpdate.maxSurge === undefined) s.strategy.rollingUpdate.maxSurge = '25%';
  }
  if (s.revisionHistoryLimit === undefined || s.revisionHistoryLimit === null) s.revisionHistoryLimit = 10;
  if (s.progressDeadlineSeconds === undefined || s.progressDeadlineSeconds === null) s.progressDeadlineSeconds = 600;
  defaultTemplate(s);
}

/** SetDefaults_ReplicaSet (apps/v1): replicas 1. */
export function defaultReplicaSet(rs: Obj): void {
  if (!isObj(rs.spec)) rs.spec = {};
  if (rs.spec.replicas === undefined || rs.spec.replicas === null) rs.spec.replicas = 1;
  defaultTemplate(rs.spec);
}

function defaultTemplate(spec: Obj): void {
  if (!isObj(spec.template)) spec.template = {};
  if (!isObj(spec.template.spec)) spec.template.spec = {};
  defaultPodSpec(spec.template.spec);
}

/** SetDefaults_Service: type, sessionAffinity, port protocol and targetPort, traffic policies. */
export function defaultService(svc: Obj): void {
  if (!isObj(svc.spec)) svc.spec = {};
  const s = svc.spec;
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP') {
    if (!isObj(s.sessionAffinityConfig) || !isObj(s.sessionAffinityConfig.clientIP) || s.sessionAffinityConfig.clientIP.timeoutSeconds === undefined) {
      s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of list(s.ports)) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (s.internalTrafficPolicy === undefined && (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP')) s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) s.allocateLoadBalancerNodePorts = true;
}

/** SetDefaults_Namespace: the `kubernetes.io/metadata.name` label. */
export function defaultNamespace(ns: Obj): void {
  if (!isObj(ns.metadata)) ns.metadata = {};
  const name = ns.metadata.name;
  if (typeof name === 'string' && name.length > 0) {
    ns.metadata.labels = { ...(isObj(ns.metadata.labels) ? ns.metadata.labels : {}), 'kubernetes.io/metadata.name': name };
  }
}

/** SetDefaults_Secret: type Opaque; stringData is merged into data (v1 → internal conversion). */
export function defaultSecret(sec: Obj): void {
  if (!sec.type) sec.type = 'Opaque';
  if (isObj(sec.stringData)) {
    sec.data = isObj(sec.data) ? sec.data : {};
    for (const [k, v] of Object.entries(sec.stringData)) sec.data[k] = base64Encode(String(v));
    delete sec.stringData;
  }
}

function base64Encode(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63];
    out += i + 1 < bytes.length ? A[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? A[n & 63] : '=';
  }
  return out;
}
