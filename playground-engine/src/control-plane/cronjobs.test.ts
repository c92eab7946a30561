import { describe, expect, test } from 'vitest';
import { runCommands, simulate } from '../index';
import type { K8sObject } from '../types';
import { nextAfter, parseSchedule, type Schedule } from './cron';
import { EPOCH_UNIX_MS } from '../sim/time';

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

const cronJob = (schedule: string, extra = '', command = 'echo hi') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "${schedule}"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            command: ["sh", "-c", "${command}"]
          restartPolicy: OnFailure
`;

const iso = (unixMs: number | undefined) => (unixMs === undefined ? 'none' : new Date(unixMs).toISOString());
const next = (spec: string, fromIso: string) => iso(nextAfter(parseSchedule(spec) as Schedule, Date.parse(fromIso)));

describe('cron schedules (robfig/cron ParseStandard)', () => {
  test('fields, steps, ranges, names and descriptors give the next activation in UTC', () => {
    expect(next('* * * * *', '2022-12-08T11:35:00Z')).toBe('2022-12-08T11:36:00.000Z');
    expect(next('*/5 * * * *', '2022-12-08T11:35:00Z')).toBe('2022-12-08T11:40:00.000Z');
    expect(next('0 9-17 * * MON-FRI', '2022-12-09T17:30:00Z')).toBe('2022-12-12T09:00:00.000Z');
    expect(next('@hourly', '2022-12-08T11:35:00Z')).toBe('2022-12-08T12:00:00.000Z');
    expect(next('@monthly', '2022-12-08T11:35:00Z')).toBe('2023-01-01T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2022-12-08T11:35:00Z')).toBe('2024-02-29T00:00:00.000Z');
    // day of month OR day of week when both are restricted
    expect(next('0 0 13 * FRI', '2022-12-08T11:35:00Z')).toBe('2022-12-09T00:00:00.000Z');
    expect(next('@every 90s', '2022-12-08T11:35:00Z')).toBe('2022-12-08T11:36:30.000Z');
  });

  test('errors keep the parser\'s words', () => {
    expect(parseSchedule('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(parseSchedule('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(parseSchedule('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(parseSchedule('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(parseSchedule('@fortnightly')).toBe('unrecognized descriptor: @fortnightly');
    expect(parseSchedule('*/0 * * * *')).toBe('step of range should be a positive number: */0');
  });
});

describe('CronJob controller', () => {
  test('creates a Job per minute named after the scheduled minute, and keeps three successful Jobs', () => {
    const r = simulate(cronJob('* * * * *'), { untilMs: 300_000 });
    expect(r.accepted).toBe(true);
    const jobs = finalObjects(r.trace as never, 'Job').map((j) => j.metadata.name);
    const first = Math.floor((EPOCH_UNIX_MS + 60_000) / 60_000);
    expect(jobs).toEqual([first + 1, first + 2, first + 3].map((m) => `hello-${m}`));
    const events = finalObjects(r.trace as never, 'Event').filter((e) => e.involvedObject.kind === 'CronJob');
    const msgs = events.map((e) => `${e.reason} ${e.message}`);
    expect(msgs).toContain(`SuccessfulCreate Created job hello-${first}`);
    expect(msgs).toContain(`SawCompletedJob Saw completed job: hello-${first}, status: Complete`);
    expect(msgs).toContain(`SuccessfulDelete Deleted job hello-${first}`);
    const jobCreated = finalObjects(r.trace as never, 'Job')[0];
    expect(jobCreated.metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', controller: true });
    const [cj] = finalObjects(r.trace as never, 'CronJob');
    expect(cj.status.lastScheduleTime).toBe('2022-12-08T11:39:00Z');
  });

  test('Forbid skips a schedule while the previous Job runs', () => {
    const r = simulate(cronJob('* * * * *', '  concurrencyPolicy: Forbid\n', 'sleep 90'), { untilMs: 150_000 });
    const jobs = finalObjects(r.trace as never, 'Job');
    expect(jobs).toHaveLength(1);
    const events = finalObjects(r.trace as never, 'Event').filter((e) => e.reason === 'JobAlreadyActive');
    expect(events[0]?.message).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  test('Replace deletes the running Job and starts the next', () => {
    const r = simulate(cronJob('* * * * *', '  concurrencyPolicy: Replace\n', 'sleep 90'), { untilMs: 150_000 });
    const first = Math.floor((EPOCH_UNIX_MS + 60_000) / 60_000);
    expect(finalObjects(r.trace as never, 'Job').map((j) => j.metadata.name)).toEqual([`hello-${first + 1}`]);
  });

  test('a bad schedule is rejected by the API server', () => {
    const r = simulate(cronJob('61 * * * *'));
    expect(r.accepted).toBe(false);
    expect(r.rejection).toContain('The CronJob "hello" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
  });

  test('kubectl get cronjobs and describe cronjob', () => {
    // 19:35:00 +0800 is 11:35 UTC: the first even minute is 11:36 (t = 60 s), the next 11:38
    const out = runCommands(cronJob('*/2 * * * *'), [
      { atMs: 30_000, line: 'kubectl get cronjobs' },
      { atMs: 150_000, line: 'kubectl get cj' },
      { atMs: 150_000, line: 'kubectl describe cronjob hello' },
    ]);
    expect(out[0].stdout).toBe('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */2 * * * *   <none>     False     0        <none>          30s\n');
    expect(out[1].stdout).toBe('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */2 * * * *   <none>     False     0        90s             2m30s\n');
    const d = out[2].stdout;
    expect(d).toContain('Schedule:                      */2 * * * *\n');
    expect(d).toContain('Concurrency Policy:            Allow\n');
    expect(d).toContain('Successful Job History Limit:  3\n');
    expect(d).toContain('Last Schedule Time:  Thu, 08 Dec 2022 19:36:00 +0800\n');
    expect(d).toContain('Active Jobs:         <none>\n');
    expect(d).toMatch(/Normal {2}SuccessfulCreate {2}\S+ +cronjob-controller {2}Created job hello-\d+\n/);
  });
});
