/**
 * The Events table at the end of describe (DescribeEvents): the events whose involvedObject is the
 * described object (searchEvents), sorted by lastTimestamp with Go's sort.Sort, ages like
 * `76s (x3 over 81s)`, From = source.component or reportingController. The writer is flushed
 * first, so the table aligns on its own; with no events it prints `Events:  <none>` inside the
 * previous block.
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { parseTime } from '../../sim/time';
import { since } from '../duration';
import { goSort } from '../go/sort';
import type { Any } from './common';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

export interface EventQuery {
  name: string;
  namespace?: string;
  /** Omitted for pods (describe clears the kind of the reference). */
  kind?: string;
  uid?: string;
}

/** The events a field selector on involvedObject.{name,namespace,kind,uid} returns, in API order. */
export function searchEvents(host: KubectlHost, q: EventQuery): K8sObject[] {
  const all = host.list('Event', q.namespace === '' ? undefined : q.namespace);
  return all.filter((e) => {
    const io: Any = e.involvedObject ?? {};
    if (io.name !== q.name) return false;
    if (q.namespace !== undefined && (io.namespace ?? '') !== q.namespace) return false;
    if (q.kind !== undefined && io.kind !== q.kind) return false;
    if (q.uid !== undefined && q.uid !== '' && io.uid !== q.uid) return false;
    return true;
  });
}

function lastTime(e: Any): number {
  if (!e.lastTimestamp) return Number.NEGATIVE_INFINITY;
  const t = parseTime(e.lastTimestamp);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * An event's age as describe and `kubectl events` print it: `76s (x3 over 81s)` for a repeated
 * one (its series or count), else since its eventTime (or firstTimestamp).
 */
export function eventInterval(e: Any, now: VirtualMs): string {
  let firstSince = since(e.eventTime, now);
  if (!e.eventTime) firstSince = since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${firstSince})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${firstSince})`;
  return firstSince;
}

export function describeEvents(events: K8sObject[], w: PrefixWriter, now: VirtualMs): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => lastTime(a) < lastTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const ev of sorted) {
    const e: Any = ev;
    const interval = eventInterval(e, now);
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
