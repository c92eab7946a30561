import { describe, expect, it } from 'vitest';
import { CommandHistory } from '../../src/playground/client/history';
import { SessionLog } from '../../src/playground/client/session-log';
import { Lru, viewCommands } from '../../src/playground/client/views';
import { playRate, scrubStepMs } from '../../src/playground/client/scrubber';
import { offsetOf } from '../../src/playground/editor/textarea';

describe('command history', () => {
  it('walks back and forth and keeps the draft', () => {
    const h = new CommandHistory();
    h.push('kubectl get pods');
    h.push('kubectl describe pod nginx');
    expect(h.up('kub')).toBe('kubectl describe pod nginx');
    expect(h.up('')).toBe('kubectl get pods');
    expect(h.up('')).toBe('kubectl get pods');
    expect(h.down('')).toBe('kubectl describe pod nginx');
    expect(h.down('')).toBe('kub');
    expect(h.down('kub')).toBe('kub');
  });
  it('skips blanks and immediate repeats, and is bounded', () => {
    const h = new CommandHistory(3);
    for (const l of ['a', 'a', ' ', 'b', 'c', 'd']) h.push(l);
    expect(h.entries).toEqual(['b', 'c', 'd']);
    expect(new CommandHistory().up('x')).toBe('x');
  });
});

describe('session log', () => {
  it('replays only commands at or before the time, in typing order', () => {
    const s = new SessionLog();
    s.record({ atMs: 30000, line: 'kubectl delete pod nginx' });
    s.record({ atMs: 10000, line: 'kubectl exec nginx -- rm -f /usr/share/nginx/html/index.html' });
    expect(s.priorFor(5000)).toEqual([]);
    expect(s.priorFor(10000).map((l) => l.atMs)).toEqual([10000]);
    expect(s.priorFor(60000).map((l) => l.atMs)).toEqual([30000, 10000]);
    s.clear();
    expect(s.size).toBe(0);
  });
});

describe('views', () => {
  it('uses -A only when a pod is outside default, and -n for describe', () => {
    expect(viewCommands([{ namespace: 'default', name: 'nginx' }], { namespace: 'default', name: 'nginx' })).toEqual({
      wide: 'kubectl get pods -o wide',
      watch: 'kubectl get pods -w',
      describe: 'kubectl describe pod nginx',
      events: 'kubectl get events',
      flow: 'component-log',
    });
    const ns = viewCommands([{ namespace: 'web', name: 'a' }], { namespace: 'web', name: 'a' });
    expect(ns.wide).toBe('kubectl get pods -A -o wide');
    expect(ns.describe).toBe('kubectl describe pod a -n web');
    expect(ns.events).toBe('kubectl get events -A');
    expect(viewCommands([]).describe).toBeUndefined();
  });
  it('LRU cache evicts the least recently used', () => {
    const c = new Lru<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.get('a');
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
  });
});

describe('scrubber math', () => {
  it.each([
    [60000, 100],
    [120000, 100],
    [300000, 1000],
  ])('step for %ims is %ims', (h, s) => expect(scrubStepMs(h)).toBe(s));
  it('plays a run in about 20 s, never slower than real time', () => {
    expect(playRate(300000)).toBe(15);
    expect(playRate(5000)).toBe(1);
  });
});

describe('textarea offsets', () => {
  const text = 'a: 1\nbb: 2\n\nccc: 3';
  it.each([
    [1, 1, 0],
    [2, 1, 5],
    [2, 3, 7],
    [2, 99, 10],
    [3, 1, 11],
    [4, 2, 13],
    [9, 1, text.length],
  ])('line %i column %i is offset %i', (l, c, o) => expect(offsetOf(text, l, c)).toBe(o));
});
