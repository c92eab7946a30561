import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeEndpointSlice, makeService } from '../objects';
import { buildServicePorts } from './service-ports';
import { IpvsState, ipvsadmList, ipvsadmListService } from './ipvs';

const stripTrailing = (s: string) => s.split('\n').map((l) => l.replace(/ +$/, '')).join('\n');

function notesIpvsCluster(nginxEndpoints = ['10.244.2.8', '10.244.1.5', '10.244.2.7']) {
  const services = [
    makeService('default', 'kubernetes', { clusterIP: '10.96.0.1', sessionAffinity: 'ClientIP', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }),
    makeService('kube-system', 'kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }] }),
    makeService('default', 'broken', { clusterIP: '10.96.7.7', ports: [{ name: 'http', port: 80 }] }),
    makeService('default', 'nginx', { clusterIP: '10.96.120.15', ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
  ];
  const slices = [
    makeEndpointSlice('default', 'kubernetes', 'kubernetes', [{ name: 'https', port: 6443 }], [{ ip: '172.18.0.2' }]),
    makeEndpointSlice('kube-system', 'kube-dns', 'kube-dns-x', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }], [{ ip: '10.244.0.2' }, { ip: '10.244.0.3' }]),
    makeEndpointSlice('default', 'nginx', 'nginx-x', [{ name: 'http', port: 8080 }], nginxEndpoints.map((ip) => ({ ip }))),
  ];
  return buildServicePorts(services, slices, 'node-1');
}

describe('ipvsadm -Ln (ipvsadm.c printf formats, service-networking.md §2.2)', () => {
  test('reproduces the notes example, including a draining real server', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(), [], 0);
    // Connections: 1 to the API server; 7 to 10.244.1.5 of which 5 closed; 1 to 10.244.2.7.
    const api = ipvs.lookup('TCP', '10.96.0.1', 443);
    expect(api && ipvs.connect(api, '192.168.200.61', 0).ok).toBe(true);
    const nginx = ipvs.lookup('TCP', '10.96.120.15', 80);
    if (!nginx) throw new Error('no nginx VS');
    const picks = Array.from({ length: 21 }, (_, i) => ipvs.connect(nginx, `10.244.9.${i}`, 0));
    const to = (ip: string) => picks.filter((p) => p.ok && p.rs.ip === ip).map((p) => (p.ok ? p.connId : 0));
    for (const id of to('10.244.2.7').slice(1)) ipvs.close(id, 1000);
    for (const id of to('10.244.2.8')) ipvs.close(id, 1000);
    for (const id of to('10.244.1.5').slice(0, 5)) ipvs.close(id, 100_000);
    // At 130 s the connections closed at 1 s left TIME_WAIT; 10.244.1.5 then leaves the endpoints.
    ipvs.sync(notesIpvsCluster(['10.244.2.8', '10.244.2.7']), [], 130_000);
    const expected = readFileSync(new URL('./testdata/notes-2.2-ipvsadm.txt', import.meta.url), 'utf8');
    expect(stripTrailing(ipvsadmList(ipvs))).toBe(expected);
  });

  test('real-server lines keep printf padding (trailing spaces)', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(), [], 0);
    const text = ipvsadmList(ipvs);
    expect(text).toContain('\n  -> 10.244.2.8:8080              Masq    1      0          0         \n');
    expect(text.startsWith('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n')).toBe(true);
  });

  test('sorted by protocol number, then address numerically, then port', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(), [], 0);
    const services = ipvsadmList(ipvs).split('\n').filter((l) => /^(TCP|UDP) /.test(l));
    expect(services.map((l) => l.split(/\s+/)[1])).toEqual(['10.96.0.1:443', '10.96.0.10:53', '10.96.0.10:9153', '10.96.7.7:80', '10.96.120.15:80', '10.96.0.10:53']);
  });

  test('-t VIP:PORT lists one service without the version line; unknown → undefined', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(), [], 0);
    expect(ipvsadmListService(ipvs, 'UDP', '10.96.0.10', 53)).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nUDP  10.96.0.10:53 rr\n  -> 10.244.0.2:53                Masq    1      0          0         \n  -> 10.244.0.3:53                Masq    1      0          0         \n',
    );
    expect(ipvsadmListService(ipvs, 'TCP', '10.96.0.10', 54)).toBeUndefined();
  });
});

describe('ipvs scheduling and graceful termination', () => {
  test('rr cycles over the real servers and skips weight-0 ones', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(), [], 0);
    const vs = ipvs.lookup('TCP', '10.96.120.15', 80)!;
    const order = Array.from({ length: 6 }, () => {
      const p = ipvs.connect(vs, '10.0.0.1', 0);
      return p.ok ? p.rs.ip : '';
    });
    // The kernel list is newest-first; kube-proxy added them in sorted order.
    expect(order).toEqual(['10.244.2.8', '10.244.2.7', '10.244.1.5', '10.244.2.8', '10.244.2.7', '10.244.1.5']);
    ipvs.sync(notesIpvsCluster(['10.244.2.8', '10.244.2.7']), [], 10); // 10.244.1.5 has 2 connections: weight 0
    const next = Array.from({ length: 4 }, () => {
      const p = ipvs.connect(vs, '10.0.0.1', 10);
      return p.ok ? p.rs.ip : '';
    });
    expect(next).not.toContain('10.244.1.5');
    expect(vs.dests.find((d) => d.ip === '10.244.1.5')?.weight).toBe(0);
  });

  test('a removed TCP server stays with weight 0 until its connections are gone; the sweep deletes it', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(['10.244.1.5']), [], 0);
    const vs = ipvs.lookup('TCP', '10.96.120.15', 80)!;
    const c = ipvs.connect(vs, '10.0.0.1', 0);
    ipvs.sync(notesIpvsCluster([]), [], 1_000);
    expect(vs.dests).toEqual([expect.objectContaining({ ip: '10.244.1.5', weight: 0, activeConn: 1 })]);
    ipvs.gracefulSweep(60_000);
    expect(vs.dests).toHaveLength(1);
    if (c.ok) ipvs.close(c.connId, 61_000);
    ipvs.gracefulSweep(120_000); // still in FIN/TIME_WAIT (InActConn 1)
    expect(vs.dests).toHaveLength(1);
    ipvs.gracefulSweep(181_000 + 60_000);
    expect(vs.dests).toHaveLength(0);
    expect(ipvs.connect(vs, '10.0.0.1', 250_000).ok).toBe(false);
  });

  test('an endpoint that comes back while draining gets weight 1 again', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(['10.244.1.5']), [], 0);
    const vs = ipvs.lookup('TCP', '10.96.120.15', 80)!;
    ipvs.connect(vs, '10.0.0.1', 0);
    ipvs.sync(notesIpvsCluster([]), [], 1_000);
    ipvs.sync(notesIpvsCluster(['10.244.1.5']), [], 2_000);
    expect(vs.dests).toEqual([expect.objectContaining({ ip: '10.244.1.5', weight: 1 })]);
  });

  test('UDP real servers are deleted at once', () => {
    const ipvs = new IpvsState();
    ipvs.sync(notesIpvsCluster(), [], 0);
    const vs = ipvs.lookup('UDP', '10.96.0.10', 53)!;
    ipvs.connect(vs, '10.0.0.1', 0);
    const ports = notesIpvsCluster().map((p) => (p.name === 'kube-dns' ? { ...p, endpoints: p.endpoints.slice(1) } : p));
    ipvs.sync(ports, [], 1);
    expect(vs.dests.map((d) => d.ip)).toEqual(['10.244.0.3']);
  });

  test('persistence (ClientIP affinity) keeps a client on its server', () => {
    const ipvs = new IpvsState();
    const ports = buildServicePorts(
      [makeService('default', 'web', { clusterIP: '10.103.5.5', sessionAffinity: 'ClientIP', stickySeconds: 60, ports: [{ port: 80 }] })],
      [makeEndpointSlice('default', 'web', 'web-x', [{ port: 80 }], [{ ip: '10.0.1.1' }, { ip: '10.0.1.2' }, { ip: '10.0.1.3' }])],
      'n',
    );
    ipvs.sync(ports, [], 0);
    const vs = ipvs.lookup('TCP', '10.103.5.5', 80)!;
    expect(ipvsadmList(ipvs)).toContain('TCP  10.103.5.5:80 rr persistent 60\n');
    const first = ipvs.connect(vs, '172.17.125.8', 0);
    const again = Array.from({ length: 5 }, (_, i) => ipvs.connect(vs, '172.17.125.8', 1000 * i));
    expect(new Set(again.map((p) => (p.ok ? p.rs.ip : '')))).toEqual(new Set([first.ok ? first.rs.ip : 'x']));
    const other = ipvs.connect(vs, '172.17.125.9', 10_000);
    expect(other.ok && first.ok && other.rs.ip !== first.rs.ip).toBe(true);
    const later = ipvs.connect(vs, '172.17.125.8', 4_000 + 61_000); // template expired
    expect(later.ok).toBe(true);
  });

  test('kube-ipvs0 holds every ClusterIP; NodePort servers listen on the node addresses', () => {
    const ipvs = new IpvsState();
    const ports = buildServicePorts(
      [
        makeService('default', 'web', { clusterIP: '10.103.5.5', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
        makeService('kube-system', 'kube-dns', { clusterIP: '10.103.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
      ],
      [],
      'k8s-node01',
    );
    ipvs.sync(ports, ['192.168.200.64', '172.17.125.0'], 0);
    expect(ipvs.dummyAddresses()).toEqual(['10.103.5.5', '10.103.0.10']);
    expect(ipvsadmList(ipvs).split('\n').filter((l) => l.startsWith('TCP') || l.startsWith('UDP'))).toEqual([
      'TCP  10.103.5.5:80 rr',
      'TCP  172.17.125.0:30080 rr',
      'TCP  192.168.200.64:30080 rr',
      'UDP  10.103.0.10:53 rr',
    ]);
  });
});
