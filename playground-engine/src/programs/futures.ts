/**
 * Combining futures inside programs: `anyOf` settles with the first of several (a daemon
 * waiting for any of its workers to exit). Callbacks still come from the EventQueue, since
 * they are called from the inner futures' callbacks.
 */
import type { Future } from './types';

export function anyOf<T>(futures: ReadonlyArray<Future<T>>): Future<{ index: number; value: T }> {
  let settled = false;
  let value: { index: number; value: T } | undefined;
  const waiters: Array<(v: { index: number; value: T }) => void> = [];
  let wired = false;
  const wire = () => {
    if (wired) return;
    wired = true;
    futures.forEach((f, index) =>
      f.onSettle((v) => {
        if (settled) return;
        settled = true;
        value = { index, value: v };
        for (const w of waiters.splice(0)) w(value);
      }),
    );
  };
  return {
    get settled() {
      return settled;
    },
    get value() {
      return value;
    },
    onSettle(cb) {
      if (settled && value) {
        // Already settled: the inner future's callbacks ran from the queue; deliver through
        // one of them again to stay off the caller's stack.
        const v = value;
        futures[v.index].onSettle(() => cb(v));
        return;
      }
      waiters.push(cb);
      wire();
    },
  };
}
