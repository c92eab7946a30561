/**
 * The files a node of the cluster keeps under /etc/kubernetes, computed from the engine's own
 * objects (never a stored text):
 *
 * - on the masters, /etc/kubernetes/manifests/<component>.yaml: the static pod manifests kubeadm
 *   v1.30 writes (staticpod.WriteStaticPodToDisk: sigs.k8s.io/yaml of the v1.Pod, mode 0600 in a
 *   0700 directory). The file is the mirror pod without what the kubelet and the API server added
 *   to it (status, uid, node name, owner, the defaulted fields), with `creationTimestamp: null`
 *   and `status: {}` as the marshalled empty fields print;
 * - the kubeconfig files (admin.conf, controller-manager.conf, scheduler.conf on the masters,
 *   super-admin.conf on the node of `kubeadm init`, kubelet.conf everywhere; clientcmd writes
 *   them 0600), whose CA is the cluster's CA;
 * - /etc/kubernetes/pki with kubeadm's file names (certs.go / constants.go): keys 0600, certs
 *   0644; the workers hold ca.crt only;
 * - the kubelet's configuration at the path this cluster's kubelet reads (`--config`, see
 *   node/runtime/host.ts): the KubeletConfiguration kubeadm v1.30 generates, with this cluster's
 *   DNS address, domain and static pod path.
 *
 * The cluster is not installed by kubeadm from end to end: its hosts run a binary-installed
 * kubelet (`/usr/local/bin/kubelet --config=/etc/kubernetes/kubelet-conf.yml`, no kubeadm drop-in,
 * so no /var/lib/kubelet/config.yaml nor kubeadm-flags.env) and kube-proxy as a systemd service,
 * while the control plane runs as kubeadm's static pods. The files follow that shape.
 */
import type { K8sObject } from '../types';
import type { ClusterNode } from '../network/cluster';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN } from '../network/cluster';
import { CLUSTER_CA_CRT } from '../network/cluster-ca';
import { toYaml } from '../kubectl/printers/yaml';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface HostFile {
  path: string;
  content: string;
  mode: number;
}

export const KUBERNETES_DIR = '/etc/kubernetes';
export const MANIFESTS_DIR = '/etc/kubernetes/manifests';
/** The kubelet's `--config` on this cluster's hosts (node/runtime/host.ts). */
export const KUBELET_CONFIG_PATH = '/etc/kubernetes/kubelet-conf.yml';

/** The annotations the kubelet puts on a mirror pod (pkg/kubelet/types/pod_update.go). */
const KUBELET_ANNOTATIONS = ['kubernetes.io/config.hash', 'kubernetes.io/config.mirror', 'kubernetes.io/config.seen', 'kubernetes.io/config.source'];

/**
 * The static pod manifest behind a mirror pod: its name is the component (the kubelet appends
 * `-<node name>`), and what the manifest does not say is left out: the defaults the kubelet's
 * file source and the API server apply (dnsPolicy, restartPolicy, schedulerName, the termination
 * fields, enableServiceLinks, preemptionPolicy, successThreshold 1, the toleration of every
 * NoExecute taint), the node name, the owner reference and the status.
 */
export function staticPodManifest(mirror: K8sObject): string {
  const meta: Json = mirror.metadata ?? {};
  const node: string = mirror.spec?.nodeName ?? '';
  const name = node && String(meta.name).endsWith(`-${node}`) ? String(meta.name).slice(0, -node.length - 1) : String(meta.name);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries((meta.annotations ?? {}) as Record<string, string>)) if (!KUBELET_ANNOTATIONS.includes(k)) annotations[k] = v;
  const spec: Json = JSON.parse(JSON.stringify(mirror.spec ?? {}));
  for (const k of ['nodeName', 'dnsPolicy', 'restartPolicy', 'schedulerName', 'terminationGracePeriodSeconds', 'enableServiceLinks', 'preemptionPolicy', 'tolerations']) delete spec[k];
  if (spec.securityContext && !Object.keys(spec.securityContext).length) delete spec.securityContext;
  for (const c of (spec.containers ?? []) as Json[]) {
    delete c.terminationMessagePath;
    delete c.terminationMessagePolicy;
    if (Array.isArray(c.ports) && !c.ports.length) delete c.ports;
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (c[p]?.successThreshold === 1) delete c[p].successThreshold;
  }
  const pod: Json = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), creationTimestamp: null, labels: meta.labels ?? {}, name, namespace: meta.namespace ?? 'kube-system' },
    spec,
    status: {},
  };
  return toYaml(pod);
}

function base64(text: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const b = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < b.length ? A[(n >> 6) & 63] : '=') + (i + 2 < b.length ? A[n & 63] : '=');
  }
  return out;
}

/**
 * A kubeconfig as kubeadm writes it (kubeconfig.go CreateWithCerts → clientcmd.Write): one
 * cluster `kubernetes` with the CA embedded, one user, the context `<user>@kubernetes`.
 * unverified: the client certificate and key kubeadm embeds (client-certificate-data,
 * client-key-data) are not there: the engine holds no key material (cluster-ca.ts has the CA
 * certificate only), so the user entry is empty rather than filled with made-up data.
 */
export function kubeconfig(server: string, user: string, credentials: Json = {}): string {
  return toYaml({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': base64(CLUSTER_CA_CRT), server }, name: 'kubernetes' }],
    contexts: [{ context: { cluster: 'kubernetes', user }, name: `${user}@kubernetes` }],
    'current-context': `${user}@kubernetes`,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: credentials }],
  });
}

/** The kubelet's client certificate, rotated by the kubelet (certificate manager's `current` link). */
const KUBELET_CLIENT_PEM = '/var/lib/kubelet/pki/kubelet-client-current.pem';

/**
 * The kubelet's kubeconfig. On the node of `kubeadm init`, kubeadm's own (user
 * `system:node:NAME`), pointed at the rotated client certificate once the kubelet has one
 * (kubeletfinalize phase); on a node that joined, the one the kubelet's TLS bootstrap writes
 * (pkg/kubelet/certificate/bootstrap: `default-cluster`, `default-auth`, `default-context` with
 * namespace default). Neither embeds key material.
 */
export function kubeletKubeconfig(server: string, node: string, init: boolean): string {
  const creds = { 'client-certificate': KUBELET_CLIENT_PEM, 'client-key': KUBELET_CLIENT_PEM };
  if (init) return kubeconfig(server, `system:node:${node}`, creds);
  return toYaml({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': base64(CLUSTER_CA_CRT), server }, name: 'default-cluster' }],
    contexts: [{ context: { cluster: 'default-cluster', namespace: 'default', user: 'default-auth' }, name: 'default-context' }],
    'current-context': 'default-context',
    kind: 'Config',
    preferences: {},
    users: [{ name: 'default-auth', user: creds }],
  });
}

/**
 * The KubeletConfiguration kubeadm v1.30 generates (componentconfigs/kubelet.go: its defaults,
 * then the v1beta1 object marshalled with its zero durations as `0s`; compared with the
 * /var/lib/kubelet/config.yaml of kubeadm v1.30 clusters), with this cluster's
 * settings: clusterDNS (the kube-dns Service), clusterDomain, staticPodPath, cgroupDriver
 * systemd (kubeadm's default since v1.22), the CA of client certificates, resolvConf
 * /etc/resolv.conf (CentOS 7 runs no systemd-resolved). The kubelet's own
 * defaults the engine models (containerLogMaxSize 10Mi, containerLogMaxFiles 5, syncFrequency
 * 1m) are not written: kubeadm leaves them to the kubelet.
 */
export function kubeletConfiguration(): string {
  return toYaml({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    authentication: { anonymous: { enabled: false }, webhook: { cacheTTL: '0s', enabled: true }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '0s', cacheUnauthorizedTTL: '0s' } },
    cgroupDriver: 'systemd',
    clusterDNS: [CLUSTER_DNS_IP],
    clusterDomain: CLUSTER_DOMAIN,
    containerRuntimeEndpoint: '',
    cpuManagerReconcilePeriod: '0s',
    evictionPressureTransitionPeriod: '0s',
    fileCheckFrequency: '0s',
    healthzBindAddress: '127.0.0.1',
    healthzPort: 10248,
    httpCheckFrequency: '0s',
    imageMaximumGCAge: '0s',
    imageMinimumGCAge: '0s',
    kind: 'KubeletConfiguration',
    logging: { flushFrequency: 0, options: { json: { infoBufferSize: '0' }, text: { infoBufferSize: '0' } }, verbosity: 0 },
    memorySwap: {},
    nodeStatusReportFrequency: '0s',
    nodeStatusUpdateFrequency: '0s',
    resolvConf: '/etc/resolv.conf',
    rotateCertificates: true,
    runtimeRequestTimeout: '0s',
    shutdownGracePeriod: '0s',
    shutdownGracePeriodCriticalPods: '0s',
    staticPodPath: MANIFESTS_DIR,
    streamingConnectionIdleTimeout: '0s',
    syncFrequency: '0s',
    volumeStatsAggPeriod: '0s',
  });
}

/** kubeadm's PKI file names (constants.go): the cluster CA, the API server's, the front proxy's, the service-account key pair. */
const MASTER_PKI = [
  'apiserver.crt', 'apiserver.key', 'apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key',
  'ca.crt', 'ca.key', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub',
  'etcd/ca.crt', 'etcd/ca.key', 'etcd/healthcheck-client.crt', 'etcd/healthcheck-client.key', 'etcd/peer.crt', 'etcd/peer.key', 'etcd/server.crt', 'etcd/server.key',
];

/**
 * Every file of a node under /etc/kubernetes. `apiServer` is the address the kubeconfigs of the
 * whole cluster name (admin.conf, kubelet.conf); controller-manager.conf and scheduler.conf name
 * the master's own API server (kubeadm ≥ v1.22 writes the local endpoint there).
 */
/** The files of each node, per set of seeded pods (shared by every simulation of a process): they are only read. */
const built = new WeakMap<readonly K8sObject[], Map<string, readonly HostFile[]>>();

export function hostFiles(o: { node: ClusterNode; pods: readonly K8sObject[]; apiServer: string; /** The node of `kubeadm init` (the others joined). */ init?: boolean }): readonly HostFile[] {
  let byNode = built.get(o.pods);
  if (!byNode) built.set(o.pods, (byNode = new Map()));
  const key = `${o.node.name}\0${o.apiServer}\0${o.init ? 1 : 0}`;
  let files = byNode.get(key);
  if (!files) byNode.set(key, (files = Object.freeze(buildHostFiles(o).map((f) => Object.freeze(f)))));
  return files;
}

function buildHostFiles(o: { node: ClusterNode; pods: readonly K8sObject[]; apiServer: string; init?: boolean }): HostFile[] {
  const out: HostFile[] = [];
  const master = o.node.role === 'control-plane';
  if (master) {
    const mirrors = o.pods.filter((p) => p.spec?.nodeName === o.node.name && p.metadata?.ownerReferences?.some((r: Json) => r.kind === 'Node'));
    for (const p of [...mirrors].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))) {
      out.push({ path: `${MANIFESTS_DIR}/${String(p.metadata.labels?.component ?? p.metadata.name)}.yaml`, content: staticPodManifest(p), mode: 0o600 });
    }
    const local = `https://${o.node.ip}:6443`;
    out.push({ path: `${KUBERNETES_DIR}/admin.conf`, content: kubeconfig(o.apiServer, 'kubernetes-admin'), mode: 0o600 });
    // kubeadm ≥ v1.29: the break-glass super-admin.conf (group system:masters), on the init node only
    if (o.init) out.push({ path: `${KUBERNETES_DIR}/super-admin.conf`, content: kubeconfig(o.apiServer, 'kubernetes-super-admin'), mode: 0o600 });
    out.push({ path: `${KUBERNETES_DIR}/controller-manager.conf`, content: kubeconfig(local, 'system:kube-controller-manager'), mode: 0o600 });
    out.push({ path: `${KUBERNETES_DIR}/scheduler.conf`, content: kubeconfig(local, 'system:kube-scheduler'), mode: 0o600 });
  }
  out.push({ path: `${KUBERNETES_DIR}/kubelet.conf`, content: kubeletKubeconfig(o.apiServer, o.node.name, !!o.init), mode: 0o600 });
  out.push({ path: KUBELET_CONFIG_PATH, content: kubeletConfiguration(), mode: 0o644 });
  // unverified: only ca.crt has its content (the cluster's CA certificate, cluster-ca.ts); the
  // other certificates and keys are kubeadm's names and modes with no content (the engine holds
  // no other certificate nor any key).
  for (const f of master ? MASTER_PKI : ['ca.crt']) {
    out.push({ path: `${KUBERNETES_DIR}/pki/${f}`, content: f === 'ca.crt' ? CLUSTER_CA_CRT : '', mode: f.endsWith('.crt') ? 0o644 : 0o600 });
  }
  return out;
}
