/**
 * The notes' add-ons are owned by real objects (issue 9): the Deployments coredns,
 * calico-kube-controllers, calico-typha, metrics-server, kubernetes-dashboard and
 * dashboard-metrics-scraper with their ReplicaSets, and the calico-node DaemonSet, seeded in the
 * steady state their controllers keep. The engine's controllers sync them once at start (their
 * informers' initial list) and must find nothing to do over any of the notes' runs: no system
 * object is written after t = 0 and no event names one.
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { simulate, runCommands } from '../index';

const MANIFESTS = new URL('../../../content/manifests/', import.meta.url);
const SYSTEM_NS = new Set(['kube-system', 'kubernetes-dashboard', 'kube-node-lease', 'kube-public']);

describe('the system workloads stay as seeded', () => {
  const files = readdirSync(MANIFESTS).filter((f) => f.endsWith('.yaml')).sort();

  test.each(files)('%s: no system object changes, no system events', (file) => {
    const text = readFileSync(new URL(file, MANIFESTS), 'utf8');
    const r = simulate(text, { fileName: file, untilMs: 300_000 });
    const initial = new Map<string, string>();
    const changed: string[] = [];
    for (const rev of r.trace.revisions) {
      const o = rev.object;
      const ns = o.metadata.namespace ?? '';
      if (o.kind === 'Event') {
        const inv = (o as { involvedObject?: { namespace?: string; kind?: string; name?: string } }).involvedObject;
        if (SYSTEM_NS.has(ns) || SYSTEM_NS.has(inv?.namespace ?? '')) changed.push(`event ${inv?.kind}/${inv?.name}: ${(o as { message?: string }).message}`);
        continue;
      }
      if (!SYSTEM_NS.has(ns)) continue;
      const key = `${o.kind}/${ns}/${o.metadata.name}`;
      if (rev.type === 'ADDED' && rev.t === 0 && !initial.has(key)) initial.set(key, o.metadata.resourceVersion ?? '');
      else changed.push(`${rev.type} ${key} at ${rev.t} ms`);
    }
    expect(changed).toEqual([]);
    for (const k of ['Deployment/kube-system/coredns', 'DaemonSet/kube-system/calico-node', 'Deployment/kubernetes-dashboard/kubernetes-dashboard']) expect(initial.has(k), k).toBe(true);
  }, 60_000);

  test('the pods name their owners, which exist and select them', () => {
    const [rs, ds, pods, rollout, describeRs] = runCommands('', [
      { atMs: 1_000, line: 'kubectl get rs -A -o json' },
      { atMs: 1_000, line: 'kubectl get ds -A -o json' },
      { atMs: 1_000, line: 'kubectl get pods -A -o json' },
      { atMs: 1_000, line: 'kubectl rollout status deploy/coredns -n kube-system' },
      { atMs: 1_000, line: 'kubectl get deploy,rs,ds -A' },
    ]);
    const owners = new Map<string, { metadata: { uid: string; name: string; namespace: string } }>();
    for (const o of [...JSON.parse(rs.stdout).items, ...JSON.parse(ds.stdout).items]) owners.set(o.metadata.uid, o);
    const orphans: string[] = [];
    for (const p of JSON.parse(pods.stdout).items) {
      const ref = (p.metadata.ownerReferences ?? []).find((x: { controller?: boolean }) => x.controller);
      if (!ref || ref.kind === 'Node') continue;
      const owner = owners.get(ref.uid);
      if (!owner || owner.metadata.name !== ref.name || owner.metadata.namespace !== p.metadata.namespace) orphans.push(p.metadata.name);
    }
    expect(orphans).toEqual([]);
    expect(rollout.stdout).toBe('deployment "coredns" successfully rolled out\n');
    expect(describeRs.stdout).toContain('replicaset.apps/metrics-server-6c48d8f6d6');
    expect(describeRs.stdout).not.toContain('kube-proxy');
  });

  test('deleting a CoreDNS pod: its ReplicaSet creates a replacement, the Deployment goes on', () => {
    const [, after] = runCommands('', [
      { atMs: 1_000, line: 'kubectl delete pod -n kube-system -l k8s-app=kube-dns --wait=false' },
      { atMs: 60_000, line: 'kubectl get rs -n kube-system -l k8s-app=kube-dns' },
    ]);
    expect(after.stdout).toMatch(/^coredns-\w+ +2 +2 +\d +\S+\n/m);
  });
});
