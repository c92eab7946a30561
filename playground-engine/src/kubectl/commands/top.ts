/**
 * `kubectl top pod|node` (kubectl/pkg/cmd/top, metricsutil/metrics_printer.go) over the Metrics
 * API the host serves (metrics-server in the notes' cluster). Columns `NAME CPU(cores)
 * MEMORY(bytes)` (pods; `NAMESPACE` first with -A, `POD` with --containers) and
 * `NAME CPU(cores) CPU% MEMORY(bytes) MEMORY%` (nodes, % of allocatable or, with
 * --show-capacity, of capacity); every cell ends with a tab (kubectl's tabwriter). CPU is
 * printed as `%vm` of the milli-value, memory as `%vMi` (value / 1Mi).
 * Without metrics for a named pod the API answers NotFound; for a list of pods all younger
 * than 2 minutes (metricsCreationDelay) kubectl says `metrics not available yet`.
 */
import { apiError, plainError, usageError } from '../errors';
import { bool, str } from '../flags';
import { newKubectlTabWriter, tabulate } from '../go/tabwriter';
import { matches, parseSelector } from '../labels';
import type { MetricsSnapshot } from '../types';
import { parseTime } from '../../sim/time';
import { formatGoDuration } from '../../api/goduration';
import { type CommandContext, err, out } from './context';

const METRICS_CREATION_DELAY_MS = 2 * 60_000;

function snapshot(c: CommandContext): MetricsSnapshot {
  const m = c.host.metrics?.();
  if (!m) throw plainError('Metrics API not available');
  return m;
}

function selectorOf(c: CommandContext) {
  const sel = str(c.flags, 'selector');
  if (!sel) return undefined;
  const p = parseSelector(sel);
  if (!p.ok) throw plainError(p.error);
  return p.reqs;
}

export function* runTopPod(c: CommandContext): Generator<never, number, unknown> {
  const m = snapshot(c);
  if (c.args.length > 1) throw usageError(c.commandPath, 'only one pod name may be specified');
  const all = bool(c.flags, 'all-namespaces');
  const name = c.args[0];
  const reqs = selectorOf(c);
  const containers = bool(c.flags, 'containers');
  const noHeaders = bool(c.flags, 'no-headers');
  const sortBy = str(c.flags, 'sort-by');
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw plainError(`--sort-by accepts only cpu or memory`);
  let items = m.pods.filter((p) => (all ? true : p.namespace === c.namespace));
  if (name) {
    items = items.filter((p) => p.name === name);
    if (!items.length) throw apiError('NotFound', `podmetrics.metrics.k8s.io "${c.namespace}/${name}" not found`);
  }
  if (reqs) items = items.filter((p) => matches(reqs, p.labels));
  if (!items.length) {
    const pods = c.host.list('Pod', all ? undefined : c.namespace).filter((p) => !reqs || matches(reqs, p.metadata.labels));
    if (pods.length) {
      // verifyEmptyMetrics / checkPodAge: an old pod without metrics is named; young ones wait.
      for (const p of pods) {
        const age = c.host.now() - parseTime(p.metadata.creationTimestamp ?? '');
        if (age > METRICS_CREATION_DELAY_MS) throw plainError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${formatGoDuration(age)}`);
      }
      throw plainError('metrics not available yet');
    }
    err(c, all ? 'No resources found\n' : `No resources found in ${c.namespace} namespace.\n`);
    return 0;
  }
  const cpu = (p: (typeof items)[number]) => p.containers.reduce((s, x) => s + x.cpuMilli, 0);
  const mem = (p: (typeof items)[number]) => p.containers.reduce((s, x) => s + x.memBytes, 0);
  items = [...items].sort((a, b) =>
    sortBy === 'cpu' ? cpu(b) - cpu(a) : sortBy === 'memory' ? mem(b) - mem(a) : all && a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  let text = '';
  if (!noHeaders) text += `${all ? 'NAMESPACE\t' : ''}${containers ? 'POD\t' : ''}NAME\tCPU(cores)\tMEMORY(bytes)\t\n`;
  for (const p of items) {
    if (containers) {
      for (const x of [...p.containers].sort((a, b) => (a.name < b.name ? -1 : 1))) text += `${all ? p.namespace + '\t' : ''}${p.name}\t${x.name}\t${x.cpuMilli}m\t${Math.floor(x.memBytes / 1048576)}Mi\t\n`;
    } else text += `${all ? p.namespace + '\t' : ''}${p.name}\t${cpu(p)}m\t${Math.floor(mem(p) / 1048576)}Mi\t\n`;
  }
  out(c, tabulate(text, newKubectlTabWriter()));
  return 0;
}

export function* runTopNode(c: CommandContext): Generator<never, number, unknown> {
  const m = snapshot(c);
  if (c.args.length > 1) throw usageError(c.commandPath, 'only one node name may be specified');
  const reqs = selectorOf(c);
  const capacity = bool(c.flags, 'show-capacity');
  const noHeaders = bool(c.flags, 'no-headers');
  const sortBy = str(c.flags, 'sort-by');
  const nodes = c.host.list('Node', undefined).filter((n) => (!c.args[0] || n.metadata.name === c.args[0]) && (!reqs || matches(reqs, n.metadata.labels)));
  if (c.args[0] && !nodes.length) throw apiError('NotFound', `nodes "${c.args[0]}" not found`);
  let rows = nodes.map((n) => ({ node: n, u: m.nodes.find((x) => x.name === n.metadata.name) }));
  rows = rows.sort((a, b) => (sortBy === 'cpu' ? (b.u?.cpuMilli ?? 0) - (a.u?.cpuMilli ?? 0) : sortBy === 'memory' ? (b.u?.memBytes ?? 0) - (a.u?.memBytes ?? 0) : (a.node.metadata.name ?? '') < (b.node.metadata.name ?? '') ? -1 : 1));
  let text = noHeaders ? '' : 'NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%\t\n';
  for (const { node, u } of rows) {
    if (!u) {
      text += `${node.metadata.name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
      continue;
    }
    const avail = (capacity ? node.status?.capacity : node.status?.allocatable) ?? {};
    const cpuAvail = Number(String(avail.cpu ?? '1').replace(/m$/, '')) * (String(avail.cpu ?? '').endsWith('m') ? 1 : 1000);
    const memAvail = Number(String(avail.memory ?? '0').replace(/Ki$/, '')) * (String(avail.memory ?? '').endsWith('Ki') ? 1024 : 1);
    text += `${node.metadata.name}\t${u.cpuMilli}m\t${Math.floor((u.cpuMilli / cpuAvail) * 100)}%\t${Math.floor(u.memBytes / 1048576)}Mi\t${memAvail ? Math.floor((u.memBytes / memAvail) * 100) : 0}%\t\n`;
  }
  out(c, tabulate(text, newKubectlTabWriter()));
  return 0;
}
