/**
 * Every limit is said (issue 11): through `k8s-sim` (main with injected I/O, and the real bin
 * for standard input and /dev/zero) and through the worker's handler, each case is honoured or
 * refused with a message naming the limit, and gives the same bytes twice.
 */
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main, type CliIO } from './main';
import { createWorkerHandler } from '../worker';
import { LIMITS } from '../api/decode';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

type Files = Record<string, string | string[]>;

/** main() over an in-memory file system: a string is a file, an array a directory's entries. */
async function cli(argv: string[], files: Files = {}, stdin = '', extra: Partial<CliIO> = {}): Promise<Ran> {
  const once = async (): Promise<Ran> => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, {
      readFile: async (p) => {
        const f = files[p];
        if (f === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
        if (Array.isArray(f)) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
        return f;
      },
      readDir: async (p) => {
        const f = files[p.replace(/\/$/, '')];
        return Array.isArray(f) ? f : undefined;
      },
      readStdin: async () => stdin,
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      ...extra,
    });
    return { code, stdout, stderr };
  };
  const a = await once();
  const b = await once();
  // Deterministic: the same bytes on every rerun.
  expect(b).toEqual(a);
  return a;
}

/** The worker's handler over the real engine; asked twice, it answers the same bytes. */
function worker(req: Record<string, unknown>, clock?: () => number): Record<string, unknown> {
  const ask = () => {
    const r = createWorkerHandler(undefined, clock?.bind(null)).handle(req) as Record<string, unknown>;
    // runId and wall time are the worker's bookkeeping, not the run's.
    const { runId: _r, stats: _s, ...rest } = r;
    return rest;
  };
  const a = ask();
  expect(JSON.stringify(ask())).toBe(JSON.stringify(a));
  return a;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: c
    image: nginx:1.25
`;

/** A container that prints without pause: many engine tasks per virtual second. */
const BUSY = POD.replace('image: nginx:1.25', 'image: busybox:1.28\n    command: ["sh", "-c", "while true; do echo; done"]');

const scenario = (spec: string) => `apiVersion: playground/v1
kind: Scenario
metadata:
  name: s
spec:
${spec}`;

describe('times beyond the 24 h horizon', () => {
  test('sh --at and run --until past 24h are refused like bad values', async () => {
    const at = await cli(['sh', '--at', '168h', 'pod.yaml', '--', 'kubectl', 'get', 'pods'], { 'pod.yaml': POD });
    expect(at.code).toBe(2);
    expect(at.stderr.split('\n')[0]).toBe('k8s-sim: invalid --at value "168h": must be no more than 24h0m0s (the simulation\'s maximum horizon)');
    const until = await cli(['run', '--until=25h', 'pod.yaml'], { 'pod.yaml': POD });
    expect(until.code).toBe(2);
    expect(until.stderr.split('\n')[0]).toBe('k8s-sim: invalid --until value "25h": must be no more than 24h0m0s (the simulation\'s maximum horizon)');
    expect(at.stdout + until.stdout).toBe('');
  });

  test('the worker refuses an atMs past 24 h (command and views)', () => {
    expect(worker({ type: 'command', id: 1, text: POD, atMs: 1e15, line: 'kubectl get pods' })).toEqual({
      type: 'error',
      id: 1,
      message: "invalid request: command.atMs: must be from 0 to 86400000 ms (24h0m0s, the simulation's maximum horizon), got 1000000000000000",
    });
  });

  test('scenario steps after the end of the run are said (CLI and worker)', async () => {
    const text = POD + '---\n' + scenario('  duration: 1m\n  steps:\n  - at: 30s\n    run: kubectl get pods\n  - at: 2m\n    run: kubectl delete pod web\n');
    const r = await cli(['run', 'all.yaml'], { 'all.yaml': text });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: the step at 2m0s (kubectl delete pod web) is after the end of the run (1m0s) and does not run\n');
    const w = worker({ type: 'run', id: 2, text });
    const diags = w.diagnostics as Array<{ severity: string; message: string; line?: number }>;
    expect(diags).toContainEqual(expect.objectContaining({ severity: 'warning', source: 'scenario', message: 'the step at 2m0s (kubectl delete pod web) is after the end of the run (1m0s) and does not run', line: 19 }));
    // --until shorter than the Scenario: the same note, against that end.
    const short = await cli(['run', '--until', '20s', 'all.yaml'], { 'all.yaml': text });
    expect(short.stderr).toBe(
      'warning: the step at 30s (kubectl get pods) is after the end of the run (20s) and does not run\n' +
        'warning: the step at 2m0s (kubectl delete pod web) is after the end of the run (20s) and does not run\n',
    );
  });
});

describe('a command after the cut', () => {
  test('sh says that the run was cut and when the command ran', async () => {
    const r = await cli(['sh', '--at', '1h', '--max-tasks', '50', 'pod.yaml', '--', 'kubectl', 'get', 'pods'], { 'pod.yaml': POD });
    const [note, ...rest] = r.stderr.split('\n');
    expect(note).toMatch(/^k8s-sim: the run was cut at (\d+(\.\d+)?s|\d+ms) \(limit: tasks: stopped at \d+\.\ds after 50 engine tasks \(the run was cut short to keep the page responsive\)\); the command ran at \S+, not at 1h0m0s$/);
    expect(rest.join('\n')).toBe('');
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS/);
  });

  test('a run cut before --at by the wall budget says so too; without a cut, nothing is added', async () => {
    let t = 0;
    const r = await cli(['sh', '--at', '2h', '--wall-budget', '1s', 'pod.yaml', '--', 'kubectl', 'get', 'pods'], { 'pod.yaml': BUSY }, '', { clock: () => (t += 400) });
    expect(r.stderr).toMatch(/^k8s-sim: the run was cut at \S+ \(limit: wall: stopped at \S+: the wall-time budget ran out \(the run was cut short to keep the page responsive\)\); the command ran at \S+, not at 2h0m0s\n$/);
    const plain = await cli(['sh', '--at', '10s', 'pod.yaml', '--', 'kubectl', 'get', 'pods'], { 'pod.yaml': POD });
    expect(plain.stderr).toBe('');
  });

  test('the worker\'s output carries where the command ran and the cut', () => {
    let t = 0;
    const out = worker({ type: 'command', id: 3, text: BUSY, atMs: 3_600_000, line: 'kubectl get pods' }, () => (t += 1000));
    expect(out).toMatchObject({ type: 'output', id: 3, atMs: 3_600_000, cut: { limit: 'wall' } });
    expect(out.ranAtMs).toBeLessThan(3_600_000);
    expect((out.cut as { atMs: number }).atMs).toBe(out.ranAtMs);
  });
});

describe('standard input and files', () => {
  test('run - reads standard input; an invalid manifest piped in is rejected as from a file', async () => {
    const bad = POD.replace('containers:\n  - name: c\n    image: nginx:1.25\n', 'containers: 5\n');
    const r = await cli(['run', '-'], {}, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container\n');
    const fromFile = await cli(['run', 'STDIN'], { STDIN: bad });
    expect(fromFile).toEqual(r);
    const ok = await cli(['sh', '--at', '30s', '-', '--', 'kubectl', 'get', 'pod', 'web', '-o', 'name'], {}, POD);
    expect(ok).toEqual({ code: 0, stdout: 'pod/web\n', stderr: '' });
  });

  test('an empty file: kubectl\'s "no objects passed to create"; a Scenario alone still runs', async () => {
    for (const text of ['', '\n# nothing here\n', '---\n---\n']) {
      const r = await cli(['run', 'empty.yaml'], { 'empty.yaml': text });
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: no objects passed to create\n' });
      const sh = await cli(['sh', '--at', '1s', 'empty.yaml', '--', 'ls'], { 'empty.yaml': text });
      expect(sh).toEqual({ code: 1, stdout: '', stderr: 'error: no objects passed to create\n' });
    }
    const only = await cli(['run', 's.yaml'], { 's.yaml': scenario('  duration: 5s\n') });
    expect(only.code).toBe(0);
  });

  test('a directory is read as kubectl reads one: its manifests in name order, nothing else', async () => {
    const files: Files = {
      dir: ['b.yaml', 'a.yml', 'notes.txt', 'sub.yaml'],
      'dir/a.yml': POD.replace('name: web', 'name: a'),
      'dir/b.yaml': POD.replace('name: web', 'name: b'),
      'dir/notes.txt': 'not yaml: [',
      'sub.yaml': [],
      'dir/sub.yaml': [],
      empty: [],
    };
    const r = await cli(['sh', '--at', '5s', 'dir', '--', 'kubectl', 'get', 'pods', '-o', 'name'], files);
    expect(r).toEqual({ code: 0, stdout: 'pod/a\npod/b\n', stderr: '' });
    const run = await cli(['run', 'dir/', '--until', '5s'], files);
    expect(run.stdout).toContain('kubectl create -f a.yml\npod/a created\n');
    expect(await cli(['run', 'empty'], files)).toEqual({ code: 1, stdout: '', stderr: 'error: no objects passed to create\n' });
    expect(await cli(['run', 'missing.yaml'], files)).toEqual({ code: 1, stdout: '', stderr: 'error: the path "missing.yaml" does not exist\n' });
  });

  test('a huge file is read only to the size limit + 1 byte and refused with the size message', async () => {
    const asked: number[] = [];
    const r = await cli(['run', '/dev/zero'], {}, '', {
      readFile: async (_p, maxBytes) => {
        asked.push(maxBytes ?? -1);
        return '\0'.repeat(maxBytes ?? 0);
      },
    });
    expect(asked).toEqual([LIMITS.maxInputBytes + 1, LIMITS.maxInputBytes + 1]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error from server (RequestEntityTooLarge): error when creating "zero": Request entity too large: limit is 3145728\n' });
  });
});

describe('parse limits say the real reason', () => {
  test('more than 50,000 values without an alias is not "excessive aliasing"', async () => {
    const many = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n' + Array.from({ length: 50_001 }, (_, i) => `  k${i}: v\n`).join('');
    const r = await cli(['run', 'many.yaml'], { 'many.yaml': many });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: error parsing many.yaml: the playground could not read it: the document has more than 50000 values, more than the playground accepts\n' });
    // With aliases that blow it up, go-yaml's own words.
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n';
    const aliased = await cli(['run', 'bomb.yaml'], { 'bomb.yaml': bomb });
    expect(aliased.stderr).toContain('yaml: document contains excessive aliasing');
  });

  test('deep nesting: one message with line and column, the same in the CLI and the worker', async () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const map = `x: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`;
    const seq = `${'- '.repeat(5000)}x\n`;
    const expected: Array<[string, string]> = [
      [deep, 'line 6, column 204'],
      [map, 'line 1, column 800'],
      [seq, 'line 1, column 399'],
    ];
    for (const [text, where] of expected) {
      const message = `error: error parsing deep.yaml: the playground could not read it: ${where}: the document nests deeper than the playground accepts (64 levels)`;
      expect(await cli(['run', 'deep.yaml'], { 'deep.yaml': text })).toEqual({ code: 1, stdout: '', stderr: message + '\n' });
      const w = worker({ type: 'run', id: 9, text, fileName: 'deep.yaml' });
      expect(w).toMatchObject({ accepted: false, rejection: message });
    }
  });
});

describe('Scenario traffic above its maximum rate', () => {
  test('is refused, naming the field and the maximum (CLI and worker)', async () => {
    const text = scenario('  traffic:\n  - url: http://web\n    rps: 5000\n');
    const message = 'The Scenario "s" is invalid: spec.traffic[0].rps: Invalid value: 5000: must be no more than 1000';
    expect(await cli(['run', 's.yaml'], { 's.yaml': text })).toEqual({ code: 1, stdout: '', stderr: message + '\n' });
    expect(worker({ type: 'run', id: 1, text })).toMatchObject({ accepted: false, rejection: message });
    // At the maximum it is honoured: every request of the second is sent.
    const max = await cli(['run', '--json', 's.yaml'], { 's.yaml': scenario('  duration: 2s\n  traffic:\n  - url: http://web\n    rps: 1000\n') });
    expect(JSON.parse(max.stdout).traffic.reduce((n: number, b: { ok?: Record<string, number>; errors?: Record<string, number> }) => n + Object.values({ ...b.ok, ...b.errors }).reduce((x, y) => x + y, 0), 0)).toBeGreaterThanOrEqual(2000);
  });
});

describe('the real k8s-sim bin', () => {
  const bin = fileURLToPath(new URL('../../bin/k8s-sim.mjs', import.meta.url));
  const run = (args: string[], input?: string): Ran => {
    try {
      const stdout = execFileSync(process.execPath, [bin, ...args], { input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
      return { code: 0, stdout, stderr: '' };
    } catch (e) {
      const x = e as { status: number; stdout: string; stderr: string };
      return { code: x.status, stdout: x.stdout, stderr: x.stderr };
    }
  };

  test('reads standard input for - and at most the size limit of /dev/zero', () => {
    const piped = run(['run', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: 5\n');
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod');
    const zero = run(['run', '/dev/zero']);
    expect(zero).toEqual({ code: 1, stdout: '', stderr: 'Error from server (RequestEntityTooLarge): error when creating "zero": Request entity too large: limit is 3145728\n' });
  }, 120_000);
});
