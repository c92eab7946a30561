/**
 * kube-apiserver: the only writer to the store. Admission (decoding, defaulting, validation by
 * api/), server-set fields (uid, creationTimestamp, generation, pod status, ClusterIPs),
 * graceful deletion, binding, and the kubelet's status writes.
 */
import { jsonEqual, type Store } from './store';
import type { EventQueue } from '../sim/queue';
import type { Prng } from '../sim/prng';
import type { K8sObject, VirtualMs } from '../types';
import type { ApplyOutcome } from '../kubectl/types';
import type { DecodeResult, FieldCause } from '../api/types';
import { decode } from '../api/decode';
import { admit } from '../api/admit';
import { rfc3339 } from '../sim/time';
import { pluralOf, resourceForKind, STORED_KINDS } from './resources';
import { clone } from './store';
import { dependentsOf } from '../control-plane/workloads';
import { generateJobSelector } from '../api/batch-defaults';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ApiServerDeps {
  queue: EventQueue;
  store: Store;
  prng: Prng;
  /** Allocate a ClusterIP (and NodePorts) for a new Service; returns an error text when the range is full. */
  allocateService(svc: K8sObject): string | undefined;
  releaseService(svc: K8sObject): void;
  log(component: string, message: string): void;
}

export interface CreateOptions {
  dryRun?: 'client' | 'server';
  /** `kubectl apply` records last-applied-configuration and updates existing objects. */
  mode: 'create' | 'apply' | 'replace';
  fileName: string;
  namespace?: string;
  /** Namespaces created by earlier documents of the same file (a dry run of the whole file). */
  assumeNamespaces?: Set<string>;
}

/** QoS class from requests and limits (pkg/apis/core/v1/helper/qos). */
export function qosClass(pod: K8sObject): string {
  const cs: Json[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && String(req[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export class ApiServer {
  constructor(private d: ApiServerDeps) {}

  private get now(): VirtualMs {
    return this.d.queue.now;
  }

  /** `kubectl create|apply|replace -f <file>` with a text of YAML documents. */
  /** `decoded`: the text's `decode()` result when the caller already has it, its objects unchanged (decode is pure). */
  applyText(text: string, opts: CreateOptions, decoded?: DecodeResult): ApplyOutcome {
    const dec = decoded ?? decode(text, { fileName: opts.fileName });
    const errors = dec.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) return { ok: false, stdout: [], stderr: dedupe(errors.map((e) => e.message)) };
    const out: ApplyOutcome = { ok: true, stdout: [], stderr: [] };
    if (!dec.documents.length) {
      out.ok = false;
      out.stderr.push('error: no objects passed to ' + opts.mode);
      return out;
    }
    for (const doc of dec.documents) {
      const r = this.submit(doc.object, opts);
      out.stdout.push(...r.stdout);
      out.stderr.push(...r.stderr);
      if (!r.ok) out.ok = false;
    }
    return out;
  }

  /** Create (or apply) one decoded object. */
  submit(input: K8sObject, opts: CreateOptions): ApplyOutcome & { object?: K8sObject; causes?: FieldCause[] } {
    const obj = clone(input);
    const res = resourceForKind(obj.kind);
    const namespaced = res?.namespaced ?? true;
    const ns = namespaced ? obj.metadata.namespace ?? opts.namespace ?? 'default' : undefined;
    if (namespaced) obj.metadata.namespace = ns;
    const plural = pluralOf(obj.kind);
    const name = obj.metadata.name ?? '';
    const kindLower = obj.kind.toLowerCase();
    const verb = opts.mode === 'replace' ? 'replacing' : 'creating';
    // without a file (kubectl run, create deployment …) the API server's error is printed alone
    const fileErr = (m: string) => `Error from server (${m.split(':')[0]}): ${opts.fileName ? `error when ${verb} "${opts.fileName}": ` : ''}${m.slice(m.indexOf(':') + 2)}`;

    if (!STORED_KINDS.has(obj.kind) || obj.kind === 'Event' || obj.kind === 'Node' || obj.kind === 'Lease' || obj.kind === 'Endpoints' || obj.kind === 'EndpointSlice') {
      if (!['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Pod', 'Service', 'Deployment', 'ReplicaSet', 'Job', 'CronJob', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) {
        return { ok: false, stdout: [], stderr: [`Error from server (Forbidden): error when ${verb} "${opts.fileName}": ${plural} is forbidden: the playground does not simulate ${obj.kind} objects`] };
      }
    }
    const nsObj = ns ? this.d.store.peek('Namespace', undefined, ns) : undefined;
    if (ns && ns !== 'default' && !nsObj && obj.kind !== 'Namespace' && !opts.assumeNamespaces?.has(ns)) {
      return { ok: false, stdout: [], stderr: [fileErr(`NotFound: namespaces "${ns}" not found`)] };
    }
    if (nsObj?.metadata.deletionTimestamp && obj.kind !== 'Namespace') {
      return { ok: false, stdout: [], stderr: [fileErr(`Forbidden: ${plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`)] };
    }
    const existing = this.d.store.peek(obj.kind, ns, name);
    if (existing && opts.mode === 'create') {
      return { ok: false, stdout: [], stderr: [fileErr(`AlreadyExists: ${plural} "${name}" already exists`)] };
    }
    // PUT (kubectl replace, kubectl edit's update) needs the object; it replaces it whole, no merge
    if (!existing && opts.mode === 'replace') {
      return { ok: false, stdout: [], stderr: [fileErr(`NotFound: ${plural} "${name}" not found`)] };
    }
    const adm = admit(obj, { operation: existing ? 'UPDATE' : 'CREATE', existing, namespace: ns ?? '', fileName: opts.fileName, nameSuffix: this.d.prng.nameSuffix(), mode: opts.mode === 'replace' ? 'replace' : 'apply' } as never);
    const warnings = adm.warnings.map((w) => `Warning: ${w}`);
    if (!adm.ok || !adm.object) {
      return { ok: false, stdout: [], stderr: [...warnings, adm.message ?? `The ${obj.kind} "${name}" is invalid`], causes: adm.causes };
    }
    const o = adm.object;
    if (opts.mode === 'apply') {
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(lastApplied(input, ns)) + '\n' };
    }
    const dry = opts.dryRun ? ` (${opts.dryRun} dry run)` : '';
    if (opts.dryRun) return { ok: true, stdout: [`${kindLower}${groupSuffix(o.apiVersion)}/${name} ${existing ? 'configured' : 'created'}${dry}`], stderr: warnings, object: o };

    if (existing) {
      const updated = clone(existing);
      updated.metadata.labels = o.metadata.labels;
      updated.metadata.annotations = o.metadata.annotations;
      if (obj.kind === 'Pod') updated.spec = o.spec;
      else updated.spec = o.spec;
      if (o.data !== undefined) updated.data = o.data;
      const done = opts.mode === 'replace' ? 'replaced' : 'configured';
      if (JSON.stringify(updated) === JSON.stringify(existing)) return { ok: true, stdout: [`${kindLower}${groupSuffix(o.apiVersion)}/${name} ${opts.mode === 'replace' ? 'replaced' : 'unchanged'}`], stderr: warnings };
      if (updated.metadata.generation !== undefined && JSON.stringify(updated.spec) !== JSON.stringify(existing.spec)) updated.metadata.generation = Number(updated.metadata.generation) + 1;
      this.d.store.update(updated);
      this.d.log('kube-apiserver', `PUT ${plural}/${name} in ${ns ?? 'cluster'}: updated`);
      return { ok: true, stdout: [`${kindLower}${groupSuffix(o.apiVersion)}/${name} ${done}`], stderr: warnings };
    }
    const created = this.createObject(o);
    if (typeof created === 'string') return { ok: false, stdout: [], stderr: [...warnings, fileErr(created)] };
    return { ok: true, stdout: [`${kindLower}${groupSuffix(o.apiVersion)}/${name} created`], stderr: warnings, object: created };
  }

  /** Store a new, already admitted object with the server-set fields. Returns an error text `Reason: message` on failure. */
  createObject(o: K8sObject): K8sObject | string {
    o.metadata.uid = this.d.prng.uuid();
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + this.d.prng.nameSuffix();
    if (['Deployment', 'ReplicaSet', 'Job', 'CronJob', 'DaemonSet', 'StatefulSet'].includes(o.kind)) o.metadata.generation = 1;
    if (o.kind === 'Job') generateJobSelector(o);
    if (o.kind === 'Pod') {
      o.status = { phase: 'Pending', qosClass: qosClass(o) };
    }
    if (o.kind === 'Service') {
      const err = this.d.allocateService(o);
      if (err) return err;
    }
    if (o.kind === 'Namespace') o.status = { phase: 'Active' };
    if (['Deployment', 'ReplicaSet', 'Job', 'CronJob', 'DaemonSet', 'StatefulSet'].includes(o.kind)) o.status = {};
    const stored = this.d.store.create(o, this.now);
    if (!stored) return `AlreadyExists: ${pluralOf(o.kind)} "${o.metadata.name}" already exists`;
    const where = o.metadata.namespace ? `namespaces/${o.metadata.namespace}/` : '';
    const prefix = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
    this.d.log('kube-apiserver', `POST ${prefix}/${where}${pluralOf(o.kind)} → admitted ${o.kind} ${o.metadata.name} (defaults applied, validation passed)`);
    this.d.log('etcd', `put /registry/${pluralOf(o.kind)}/${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name} (resourceVersion ${stored.metadata.resourceVersion})`);
    return stored;
  }

  /**
   * DELETE with a grace period (registry/rest/delete.go, pod strategy CheckGracefulDelete):
   * pods that are unscheduled or already terminal go at once; others get a deletionTimestamp
   * in the future and wait for the kubelet.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: { gracePeriodSeconds?: number; force?: boolean } = {}): { ok: boolean; error?: string } {
    const obj = this.d.store.peek(kind, namespace, name);
    if (!obj) return { ok: false, error: `Error from server (NotFound): ${pluralOf(kind)} "${name}" not found` };
    if (kind === 'Namespace') return this.deleteNamespace(obj);
    if (kind !== 'Pod') {
      // The garbage collector deletes the dependents in the background.
      for (const dep of dependentsOf(this.d.store, obj)) this.delete(dep.kind, dep.metadata.namespace, dep.metadata.name ?? '');
      this.d.store.remove(kind, namespace, name);
      if (kind === 'Service') this.d.releaseService(obj);
      if (kind === 'Namespace') this.deleteNamespaceContents(name);
      this.d.log('kube-apiserver', `DELETE ${pluralOf(kind)}/${name}`);
      return { ok: true };
    }
    let grace = opts.gracePeriodSeconds ?? Number(obj.spec?.terminationGracePeriodSeconds ?? 30);
    if (grace < 0) grace = 1;
    const phase = obj.status?.phase;
    if (!obj.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed' || opts.force || grace === 0) grace = 0;
    if (obj.metadata.deletionTimestamp) {
      const cur = Number(obj.metadata.deletionGracePeriodSeconds ?? 0);
      if (grace >= cur && grace !== 0) return { ok: true };
    }
    if (grace === 0) {
      this.d.store.remove(kind, namespace, name);
      this.d.log('kube-apiserver', `DELETE pods/${name} (grace period 0): removed from etcd`);
      return { ok: true };
    }
    const upd = clone(obj);
    upd.metadata.deletionTimestamp = rfc3339(this.now + grace * 1000);
    upd.metadata.deletionGracePeriodSeconds = grace;
    this.d.store.update(upd);
    this.d.log('kube-apiserver', `DELETE pods/${name}: graceful, deletionTimestamp set ${grace}s ahead; the kubelet will stop the containers`);
    return { ok: true };
  }

  /**
   * DELETE of a namespace: the NamespaceLifecycle plugin keeps the immortal ones; any other turns
   * Terminating (deletionTimestamp, phase) and its content is deleted; the namespace controller
   * (control-plane/namespaces.ts) removes it once the content is gone.
   */
  private deleteNamespace(obj: K8sObject): { ok: boolean; error?: string } {
    const name = obj.metadata.name ?? '';
    if (['default', 'kube-system', 'kube-public'].includes(name)) {
      return { ok: false, error: `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted` };
    }
    if (obj.metadata.deletionTimestamp) return { ok: true };
    const upd = clone(obj);
    upd.metadata.deletionTimestamp = rfc3339(this.now);
    upd.metadata.deletionGracePeriodSeconds = 0;
    upd.status = { ...(upd.status ?? {}), phase: 'Terminating' };
    this.d.store.update(upd);
    this.d.log('kube-apiserver', `DELETE namespaces/${name}: Terminating; the namespace controller deletes its content`);
    this.deleteNamespaceContents(name);
    return { ok: true };
  }

  /** The namespace controller's last step: the namespace is empty, remove what is left and the namespace. */
  finalizeNamespace(name: string): void {
    for (const kind of STORED_KINDS) {
      if (kind === 'Namespace') continue;
      for (const o of this.d.store.peekList(kind, name)) this.d.store.remove(kind, name, o.metadata.name ?? '');
    }
    if (this.d.store.remove('Namespace', undefined, name)) this.d.log('kube-apiserver', `DELETE namespaces/${name}: finalized, removed from etcd`);
  }

  private deleteNamespaceContents(ns: string): void {
    for (const kind of STORED_KINDS) {
      for (const o of this.d.store.peekList(kind, ns)) this.delete(kind, ns, o.metadata.name ?? '');
    }
  }

  /**
   * PATCH/PUT of a stored object by a client (`kubectl scale`, `set image`, `rollout restart`,
   * `cordon`): a spec change bumps metadata.generation; a pod may only change images.
   */
  patch(kind: string, namespace: string | undefined, name: string, mutate: (o: K8sObject) => void): { ok: true; object: K8sObject; changed: boolean } | { ok: false; error: string } {
    const cur = this.d.store.get(kind, namespace, name);
    if (!cur) return { ok: false, error: `Error from server (NotFound): ${pluralOf(kind)} "${name}" not found` };
    const next = clone(cur);
    mutate(next);
    if (kind === 'Pod') {
      const strip = (o: K8sObject) => JSON.stringify({ ...o.spec, containers: (o.spec?.containers ?? []).map((c: Json) => ({ ...c, image: '' })), initContainers: (o.spec?.initContainers ?? []).map((c: Json) => ({ ...c, image: '' })) });
      if (strip(next) !== strip(cur)) return { ok: false, error: `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)` };
    }
    const specChanged = JSON.stringify(next.spec) !== JSON.stringify(cur.spec);
    if (specChanged && cur.metadata.generation !== undefined) next.metadata.generation = Number(cur.metadata.generation) + 1;
    const stored = this.d.store.update(next);
    if (!stored) return { ok: false, error: `Error from server (Conflict): the object has been modified; please apply your changes to the latest version and try again` };
    if (specChanged) this.d.log('kube-apiserver', `PATCH ${pluralOf(kind)}/${name}: spec updated`);
    return { ok: true, object: stored, changed: specChanged || JSON.stringify(next.metadata) !== JSON.stringify(cur.metadata) };
  }

  /** POST pods/<name>/binding, as the scheduler does. */
  bind(pod: K8sObject, node: string): boolean {
    const cur = this.d.store.get('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.spec.nodeName) return false;
    cur.spec.nodeName = node;
    const conds: Json[] = (cur.status.conditions ?? []).filter((c: Json) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.now) });
    cur.status.conditions = conds;
    this.d.store.update(cur);
    return true;
  }

  /** PUT pods/<name>/status from the kubelet. */
  updatePodStatus(pod: K8sObject, status: Json): void {
    // The kubelet writes the status on every sync; most writes change nothing. The store keeps
    // such an update out of etcd by comparing the JSON texts: compare the statuses first, on the
    // stored object, without copying the pod three times (an object's JSON is its copy's JSON).
    const stored = this.d.store.peek('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!stored || stored.metadata.uid !== pod.metadata.uid) return;
    const next = { ...status, qosClass: stored.status?.qosClass ?? status.qosClass };
    if (stored.status !== undefined && jsonEqual(next, stored.status)) return;
    const cur = this.d.store.get('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
    cur.status = { ...status, qosClass: cur.status?.qosClass ?? status.qosClass };
    this.d.store.update(cur);
  }

  /** The kubelet's final delete once a deleted pod's containers are stopped. */
  deletePodFinal(pod: K8sObject): void {
    const cur = this.d.store.peek('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
    this.d.store.remove('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    this.d.log('kube-apiserver', `DELETE pods/${pod.metadata.name} (grace period 0, from kubelet): removed from etcd`);
  }
}

function groupSuffix(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : `.${apiVersion.slice(0, i)}`;
}

function dedupe(a: string[]): string[] {
  return [...new Set(a)];
}

/** What kubectl apply stores in last-applied-configuration: the object as submitted, compact JSON with sorted keys. */
function lastApplied(input: K8sObject, ns: string | undefined): Json {
  const o = clone(input);
  if (ns && !o.metadata.namespace) o.metadata.namespace = ns;
  return sortKeys(o);
}

function sortKeys(v: unknown): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const k of Object.keys(v as Json).sort()) out[k] = sortKeys((v as Json)[k]);
    return out;
  }
  return v;
}
