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

/**
 * Deep copy of plain JSON data (objects in the store are never shared with callers), with
 * exactly the result of `JSON.parse(JSON.stringify(v))`: undefined members are dropped (null in
 * arrays), non-finite numbers become null, `toJSON` is honoured. A recursive copy is several
 * times cheaper than the text round trip, and the store copies on every write.
 */
export function clone<T>(v: T): T {
  return v === undefined ? v : (copyJson(v, '') as T);
}

function copyJson(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null; // -0 prints as 0
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) {
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const x = copyJson(v[i], String(i));
          out[i] = x === undefined ? null : x;
        }
        return out;
      }
      if (v instanceof Boolean || v instanceof Number || v instanceof String) return JSON.parse(JSON.stringify(v));
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const x = copyJson((v as Record<string, unknown>)[k], k);
        if (x === undefined) continue;
        if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
        else out[k] = x;
      }
      return out;
    }
    case 'bigint':
      return JSON.parse(JSON.stringify(v)); // throws, as the round trip does
    default:
      return undefined; // functions, symbols, undefined
  }
}

/**
 * `JSON.stringify(a) === JSON.stringify(b)` without the texts: the same members in the same
 * order (undefined, functions and symbols left out of objects, null in arrays), non-finite
 * numbers as null. Values JSON prints in their own way (`toJSON`, boxed primitives, bigint)
 * are compared through their texts.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const r = sameJson(a, b);
  return r === UNSURE ? JSON.stringify(a) === JSON.stringify(b) : r === SAME;
}

const SAME = 1;
const DIFFERENT = 0;
const UNSURE = 2;

/** What JSON prints for a member value: 'skip' for none (in an object). */
function jsonKind(v: unknown): 'skip' | 'null' | 'plain' | 'object' | 'array' | 'unsure' {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return 'plain';
    case 'number':
      return Number.isFinite(v) ? 'plain' : 'null';
    case 'object':
      if (v === null) return 'null';
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function' || v instanceof Boolean || v instanceof Number || v instanceof String) return 'unsure';
      return Array.isArray(v) ? 'array' : 'object';
    case 'bigint':
      return 'unsure';
    default:
      return 'skip';
  }
}

function sameJson(a: unknown, b: unknown): number {
  if (a === b && (typeof a !== 'object' || a === null) && typeof a !== 'bigint') return SAME;
  const ka = jsonKind(a);
  const kb = jsonKind(b);
  if (ka === 'unsure' || kb === 'unsure') return UNSURE;
  if (ka !== kb) return DIFFERENT;
  if (ka === 'skip' || ka === 'null') return SAME;
  if (ka === 'plain') return a === b ? SAME : DIFFERENT; // -0 === 0, and JSON prints both as 0
  if (ka === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return DIFFERENT;
    for (let i = 0; i < x.length; i++) {
      // In an array a member JSON leaves out of objects prints as null.
      const xi = jsonKind(x[i]) === 'skip' ? null : x[i];
      const yi = jsonKind(y[i]) === 'skip' ? null : y[i];
      const r = sameJson(xi, yi);
      if (r !== SAME) return r;
    }
    return SAME;
  }
  if (a === b) return SAME;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const xk = Object.keys(x);
  const yk = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < xk.length && jsonKind(x[xk[i]]) === 'skip') i++;
    while (j < yk.length && jsonKind(y[yk[j]]) === 'skip') j++;
    if (i === xk.length || j === yk.length) return i === xk.length && j === yk.length ? SAME : DIFFERENT;
    if (xk[i] !== yk[j]) return DIFFERENT;
    const r = sameJson(x[xk[i]], y[yk[j]]);
    if (r !== SAME) return r;
    i++;
    j++;
  }
}

/** Freeze stored data in place: revisions and watch events share it instead of copying. */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** The stored form of frozen objects given to `createShared`, by the resourceVersion and time it got. */
const storedCopies = new WeakMap<K8sObject, { rv: number; now: VirtualMs; stored: K8sObject }>();

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
  /** The same objects by kind, with the kind's keys in list order (rebuilt after a create or remove). */
  private kinds = new Map<string, { objects: Map<string, K8sObject>; sorted?: string[]; version: number }>();
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
    const k = this.kinds.get(kind);
    if (!k) return [];
    if (!k.sorted) {
      const objs = k.objects;
      k.sorted = [...objs.keys()].sort((x, y) => {
        const a = objs.get(x) as K8sObject;
        const b = objs.get(y) as K8sObject;
        return cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? '');
      });
    }
    const out: K8sObject[] = [];
    for (const key of k.sorted) {
      const o = k.objects.get(key) as K8sObject;
      if (namespace !== undefined && (o.metadata.namespace ?? '') !== namespace) continue;
      out.push(o);
    }
    return out;
  }

  /** A counter that changes with every write to objects of a kind (for caches derived from peekList). */
  kindVersion(kind: string): number {
    return this.kinds.get(kind)?.version ?? 0;
  }

  private put(key: string, obj: K8sObject, added: boolean): void {
    this.objects.set(key, obj);
    let k = this.kinds.get(obj.kind);
    if (!k) this.kinds.set(obj.kind, (k = { objects: new Map(), version: 0 }));
    k.objects.set(key, obj);
    k.version++;
    if (added) k.sorted = undefined;
  }

  private drop(key: string, kind: string): void {
    this.objects.delete(key);
    const k = this.kinds.get(kind);
    if (!k) return;
    k.objects.delete(key);
    k.version++;
    k.sorted = undefined;
  }

  /** Store a new object. Returns the stored copy, or undefined if the key exists. */
  create(obj: K8sObject, now: VirtualMs = this.queue.now): K8sObject | undefined {
    const stored = this.createShared(obj, now);
    return stored && clone(stored);
  }

  /**
   * `create` returning the stored object itself (frozen: callers must not change it). A frozen
   * `obj` never changes, so its stored form for a given resourceVersion and time is made once
   * per process and shared (the seeded system objects of every simulation).
   */
  createShared(obj: K8sObject, now: VirtualMs = this.queue.now): K8sObject | undefined {
    const key = objectKey(obj);
    if (this.objects.has(key)) return undefined;
    const rv = ++this.rv;
    const known = Object.isFrozen(obj) ? storedCopies.get(obj) : undefined;
    let stored: K8sObject;
    if (known && known.rv === rv && known.now === now) stored = known.stored;
    else {
      stored = clone(obj);
      stored.metadata.resourceVersion = String(rv);
      if (!stored.metadata.creationTimestamp) stored.metadata.creationTimestamp = rfc3339(now);
      deepFreeze(stored);
      if (Object.isFrozen(obj)) storedCopies.set(obj, { rv, now, stored });
    }
    this.put(key, stored, true);
    this.emit('ADDED', stored, undefined, now);
    return stored;
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
    if (jsonEqual(next, old)) return clone(old);
    next.metadata.resourceVersion = String(++this.rv);
    deepFreeze(next);
    this.put(key, next, false);
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
    this.drop(key, old.kind);
    const last = clone(old);
    last.metadata.resourceVersion = String(++this.rv);
    deepFreeze(last);
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

  /**
   * Stored objects are frozen and never changed in place (a write stores a new object), so the
   * revision, every watcher and the previous state all share them: copy-on-write, no copies here.
   */
  private emit(type: WatchType, obj: K8sObject, old: K8sObject | undefined, now: VirtualMs): void {
    this.onRevision?.({ t: now, type, object: obj });
    for (const w of this.watches) {
      if (w.kind !== obj.kind) continue;
      this.queue.soon(() => {
        if (w.active) w.handler(type, obj, old);
      }, `watch ${type} ${obj.kind}`);
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
