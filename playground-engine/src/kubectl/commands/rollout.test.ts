/**
 * rollout history / undo / pause / resume over a Deployment with two ReplicaSets. History
 * texts are the real kubectl v1.30's for the same objects (kubectl-oracle fake API server).
 */
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../types';
import { FakeHost, kubectl } from '../testing/fake-host';

const NOW = 100_000_000;

function rs(hash: string, rev: number, image: string, cause?: string): K8sObject {
  const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': String(rev) };
  if (cause) annotations['kubernetes.io/change-cause'] = cause;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `web-${hash}`, namespace: 'default', uid: `rs${hash}`, annotations, labels: { app: 'web', 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }], creationTimestamp: '2022-12-08T11:35:00Z' },
    spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'nginx', image }] } } },
  } as unknown as K8sObject;
}

function cluster(): FakeHost {
  const h = new FakeHost(NOW);
  h.add({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd1', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' }, creationTimestamp: '2022-12-08T11:35:00Z' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.23' }] } } },
  } as unknown as K8sObject);
  h.add(rs('aaa', 1, 'nginx:1.22'));
  h.add(rs('bbb', 2, 'nginx:1.23', 'kubectl set image'));
  return h;
}

const TEMPLATE_1 =
  'Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=aaa\n  Containers:\n   nginx:\n    Image:\tnginx:1.22\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n';

describe('kubectl rollout history', () => {
  it('the revisions with their change causes', () => {
    expect(kubectl(cluster(), 'rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image\n\n');
  });
  it('--revision prints that revision\'s pod template', () => {
    expect(kubectl(cluster(), 'rollout history deployment web --revision=1').stdout).toBe(`deployment.apps/web with revision #1\n${TEMPLATE_1}\n`);
    expect(kubectl(cluster(), 'rollout history deployment web --revision=7').stderr).toBe('error: unable to find the specified revision\n');
  });
});

describe('kubectl rollout undo / pause / resume', () => {
  it('undo copies the previous revision\'s template without pod-template-hash', () => {
    const h = cluster();
    expect(kubectl(h, 'rollout undo deployment/web --dry-run=client').stdout).toBe(`deployment.apps/web ${TEMPLATE_1} (dry run)\n`);
    expect(kubectl(h, 'rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back\n');
    expect(h.get('Deployment', 'default', 'web')?.spec.template).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.22' }] } });
    expect(kubectl(h, 'rollout undo deployment/web --to-revision=1').stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 1)\n');
    expect(kubectl(h, 'rollout undo deployment/web --to-revision=9').stderr).toBe('error: unable to find specified revision 9 in history\n');
  });
  it('pause and resume, and undo refuses a paused deployment', () => {
    const h = cluster();
    expect(kubectl(h, 'rollout pause deployment/web').stdout).toBe('deployment.apps/web paused\n');
    expect(h.get('Deployment', 'default', 'web')?.spec.paused).toBe(true);
    expect(kubectl(h, 'rollout pause deployment/web').stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect(kubectl(h, 'rollout undo deployment/web').stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    expect(kubectl(h, 'rollout resume deployment/web').stdout).toBe('deployment.apps/web resumed\n');
    expect(kubectl(h, 'rollout resume deployment/web').stderr).toBe('error: deployments.apps "web" is not paused\n');
  });
});
