import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { K8sObject } from '../../types';
import type { ProcessContext } from '../../programs/types';
import { Prng } from '../../sim/prng';
import { makeEndpointSlice, makeService } from '../objects';
import { KubeProxy } from './kube-proxy';
import { iptablesSaveProgram, ipvsadmProgram, proxyModeHandler } from './programs';
import { makeServiceRouter } from './router';
import { notesExample } from './testdata/notes-example';

const NODE = { nodeName: 'k8s-node01', nodeIPs: ['192.168.200.64', '172.17.125.0'], clusterCIDR: '172.16.0.0/12' };

function proxy(mode: 'iptables' | 'ipvs', services: K8sObject[], slices: K8sObject[]): KubeProxy {
  const p = new KubeProxy({ mode, ...NODE });
  p.sync(services, slices, 0);
  return p;
}

function run(prog: ReturnType<typeof iptablesSaveProgram>, argv: string[], hostname = 'k8s-node01') {
  let out = '';
  let err = '';
  const ctx = { argv, hostname, now: () => 0, write: (s: 'stdout' | 'stderr', t: string) => (s === 'stdout' ? (out += t) : (err += t)) } as unknown as ProcessContext;
  const g = prog(ctx);
  let r = g.next();
  while (!r.done) r = g.next();
  return { code: r.value, out, err };
}

describe('route(): iptables mode follows the rules', () => {
  const { services, slices } = notesExample();
  const p = proxy('iptables', services, slices);

  test('per-connection random choice converges to 1/n (statistic cascade)', () => {
    const prng = new Prng(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const d = p.route('10.96.120.15', 80, 'TCP', '172.17.125.8', () => prng.nextU32(), i);
      if (d.kind === 'backend') counts.set(d.ip, (counts.get(d.ip) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['10.244.1.5', '10.244.2.7', '10.244.2.8']);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(100);
  });

  test('the same seed gives the same choices', () => {
    const pick = () => {
      const prng = new Prng(99);
      return Array.from({ length: 20 }, () => p.route('10.96.120.15', 80, 'TCP', '172.17.125.8', () => prng.nextU32(), 0)).map((d) => (d.kind === 'backend' ? d.ip : d.kind));
    };
    expect(pick()).toEqual(pick());
  });

  test('ClientIP affinity: a client sticks to its endpoint (recent lists)', () => {
    const prng = new Prng(3);
    const first = p.route('10.96.45.3', 80, 'TCP', '172.17.125.8', () => prng.nextU32(), 0);
    const later = Array.from({ length: 10 }, (_, i) => p.route('10.96.45.3', 80, 'TCP', '172.17.125.8', () => prng.nextU32(), 1000 * i));
    expect(first.kind).toBe('backend');
    expect(later.every((d) => d.kind === 'backend' && first.kind === 'backend' && d.ip === first.ip)).toBe(true);
  });

  test.each([
    ['pod → ClusterIP (remote endpoint): no SNAT', '172.17.125.8', '10.96.120.15', 80, false],
    ['node → ClusterIP: masqueraded (! -s clusterCIDR)', '192.168.200.64', '10.96.0.1', 443, true],
    ['NodePort, Cluster policy: masqueraded (KUBE-EXT)', '192.168.200.99', '192.168.200.64', 30080, true],
  ])('%s', (_name, src, dst, port, masq) => {
    const p2 = new KubeProxy({ mode: 'iptables', ...NODE, clusterCIDR: '172.16.0.0/12' });
    p2.sync(services, slices, 0);
    const d = p2.route(dst, port, 'TCP', src, () => 0, 0);
    expect(d.kind).toBe('backend');
    if (d.kind === 'backend') expect(d.masquerade).toBe(masq);
  });

  test('hairpin: a pod load-balanced to itself is masqueraded', () => {
    const d = p.route('10.96.0.1', 443, 'TCP', '172.18.0.2', () => 0, 0);
    expect(d).toMatchObject({ kind: 'backend', ip: '172.18.0.2', masquerade: true });
  });

  test('no endpoints: REJECT from the filter table; unknown address: not a service', () => {
    expect(p.route('10.96.7.7', 80, 'TCP', '172.17.125.8', () => 0, 0)).toMatchObject({ kind: 'reject', servicePort: 'default/broken:http' });
    expect(p.route('10.96.7.8', 80, 'TCP', '172.17.125.8', () => 0, 0)).toEqual({ kind: 'none' });
    expect(p.route('10.96.120.15', 81, 'TCP', '172.17.125.8', () => 0, 0)).toEqual({ kind: 'none' });
  });

  test('rules inspected grow with the position in KUBE-SERVICES', () => {
    const a = p.route('10.96.0.1', 443, 'TCP', '172.17.125.8', () => 0, 0);
    const b = p.route('10.96.45.3', 80, 'TCP', '172.17.125.8', () => 0, 0);
    expect(a.kind === 'backend' && b.kind === 'backend' && b.rulesInspected > a.rulesInspected).toBe(true);
  });

  test('internalTrafficPolicy Local without local endpoint: DROP (a timeout for the client)', () => {
    const svc = makeService('default', 'loc', { clusterIP: '10.103.9.9', internalTrafficPolicy: 'Local', ports: [{ port: 80 }] });
    const sl = makeEndpointSlice('default', 'loc', 'loc-x', [{ port: 80 }], [{ ip: '172.27.14.200', nodeName: 'k8s-node02' }]);
    const p2 = proxy('iptables', [svc], [sl]);
    expect(p2.route('10.103.9.9', 80, 'TCP', '172.17.125.8', () => 0, 0).kind).toBe('drop');
  });
});

describe('route(): ipvs mode', () => {
  const { services, slices } = notesExample();
  const p = proxy('ipvs', services, slices);

  test('round robin per connection, counted in ipvsadm', () => {
    const got = Array.from({ length: 3 }, () => {
      const d = p.route('10.96.120.15', 80, 'TCP', '172.17.125.8', () => 0, 0);
      return d.kind === 'backend' ? d.ip : d.kind;
    });
    expect(new Set(got).size).toBe(3);
    expect(p.ipvsadmLn()).toMatch(/-> 10\.244\.1\.5:8080 {14}Masq {4}1 {6}1 {10}0/);
  });

  test('a ClusterIP without endpoints: connection refused; a VIP port that is no service: KUBE-IPVS-FILTER rejects', () => {
    expect(p.route('10.96.7.7', 80, 'TCP', '172.17.125.8', () => 0, 0).kind).toBe('reject');
    expect(p.route('10.96.0.1', 22, 'TCP', '172.17.125.8', () => 0, 0).kind).toBe('reject');
    expect(p.route('10.1.2.3', 80, 'TCP', '172.17.125.8', () => 0, 0).kind).toBe('none');
  });

  test('node → ClusterIP is masqueraded, pod → ClusterIP is not', () => {
    expect(p.route('10.96.0.10', 53, 'UDP', '192.168.200.64', () => 0, 0)).toMatchObject({ kind: 'backend', masquerade: true });
    expect(p.route('10.96.0.10', 53, 'UDP', '172.17.125.8', () => 0, 0)).toMatchObject({ kind: 'backend', masquerade: false });
  });

  test('kube-ipvs0 and /proxyMode', () => {
    expect(p.kubeIpvs0Addresses()).toEqual(['10.96.0.1', '10.96.0.10', '10.96.120.15', '10.96.45.3', '10.96.7.7']);
    expect(p.proxyModeBody()).toBe('ipvs');
    const h = proxyModeHandler(() => p.proxyModeBody());
    expect(h({ method: 'GET', path: '/proxyMode' })).toEqual({ status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'ipvs' });
    expect(h({ method: 'GET', path: '/nope' }).status).toBe(404);
  });
});

describe('programs', () => {
  const { services, slices } = notesExample();
  const ipt = proxy('iptables', services, slices);
  const ipv = proxy('ipvs', services, slices);

  test('iptables-save -t nat / --table=filter / bad table', () => {
    const save = iptablesSaveProgram(() => ipt);
    const nat = run(save, ['iptables-save', '-t', 'nat']);
    expect(nat.code).toBe(0);
    expect(nat.out).toMatch(/^# Generated by iptables-save v1\.8\.9 on Thu Dec  8 19:35:00 2022\n\*nat\n/);
    expect(run(save, ['iptables-save', '--table=filter']).out).toContain('*filter\n');
    const bad = run(save, ['iptables-save', '-t', 'natt']);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('iptables-save v1.8.9 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n');
  });

  test('ipvsadm -Ln, -Ln -t VIP:PORT, unknown service', () => {
    const adm = ipvsadmProgram(() => ipv);
    expect(run(adm, ['ipvsadm', '-Ln']).out.split('\n')[0]).toBe('IP Virtual Server version 1.2.1 (size=4096)');
    const one = run(adm, ['ipvsadm', '-Ln', '-u', '10.96.0.10:53']);
    expect(one.out.split('\n')[2]).toBe('UDP  10.96.0.10:53 rr');
    const none = run(adm, ['ipvsadm', '-L', '-n', '-t', '10.96.0.10:54']);
    expect(none).toEqual({ code: 1, out: '', err: 'No such service\n' });
    expect(run(adm, ['ipvsadm', '-Ln', '-t', 'x']).err).toBe('illegal virtual server address[:port] specified\n');
  });
});

describe('ServiceRouter adapter', () => {
  test('maps decisions to the runtime hook', () => {
    const { services, slices } = notesExample();
    const p = proxy('iptables', services, slices);
    const router = makeServiceRouter(() => p, new Prng(1), () => 0);
    expect(router('10.96.7.7', 80, 'TCP', '172.17.125.8')).toEqual({ reject: true });
    expect(router('10.96.0.1', 443, 'TCP', '172.17.125.8')).toEqual({ backendIp: '172.18.0.2', backendPort: 6443, masquerade: false });
    expect(router('8.8.8.8', 53, 'UDP', '172.17.125.8')).toBeUndefined();
  });

  test('a NodePort on another node is handled by that node\'s kube-proxy', () => {
    const { services, slices } = notesExample();
    const node01 = proxy('iptables', services, slices);
    const node02 = new KubeProxy({ mode: 'iptables', nodeName: 'k8s-node02', nodeIPs: ['192.168.200.65'], clusterCIDR: '172.16.0.0/12' });
    node02.sync(services, slices, 0);
    const router = makeServiceRouter(() => node01, new Prng(1), () => 0, (ip) => (ip === '192.168.200.65' ? node02 : undefined));
    expect(router('192.168.200.65', 30080, 'TCP', '172.17.125.8')).toMatchObject({ backendPort: 80, masquerade: true });
  });
});

describe('properties', () => {
  const arbService = fc.record({
    name: fc.constantFrom('a', 'b', 'web', 'db'),
    ns: fc.constantFrom('default', 'kube-system'),
    ip: fc.constantFrom('10.103.1.1', '10.103.1.2', 'None', '', 'bogus'),
    type: fc.constantFrom('ClusterIP', 'NodePort', 'ExternalName'),
    affinity: fc.boolean(),
    etp: fc.constantFrom('Cluster', 'Local'),
    itp: fc.constantFrom('Cluster', 'Local'),
    ports: fc.array(fc.record({ name: fc.constantFrom('', 'http', 'dns'), port: fc.integer({ min: 1, max: 65535 }), proto: fc.constantFrom('TCP', 'UDP'), nodePort: fc.integer({ min: 30000, max: 32767 }) }), { maxLength: 3 }),
  });
  const arbSlice = fc.record({
    svc: fc.constantFrom('a', 'b', 'web', 'db'),
    ns: fc.constantFrom('default', 'kube-system'),
    ports: fc.array(fc.record({ name: fc.constantFrom('', 'http', 'dns'), port: fc.integer({ min: 1, max: 65535 }), proto: fc.constantFrom('TCP', 'UDP') }), { maxLength: 3 }),
    eps: fc.array(fc.record({ ip: fc.constantFrom('172.17.125.8', '172.17.125.9', '172.27.14.198', 'x'), node: fc.constantFrom('k8s-node01', 'k8s-node02'), ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean() }), { maxLength: 4 }),
  });
  const toObjects = (svcs: fc.Infer<typeof arbService>[], sls: fc.Infer<typeof arbSlice>[]) => ({
    services: svcs.map((s) => makeService(s.ns, s.name, {
      clusterIP: s.ip, type: s.type as 'ClusterIP', sessionAffinity: s.affinity ? 'ClientIP' : 'None', externalTrafficPolicy: s.etp as 'Local', internalTrafficPolicy: s.itp as 'Local',
      ports: s.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.proto as 'TCP', nodePort: s.type === 'NodePort' ? p.nodePort : undefined })),
    })),
    slices: sls.map((s, i) => makeEndpointSlice(s.ns, s.svc, `${s.svc}-${i}`, s.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.proto as 'TCP' })), s.eps.map((e) => ({ ip: e.ip, nodeName: e.node, ready: e.ready, serving: e.serving, terminating: e.terminating })))),
  });

  test('sync never throws and its output is deterministic, in both modes', () => {
    fc.assert(
      fc.property(fc.array(arbService, { maxLength: 5 }), fc.array(arbSlice, { maxLength: 5 }), fc.constantFrom('iptables', 'ipvs'), (svcs, sls, mode) => {
        const { services, slices } = toObjects(svcs, sls);
        const render = () => {
          const p = new KubeProxy({ mode: mode as 'ipvs', ...NODE });
          p.sync(services, slices, 0);
          const prng = new Prng(5);
          const routes = services.flatMap((s) => (s.spec.ports as Array<{ port: number; protocol: 'TCP' }>).map((pt) => JSON.stringify(p.route(s.spec.clusterIP, pt.port, pt.protocol, '172.17.125.8', () => prng.nextU32(), 0))));
          return [p.iptablesSave(0), p.ipvsadmLn(), ...routes].join('\n');
        };
        expect(render()).toBe(render());
      }),
      { numRuns: 150 },
    );
  });

  test('sync tolerates malformed objects', () => {
    const p = new KubeProxy({ mode: 'iptables', ...NODE });
    const junk = [null, {}, { metadata: {} }, { metadata: { name: 'x' }, spec: { ports: 'no', clusterIP: 5 } }, { kind: 'EndpointSlice', metadata: { labels: {} }, endpoints: [{ addresses: null }] }] as unknown as K8sObject[];
    expect(() => p.sync(junk, junk, 0)).not.toThrow();
    expect(p.iptablesSave(0)).toContain('*nat');
  });
});
