/**
 * The page's one engine worker client, created on first use. `?pg-test-hang` in the page URL
 * makes the first worker hang (browser tests of the watchdog); it only affects that page load.
 */
import { EngineClient, type WorkerLike } from './engine-client';

let client: EngineClient | null = null;

function testHangRequested(): boolean {
  try {
    return new URLSearchParams(location.search).has('pg-test-hang');
  } catch {
    return false;
  }
}

export function engine(): EngineClient {
  if (!client) {
    const hangFirst = testHangRequested();
    client = new EngineClient({
      timeoutMs: 5000,
      createWorker(generation) {
        const worker = new Worker(new URL('../../../playground-engine/src/worker.ts', import.meta.url), { type: 'module', name: 'k8s-sim' });
        if (generation === 1 && hangFirst) worker.postMessage({ type: 'test-hang', id: 0 });
        return worker as unknown as WorkerLike;
      },
    });
  }
  return client;
}
