/**
 * Events: LAST SEEN TYPE REASON OBJECT MESSAGE (+ SUBOBJECT SOURCE FIRST SEEN COUNT NAME with
 * -o wide), as printEvent: events.k8s.io-style events without first/last timestamps use
 * eventTime, `Series` events their last observed time.
 */
import { since } from '../duration';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** formatEventSource: component (or reportingController), then host (or reportingInstance). */
function eventSource(e: Any): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  if (!component) return '<unknown>';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: KindPrinter = {
  columns: [
    { name: 'Last Seen', priority: 0 },
    { name: 'Type', priority: 0 },
    { name: 'Reason', priority: 0 },
    { name: 'Object', priority: 0 },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message', priority: 0 },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1, format: 'name' },
  ],
  row(ev, { now }) {
    const e: Any = ev;
    let first = since(e.firstTimestamp, now);
    if (!e.firstTimestamp) first = since(e.eventTime, now);
    let last = since(e.lastTimestamp, now);
    if (!e.lastTimestamp) last = first;
    let count: number = e.count ?? 0;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io: Any = e.involvedObject ?? {};
    const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
    const message = String(e.message ?? '').trim();
    // all cells in column order; the priority-1 ones are hidden unless wide
    return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', eventSource(e), message, first, count, ev.metadata.name ?? ''];
  },
};
