/**
 * `k8s-sim`: the engine in a terminal.
 *
 *   k8s-sim run FILE... [--until 300s] [--json] [--proxy-mode ipvs|iptables]
 *   k8s-sim sh --at 60s FILE... -- COMMAND LINE
 *
 * Node I/O is injected (bin/k8s-sim.mjs passes it), so this module stays testable.
 */
import { simulateSources, runCommandsOn, type Source } from '../engine';
import { eventRecords, podRows, formatEventStream } from '../report';
import { parseDurationMs } from '../sim/duration';
import type { Trace } from '../trace';

export interface CliIO {
  readFile(path: string): Promise<string>;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Standard input, for `-`. */
  readStdin?(): Promise<string>;
  /** Wall clock in ms (for --wall-budget; the engine itself reads no clock). */
  clock?(): number;
}

const USAGE = `k8s-sim: a deterministic simulation of a small Kubernetes cluster (v1.30)

Usage:
  k8s-sim run FILE... [--until DURATION] [--wall-budget DURATION] [--json] [--proxy-mode ipvs|iptables]
      Apply the manifests (and an optional kind: Scenario document) at t=0 and simulate.
      Prints the event stream, the final \`kubectl get pods -o wide\`, one line per traffic
      client (sent, ok, failed) and the simulator's hints (e.g. an image its registry lacks);
      --json prints {"events": [...], "pods": [...], "steps": [...], "traffic": [...],
      "diagnostics": [...], "notices": [...], "cut": {...}}. --proxy-mode overrides the
      Scenario's proxyMode. A run cut short (engine-task cap, record-size cap, --wall-budget of
      real time) keeps everything up to the cut and says which limit stopped it at what virtual time.
      Exit 0: simulated; 1: rejected (the API server's or parser's message on stderr); 2: usage.
  k8s-sim sh --at DURATION FILE... -- COMMAND LINE
      Simulate up to DURATION, then run one terminal command line on k8s-master01
      (kubectl ..., curl ..., pipes into grep) and print what it prints.

DURATION: 90, 90s, 2m, 1h30m (default for run: the Scenario's duration, else 300s).
FILE may be - for standard input.
`;

interface Parsed {
  cmd: 'run' | 'sh' | 'help' | 'version';
  files: string[];
  untilMs?: number;
  atMs?: number;
  json: boolean;
  line?: string;
  proxyMode?: 'ipvs' | 'iptables';
  wallBudgetMs?: number;
}

function parseArgs(argv: string[]): Parsed | string {
  if (!argv.length) return 'missing command';
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { cmd: 'help', files: [], json: false };
  if (cmd === '--version' || cmd === 'version') return { cmd: 'version', files: [], json: false };
  if (cmd !== 'run' && cmd !== 'sh') return `unknown command "${cmd}"`;
  const p: Parsed = { cmd, files: [], json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      if (cmd !== 'sh') return 'unexpected "--"';
      p.line = rest.slice(i + 1).join(' ');
      break;
    }
    const takeValue = (name: string): string | undefined => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      return rest[++i];
    };
    if (a === '--json') p.json = true;
    else if (a === '--proxy-mode' || a.startsWith('--proxy-mode=')) {
      const v = takeValue('--proxy-mode');
      if (v !== 'ipvs' && v !== 'iptables') return `invalid --proxy-mode value "${v ?? ''}" (ipvs or iptables)`;
      p.proxyMode = v;
    }
    else if (a === '--until' || a.startsWith('--until=')) {
      const v = takeValue('--until');
      const ms = v === undefined ? undefined : parseDurationMs(v);
      if (ms === undefined) return `invalid --until value "${v ?? ''}"`;
      p.untilMs = ms;
    } else if (a === '--wall-budget' || a.startsWith('--wall-budget=')) {
      const v = takeValue('--wall-budget');
      const ms = v === undefined ? undefined : parseDurationMs(v);
      if (ms === undefined) return `invalid --wall-budget value "${v ?? ''}"`;
      p.wallBudgetMs = ms;
    } else if (a === '--at' || a.startsWith('--at=')) {
      const v = takeValue('--at');
      const ms = v === undefined ? undefined : parseDurationMs(v);
      if (ms === undefined) return `invalid --at value "${v ?? ''}"`;
      p.atMs = ms;
    } else if (a === '-h' || a === '--help') return { cmd: 'help', files: [], json: false };
    else if (a.startsWith('-') && a !== '-') return `unknown flag "${a}"`;
    else p.files.push(a);
  }
  if (!p.files.length) return 'no FILE given';
  if (cmd === 'sh') {
    if (p.atMs === undefined) return 'sh needs --at DURATION';
    if (p.line === undefined || !p.line.trim()) return 'sh needs a command line after --';
  }
  return p;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const p = parseArgs(argv);
  if (typeof p === 'string') {
    io.stderr(`k8s-sim: ${p}\n\n${USAGE}`);
    return 2;
  }
  if (p.cmd === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (p.cmd === 'version') {
    io.stdout('k8s-sim (playground-engine) simulating Kubernetes v1.30\n');
    return 0;
  }
  const sources: Source[] = [];
  for (const f of p.files) {
    try {
      const text = f === '-' ? await (io.readStdin?.() ?? Promise.resolve('')) : await io.readFile(f);
      sources.push({ fileName: f === '-' ? 'STDIN' : baseName(f), text });
    } catch (e) {
      io.stderr(`error: the path "${f}" does not exist\n`);
      return 2;
    }
  }

  const { explainDocument } = await import('../api/explain');
  const explain = () => explainDocument;
  if (p.cmd === 'run') {
    const started = io.clock?.();
    const shouldStop = p.wallBudgetMs !== undefined && started !== undefined ? () => io.clock!() - started > p.wallBudgetMs! : undefined;
    const r = simulateSources(sources, { untilMs: p.untilMs, explain, shouldStop, proxyMode: p.proxyMode });
    if (!r.accepted) {
      io.stderr((r.rejection ?? 'error: rejected') + '\n');
      if (p.json) io.stdout(JSON.stringify({ accepted: false, events: [], pods: [], steps: [], diagnostics: r.diagnostics }, null, 1) + '\n');
      return 1;
    }
    if (p.json) {
      io.stdout(JSON.stringify({
        accepted: true,
        horizon: r.trace.horizonMs / 1000,
        events: eventRecords(r.trace),
        pods: podRows(r.trace),
        steps: r.trace.steps.map((s) => ({ time: s.t / 1000, run: s.run, stdout: s.stdout, stderr: s.stderr, exitCode: s.exitCode })),
        traffic: trafficRecords(r.trace),
        diagnostics: r.diagnostics,
        notices: (r.trace.notices ?? []).map((n) => ({ time: n.t / 1000, kind: n.kind, image: n.image, message: n.message, closest: n.closest })),
        capped: r.trace.capped,
        ...(r.trace.cut ? { cut: { limit: r.trace.cut.limit, time: r.trace.cut.atMs / 1000, message: r.trace.cut.message } } : {}),
      }, null, 1) + '\n');
    } else {
      io.stdout(formatEventStream(r.trace));
      for (const s of r.trace.steps) {
        // As a terminal shows it: both streams in the order they were written.
        io.stdout(`\n[${(s.t / 1000).toFixed(1)}s] [root@k8s-master01 ~]# ${s.run}\n${s.output ? s.output.map((c) => c.text).join('') : s.stdout + s.stderr}`);
      }
      if (r.trace.cut) io.stdout(`\n[${(r.trace.cut.atMs / 1000).toFixed(1)}s] run cut (limit: ${r.trace.cut.limit}): ${r.trace.cut.message}\n`);
      const final = runCommandsOn(r, [{ atMs: r.trace.horizonMs, line: 'kubectl get pods -o wide' }]);
      io.stdout(`\n[${(r.trace.horizonMs / 1000).toFixed(1)}s] [root@k8s-master01 ~]# kubectl get pods -o wide\n${final[0].stdout}${final[0].stderr}`);
      if (r.trace.trafficSummary?.length) io.stdout('\n');
      for (const t of r.trace.trafficSummary ?? []) io.stdout(`traffic ${t.url}: ${t.sent} sent, ${t.ok} ok, ${t.failed} failed\n`);
      // The simulator's own notes (not kubectl output), after everything else.
      if (r.trace.notices?.length) io.stdout(`\n${r.trace.notices.map((n) => `hint: ${n.message}\n`).join('')}`);
      for (const d of r.diagnostics) io.stderr(`${d.severity}: ${d.message}\n`);
    }
    return 0;
  }

  // sh
  const r = simulateSources(sources, { untilMs: p.atMs, explain });
  if (!r.accepted) {
    io.stderr((r.rejection ?? 'error: rejected') + '\n');
    return 1;
  }
  const out = runCommandsOn(r, [{ atMs: p.atMs!, line: p.line! }]);
  if (out[0].output) for (const c of out[0].output) (c.stream === 'stdout' ? io.stdout : io.stderr)(c.text);
  else {
    io.stdout(out[0].stdout);
    io.stderr(out[0].stderr);
  }
  // The simulator's own notes (not the command's output), as `run` prints them.
  for (const n of out[0].notices ?? []) io.stderr(`hint: ${n.message}\n`);
  return out[0].exitCode === 0 ? 0 : Math.min(255, Math.max(1, out[0].exitCode));
}

/** `--json`'s traffic: one entry per client per second, empty maps omitted. */
export function trafficRecords(trace: Trace): Array<{ time: number; url: string; ok?: Record<string, number>; errors?: Record<string, number> }> {
  return trace.traffic.map((b) => ({ time: b.t / 1000, url: b.url, ...(b.ok ? { ok: b.ok } : {}), ...(b.errors ? { errors: b.errors } : {}) }));
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
