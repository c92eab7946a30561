import { describe, expect, test } from 'vitest';
import { Prng } from '../sim/prng';
import { since } from '../kubectl/duration';
import { apiserverIdentity, defaultSystemObjects } from './system-objects';
import { KubeProxy } from './kube-proxy/kube-proxy';
import { CoreDns, dnsResolver } from './dns';

describe('the notes cluster at t = 0', () => {
  const s = defaultSystemObjects(new Prng(2022));
  const byName = (list: typeof s.pods, name: string) => list.find((o) => o.metadata.name === name);

  test('pods the notes show, with their IPs, nodes and restarts', () => {
    const ms = byName(s.pods, 'metrics-server-6c48d8f6d6-8m5qg');
    expect(ms).toMatchObject({ metadata: { namespace: 'kube-system' }, spec: { nodeName: 'k8s-node01' }, status: { podIP: '172.17.125.6', phase: 'Running' } });
    expect(ms?.status.containerStatuses[0].restartCount).toBe(5);
    expect(since(ms?.status.containerStatuses[0].lastState.terminated.finishedAt, 0)).toBe('23h');
    const scraper = byName(s.pods, 'dashboard-metrics-scraper-5b997cd56f-zfb6l');
    expect(scraper).toMatchObject({ metadata: { namespace: 'kubernetes-dashboard' }, spec: { nodeName: 'k8s-node01' }, status: { podIP: '172.17.125.7' } });
    expect(scraper?.status.containerStatuses[0].restartCount).toBe(2);
    expect(since(scraper?.metadata.creationTimestamp, 0)).toBe('32h');
  });

  test('a binary install: kube-proxy is a systemd service on the hosts, not a DaemonSet nor its pods', () => {
    expect(s.pods.filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' || p.metadata.name.startsWith('kube-proxy'))).toEqual([]);
    expect(s.pods.filter((p) => p.metadata.labels?.['k8s-app'] === 'calico-node')).toHaveLength(5);
    expect(s.workloads.map((w) => `${w.kind}/${w.metadata.name}`)).not.toContain('DaemonSet/kube-proxy');
  });

  test('the add-ons\' owners: Deployments with their ReplicaSets and the calico-node DaemonSet, matching their pods', () => {
    expect(s.workloads.map((w) => `${w.kind}/${w.metadata.namespace}/${w.metadata.name}`).filter((k) => !k.startsWith('ReplicaSet'))).toEqual([
      'Deployment/kube-system/calico-kube-controllers', 'DaemonSet/kube-system/calico-node', 'Deployment/kube-system/calico-typha',
      'Deployment/kube-system/coredns', 'Deployment/kube-system/metrics-server', 'Deployment/kubernetes-dashboard/dashboard-metrics-scraper',
      'Deployment/kubernetes-dashboard/kubernetes-dashboard',
    ]);
    for (const p of s.pods) {
      const ref = p.metadata.ownerReferences?.[0];
      if (!ref || ref.kind === 'Node') continue;
      const owner = s.workloads.find((w) => w.metadata.uid === ref.uid);
      expect(owner?.metadata.name, p.metadata.name).toBe(ref.name);
      expect(p.metadata.name.startsWith(`${ref.name}-`)).toBe(true);
      for (const [k, v] of Object.entries(owner?.spec.selector.matchLabels ?? {})) expect(p.metadata.labels[k], `${p.metadata.name} ${k}`).toBe(v);
      if (ref.kind === 'ReplicaSet') expect(since(owner?.metadata.creationTimestamp, 0)).toBe(since(p.metadata.creationTimestamp, 0));
    }
    const coredns = s.workloads.find((w) => w.kind === 'Deployment' && w.metadata.name === 'coredns');
    expect(coredns).toMatchObject({ spec: { replicas: 2, selector: { matchLabels: { 'k8s-app': 'kube-dns' } } }, status: { readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 } });
    expect(coredns?.status.conditions.map((c: { reason: string }) => c.reason)).toEqual(['MinimumReplicasAvailable', 'NewReplicaSetAvailable']);
  });

  test('kubectl get svc -n kube-system: the notes IPs, ports and ages', () => {
    const rows = s.services.filter((x) => x.metadata.namespace === 'kube-system').map((x) => [x.metadata.name, x.spec.clusterIP, x.spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`).join(','), since(x.metadata.creationTimestamp, 0)]);
    expect(rows).toEqual([
      ['kube-dns', '10.103.0.10', '53/UDP,53/TCP,9153/TCP', '33h'],
      ['calico-typha', '10.103.6.32', '5473/TCP', '32h'],
      ['metrics-server', '10.103.119.223', '443/TCP', '32h'],
    ]);
  });

  test('kubectl get ep metrics-server -n kube-system: 172.17.125.6:4443', () => {
    const ep = s.endpoints.find((e) => e.metadata.name === 'metrics-server');
    expect(ep?.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '172.17.125.6', nodeName: 'k8s-node01' })], ports: [{ name: 'https', port: 4443, protocol: 'TCP' }] }]);
    expect(since(ep?.metadata.creationTimestamp, 0)).toBe('32h');
  });

  test('kubectl get leases -n kube-system: the notes holders, 32h', () => {
    const leases = s.leases.filter((l) => l.metadata.namespace === 'kube-system');
    expect(leases.slice(0, 2).map((l) => [l.metadata.name, l.spec.holderIdentity, since(l.metadata.creationTimestamp, 0)])).toEqual([
      ['kube-controller-manager', 'k8s-master02_19bdfcd2-9dcb-4bd3-9f6e-7dafc7b9da7d', '32h'],
      ['kube-scheduler', 'k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc', '32h'],
    ]);
    expect(leases.slice(2).map((l) => l.metadata.name)).toEqual(['k8s-master01', 'k8s-master02', 'k8s-master03'].map(apiserverIdentity));
    expect(s.leases.filter((l) => l.metadata.namespace === 'kube-node-lease')).toHaveLength(5);
  });

  test('apiserver identity lease names: "apiserver-" + 26 lowercase base32 characters', () => {
    expect(apiserverIdentity('k8s-master01')).toMatch(/^apiserver-[a-z2-7]{26}$/);
  });

  test('nodes: Ready, roles, v1.30, containerd, taints on the control plane', () => {
    const rows = s.nodes.map((n) => [n.metadata.name, n.status.conditions.find((c: { type: string }) => c.type === 'Ready').status, 'node-role.kubernetes.io/control-plane' in n.metadata.labels, n.status.nodeInfo.kubeletVersion, n.status.nodeInfo.containerRuntimeVersion, (n.spec.taints ?? []).length]);
    expect(rows).toEqual([
      ['k8s-master01', 'True', true, 'v1.30.2', 'containerd://1.7.13', 1],
      ['k8s-master02', 'True', true, 'v1.30.2', 'containerd://1.7.13', 1],
      ['k8s-master03', 'True', true, 'v1.30.2', 'containerd://1.7.13', 1],
      ['k8s-node01', 'True', false, 'v1.30.2', 'containerd://1.7.13', 0],
      ['k8s-node02', 'True', false, 'v1.30.2', 'containerd://1.7.13', 0],
    ]);
  });

  test('the IPAM continues where the notes left off', () => {
    expect(s.ipam.ipamFor('k8s-node01').allocate('default/nginx')).toBe('172.17.125.8');
    expect(s.ipam.ipamFor('k8s-node02').allocate('default/nginx')).toBe('172.27.14.198');
  });

  test('kube-proxy on k8s-master01 (ipvs) lists kube-dns and metrics-server; CoreDNS answers', () => {
    const p = new KubeProxy({ mode: 'ipvs', nodeName: 'k8s-master01', nodeIPs: ['192.168.200.61', '172.25.244.192'], clusterCIDR: '172.16.0.0/12' });
    p.sync(s.services, s.endpointSlices, 0);
    const text = p.ipvsadmLn() ?? '';
    expect(text).toContain('TCP  10.103.119.223:443 rr\n  -> 172.17.125.6:4443            Masq    1      0          0         \n');
    expect(text).toContain('UDP  10.103.0.10:53 rr\n  -> 172.25.244.200:53            Masq    1      0          0         \n  -> 172.25.244.201:53            Masq    1      0          0         \n');
    expect(text).toContain('TCP  10.103.0.1:443 rr\n  -> 192.168.200.61:6443          Masq    1      0          0         \n');
    const resolve = dnsResolver(new CoreDns({ services: s.services, endpointSlices: s.endpointSlices }));
    expect(resolve('metrics-server.kube-system.svc.cluster.local')).toEqual(['10.103.119.223']);
    expect(resolve('kubernetes.default.svc.cluster.local')).toEqual(['10.103.0.1']);
  });

  test('deterministic for a seed; names differ with another seed', () => {
    const a = JSON.stringify(defaultSystemObjects(new Prng(7)).all());
    expect(JSON.stringify(defaultSystemObjects(new Prng(7)).all())).toBe(a);
    expect(JSON.stringify(defaultSystemObjects(new Prng(8)).all())).not.toBe(a);
  });
});
