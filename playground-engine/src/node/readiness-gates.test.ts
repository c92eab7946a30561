/**
 * Pod readiness gates (GeneratePodReadyCondition): with the containers ready, a gate whose
 * condition is missing or not True keeps the pod's Ready condition False, so the pod is left out
 * of the Service's ready endpoints; `-o wide` counts the gates that are True.
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../index';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: gated
  labels: {app: gated}
spec:
  readinessGates:
  - conditionType: "www.example.com/feature-1"
  containers:
  - name: web
    image: nginx:1.23
---
apiVersion: v1
kind: Service
metadata:
  name: gated
spec:
  selector: {app: gated}
  ports:
  - port: 80
`;

describe('readiness gates', () => {
  const [wide, json, eps] = runCommands(MANIFEST, [
    { atMs: 20_000, line: 'kubectl get pod gated -o wide' },
    { atMs: 20_000, line: 'kubectl get pod gated -o json' },
    { atMs: 20_000, line: 'kubectl get endpoints gated -o json' },
  ]);
  it('READINESS GATES shows 0/1 while the containers are ready', () => {
    expect(wide.stdout.split('\n')[1]).toMatch(/^gated\s+1\/1\s+Running\s+0\s+20s\s+\S+\s+k8s-node01\s+<none>\s+0\/1$/);
  });
  it('the Ready condition is False with the kubelet\'s reason and message', () => {
    const conds = JSON.parse(json.stdout).status.conditions;
    const ready = conds.find((c: { type: string }) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "www.example.com/feature-1" does not exist.' });
    expect(conds.find((c: { type: string }) => c.type === 'ContainersReady').status).toBe('True');
  });
  it('the endpoint is not ready', () => {
    const subsets = JSON.parse(eps.stdout).subsets;
    expect(subsets[0].addresses).toBeUndefined();
    expect(subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip)).toHaveLength(1);
  });
});
