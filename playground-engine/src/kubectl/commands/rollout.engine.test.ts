/**
 * rollout undo / pause against the simulated controllers: a rollback brings the old
 * ReplicaSet back under the next revision; a paused Deployment does not roll out.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.23
`;

describe('rollout in the simulated cluster', () => {
  it('undo after set image: revisions 2 and 3, the first ReplicaSet back at full size', () => {
    const run = simulateSources([{ fileName: 'web.yaml', text: DEPLOY }], { untilMs: 20_000 });
    const out = runCommandsOn(run, [
      { atMs: 20_000, line: 'kubectl set image deploy/web nginx=nginx:1.23.2-alpine' },
      { atMs: 40_000, line: 'kubectl rollout undo deploy/web' },
      { atMs: 60_000, line: 'kubectl rollout history deploy/web' },
      { atMs: 60_001, line: "kubectl get rs -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image} {.spec.replicas}{\"\\n\"}{end}'" },
    ]);
    expect(out[1].stdout).toBe('deployment.apps/web rolled back\n');
    expect(out[2].stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(out[3].stdout.split('\n').filter(Boolean).sort()).toEqual(['nginx:1.23 2', 'nginx:1.23.2-alpine 0']);
  });

  it('a paused Deployment keeps its ReplicaSet until resumed', () => {
    const run = simulateSources([{ fileName: 'web.yaml', text: DEPLOY }], { untilMs: 20_000 });
    const out = runCommandsOn(run, [
      { atMs: 20_000, line: 'kubectl rollout pause deploy/web' },
      { atMs: 20_001, line: 'kubectl set image deploy/web nginx=nginx:1.23.2-alpine' },
      { atMs: 30_000, line: 'kubectl get rs -o name' },
      { atMs: 30_001, line: 'kubectl rollout resume deploy/web' },
      { atMs: 40_000, line: 'kubectl get rs -o name' },
    ]);
    expect(out[0].stdout).toBe('deployment.apps/web paused\n');
    expect(out[2].stdout.trim().split('\n')).toHaveLength(1);
    expect(out[3].stdout).toBe('deployment.apps/web resumed\n');
    expect(out[4].stdout.trim().split('\n')).toHaveLength(2);
  });
});
