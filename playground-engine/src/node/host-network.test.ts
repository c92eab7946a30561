/**
 * Pods on the host network: a reader's pod gets the node's IP and hostname, no Calico address;
 * deleting calico-node (grace period 0 in calico.yaml) stops its processes on the host and the
 * DaemonSet's replacement runs from the image already on the node, its processes in the host's
 * process table.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../engine';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n';
const HOSTNET = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hn\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: [sleep, "3600"]\n';

describe('a pod on the host network', () => {
  it("has the node's IP and hostname; the node's routes get no cali interface for it", () => {
    const run = simulateSources([{ fileName: 'hn.yaml', text: HOSTNET }], { untilMs: 10_000 });
    const [ip, host, ps, routes] = runCommandsOn(run, [
      { atMs: 10_000, line: 'kubectl get po hn -o jsonpath={.status.podIP}/{.spec.nodeName}' },
      { atMs: 10_000, line: 'kubectl exec hn -- hostname' },
      { atMs: 10_000, line: 'ssh k8s-node01 ps -ef | grep "[s]leep 3600"' },
      { atMs: 10_000, line: 'ssh k8s-node01 route -n | grep -c cali' },
    ]);
    expect(ip.stdout).toBe('192.168.200.64/k8s-node01');
    expect(host.stdout).toBe('k8s-node01\n');
    // its process is in the host's table, under its containerd shim
    expect(ps.stdout).toMatch(/^root +\d+ +\d+ +0 19:35 \? +00:00:00 sleep 3600\n$/);
    expect(routes.stdout).toBe('2\n'); // metrics-server's and the scraper's pods only
  });
});

describe('deleting calico-node', () => {
  const run = simulateSources([{ fileName: 'ns.yaml', text: NS }], { untilMs: 5_000 });
  const [name] = runCommandsOn(run, [{ atMs: 5_000, line: "kubectl get po -n kube-system -l k8s-app=calico-node -o wide --no-headers | awk '$7 == \"k8s-node01\" {print $1}'" }]);
  const old = name.stdout.trim();
  const [ps0, del, pods, events, ps1, images] = runCommandsOn(run, [
    { atMs: 5_000, line: 'ssh k8s-node01 ps -ef | grep -c "[c]alico-node -felix"' },
    { atMs: 6_000, line: `kubectl delete pod -n kube-system ${old}` },
    { atMs: 30_000, line: "kubectl get po -n kube-system -l k8s-app=calico-node -o wide --no-headers | awk '$7 == \"k8s-node01\"'" },
    { atMs: 30_000, line: 'kubectl get events -n kube-system' },
    { atMs: 30_000, line: 'ssh k8s-node01 ps -ef | grep -E "[r]unsvdir|[c]alico-node -felix|[b]ird "' },
    { atMs: 30_000, line: 'ssh k8s-node01 crictl images | grep calico' },
  ]);

  it('is removed at once (terminationGracePeriodSeconds 0); the kubelet stops its container', () => {
    expect(ps0.stdout).toBe('1\n');
    expect(del.stdout).toBe(`pod "${old}" deleted\n`);
    expect(events.stdout).toMatch(new RegExp(`\\n24s +Normal +Killing +pod/${old} +Stopping container calico-node\\n`));
  });

  it("the DaemonSet's replacement runs on the host network from the image on the node", () => {
    const row = pods.stdout.trim().split(/\s+/);
    expect(row[0]).not.toBe(old);
    expect(row.slice(1, 7)).toEqual(['1/1', 'Running', '0', '24s', '192.168.200.64', 'k8s-node01']);
    const rep = row[0];
    for (const line of [
      `Normal +SuccessfulCreate +daemonset/calico-node +Created pod: ${rep}`,
      `Normal +Scheduled +pod/${rep} +Successfully assigned kube-system/${rep} to k8s-node01`,
      `Normal +Pulled +pod/${rep} +Container image "docker.io/calico/node:v3.27.3" already present on machine`,
      `Normal +Started +pod/${rep} +Started container calico-node`,
    ]) expect(events.stdout).toMatch(new RegExp(line));
    expect(images.stdout).toMatch(/^docker\.io\/calico\/node +v3\.27\.3 /);
  });

  it("the host's process table: the old processes gone, the new runsvdir and its services started 19:35", () => {
    const rows = ps1.stdout.split('\n').filter(Boolean);
    expect(rows.map((r) => r.replace(/^root +\d+ +\d+ +0 /, ''))).toEqual([
      '19:35 ?        00:00:00 runsvdir -P /etc/service/enabled',
      '19:35 ?        00:00:00 calico-node -felix',
      '19:35 ?        00:00:00 bird -R -s /var/run/calico/bird.ctl -d -c /etc/calico/confd/config/bird.cfg',
    ]);
    const pids = rows.map((r) => Number(r.split(/\s+/)[1]));
    expect(pids[0]).toBeGreaterThanOrEqual(2000);
  });
});
