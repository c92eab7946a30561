import { describe, expect, test } from 'vitest';
import type { K8sObject } from '../types';
import { makeEndpointSlice, makeService } from './objects';
import { CoreDns, dnsResolver, parseResolvConf, podHostsFile, podResolvConf, resolveWithSearch, searchCandidates } from './dns';

const services = [
  makeService('default', 'kubernetes', { clusterIP: '10.103.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }),
  makeService('default', 'nginx', { clusterIP: '10.103.120.15', ports: [{ name: 'http', port: 80 }] }),
  makeService('shop', 'web', { clusterIP: '10.103.45.3', ports: [{ port: 80 }] }),
  makeService('default', 'db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] }),
  makeService('default', 'empty', { clusterIP: 'None', ports: [{ port: 80 }] }),
  { ...makeService('default', 'ext', { clusterIP: '', ports: [] }), spec: { type: 'ExternalName', externalName: 'nginx.default.svc.cluster.local' } },
];
const slices = [
  makeEndpointSlice('default', 'db', 'db-x', [{ name: 'pg', port: 5432 }], [{ ip: '172.17.125.20' }, { ip: '172.27.14.201' }, { ip: '172.17.125.21', ready: false }]),
];
slices[0].endpoints[0].hostname = 'db-0';
const dns = new CoreDns({ services, endpointSlices: slices, namespaces: ['default', 'kube-system', 'shop'] });

describe('CoreDNS records (Kubernetes DNS spec)', () => {
  test.each<[string, string, object]>([
    ['ClusterIP service', 'nginx.default.svc.cluster.local', { rcode: 'NOERROR', a: ['10.103.120.15'] }],
    ['trailing dot, upper case', 'NGINX.default.svc.cluster.local.', { rcode: 'NOERROR', a: ['10.103.120.15'] }],
    ['kubernetes.default', 'kubernetes.default.svc.cluster.local', { rcode: 'NOERROR', a: ['10.103.0.1'] }],
    ['headless: ready endpoints only', 'db.default.svc.cluster.local', { rcode: 'NOERROR', a: ['172.17.125.20', '172.27.14.201'] }],
    ['headless endpoint by hostname', 'db-0.db.default.svc.cluster.local', { rcode: 'NOERROR', a: ['172.17.125.20'] }],
    ['headless endpoint by dashed IP', '172-27-14-201.db.default.svc.cluster.local', { rcode: 'NOERROR', a: ['172.27.14.201'] }],
    ['headless without ready endpoints', 'empty.default.svc.cluster.local', { rcode: 'NXDOMAIN' }],
    ['pod A record (pods insecure)', '172-17-125-8.default.pod.cluster.local', { rcode: 'NOERROR', a: ['172.17.125.8'] }],
    ['missing service', 'nope.default.svc.cluster.local', { rcode: 'NXDOMAIN' }],
    ['search-list miss', 'nginx.default.default.svc.cluster.local', { rcode: 'NXDOMAIN' }],
    ['ExternalName: CNAME', 'ext.default.svc.cluster.local', { rcode: 'NOERROR', cname: 'nginx.default.svc.cluster.local' }],
    ['outside the zone: forwarded', 'google.com', { rcode: 'FORWARD' }],
  ])('%s: %s', (_n, name, want) => {
    expect(dns.query(name, 'A')).toMatchObject(want);
  });

  test('AAAA for an IPv4 service: NODATA; TTL 30', () => {
    expect(dns.query('nginx.default.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', ttl: 30 });
  });

  test('SRV and PTR', () => {
    expect(dns.query('_http._tcp.nginx.default.svc.cluster.local', 'SRV')).toMatchObject({ srv: [{ port: 80, target: 'nginx.default.svc.cluster.local.' }] });
    expect(dns.query('_pg._tcp.db.default.svc.cluster.local', 'SRV')).toMatchObject({ srv: [{ target: 'db-0.db.default.svc.cluster.local.' }, { target: '172-27-14-201.db.default.svc.cluster.local.' }] });
    expect(dns.query('15.120.103.10.in-addr.arpa', 'PTR')).toMatchObject({ ptr: ['nginx.default.svc.cluster.local.'] });
  });

  test('DnsResolver: A records, CNAME followed, NXDOMAIN = undefined, upstream for the rest', () => {
    const r = dnsResolver(dns, (n) => (n === 'example.com' ? ['93.184.216.34'] : undefined));
    expect(r('ext.default.svc.cluster.local')).toEqual(['10.103.120.15']);
    expect(r('nope.default.svc.cluster.local')).toBeUndefined();
    expect(r('example.com.')).toEqual(['93.184.216.34']);
    expect(dnsResolver(dns)('example.com')).toBeUndefined();
  });
});

describe('resolution walk from a pod in `default` (service-networking.md §5.3)', () => {
  const conf = parseResolvConf(podResolvConf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {} }));
  test.each<[string, string[], string | undefined]>([
    ['nginx', ['nginx.default.svc.cluster.local.'], 'nginx.default.svc.cluster.local'],
    ['web.shop', ['web.shop.default.svc.cluster.local.', 'web.shop.svc.cluster.local.'], 'web.shop.svc.cluster.local'],
    ['kubernetes.default', ['kubernetes.default.default.svc.cluster.local.', 'kubernetes.default.svc.cluster.local.'], 'kubernetes.default.svc.cluster.local'],
    ['google.com', ['google.com.default.svc.cluster.local.', 'google.com.svc.cluster.local.', 'google.com.cluster.local.', 'google.com.'], undefined],
    ['nginx.default.svc.cluster.local.', ['nginx.default.svc.cluster.local.'], 'nginx.default.svc.cluster.local'],
    ['doesnotexist', ['doesnotexist.default.svc.cluster.local.', 'doesnotexist.svc.cluster.local.', 'doesnotexist.cluster.local.', 'doesnotexist.'], undefined],
  ])('%s', (name, queried, answered) => {
    const w = resolveWithSearch(name, conf, dns);
    expect(w.queried.map((q) => q.name)).toEqual(queried);
    expect(w.name).toBe(answered);
  });

  test('≥ ndots dots: glibc tries the name first then the search list; musl never searches', () => {
    expect(searchCandidates('a.b.c.d.e.f', conf, 'glibc')).toEqual(['a.b.c.d.e.f.', 'a.b.c.d.e.f.default.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.']);
    expect(searchCandidates('a.b.c.d.e.f', conf, 'musl')).toEqual(['a.b.c.d.e.f.']);
  });
});

describe('/etc/resolv.conf (kubelet dns.go + containerd)', () => {
  const p = (spec: object, ns = 'default'): K8sObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns }, spec });

  test('the notes: metrics-server in kube-system', () => {
    expect(podResolvConf(p({}, 'kube-system'))).toBe('search kube-system.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.103.0.10\noptions ndots:5\n');
  });

  test.each<[string, object, string]>([
    ['ClusterFirst + hostNetwork falls back to the node', { hostNetwork: true }, 'nameserver 192.168.200.2\n'],
    ['ClusterFirstWithHostNet', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.103.0.10\noptions ndots:5\n'],
    ['Default', { dnsPolicy: 'Default' }, 'nameserver 192.168.200.2\n'],
    ['None + dnsConfig', { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }, 'search example.com\nnameserver 1.1.1.1\noptions ndots:2 edns0\n'],
    ['ClusterFirst + dnsConfig merges', { dnsConfig: { searches: ['corp.local'], options: [{ name: 'ndots', value: '2' }] } }, 'search default.svc.cluster.local svc.cluster.local cluster.local corp.local\nnameserver 10.103.0.10\noptions ndots:2\n'],
  ])('%s', (_n, spec, want) => {
    expect(podResolvConf(p(spec))).toBe(want);
  });

  test('node search domains are appended after the cluster ones, without duplicates', () => {
    expect(podResolvConf(p({}), { hostResolvConf: 'search localdomain cluster.local\nnameserver 8.8.8.8\n' })).toBe('search default.svc.cluster.local svc.cluster.local cluster.local localdomain\nnameserver 10.103.0.10\noptions ndots:5\n');
  });
});

describe('/etc/hosts (kubelet managedHostsFileContent)', () => {
  test('a plain pod', () => {
    const hosts = podHostsFile({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' }, spec: {} }, ['172.17.125.8']);
    expect(hosts).toBe('# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n172.17.125.8\tnginx\n');
  });

  test('hostname + subdomain, and hostAliases', () => {
    const hosts = podHostsFile({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop' }, spec: { hostname: 'web-0', subdomain: 'web', hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }] } }, ['172.17.125.8']);
    expect(hosts.endsWith('172.17.125.8\tweb-0.web.shop.svc.cluster.local\tweb-0\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n')).toBe(true);
  });

  test('hostNetwork: the node file under the host-network header', () => {
    const hosts = podHostsFile({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'kube-system' }, spec: { hostNetwork: true } }, ['192.168.200.64'], { nodeHosts: '127.0.0.1 localhost\n' });
    expect(hosts).toBe('# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n');
  });
});
