/**
 * Output identity for speed work: digests of what the engine produces for the benchmark's
 * scenarios (the whole trace, `k8s-sim run --json`, `k8s-sim sh` command lines, kubectl views).
 * A change that only makes the engine faster must leave every line the same.
 *   npx tsx playground-engine/bench/identity.ts            print the digests
 *   npx tsx playground-engine/bench/identity.ts --check    compare with identity.digests
 * identity.digests was first printed by the engine before the speed-ups of issue 10 (a38ad9c),
 * then again after the system pods' owner objects and the controllers' initial sync changed the
 * trace on purpose (the same digests from the tree before and after the speed-ups were merged);
 * a change that alters output on purpose prints and stores new digests with its own commit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runCommands, simulate, viewAt } from '../src/index';
import { main } from '../src/cli/main';
import { manifest, probedPods, ROLLING_UPDATE } from './scenarios';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Map ? { map: [...x] } : x instanceof Set ? { set: [...x] } : x));

const FILES: Record<string, string> = {
  'p1.yaml': probedPods(1),
  'p20.yaml': probedPods(20),
  'ru.yaml': ROLLING_UPDATE,
  '1.17.yaml': manifest('1.17-startup-probe.yaml'),
  '1.10.yaml': manifest('1.10-command.yaml'),
};

/** `k8s-sim ARGV` over the files above: stdout, stderr and the exit code. */
async function cli(argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    readFile: async (path) => {
      const text = FILES[path];
      if (text === undefined) throw Object.assign(new Error(path), { code: 'ENOENT' });
      return text;
    },
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    stdinIsTTY: true,
  });
  return `${code}\n${out}\n--\n${err}`;
}

async function lines(): Promise<string[]> {
  const out: string[] = [];
  const traces: Array<[string, string, number]> = [
    ['p1.yaml', '1h', 3_600_000],
    ['p20.yaml', '10m', 600_000],
    ['1.17.yaml', '300s', 300_000],
    ['1.10.yaml', '1h', 3_600_000],
    ['ru.yaml', '300s', 300_000],
  ];
  for (const [file, until, ms] of traces) {
    const r = simulate(FILES[file], { untilMs: ms });
    out.push(`${file} trace ${digest(json(r.trace))} tasks ${r.stats.tasks}`);
    out.push(`${file} run --json ${digest(await cli(['run', file, '--until', until, '--json']))}`);
    const views = viewAt(r.trace, ms, ['kubectl get pods -o wide', 'kubectl describe pods', 'kubectl get events', 'kubectl logs web-0', 'component-log']);
    out.push(`${file} views ${views.map((v) => digest(json(v))).join(' ')}`);
  }
  out.push(`p1.yaml sh ${digest(await cli(['sh', '--at', '1800s', 'p1.yaml', '--', 'kubectl get pods -o wide; kubectl logs web-0 | tail -3; curl -s -o /dev/null -w "%{http_code}" $(kubectl get pod web-0 -o jsonpath={.status.podIP}); kubectl top pod; kubectl describe pod web-0']))}`);
  out.push(`ru.yaml sh ${digest(await cli(['sh', '--at', '200s', 'ru.yaml', '--', 'kubectl get pods -o wide; kubectl logs deploy/web | tail -3; curl -s web.default.svc.cluster.local | head -3; ipvsadm -Ln --stats']))}`);
  const cmds = ['kubectl logs web-0', 'kubectl describe pod web-0', 'kubectl top pod', 'ssh k8s-node01 ss -tan', 'kubectl exec web-0 -- cat /etc/hosts', 'curl -sI 172.17.125.8'];
  const res = runCommands(FILES['p1.yaml'], cmds.map((line, i) => ({ atMs: 1_800_000 + i, line })));
  for (const r of res) out.push(`p1.yaml command ${JSON.stringify(r.command)} ${digest(json(r))}`);
  return out;
}

const got = await lines();
if (process.argv.includes('--check')) {
  const want = readFileSync(new URL('./identity.digests', import.meta.url), 'utf8').trimEnd().split('\n');
  const diff = want.flatMap((w, i) => (got[i] === w ? [] : [`- ${w}\n+ ${got[i] ?? '(missing)'}`]));
  if (got.length !== want.length) diff.push(`${got.length} lines, ${want.length} stored`);
  console.log(diff.length ? diff.join('\n') : `identical (${got.length} lines)`);
  process.exitCode = diff.length ? 1 : 0;
} else {
  console.log(got.join('\n'));
}
