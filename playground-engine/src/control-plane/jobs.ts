/**
 * The Job controller of kube-controller-manager (pkg/controller/job/job_controller.go, v1.30),
 * reduced to what a reader meets: a Job runs `parallelism` pods at a time until `completions`
 * of them succeed (or, without `completions`, until one succeeds); each failed pod counts against
 * `backoffLimit` (for `OnFailure` pods the container restarts count), and a replacement waits out
 * the pod-failure back-off (10 s doubling per failure since the last success, at most 10 min:
 * DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff). `activeDeadlineSeconds` and `suspend`
 * are honoured. Pod events reach the controller batched by a second (syncJobBatchPeriod).
 * It watches Jobs and Pods through the store and writes through the API server.
 */
import type { EventQueue, Timer } from '../sim/queue';
import type { Store } from '../store/store';
import type { EventRecorder } from '../store/events';
import { refTo } from '../store/events';
import type { K8sObject } from '../types';
import { clone } from '../store/store';
import { parseTime, rfc3339 } from '../sim/time';
import { CONTROLLER_DELAY_MS } from './workloads';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const JOB_MAX_POD_FAILURE_BACKOFF_MS = 600_000;
/** syncJobBatchPeriod: pod updates are batched for a second before the Job is synced. */
export const JOB_SYNC_BATCH_MS = 1_000;
const MAX_POD_CREATE_PER_SYNC = 500;

export interface JobDeps {
  queue: EventQueue;
  store: Store;
  recorder: EventRecorder;
  createPod(pod: K8sObject): K8sObject | undefined;
  deletePod(namespace: string, name: string): void;
  /** Delete a Job and its pods (the ttl-after-finished controller). */
  deleteJob?(namespace: string, name: string): void;
  suffix(): string;
  log(message: string): void;
}

const SRC = { component: 'job-controller' };

function ownedBy(o: K8sObject, owner: K8sObject): boolean {
  return (o.metadata.ownerReferences ?? []).some((r: Json) => r.controller && r.uid === owner.metadata.uid);
}

const terminal = (p: K8sObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isReady = (p: K8sObject) => (p.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');

/** When a finished pod finished: the latest container finish, else its last transition. */
function finishedAt(p: K8sObject, now: number): number {
  let t = -Infinity;
  for (const cs of [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])]) {
    const f = cs.state?.terminated?.finishedAt;
    if (f) t = Math.max(t, parseTime(f));
  }
  if (t === -Infinity) {
    for (const c of p.status?.conditions ?? []) if (c.lastTransitionTime) t = Math.max(t, parseTime(c.lastTransitionTime));
  }
  return t === -Infinity ? now : t;
}

/** getRemainingTimeForFailuresCount */
export function podFailureBackoff(failures: number): number {
  if (failures <= 0) return 0;
  let d = JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= JOB_MAX_POD_FAILURE_BACKOFF_MS) return JOB_MAX_POD_FAILURE_BACKOFF_MS;
  }
  return d;
}

interface Tracking {
  /** Finished pods already counted in the status (the job-tracking finalizer's bookkeeping). */
  counted: Set<string>;
  failuresAfterLastSuccess: number;
  lastFailureMs?: number;
  lastSuccessMs?: number;
  wake?: Timer;
}

export class JobController {
  private pending = new Map<string, Timer>();
  private tracking = new Map<string, Tracking>();

  constructor(private d: JobDeps) {
    d.store.watch('Job', (type, job) => {
      if (type !== 'DELETED') this.enqueue(job.metadata.namespace ?? 'default', job.metadata.name ?? '', CONTROLLER_DELAY_MS);
    });
    d.store.watch('Pod', (_type, pod) => {
      for (const owner of pod.metadata.ownerReferences ?? []) {
        if (owner.kind === 'Job' && owner.controller) this.enqueue(pod.metadata.namespace ?? 'default', owner.name, JOB_SYNC_BATCH_MS);
      }
    });
  }

  private enqueue(ns: string, name: string, delay: number): void {
    const key = `${ns}/${name}`;
    const cur = this.pending.get(key);
    if (cur && !cur.cancelled) {
      if (cur.t <= this.d.queue.now + delay) return;
      this.d.queue.cancel(cur);
    }
    this.pending.set(key, this.d.queue.after(delay, () => {
      this.pending.delete(key);
      this.sync(ns, name);
    }, 'job controller'));
  }

  private trackingOf(job: K8sObject): Tracking {
    const uid = job.metadata.uid ?? '';
    let t = this.tracking.get(uid);
    if (!t) {
      t = { counted: new Set(), failuresAfterLastSuccess: 0 };
      this.tracking.set(uid, t);
    }
    return t;
  }

  private finished(job: K8sObject): boolean {
    return (job.status?.conditions ?? []).some((c: Json) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  }

  /**
   * The ttl-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
   * `ttlSecondsAfterFinished` is deleted, with its pods, that long after it finished.
   */
  private scheduleTtl(job: K8sObject): void {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null || !this.d.deleteJob) return;
    const cond = (job.status?.conditions ?? []).find((c: Json) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    if (!cond) return;
    const key = `ttl/${job.metadata.namespace}/${job.metadata.name}`;
    if (this.pending.has(key)) return;
    const finishedAt = parseTime(job.status?.completionTime ?? cond.lastTransitionTime ?? rfc3339(this.d.queue.now));
    const uid = job.metadata.uid;
    this.pending.set(key, this.d.queue.at(finishedAt + Number(ttl) * 1000, () => {
      this.pending.delete(key);
      const cur = this.d.store.peek('Job', job.metadata.namespace, job.metadata.name ?? '');
      if (!cur || cur.metadata.uid !== uid || cur.metadata.deletionTimestamp) return;
      this.d.log(`ttl-after-finished-controller: deleting job ${job.metadata.namespace}/${job.metadata.name} (ttlSecondsAfterFinished ${ttl})`);
      this.d.deleteJob?.(job.metadata.namespace ?? 'default', job.metadata.name ?? '');
    }, 'ttl-after-finished controller'));
  }

  private sync(ns: string, name: string): void {
    const job = this.d.store.get('Job', ns, name);
    if (job && this.finished(job)) this.scheduleTtl(job);
    if (!job || job.metadata.deletionTimestamp || this.finished(job)) return;
    const now = this.d.queue.now;
    const spec: Json = job.spec ?? {};
    const status: Json = clone(job.status ?? {});
    const tr = this.trackingOf(job);
    const pods = this.d.store.peekList('Pod', ns).filter((p) => ownedBy(p, job));
    let active = pods.filter((p) => !terminal(p) && !p.metadata.deletionTimestamp);
    const terminating = pods.filter((p) => !terminal(p) && p.metadata.deletionTimestamp).length;

    // Count newly finished pods once (uncountedTerminatedPods → succeeded / failed).
    const newly = pods.filter((p) => terminal(p) && !tr.counted.has(p.metadata.uid ?? '')).sort((a, b) => finishedAt(a, now) - finishedAt(b, now));
    for (const p of newly) {
      tr.counted.add(p.metadata.uid ?? '');
      const at = finishedAt(p, now);
      if (p.status?.phase === 'Succeeded') {
        status.succeeded = Number(status.succeeded ?? 0) + 1;
        tr.failuresAfterLastSuccess = 0;
        tr.lastSuccessMs = at;
      } else {
        status.failed = Number(status.failed ?? 0) + 1;
        if (tr.lastSuccessMs === undefined || at > tr.lastSuccessMs) {
          tr.failuresAfterLastSuccess++;
          tr.lastFailureMs = Math.max(tr.lastFailureMs ?? at, at);
        }
      }
    }
    const succeeded = Number(status.succeeded ?? 0);
    const failed = Number(status.failed ?? 0);
    const suspended = spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = rfc3339(now);

    const backoffLimit = Number(spec.backoffLimit ?? 6);
    const restarts = active.reduce((a, p) => a + [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].reduce((b: number, cs: Json) => b + Number(cs.restartCount ?? 0), 0), 0);
    const onFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
    const pastOnFailure = onFailure && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit);
    const deadline = Number(spec.activeDeadlineSeconds ?? NaN);
    const started = status.startTime ? parseTime(status.startTime) : now;
    const pastDeadline = Number.isFinite(deadline) && !suspended && now >= started + deadline * 1000;
    const completions = spec.completions === undefined || spec.completions === null ? undefined : Number(spec.completions);
    const parallelism = Number(spec.parallelism ?? 1);

    let finish: { type: 'Complete' | 'Failed'; reason?: string; message?: string } | undefined;
    if (failed > backoffLimit || pastOnFailure) finish = { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    else if (pastDeadline) finish = { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) finish = { type: 'Complete' };

    const conditions: Json[] = [...(status.conditions ?? [])];
    const nowText = rfc3339(now);
    if (finish) {
      if (finish.type === 'Failed') {
        for (const p of active) this.d.deletePod(ns, p.metadata.name ?? '');
        active = [];
        conditions.push({ type: 'Failed', status: 'True', lastProbeTime: nowText, lastTransitionTime: nowText, reason: finish.reason, message: finish.message });
        this.d.recorder.record(SRC, refTo(job), 'Warning', finish.reason ?? '', finish.message ?? '');
        this.d.log(`job-controller: ${ns}/${name} failed: ${finish.message}`);
      } else {
        conditions.push({ type: 'Complete', status: 'True', lastProbeTime: nowText, lastTransitionTime: nowText });
        status.completionTime = nowText;
        this.d.recorder.record(SRC, refTo(job), 'Normal', 'Completed', 'Job completed');
        this.d.log(`job-controller: ${ns}/${name} completed (${succeeded} succeeded)`);
      }
    } else if (suspended) {
      for (const p of active) this.d.deletePod(ns, p.metadata.name ?? '');
      active = [];
      if (!conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
        const rest = conditions.filter((c) => c.type !== 'Suspended');
        conditions.length = 0;
        conditions.push(...rest, { type: 'Suspended', status: 'True', lastProbeTime: nowText, lastTransitionTime: nowText, reason: 'JobSuspended', message: 'Job suspended' });
        this.d.recorder.record(SRC, refTo(job), 'Normal', 'Suspended', 'Job suspended');
      }
    } else {
      const wasSuspended = conditions.findIndex((c) => c.type === 'Suspended' && c.status === 'True');
      if (wasSuspended >= 0) {
        conditions[wasSuspended] = { ...conditions[wasSuspended], status: 'False', lastProbeTime: nowText, lastTransitionTime: nowText, reason: 'JobResumed', message: 'Job resumed' };
        this.d.recorder.record(SRC, refTo(job), 'Normal', 'Resumed', 'Job resumed');
      }
      // manageJob: how many pods should run now.
      let want = parallelism;
      if (completions !== undefined) want = Math.min(parallelism, Math.max(0, completions - succeeded));
      else if (succeeded > 0) want = active.length;
      const diff = want - active.length - terminating;
      if (diff > 0) {
        const remaining = tr.lastFailureMs === undefined ? 0 : tr.lastFailureMs + podFailureBackoff(tr.failuresAfterLastSuccess) - now;
        if (remaining > 0) {
          this.enqueue(ns, name, remaining);
        } else {
          for (let i = 0; i < Math.min(diff, MAX_POD_CREATE_PER_SYNC); i++) {
            const created = this.createPod(job);
            if (created) active.push(created);
          }
        }
      } else if (diff < 0) {
        // too many active pods: delete the newest
        const victims = [...active].sort((a, b) => parseTime(b.metadata.creationTimestamp ?? '') - parseTime(a.metadata.creationTimestamp ?? '')).slice(0, -diff);
        for (const p of victims) {
          this.d.deletePod(ns, p.metadata.name ?? '');
          this.d.recorder.record(SRC, refTo(job), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        }
        active = active.filter((p) => !victims.includes(p));
      }
      if (Number.isFinite(deadline)) this.enqueue(ns, name, Math.max(0, started + deadline * 1000 - now));
    }

    // Status as the v1.30 controller writes it (ready and terminating are on by default).
    const next: Json = {};
    if (conditions.length) next.conditions = conditions;
    if (status.startTime) next.startTime = status.startTime;
    if (status.completionTime) next.completionTime = status.completionTime;
    if (active.length) next.active = active.length;
    if (succeeded) next.succeeded = succeeded;
    if (failed) next.failed = failed;
    next.terminating = finish ? 0 : terminating;
    next.uncountedTerminatedPods = {};
    next.ready = finish ? 0 : active.filter(isReady).length;
    const cur = this.d.store.get('Job', ns, name);
    if (cur && JSON.stringify(cur.status ?? {}) !== JSON.stringify(next)) {
      cur.status = next;
      this.d.store.update(cur);
    }
  }

  private createPod(job: K8sObject): K8sObject | undefined {
    const ns = job.metadata.namespace ?? 'default';
    const name = job.metadata.name ?? '';
    const tpl = clone(job.spec?.template ?? {});
    const pod: K8sObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(tpl.metadata ?? {}),
        name: `${name}-${this.d.suffix()}`,
        generateName: `${name}-`,
        namespace: ns,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: tpl.spec ?? {},
    };
    const created = this.d.createPod(pod);
    if (created) {
      this.d.recorder.record(SRC, refTo(job), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      this.d.log(`job-controller: ${ns}/${name} created pod ${created.metadata.name}`);
    }
    return created;
  }
}
