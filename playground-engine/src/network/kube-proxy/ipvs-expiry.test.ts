import { describe, expect, test } from 'vitest';
import { makeEndpointSlice, makeService } from '../objects';
import { buildServicePorts } from './service-ports';
import { IpvsState, TCP_FIN_TIMEOUT_MS, UDP_TIMEOUT_MS } from './ipvs';

function cluster() {
  const services = [
    makeService('default', 'web', { clusterIP: '10.96.120.15', ports: [{ name: 'http', port: 80 }] }),
    makeService('kube-system', 'kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
  ];
  const slices = [
    makeEndpointSlice('default', 'web', 'web-x', [{ name: 'http', port: 80 }], [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }]),
    makeEndpointSlice('kube-system', 'kube-dns', 'kube-dns-x', [{ name: 'dns', port: 53, protocol: 'UDP' }], [{ ip: '10.244.0.2' }]),
  ];
  return buildServicePorts(services, slices, 'node-1');
}

const inact = (ipvs: IpvsState, ip: string, port: number, proto: 'TCP' | 'UDP' = 'TCP') => {
  const vs = ipvs.lookup(proto, ip, port);
  return (vs?.dests ?? []).map((d) => `${d.ip}:${d.activeConn}/${d.inactConn}`).sort().join(' ');
};

describe('ipvs: closed connections leave at their own timeout, whatever the order they closed in', () => {
  test('TCP FIN timeout and UDP timeout, closed out of order, swept one by one', () => {
    const ipvs = new IpvsState();
    ipvs.sync(cluster(), [], 0);
    const web = ipvs.lookup('TCP', '10.96.120.15', 80)!;
    const dns = ipvs.lookup('UDP', '10.96.0.10', 53)!;
    const ids = Array.from({ length: 4 }, (_, i) => ipvs.connect(web, `10.244.9.${i}`, 0)).map((p) => (p.ok ? p.connId : -1));
    ipvs.close(ids[3], 5_000);
    ipvs.close(ids[0], 1_000);
    ipvs.close(ids[1], 1_000);
    ipvs.connect(dns, '10.244.9.9', 2_000); // UDP: inactive at once, 300 s
    expect(inact(ipvs, '10.96.120.15', 80)).toBe('10.244.1.5:0/2 10.244.2.7:1/1');
    ipvs.expire(1_000 + TCP_FIN_TIMEOUT_MS - 1);
    expect(inact(ipvs, '10.96.120.15', 80)).toBe('10.244.1.5:0/2 10.244.2.7:1/1');
    ipvs.expire(1_000 + TCP_FIN_TIMEOUT_MS);
    expect(inact(ipvs, '10.96.120.15', 80)).toBe('10.244.1.5:0/1 10.244.2.7:1/0');
    ipvs.expire(5_000 + TCP_FIN_TIMEOUT_MS);
    expect(inact(ipvs, '10.96.120.15', 80)).toBe('10.244.1.5:0/0 10.244.2.7:1/0');
    expect(inact(ipvs, '10.96.0.10', 53, 'UDP')).toBe('10.244.0.2:0/1');
    ipvs.expire(2_000 + UDP_TIMEOUT_MS);
    expect(inact(ipvs, '10.96.0.10', 53, 'UDP')).toBe('10.244.0.2:0/0');
  });
});
