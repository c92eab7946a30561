/**
 * Engine benchmark: events processed per second of wall time and the ratio of virtual time
 * to wall time, for standard scenarios. Wall time is measured here, outside the engine.
 *   npx tsx playground-engine/bench/engine.ts
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { simulate } from '../src/index';

function probedPods(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: web-${i}
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.23
    ports:
    - containerPort: 80
    startupProbe:
      tcpSocket:
        port: 80
      periodSeconds: 1
      failureThreshold: 30
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 1
    livenessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 1
`);
  }
  return docs.join('---\n');
}

const manifest = (name: string) => readFileSync(new URL(`../../content/manifests/${name}`, import.meta.url), 'utf8');

const SCENARIOS: Array<{ name: string; text: string; untilMs: number }> = [
  { name: '1 pod, 3 probes at 1s, 1 virtual hour', text: probedPods(1), untilMs: 3_600_000 },
  { name: '20 pods, 3 probes at 1s, 1 virtual hour', text: probedPods(20), untilMs: 3_600_000 },
  { name: 'notes 1.17 startup probe, 300 s', text: manifest('1.17-startup-probe.yaml'), untilMs: 300_000 },
  { name: 'notes 1.10 crash loop, 1 virtual hour', text: manifest('1.10-command.yaml'), untilMs: 3_600_000 },
];

function run(s: (typeof SCENARIOS)[number]) {
  const t0 = performance.now();
  const r = simulate(s.text, { untilMs: s.untilMs, maxTasks: 20_000_000 });
  const wall = performance.now() - t0;
  return { wall, tasks: r.stats.tasks, revisions: r.trace.revisions.length, probes: r.trace.probes.length, capped: r.trace.capped };
}

const rows: string[][] = [['scenario', 'wall ms', 'engine events', 'events/s', 'virtual:wall', 'probes', 'revisions']];
for (const s of SCENARIOS) {
  run(s); // warm up the JIT
  const best = [run(s), run(s), run(s)].sort((a, b) => a.wall - b.wall)[1];
  rows.push([
    s.name,
    best.wall.toFixed(0),
    String(best.tasks),
    Math.round(best.tasks / (best.wall / 1000)).toLocaleString('en-US'),
    `${Math.round(s.untilMs / best.wall).toLocaleString('en-US')}x`,
    String(best.probes),
    String(best.revisions) + (best.capped ? ' (capped)' : ''),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('engine benchmark (median of 3 runs after a warm-up)');
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
