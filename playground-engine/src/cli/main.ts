/**
 * `k8s-sim`: the engine in a terminal.
 *
 *   k8s-sim run FILE... [--until 300s] [--json] [--proxy-mode ipvs|iptables]
 *   k8s-sim sh --at 60s FILE... -- COMMAND LINE
 *
 * Node I/O is injected (bin/k8s-sim.mjs passes it), so this module stays testable.
 */
import { simulateSources, runCommandsOn, MAX_HORIZON_MS, DEFAULT_MAX_TASKS, COMMAND_TIMEOUT_MS, type Source } from '../engine';
import { LIMITS } from '../api/decode';
import { formatGoDuration } from '../api/goduration';
import { interruptNote, withInterruptEcho } from '../terminal';
import { eventRecords, podRows, formatEventStream } from '../report';
import { parseDurationMs } from '../sim/duration';
import type { Trace } from '../trace';

export interface CliIO {
  /**
   * A file's text. `maxBytes`: read at most that many bytes (the CLI asks for the size limit
   * + 1, so that `/dev/zero` or a huge file is refused without being read whole). Rejects
   * with an error carrying `code` (`ENOENT`, `EISDIR`, `EACCES` …) as Node's fs does.
   */
  readFile(path: string, maxBytes?: number): Promise<string>;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Standard input, for `-` (at most `maxBytes` bytes, like readFile), and for `sh`: what the command line reads, when it is not a terminal. */
  readStdin?(maxBytes?: number): Promise<string>;
  /** The entries of a directory, or undefined when the path is not a directory. */
  readDir?(path: string): Promise<string[] | undefined>;
  /** Whether standard input is a terminal (`sh`: kubectl exec -ti then says it cannot use a TTY). */
  stdinIsTTY?: boolean;
  /** Wall clock in ms (for --wall-budget; the engine itself reads no clock). */
  clock?(): number;
}

const USAGE = `k8s-sim: a deterministic simulation of a small Kubernetes cluster (v1.30)

Usage:
  k8s-sim run FILE... [--until DURATION] [--wall-budget DURATION] [--max-tasks N] [--json] [--proxy-mode ipvs|iptables]
      Apply the manifests (and an optional kind: Scenario document) at t=0 and simulate.
      Prints the event stream, the final \`kubectl get pods -o wide\`, one line per traffic
      client (sent, ok, failed) and the simulator's hints (e.g. an image its registry lacks);
      --json prints {"events": [...], "pods": [...], "steps": [...], "traffic": [...],
      "diagnostics": [...], "notices": [...], "cut": {...}}. --proxy-mode overrides the
      Scenario's proxyMode. A run cut short (engine-task cap, record-size cap, --wall-budget of
      real time) keeps everything up to the cut and says which limit stopped it at what virtual time.
      --max-tasks lowers the engine-task cap (default ${DEFAULT_MAX_TASKS}; to try a cut run).
      Exit 0: simulated; 1: rejected (the API server's or parser's message on stderr); 2: usage.
  k8s-sim sh --at DURATION FILE... [--wall-budget DURATION] [--max-tasks N] -- COMMAND LINE
      Simulate up to DURATION, then run one terminal command line on k8s-master01
      (kubectl ..., curl ..., pipes into grep) and print what it prints. When the run was cut
      before DURATION, the command runs where it was cut, and a line on stderr says so.

DURATION: 90, 90s, 2m, 1h30m (default for run: the Scenario's duration, else 300s); at most
${formatGoDuration(MAX_HORIZON_MS)}, the simulation's maximum horizon.
FILE may be - for standard input, or a directory (its .json, .yaml and .yml files, as kubectl
reads one); at most ${LIMITS.maxInputBytes} bytes each (the API server's request limit).
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
  maxTasks?: number;
}

/** A time flag's value: a duration within the maximum horizon (24h0m0s). */
function horizonValue(name: string, v: string | undefined): number | string {
  const ms = v === undefined ? undefined : parseDurationMs(v);
  if (ms === undefined) return `invalid ${name} value "${v ?? ''}"`;
  if (ms > MAX_HORIZON_MS) return `invalid ${name} value "${v}": must be no more than ${formatGoDuration(MAX_HORIZON_MS)} (the simulation's maximum horizon)`;
  return ms;
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
      const ms = horizonValue('--until', takeValue('--until'));
      if (typeof ms === 'string') return ms;
      p.untilMs = ms;
    } else if (a === '--max-tasks' || a.startsWith('--max-tasks=')) {
      const v = takeValue('--max-tasks');
      const n = v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= DEFAULT_MAX_TASKS)) return `invalid --max-tasks value "${v ?? ''}": must be an integer from 1 to ${DEFAULT_MAX_TASKS}`;
      p.maxTasks = n;
    } else if (a === '--wall-budget' || a.startsWith('--wall-budget=')) {
      const v = takeValue('--wall-budget');
      const ms = v === undefined ? undefined : parseDurationMs(v);
      if (ms === undefined) return `invalid --wall-budget value "${v ?? ''}"`;
      p.wallBudgetMs = ms;
    } else if (a === '--at' || a.startsWith('--at=')) {
      const ms = horizonValue('--at', takeValue('--at'));
      if (typeof ms === 'string') return ms;
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
  const sources = await readSources(p.files, io);
  if (typeof sources === 'string') {
    io.stderr(sources);
    return 1;
  }

  const { explainDocument } = await import('../api/explain');
  const explain = () => explainDocument;
  if (p.cmd === 'run') {
    const started = io.clock?.();
    const shouldStop = p.wallBudgetMs !== undefined && started !== undefined ? () => io.clock!() - started > p.wallBudgetMs! : undefined;
    const r = simulateSources(sources, { untilMs: p.untilMs, explain, shouldStop, proxyMode: p.proxyMode, maxTasks: p.maxTasks });
    if (r.accepted && nothingCreated(r, sources)) {
      // kubectl create -f on a file without objects (empty, only comments or `---`).
      r.accepted = false;
      r.rejection = 'error: no objects passed to create';
      r.diagnostics.push({ severity: 'error', source: 'yaml', message: r.rejection });
    }
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
        ...(r.trace.cut ? { cut: { limit: r.trace.cut.limit, time: r.trace.cut.atMs / 1000, message: r.trace.cut.message, ...(r.trace.cut.untilMs !== undefined ? { until: r.trace.cut.untilMs / 1000 } : {}) } } : {}),
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
  const started = io.clock?.();
  const shouldStop = p.wallBudgetMs !== undefined && started !== undefined ? () => io.clock!() - started > p.wallBudgetMs! : undefined;
  const r = simulateSources(sources, { untilMs: p.atMs, explain, shouldStop, maxTasks: p.maxTasks });
  if (r.accepted && nothingCreated(r, sources)) {
    io.stderr('error: no objects passed to create\n');
    return 1;
  }
  if (!r.accepted) {
    io.stderr((r.rejection ?? 'error: rejected') + '\n');
    return 1;
  }
  // Without a terminal on stdin the line reads stdin (kubectl exec -ti: `Unable to use a TTY …`, then the lines piped in).
  const pipedStdin = io.stdinIsTTY === false && io.readStdin && !p.files.includes('-');
  const termIo = pipedStdin ? { stdin: await io.readStdin!(LIMITS.maxInputBytes + 1), tty: false } : {};
  const out = runCommandsOn(r, [{ atMs: p.atMs!, line: p.line! }], termIo);
  const cut = out[0].cut;
  if (out[0].ranAtMs !== undefined && cut) {
    io.stderr(`k8s-sim: the run was cut at ${formatGoDuration(cut.atMs)} (limit: ${cut.limit}: ${cut.message}); the command ran at ${formatGoDuration(out[0].ranAtMs)}, not at ${formatGoDuration(p.atMs!)}\n`);
  }
  // Both streams in the order written; with a Ctrl-C, stdout carries the tty's ^C echo.
  if (out[0].output && !out[0].interrupts?.length) for (const c of out[0].output) (c.stream === 'stdout' ? io.stdout : io.stderr)(c.text);
  else {
    io.stdout(withInterruptEcho(out[0].stdout, out[0].interrupts));
    io.stderr(out[0].stderr);
  }
  const note = interruptNote(out[0].interrupts, COMMAND_TIMEOUT_MS, !!out[0].timedOut);
  if (note) io.stderr(`k8s-sim: ${note}\n`);
  // The simulator's own notes (not the command's output), as `run` prints them.
  for (const n of out[0].notices ?? []) io.stderr(`hint: ${n.message}\n`);
  return out[0].exitCode === 0 ? 0 : Math.min(255, Math.max(1, out[0].exitCode));
}

/** `--json`'s traffic: one entry per client per second, empty maps omitted. */
export function trafficRecords(trace: Trace): Array<{ time: number; url: string; ok?: Record<string, number>; errors?: Record<string, number> }> {
  return trace.traffic.map((b) => ({ time: b.t / 1000, url: b.url, ...(b.ok ? { ok: b.ok } : {}), ...(b.errors ? { errors: b.errors } : {}) }));
}

/**
 * Reads FILE arguments as kubectl's file visitors do: `-` is standard input (named STDIN), a
 * directory gives its .json/.yaml/.yml files in name order (not recursive), a file is read
 * whole. Each is read to at most the request limit + 1 byte, so the size check sees a huge
 * or endless file without reading all of it. Returns the error text for stderr on failure.
 */
async function readSources(files: string[], io: CliIO): Promise<Source[] | string> {
  const max = LIMITS.maxInputBytes + 1;
  const sources: Source[] = [];
  const readOne = async (path: string, inDir: boolean): Promise<string | undefined> => {
    try {
      sources.push({ fileName: baseName(path), text: await io.readFile(path, max) });
      return undefined;
    } catch (e) {
      // A subdirectory named like a manifest is skipped, as filepath.Walk does without -R.
      if (inDir && (e as { code?: unknown } | null)?.code === 'EISDIR') return undefined;
      return fileError(path, e);
    }
  };
  for (const f of files) {
    if (f === '-') {
      try {
        sources.push({ fileName: 'STDIN', text: io.readStdin ? await io.readStdin(max) : '' });
      } catch (e) {
        return `error: ${e instanceof Error ? e.message : String(e)}\n`;
      }
      continue;
    }
    let entries: string[] | undefined;
    try {
      entries = await io.readDir?.(f);
    } catch (e) {
      return fileError(f, e);
    }
    if (entries) {
      const dir = f.endsWith('/') ? f : `${f}/`;
      for (const name of [...entries].sort()) {
        if (!/\.(json|yaml|yml)$/.test(name)) continue;
        const err = await readOne(dir + name, true);
        if (err) return err;
      }
      continue;
    }
    const err = await readOne(f, false);
    if (err) return err;
  }
  return sources;
}

/** kubectl's words for a FILE it cannot read (builder.go: `the path %q does not exist`; Go's os errors). */
function fileError(path: string, e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `error: the path "${path}" does not exist\n`;
  if (code === 'EISDIR') return `error: read ${path}: is a directory\n`; // Go's os error text
  if (code === 'EACCES') return `error: open ${path}: permission denied\n`; // wording not verified
  return `error: open ${path}: ${e instanceof Error ? e.message : String(e)}\n`; // wording not verified
}

/** True when the files held no object and no Scenario (kubectl: `no objects passed to create`). */
function nothingCreated(r: ReturnType<typeof simulateSources>, sources: Source[]): boolean {
  if (r.trace.steps.some((s) => s.t === 0 && s.run.startsWith('kubectl create -f '))) return false;
  // Only now (rare): is there a Scenario document? A Scenario alone is a valid run.
  return !sources.some((s) => /^\s*kind:\s*["']?Scenario\b/m.test(s.text) || /"kind"\s*:\s*"Scenario"/.test(s.text));
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
