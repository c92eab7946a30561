/**
 * kube-scheduler: watches pods through the store, filters and scores nodes, and binds.
 *
 * Filters (the default plugins a reader meets): spec.nodeName already set (bound directly),
 * node unschedulable, NoSchedule/NoExecute taints (the control-plane taint, not-ready),
 * nodeSelector and required node affinity on labels, hostPort conflicts, CPU/memory requests
 * against allocatable. Scoring is simplified to "fewest pods of the same namespace, then node
 * order", which spreads a reader's pods and is deterministic. A pod that fits nowhere gets
 * `FailedScheduling` with the scheduler's own message and is retried when nodes or pods change.
 */
import type { EventQueue } from '../sim/queue';
import type { Store } from '../store/store';
import type { EventRecorder } from '../store/events';
import { refTo } from '../store/events';
import type { K8sObject } from '../types';

export const SCHEDULING_LATENCY_MS = 100;
/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration is 5 min). */
export const UNSCHEDULABLE_RETRY_MS = 300_000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SchedulerDeps {
  queue: EventQueue;
  store: Store;
  recorder: EventRecorder;
  /** POST pods/binding through the API server. */
  bind(pod: K8sObject, node: string): boolean;
  instance: string; // default-scheduler-k8s-master01
  log(message: string): void;
}

function parseQuantity(q: unknown): number {
  if (q === undefined || q === null) return 0;
  const s = String(q);
  const m = /^([0-9.]+)(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = { m: 0.001, k: 1e3, Ki: 1024, M: 1e6, Mi: 1024 ** 2, G: 1e9, Gi: 1024 ** 3, T: 1e12, Ti: 1024 ** 4 };
  return n * (m[2] ? mult[m[2]] : 1);
}

function podRequests(pod: K8sObject): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += parseQuantity(c.resources?.requests?.cpu);
    memory += parseQuantity(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, parseQuantity(c.resources?.requests?.cpu));
    memory = Math.max(memory, parseQuantity(c.resources?.requests?.memory));
  }
  return { cpu, memory };
}

function tolerates(pod: K8sObject, taint: Json): boolean {
  return (pod.spec?.tolerations ?? []).some((t: Json) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function matchesExpr(labels: Record<string, string>, e: Json): boolean {
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

type Reason = string;

/** What the filters and the score need of a node's pods (the scheduler cache's NodeInfo). */
interface NodeInfo {
  pods: number;
  cpu: number;
  memory: number;
  hostPorts: Set<string>;
  byNamespace: Map<string, number>;
}

const EMPTY_INFO: NodeInfo = { pods: 0, cpu: 0, memory: 0, hostPorts: new Set(), byNamespace: new Map() };

export class Scheduler {
  private queued = new Set<string>();
  private unschedulable = new Map<string, K8sObject>();
  /** NodeInfo per node name, rebuilt when a pod changes in the store. */
  private infos?: { version: number; byNode: Map<string, NodeInfo> };

  constructor(private d: SchedulerDeps) {
    d.store.watch('Pod', (type, pod) => {
      if (type === 'DELETED') {
        this.unschedulable.delete(pod.metadata.uid ?? '');
        this.retryUnschedulable();
        return;
      }
      if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler') this.enqueue(pod);
    });
    d.store.watch('Node', () => this.retryUnschedulable());
  }

  private enqueue(pod: K8sObject, delay = SCHEDULING_LATENCY_MS): void {
    const uid = pod.metadata.uid ?? '';
    if (this.queued.has(uid)) return;
    this.queued.add(uid);
    this.d.queue.after(delay, () => {
      this.queued.delete(uid);
      this.scheduleOne(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', uid);
    }, 'scheduler');
  }

  private retryUnschedulable(): void {
    for (const pod of this.unschedulable.values()) this.enqueue(pod);
  }

  private scheduleOne(ns: string, name: string, uid: string): void {
    const pod = this.d.store.get('Pod', ns, name);
    if (!pod || pod.metadata.uid !== uid || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.unschedulable.delete(uid);
      return;
    }
    const nodes = this.d.store.peekList('Node');
    const infos = this.nodeInfos();
    const info = (n: K8sObject): NodeInfo => infos.get(n.metadata.name ?? '') ?? EMPTY_INFO;
    const reasons = new Map<Reason, number>();
    const fits: K8sObject[] = [];
    const want = podRequests(pod);
    for (const node of nodes) {
      const r = this.filter(pod, node, info(node), want);
      if (r) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      else fits.push(node);
    }
    if (!fits.length) {
      // FitError.Error(): the histogram of reasons as "<n> <reason>" strings, sorted.
      const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
      // Preemption could only help where resources are short (and then finds no lower-priority victims here).
      const short = [...reasons.entries()].filter(([r]) => r.startsWith('Insufficient') || r === 'Too many pods').reduce((a, [, n]) => a + n, 0);
      const pre = [`${nodes.length - short} Preemption is not helpful for scheduling`, `${short} No preemption victims found for incoming pod`]
        .filter((x) => !x.startsWith('0 ')).sort();
      const msg = `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${pre.join(', ')}.`;
      this.d.recorder.recordNew('default-scheduler', this.d.instance, refTo(pod), 'Warning', 'FailedScheduling', 'Scheduling', msg);
      this.d.log(`pod ${ns}/${name} is unschedulable: ${msg}`);
      this.unschedulable.set(uid, pod);
      this.d.queue.after(UNSCHEDULABLE_RETRY_MS, () => {
        if (this.unschedulable.has(uid)) this.enqueue(pod, 0);
      }, 'scheduler retry');
      return;
    }
    const count = (n: K8sObject) => info(n).byNamespace.get(ns) ?? 0;
    const best = fits.reduce((a, b) => (count(b) < count(a) ? b : a));
    const nodeName = best.metadata.name ?? '';
    if (!this.d.bind(pod, nodeName)) return;
    this.unschedulable.delete(uid);
    this.d.recorder.recordNew('default-scheduler', this.d.instance, refTo(pod), 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${ns}/${name} to ${nodeName}`);
    this.d.log(`bound pod ${ns}/${name} to ${nodeName} (${fits.length}/${nodes.length} nodes fit)`);
  }

  /** Bound, non-terminal pods summed per node; recomputed only after a pod was written. */
  private nodeInfos(): Map<string, NodeInfo> {
    const version = this.d.store.kindVersion('Pod');
    if (this.infos && this.infos.version === version) return this.infos.byNode;
    const byNode = new Map<string, NodeInfo>();
    for (const p of this.d.store.peekList('Pod')) {
      const nodeName: string | undefined = p.spec?.nodeName;
      if (!nodeName || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      let i = byNode.get(nodeName);
      if (!i) byNode.set(nodeName, (i = { pods: 0, cpu: 0, memory: 0, hostPorts: new Set(), byNamespace: new Map() }));
      i.pods++;
      const r = podRequests(p);
      i.cpu += r.cpu;
      i.memory += r.memory;
      for (const c of p.spec?.containers ?? []) for (const port of c.ports ?? []) if (port.hostPort) i.hostPorts.add(`${port.protocol ?? 'TCP'}/${port.hostPort}`);
      const ns = p.metadata.namespace;
      if (ns !== undefined) i.byNamespace.set(ns, (i.byNamespace.get(ns) ?? 0) + 1);
    }
    this.infos = { version, byNode };
    return byNode;
  }

  /** The first failing filter's reason, as the scheduler's diagnosis counts them, or undefined. */
  private filter(pod: K8sObject, node: K8sObject, info: NodeInfo, want: { cpu: number; memory: number }): Reason | undefined {
    const labels: Record<string, string> = node.metadata.labels ?? {};
    if (node.spec?.unschedulable) return 'node(s) were unschedulable';
    for (const taint of node.spec?.taints ?? []) {
      if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(pod, taint)) {
        return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
      }
    }
    const sel: Record<string, string> = pod.spec?.nodeSelector ?? {};
    for (const k of Object.keys(sel)) if (labels[k] !== sel[k]) return "node(s) didn't match Pod's node affinity/selector";
    const terms: Json[] | undefined = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    const fields = { 'metadata.name': node.metadata.name ?? '' };
    if (terms && terms.length && !terms.some((t) => (t.matchExpressions ?? []).every((e: Json) => matchesExpr(labels, e)) && (t.matchFields ?? []).every((e: Json) => matchesExpr(fields, e)))) {
      return "node(s) didn't match Pod's node affinity/selector";
    }
    for (const c of pod.spec?.containers ?? []) for (const port of c.ports ?? []) {
      if (port.hostPort && info.hostPorts.has(`${port.protocol ?? 'TCP'}/${port.hostPort}`)) return "node(s) didn't have free ports for the requested pod ports";
    }
    const alloc = node.status?.allocatable ?? {};
    const used = info;
    if (want.cpu > 0 && used.cpu + want.cpu > parseQuantity(alloc.cpu)) return 'Insufficient cpu';
    if (want.memory > 0 && used.memory + want.memory > parseQuantity(alloc.memory)) return 'Insufficient memory';
    const maxPods = parseQuantity(alloc.pods ?? 110);
    if (info.pods + 1 > maxPods) return 'Too many pods';
    return undefined;
  }
}
