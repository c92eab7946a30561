/**
 * CPU time, as the kernel's scheduler hands it out to a process that keeps running.
 *
 * Programs meter their work in "units" (a shell command, a loop test, a write of a busy
 * tool). A process that runs in short bursts between waits (the notes' `echo; sleep 1`
 * loops) is charged 1 ms of virtual CPU per 100 units, so its timings are those of a fast
 * CPU. A process that keeps the CPU for more than a burst (3 ms of CPU without blocking)
 * is a CPU hog: from then on it runs in scheduling slices, each a fixed amount of work
 * (SLICE_UNITS) for a fixed amount of virtual time (SLICE_MS), after which it yields and
 * the clock moves on. The simulation therefore pays O(1) per slice of virtual time, not
 * per loop iteration: a `while :; do :; done` over 24 h costs as much as a few hundred
 * thousand slices, whatever a real CPU would have done in that time. (The modelled hog runs
 * far fewer commands per second than a real CPU; counters in such a loop grow slower.)
 *
 * The meter notices a block by the clock: when the process comes back to the meter at a
 * later virtual time than the end of its last slice, it waited for something (a sleep, a
 * child, a probe), and its next run starts cold again.
 */
import type { VirtualMs } from '../../types';

/** Units per millisecond of CPU while a process runs in short bursts. */
export const UNITS_PER_MS = 100;
/** Units a process may run without blocking before it is treated as a CPU hog (3 ms of CPU). */
export const BURST_UNITS = 300;
/** Work a CPU hog does in one scheduling slice. */
export const SLICE_UNITS = 10;
/** Virtual time one scheduling slice of a CPU hog takes. */
export const SLICE_MS = 200;

export class CpuMeter {
  /** Units done but not yet charged as time. */
  private pending = 0;
  /** Units since the process last blocked. */
  private run = 0;
  /** When the process came back from its last slice (-1: never ran). */
  private resumedAt = -1;
  /** Total CPU charged, ms. */
  cpuMs = 0;

  /**
   * Account `units` of work done at `now`. Returns the virtual milliseconds the process must
   * now spend on the CPU (the caller yields a sleep of that length and then calls `resumed`),
   * or 0 when it may go on at once.
   */
  charge(units: number, now: VirtualMs): number {
    if (now !== this.resumedAt) {
      this.run = 0;
      this.resumedAt = now;
    }
    this.pending += units;
    this.run += units;
    const hog = this.run > BURST_UNITS;
    if (this.pending < (hog ? SLICE_UNITS : UNITS_PER_MS)) return 0;
    // A hog pays every slice its work filled (a big write can fill several).
    const ms = hog ? Math.floor(this.pending / SLICE_UNITS) * SLICE_MS : 1;
    this.pending = hog ? this.pending % SLICE_UNITS : 0;
    this.cpuMs += ms;
    return ms;
  }

  /** Work to be paid for at the next `charge` (e.g. a large write: 1 unit per 4 KiB). */
  owe(units: number): void {
    this.pending += units;
    this.run += units;
  }

  /** The slice charged by `charge` has passed; the process runs on at `now`. */
  resumed(now: VirtualMs): void {
    this.resumedAt = now;
  }

  /** Whether the process is running as a CPU hog (its last run exceeded a burst). */
  get hog(): boolean {
    return this.run > BURST_UNITS;
  }
}
