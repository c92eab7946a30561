/**
 * The resource metrics pipeline of the notes' cluster: each kubelet's summary (cAdvisor's
 * working set and CPU usage of the running containers) as metrics-server (`--metric-resolution=15s`)
 * serves it on metrics.k8s.io, read by `kubectl top`.
 *
 * Computed from the simulated processes: CPU is the CPU time the container's processes used
 * since it started (or since t = 0 for the system pods) over that time, plus a small idle
 * baseline of the image's server; memory is what the processes hold (a shell's variables …)
 * plus the image's resident baseline. The baselines and the nodes' own usage (kubelet,
 * containerd, calico-node, kube-proxy; the control plane on the masters) are modelled values.
 * A container has metrics once two scrapes (15 s apart) have seen it, as metrics-server needs
 * two CPU samples.
 */
import type { K8sObject, VirtualMs } from '../types';
import type { ContainerdNode } from './runtime/node';
import type { MetricsSnapshot } from '../kubectl/types';

export const METRIC_RESOLUTION_MS = 15_000;
const Mi = 1024 * 1024;

/** Idle usage of the images' servers: [millicores, resident bytes]. Modelled. */
const BASELINE: Array<[RegExp, number, number]> = [
  [/\/coredns:/, 2, 15 * Mi],
  [/\/metrics-server:/, 3, 19 * Mi],
  [/\/calico\/kube-controllers:/, 2, 14 * Mi],
  [/\/kubernetesui\/dashboard:/, 1, 12 * Mi],
  [/\/kubernetesui\/metrics-scraper:/, 1, 7 * Mi],
  [/\/nginx:/, 0, 2 * Mi],
  [/\/(mysql|mariadb):/, 3, 350 * Mi],
  [/\/(postgres|mongo|rabbitmq|tomcat):/, 2, 60 * Mi],
  [/\/(redis|memcached|httpd):/, 1, 3 * Mi],
];

/** The nodes' own usage (system daemons; the control plane on the masters). Modelled. */
const NODE_BASE = { 'control-plane': { cpu: 180, mem: 1650 * Mi }, worker: { cpu: 55, mem: 720 * Mi } };

export function metricsSnapshot(o: {
  now: VirtualMs;
  nodes: Array<{ name: string; role: 'control-plane' | 'worker'; runtime: ContainerdNode }>;
  pod: (uid: string) => K8sObject | undefined;
}): MetricsSnapshot {
  const pods: MetricsSnapshot['pods'] = [];
  const nodes: MetricsSnapshot['nodes'] = [];
  const lastScrape = Math.floor(o.now / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
  for (const n of o.nodes) {
    let cpu = NODE_BASE[n.role].cpu;
    let mem = NODE_BASE[n.role].mem;
    for (const sb of n.runtime.sandboxes) {
      if (!sb.ready) continue;
      const containers: MetricsSnapshot['pods'][number]['containers'] = [];
      for (const c of sb.containers) {
        if (c.state !== 'running' || c.startedAt === undefined) continue;
        const firstScrape = Math.ceil(c.startedAt / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
        const seen = lastScrape >= firstScrape + METRIC_RESOLUTION_MS;
        const base = BASELINE.find(([re]) => re.test(c.spec.image.fullRef));
        let cpuMs = 0;
        let bytes = base?.[2] ?? 0;
        for (const p of c.kernel.procs.values()) {
          cpuMs += p.cpuMs;
          bytes += p.memBytes + (base ? 0 : 512 * 1024);
        }
        const since = Math.max(0, c.startedAt);
        const elapsed = Math.max(1, o.now - since);
        const milli = Math.min(4000, Math.round((cpuMs / elapsed) * 1000) + (base?.[1] ?? 0));
        cpu += milli;
        mem += bytes;
        if (seen) containers.push({ name: c.name, cpuMilli: milli, memBytes: bytes });
      }
      if (!containers.length) continue;
      const obj = o.pod(sb.spec.podUid);
      pods.push({ namespace: sb.spec.namespace, name: sb.spec.podName, labels: obj?.metadata.labels, containers });
    }
    nodes.push({ name: n.name, cpuMilli: cpu, memBytes: mem });
  }
  return { pods, nodes };
}
