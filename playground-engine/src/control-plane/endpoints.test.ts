import { describe, expect, test } from 'vitest';
import type { K8sObject } from '../types';
import { makeService } from '../network/objects';
import { computeSubsets, endpointsNeedUpdate, syncEndpoints } from './endpoints';
import { TriggerTimeTracker, findPort } from './endpoints-util';

type PodOpts = { ip?: string; ready?: boolean; deleting?: boolean; phase?: string; labels?: Record<string, string>; ns?: string; node?: string; ports?: Array<{ name?: string; containerPort: number; protocol?: string }>; readyAt?: string; hostname?: string; subdomain?: string };

function pod(name: string, o: PodOpts = {}): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.ns ?? 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2022-12-08T11:40:00Z' } : {}) },
    spec: { nodeName: o.node ?? 'k8s-node01', containers: [{ name: 'c', image: 'nginx', ports: o.ports ?? [{ name: 'http', containerPort: 80, protocol: 'TCP' }] }], ...(o.hostname ? { hostname: o.hostname } : {}), ...(o.subdomain ? { subdomain: o.subdomain } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip === '' ? {} : { podIP: o.ip ?? '172.17.125.8', podIPs: [{ ip: o.ip ?? '172.17.125.8' }] }),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: o.readyAt ?? '2022-12-08T11:35:10Z' }],
    },
  };
}

const web = (extra: object = {}) => makeService('default', 'web', { clusterIP: '10.103.1.2', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], labels: { app: 'web' }, creationTimestamp: '2022-12-08T11:35:00Z', ...extra });

describe('Endpoints controller: which pods, ready or not', () => {
  test.each<[string, K8sObject[], object]>([
    ['a ready pod is an address', [pod('a')], { addresses: ['172.17.125.8'] }],
    ['a not-ready pod is a notReadyAddress', [pod('a', { ready: false })], { notReadyAddresses: ['172.17.125.8'] }],
    ['a terminating pod is left out', [pod('a', { deleting: true })], {}],
    ['a pod without IP is left out', [pod('a', { ip: '' })], {}],
    ['terminal pods are left out', [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Failed', ip: '172.17.125.9' })], {}],
    ['other namespaces and labels are left out', [pod('a', { ns: 'other' }), pod('b', { labels: { app: 'db' }, ip: '172.17.125.9' })], {}],
    ['mixed readiness shares one subset', [pod('a'), pod('b', { ip: '172.17.125.9', ready: false })], { addresses: ['172.17.125.8'], notReadyAddresses: ['172.17.125.9'] }],
  ])('%s', (_n, pods, want) => {
    const subsets = computeSubsets(web(), pods);
    const got: Record<string, string[]> = {};
    for (const s of subsets) {
      if (s.addresses) got.addresses = s.addresses.map((a) => a.ip);
      if (s.notReadyAddresses) got.notReadyAddresses = s.notReadyAddresses.map((a) => a.ip);
    }
    expect(got).toEqual(want);
  });

  test('publishNotReadyAddresses: not-ready and terminating pods are addresses', () => {
    const subsets = computeSubsets(web({ publishNotReadyAddresses: true }), [pod('a', { ready: false }), pod('b', { ip: '172.17.125.9', deleting: true })]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses?.map((a) => a.ip)).toEqual(['172.17.125.8', '172.17.125.9']);
    expect(subsets[0].notReadyAddresses).toBeUndefined();
  });

  test('addresses sort by IP bytes (172.17.125.11 before 172.17.125.6)', () => {
    const subsets = computeSubsets(web(), [pod('a', { ip: '172.17.125.6' }), pod('b', { ip: '172.17.125.11' }), pod('c', { ip: '172.17.125.100' })]);
    expect(subsets[0].addresses?.map((a) => a.ip)).toEqual(['172.17.125.100', '172.17.125.11', '172.17.125.6']);
  });

  test('a named targetPort resolves per pod: different container ports make different subsets', () => {
    const subsets = computeSubsets(web(), [pod('a'), pod('b', { ip: '172.17.125.9', ports: [{ name: 'http', containerPort: 8080 }] }), pod('c', { ip: '172.17.125.10', ports: [{ name: 'other', containerPort: 80 }] })]);
    expect(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)])).toEqual(
      expect.arrayContaining([[['172.17.125.8'], [80]], [['172.17.125.9'], [8080]]]),
    );
    expect(subsets).toHaveLength(2);
  });

  test('kube-dns: ports ordered as real controllers write them (md5 of the spew dump)', () => {
    const dns = makeService('kube-system', 'kube-dns', { clusterIP: '10.103.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }] });
    const ports = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }];
    const pods = [pod('c1', { ns: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.0.2', ports }), pod('c2', { ns: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.0.3', ports })];
    expect(computeSubsets(dns, pods)[0].ports?.map((p) => p.name)).toEqual(['dns-tcp', 'dns', 'metrics']);
  });

  test('hostname is set when the pod names the Service as its subdomain', () => {
    const subsets = computeSubsets(web({ clusterIP: 'None' }), [pod('a', { hostname: 'web-0', subdomain: 'web' })]);
    expect(subsets[0].addresses?.[0]).toMatchObject({ ip: '172.17.125.8', hostname: 'web-0', nodeName: 'k8s-node01', targetRef: { kind: 'Pod', name: 'a', uid: 'uid-a' } });
  });

  test('findPort: numbers, names with protocol, restartable init containers', () => {
    const p = pod('a', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] });
    expect(findPort(p, { targetPort: 8080 })).toBe(8080);
    expect(findPort(p, { targetPort: 'dns', protocol: 'UDP' })).toBe(53);
    expect(findPort(p, { targetPort: 'dns', protocol: 'TCP' })).toBeUndefined();
    expect(findPort(p, { port: 81 })).toBe(81);
  });
});

describe('Endpoints object and the no-op check', () => {
  test('create: name, labels, trigger time annotation, subsets JSON', () => {
    const s = syncEndpoints(web(), [pod('a')], undefined, '2022-12-08T11:35:10Z');
    expect(s.action).toBe('create');
    expect(s.desired).toEqual({
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2022-12-08T11:35:10Z' } },
      subsets: [{ addresses: [{ ip: '172.17.125.8', nodeName: 'k8s-node01', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
    });
  });

  test('unchanged subsets and labels: no update; a readiness flip: update', () => {
    const first = syncEndpoints(web(), [pod('a')], undefined, undefined).desired as K8sObject;
    const stored = { ...first, metadata: { ...first.metadata, uid: 'u', resourceVersion: '5' } };
    expect(syncEndpoints(web(), [pod('a')], stored, '2022-12-08T11:36:00Z').action).toBe('none');
    const flipped = syncEndpoints(web(), [pod('a', { ready: false })], stored, '2022-12-08T11:36:00Z');
    expect(flipped.action).toBe('update');
    expect(flipped.desired?.metadata.uid).toBe('u');
    expect(flipped.desired?.subsets).toEqual([{ notReadyAddresses: [expect.objectContaining({ ip: '172.17.125.8' })], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }]);
    expect(endpointsNeedUpdate(stored, stored.subsets, { app: 'other' })).toBe(true);
  });

  test('no matching pods: no subsets; headless gets the headless label; unmanaged without selector', () => {
    const e = syncEndpoints(web({ clusterIP: 'None' }), [], undefined, undefined).desired as K8sObject;
    expect(e.subsets).toBeUndefined();
    expect(e.metadata.labels).toEqual({ app: 'web', 'service.kubernetes.io/headless': '' });
    const noSel = makeService('default', 'ext', { clusterIP: '10.103.1.3', ports: [{ port: 80 }] });
    expect(syncEndpoints(noSel, [pod('a')], undefined, undefined).action).toBe('unmanaged');
  });

  test('over 1000 addresses: truncated and annotated', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, { ip: `10.${i >> 8}.${i & 255}.1` }));
    const e = syncEndpoints(web(), pods, undefined, undefined).desired as K8sObject;
    expect(e.subsets[0].addresses).toHaveLength(1000);
    expect(e.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
  });
});

describe('TriggerTimeTracker', () => {
  test('first sync: the Service creation time; then the earliest changed pod Ready transition; else cleared', () => {
    const t = new TriggerTimeTracker();
    const svc = web();
    expect(t.compute(svc, [pod('a', { readyAt: '2022-12-08T11:35:10Z' })])).toBe('2022-12-08T11:35:00Z');
    expect(t.compute(svc, [pod('a', { readyAt: '2022-12-08T11:35:10Z' })])).toBeUndefined();
    expect(t.compute(svc, [pod('a', { readyAt: '2022-12-08T11:36:20Z' }), pod('b', { readyAt: '2022-12-08T11:36:05Z' })])).toBe('2022-12-08T11:36:05Z');
  });
});
