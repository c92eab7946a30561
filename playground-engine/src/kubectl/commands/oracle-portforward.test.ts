/**
 * The oracle for `kubectl port-forward`'s own checks: the engine's objects are served to the REAL
 * kubectl v1.30 by the team's fake API server (kubectl-oracle/fakeapi.py), and every case that
 * kubectl decides before it upgrades the connection (usage, the object and its pod, the ports, the
 * addresses, the pod's phase) must print the same bytes as the engine. The forwarding itself needs
 * the kubelet's streaming protocol, which the fake server does not speak (portforward.test.ts
 * covers it). Runs only where the real binary and the tool are present (as oracle.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommands } from '../../index';
import { rfc3339 } from '../../sim/time';
import { FAKEAPI, ORACLE_ENABLED as enabled, Oracle } from '../../../test-support/kubectl-oracle';

const oracle = new Oracle(20000 + (process.pid % 1000));

const FILES = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels: {app: nginx}
spec:
  containers:
  - name: nginx
    image: nginx:1.23
    ports:
    - {name: http, containerPort: 80}
    - {name: dns, containerPort: 53, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: nginx}
  ports:
  - {name: web, port: 8000, targetPort: http}
  - {name: plain, port: 8001}
  - {name: named, port: 8002, targetPort: nope}
  - {name: udp, port: 53, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata:
  name: nosel
spec:
  ports:
  - {port: 80}
---
apiVersion: v1
kind: Pod
metadata:
  name: pending
spec:
  nodeSelector: {nope: nope}
  containers:
  - name: c
    image: nginx:1.23
`;

const CAPTURE: Array<[string, string]> = [
  ['v1/pods', 'pods -A'], ['v1/services', 'services -A'], ['v1/events', 'events -A'], ['v1/namespaces', 'namespaces'],
  ['v1/nodes', 'nodes'], ['apps/v1/deployments', 'deployments -A'], ['apps/v1/replicasets', 'replicasets -A'],
];

const CASES = [
  'port-forward',
  'port-forward nginx',
  'port-forward svc/web 9000',
  'port-forward svc/web 8000:nope',
  'port-forward svc/web 8002',
  'port-forward svc/web 53',
  'port-forward svc/nosel 80',
  'port-forward nginx 53',
  'port-forward nginx 80:x',
  'port-forward nginx 80:',
  'port-forward nginx x:80',
  'port-forward nginx 0',
  'port-forward nginx 70000',
  'port-forward nginx 80 --address foo',
  'port-forward pending 80',
  'port-forward deploy/x 1',
  'port-forward -n kube-system pod/nginx 80',
  'port-forward nginx 8080 --pod-running-timeout=0s',
  'port-forward nginx 8080 --pod-running-timeout=x',
];

describe.skipIf(!enabled)('kubectl port-forward\'s checks print as the real kubectl v1.30 (oracle)', () => {
  beforeAll(() => oracle.start([FAKEAPI, String(oracle.port)]), 20_000);
  afterAll(() => oracle.stop());

  it('usage, objects, ports, addresses, the pod\'s phase', async () => {
    const atMs = 30_000;
    const lines = [...CAPTURE.map(([, r]) => `kubectl get ${r} -o json`), ...CASES.map((c) => `kubectl ${c}`)];
    const outs = runCommands(FILES, lines.map((line) => ({ atMs, line })));
    const objects: Record<string, unknown[]> = {};
    CAPTURE.forEach(([key], i) => {
      const o = outs[i].stdout.trim();
      objects[key] = o ? (JSON.parse(o) as { items: unknown[] }).items : [];
    });
    await oracle.post('/__oracle/state', { objects, virtualNow: rfc3339(atMs), mode: 'noshift' });
    // the server answers (not an empty comparison)
    expect(oracle.run(['port-forward', 'nginx', '80:x'])).toBe("error: Pod 'nginx' does not have a named port 'x'\n");
    CASES.forEach((c, j) => {
      const o = outs[CAPTURE.length + j];
      expect.soft(o.stdout + o.stderr, `kubectl ${c}`).toBe(oracle.run(c.split(' ')));
    });
  }, 120_000);
});
