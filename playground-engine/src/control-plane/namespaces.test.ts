import { describe, expect, test } from 'vitest';
import { runCommands, simulate } from '../index';

const file = `apiVersion: v1
kind: Namespace
metadata:
  name: dev
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: dev
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
`;

describe('namespaces', () => {
  test('every namespace holds a default ServiceAccount and the kube-root-ca.crt ConfigMap (system and new ones)', () => {
    const [cms, sas, yaml] = runCommands(file, [
      { atMs: 5_000, line: 'kubectl get cm -A' },
      { atMs: 5_000, line: 'kubectl get sa -n dev' },
      { atMs: 5_000, line: 'kubectl get cm kube-root-ca.crt -n dev -o yaml' },
    ]);
    expect(cms.stdout).toBe(
      'NAMESPACE              NAME               DATA   AGE\n' +
      'default                kube-root-ca.crt   1      33h\n' +
      'dev                    kube-root-ca.crt   1      5s\n' +
      'kube-node-lease        kube-root-ca.crt   1      33h\n' +
      'kube-public            kube-root-ca.crt   1      33h\n' +
      'kube-system            kube-root-ca.crt   1      33h\n' +
      'kubernetes-dashboard   kube-root-ca.crt   1      32h\n',
    );
    expect(sas.stdout).toBe('NAME      SECRETS   AGE\ndefault   0         5s\n');
    expect(yaml.stdout).toContain('  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n');
    expect(yaml.stdout).toContain('    kubernetes.io/description: Contains a CA bundle that can be used to verify the\n      kube-apiserver when using internal endpoints');
  });

  test('a file creating a namespace and a pod in it is accepted without a false "not found"', () => {
    const r = simulate(file, { untilMs: 5_000 });
    expect(r.accepted).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.trace.steps[0].stderr).toBe('');
    expect(r.trace.steps[0].stdout).toBe('namespace/dev created\npod/p created\n');
  });

  test('a pod in a namespace that does not exist is refused with the API server\'s message', () => {
    const out = runCommands('', [
      { atMs: 1_000, line: 'kubectl run y --image=nginx:1.23 -n nope' },
      { atMs: 1_000, line: 'kubectl get pods -n nope' },
    ]);
    expect(out[0].stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
    expect(out[1].stderr).toBe('No resources found in nope namespace.\n');
  });

  test('kubectl delete ns: Terminating while its pods stop, new content refused, then gone', () => {
    const out = runCommands(file, [
      { atMs: 10_000, line: 'kubectl delete ns dev --wait=false' },
      { atMs: 11_000, line: 'kubectl get ns dev' },
      { atMs: 12_000, line: 'kubectl run z --image=nginx:1.23 -n dev' },
      { atMs: 13_000, line: 'kubectl get pods -n dev' },
      { atMs: 45_000, line: 'kubectl get ns dev' },
    ]);
    expect(out[0].stdout).toBe('namespace "dev" deleted\n');
    expect(out[1].stdout).toBe('NAME   STATUS        AGE\ndev    Terminating   11s\n');
    expect(out[2].stderr).toBe('Error from server (Forbidden): pods "z" is forbidden: unable to create new content in namespace dev because it is being terminated\n');
    expect(out[3].stdout).toBe('NAME   READY   STATUS        RESTARTS   AGE\np      1/1     Terminating   0          13s\n');
    // sleep ignores SIGTERM as PID 1: the pod goes after its 30 s grace period, the namespace with it
    expect(out[4].stderr).toBe('Error from server (NotFound): namespaces "dev" not found\n');
  });

  test('kubectl delete ns waits until the namespace is gone', () => {
    const out = runCommands(file, [
      { atMs: 10_000, line: 'kubectl delete ns dev' },
      { atMs: 10_000, line: 'kubectl get ns dev' },
    ]);
    expect(out[0].stdout).toBe('namespace "dev" deleted\n');
    expect(out[1].stderr).toBe('Error from server (NotFound): namespaces "dev" not found\n');
  });

  test('the immortal namespaces may not be deleted', () => {
    const out = runCommands('', [{ atMs: 1_000, line: 'kubectl delete ns kube-system' }]);
    expect(out[0].stderr).toBe('Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n');
  });
});
