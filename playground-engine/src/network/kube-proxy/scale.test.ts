import { describe, expect, test } from 'vitest';
import { KubeProxy } from './kube-proxy';
import { manyServices } from './many-services';

const NODE = { nodeName: 'k8s-node01', nodeIPs: ['192.168.200.64', '172.17.125.0'], clusterCIDR: '172.16.0.0/12' };

describe('iptables mode at scale: 10,000 Services with 3 endpoints each', () => {
  const { services, slices } = manyServices(10_000);
  const p = new KubeProxy({ mode: 'iptables', ...NODE });
  const stats = p.sync(services, slices, 0);
  const lines = p.iptablesSave(0).split('\n');
  const declared = (prefix: string) => lines.filter((l) => l.startsWith(`:${prefix}`)).length;

  test('one KUBE-SVC chain per service port and one KUBE-SEP chain per endpoint', () => {
    expect(stats.servicePorts).toBe(10_000);
    expect(declared('KUBE-SVC-')).toBe(10_000);
    expect(declared('KUBE-SEP-')).toBe(30_000);
    expect(lines.filter((l) => l.startsWith('-A KUBE-SERVICES ') && l.includes(' cluster IP"')).length).toBe(10_000);
    expect(lines.filter((l) => l.includes(' -j DNAT --to-destination ')).length).toBe(30_000);
  });

  test('large-cluster mode (more than 1000 endpoints): no comments on the KUBE-SVC jumps and KUBE-SEP rules', () => {
    const svcJumps = lines.filter((l) => /^-A KUBE-SVC-\S+ .*-j KUBE-SEP-/.test(l));
    const sepRules = lines.filter((l) => l.startsWith('-A KUBE-SEP-'));
    expect(svcJumps).toHaveLength(30_000);
    expect(sepRules).toHaveLength(60_000);
    expect([...svcJumps, ...sepRules].some((l) => l.includes('--comment'))).toBe(false);
    // KUBE-SERVICES keeps its comments, and the nodeports rule stays last.
    const services = lines.filter((l) => l.startsWith('-A KUBE-SERVICES '));
    expect(services[services.length - 1]).toContain('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
  });

  test('a service is routed through its own chains', () => {
    const d = p.route('10.103.0.25', 80, 'TCP', '172.17.125.9', () => 0, 0);
    expect(d.kind).toBe('backend');
    if (d.kind === 'backend') expect(['172.20.0.16', '172.20.0.17', '172.20.0.18']).toContain(d.ip);
  });

  test('a small cluster keeps the comments (under 1000 endpoints)', () => {
    const small = manyServices(10);
    const q = new KubeProxy({ mode: 'iptables', ...NODE });
    q.sync(small.services, small.slices, 0);
    expect(q.iptablesSave(0)).toContain('-m comment --comment "default/svc-5:http -> 172.20.0.16:8080"');
  });
});
