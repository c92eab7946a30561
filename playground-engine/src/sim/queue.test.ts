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
});
