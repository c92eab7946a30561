/**
 * The nodes' /etc/kubernetes: the static pod manifests behind the mirror pods, the kubeconfig
 * files, the PKI names and modes, the kubelet's configuration; read with the hosts' own tools.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../engine';
import { hostFiles, kubeletConfiguration, staticPodManifest } from './host-files';
import { defaultSystemObjects } from '../network/system-objects';
import { Prng } from '../sim/prng';
import { NODES } from '../network/cluster';
import { decode } from '../api/decode';
import { CLUSTER_CA_CRT } from '../network/cluster-ca';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n';

function at(ms: number, ...lines: string[]) {
  const run = simulateSources([{ fileName: 'ns.yaml', text: NS }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

const system = defaultSystemObjects(new Prng('runnable-k8s-notes').fork('system'));
const mirror = (name: string) => system.pods.find((p) => p.metadata.name === name) as NonNullable<(typeof system.pods)[number]>;

describe('static pod manifests', () => {
  it('the manifest is the mirror pod without what the kubelet and the API server added', () => {
    const pod = mirror('kube-scheduler-k8s-master02');
    const text = staticPodManifest(pod);
    expect(text.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    component: kube-scheduler\n    tier: control-plane\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  containers:\n  - command:\n    - kube-scheduler\n')).toBe(true);
    expect(text.endsWith('  hostNetwork: true\n  priority: 2000001000\n  priorityClassName: system-node-critical\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  volumes:\n  - hostPath:\n      path: /etc/kubernetes/scheduler.conf\n      type: FileOrCreate\n    name: kubeconfig\nstatus: {}\n')).toBe(true);
    for (const gone of ['uid:', 'nodeName', 'ownerReferences', 'tolerations', 'dnsPolicy', 'restartPolicy', 'schedulerName', 'terminationMessagePath', 'successThreshold', 'enableServiceLinks', 'containerStatuses', 'phase']) expect(text).not.toContain(gone);
    // The manifest decodes as a Pod, and its command is the mirror pod's.
    const d = decode(text, { fileName: 'kube-scheduler.yaml' });
    expect(d.diagnostics).toEqual([]);
    expect(d.documents[0]?.object.spec?.containers?.[0]?.command).toEqual(pod.spec.containers[0].command);
  });

  it('each master has its four manifests (etcd with its own initial cluster), the workers none', () => {
    const m3 = hostFiles({ node: NODES[2], pods: system.pods, apiServer: 'https://192.168.200.61:6443' });
    expect(m3.filter((f) => f.path.startsWith('/etc/kubernetes/manifests/')).map((f) => f.path)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `/etc/kubernetes/manifests/${c}.yaml`));
    const etcd = m3.find((f) => f.path.endsWith('etcd.yaml'));
    expect(etcd?.content).toContain('    - --initial-cluster=k8s-master01=https://192.168.200.61:2380,k8s-master02=https://192.168.200.62:2380,k8s-master03=https://192.168.200.63:2380\n    - --initial-cluster-state=existing\n');
    expect(etcd?.mode).toBe(0o600);
    const n1 = hostFiles({ node: NODES[3], pods: system.pods, apiServer: 'https://192.168.200.61:6443' });
    expect(n1.map((f) => f.path)).toEqual(['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/kubelet-conf.yml', '/etc/kubernetes/pki/ca.crt']);
  });

  it('the kubelet configuration carries the cluster DNS, domain and static pod path', () => {
    const c = kubeletConfiguration();
    expect(c).toContain('cgroupDriver: systemd\nclusterDNS:\n- 10.103.0.10\nclusterDomain: cluster.local\n');
    expect(c).toContain('staticPodPath: /etc/kubernetes/manifests\nstreamingConnectionIdleTimeout: 0s\nsyncFrequency: 0s\nvolumeStatsAggPeriod: 0s\n');
    expect(c.startsWith('apiVersion: kubelet.config.k8s.io/v1beta1\n')).toBe(true);
  });
});

describe('/etc/kubernetes on the hosts', () => {
  it('ls, cat and grep on k8s-master01: manifests, kubeconfigs, pki modes', () => {
    const [ls, pki, grep, ca, cfg] = at(
      1_000,
      'ls -1 /etc/kubernetes/manifests; ls -1 /etc/kubernetes | wc -l',
      'ls -l /etc/kubernetes/pki | grep -E " ca.(crt|key)$"',
      'grep -h server: /etc/kubernetes/*.conf',
      "grep certificate-authority-data /etc/kubernetes/admin.conf | awk '{print $2}'",
      'grep -A1 clusterDNS /etc/kubernetes/kubelet-conf.yml',
    );
    expect(ls.stdout).toBe('etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n8\n');
    expect(pki.stdout).toMatch(/^-rw-r--r-- 1 root root 1363 Dec  7 10:30 ca\.crt\n-rw------- 1 root root    0 Dec  7 10:30 ca\.key\n$/);
    // admin.conf and kubelet.conf name the cluster's address, the control plane's own the local API server
    expect(grep.stdout).toBe('    server: https://192.168.200.61:6443\n'.repeat(5));
    expect(Buffer.from(ca.stdout.trim(), 'base64').toString()).toBe(CLUSTER_CA_CRT);
    expect(cfg.stdout).toBe('clusterDNS:\n- 10.103.0.10\n');
    expect(CLUSTER_CA_CRT.length).toBe(1363);
  });

  it("k8s-node01 has the kubelet's files and the CA only; master02's control plane names its own API server", () => {
    const [n1, m2] = at(1_000, 'ssh k8s-node01 "ls -1 /etc/kubernetes | wc -l; ls /etc/kubernetes/pki"', 'ssh k8s-master02 grep server: /etc/kubernetes/scheduler.conf /etc/kubernetes/kubelet.conf');
    expect(n1.stdout).toBe('3\nca.crt\n');
    expect(m2.stdout).toBe('/etc/kubernetes/scheduler.conf:    server: https://192.168.200.62:6443\n/etc/kubernetes/kubelet.conf:    server: https://192.168.200.61:6443\n');
    // super-admin.conf is written by `kubeadm init` only
    const [sa] = at(1_000, 'ls /etc/kubernetes/super-admin.conf; ssh k8s-master02 ls /etc/kubernetes/super-admin.conf');
    expect(sa.stdout).toBe('/etc/kubernetes/super-admin.conf\n');
    expect(sa.stderr).toBe("ls: cannot access /etc/kubernetes/super-admin.conf: No such file or directory\n");
  });
});
