/**
 * Sequential code over virtual time: a task is a generator that yields Steps, and the queue
 * resumes it when the step is over. The kubelet's SyncPod, the prober's workers and the
 * termination of a pod read like the real (blocking) Go code this way.
 */
import type { EventQueue, Timer } from './queue';

export type Step =
  /** Resume after `ms` of virtual time. */
  | { sleep: number }
  /**
   * Resume when `start`'s callback is called (with its value). The callback may be called at
   * most once; the task resumes from the queue, never inside the caller.
   */
  | { wait: (resume: (value?: unknown) => void) => void };

export interface TaskHandle {
  cancel(): void;
  readonly done: boolean;
}

export function sleep(ms: number): Step {
  return { sleep: ms };
}

/** A step that waits for a callback-style operation. */
export function waitFor<T>(start: (resume: (value: T) => void) => void): Step {
  return { wait: start as (resume: (value?: unknown) => void) => void };
}

/**
 * Run a task. `onError` receives anything the generator throws (the engine reports it as a
 * diagnostic instead of crashing); `onDone` runs when it returns.
 */
export function runTask(
  queue: EventQueue,
  gen: Generator<Step, void, unknown>,
  hooks: { onDone?: () => void; onError?: (e: unknown) => void; label?: string } = {},
): TaskHandle {
  let cancelled = false;
  let finished = false;
  let timer: Timer | undefined;
  const label = hooks.label ?? 'task';

  const step = (value?: unknown): void => {
    if (cancelled || finished) return;
    let r: IteratorResult<Step, void>;
    try {
      r = gen.next(value);
    } catch (e) {
      finished = true;
      hooks.onError?.(e);
      return;
    }
    if (r.done) {
      finished = true;
      hooks.onDone?.();
      return;
    }
    const s = r.value;
    if ('sleep' in s) {
      timer = queue.after(s.sleep, () => step(), label);
    } else {
      let called = false;
      try {
        s.wait((v) => {
          if (called) return;
          called = true;
          queue.soon(() => step(v), label);
        });
      } catch (e) {
        finished = true;
        hooks.onError?.(e);
      }
    }
  };

  queue.soon(() => step(), label);
  return {
    cancel() {
      cancelled = true;
      queue.cancel(timer);
    },
    get done() {
      return finished || cancelled;
    },
  };
}
