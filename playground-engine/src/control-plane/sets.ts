/**
 * The DaemonSet and StatefulSet controllers of kube-controller-manager (pkg/controller/daemon,
 * pkg/controller/statefulset, v1.30), reduced to what a reader meets.
 *
 * DaemonSet: one pod per node that should run it (nodeSelector, node affinity, and taints
 * tolerated — the notes' masters carry the control-plane NoSchedule taint), pinned to its node by
 * a `matchFields metadata.name` node affinity that the scheduler honours, with the daemon pod
 * tolerations; a changed template rolls node by node within maxUnavailable.
 *
 * StatefulSet: pods `<name>-0 … <name>-(n-1)` with stable hostnames under `serviceName`; with
 * OrderedReady the next ordinal is created only once the previous ones are Running and Ready, and
 * scale-down removes the highest ordinal first, one at a time.
 */
import type { EventQueue, Timer } from '../sim/queue';
import type { Store } from '../store/store';
import type { EventRecorder } from '../store/events';
import { refTo } from '../store/events';
import type { K8sObject } from '../types';
import { clone } from '../store/store';
import { CONTROLLER_DELAY_MS, podTemplateHash } from './workloads';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SetDeps {
  queue: EventQueue;
  store: Store;
  recorder: EventRecorder;
  createPod(pod: K8sObject): K8sObject | undefined;
  deletePod(namespace: string, name: string): void;
  suffix(): string;
  log(message: string): void;
}

const ownedBy = (o: K8sObject, owner: K8sObject) => (o.metadata.ownerReferences ?? []).some((r: Json) => r.controller && r.uid === owner.metadata.uid);
const isReady = (p: K8sObject) => (p.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
const terminal = (p: K8sObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const ownerRef = (o: K8sObject) => ({ apiVersion: 'apps/v1', kind: o.kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', controller: true, blockOwnerDeletion: true });

/** AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util). */
export function daemonPodTolerations(spec: Json): Json[] {
  const out: Json[] = [...(spec.tolerations ?? [])];
  const add = (key: string, effect: string) => {
    if (!out.some((t) => t.key === key && t.effect === effect && t.operator === 'Exists')) out.push({ key, operator: 'Exists', effect });
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return out;
}

function tolerates(tolerations: Json[], taint: Json): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function exprMatches(labels: Record<string, string>, e: Json): boolean {
  const v = labels[e.key];
  switch (e.operator) {
    case 'In': return v !== undefined && (e.values ?? []).includes(v);
    case 'NotIn': return v === undefined || !(e.values ?? []).includes(v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    case 'Gt': return v !== undefined && Number(v) > Number(e.values?.[0]);
    case 'Lt': return v !== undefined && Number(v) < Number(e.values?.[0]);
    default: return false;
  }
}

/** NodeShouldRunDaemonPod: the node matches the template's selector/affinity and its taints are tolerated. */
export function nodeShouldRun(node: K8sObject, podSpec: Json): boolean {
  const labels: Record<string, string> = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(podSpec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms: Json[] | undefined = podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const fields = { 'metadata.name': node.metadata.name ?? '' };
  if (terms?.length && !terms.some((t) => (t.matchExpressions ?? []).every((e: Json) => exprMatches(labels, e)) && (t.matchFields ?? []).every((e: Json) => exprMatches(fields, e)))) return false;
  const tol = daemonPodTolerations(podSpec);
  return (node.spec?.taints ?? []).every((t: Json) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerates(tol, t));
}

function nodeOfPod(p: K8sObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.[0];
  }
  return undefined;
}

export class SetControllers {
  private pending = new Map<string, Timer>();

  constructor(private d: SetDeps) {
    for (const kind of ['DaemonSet', 'StatefulSet']) {
      d.store.watch(kind, (type, o) => {
        if (type !== 'DELETED') this.enqueue(kind, o.metadata.namespace ?? 'default', o.metadata.name ?? '');
      });
    }
    d.store.watch('Pod', (_type, pod) => {
      for (const o of pod.metadata.ownerReferences ?? []) {
        if ((o.kind === 'DaemonSet' || o.kind === 'StatefulSet') && o.controller) this.enqueue(o.kind, pod.metadata.namespace ?? 'default', o.name);
      }
    });
    d.store.watch('Node', () => {
      for (const ds of d.store.peekList('DaemonSet')) this.enqueue('DaemonSet', ds.metadata.namespace ?? 'default', ds.metadata.name ?? '');
    });
    // the informers' initial list: what the store already holds (calico-node) is synced once
    for (const kind of ['DaemonSet', 'StatefulSet']) for (const o of d.store.peekList(kind)) this.enqueue(kind, o.metadata.namespace ?? 'default', o.metadata.name ?? '');
  }

  private enqueue(kind: string, ns: string, name: string): void {
    const key = `${kind}/${ns}/${name}`;
    if (this.pending.has(key)) return;
    this.pending.set(key, this.d.queue.after(CONTROLLER_DELAY_MS, () => {
      this.pending.delete(key);
      if (kind === 'DaemonSet') this.syncDaemonSet(ns, name);
      else this.syncStatefulSet(ns, name);
    }, `${kind.toLowerCase()} controller`));
  }

  private writeStatus(kind: string, ns: string, name: string, status: Json): void {
    const cur = this.d.store.get(kind, ns, name);
    if (cur && JSON.stringify(cur.status ?? {}) !== JSON.stringify(status)) {
      cur.status = status;
      this.d.store.update(cur);
    }
  }

  // ---- DaemonSet -------------------------------------------------------------------------

  private syncDaemonSet(ns: string, name: string): void {
    const ds = this.d.store.get('DaemonSet', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const src = { component: 'daemonset-controller' };
    const tpl: Json = ds.spec?.template ?? {};
    const hash = podTemplateHash(tpl, Number(ds.status?.collisionCount ?? 0));
    const nodes = this.d.store.peekList('Node');
    // a terminating pod still holds its node: the replacement waits until it is gone (maxSurge 0)
    let pods = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, ds));
    for (const p of pods.filter((x) => x.status?.phase === 'Failed' && !x.metadata.deletionTimestamp)) {
      this.d.recorder.record(src, refTo(ds), 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${p.metadata.name} on node ${p.spec?.nodeName}, will try to kill it`);
      this.d.deletePod(ns, p.metadata.name ?? '');
    }
    pods = pods.filter((p) => p.status?.phase !== 'Failed');
    const wanted = nodes.filter((n) => nodeShouldRun(n, tpl.spec ?? {}));
    const byNode = new Map<string, K8sObject[]>();
    for (const p of pods) {
      const n = nodeOfPod(p) ?? '';
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    let misscheduled = 0;
    for (const [n, ps] of byNode) {
      if (!wanted.some((w) => w.metadata.name === n)) {
        misscheduled += ps.filter((p) => p.spec?.nodeName).length;
        for (const p of ps.filter((x) => !x.metadata.deletionTimestamp)) {
          this.d.deletePod(ns, p.metadata.name ?? '');
          this.d.recorder.record(src, refTo(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        }
      }
    }
    const generation = String(ds.metadata.generation ?? 1);
    for (const node of wanted) {
      const nodeName = node.metadata.name ?? '';
      if ((byNode.get(nodeName) ?? []).length) continue;
      const t = clone(tpl);
      const spec: Json = t.spec ?? {};
      spec.tolerations = daemonPodTolerations(spec);
      const other = spec.affinity?.nodeAffinity ?? {};
      spec.affinity = { ...(spec.affinity ?? {}), nodeAffinity: { ...other, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } };
      const pod: K8sObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(t.metadata ?? {}),
          labels: { ...(t.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': generation },
          name: `${name}-${this.d.suffix()}`,
          generateName: `${name}-`,
          namespace: ns,
          ownerReferences: [ownerRef(ds)],
        },
        spec,
      };
      const created = this.d.createPod(pod);
      if (created) {
        this.d.recorder.record(src, refTo(ds), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        this.d.log(`daemonset-controller: ${ns}/${name} created ${created.metadata.name} for node ${nodeName}`);
      }
    }
    // rolling update: replace old pods while at most maxUnavailable nodes lack an available pod
    const strategy = ds.spec?.updateStrategy ?? {};
    if (strategy.type !== 'OnDelete') {
      const maxUnavailable = typeof strategy.rollingUpdate?.maxUnavailable === 'number' ? strategy.rollingUpdate.maxUnavailable : Math.max(1, Math.floor((Number.parseInt(String(strategy.rollingUpdate?.maxUnavailable ?? '1'), 10) * wanted.length) / 100));
      const current = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, ds) && !terminal(p));
      const unavailable = wanted.filter((n) => !current.some((p) => nodeOfPod(p) === n.metadata.name && isReady(p) && !p.metadata.deletionTimestamp)).length;
      let budget = maxUnavailable - unavailable;
      const old = current.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash && !p.metadata.deletionTimestamp).sort((a, b) => Number(isReady(a)) - Number(isReady(b)) || String(nodeOfPod(a)).localeCompare(String(nodeOfPod(b))));
      for (const p of old) {
        if (isReady(p) && budget <= 0) break;
        this.d.deletePod(ns, p.metadata.name ?? '');
        this.d.recorder.record(src, refTo(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        if (isReady(p)) budget--;
      }
    }
    // the status counts leave terminating pods out (getNodesToDaemonPods without deleted pods)
    const now = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, ds) && !terminal(p) && !p.metadata.deletionTimestamp);
    const on = (n: K8sObject) => now.filter((p) => nodeOfPod(p) === n.metadata.name && p.spec?.nodeName);
    const scheduled = wanted.filter((n) => on(n).length > 0);
    const ready = wanted.filter((n) => on(n).some(isReady)).length;
    const updated = wanted.filter((n) => on(n).some((p) => p.metadata.labels?.['controller-revision-hash'] === hash)).length;
    const status: Json = {
      currentNumberScheduled: scheduled.length,
      desiredNumberScheduled: wanted.length,
      numberAvailable: ready || undefined,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      numberUnavailable: wanted.length - ready || undefined,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated || undefined,
    };
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    this.writeStatus('DaemonSet', ns, name, status);
  }

  // ---- StatefulSet -----------------------------------------------------------------------

  private syncStatefulSet(ns: string, name: string): void {
    const sts = this.d.store.get('StatefulSet', ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const src = { component: 'statefulset-controller' };
    const spec: Json = sts.spec ?? {};
    const replicas = Number(spec.replicas ?? 1);
    const revision = `${name}-${podTemplateHash(spec.template ?? {}, Number(sts.status?.collisionCount ?? 0))}`;
    const ordered = spec.podManagementPolicy !== 'Parallel';
    const ordinal = (p: K8sObject) => {
      const m = /-(\d+)$/.exec(p.metadata.name ?? '');
      return m && p.metadata.name === `${name}-${m[1]}` ? Number(m[1]) : -1;
    };
    const pods = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, sts) && ordinal(p) >= 0).sort((a, b) => ordinal(a) - ordinal(b));
    const at = new Map(pods.map((p) => [ordinal(p), p]));
    const record = (verb: 'create' | 'delete', pod: string) =>
      this.d.recorder.record(src, refTo(sts), 'Normal', verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete', `${verb} Pod ${pod} in StatefulSet ${name} successful`);

    // failed pods are deleted and created again under the same name
    for (const p of pods) {
      if (terminal(p) && !p.metadata.deletionTimestamp) {
        this.d.deletePod(ns, p.metadata.name ?? '');
        record('delete', p.metadata.name ?? '');
        at.delete(ordinal(p));
      }
    }
    let blocked = false;
    let creations = 0;
    for (let i = 0; i < replicas && !blocked; i++) {
      const p = at.get(i);
      if (!p && creations >= 500) {
        // Parallel: at most 500 creations per sync (as the ReplicaSet controller), the rest on the next
        this.enqueue('StatefulSet', ns, name);
        break;
      }
      if (!p) {
        creations++;
        const tpl = clone(spec.template ?? {});
        const podName = `${name}-${i}`;
        const pod: K8sObject = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            ...(tpl.metadata ?? {}),
            labels: { ...(tpl.metadata?.labels ?? {}), 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName },
            name: podName,
            namespace: ns,
            ownerReferences: [ownerRef(sts)],
          },
          spec: { ...(tpl.spec ?? {}), hostname: podName, ...(spec.serviceName ? { subdomain: spec.serviceName } : {}) },
        };
        const created = this.d.createPod(pod);
        if (created) {
          record('create', podName);
          this.d.log(`statefulset-controller: ${ns}/${name} created ${podName}`);
        }
        if (ordered) blocked = true;
      } else if (ordered && (p.metadata.deletionTimestamp || p.status?.phase !== 'Running' || !isReady(p))) {
        blocked = true; // OrderedReady: wait for this ordinal before the next
      }
    }
    // scale down: the highest ordinal first; OrderedReady waits for each to be gone
    const extra = pods.filter((p) => ordinal(p) >= replicas).reverse();
    if (!blocked || !ordered) {
      for (const p of extra) {
        if (p.metadata.deletionTimestamp) {
          if (ordered) break;
          continue;
        }
        this.d.deletePod(ns, p.metadata.name ?? '');
        record('delete', p.metadata.name ?? '');
        if (ordered) break;
      }
    }
    // rolling update (partition 0): the highest ordinal with an old revision is replaced once all are ready
    if (spec.updateStrategy?.type !== 'OnDelete' && !blocked && !extra.length) {
      const partition = Number(spec.updateStrategy?.rollingUpdate?.partition ?? 0);
      const live = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, sts) && ordinal(p) >= 0 && ordinal(p) < replicas);
      const allReady = live.length === replicas && live.every((p) => isReady(p) && !p.metadata.deletionTimestamp);
      const stale = live.filter((p) => ordinal(p) >= partition && p.metadata.labels?.['controller-revision-hash'] !== revision).sort((a, b) => ordinal(b) - ordinal(a));
      if (allReady && stale.length) {
        this.d.deletePod(ns, stale[0].metadata.name ?? '');
        record('delete', stale[0].metadata.name ?? '');
      }
    }
    const live = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, sts) && ordinal(p) >= 0 && !terminal(p));
    const ready = live.filter(isReady).length;
    const updated = live.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length;
    const status: Json = {
      availableReplicas: ready,
      collisionCount: 0,
      currentReplicas: updated || undefined,
      currentRevision: revision,
      observedGeneration: sts.metadata.generation,
      readyReplicas: ready || undefined,
      replicas: live.length,
      updateRevision: revision,
      updatedReplicas: updated || undefined,
    };
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    this.writeStatus('StatefulSet', ns, name, status);
  }
}
