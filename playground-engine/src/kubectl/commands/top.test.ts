/**
 * kubectl top over the simulated metrics pipeline: metrics-server's delay for a new pod, the
 * tables (every cell tab-terminated), usage computed from the containers' processes.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';
const BUSY = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: busy\n  labels: {app: busy}\nspec:\n  containers:\n  - name: loop\n    image: busybox:1.28\n    command: ["sh", "-c", "while true; do :; done"]\n';

function at(ms: number, text: string, ...lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

describe('kubectl top', () => {
  it('a pod in its first seconds has no metrics yet', () => {
    const [list, one] = at(10_000, POD, 'kubectl top pod', 'kubectl top pod nginx');
    expect(list).toMatchObject({ stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
    expect(one).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nginx" not found\n', exitCode: 1 });
  });

  it('after two scrapes: the pod table, tab-terminated cells', () => {
    const [r, c] = at(60_000, POD, 'kubectl top pod', 'kubectl top pod nginx --containers --no-headers');
    expect(r.stdout).toBe('NAME    CPU(cores)   MEMORY(bytes)   \nnginx   0m           2Mi             \n');
    expect(c.stdout).toBe('nginx   nginx   0m    2Mi   \n');
  });

  it('a busy loop shows about one core; --sort-by=cpu puts it first; -l selects', () => {
    const [r, l] = at(60_000, BUSY, 'kubectl top pod -A --sort-by=cpu', 'kubectl top pod -l app=busy --no-headers');
    const first = r.stdout.split('\n')[1];
    expect(first).toMatch(/^default {16}busy {3,}\d{3,4}m /);
    const milli = Number(/ (\d+)m /.exec(first)?.[1]);
    expect(milli).toBeGreaterThan(500);
    expect(r.stdout).toContain('metrics-server-6c48d8f6d6-8m5qg');
    expect(l.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('top node: every node, percentages of allocatable; more on the node running the loop', () => {
    const [quiet] = at(60_000, POD, 'kubectl top node');
    const [busy] = at(60_000, BUSY, 'kubectl top node k8s-node01');
    const lines = quiet.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('NAME           CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%   ');
    expect(lines.slice(1).map((l) => l.split(/ +/)[0])).toEqual(['k8s-master01', 'k8s-master02', 'k8s-master03', 'k8s-node01', 'k8s-node02']);
    const cpuOf = (s: string) => Number(/k8s-node01 +(\d+)m/.exec(s)?.[1]);
    expect(cpuOf(busy.stdout)).toBeGreaterThan(cpuOf(quiet.stdout) + 400);
  });
});
