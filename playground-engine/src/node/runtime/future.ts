/**
 * A Future settled from engine code: callbacks always run from the EventQueue (queue.soon),
 * never inside `settle` or `onSettle`, so no caller sees a re-entrant callback.
 */
import type { EventQueue } from '../../sim/queue';
import type { Future } from '../../programs/types';

export class Deferred<T> implements Future<T> {
  private _settled = false;
  private _value: T | undefined;
  /** The first waiter, then the others (most futures have one: no array for them). */
  private first: ((v: T) => void) | undefined;
  private waiters: Array<(v: T) => void> | undefined;

  constructor(private queue: EventQueue, private label = 'future') {}

  get settled(): boolean {
    return this._settled;
  }

  get value(): T | undefined {
    return this._value;
  }

  onSettle(cb: (value: T) => void): void {
    if (this._settled) {
      this.queue.soonCall(cb, this._value as T);
    } else if (!this.first) {
      this.first = cb;
    } else {
      (this.waiters ??= []).push(cb);
    }
  }

  /** Settle once; later calls are ignored. */
  settle(value: T): void {
    if (this._settled) return;
    this._settled = true;
    this._value = value;
    const first = this.first;
    const ws = this.waiters;
    this.first = undefined;
    this.waiters = undefined;
    if (first) this.queue.soonCall(first, value);
    if (ws) for (const w of ws) this.queue.soonCall(w, value);
  }
}

/** A future that is already settled. */
export function settled<T>(queue: EventQueue, value: T): Deferred<T> {
  const d = new Deferred<T>(queue);
  d.settle(value);
  return d;
}
