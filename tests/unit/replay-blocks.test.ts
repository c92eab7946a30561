/**
 * Every console block of the notes, replayed through the engine (content/replay/): each command's
 * simulated output must have the notes' shape (compare.ts). Commands that wait for another
 * branch's work carry `pending` in the table and are expected to fail (`it.fails`) until it lands.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { replayBlocks } from '../../content/replay/blocks';
import { compareShape, normalizeLine } from '../../content/replay/compare';
import { replayBlock, type ReplayEngine, type ReplayResult } from '../../content/replay/run';
import { runCommands, simulate } from '../../playground-engine/src/index';

export const nodeEngine: ReplayEngine = {
  async setup({ text, fileName, proxyMode }) {
    const r = simulate(text, { fileName, proxyMode, untilMs: 0 });
    const step = r.trace.steps[0];
    return step ? { stdout: step.stdout, stderr: step.stderr, exitCode: step.exitCode } : { stdout: '', stderr: r.rejection ?? '', exitCode: 1 };
  },
  async command({ text, fileName, proxyMode, prior, atMs, line }) {
    const out = runCommands(text, [...prior, { atMs, line }], { fileName, proxyMode });
    const last = out[out.length - 1];
    return { stdout: last.stdout, stderr: last.stderr, exitCode: last.exitCode };
  },
};

const mdx = (chapter: string) => readFileSync(new URL(`../../content/${chapter}.mdx`, import.meta.url), 'utf8');
const seed = readFileSync(new URL('../../content/source/k8s-basics.md', import.meta.url), 'utf8');

describe('the replay table', () => {
  it('has the notes\' 23 console blocks and 35 commands', () => {
    expect(replayBlocks.length).toBe(23);
    expect(replayBlocks.reduce((n, b) => n + b.commands.length, 0)).toBe(35);
    expect(new Set(replayBlocks.map((b) => b.id)).size).toBe(23);
    const consoleBlocks = seed.match(/^```(SH|sh)\n/gm) ?? [];
    expect(consoleBlocks.length).toBe(23);
  });

  it.each(replayBlocks.map((b) => [b.id, b] as const))('block %s: its commands and outputs are in its chapter and the notes, and the chapter has its action', (_id, b) => {
    const page = mdx(b.chapter);
    for (const c of b.commands) {
      const printed = `${c.prompt}${c.line}`;
      expect(page.includes(printed) || page.includes(printed.trimEnd()), printed).toBe(true);
      expect(seed.includes(printed.trimEnd()), printed).toBe(true);
      for (const l of c.notes.split('\n').filter((x) => x.trim())) {
        expect(page.includes(l), l).toBe(true);
        expect(seed.includes(l), l).toBe(true);
      }
      expect(c.atMs).toBeGreaterThanOrEqual(0);
    }
    expect(page.includes(`<Replay block="${b.id}"`), `<Replay block="${b.id}" /> in ${b.chapter}.mdx`).toBe(true);
  });
});

describe('compareShape', () => {
  it('masks IPs, ages and round-trip times, and nothing else', () => {
    expect(normalizeLine('nginx   1/1     Running   0          2m29s   172.17.125.8   k8s-node01')).toBe('nginx 1/1 Running 0 <age> <ip> k8s-node01');
    expect(normalizeLine('64 bytes from 172.17.125.7: icmp_seq=1 ttl=63 time=17.5 ms')).toBe('64 bytes from <ip>: icmp_seq=1 ttl=63 time=<rtt> ms');
    expect(normalizeLine('  Warning  Unhealthy  76s (x3 over 81s)  kubelet', ['count'])).toBe('Warning Unhealthy <age> (x<n> over <age>) kubelet');
  });
  it('fails on another header, a missing row, another status or wording', () => {
    const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
    const notes = 'NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          41s';
    expect(compareShape(notes, out('NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          3m1s\n')).ok).toBe(true);
    expect(compareShape(notes, out('NAME    READY   STATUS    AGE\nnginx   1/1     Running   41s\n')).reason).toMatch(/^header differs/);
    expect(compareShape(notes, out('NAME    READY   STATUS    RESTARTS   AGE\nnginx   0/1     Pending   0          41s\n')).reason).toMatch(/closest simulated: "nginx   0\/1     Pending/);
    expect(compareShape(notes, out('NAME    READY   STATUS    RESTARTS   AGE\n')).ok).toBe(false);
    // An excerpt (the Events of a describe): the matched lines are given by index.
    const describe = 'Name:  nginx\n\nEvents:\n  Type    Reason     Age   From     Message\n  Normal  Started    6s    kubelet  Started container nginx\n';
    expect(compareShape('Events:\n  Normal  Started    9s    kubelet  Started container nginx', out(describe)).matched).toEqual([2, 4]);
    expect(compareShape('', { stdout: '', stderr: '-bash: ctr: command not found\n', exitCode: 127 }).reason).toBe('exit code 127: -bash: ctr: command not found');
  });
});

// One replay per block, shared by its commands' tests.
const replays = new Map<string, Promise<ReplayResult[]>>();
const replayOf = (id: string) => {
  let p = replays.get(id);
  if (!p) {
    p = replayBlock(replayBlocks.find((b) => b.id === id)!, nodeEngine);
    replays.set(id, p);
  }
  return p;
};

describe('every console block replays with the notes\' shape', () => {
  // Per command: pass / fail with the reason (expected failures say what they wait for).
  afterAll(async () => {
    const rows: string[] = [];
    for (const b of replayBlocks) {
      const results = await replayOf(b.id);
      results.forEach((r) => {
        const c = r.command;
        const state = r.verdict.ok ? (c.pending ? 'PASS (was pending: update the table)' : 'pass') : c.pending ? `expected fail — ${c.pending}; ${r.verdict.reason}` : `FAIL — ${r.verdict.reason}`;
        rows.push(`${b.id.padEnd(7)} ${(c.line.length > 58 ? c.line.slice(0, 57) + '…' : c.line).padEnd(58)} ${state}`);
      });
    }
    console.log(`replay of the notes' console blocks (${rows.length} commands):\n${rows.join('\n')}`);
  });

  for (const b of replayBlocks) {
    describe(`${b.id} (${b.chapter})`, () => {
      b.commands.forEach((c, i) => {
        const name = `${c.prompt}${c.line}`;
        const test = async () => {
          const r = (await replayOf(b.id))[i];
          expect(r.verdict.reason ?? 'pass', `ran: ${r.ran}\n${r.output.stdout}${r.output.stderr}`).toBe('pass');
        };
        if (c.pending) it.fails(`${name} — pending: ${c.pending}`, test);
        else it(name, test);
      });
    });
  }
});
