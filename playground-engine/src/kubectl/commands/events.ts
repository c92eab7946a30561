/**
 * `kubectl events` (kubectl/pkg/cmd/events, v1.30): the namespace's events (or `-A`), `--for
 * TYPE/NAME`, `--types=Normal,Warning`, sorted by their time with Go's sort.Sort, printed by the
 * EventPrinter (LAST SEEN, TYPE, REASON, OBJECT as Kind/name, MESSAGE; `-A` adds NAMESPACE) through
 * kubectl's tabwriter; `-w` then prints each new event as it comes.
 */
import type { K8sObject } from '../../types';
import { parseTime } from '../../sim/time';
import { plainError } from '../errors';
import { bool, list, str } from '../flags';
import { eventInterval } from '../describe/events';
import { cellText } from '../printers/table';
import { goSort } from '../go/sort';
import { newKubectlTabWriter } from '../go/tabwriter';
import { parseOutputFormat } from '../printers/output';
import { resolveResource } from '../resources';
import { ALL_NAMESPACES_FLAG, OUTPUT_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';
import { printGeneric } from './get';
import { inStructOrder } from '../printers/struct-order';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** eventTime(): series.lastObservedTime, else lastTimestamp, else eventTime. */
function sortTime(e: Any): number {
  const t = e.series?.lastObservedTime || e.lastTimestamp || e.eventTime;
  const ms = t ? parseTime(t) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function* runEvents(c: CommandContext) {
  const f = c.flags;
  const all = bool(f, 'all-namespaces');
  let forKind: string | undefined;
  let forName: string | undefined;
  const forObject = str(f, 'for');
  if (forObject !== '') {
    if (forObject.includes('/')) {
      const seg = forObject.split('/');
      if (seg.length !== 2) throw plainError('arguments in resource/name form may not have more than one slash');
      const r = resolveResource(c.host.resources(), seg[0]);
      if (!r) throw plainError(`the server doesn't have a resource type "${seg[0]}"`);
      forKind = r.kind;
      forName = seg[1];
    } else throw plainError('--for must be in resource/name form');
  }
  const types = [...new Set(list(f, 'types'))].sort();
  const o = str(f, 'output');
  const fmt = o === '' ? undefined : parseOutputFormat(o, str(f, 'template'));
  for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw plainError('valid --types are Normal or Warning');
  const wanted = (e: Any) =>
    (types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase())) &&
    (forName === undefined || (e.involvedObject?.kind === forKind && e.involvedObject?.name === forName));
  const ns = all ? undefined : c.namespace;
  // one writer for the whole command: it remembers its column widths across flushes (a watch's lines)
  const tw = newKubectlTabWriter();
  const printRows = (events: Any[], headers: boolean): string => {
    if (headers && !bool(f, 'no-headers')) tw.write(`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
    for (const e of events) {
      const io = e.involvedObject ?? {};
      tw.write(`${all ? `${e.metadata?.namespace ?? ''}\t` : ''}${eventInterval(e, c.host.now())}\t${cellText(e.type ?? '')}\t${cellText(e.reason ?? '')}\t${cellText(io.kind ?? '')}/${cellText(io.name ?? '')}\t${cellText(String(e.message ?? '').trim())}\n`);
    }
    tw.flush();
    return tw.take();
  };
  if (bool(f, 'watch')) {
    // runWatch: a watch from no resourceVersion starts with the current events (in storage order),
    // then each event (or update of one) as it comes
    let w = c.host.watch?.('Event', ns);
    if (!w || !c.canWait) return 0;
    let headers = true;
    const current = c.host.list('Event', ns).filter(wanted);
    if (current.length) {
      out(c, fmt ? '' : printRows(current, headers));
      if (fmt) for (const e of current) printGeneric(c, fmt, inStructOrder({ ...e, kind: 'Event', apiVersion: 'v1' }), [e], { n: 0 }, true);
      headers = false;
    }
    for (;;) {
      yield { kind: 'await' as const, future: w.changed };
      w = c.host.watch!('Event', ns, w.resume);
      const fresh = w.revisions.filter((r) => r.type !== 'DELETED' && wanted(r.object)).map((r) => r.object);
      if (fresh.length) {
        out(c, fmt ? '' : printRows(fresh, headers));
        if (fmt) for (const e of fresh) printGeneric(c, fmt, inStructOrder({ ...e, kind: 'Event', apiVersion: 'v1' }), [e], { n: 0 }, true);
        headers = false;
      }
    }
  }
  const events = c.host.list('Event', ns).filter(wanted);
  if (events.length === 0) {
    err(c, all ? 'No events found.\n' : `No events found in ${c.namespace} namespace.\n`);
    return 0;
  }
  const sorted = goSort([...events], (a, b) => sortTime(a) < sortTime(b));
  if (fmt) {
    // a typed corev1.EventList: Go struct field order in JSON; its items carry no name for -o name
    if (fmt.kind === 'name') return 0;
    const listObj = inStructOrder({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items: sorted.map((e) => ({ ...e, kind: 'Event', apiVersion: 'v1' })) });
    printGeneric(c, fmt, listObj, sorted as K8sObject[], { n: 0 }, true);
    return 0;
  }
  out(c, printRows(sorted, true));
  return 0;
}

export const eventsCommand: Command = {
  name: 'events',
  short: 'List events',
  long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  use: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--event=Normal,Warning]',
  flags: [
    { name: 'watch', shorthand: 'w', type: 'bool' },
    ALL_NAMESPACES_FLAG,
    { name: 'for', type: 'string' },
    { name: 'types', type: 'stringSlice' },
    { name: 'no-headers', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    OUTPUT_FLAG,
    { name: 'template', type: 'string' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run: runEvents,
};
