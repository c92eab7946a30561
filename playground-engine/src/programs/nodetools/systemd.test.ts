/**
 * systemctl status / journalctl -u on the hosts (systemd 219 layout) over the hosts' service
 * processes and the kubelet's journal derived from the run.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';
import { relative } from './systemd';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';

function at(ms: number, ...lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

describe('systemd on the hosts', () => {
  it('format_timestamp_relative', () => {
    expect([0, 500, 42_000, 90_000, 7 * 60_000, 2 * 3_600_000 + 5 * 60_000, 7 * 3_600_000, 33 * 3_600_000, 3 * 86_400_000].map(relative)).toEqual(['now', '500ms ago', '42s ago', '1min 30s ago', '7min ago', '2h 5min ago', '7h ago', '1 day 9h ago', '3 days ago']);
  });

  it('systemctl status kubelet: the layout of systemd 219, the real process, journal lines of the run', () => {
    const [r] = at(30_000, 'ssh k8s-node01 systemctl status kubelet.service');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '● kubelet.service - Kubernetes Kubelet',
      '   Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; vendor preset: disabled)',
      '   Active: active (running) since Wed 2022-12-07 10:10:10 CST; 1 day 9h ago',
      '     Docs: https://github.com/kubernetes/kubernetes',
      ' Main PID: 901 (kubelet)',
      '   CGroup: /system.slice/kubelet.service',
      '           └─901 /usr/local/bin/kubelet --config=/etc/kubernetes/kubelet-conf.yml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=192.168.200.64',
    ]);
    expect(lines[7]).toBe('');
    expect(lines[8]).toBe('Dec 08 19:35:00 k8s-node01 kubelet[901]: I1208 19:35:00.100000     901 kubelet.go:2337] "SyncLoop ADD" source="api" pods=["default/nginx"]');
    expect(lines[9]).toMatch(/^Dec 08 19:35:0\d k8s-node01 kubelet\[901\]: I1208 19:35:0\d\.\d{6}     901 kubelet\.go:\d+\] "SyncLoop \(PLEG\): event for pod" pod="default\/nginx" event=\{"ID":"[0-9a-f-]{36}","Type":"ContainerStarted","Data":"[0-9a-f]{64}"\}$/);
  });

  it('the PLEG container id is the pod status containerID; deletion adds DELETE and REMOVE', () => {
    const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 20_000 });
    const [cid] = runCommandsOn(run, [{ atMs: 20_000, line: 'kubectl get po nginx -o jsonpath={.status.containerStatuses[0].containerID}' }]);
    runCommandsOn(run, [{ atMs: 21_000, line: 'kubectl delete pod nginx --wait=false' }]);
    const [j] = runCommandsOn(run, [{ atMs: 60_000, line: 'ssh k8s-node01 journalctl -u kubelet --no-pager' }]);
    const lines = j.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('-- Logs begin at Wed 2022-12-07 10:10:00 CST, end at Thu 2022-12-08 19:36:00 CST. --');
    expect(j.stdout).toContain(`"Data":"${cid.stdout.replace('containerd://', '')}"}`);
    const kinds = lines.slice(1).map((l) => /"(SyncLoop [A-Z]+|ContainerStarted|ContainerDied)"/.exec(l)?.[1]);
    expect(kinds).toEqual(['SyncLoop ADD', 'ContainerStarted', 'SyncLoop DELETE', 'ContainerDied', 'SyncLoop REMOVE']);
  });

  it('journalctl -u kubelet: a crash-looping pod\'s failed syncs, as pod_workers.go logs them', () => {
    const CRASH = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: app\n    image: busybox:1.28\n    command: ["sh", "-c", "exit 1"]\n';
    const run = simulateSources([{ fileName: 'crash.yaml', text: CRASH }], { untilMs: 60_000 });
    const [uid] = runCommandsOn(run, [{ atMs: 60_000, line: 'kubectl get po crash -o jsonpath={.metadata.uid}' }]);
    const [j] = runCommandsOn(run, [{ atMs: 60_000, line: 'ssh k8s-node01 journalctl -u kubelet --no-pager' }]);
    const lines = j.stdout.split('\n').filter((l) => l.includes('Error syncing pod'));
    const first = `failed to \\"StartContainer\\" for \\"app\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=app pod=crash_default(${uid.stdout})\\"`;
    expect(lines[0]).toMatch(/^Dec 08 19:35:\d\d k8s-node01 kubelet\[901\]: E1208 19:35:\d\d\.\d{3}000     901 pod_workers\.go:1298\] "Error syncing pod, skipping" err=/);
    expect(lines[0].endsWith(` err="${first}" pod="default/crash" podUID="${uid.stdout}"`)).toBe(true);
    expect(lines.some((l) => l.includes('back-off 20s restarting failed container=app'))).toBe(true);
    // in time order with the SyncLoop lines around them
    const all = j.stdout.split('\n').filter(Boolean).slice(1);
    const times = all.map((l) => / (\d\d:\d\d:\d\d\.\d{6}) /.exec(l)?.[1] ?? '');
    expect([...times].sort()).toEqual(times);
  });

  it('journalctl -n bounds the lines; a unit without lines says so; unknown units', () => {
    const [n1, proxy, unknown, both] = at(30_000, 'ssh k8s-node01 journalctl -u kubelet -n 1', 'journalctl -u kube-proxy', 'systemctl status foo', 'systemctl status containerd kube-proxy');
    expect(n1.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(proxy.stdout).toBe('-- Logs begin at Wed 2022-12-07 10:10:00 CST, end at Thu 2022-12-08 19:35:30 CST. --\n-- No entries --\n');
    expect(unknown).toMatchObject({ stderr: 'Unit foo.service could not be found.\n', exitCode: 4 });
    expect(both.stdout).toContain('● containerd.service - containerd container runtime\n');
    expect(both.stdout).toContain('\n\n● kube-proxy.service - Kubernetes Kube Proxy\n');
    expect(both.stdout).toContain(' Main PID: 902 (kube-proxy)\n');
  });

  it('ps -ef: the daemons started at boot show the day (procps %b%d)', () => {
    const [r] = at(5_000, 'ps -ef');
    expect(r.stdout).toContain('root       901     1  0 Dec07 ?        00:00:00 /usr/local/bin/kubelet ');
  });

  it('ps -ef on a master: the static pods of the control plane under their shims, with kubeadm flags', () => {
    const [m, n] = at(5_000, 'ps -ef', 'ssh k8s-node01 ps -ef');
    const rows = m.stdout.split('\n');
    const api = rows.find((l) => / kube-apiserver --advertise-address=192\.168\.200\.61 /.test(l)) ?? '';
    expect(api).toContain('--service-cluster-ip-range=10.103.0.0/16');
    const ppid = api.trim().split(/ +/)[2];
    expect(rows.find((l) => l.trim().split(/ +/)[1] === ppid)).toMatch(/\/usr\/local\/bin\/containerd-shim-runc-v2 -namespace k8s\.io -id [0-9a-f]{64} -address \/run\/containerd\/containerd\.sock$/);
    for (const c of ['etcd --advertise-client-urls=https://192.168.200.61:2379', 'kube-controller-manager --allocate-node-cidrs=true', 'kube-scheduler --authentication-kubeconfig', 'calico-node -felix']) expect(m.stdout).toContain(c);
    expect(n.stdout).not.toContain('kube-apiserver');
    expect(n.stdout).toContain('calico-node -felix');
  });
});
