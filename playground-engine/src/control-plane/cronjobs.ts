/**
 * The CronJob controller of kube-controller-manager (pkg/controller/cronjob/cronjob_controllerv2.go,
 * v1.30): at each schedule time (plus the controller's 100 ms nextScheduleDelta) it creates a Job
 * named `<cronjob>-<scheduled time in minutes since the Unix epoch>` from the jobTemplate, keeps
 * the `active` list and `lastScheduleTime`, honours `concurrencyPolicy` (Allow, Forbid, Replace),
 * `suspend` and `startingDeadlineSeconds`, and deletes finished Jobs past the history limits.
 * Schedules are read in UTC (cron.ts) unless `timeZone` is set; only UTC/Etc/UTC zones are known.
 */
import type { EventQueue, Timer } from '../sim/queue';
import type { Store } from '../store/store';
import type { EventRecorder } from '../store/events';
import { refTo } from '../store/events';
import type { K8sObject } from '../types';
import { clone } from '../store/store';
import { CLUSTER_TZ_OFFSET_MIN, EPOCH_UNIX_MS, parseTime, rfc1123z, rfc3339 } from '../sim/time';
import { nextAfter, parseSchedule } from './cron';
import { CONTROLLER_DELAY_MS } from './workloads';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** nextScheduleDelta: the controller wakes 100 ms after each schedule time. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export interface CronJobDeps {
  queue: EventQueue;
  store: Store;
  recorder: EventRecorder;
  /** Create a Job through the API server; returns the stored Job or the API server's error. */
  createJob(job: K8sObject): K8sObject | string;
  deleteJob(namespace: string, name: string): void;
  log(message: string): void;
}

const SRC = { component: 'cronjob-controller' };

const finishedType = (j: K8sObject): string | undefined =>
  (j.status?.conditions ?? []).find((c: Json) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;

/** Virtual ms ↔ Unix ms on the cluster's calendar. */
const toUnix = (v: number) => EPOCH_UNIX_MS + v;
const toVirtual = (u: number) => u - EPOCH_UNIX_MS;

export class CronJobController {
  private timers = new Map<string, Timer>();

  constructor(private d: CronJobDeps) {
    d.store.watch('CronJob', (type, cj) => {
      if (type !== 'DELETED') this.enqueue(cj.metadata.namespace ?? 'default', cj.metadata.name ?? '', CONTROLLER_DELAY_MS);
    });
    d.store.watch('Job', (_type, job) => {
      for (const o of job.metadata.ownerReferences ?? []) {
        if (o.kind === 'CronJob' && o.controller) this.enqueue(job.metadata.namespace ?? 'default', o.name, CONTROLLER_DELAY_MS);
      }
    });
  }

  private enqueue(ns: string, name: string, delay: number): void {
    const key = `${ns}/${name}`;
    const cur = this.timers.get(key);
    const at = this.d.queue.now + delay;
    if (cur && !cur.cancelled) {
      if (cur.t <= at) return;
      this.d.queue.cancel(cur);
    }
    this.timers.set(key, this.d.queue.at(at, () => {
      this.timers.delete(key);
      this.sync(ns, name);
    }, 'cronjob controller'));
  }

  private sync(ns: string, name: string): void {
    const cj = this.d.store.get('CronJob', ns, name);
    if (!cj) return;
    const now = this.d.queue.now;
    const spec: Json = cj.spec ?? {};
    const status: Json = clone(cj.status ?? {});
    const active: Json[] = [...(status.active ?? [])];
    const jobs = this.d.store.peekList('Job', ns).filter((j) => (j.metadata.ownerReferences ?? []).some((r: Json) => r.controller && r.uid === cj.metadata.uid));
    const ref = refTo(cj);

    for (const j of jobs) {
      const idx = active.findIndex((a) => a.uid === j.metadata.uid);
      const fin = finishedType(j);
      if (idx >= 0 && fin) {
        active.splice(idx, 1);
        // v1.30 wording ("status:"); later releases say "condition:"
        this.d.recorder.record(SRC, ref, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${fin}`);
      }
      if (fin === 'Complete' && j.status?.completionTime) {
        if (!status.lastSuccessfulTime || parseTime(j.status.completionTime) > parseTime(status.lastSuccessfulTime)) status.lastSuccessfulTime = j.status.completionTime;
      }
    }
    for (let i = active.length - 1; i >= 0; i--) {
      if (!jobs.some((j) => j.metadata.uid === active[i].uid)) {
        this.d.recorder.record(SRC, ref, 'Normal', 'MissingJob', `Active job went missing: ${active[i].name}`);
        active.splice(i, 1);
      }
    }

    // cleanupFinishedJobs: the oldest finished Jobs past the history limits
    const byStart = (a: K8sObject, b: K8sObject) => parseTime(a.status?.startTime ?? a.metadata.creationTimestamp ?? '') - parseTime(b.status?.startTime ?? b.metadata.creationTimestamp ?? '') || String(a.metadata.name).localeCompare(String(b.metadata.name));
    for (const [type, limit] of [['Complete', spec.successfulJobsHistoryLimit], ['Failed', spec.failedJobsHistoryLimit]] as const) {
      if (limit === undefined || limit === null) continue;
      const done = jobs.filter((j) => finishedType(j) === type).sort(byStart);
      for (const j of done.slice(0, Math.max(0, done.length - Number(limit)))) {
        this.d.deleteJob(ns, j.metadata.name ?? '');
        this.d.recorder.record(SRC, ref, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
      }
    }

    const sched = typeof spec.schedule === 'string' ? parseSchedule(spec.schedule) : 'empty spec string';
    const write = () => {
      const next: Json = {};
      if (active.length) next.active = active;
      if (status.lastScheduleTime) next.lastScheduleTime = status.lastScheduleTime;
      if (status.lastSuccessfulTime) next.lastSuccessfulTime = status.lastSuccessfulTime;
      const cur = this.d.store.get('CronJob', ns, name);
      if (cur && JSON.stringify(cur.status ?? {}) !== JSON.stringify(next)) {
        cur.status = next;
        this.d.store.update(cur);
      }
    };
    if (cj.metadata.deletionTimestamp || spec.suspend === true) return write();
    if (typeof sched === 'string') {
      this.d.recorder.record(SRC, ref, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${sched}`);
      return write();
    }
    // the most recent unmet schedule time since the last one (or the creation)
    const earliest = status.lastScheduleTime ? parseTime(status.lastScheduleTime) : parseTime(cj.metadata.creationTimestamp ?? rfc3339(0));
    let scheduled: number | undefined;
    let t = nextAfter(sched, toUnix(earliest));
    let guard = 0;
    while (t !== undefined && toVirtual(t) <= now && guard++ < 100_000) {
      scheduled = toVirtual(t);
      t = nextAfter(sched, t);
    }
    const wakeNext = () => {
      const n = nextAfter(sched, toUnix(now));
      if (n !== undefined) this.enqueue(ns, name, toVirtual(n) + NEXT_SCHEDULE_DELTA_MS - now);
    };
    if (scheduled === undefined) {
      write();
      return wakeNext();
    }
    const jobName = `${name}-${Math.floor(toUnix(scheduled) / 60_000)}`;
    const deadline = spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + Number(deadline) * 1000 < now) {
      this.d.recorder.record(SRC, ref, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled - CLUSTER_TZ_OFFSET_MIN * 60_000).replace(/ [+-]\d{4}$/, ' +0000')}`);
      write();
      return wakeNext();
    }
    if (active.some((a) => a.name === jobName) || status.lastScheduleTime === rfc3339(scheduled)) {
      write();
      return wakeNext();
    }
    if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
      this.d.recorder.record(SRC, ref, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      write();
      return wakeNext();
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const a of [...active]) {
        this.d.deleteJob(ns, a.name);
        active.splice(active.indexOf(a), 1);
        this.d.recorder.record(SRC, ref, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`);
      }
    }
    const tpl = clone(spec.jobTemplate ?? {});
    const job: K8sObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: ns,
        ...(tpl.metadata?.labels ? { labels: tpl.metadata.labels } : {}),
        ...(tpl.metadata?.annotations ? { annotations: tpl.metadata.annotations } : {}),
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: tpl.spec ?? {},
    };
    const created = this.d.createJob(job);
    if (typeof created === 'string') {
      this.d.recorder.record(SRC, ref, 'Warning', 'FailedCreate', `Error creating job: ${created}`);
    } else {
      this.d.recorder.record(SRC, ref, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
      this.d.log(`cronjob-controller: ${ns}/${name} created job ${created.metadata.name} for ${rfc3339(scheduled)}`);
      active.push({ apiVersion: 'batch/v1', kind: 'Job', name: created.metadata.name, namespace: ns, resourceVersion: created.metadata.resourceVersion, uid: created.metadata.uid });
      status.lastScheduleTime = rfc3339(scheduled);
    }
    write();
    wakeNext();
  }
}
