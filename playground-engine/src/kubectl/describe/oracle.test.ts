/**
 * The oracle: the REAL kubectl v1.30 prints the same objects the engine's printers print, served
 * by the fake API server of the team's kubectl-oracle tool (fakeapi.py). Runs only where the real
 * binary (`$KUBECTL`, or `kubectl.1.30` beside `kubectl` on PATH) and the tool
 * (`$KUBECTL_ORACLE_DIR`, default /work/shared/tools/kubectl-oracle) are present; skipped otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../sim/time';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';
import { edgePod } from '../testing/edge-pod';
import { FAKEAPI, ORACLE_ENABLED as enabled, Oracle, unshift } from '../../../test-support/kubectl-oracle';

const NOW = 100_000_000;
const oracle = new Oracle(18000 + (process.pid % 1000));
const post = (path: string, body: unknown) => oracle.post(path, body);
const runReal = (args: string[]) => oracle.run(args);

/** The engine's text as the bytes it would write (lone surrogates U+DC80..U+DCFF as raw bytes), read as latin1. */
function engineBytes(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0xdc80 && c <= 0xdcff) out += String.fromCharCode(c - 0xdc00);
    else out += Buffer.from(ch, 'utf8').toString('latin1');
  }
  return out;
}

async function realDescribe(objects: Record<string, unknown[]>, args: string[]): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const st = await post('/__oracle/state', { objects, virtualNow: rfc3339(NOW), mode: 'shift', margin: 2 + attempt });
    last = unshift(runReal(args), st.offset as number);
    if (!(await oracle.late())) break;
  }
  return last;
}

describe.skipIf(!enabled)('the real kubectl v1.30 prints the same (oracle)', () => {
  beforeAll(() => oracle.start([FAKEAPI, String(oracle.port)]), 20_000);
  afterAll(() => oracle.stop());

  it('describe pod with fieldRef env, an escaped probe URL, a topology selector, a cut annotation and 51 events with equal times', async () => {
    const h = new FakeHost(NOW);
    const pod = edgePod(NOW);
    h.add(pod);
    // 51 events whose lastTimestamps take three values, in an order where Go 1.22's pdqsort
    // breaks patterns (the newer xorshift would scatter different elements)
    const keys = [1, 1, 1, 2, 0, 0, 1, 2, 2, 1, 0, 0, 0, 0, 2, 2, 2, 2, 0, 0, 0, 2, 0, 2, 0, 1, 2, 1, 0, 1, 2, 2, 2, 2, 2, 0, 2, 2, 2, 0, 1, 1, 2, 0, 2, 0, 1, 0, 0, 1, 0];
    const events = keys.map((k, i) => O.event(NOW, { pod: 'edge', uid: pod.metadata.uid, reason: 'Pulled', message: `event ${i}`, from: 'kubelet', firstAgo: 30, lastAgo: 30 - k, seq: i }));
    h.add(...events);
    const sim = kubectl(h, 'describe pod edge').stdout;
    const real = await realDescribe({ 'v1/pods': [pod], 'v1/events': events }, ['describe', 'pod', 'edge', '-n', 'default']);
    expect(engineBytes(sim)).toBe(real);
  }, 30_000);

  it('describe pod PREFIX and describe svc', async () => {
    const h = new FakeHost(NOW);
    const pods = [O.running(O.pod('web-1', NOW, { age: 5 }), NOW), O.running(O.pod('web-2', NOW, { age: 5 }), NOW)];
    const svc = O.service('web', 'default', NOW, 10, '10.103.5.16', [{ port: 80 }], { app: 'web' });
    (svc as { spec: Record<string, unknown> }).spec.internalTrafficPolicy = 'Cluster';
    h.add(...pods, svc);
    const objects = { 'v1/pods': pods, 'v1/services': [svc], 'v1/events': [] };
    expect(engineBytes(kubectl(h, 'describe pod web').stdout)).toBe(await realDescribe(objects, ['describe', 'pod', 'web']));
    expect(engineBytes(kubectl(h, 'describe svc web').stdout)).toBe(await realDescribe(objects, ['describe', 'svc', 'web']));
  }, 30_000);

  it('get pod -o yaml with special characters', async () => {
    for (const annotations of [{ nel: 'a\u0085b', nel2: 'a \u0085 \u0085b\u0085', bom: '\ufeffa "b"\n', bom3: 'x\ufeffy', ls: 'a\u2028b', astral: 'x\u{1f600}y' }, { del: 'a\u007fb' }]) {
      const h = new FakeHost(NOW);
      const pod = O.running(O.pod('ctrl', NOW, { age: 5 }), NOW);
      pod.metadata.annotations = annotations;
      h.add(pod);
      const r = kubectl(h, 'get pod ctrl -o yaml');
      await post('/__oracle/state', { objects: { 'v1/pods': [pod], 'v1/events': [] }, virtualNow: rfc3339(NOW), mode: 'noshift' });
      expect(engineBytes(r.stdout + r.stderr)).toBe(runReal(['get', 'pod', 'ctrl', '-n', 'default', '-o', 'yaml']));
    }
  }, 30_000);
});
