/**
 * Replay one console block: create its file, run the actions it implies and its commands at
 * their moments, and compare each output with the notes'. The engine is reached through a small
 * interface, so the page (the worker) and the tests (the engine in Node) share this code.
 */
import { blockText, type ReplayBlock, type ReplayCommand } from './blocks';
import { compareShape, type Output, type Verdict } from './compare';

export interface ReplayEngine {
  /** What the t = 0 `kubectl create -f <fileName>` of the block's file printed. */
  setup(req: { text: string; fileName: string; proxyMode: 'ipvs' | 'iptables' }): Promise<Output>;
  /** Run `line` at `atMs` after `prior` (earlier lines at their times) on k8s-master01. */
  command(req: { text: string; fileName: string; proxyMode: 'ipvs' | 'iptables'; prior: Array<{ atMs: number; line: string }>; atMs: number; line: string }): Promise<Output>;
}

export interface ReplayResult {
  command: ReplayCommand;
  /** The line that was run (placeholders filled in). */
  ran: string;
  output: Output;
  verdict: Verdict;
}

/**
 * The line run for a command (before `{ip:…}` placeholders are filled). A line typed inside a
 * `kubectl exec -ti … -- sh` session goes to that shell as typed: the terminal keeps the session.
 */
export function lineToRun(c: ReplayCommand): string {
  return c.run ?? c.line;
}

/**
 * kubectl's warning when `-t` is asked for without a terminal (the replay has none); the notes
 * ran it in one. Wording as quoted in issue 8 (kubectl's term.TTY) // wording not verified
 */
const TTY_WARNING = /^Unable to use a TTY - input is not a terminal or the right kind of file\n?/;

function withoutTtyWarning(o: Output): Output {
  return { ...o, stderr: o.stderr.replace(TTY_WARNING, '') };
}

export async function replayBlock(block: ReplayBlock, engine: ReplayEngine): Promise<ReplayResult[]> {
  const text = blockText(block);
  const base = { text, fileName: block.fileName, proxyMode: block.proxyMode };
  const prior: Array<{ atMs: number; line: string }> = (block.actions ?? []).map((a) => ({ atMs: a.atMs, line: a.line }));
  const results: ReplayResult[] = [];
  // Whether the lines now go to a shell opened by `kubectl exec -ti` (the notes leave it, or use
  // another terminal, before their next host command: the replay types `exit` there).
  let inSession = false;
  for (const c of block.commands) {
    if (inSession && !c.inside) {
      prior.push({ atMs: prior[prior.length - 1]?.atMs ?? c.atMs, line: 'exit' });
      inSession = false;
    }
    if (c.setup) {
      const output = await engine.setup(base);
      results.push({ command: c, ran: c.line, output, verdict: compareShape(c.notes, output, c.varies) });
      continue;
    }
    let line = lineToRun(c);
    for (const m of [...line.matchAll(/\{ip:([a-z0-9.-]+)\}/g)]) {
      const ip = await engine.command({ ...base, prior: [...prior], atMs: c.atMs, line: `kubectl get pod ${m[1]} -o jsonpath={.status.podIP}` });
      line = line.replace(m[0], ip.stdout.trim() || m[1]);
    }
    const output = await engine.command({ ...base, prior: [...prior], atMs: c.atMs, line });
    prior.push({ atMs: c.atMs, line });
    if (c.session) inSession = true;
    results.push({ command: c, ran: line, output, verdict: compareShape(c.notes, c.session || /\bexec\b.*\s-(?:ti|it|t)\s/.test(c.line) ? withoutTtyWarning(output) : output, c.varies) });
  }
  return results;
}
