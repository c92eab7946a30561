/**
 * The picture over virtual time the playground draws, derived from a trace: per pod, the
 * STATUS kubectl would print, the Ready condition, membership in Service endpoints; per
 * container, its waiting/running/terminated intervals, probe results and restarts.
 */
import type { Interval, Timeline, TimelineContainer, TimelinePod, Trace } from './trace';
import type { K8sObject, VirtualMs } from './types';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Namespaces of the default cluster's own objects, left out of the reader's views. */
export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'kubernetes-dashboard']);

/** Append a value to an interval list, closing the previous interval when the value changes. */
function push<T>(list: Interval<T>[], t: VirtualMs, value: T): void {
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
  const last = list[list.length - 1];
  if (last && same(last.value, value)) return;
  if (last && last.from === t) {
    // A zero-length interval: replace it (and reopen the one before when the value is back).
    list.pop();
    const prev = list[list.length - 1];
    if (prev && same(prev.value, value)) {
      prev.to = undefined;
      return;
    }
  } else if (last) {
    last.to = t;
  }
  list.push({ from: t, value });
}

function close<T>(list: Interval<T>[], t: VirtualMs): void {
  const last = list[list.length - 1];
  if (last && last.to === undefined) last.to = t;
}

function containerState(s: Json | undefined): { state: 'waiting' | 'running' | 'terminated'; reason?: string; exitCode?: number } {
  const st = s?.state ?? {};
  if (st.running) return { state: 'running' };
  if (st.terminated) return { state: 'terminated', reason: st.terminated.reason, exitCode: st.terminated.exitCode };
  return { state: 'waiting', reason: st.waiting?.reason };
}

export function buildTimeline(trace: Trace, statusOf: (pod: K8sObject, now: VirtualMs) => string): Timeline {
  const pods = new Map<string, TimelinePod>();
  const containers = new Map<string, Map<string, TimelineContainer>>();
  const restartsSeen = new Map<string, number>();

  for (const r of trace.revisions) {
    const o = r.object;
    if (o.kind === 'Pod') {
      if (SYSTEM_NAMESPACES.has(o.metadata.namespace ?? '')) continue;
      const uid = o.metadata.uid ?? '';
      let p = pods.get(uid);
      if (!p) {
        p = { namespace: o.metadata.namespace ?? 'default', name: o.metadata.name ?? '', createdMs: r.t, ready: [], status: [], endpoints: [], containers: [] };
        pods.set(uid, p);
        containers.set(uid, new Map());
      }
      if (o.spec?.nodeName) p.node = o.spec.nodeName;
      if (o.status?.podIP) p.ip = o.status.podIP;
      if (o.metadata.deletionTimestamp && p.deletingMs === undefined) p.deletingMs = r.t;
      if (r.type === 'DELETED') {
        p.deletedMs = r.t;
        close(p.ready, r.t);
        close(p.status, r.t);
        for (const c of p.containers) close(c.states, r.t);
        continue;
      }
      push(p.status, r.t, statusOf(o, r.t));
      const ready = (o.status?.conditions ?? []).find((c: Json) => c.type === 'Ready');
      push(p.ready, r.t, ready?.status === 'True');
      const cmap = containers.get(uid)!;
      const specs: Array<[Json, boolean]> = [
        ...((o.spec?.initContainers ?? []) as Json[]).map((c) => [c, true] as [Json, boolean]),
        ...((o.spec?.containers ?? []) as Json[]).map((c) => [c, false] as [Json, boolean]),
      ];
      const statuses: Json[] = [...(o.status?.initContainerStatuses ?? []), ...(o.status?.containerStatuses ?? [])];
      for (const [spec, init] of specs) {
        let c = cmap.get(spec.name);
        if (!c) {
          c = { name: spec.name, init, states: [], probes: [], restarts: [] };
          cmap.set(spec.name, c);
          p.containers.push(c);
        }
        const st = statuses.find((s) => s.name === spec.name);
        push(c.states, r.t, containerState(st));
        const key = `${uid}/${spec.name}`;
        const n = Number(st?.restartCount ?? 0);
        const before = restartsSeen.get(key) ?? 0;
        for (let i = before; i < n; i++) c.restarts.push(r.t);
        restartsSeen.set(key, Math.max(before, n));
      }
    } else if (o.kind === 'Endpoints') {
      const service = o.metadata.name ?? '';
      const ns = o.metadata.namespace ?? '';
      const ready = new Set<string>();
      const notReady = new Set<string>();
      if (r.type !== 'DELETED') {
        for (const sub of o.subsets ?? []) {
          for (const a of sub.addresses ?? []) if (a.targetRef?.uid) ready.add(a.targetRef.uid);
          for (const a of sub.notReadyAddresses ?? []) if (a.targetRef?.uid) notReady.add(a.targetRef.uid);
        }
      }
      for (const [uid, p] of pods) {
        if (p.namespace !== ns) continue;
        let e = p.endpoints.find((x) => x.service === service);
        const state = ready.has(uid) ? 'ready' : notReady.has(uid) ? 'not-ready' : undefined;
        if (!e) {
          if (!state) continue;
          e = { service, intervals: [] };
          p.endpoints.push(e);
        }
        const last = e.intervals[e.intervals.length - 1];
        if (state) push(e.intervals, r.t, state);
        else if (last && last.to === undefined) last.to = r.t;
      }
    }
  }

  for (const pr of trace.probes) {
    for (const [uid, p] of pods) {
      if (p.namespace !== pr.namespace || p.name !== pr.pod) continue;
      if (pr.t < p.createdMs || (p.deletedMs !== undefined && pr.t > p.deletedMs)) continue;
      const c = containers.get(uid)?.get(pr.container);
      c?.probes.push({ t: pr.t, probe: pr.probe, result: pr.result });
    }
  }
  return { horizonMs: trace.horizonMs, pods: [...pods.values()] };
}
