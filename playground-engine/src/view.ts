/**
 * The cluster as it was at a virtual time, rebuilt from a trace's revisions: a read-only
 * KubectlHost, so kubectl's printers show `get`, `describe`, `logs` at any point of a run
 * without simulating again.
 */
import type { ApplyOutcome, KubectlHost, ResourceInfo, Revision } from './kubectl/types';
import type { K8sObject, VirtualMs } from './types';
import type { Trace } from './trace';
import { API_RESOURCES } from './store/resources';
import { componentStatuses } from './store/componentstatus';
import { objectKey } from './store/store';

/** Index of the first revision after `t` (revisions are in time order). */
export function cutoff(revisions: Revision[], t: VirtualMs): number {
  let lo = 0;
  let hi = revisions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (revisions[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Live objects at time t, keyed `Kind/namespace/name`, in first-creation order. */
export function objectsAt(trace: Trace, t: VirtualMs): Map<string, K8sObject> {
  const end = cutoff(trace.revisions, t);
  const live = new Map<string, K8sObject>();
  for (let i = 0; i < end; i++) {
    const r = trace.revisions[i];
    const k = objectKey(r.object);
    if (r.type === 'DELETED') live.delete(k);
    else live.set(k, r.object);
  }
  return live;
}

const READ_ONLY = 'error: this view is read-only: type the command in the terminal to change the cluster';

export class TraceView implements KubectlHost {
  private live: Map<string, K8sObject>;

  constructor(private trace: Trace, private t: VirtualMs, private explain?: () => unknown) {
    this.live = objectsAt(trace, t);
  }

  now(): VirtualMs {
    return this.t;
  }

  resources(): ResourceInfo[] {
    return API_RESOURCES;
  }

  list(kind: string, namespace?: string): K8sObject[] {
    if (kind === 'ComponentStatus') return componentStatuses();
    const out: K8sObject[] = [];
    for (const o of this.live.values()) {
      if (o.kind !== kind) continue;
      if (namespace !== undefined && (o.metadata.namespace ?? '') !== namespace) continue;
      out.push(o);
    }
    return out.sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
  }

  get(kind: string, namespace: string, name: string): K8sObject | undefined {
    if (kind === 'ComponentStatus') return componentStatuses().find((o) => o.metadata.name === name);
    for (const o of this.live.values()) {
      if (o.kind === kind && (o.metadata.namespace ?? '') === (namespace ?? '') && o.metadata.name === name) return o;
    }
    return undefined;
  }

  history(kind: string, namespace?: string): Revision[] {
    const end = cutoff(this.trace.revisions, this.t);
    const out: Revision[] = [];
    for (let i = 0; i < end; i++) {
      const r = this.trace.revisions[i];
      if (r.object.kind !== kind) continue;
      if (namespace !== undefined && (r.object.metadata.namespace ?? '') !== namespace) continue;
      out.push(r);
    }
    return out;
  }

  apply(): ApplyOutcome {
    return { ok: false, stdout: [], stderr: [READ_ONLY] };
  }

  createObject(): ApplyOutcome & { object?: K8sObject } {
    return { ok: false, stdout: [], stderr: [READ_ONLY] };
  }

  delete(): { ok: boolean; error?: string } {
    return { ok: false, error: READ_ONLY };
  }

  logs(namespace: string, pod: string, container: string | undefined, opts: { previous?: boolean; stream?: 'stdout' | 'stderr' }) {
    return logsFrom(this.trace.logs.filter((l) => l.t <= this.t), this.get('Pod', namespace, pod), container, opts, (this.trace.logRotations ?? []).filter((r) => r.t <= this.t));
  }

  exec(): { error: string } {
    return { error: READ_ONLY };
  }

  explainData(): unknown {
    return this.explain?.();
  }
}

/** A recorded log line as the log file holds it (a repeated line written that many times). */
export function logLineText(l: Trace['logs'][number]): string {
  return l.repeat && l.repeat > 1 ? `${l.text}\n`.repeat(l.repeat) : `${l.text}\n`;
}

/**
 * `kubectl logs` over recorded log lines: the current instance of the container, or the one
 * before it with `previous`, with kubectl's errors when there is none.
 */
export function logsFrom(
  lines: Trace['logs'],
  pod: K8sObject | undefined,
  container: string | undefined,
  opts: { previous?: boolean; stream?: 'stdout' | 'stderr' },
  rotations: Trace['logRotations'] = [],
): { ok: true; text: string } | { ok: false; error: string } {
  if (!pod) return { ok: false, error: '' };
  const name = pod.metadata.name;
  const containers: Array<{ name: string }> = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let cname = container;
  if (!cname) {
    if ((pod.spec?.containers ?? []).length !== 1) {
      const names = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name).join(' ');
      return { ok: false, error: `error: a container name must be specified for pod ${name}, choose one of: [${names}]` };
    }
    cname = pod.spec.containers[0].name;
  }
  if (!containers.some((c) => c.name === cname)) {
    return { ok: false, error: `error: container ${cname} is not valid for pod ${name}` };
  }
  const statuses: Array<Record<string, any>> = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const st = statuses.find((s) => s.name === cname);
  const restarts = Number(st?.restartCount ?? 0);
  const uid = pod.metadata.uid;
  // kubectl logs reads the current file: lines of rotated files are gone.
  const rotatedAt = new Map<number, VirtualMs>();
  for (const r of rotations ?? []) if (r.uid === uid && r.container === cname) rotatedAt.set(r.attempt, r.t);
  const mine = lines.filter((l) => (l as { uid?: string }).uid === uid && l.container === cname && (!opts.stream || l.stream === opts.stream) && !(l.t <= (rotatedAt.get(l.attempt) ?? Number.NEGATIVE_INFINITY)));
  const text = (ls: Trace['logs']) => ls.map(logLineText).join('');
  if (opts.previous) {
    if (!st?.lastState?.terminated || restarts === 0) {
      return { ok: false, error: `Error from server (BadRequest): previous terminated container "${cname}" in pod "${name}" not found` };
    }
    return { ok: true, text: text(mine.filter((l) => l.attempt === restarts - 1)) };
  }
  const waiting = st?.state?.waiting;
  if (!st?.containerID || (waiting && !st?.lastState?.terminated && !mine.length)) {
    const reason = waiting?.reason ?? 'ContainerCreating';
    return { ok: false, error: `Error from server (BadRequest): container "${cname}" in pod "${name}" is waiting to start: ${reason}` };
  }
  // The newest instance (also while it waits to be restarted: its restartCount is the status').
  return { ok: true, text: text(mine.filter((l) => l.attempt === restarts)) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
