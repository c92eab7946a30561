/**
 * The page's side of the engine worker: one worker shared by every playground of the page,
 * created on first use; one request in flight at a time (the worker is single-threaded anyway),
 * so a request that takes too long is the one to blame. A watchdog terminates a worker that does
 * not answer in time, starts a fresh one and retries the request once; the page never waits on
 * a stuck worker.
 */
import type { Request, Response } from '../../../playground-engine/src/protocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<Request, 'id'>;

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface RestartInfo {
  reason: 'timeout' | 'crash';
  /** True when the request is being retried on the new worker; false when it was given up. */
  retrying: boolean;
}

export interface EngineClientOptions {
  /** Creates a worker; `generation` counts workers created so far, starting at 1. */
  createWorker: (generation: number) => WorkerLike;
  /** How long a request may take before the worker is considered hung. */
  timeoutMs?: number;
  onRestart?: (info: RestartInfo) => void;
  timers?: Timers;
}

export class EngineUnavailableError extends Error {
  constructor(readonly reason: 'timeout' | 'crash') {
    super(reason === 'timeout' ? '模拟引擎没有响应' : '模拟引擎无法启动');
    this.name = 'EngineUnavailableError';
  }
}

/** A queued request was replaced by a newer one with the same `supersede` key. */
export class SupersededError extends Error {
  constructor() {
    super('superseded');
    this.name = 'SupersededError';
  }
}

export interface RequestOptions {
  /** A newer request with the same key replaces this one while it is still queued. */
  supersede?: string;
  /** Told when this request's worker was replaced (in addition to the client-wide callback). */
  onRestart?: (info: RestartInfo) => void;
}

interface Job {
  body: RequestBody;
  supersede?: string;
  onRestart?: (info: RestartInfo) => void;
  attempts: number;
  resolve(r: Response): void;
  reject(e: Error): void;
}

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class EngineClient {
  private worker: WorkerLike | null = null;
  private generationCount = 0;
  private nextId = 1;
  private queue: Job[] = [];
  private inflight: { job: Job; id: number; timer: unknown } | null = null;
  private readonly timeoutMs: number;
  private readonly timers: Timers;

  constructor(private readonly opts: EngineClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.timers = opts.timers ?? defaultTimers;
  }

  /** Number of workers created so far (0 before the first request). */
  get generation(): number {
    return this.generationCount;
  }

  /**
   * Send a request; resolves with the worker's response (including `type: 'error'` responses,
   * which are data). Rejects with EngineUnavailableError after a failed retry, or with
   * SupersededError when a newer request with the same `supersede` key replaced it in the queue.
   */
  request(body: RequestBody, opts: RequestOptions = {}): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      if (opts.supersede !== undefined) {
        const i = this.queue.findIndex((j) => j.supersede === opts.supersede);
        if (i >= 0) this.queue.splice(i, 1)[0].reject(new SupersededError());
      }
      this.queue.push({ body, supersede: opts.supersede, onRestart: opts.onRestart, attempts: 0, resolve, reject });
      this.pump();
    });
  }

  /** Start the worker now (its code loads and compiles) without sending anything yet. */
  warm(): void {
    this.ensureWorker();
  }

  /** Terminate the worker and fail everything pending. */
  dispose(): void {
    const pending = [...(this.inflight ? [this.inflight.job] : []), ...this.queue];
    if (this.inflight) this.timers.clear(this.inflight.timer);
    this.inflight = null;
    this.queue = [];
    this.dropWorker();
    for (const job of pending) job.reject(new EngineUnavailableError('crash'));
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.opts.createWorker(++this.generationCount);
    worker.onmessage = (event) => this.onMessage(worker, event.data);
    worker.onerror = () => this.onFailure(worker, 'crash');
    this.worker = worker;
    return worker;
  }

  private dropWorker(): void {
    if (!this.worker) return;
    const w = this.worker;
    this.worker = null;
    w.onmessage = null;
    w.onerror = null;
    try {
      w.terminate();
    } catch {
      /* already gone */
    }
  }

  private pump(): void {
    if (this.inflight || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const id = this.nextId++;
    job.attempts++;
    const worker = this.ensureWorker();
    const timer = this.timers.set(() => this.onFailure(worker, 'timeout'), this.timeoutMs);
    this.inflight = { job, id, timer };
    try {
      worker.postMessage({ ...job.body, id });
    } catch {
      this.onFailure(worker, 'crash');
    }
  }

  private onMessage(worker: WorkerLike, data: unknown): void {
    if (worker !== this.worker || !this.inflight) return;
    const response = data as Response | null;
    if (!response || typeof response !== 'object' || response.id !== this.inflight.id) return;
    const { job, timer } = this.inflight;
    this.timers.clear(timer);
    this.inflight = null;
    job.resolve(response);
    this.pump();
  }

  private onFailure(worker: WorkerLike, reason: 'timeout' | 'crash'): void {
    if (worker !== this.worker) return;
    const current = this.inflight;
    if (current) this.timers.clear(current.timer);
    this.inflight = null;
    this.dropWorker();
    if (current) {
      const retrying = current.job.attempts < 2;
      current.job.onRestart?.({ reason, retrying });
      this.opts.onRestart?.({ reason, retrying });
      if (retrying) this.queue.unshift(current.job);
      else current.job.reject(new EngineUnavailableError(reason));
    } else {
      this.opts.onRestart?.({ reason, retrying: false });
    }
    this.pump();
  }
}
