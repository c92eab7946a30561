/**
 * Mirror pods (the control plane's static pods as the API shows them): deleting one through the
 * API leaves the static pod running; the kubelet deletes the mirror at once and creates a new one
 * (kubelet.go syncPod, mirror_client.go), whose status the status manager writes at its next sync.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../engine';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n';
const POD = 'kube-apiserver-k8s-master01';

describe('deleting a mirror pod', () => {
  const run = simulateSources([{ fileName: 'ns.yaml', text: NS }], { untilMs: 5_000 });
  const uid = `kubectl get po -n kube-system ${POD} -o jsonpath={.metadata.uid}/{.metadata.creationTimestamp}/{.status.containerStatuses[0].containerID}/{.status.startTime}`;
  const [before, ps0, del, right, later, after, events, ps1, journal] = runCommandsOn(run, [
    { atMs: 5_000, line: uid },
    { atMs: 5_000, line: 'ps -ef | grep "[k]ube-apiserver --advertise"' },
    { atMs: 6_000, line: `kubectl delete pod ${POD} -n kube-system` },
    { atMs: 6_500, line: `kubectl get po -n kube-system ${POD}` },
    { atMs: 20_000, line: `kubectl get po -n kube-system ${POD}` },
    { atMs: 20_000, line: uid },
    { atMs: 20_000, line: 'kubectl get events -n kube-system' },
    { atMs: 20_000, line: 'ps -ef | grep "[k]ube-apiserver --advertise"' },
    { atMs: 20_000, line: "journalctl -u kubelet --no-pager | grep 19:35:06 | sed 's/.*\\] //'" },
  ]);

  it('kubectl delete returns at once: the kubelet removed the mirror pod (grace 0, UID precondition)', () => {
    expect(del.stdout).toBe(`pod "${POD}" deleted\n`);
    const log = run.sim.trace.components.filter((c) => c.component === 'kubelet/k8s-master01').map((c) => c.message);
    expect(log).toContain(`"Deleted mirror pod because it is outdated" pod="kube-system/${POD}"`);
  });

  it('a new mirror pod: new UID and creationTimestamp (AGE restarts), the same container and start time', () => {
    const [uid0, created0, cid0, start0] = before.stdout.split('/');
    const [uid1, created1, cid1, start1] = after.stdout.split('/');
    expect(uid1).not.toBe(uid0);
    expect(created1).toBe('2022-12-08T11:35:06Z');
    expect(created0).not.toBe(created1);
    expect(cid1).toBe(cid0);
    expect(start1).toBe(start0);
    // created without a status; the status manager writes the static pod's at its next sync
    expect(right.stdout).toMatch(new RegExp(`^NAME +READY +STATUS +RESTARTS +AGE\n${POD} +0/1 +Pending +0 +0s\n$`));
    expect(later.stdout).toMatch(new RegExp(`\n${POD} +1/1 +Running +0 +14s\n$`));
  });

  it("the kubelet's journal: DELETE, the mirror pod replaced, REMOVE, ADD; no container event", () => {
    const uid0 = before.stdout.split('/')[0];
    expect(journal.stdout).toBe([
      `"SyncLoop DELETE" source="api" pods=["kube-system/${POD}"]`,
      `"Trying to delete pod" pod="kube-system/${POD}" podUID="${uid0}"`,
      `"Deleted mirror pod because it is outdated" pod="kube-system/${POD}"`,
      `"SyncLoop REMOVE" source="api" pods=["kube-system/${POD}"]`,
      `"SyncLoop ADD" source="api" pods=["kube-system/${POD}"]`,
      '',
    ].join('\n'));
  });

  it('the static pod keeps running: no events, the same process', () => {
    expect(events.stdout + events.stderr).toBe('No resources found in kube-system namespace.\n');
    expect(ps1.stdout).toBe(ps0.stdout);
    expect(ps0.stdout).toMatch(/^root +\d+ +\d+ .* kube-apiserver --advertise-address=192\.168\.200\.61 /);
  });
});

describe('force-deleting a mirror pod', () => {
  it('the object is gone at once; the kubelet creates a new mirror pod, the static pod still runs', () => {
    const run = simulateSources([{ fileName: 'ns.yaml', text: NS }], { untilMs: 5_000 });
    const [del, after, journal] = runCommandsOn(run, [
      { atMs: 6_000, line: `kubectl delete pod etcd-k8s-master02 -n kube-system --grace-period=0 --force` },
      { atMs: 20_000, line: 'kubectl get po -n kube-system etcd-k8s-master02' },
      { atMs: 20_000, line: "ssh k8s-master02 journalctl -u kubelet --no-pager | grep 19:35:06 | sed 's/.*\\] //'" },
    ]);
    expect(del.stdout).toBe('pod "etcd-k8s-master02" force deleted\n');
    expect(after.stdout).toMatch(/\netcd-k8s-master02 +1\/1 +Running +0 +14s\n$/);
    expect(journal.stdout).toBe('"SyncLoop REMOVE" source="api" pods=["kube-system/etcd-k8s-master02"]\n"SyncLoop ADD" source="api" pods=["kube-system/etcd-k8s-master02"]\n');
  });
});
