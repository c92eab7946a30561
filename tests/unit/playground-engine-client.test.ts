import { describe, expect, it } from 'vitest';
import { EngineClient, EngineUnavailableError, SupersededError, type Timers, type WorkerLike } from '../../src/playground/client/engine-client';

/** A manual clock for the watchdog. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, ms) {
      const h = next++;
      pending.set(h, { at: now + ms, fn });
      return h;
    },
    clear(h) {
      pending.delete(h as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [h, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now && pending.has(h)) {
        pending.delete(h);
        t.fn();
      }
    }
  };
  return { timers, advance, count: () => pending.size };
}

/** A fake worker: `mode` decides how it answers. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  received: Array<Record<string, unknown>> = [];
  terminated = false;
  constructor(public mode: 'answer' | 'hang' | 'manual') {}
  postMessage(message: unknown): void {
    const m = message as Record<string, unknown>;
    this.received.push(m);
    if (this.mode === 'answer') queueMicrotask(() => this.reply(m));
  }
  reply(m: Record<string, unknown>): void {
    this.onmessage?.({ data: { type: 'pong', id: m.id } });
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup(modes: Array<FakeWorker['mode']>) {
  const clock = fakeTimers();
  const workers: FakeWorker[] = [];
  const restarts: unknown[] = [];
  const client = new EngineClient({
    createWorker: (generation) => {
      const w = new FakeWorker(modes[generation - 1] ?? 'answer');
      workers.push(w);
      return w;
    },
    timeoutMs: 5000,
    timers: clock.timers,
    onRestart: (info) => restarts.push(info),
  });
  return { client, workers, restarts, clock };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('EngineClient', () => {
  it('creates the worker lazily, once, and matches responses by id', async () => {
    const { client, workers } = setup(['answer']);
    expect(workers).toHaveLength(0);
    const [a, b] = await Promise.all([client.request({ type: 'ping' }), client.request({ type: 'ping' })]);
    expect(workers).toHaveLength(1);
    expect(a.id).not.toBe(b.id);
    expect(workers[0].received.map((m) => m.id)).toEqual([a.id, b.id]);
  });

  it('warm() starts the worker once without sending anything', async () => {
    const { client, workers } = setup(['answer']);
    client.warm();
    client.warm();
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toHaveLength(0);
    await client.request({ type: 'ping' });
    expect(workers).toHaveLength(1);
  });

  it('keeps one request in flight at a time', async () => {
    const { client, workers } = setup(['manual']);
    const p1 = client.request({ type: 'ping' });
    client.request({ type: 'ping' });
    expect(workers[0].received).toHaveLength(1);
    workers[0].reply(workers[0].received[0]);
    await p1;
    expect(workers[0].received).toHaveLength(2);
  });

  it('ignores answers with a stale id', async () => {
    const { client, workers } = setup(['manual']);
    let done = false;
    client.request({ type: 'ping' }).then(() => (done = true));
    workers[0].onmessage?.({ data: { type: 'pong', id: 999 } });
    workers[0].onmessage?.({ data: null });
    await flush();
    expect(done).toBe(false);
  });

  it('replaces a hung worker, tells the reader and retries once', async () => {
    const { client, workers, restarts, clock } = setup(['hang', 'answer']);
    const p = client.request({ type: 'ping' });
    clock.advance(4999);
    expect(workers).toHaveLength(1);
    clock.advance(1);
    expect(workers[0].terminated).toBe(true);
    expect(restarts).toEqual([{ reason: 'timeout', retrying: true }]);
    const r = await p;
    expect(r.type).toBe('pong');
    expect(workers).toHaveLength(2);
    expect(clock.count()).toBe(0);
  });

  it('gives up after the retry also hangs, and the next request gets a fresh worker', async () => {
    const { client, workers, restarts, clock } = setup(['hang', 'hang', 'answer']);
    const p = client.request({ type: 'ping' });
    clock.advance(5000);
    clock.advance(5000);
    await expect(p).rejects.toBeInstanceOf(EngineUnavailableError);
    expect(restarts).toEqual([
      { reason: 'timeout', retrying: true },
      { reason: 'timeout', retrying: false },
    ]);
    expect(workers.map((w) => w.terminated)).toEqual([true, true]);
    await expect(client.request({ type: 'ping' })).resolves.toMatchObject({ type: 'pong' });
    expect(workers).toHaveLength(3);
  });

  it('treats a worker error event as a crash and retries', async () => {
    const { client, workers, restarts } = setup(['manual', 'answer']);
    const p = client.request({ type: 'ping' });
    workers[0].onerror?.(new Event('error'));
    await expect(p).resolves.toMatchObject({ type: 'pong' });
    expect(restarts).toEqual([{ reason: 'crash', retrying: true }]);
  });

  it('keeps queued requests across a restart', async () => {
    const { client, workers, clock } = setup(['hang', 'answer']);
    const p1 = client.request({ type: 'ping' });
    const p2 = client.request({ type: 'ping' });
    clock.advance(5000);
    await expect(Promise.all([p1, p2])).resolves.toHaveLength(2);
    expect(workers[1].received).toHaveLength(2);
  });

  it('drops a queued request superseded by a newer one with the same key', async () => {
    const { client, workers } = setup(['manual']);
    const first = client.request({ type: 'ping' });
    const stale = client.request({ type: 'views', runId: 'r1', atMs: 1000, commands: [] }, { supersede: 'views:a' });
    const other = client.request({ type: 'views', runId: 'r1', atMs: 1000, commands: [] }, { supersede: 'views:b' });
    const fresh = client.request({ type: 'views', runId: 'r1', atMs: 2000, commands: [] }, { supersede: 'views:a' });
    await expect(stale).rejects.toBeInstanceOf(SupersededError);
    const w = workers[0];
    w.reply(w.received[0]);
    await first;
    w.reply(w.received[1]);
    await other;
    w.reply(w.received[2]);
    await fresh;
    expect(w.received.map((m) => m.atMs)).toEqual([undefined, 1000, 2000]);
  });

  it('dispose fails pending requests and terminates the worker', async () => {
    const { client, workers } = setup(['manual']);
    const p = client.request({ type: 'ping' });
    client.dispose();
    await expect(p).rejects.toBeInstanceOf(EngineUnavailableError);
    expect(workers[0].terminated).toBe(true);
  });
});
