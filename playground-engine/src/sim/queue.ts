/**
 * The virtual clock and its ordered event queue.
 *
 * Time is an integer number of milliseconds since the scenario began (t = 0 is the moment the
 * reader's manifests are applied). The clock jumps from one queued task to the next, so the
 * cost of a run grows with the number of events, not with virtual seconds. Tasks due at the
 * same instant run in the order they were queued (a sequence number breaks ties), which keeps
 * every run byte-for-byte reproducible.
 */
export type Task = () => void;

export interface Timer {
  readonly t: number;
  readonly seq: number;
  cancelled: boolean;
  readonly label: string;
}

interface Entry extends Timer {
  fn: Task;
}

const NOOP: Task = () => undefined;

export interface RunLimits {
  /** Stop when the next task is due after this time (ms). */
  untilMs: number;
  /** Stop after this many tasks (a cap against runaway input); reaching it is reported. */
  maxTasks?: number;
  /**
   * Asked every STOP_CHECK_EVERY tasks: true stops the run there (a budget kept from outside
   * the virtual clock, e.g. the worker's wall-time budget). Reaching it is reported.
   */
  shouldStop?: () => boolean;
}

export interface RunOutcome {
  tasks: number;
  capped: boolean;
  /** What stopped the run early: the task cap, or `shouldStop`. */
  stoppedBy?: 'tasks' | 'shouldStop';
}

/** How often (in tasks) `runUntil` asks `shouldStop`. */
export const STOP_CHECK_EVERY = 1024;

export class EventQueue {
  private heap: Entry[] = [];
  /**
   * Tasks queued for the current instant (`soon`, or a time already past), in queue order: they
   * need no heap, as each comes after every task already queued for this instant. The clock only
   * moves on once this list is empty, so every entry here has t === now.
   */
  private fifo: Array<Entry | undefined> = [];
  private fifoHead = 0;
  /** End of the live entries in `fifo` (the array keeps its length: no re-allocation per instant). */
  private fifoTail = 0;
  /**
   * Tasks for a later time queued during the current instant, not yet in the heap: they go in
   * when the instant's tasks are done (the clock cannot move before). A timer cancelled within
   * its instant (an HTTP exchange's timeout when the answer comes at once) never reaches it.
   */
  private later: Entry[] = [];
  private seq = 0;
  private _now = 0;
  /** Total tasks executed over the queue's life. */
  executed = 0;

  get now(): number {
    return this._now;
  }

  get pending(): number {
    return this.heap.length + this.later.length + this.fifoTail - this.fifoHead;
  }

  /** Queue `fn` at absolute time `t` (clamped to now: the past cannot be scheduled). */
  at(t: number, fn: Task, label = ''): Timer {
    const when = Math.max(Math.round(t), this._now);
    const e: Entry = { t: when, seq: this.seq++, fn, cancelled: false, label };
    if (when === this._now) this.fifo[this.fifoTail++] = e;
    else this.later.push(e);
    return e;
  }

  /** `at(t, () => fn(arg))`. */
  atCall<T>(t: number, fn: (arg: T) => void, arg: T, label = ''): Timer {
    return this.at(t, () => fn(arg), label);
  }

  /** `soon(() => fn(arg))`, for a task nobody cancels. */
  soonCall<T>(fn: (arg: T) => void, arg: T): void {
    this.at(this._now, () => fn(arg));
  }

  /** Queue `fn` `ms` milliseconds from now. */
  after(ms: number, fn: Task, label = ''): Timer {
    return this.at(this._now + Math.max(0, ms), fn, label);
  }

  /** Queue `fn` at the current instant, after everything already queued for it. */
  soon(fn: Task, label = ''): Timer {
    return this.at(this._now, fn, label);
  }

  cancel(timer: Timer | undefined | null): void {
    if (!timer) return;
    timer.cancelled = true;
    // A cancelled task never runs: let its closure (and what it holds) go now, not when the
    // entry reaches the head of the heap (a probe's 1 s timeout holds its whole HTTP exchange).
    (timer as Entry).fn = NOOP;
  }

  /** Time of the next live task, or undefined when the queue is empty. */
  peekTime(): number | undefined {
    this.dropCancelled();
    this.flushLater();
    if (this.fifoHead < this.fifoTail) return this._now;
    return this.heap.length ? this.heap[0].t : undefined;
  }

  /**
   * Run tasks in time order until the next one is due after `untilMs` or `maxTasks` ran.
   * The clock ends at `untilMs` unless the cap stopped it earlier.
   */
  runUntil(limits: RunLimits): RunOutcome {
    const max = limits.maxTasks ?? Number.POSITIVE_INFINITY;
    let tasks = 0;
    for (;;) {
      this.dropCancelled();
      // Flushed live entries come after dropCancelled (they are not cancelled).
      if (this.fifoHead === this.fifoTail && this.later.length) this.flushLater();
      // The next task: the heap's head if it comes first in (time, queue order), else the
      // first task queued for the current instant.
      let head = this.heap[0];
      let fromFifo = false;
      if (this.fifoHead < this.fifoTail) {
        const f = this.fifo[this.fifoHead] as Entry;
        if (!head || head.t > f.t || (head.t === f.t && head.seq > f.seq)) {
          head = f;
          fromFifo = true;
        }
      }
      if (!head || head.t > limits.untilMs) break;
      if (tasks >= max) return { tasks, capped: true, stoppedBy: 'tasks' };
      if (limits.shouldStop && tasks % STOP_CHECK_EVERY === 0 && tasks > 0 && limits.shouldStop()) return { tasks, capped: true, stoppedBy: 'shouldStop' };
      if (fromFifo) this.shiftFifo();
      else this.pop();
      this._now = head.t;
      tasks++;
      this.executed++;
      head.fn();
    }
    if (limits.untilMs > this._now) this._now = limits.untilMs;
    return { tasks, capped: false };
  }

  /** The later tasks still live go into the heap (their place there is by time and sequence number, not by when they go in). */
  private flushLater(): void {
    const l = this.later;
    for (let i = 0; i < l.length; i++) if (!l[i].cancelled) this.push(l[i]);
    l.length = 0;
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    while (this.fifoHead < this.fifoTail && (this.fifo[this.fifoHead] as Entry).cancelled) this.shiftFifo();
  }

  private shiftFifo(): void {
    this.fifo[this.fifoHead++] = undefined; // let the task's closure go
    if (this.fifoHead === this.fifoTail) {
      this.fifoHead = 0;
      this.fifoTail = 0;
    } else if (this.fifoHead > 4096 && this.fifoHead * 2 > this.fifoTail) {
      this.fifo = this.fifo.slice(this.fifoHead, this.fifoTail);
      this.fifoTail -= this.fifoHead;
      this.fifoHead = 0;
    }
  }

  /** Entries move down into a hole instead of being swapped pairwise (fewer writes per push and pop). */
  private push(e: Entry): void {
    const h = this.heap;
    let i = h.length;
    h.push(e);
    const t = e.t;
    const seq = e.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = h[p];
      if (q.t < t || (q.t === t && q.seq < seq)) break;
      h[i] = q;
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n && last) {
      const t = last.t;
      const seq = last.seq;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let m = l;
        let c = h[l];
        const r = l + 1;
        if (r < n) {
          const d = h[r];
          if (d.t < c.t || (d.t === c.t && d.seq < c.seq)) {
            m = r;
            c = d;
          }
        }
        if (t < c.t || (t === c.t && seq < c.seq)) break;
        h[i] = c;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}
