/**
 * Reports over a trace for the command line and the tests: the Events as records with
 * virtual times, the pods' printed rows each time they change, and a readable event stream.
 */
import type { Trace } from './trace';
import type { K8sObject } from './types';
import { parseTime } from './sim/time';
import { podSummary } from './kubectl/printers/pod';
import { SYSTEM_NAMESPACES } from './timeline';


export interface EventRecord {
  /** Virtual seconds of this occurrence. */
  time: number;
  type: string;
  reason: string;
  /** `pod/nginx` */
  object: string;
  message: string;
  /** Occurrences this record stands for (more than 1 when the recorder's spam filter held some back). */
  count: number;
  /** The Event object's count after this occurrence (kubectl's `x3`). */
  total: number;
  /** `spec.containers{nginx}` for container events. */
  fieldPath?: string;
  source: string;
}

/** One record per occurrence of each Event, in time order. */
export function eventRecords(trace: Trace): EventRecord[] {
  const seen = new Map<string, number>();
  const out: EventRecord[] = [];
  for (const r of trace.revisions) {
    const e = r.object;
    if (e.kind !== 'Event' || r.type === 'DELETED') continue;
    if (SYSTEM_NAMESPACES.has(e.metadata.namespace ?? '')) continue;
    const key = `${e.metadata.namespace}/${e.metadata.name}`;
    const total = Number(e.count ?? 1) || 1;
    const before = seen.get(key) ?? 0;
    if (total <= before) continue;
    seen.set(key, total);
    const time = e.eventTime && !e.lastTimestamp ? parseTime(e.eventTime) : r.t;
    const rec: EventRecord = {
      time: time / 1000,
      type: e.type,
      reason: e.reason,
      object: `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      message: e.message,
      count: total - before,
      total,
      source: e.source?.component || e.reportingComponent || '',
    };
    if (e.involvedObject?.fieldPath) rec.fieldPath = e.involvedObject.fieldPath;
    out.push(rec);
  }
  return out;
}

export interface PodRow {
  time: number;
  name: string;
  namespace: string;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  ip: string;
  node: string;
  deleted?: boolean;
}

/** A row each time a pod's printed state changes; a last row with `deleted: true` when it is removed. */
export function podRows(trace: Trace): PodRow[] {
  const last = new Map<string, string>();
  const out: PodRow[] = [];
  for (const r of trace.revisions) {
    const p: K8sObject = r.object;
    if (p.kind !== 'Pod' || SYSTEM_NAMESPACES.has(p.metadata.namespace ?? '')) continue;
    const key = `${p.metadata.namespace}/${p.metadata.name}/${p.metadata.uid}`;
    const s = podSummary(p, r.t);
    const row: PodRow = {
      time: r.t / 1000,
      name: p.metadata.name ?? '',
      namespace: p.metadata.namespace ?? 'default',
      phase: p.status?.phase ?? '',
      status: s.status,
      ready: s.ready,
      restarts: parseInt(s.restarts, 10) || 0,
      ip: p.status?.podIP ?? '',
      node: p.spec?.nodeName ?? '',
    };
    if (r.type === 'DELETED') row.deleted = true;
    const sig = JSON.stringify({ ...row, time: 0 });
    if (last.get(key) === sig) continue;
    last.set(key, sig);
    out.push(row);
  }
  return out;
}

/** `  12.3s  Warning  Unhealthy  pod/nginx  Readiness probe failed: …` lines. */
export function formatEventStream(trace: Trace): string {
  const rows = eventRecords(trace);
  const w = (k: keyof EventRecord) => Math.max(...rows.map((r) => String(r[k]).length), 0);
  const wt = w('type');
  const wr = w('reason');
  const wo = w('object');
  return rows.map((r) => {
    const t = `${r.time.toFixed(1)}s`.padStart(8);
    const n = r.count > 1 ? ` (x${r.count})` : '';
    return `${t}  ${r.type.padEnd(wt)}  ${r.reason.padEnd(wr)}  ${r.object.padEnd(wo)}  ${r.message}${n}`;
  }).join('\n') + (rows.length ? '\n' : '');
}
