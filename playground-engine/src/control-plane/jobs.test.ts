import { describe, expect, test } from 'vitest';
import { runCommands, simulate } from '../index';
import type { K8sObject } from '../types';
import { podFailureBackoff } from './jobs';

function finalObjects(trace: { revisions: Array<{ type: string; object: K8sObject }> }, kind: string): K8sObject[] {
  const last = new Map<string, K8sObject>();
  for (const r of trace.revisions) {
    if (r.object.kind !== kind) continue;
    const key = `${r.object.metadata.namespace}/${r.object.metadata.name}`;
    if (r.type === 'DELETED') last.delete(key);
    else last.set(key, r.object);
  }
  return [...last.values()];
}

const job = (name: string, spec: string, command: string, restartPolicy = 'Never') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}  template:
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh", "-c", "${command}"]
      restartPolicy: ${restartPolicy}
`;

describe('Job controller', () => {
  test('a Job runs one pod to completion: labels, owner, events, status', () => {
    const r = simulate(job('pi', '', 'echo hi; sleep 3'), { untilMs: 30_000 });
    expect(r.accepted).toBe(true);
    const [j] = finalObjects(r.trace as never, 'Job');
    const uid = j.metadata.uid;
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(j.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(['Complete=True']);
    const pods = finalObjects(r.trace as never, 'Pod').filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods[0].metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
    expect(pods[0].metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);
    expect(pods[0].status.phase).toBe('Succeeded');
    const events = finalObjects(r.trace as never, 'Event').filter((e) => e.involvedObject.kind === 'Job');
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message} ${e.source?.component}`)).toEqual([
      `Normal SuccessfulCreate Created pod: ${pods[0].metadata.name} job-controller`,
      'Normal Completed Job completed job-controller',
    ]);
  });

  test('completions and parallelism: two pods at a time until four succeed', () => {
    const r = simulate(job('par', '  completions: 4\n  parallelism: 2\n', 'sleep 2'), { untilMs: 60_000 });
    const pods = finalObjects(r.trace as never, 'Pod').filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(4);
    const starts = pods.map((p) => p.metadata.creationTimestamp).sort();
    expect(starts[0]).toBe(starts[1]);
    expect(starts[2] > starts[1]).toBe(true);
    const [j] = finalObjects(r.trace as never, 'Job');
    expect(j.status.succeeded).toBe(4);
  });

  test('failed pods back off 10 s, 20 s … and the Job fails past backoffLimit', () => {
    const r = simulate(job('fail', '  backoffLimit: 2\n', 'exit 1'), { untilMs: 120_000 });
    const pods = finalObjects(r.trace as never, 'Pod').filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status.phase === 'Failed')).toBe(true);
    const created = pods.map((p) => Date.parse(p.metadata.creationTimestamp ?? '')).sort((a, b) => a - b);
    const gaps = [created[1] - created[0], created[2] - created[1]];
    // each replacement waits the back-off after the previous pod's failure (~1 s after its creation)
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
    expect(gaps[0]).toBeLessThan(13_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
    expect(gaps[1]).toBeLessThan(23_000);
    const [j] = finalObjects(r.trace as never, 'Job');
    expect(j.status.failed).toBe(3);
    expect(j.status.conditions[0]).toMatchObject({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    const events = finalObjects(r.trace as never, 'Event').filter((e) => e.reason === 'BackoffLimitExceeded');
    expect(events.map((e) => `${e.type} ${e.message}`)).toEqual(['Warning Job has reached the specified backoff limit']);
  });

  test('the pod-failure back-off doubles from 10 s and is capped at 10 min', () => {
    expect([0, 1, 2, 3, 6, 7, 10].map(podFailureBackoff)).toEqual([0, 10_000, 20_000, 40_000, 320_000, 600_000, 600_000]);
  });

  test('activeDeadlineSeconds fails a running Job with DeadlineExceeded', () => {
    const r = simulate(job('slow', '  activeDeadlineSeconds: 5\n', 'sleep 100'), { untilMs: 60_000 });
    const [j] = finalObjects(r.trace as never, 'Job');
    expect(j.status.conditions[0]).toMatchObject({ type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
  });

  test('kubectl get jobs: NAME STATUS COMPLETIONS DURATION AGE', () => {
    const out = runCommands(job('pi', '', 'sleep 3'), [
      { atMs: 2_000, line: 'kubectl get jobs' },
      { atMs: 30_000, line: 'kubectl get job pi' },
      { atMs: 30_000, line: 'kubectl get jobs -o wide' },
    ]);
    expect(out[0].stdout).toBe('NAME   STATUS    COMPLETIONS   DURATION   AGE\npi     Running   0/1           2s         2s\n');
    expect(out[1].stdout).toMatch(/^NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1\/1           \ds         30s\n$/);
    expect(out[2].stdout.split('\n')[0]).toBe('NAME   STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES         SELECTOR');
    expect(out[2].stdout).toContain('batch.kubernetes.io/controller-uid=');
  });

  test('a Job template restarting Always is rejected in the API server\'s words', () => {
    const r = simulate(job('bad', '', 'true', 'Always'));
    expect(r.accepted).toBe(false);
    expect(r.rejection).toContain('The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  test('deleting the Job deletes its pods', () => {
    const out = runCommands(job('pi', '', 'sleep 100'), [
      { atMs: 5_000, line: 'kubectl delete job pi' },
      { atMs: 60_000, line: 'kubectl get pods' },
    ]);
    expect(out[0].stdout).toBe('job.batch "pi" deleted\n');
    expect(out[1].stderr).toBe('No resources found in default namespace.\n');
  });

  test('kubectl describe job: the counts, times and pod statuses of describeJob', () => {
    const [out] = runCommands(job('pi', '  backoffLimit: 4\n', 'sleep 3'), [{ atMs: 30_000, line: 'kubectl describe job pi' }]);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Name:             pi', 'Namespace:        default', expect.stringMatching(/^Selector: {9}batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}$/)]);
    expect(lines.slice(8)).toEqual(expect.arrayContaining([
      'Parallelism:      1',
      'Completions:      1',
      'Completion Mode:  NonIndexed',
      'Suspend:          false',
      'Backoff Limit:    4',
      'Start Time:       Thu, 08 Dec 2022 19:35:00 +0800',
      'Duration:         5s',
      'Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed',
      'Pod Template:',
    ]));
    expect(out.stdout).toMatch(/Events:\n {2}Type {4}Reason {12}Age {3}From {12}Message\n/);
    expect(out.stdout).toMatch(/ {2}Normal {2}Completed {9}25s {3}job-controller {2}Job completed\n$/);
  });

  test('ttlSecondsAfterFinished: the finished Job and its pods are deleted that long after', () => {
    const out = runCommands(job('pi', '  ttlSecondsAfterFinished: 10\n', 'sleep 3'), [
      { atMs: 12_000, line: 'kubectl get jobs' },
      { atMs: 20_000, line: 'kubectl get jobs' },
      { atMs: 20_000, line: 'kubectl get pods' },
    ]);
    expect(out[0].stdout).toMatch(/^NAME   STATUS     COMPLETIONS/);
    expect(out[1].stderr).toBe('No resources found in default namespace.\n');
    expect(out[2].stderr).toBe('No resources found in default namespace.\n');
  });
});
