/**
 * Properties of the whole engine (fast-check): the same input gives byte-identical traces, no
 * input throws out of the engine, and every run ends within its caps.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { simulate } from '../index';

const DIR = new URL('../../../content/manifests/', import.meta.url);
const MANIFESTS = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(new URL(f, DIR), 'utf8'));

/** Mutations a reader (or a fuzzer) makes to a manifest. */
const mutated = fc.tuple(fc.constantFrom(...MANIFESTS), fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.string({ maxLength: 12 })), { maxLength: 4 })).map(([text, edits]) => {
  let t = text;
  for (const [pos, del, ins] of edits) {
    const p = pos % (t.length + 1);
    t = t.slice(0, p) + ins + t.slice(p + del);
  }
  return t;
});

const numbers = fc.tuple(fc.constantFrom(...MANIFESTS), fc.integer({ min: -5, max: 100 }), fc.integer({ min: -5, max: 100 })).map(([text, a, b]) =>
  text.replace(/(periodSeconds|failureThreshold|initialDelaySeconds|timeoutSeconds): \d+/g, (m, k) => `${k}: ${k === 'periodSeconds' ? a : b}`),
);

describe('engine properties', () => {
  test('never throws, always ends, and is deterministic on mutated manifests', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, numbers, fc.string({ maxLength: 200 })), (text) => {
        const a = simulate(text, { untilMs: 60_000, maxTasks: 200_000 });
        expect(a.trace.horizonMs).toBeLessThanOrEqual(60_000);
        const b = simulate(text, { untilMs: 60_000, maxTasks: 200_000 });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 40, seed: 20221208 },
    );
  });

  test('a busy loop in a container ends with the run', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: spin\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "while true; do :; done"]\n';
    const r = simulate(text, { untilMs: 120_000 });
    expect(r.accepted).toBe(true);
    expect(r.trace.horizonMs).toBe(120_000);
  });

  test('a run that would exceed its task cap stops and says so', () => {
    const r = simulate(MANIFESTS[0], { untilMs: 3_600_000, maxTasks: 500 });
    expect(r.trace.capped).toMatch(/stopped at .* after 500 engine tasks/);
  });
});
