import { describe, expect, test } from 'vitest';
import type { K8sObject } from '../types';
import { makeService } from '../network/objects';
import { reconcileEndpointSlices } from './endpoints-slices';

function pod(name: string, ip: string, o: { ready?: boolean; deleting?: boolean; node?: string; port?: number } = {}): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2022-12-08T11:40:00Z' } : {}) },
    spec: { nodeName: o.node ?? 'k8s-node01', containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: o.port ?? 80, protocol: 'TCP' }] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

const node = (name: string, zone?: string): K8sObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} } });
const NODES = [node('k8s-node01'), node('k8s-node02', 'zone-b')];
const web = makeService('default', 'web', { clusterIP: '10.103.1.2', uid: 'svc-uid', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], labels: { team: 'a' } });
let n = 0;
const suffix = () => ['7vzhx', 'b2k4p', 'q9xzt', 'rr2kd'][n++ % 4];

function reconcile(pods: K8sObject[], existing: K8sObject[] = [], max?: number) {
  n = 0;
  return reconcileEndpointSlices({ service: web, pods, nodes: NODES, existing, triggerTime: '2022-12-08T11:35:10Z', nameSuffix: suffix, maxEndpointsPerSlice: max });
}

describe('EndpointSlice controller', () => {
  test('a new slice: name, labels, owner, conditions, zone, ports', () => {
    const r = reconcile([pod('a', '172.17.125.8'), pod('b', '172.27.14.198', { node: 'k8s-node02', ready: false })]);
    expect(r.update).toEqual([]);
    expect(r.delete).toEqual([]);
    expect(r.create).toEqual([
      {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: {
          generateName: 'web-', name: 'web-7vzhx', namespace: 'default',
          labels: { team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
          annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2022-12-08T11:35:10Z' },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        endpoints: [
          { addresses: ['172.17.125.8'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' }, nodeName: 'k8s-node01' },
          { addresses: ['172.27.14.198'], conditions: { ready: false, serving: false, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' }, nodeName: 'k8s-node02', zone: 'zone-b' },
        ],
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  test.each([
    ['ready', {}, { ready: true, serving: true, terminating: false }],
    ['not ready', { ready: false }, { ready: false, serving: false, terminating: false }],
    ['terminating but still ready', { deleting: true }, { ready: false, serving: true, terminating: true }],
    ['terminating and not ready', { deleting: true, ready: false }, { ready: false, serving: false, terminating: true }],
  ])('conditions: %s', (_n, o, want) => {
    expect(reconcile([pod('a', '172.17.125.8', o)]).create[0].endpoints[0].conditions).toEqual(want);
  });

  test('no pods: one placeholder slice, kept (not recreated) on the next sync', () => {
    const r = reconcile([]);
    expect(r.create).toHaveLength(1);
    expect(r.create[0].endpoints).toBeNull();
    expect(r.create[0].ports).toBeNull();
    expect(reconcile([], r.create)).toEqual({ create: [], update: [], delete: [] });
  });

  test('updates in place: unchanged endpoints keep their position, new ones are appended', () => {
    const first = reconcile([pod('a', '172.17.125.8'), pod('b', '172.17.125.9')]).create;
    const r = reconcile([pod('c', '172.17.125.10'), pod('b', '172.17.125.9', { ready: false }), pod('a', '172.17.125.8')], first);
    expect(r.create).toEqual([]);
    expect(r.update).toHaveLength(1);
    expect(r.update[0].metadata.name).toBe('web-7vzhx');
    expect(r.update[0].endpoints.map((e: { addresses: string[] }) => e.addresses[0])).toEqual(['172.17.125.8', '172.17.125.9', '172.17.125.10']);
    expect(r.update[0].endpoints[1].conditions.ready).toBe(false);
  });

  test('nothing changed: nothing written', () => {
    const first = reconcile([pod('a', '172.17.125.8')]).create;
    expect(reconcile([pod('a', '172.17.125.8')], first)).toEqual({ create: [], update: [], delete: [] });
  });

  test('all endpoints gone: the slice becomes the placeholder (an update, not delete + create)', () => {
    const first = reconcile([pod('a', '172.17.125.8')]).create;
    const r = reconcile([], first);
    expect(r.create).toEqual([]);
    expect(r.delete).toEqual([]);
    expect(r.update).toHaveLength(1);
    expect(r.update[0]).toMatchObject({ metadata: { name: 'web-7vzhx' }, endpoints: null, ports: null });
  });

  test('at most maxEndpointsPerSlice per slice', () => {
    const pods = Array.from({ length: 5 }, (_, i) => pod(`p${i}`, `172.17.125.${10 + i}`));
    const r = reconcile(pods, [], 2);
    expect(r.create.map((s) => s.endpoints.length)).toEqual([2, 2, 1]);
    expect(r.create.map((s) => s.metadata.name)).toEqual(['web-7vzhx', 'web-b2k4p', 'web-q9xzt']);
  });

  test('pods serving different ports go to different slices', () => {
    const r = reconcile([pod('a', '172.17.125.8'), pod('b', '172.17.125.9', { port: 8080 })]);
    expect(r.create.map((s) => s.ports[0].port).sort()).toEqual([80, 8080]);
  });

  test('a pod on an unknown node is skipped', () => {
    const r = reconcile([pod('a', '172.17.125.8', { node: 'ghost' })]);
    expect(r.create[0].endpoints).toBeNull();
  });
});

describe('properties', () => {
  test('both controllers never throw on arbitrary pods and are deterministic', async () => {
    const fc = (await import('fast-check')).default;
    const { syncEndpoints } = await import('./endpoints');
    const arbPod = fc.record({
      name: fc.constantFrom('a', 'b', 'c', 'd'),
      ip: fc.constantFrom('172.17.125.8', '172.17.125.9', '', '10.0.0.1'),
      ready: fc.boolean(),
      deleting: fc.boolean(),
      node: fc.constantFrom('k8s-node01', 'k8s-node02', 'ghost'),
      port: fc.constantFrom(80, 8080),
      portName: fc.constantFrom('http', 'web'),
      app: fc.constantFrom('web', 'db'),
      phase: fc.constantFrom('Running', 'Pending', 'Failed'),
    });
    fc.assert(
      fc.property(fc.array(arbPod, { maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (specs, max) => {
        const pods = specs.map((s) => {
          const p = pod(s.name, s.ip, { ready: s.ready, deleting: s.deleting, node: s.node, port: s.port });
          p.metadata.labels = { app: s.app };
          p.spec.containers[0].ports[0].name = s.portName;
          p.status.phase = s.phase;
          if (!s.ip) delete p.status.podIP;
          return p;
        });
        const once = () => {
          const r1 = reconcile(pods, [], max);
          const again = reconcile(pods, r1.create, max);
          return JSON.stringify([syncEndpoints(web, pods, undefined, undefined), r1, again]);
        };
        const a = once();
        expect(once()).toBe(a);
        // A second reconcile over its own output only keeps what it wrote.
        expect(JSON.parse(a)[2].create).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
