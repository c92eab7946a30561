/**
 * Compare a simulated command's output with the notes' printed output by shape: the notes'
 * lines must all appear, in order, in the simulated output (the notes often print an excerpt:
 * the Events of a describe, one row of a list, the head of a page); a table header the notes
 * print first must be the simulated output's first line. Only values that legitimately vary are
 * masked: IPv4 addresses, ages and durations, round-trip times, container ids and digests, and
 * (per command, each with its reason in the table) event counts, node names, a status or
 * Calico's interface names.
 */
import type { Variation } from './blocks';

export interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Verdict {
  ok: boolean;
  reason?: string;
  /** Indices (in `(stdout + stderr).split('\n')`) of the simulated lines that matched the notes' lines. */
  matched?: number[];
}

const AGE = /\b\d+(?:\.\d+)?(?:ms|[smhdy])(?:\d+[smh])?\b/g;

export function normalizeLine(line: string, varies: readonly Variation[] = []): string {
  let s = line.replace(/\s+/g, ' ').trim();
  s = s.replace(/time=\d+(?:\.\d+)? ms/g, 'time=<rtt> ms');
  s = s.replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>');
  s = s.replace(/\b[0-9a-f]{64}\b/g, '<id>');
  s = s.replace(AGE, '<age>');
  if (varies.includes('count')) s = s.replace(/\(x\d+ over/g, '(x<n> over');
  if (varies.includes('node')) s = s.replace(/\bk8s-(?:node|master)0\d\b/g, '<node>');
  // Calico's veth name: cali + sha1("namespace.pod")[:11], which follows the pods' random suffixes
  if (varies.includes('iface')) s = s.replace(/\bcali[0-9a-f]{11}\b/g, 'cali<hash>');
  return s;
}

const isHeader = (line: string) => {
  const cells = line.trim().split(/\s{2,}/);
  return cells.length >= 2 && cells.every((c) => /^[A-Z][A-Z()\- ]*$/.test(c));
};

const linesOf = (text: string) => text.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l !== '');
/** Non-empty lines with their index in text.split('\n'). */
const indexedLines = (text: string) =>
  text
    .split('\n')
    .map((l, i) => ({ l: l.replace(/\s+$/, ''), i }))
    .filter((x) => x.l !== '');

/** Is the simulated output the notes' output, up to the values that legitimately vary? */
export function compareShape(notes: string, sim: Output, varies: readonly Variation[] = []): Verdict {
  if (notes.trim() === '') {
    if (sim.exitCode !== 0) return { ok: false, reason: `exit code ${sim.exitCode}: ${firstLine(sim.stderr || sim.stdout)}` };
    if (sim.stderr.trim()) return { ok: false, reason: `unexpected stderr: ${firstLine(sim.stderr)}` };
    return { ok: true };
  }
  const want = linesOf(notes);
  const gotIx = indexedLines(sim.stdout + sim.stderr);
  const got = gotIx.map((x) => x.l);
  const gotN = got.map((l) => normalizeLine(l, varies));
  const matched: number[] = [];
  if (isHeader(want[0]) && normalizeLine(want[0], varies) !== gotN[0]) {
    return { ok: false, reason: `header differs: notes "${want[0].trim()}", simulated "${(got[0] ?? '').trim()}"` };
  }
  let at = 0;
  for (const w of want) {
    const n = normalizeLine(w, varies);
    const i = gotN.indexOf(n, at);
    if (i < 0) {
      const key = n.split(' ')[0];
      const near = got.slice(at).find((g) => normalizeLine(g, varies).split(' ')[0] === key);
      return { ok: false, reason: `notes line not found: "${w.trim()}"${near !== undefined ? `; closest simulated: "${near.trim()}"` : got.length ? '' : '; simulated output is empty'}` };
    }
    matched.push(gotIx[i].i);
    at = i + 1;
  }
  return { ok: true, matched };
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? '').trim();
}
