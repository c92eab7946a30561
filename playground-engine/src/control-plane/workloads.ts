/**
 * The ReplicaSet and Deployment controllers of kube-controller-manager (pkg/controller/
 * replicaset, pkg/controller/deployment), reduced to what a reader meets: a ReplicaSet keeps
 * `replicas` pods of its template alive (SuccessfulCreate / SuccessfulDelete events); a
 * Deployment owns one ReplicaSet per template (named after the pod-template-hash) and rolls
 * from the old to the new within maxSurge / maxUnavailable (ScalingReplicaSet events), or
 * recreates. Both watch through the store and write through the API server.
 */
import type { EventQueue } from '../sim/queue';
import type { Store } from '../store/store';
import type { EventRecorder } from '../store/events';
import { refTo } from '../store/events';
import type { K8sObject } from '../types';
import { clone } from '../store/store';
import { parseTime, rfc3339 } from '../sim/time';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const CONTROLLER_DELAY_MS = 20;

export interface WorkloadDeps {
  queue: EventQueue;
  store: Store;
  recorder: EventRecorder;
  /** Create a pod through the API server (admission and defaults); returns the stored pod. */
  createPod(pod: K8sObject): K8sObject | undefined;
  /** Create a ReplicaSet through the API server. */
  createReplicaSet(rs: K8sObject): K8sObject | undefined;
  deletePod(namespace: string, name: string): void;
  /** A 5-character generated-name suffix. */
  suffix(): string;
  log(message: string): void;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte of the string picks a character of a vowel-free alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE[s.charCodeAt(i) % SAFE.length];
  return out;
}

/** FNV-1a 32 over a canonical form of the template (ComputeHash), safe-encoded. */
export function podTemplateHash(template: Json, collisionCount = 0): string {
  let h = 0x811c9dc5;
  const s = canonical(template) + (collisionCount ? String(collisionCount) : '');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return safeEncode(String(h >>> 0));
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v as Json).sort().map((k) => `${k}:${canonical((v as Json)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** EqualIgnoreHash (pkg/controller/deployment/util): two pod templates equal but for the pod-template-hash label. */
export function equalIgnoreHash(a: Json | undefined, b: Json | undefined): boolean {
  const strip = (t: Json | undefined): Json => {
    const c: Json = clone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return c;
  };
  return canonical(strip(a)) === canonical(strip(b));
}

function selectorMatches(sel: Json | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const ml: Record<string, string> = sel.matchLabels ?? {};
  for (const k of Object.keys(ml)) if (labels?.[k] !== ml[k]) return false;
  for (const e of sel.matchExpressions ?? []) {
    const v = labels?.[e.key];
    if (e.operator === 'In' && !(v !== undefined && e.values?.includes(v))) return false;
    if (e.operator === 'NotIn' && v !== undefined && e.values?.includes(v)) return false;
    if (e.operator === 'Exists' && v === undefined) return false;
    if (e.operator === 'DoesNotExist' && v !== undefined) return false;
  }
  return Object.keys(ml).length > 0 || (sel.matchExpressions ?? []).length > 0;
}

function ownedBy(o: K8sObject, owner: K8sObject): boolean {
  return (o.metadata.ownerReferences ?? []).some((r: Json) => r.controller && r.uid === owner.metadata.uid);
}

function isActive(p: K8sObject): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

function isReady(p: K8sObject): boolean {
  return (p.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
}

function ownerRef(owner: K8sObject): { apiVersion: string; kind: string; name: string; uid: string; controller: boolean; blockOwnerDeletion: boolean } {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** An int-or-percent of `total` (intstr.GetScaledValueFromIntOrPercent). */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? ''));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export class WorkloadControllers {
  private pendingRs = new Set<string>();
  private pendingDeploy = new Set<string>();

  constructor(private d: WorkloadDeps) {
    d.store.watch('ReplicaSet', (type, rs) => {
      if (type !== 'DELETED') this.queueRs(rs);
      for (const owner of rs.metadata.ownerReferences ?? []) {
        if (owner.kind === 'Deployment') this.queueDeploy(rs.metadata.namespace ?? 'default', owner.name);
      }
    });
    d.store.watch('Deployment', (type, dep) => {
      if (type !== 'DELETED') this.queueDeploy(dep.metadata.namespace ?? 'default', dep.metadata.name ?? '');
    });
    d.store.watch('Pod', (_type, pod) => {
      for (const owner of pod.metadata.ownerReferences ?? []) {
        if (owner.kind === 'ReplicaSet') {
          const rs = d.store.peek('ReplicaSet', pod.metadata.namespace, owner.name);
          if (rs) this.queueRs(rs);
        }
      }
    });
    // the informers' initial list: what the store already holds (the cluster's add-ons) is synced once
    for (const rs of d.store.peekList('ReplicaSet')) this.queueRs(rs);
    for (const dep of d.store.peekList('Deployment')) this.queueDeploy(dep.metadata.namespace ?? 'default', dep.metadata.name ?? '');
  }

  private queueRs(rs: K8sObject): void {
    const key = `${rs.metadata.namespace}/${rs.metadata.name}`;
    if (this.pendingRs.has(key)) return;
    this.pendingRs.add(key);
    this.d.queue.after(CONTROLLER_DELAY_MS, () => {
      this.pendingRs.delete(key);
      this.syncReplicaSet(rs.metadata.namespace ?? 'default', rs.metadata.name ?? '');
    }, 'replicaset controller');
  }

  private queueDeploy(ns: string, name: string): void {
    const key = `${ns}/${name}`;
    if (this.pendingDeploy.has(key)) return;
    this.pendingDeploy.add(key);
    this.d.queue.after(CONTROLLER_DELAY_MS, () => {
      this.pendingDeploy.delete(key);
      this.syncDeployment(ns, name);
    }, 'deployment controller');
  }

  // ---- ReplicaSet ----------------------------------------------------------------------

  private syncReplicaSet(ns: string, name: string): void {
    const rs = this.d.store.get('ReplicaSet', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const pods = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, rs));
    const active = pods.filter(isActive);
    const want = Number(rs.spec?.replicas ?? 1);
    const diff = want - active.length;
    const src = { component: 'replicaset-controller' };
    if (diff > 0) {
      for (let i = 0; i < Math.min(diff, 500); i++) {
        const tpl = clone(rs.spec?.template ?? {});
        const pod: K8sObject = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { ...(tpl.metadata ?? {}), name: `${name}-${this.d.suffix()}`, generateName: `${name}-`, namespace: ns, ownerReferences: [ownerRef(rs)] },
          spec: tpl.spec ?? {},
        };
        const created = this.d.createPod(pod);
        if (created) {
          this.d.recorder.record(src, refTo(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
          this.d.log(`replicaset-controller: ${ns}/${name} wants ${want} pods, created ${created.metadata.name}`);
        }
      }
    } else if (diff < 0) {
      // getPodsToDelete: unscheduled, then pending, then not ready, then the newest first.
      const rank = (p: K8sObject) => (!p.spec?.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : !isReady(p) ? 2 : 3);
      const victims = [...active].sort((a, b) => rank(a) - rank(b) || parseTime(b.metadata.creationTimestamp ?? '') - parseTime(a.metadata.creationTimestamp ?? '')).slice(0, -diff);
      for (const p of victims) {
        this.d.deletePod(ns, p.metadata.name ?? '');
        this.d.recorder.record(src, refTo(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      }
    }
    const fresh = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, rs) && isActive(p));
    const ready = fresh.filter(isReady).length;
    const status: Json = {
      replicas: fresh.length,
      fullyLabeledReplicas: fresh.length,
      readyReplicas: ready || undefined,
      availableReplicas: ready || undefined,
      observedGeneration: rs.metadata.generation,
    };
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(rs.status ?? {})) {
      rs.status = status;
      this.d.store.update(rs);
    }
  }

  // ---- Deployment ----------------------------------------------------------------------

  private syncDeployment(ns: string, name: string): void {
    const dep = this.d.store.get('Deployment', ns, name);
    if (!dep || dep.metadata.deletionTimestamp) return;
    const desired = Number(dep.spec?.replicas ?? 1);
    // Copies: scale() keeps its view of each ReplicaSet's replicas up to date as it writes.
    const all = this.d.store.peekList('ReplicaSet', ns).filter((rs) => ownedBy(rs, dep)).map(clone);
    const template = clone(dep.spec?.template ?? {});
    const hash = podTemplateHash(template, Number(dep.status?.collisionCount ?? 0));
    // FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, the
    // pod-template-hash label aside (EqualIgnoreHash), whatever its name
    let newRs = [...all].sort((a, b) => parseTime(a.metadata.creationTimestamp ?? '') - parseTime(b.metadata.creationTimestamp ?? '')).find((rs) => equalIgnoreHash(rs.spec?.template, template));
    const old = all.filter((rs) => rs !== newRs);
    const revision = Math.max(0, ...all.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)));
    const strategy = dep.spec?.strategy ?? { type: 'RollingUpdate' };
    const maxSurge = strategy.type === 'Recreate' ? 0 : scaled(strategy.rollingUpdate?.maxSurge ?? '25%', desired, true);
    let maxUnavailable = strategy.type === 'Recreate' ? desired : scaled(strategy.rollingUpdate?.maxUnavailable ?? '25%', desired, false);
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    const src = { component: 'deployment-controller' };
    const scale = (rs: K8sObject, to: number) => {
      const from = Number(rs.spec?.replicas ?? 0);
      if (from === to) return;
      const u = this.d.store.get('ReplicaSet', ns, rs.metadata.name ?? '');
      if (!u) return;
      u.spec.replicas = to;
      u.metadata.annotations = { ...(u.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + maxSurge) };
      this.d.store.update(u);
      rs.spec.replicas = to;
      this.d.recorder.record(src, refTo(dep), 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`);
    };

    // a paused Deployment is only scaled, never rolled out (sync instead of rolloutRolling)
    if (dep.spec?.paused && !newRs) return;
    if (newRs) {
      // getNewReplicaSet: a ReplicaSet brought back (rollout undo) takes the next revision
      const maxOld = Math.max(0, ...old.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)));
      const cur = Number(newRs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      if (cur <= maxOld) {
        const u = this.d.store.get('ReplicaSet', ns, newRs.metadata.name ?? '');
        if (u) {
          u.metadata.annotations = { ...(u.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': String(maxOld + 1) };
          this.d.store.update(u);
          newRs.metadata.annotations = u.metadata.annotations;
        }
        dep.metadata.annotations = { ...(dep.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': String(maxOld + 1) };
        this.d.store.update(dep);
      }
    }
    if (!newRs) {
      const oldPods = old.reduce((a, rs) => a + Number(rs.spec?.replicas ?? 0), 0);
      let initial = desired;
      if (oldPods > 0) initial = strategy.type === 'Recreate' ? 0 : Math.max(0, Math.min(desired, desired + maxSurge - oldPods));
      const rs: K8sObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + maxSurge),
            'deployment.kubernetes.io/revision': String(revision + 1),
          },
          ownerReferences: [ownerRef(dep)],
        },
        spec: {
          replicas: 0,
          selector: { matchLabels: { ...(dep.spec?.selector?.matchLabels ?? {}), 'pod-template-hash': hash }, ...(dep.spec?.selector?.matchExpressions ? { matchExpressions: dep.spec.selector.matchExpressions } : {}) },
          template: { ...template, metadata: { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } } },
        },
      };
      const created = this.d.createReplicaSet(rs);
      if (!created) return;
      newRs = created;
      this.d.log(`deployment-controller: ${ns}/${name}: new ReplicaSet ${created.metadata.name} for template hash ${hash}`);
      if (initial > 0) scale(newRs, initial);
      dep.metadata.annotations = { ...(dep.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': String(revision + 1) };
      this.d.store.update(dep);
    } else if (strategy.type === 'Recreate') {
      const running = old.some((rs) => this.d.store.peekList('Pod', ns).some((p) => ownedBy(p, rs) && !['Succeeded', 'Failed'].includes(p.status?.phase)));
      for (const rs of old) scale(rs, 0);
      if (!running) scale(newRs, desired);
    } else {
      // reconcileNewReplicaSet
      const cur = Number(newRs.spec?.replicas ?? 0);
      if (cur > desired) scale(newRs, desired);
      else if (cur < desired) {
        const total = all.reduce((a, rs) => a + Number(rs.spec?.replicas ?? 0), 0);
        const room = desired + maxSurge - total;
        if (room > 0) scale(newRs, cur + Math.min(room, desired - cur));
      }
      // reconcileOldReplicaSets
      const minAvailable = desired - maxUnavailable;
      const available = all.reduce((a, rs) => a + Number(this.d.store.peek('ReplicaSet', ns, rs.metadata.name ?? '')?.status?.availableReplicas ?? 0), 0);
      let budget = available - minAvailable;
      const newUnavailable = Number(newRs.spec?.replicas ?? 0) - Number(newRs.status?.availableReplicas ?? 0);
      const allPods = all.reduce((a, rs) => a + Number(rs.spec?.replicas ?? 0), 0);
      budget = Math.min(budget, allPods - minAvailable - newUnavailable);
      for (const rs of [...old].sort((a, b) => parseTime(a.metadata.creationTimestamp ?? '') - parseTime(b.metadata.creationTimestamp ?? ''))) {
        if (budget <= 0) break;
        const n = Number(rs.spec?.replicas ?? 0);
        if (n === 0) continue;
        const down = Math.min(n, budget);
        scale(rs, n - down);
        budget -= down;
      }
    }

    // Status.
    const owned = this.d.store.peekList('ReplicaSet', ns).filter((rs) => ownedBy(rs, dep));
    const nrs = owned.find((rs) => rs.metadata.name === newRs?.metadata.name);
    const sum = (f: (rs: K8sObject) => number) => owned.reduce((a, rs) => a + f(rs), 0);
    const replicas = sum((rs) => Number(rs.status?.replicas ?? 0));
    const availableReplicas = sum((rs) => Number(rs.status?.availableReplicas ?? 0));
    const readyReplicas = sum((rs) => Number(rs.status?.readyReplicas ?? 0));
    const updatedReplicas = Number(nrs?.status?.replicas ?? 0);
    const now = rfc3339(this.d.queue.now);
    const oldConds: Json[] = dep.status?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string): Json => {
      const prev = oldConds.find((c) => c.type === type);
      const same = prev && prev.status === status && prev.reason === reason;
      return { type, status, lastUpdateTime: same && prev.message === message ? prev.lastUpdateTime : now, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, reason, message };
    };
    const availableOk = availableReplicas >= desired - maxUnavailable;
    const complete = updatedReplicas === desired && replicas === desired && availableReplicas === desired;
    const conditions = [
      availableOk
        ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
        : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      complete
        ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${nrs?.metadata.name}" has successfully progressed.`)
        : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${nrs?.metadata.name}" is progressing.`),
    ];
    const status: Json = { observedGeneration: dep.metadata.generation, replicas, updatedReplicas, readyReplicas, availableReplicas, conditions };
    if (replicas - availableReplicas > 0) status.unavailableReplicas = replicas - availableReplicas;
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (!status[k]) delete status[k];
    const curDep = this.d.store.get('Deployment', ns, name);
    if (curDep && JSON.stringify(curDep.status ?? {}) !== JSON.stringify(status)) {
      curDep.status = status;
      this.d.store.update(curDep);
    }
  }
}

/** The garbage collector's cascade for a deleted owner: its dependents, recursively (background). */
export function dependentsOf(store: Store, owner: K8sObject): K8sObject[] {
  const out: K8sObject[] = [];
  for (const kind of ['ReplicaSet', 'Job', 'Pod']) {
    for (const o of store.peekList(kind, owner.metadata.namespace)) if (ownedBy(o, owner)) out.push(o);
  }
  return out;
}
