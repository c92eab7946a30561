import { describe, expect, it } from 'vitest';
import { jsonEqual } from './store';

describe('jsonEqual', () => {
  it('agrees with comparing the JSON texts', () => {
    const values: unknown[] = [
      undefined, null, 0, -0, 1, NaN, Infinity, '', 'a', '0', true, false, () => 1, Symbol('x'),
      [], [undefined], [null], [() => 1], [1, 2], [2, 1], {}, { a: undefined }, { a: null }, { a: 1 }, { b: 1 },
      { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: undefined }, { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } },
      { toJSON: () => 1 }, new Date(0), new Number(1), new String('a'), { a: new Date(0) }, { a: '1970-01-01T00:00:00.000Z' },
      [NaN], [Infinity], { a: NaN }, { a: null, b: 1 }, { x: [[]] }, { x: [{}] },
    ];
    for (const a of values) for (const b of values) expect(jsonEqual(a, b), `${String(JSON.stringify(a))} vs ${String(JSON.stringify(b))}`).toBe(JSON.stringify(a) === JSON.stringify(b));
  });
});
