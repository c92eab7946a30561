import { describe, expect, test } from 'vitest';
import { BURST_UNITS, CpuMeter, SLICE_MS, SLICE_UNITS, UNITS_PER_MS } from './cpu';

/** Run `units` one at a time on a meter from `t`, following its slices; returns the end time and charges. */
function spin(m: CpuMeter, units: number, t = 0): { t: number; charges: number[] } {
  const charges: number[] = [];
  for (let i = 0; i < units; i++) {
    const ms = m.charge(1, t);
    if (ms) {
      charges.push(ms);
      t += ms;
      m.resumed(t);
    }
  }
  return { t, charges };
}

describe('CPU meter', () => {
  test('short bursts cost 1 ms per 100 units', () => {
    const m = new CpuMeter();
    const r = spin(m, BURST_UNITS);
    expect(r.charges).toEqual(Array(BURST_UNITS / UNITS_PER_MS).fill(1));
    expect(m.hog).toBe(false);
  });

  test('a process that keeps running becomes a hog and runs in slices', () => {
    const m = new CpuMeter();
    const r = spin(m, BURST_UNITS + 10 * SLICE_UNITS);
    expect(r.charges.filter((c) => c === SLICE_MS).length).toBe(10);
    expect(m.hog).toBe(true);
    // The cost of a second of virtual time is a fixed number of units, whatever the loop does.
    expect((1000 / SLICE_MS) * SLICE_UNITS).toBeLessThan(UNITS_PER_MS);
  });

  test('blocking (a later clock than the end of the last slice) starts a new burst', () => {
    const m = new CpuMeter();
    const r = spin(m, BURST_UNITS + 50);
    expect(m.hog).toBe(true);
    const later = r.t + 1000; // slept a second
    expect(m.charge(1, later)).toBe(0);
    expect(m.hog).toBe(false);
  });
});
