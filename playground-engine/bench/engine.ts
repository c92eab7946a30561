/**
 * Engine benchmark: events processed per second of wall time and the ratio of virtual time
 * to wall time, for standard scenarios. Wall time is measured here, outside the engine.
 *   npx tsx playground-engine/bench/engine.ts
 * What is measured: the JIT-steady figure. Each scenario is run first once cold (its figure is
 * printed in the `cold virtual:wall` column: the first run of the scenario in this process, after
 * the scenarios above it), then WARM_UP more times, then measured: the median of 3 runs (the
 * 500-pod and 10,000-replica rows: one warm-up and one measured run).
 */
import { performance } from 'node:perf_hooks';
import { simulate } from '../src/index';
import { KubeProxy } from '../src/network/kube-proxy/kube-proxy';
import { manyServices } from '../src/network/kube-proxy/many-services';
import { deployment, manifest, podsFile, probedPods, ROLLING_UPDATE } from './scenarios';


const SCENARIOS: Array<{ name: string; text: string; untilMs: number; once?: boolean }> = [
  { name: '1 pod, 3 probes at 1s, 1 virtual hour', text: probedPods(1), untilMs: 3_600_000 },
  { name: '20 pods, 3 probes at 1s, 1 virtual hour', text: probedPods(20), untilMs: 3_600_000 },
  { name: 'notes 1.17 startup probe, 300 s', text: manifest('1.17-startup-probe.yaml'), untilMs: 300_000 },
  { name: 'notes 1.10 crash loop, 1 virtual hour', text: manifest('1.10-command.yaml'), untilMs: 3_600_000 },
  { name: 'rolling update, 10 replicas, traffic 20 rps, 300 s', text: ROLLING_UPDATE, untilMs: 300_000 },
  { name: 'file of 500 pods, 300 s', text: podsFile(500), untilMs: 300_000, once: true },
  { name: 'Deployment of 10,000 replicas, 300 s', text: deployment(10_000, false), untilMs: 300_000, once: true },
];

/** Runs after the cold one before measuring (V8 tiers the hot functions up over several runs). */
const WARM_UP = 5;

function run(s: (typeof SCENARIOS)[number]) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = simulate(s.text, { untilMs: s.untilMs, maxTasks: 20_000_000 });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, tasks: r.stats.tasks, revisions: r.trace.revisions.length, probes: r.trace.probes.length, capped: r.trace.capped };
}

// CPU time of this process beside the wall time: on a shared machine the wall time also counts
// the waits for a core, the CPU time mostly does not (compare both runs in one sitting).
const rows: string[][] = [['scenario', 'wall ms', 'cpu ms', 'engine events', 'events/s', 'virtual:wall', 'cold virtual:wall', 'virtual:cpu', 'probes', 'revisions']];
for (const s of SCENARIOS) {
  const cold = run(s);
  if (!s.once) for (let i = 0; i < WARM_UP; i++) run(s);
  // Heavy scenarios: one measured run after the cold one; the others: the median of 3.
  const best = s.once ? run(s) : [run(s), run(s), run(s)].sort((a, b) => a.wall - b.wall)[1];
  rows.push([
    s.name,
    best.wall.toFixed(0),
    best.cpu.toFixed(0),
    String(best.tasks),
    Math.round(best.tasks / (best.wall / 1000)).toLocaleString('en-US'),
    `${Math.round(s.untilMs / best.wall).toLocaleString('en-US')}x`,
    `${Math.round(s.untilMs / cold.wall).toLocaleString('en-US')}x`,
    `${Math.round(s.untilMs / best.cpu).toLocaleString('en-US')}x`,
    String(best.probes),
    String(best.revisions) + (best.capped ? ' (capped)' : ''),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`engine benchmark (JIT-steady: after a cold run and ${WARM_UP} warm-up runs, the median of 3; the 500-pod and 10,000-replica rows: 1 run after the cold one; cold virtual:wall is the first run's)`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

// kube-proxy in iptables mode for 10,000 Services with 3 endpoints each (large-cluster mode).
const big = manyServices(10_000);
const proxyRuns: Array<{ sync: number; save: number; rules: number; bytes: number }> = [];
for (let i = 0; i < 4; i++) {
  const p = new KubeProxy({ mode: 'iptables', nodeName: 'k8s-node01', nodeIPs: ['192.168.200.64', '172.17.125.0'], clusterCIDR: '172.16.0.0/12' });
  const t0 = performance.now();
  const st = p.sync(big.services, big.slices, 0);
  const t1 = performance.now();
  const text = p.iptablesSave(0);
  const t2 = performance.now();
  if (i > 0) proxyRuns.push({ sync: t1 - t0, save: t2 - t1, rules: st.natRules + st.filterRules, bytes: text.length });
}
const mid = proxyRuns.sort((a, b) => a.sync + a.save - (b.sync + b.save))[1];
console.log(
  `kube-proxy iptables, 10,000 Services x 3 endpoints (median of 3 after a warm-up): rule generation ${mid.sync.toFixed(0)} ms, ` +
    `iptables-save ${mid.save.toFixed(0)} ms (${mid.rules.toLocaleString('en-US')} rules, ${(mid.bytes / 1048576).toFixed(1)} MiB)`,
);
