import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './queue';

describe('EventQueue: tasks run in (time, queue order)', () => {
  test('any mix of times, same-instant ties, cancels and tasks queued while running', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean(), child: fc.option(fc.integer({ min: 0, max: 20 })) }), { maxLength: 200 }),
        (specs) => {
          const q = new EventQueue();
          const ran: Array<{ t: number; id: string }> = [];
          const expected: Array<{ t: number; seq: number; id: string }> = [];
          let seq = 0;
          specs.forEach((s, i) => {
            const id = `a${i}`;
            const mySeq = seq++;
            const timer = q.at(s.t, () => {
              ran.push({ t: q.now, id });
              if (s.child !== null) {
                const cid = `c${i}`;
                q.after(s.child, () => ran.push({ t: q.now, id: cid }));
              }
            });
            if (s.cancel) q.cancel(timer);
            else expected.push({ t: s.t, seq: mySeq, id });
          });
          q.runUntil({ untilMs: 1000 });
          // Every live task ran, in time order; ties in the order they were queued.
          const top = ran.filter((r) => r.id.startsWith('a')).map((r) => r.id);
          expect(top).toEqual([...expected].sort((a, b) => a.t - b.t || a.seq - b.seq).map((e) => e.id));
          for (let i = 1; i < ran.length; i++) expect(ran[i].t).toBeGreaterThanOrEqual(ran[i - 1].t);
          expect(q.pending).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a child queued for the current instant runs after the tasks already queued for it', () => {
    const q = new EventQueue();
    const order: string[] = [];
    q.at(5, () => {
      order.push('a');
      q.soon(() => order.push('a-child'));
    });
    q.at(5, () => order.push('b'));
    q.at(6, () => order.push('c'));
    q.runUntil({ untilMs: 10 });
    expect(order).toEqual(['a', 'b', 'a-child', 'c']);
    expect(q.now).toBe(10);
  });

  test('soonCall and atCall run as soon and at with a closure would, in the same order, cut at the same task', () => {
    type Op = { kind: 'at' | 'atCall' | 'soon' | 'soonCall'; dt: number; cancel: boolean; children: number };
    const op = fc.record({ kind: fc.constantFrom('at', 'atCall', 'soon', 'soonCall'), dt: fc.integer({ min: 0, max: 5 }), cancel: fc.boolean(), children: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 400 }), (ops: Op[], maxTasks) => {
        /** Run the program; `plain` queues every task as a closure through at/soon. */
        const run = (plain: boolean) => {
          const q = new EventQueue();
          const log: string[] = [];
          let next = 0;
          const queue = (id: number): void => {
            const o = ops[id % ops.length];
            const task = (arg: number) => {
              log.push(`${q.now}:${arg}`);
              for (let c = 0; c < o.children && next < 300; c++) queue(next++);
            };
            const kind = plain ? (o.kind === 'atCall' ? 'at' : o.kind === 'soonCall' ? 'soon' : o.kind) : o.kind;
            if (kind === 'soonCall') q.soonCall(task, id);
            else if (kind === 'soon') q.soon(() => task(id));
            else {
              const timer = kind === 'atCall' ? q.atCall(q.now + o.dt, task, id) : q.at(q.now + o.dt, () => task(id));
              if (o.cancel) q.cancel(timer);
            }
          };
          for (let i = 0; i < Math.min(ops.length, 20); i++) queue(next++);
          const out = q.runUntil({ untilMs: 1000, maxTasks });
          return { log, out, now: q.now, pending: q.pending, executed: q.executed };
        };
        expect(run(false)).toEqual(run(true));
      }),
      { numRuns: 300 },
    );
  });
});
