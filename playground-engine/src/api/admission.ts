/**
 * The default mutating admission plugins a v1.30 API server runs on a new Pod, after defaulting
 * and before validation:
 * - ServiceAccount (plugin/pkg/admission/serviceaccount): `serviceAccountName: default`, and a
 *   projected `kube-api-access-<5 chars>` volume (token 3607 s, kube-root-ca.crt, namespace)
 *   mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container;
 * - DefaultTolerationSeconds: tolerate not-ready and unreachable NoExecute for 300 s;
 * - Priority: `priority: 0` and `preemptionPolicy: PreemptLowerPriority` without a class.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';

export function admitPod(pod: Obj, suffix: string): void {
  const spec: Obj = pod.spec;
  // ServiceAccount
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName; // the deprecated field the v1 API returns too
  if (spec.automountServiceAccountToken !== false) mountToken(spec, suffix);
  // DefaultTolerationSeconds
  const tolerations = list(spec.tolerations);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
  // Priority
  if (!spec.priorityClassName && spec.priority === undefined) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
}

function mountToken(spec: Obj, suffix: string): void {
  const volumes = list(spec.volumes);
  let name = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(TOKEN_VOLUME_PREFIX))?.name as string | undefined;
  if (!name) {
    name = TOKEN_VOLUME_PREFIX + suffix;
    volumes.push({
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    });
  }
  spec.volumes = volumes;
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    const mounts = list(c.volumeMounts);
    if (!mounts.some((m) => m.mountPath === SA_MOUNT_PATH)) mounts.push({ name, readOnly: true, mountPath: SA_MOUNT_PATH });
    c.volumeMounts = mounts;
  }
}
