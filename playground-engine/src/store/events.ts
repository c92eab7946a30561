/**
 * The Events recorder, as client-go's `tools/record` does it for the kubelet and the
 * controllers (EventCorrelator: aggregator → logger → spam filter), and the events.k8s.io
 * path the scheduler uses.
 *
 * - Identical events (same source, object, fieldPath, type, reason, message) become one Event
 *   whose `count` grows and `lastTimestamp` moves — kubectl shows `76s (x3 over 81s)`.
 * - Ten or more different messages with the same reason for an object within 600 s turn into
 *   one `(combined from similar events): …` Event.
 * - Per source and object a token bucket (burst 25, one token per 300 s) drops writes; the
 *   count still grows locally, so the next write that passes carries the full count.
 */
import type { EventQueue } from '../sim/queue';
import type { Store } from './store';
import type { K8sObject, VirtualMs } from '../types';
import { EPOCH_UNIX_MS, rfc3339, rfc3339Micro } from '../sim/time';

export interface EventSource {
  component: string;
  host?: string;
}

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export function refTo(obj: K8sObject, fieldPath?: string): ObjectRef {
  const ref: ObjectRef = {
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

const MAX_EVENTS_AGGREGATE = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
/** kube-apiserver --event-ttl default. */
export const EVENT_TTL_MS = 3_600_000;

interface LogEntry {
  count: number;
  firstTimestamp: string;
  name: string;
}

interface AggregateRecord {
  localKeys: Set<string>;
  lastMs: VirtualMs;
}

interface Bucket {
  tokens: number;
  lastMs: VirtualMs;
}

export class EventRecorder {
  private logs = new Map<string, LogEntry>();
  private aggregates = new Map<string, AggregateRecord>();
  private buckets = new Map<string, Bucket>();
  private namesAtMs = -1;
  private namesUsed = new Map<string, number>();

  private expiries = new Map<string, { at: VirtualMs }>();

  constructor(
    private store: Store,
    private now: () => VirtualMs,
    /** When given, events expire EVENT_TTL_MS after their last write (kube-apiserver --event-ttl). */
    private queue?: EventQueue,
  ) {}

  /**
   * The API server stores an Event under an etcd lease of --event-ttl (default 1h), renewed by
   * every write: an hour after its last update the event is gone from `get events` and describe.
   */
  private touch(namespace: string, name: string, t: VirtualMs): void {
    const queue = this.queue;
    if (!queue) return;
    const key = `${namespace}/${name}`;
    const known = this.expiries.get(key);
    if (known) {
      known.at = t + EVENT_TTL_MS;
      return;
    }
    const entry = { at: t + EVENT_TTL_MS };
    this.expiries.set(key, entry);
    const fire = (): void => {
      if (queue.now < entry.at) {
        queue.at(entry.at, fire, 'event-ttl');
        return;
      }
      this.expiries.delete(key);
      this.store.remove('Event', namespace, name);
    };
    queue.at(entry.at, fire, 'event-ttl');
  }

  /** Record an event as client-go's EventRecorder does (kubelet, controller-manager). */
  record(source: EventSource, ref: ObjectRef, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const t = this.now();
    const ts = rfc3339(t);
    const host = source.host ?? '';
    const objKey = [source.component, host, ref.kind, ref.namespace ?? '', ref.name, ref.uid ?? '', ref.apiVersion].join('\u0000');
    const eventKey = [objKey, ref.fieldPath ?? '', type, reason, message].join('\u0000');
    const aggregateKey = [objKey, type, reason, source.component, host].join('\u0000');

    // Aggregator: too many distinct messages for one reason collapse into a combined event.
    let key = eventKey;
    let msg = message;
    let agg = this.aggregates.get(aggregateKey);
    if (!agg || t - agg.lastMs > AGGREGATE_INTERVAL_MS) agg = { localKeys: new Set(), lastMs: t };
    agg.localKeys.add(message);
    agg.lastMs = t;
    this.aggregates.set(aggregateKey, agg);
    if (agg.localKeys.size >= MAX_EVENTS_AGGREGATE) {
      // client-go pops an arbitrary key to stay under the limit; drop the oldest, deterministically.
      const first = agg.localKeys.values().next().value;
      if (first !== undefined) agg.localKeys.delete(first);
      key = aggregateKey;
      msg = `(combined from similar events): ${message}`;
    }

    // Logger: the same key again increments the count of the existing Event.
    const last = this.logs.get(key);
    const entry: LogEntry = last && last.count > 0
      ? { count: last.count + 1, firstTimestamp: last.firstTimestamp, name: last.name }
      : { count: 1, firstTimestamp: ts, name: this.uniqueName(ref.name, t) };
    this.logs.set(key, entry);

    // Spam filter: a token bucket per source+object.
    let b = this.buckets.get(objKey);
    if (!b) b = { tokens: SPAM_BURST, lastMs: t };
    b.tokens = Math.min(SPAM_BURST, b.tokens + ((t - b.lastMs) / 1000) * SPAM_QPS);
    b.lastMs = t;
    this.buckets.set(objKey, b);
    if (b.tokens < 1) return;
    b.tokens -= 1;

    const namespace = ref.namespace || 'default';
    const involvedObject: Record<string, unknown> = {
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      uid: ref.uid,
      apiVersion: ref.apiVersion,
      resourceVersion: ref.resourceVersion,
    };
    if (ref.fieldPath) involvedObject.fieldPath = ref.fieldPath;
    const existing = entry.count > 1 ? this.store.get('Event', namespace, entry.name) : undefined;
    if (existing) {
      existing.count = entry.count;
      existing.lastTimestamp = ts;
      existing.message = msg;
      this.store.update(existing);
      this.touch(namespace, entry.name, t);
      return;
    }
    const ev: K8sObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: entry.name, namespace },
      involvedObject,
      reason,
      message: msg,
      source: host ? { component: source.component, host } : { component: source.component },
      firstTimestamp: entry.firstTimestamp,
      lastTimestamp: ts,
      count: entry.count,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: host,
    };
    this.store.create(ev, t);
    this.touch(namespace, entry.name, t);
  }

  /**
   * Record an event through the events.k8s.io/v1 API, as the scheduler does (`Scheduled`,
   * `FailedScheduling`): it has an eventTime and an action, no first/last timestamps.
   */
  recordNew(controller: string, instance: string, ref: ObjectRef, type: 'Normal' | 'Warning', reason: string, action: string, note: string): void {
    const t = this.now();
    const ev: K8sObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.uniqueName(ref.name, t), namespace: ref.namespace || 'default' },
      involvedObject: {
        kind: ref.kind,
        namespace: ref.namespace,
        name: ref.name,
        uid: ref.uid,
        apiVersion: ref.apiVersion,
        resourceVersion: ref.resourceVersion,
      },
      reason,
      message: note,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: rfc3339Micro(t),
      action,
      reportingComponent: controller,
      reportingInstance: instance,
    };
    this.store.create(ev, t);
    this.touch(ev.metadata.namespace as string, ev.metadata.name as string, t);
  }

  /** Event names are unique per nanosecond in a real cluster; events in the same virtual millisecond get successive nanoseconds. */
  private uniqueName(objName: string, t: VirtualMs): string {
    const ms = Math.floor(t);
    if (ms !== this.namesAtMs) {
      this.namesAtMs = ms;
      this.namesUsed.clear();
    }
    const n = this.namesUsed.get(objName) ?? 0;
    this.namesUsed.set(objName, n + 1);
    const nanos = (BigInt(EPOCH_UNIX_MS) + BigInt(ms)) * 1_000_000n + BigInt(n);
    return `${objName}.${nanos.toString(16)}`;
  }
}
