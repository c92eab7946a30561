/**
 * etcd + the API server's storage layer: versioned objects and watches.
 *
 * Every write bumps a cluster-wide resourceVersion, records a revision with its virtual time
 * (the trace keeps them, so the state at any time can be rebuilt), and notifies watchers.
 * Watch events are delivered through the EventQueue at the same instant, after the writer's
 * task has finished — components never call each other, they react to what the store says.
 */
import type { EventQueue } from '../sim/queue';
import type { K8sObject, VirtualMs } from '../types';
import type { Revision } from '../kubectl/types';
import { rfc3339 } from '../sim/time';

export type WatchType = Revision['type'];
export type WatchHandler = (type: WatchType, obj: K8sObject, old: K8sObject | undefined) => void;

export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function objectKey(obj: K8sObject): string {
  return keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
}

/** Deep copy of plain JSON data (objects in the store are never shared with callers). */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export interface StoreOptions {
  queue: EventQueue;
  /** Called for every revision (the trace records them). */
  onRevision?: (rev: Revision) => void;
  /** First resourceVersion handed out (real clusters are far past 1). */
  initialResourceVersion?: number;
}

interface Watch {
  kind: string;
  handler: WatchHandler;
  active: boolean;
}

export class Store {
  private objects = new Map<string, K8sObject>();
  private watches: Watch[] = [];
  private rv: number;
  private queue: EventQueue;
  private onRevision?: (rev: Revision) => void;

  constructor(opts: StoreOptions) {
    this.queue = opts.queue;
    this.onRevision = opts.onRevision;
    this.rv = opts.initialResourceVersion ?? 1000;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  get(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    const o = this.objects.get(keyOf(kind, namespace, name));
    return o ? clone(o) : undefined;
  }

  /** Read-only view without copying; callers must not mutate it. */
  peek(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.objects.get(keyOf(kind, namespace, name));
  }

  /** Objects of a kind (in a namespace), sorted by namespace then name. Copies. */
  list(kind: string, namespace?: string): K8sObject[] {
    return this.peekList(kind, namespace).map(clone);
  }

  /** Like list() without copying; callers must not mutate the results. */
  peekList(kind: string, namespace?: string): K8sObject[] {
    const out: K8sObject[] = [];
    for (const o of this.objects.values()) {
      if (o.kind !== kind) continue;
      if (namespace !== undefined && (o.metadata.namespace ?? '') !== namespace) continue;
      out.push(o);
    }
    out.sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
    return out;
  }

  /** Store a new object. Returns the stored copy, or undefined if the key exists. */
  create(obj: K8sObject, now: VirtualMs = this.queue.now): K8sObject | undefined {
    const key = objectKey(obj);
    if (this.objects.has(key)) return undefined;
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(++this.rv);
    if (!stored.metadata.creationTimestamp) stored.metadata.creationTimestamp = rfc3339(now);
    this.objects.set(key, stored);
    this.emit('ADDED', stored, undefined, now);
    return clone(stored);
  }

  /**
   * Replace an object. With `expectResourceVersion` the write fails on a conflict, as an
   * optimistic-concurrency update does. Writes that change nothing are dropped (no revision).
   */
  update(obj: K8sObject, opts: { expectResourceVersion?: string } = {}): K8sObject | undefined {
    const key = objectKey(obj);
    const old = this.objects.get(key);
    if (!old) return undefined;
    if (opts.expectResourceVersion !== undefined && old.metadata.resourceVersion !== opts.expectResourceVersion) return undefined;
    const next = clone(obj);
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    next.metadata.creationTimestamp = old.metadata.creationTimestamp;
    next.metadata.uid = old.metadata.uid;
    if (JSON.stringify(next) === JSON.stringify(old)) return clone(old);
    next.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, next);
    this.emit('MODIFIED', next, old, this.queue.now);
    return clone(next);
  }

  /** Read-modify-write helper: `mutate` edits a copy; returns the stored result. */
  patch(kind: string, namespace: string | undefined, name: string, mutate: (o: K8sObject) => void): K8sObject | undefined {
    const cur = this.get(kind, namespace, name);
    if (!cur) return undefined;
    mutate(cur);
    return this.update(cur);
  }

  /** Remove an object now (the final step of a graceful delete). */
  remove(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    const key = keyOf(kind, namespace, name);
    const old = this.objects.get(key);
    if (!old) return undefined;
    this.objects.delete(key);
    const last = clone(old);
    last.metadata.resourceVersion = String(++this.rv);
    this.emit('DELETED', last, old, this.queue.now);
    return last;
  }

  /** Watch a kind. Handlers run from the queue, after the writing task. */
  watch(kind: string, handler: WatchHandler): () => void {
    const w: Watch = { kind, handler, active: true };
    this.watches.push(w);
    return () => {
      w.active = false;
    };
  }

  private emit(type: WatchType, obj: K8sObject, old: K8sObject | undefined, now: VirtualMs): void {
    const snapshot = clone(obj);
    this.onRevision?.({ t: now, type, object: snapshot });
    for (const w of this.watches) {
      if (w.kind !== obj.kind) continue;
      const o = clone(snapshot);
      const prev = old ? clone(old) : undefined;
      this.queue.soon(() => {
        if (w.active) w.handler(type, o, prev);
      }, `watch ${type} ${obj.kind}`);
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
