/**
 * What `kubectl apply` sends for an existing object, applied to the live object: a three-way
 * strategic merge of the live object, the last-applied configuration (the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation) and the new manifest. Fields of
 * the manifest win; fields the last apply had and the manifest dropped are deleted; fields only
 * the cluster set (defaults, the service-account volume, nodeName) stay. Lists with a strategic
 * merge key (containers by name, ports by containerPort or port, env by name, …) merge item by
 * item (k8s.io/api patchMergeKey tags); other lists are replaced.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The merge key of a list field, by field name (and its parent's name for `ports`). */
function mergeKey(field: string, parent: string): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'ports':
      return parent === 'spec' ? 'port' : 'containerPort';
    default:
      return undefined;
  }
}

function merge(live: unknown, last: unknown, next: unknown, field: string, parent: string): unknown {
  if (isObj(next) && isObj(live)) {
    const out: Obj = { ...live };
    const lastObj = isObj(last) ? last : {};
    for (const k of Object.keys(lastObj)) if (!(k in next)) delete out[k];
    for (const k of Object.keys(next)) {
      if (next[k] === null) delete out[k];
      else out[k] = merge(live[k], lastObj[k], next[k], k, field);
    }
    return out;
  }
  const key = mergeKey(field, parent);
  if (key && Array.isArray(next) && Array.isArray(live)) {
    const lastList = Array.isArray(last) ? last.filter(isObj) : [];
    const nextKeys = new Set(next.filter(isObj).map((x) => String(x[key])));
    const out: unknown[] = [];
    for (const item of live) {
      if (!isObj(item)) continue;
      const k = String(item[key]);
      if (nextKeys.has(k)) continue; // replaced below, in the manifest's order
      if (lastList.some((l) => String(l[key]) === k)) continue; // dropped from the manifest
      out.push(item);
    }
    const merged = next.map((n) => {
      if (!isObj(n)) return n;
      const l = live.find((x) => isObj(x) && String(x[key]) === String(n[key]));
      const prev = lastList.find((x) => String(x[key]) === String(n[key]));
      return l ? merge(l, prev, n, '', field) : n;
    });
    return [...merged, ...out];
  }
  return next;
}

/** The object the API server receives for `kubectl apply` on an existing object. */
export function applyPatch(live: Obj, manifest: Obj): Obj {
  let last: Obj = {};
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  if (typeof text === 'string') {
    try {
      const parsed = JSON.parse(text);
      if (isObj(parsed)) last = parsed;
    } catch {
      last = {};
    }
  }
  const base = JSON.parse(JSON.stringify(live)) as Obj;
  delete base.status;
  return merge(base, last, JSON.parse(JSON.stringify(manifest)), '', '') as Obj;
}
