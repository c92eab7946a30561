/**
 * SetDefaults_Job and SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go, v1.30, with the
 * JobPodReplacementPolicy gate on, as it is by default), and the Job strategy's generated
 * selector (pkg/registry/batch/job/strategy.go generateSelector), applied once the UID is set.
 */
import { defaultPodSpec } from './defaults';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const unset = (v: unknown) => v === undefined || v === null;

export function defaultJobSpec(s: Obj): void {
  if (unset(s.completions) && unset(s.parallelism)) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (unset(s.parallelism)) s.parallelism = 1;
  if (unset(s.backoffLimit)) s.backoffLimit = isObj(s) && !unset(s.backoffLimitPerIndex) ? 2147483647 : 6;
  if (unset(s.completionMode)) s.completionMode = 'NonIndexed';
  if (unset(s.suspend)) s.suspend = false;
  if (unset(s.podReplacementPolicy)) s.podReplacementPolicy = s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (!isObj(s.template)) s.template = {};
  if (!isObj(s.template.spec)) s.template.spec = {};
  defaultPodSpec(s.template.spec);
}

export function defaultJob(job: Obj): void {
  if (!isObj(job.spec)) job.spec = {};
  if (!isObj(job.metadata)) job.metadata = {};
  defaultJobSpec(job.spec);
}

export function defaultCronJob(cj: Obj): void {
  if (!isObj(cj.spec)) cj.spec = {};
  const s = cj.spec;
  if (unset(s.concurrencyPolicy)) s.concurrencyPolicy = 'Allow';
  if (unset(s.suspend)) s.suspend = false;
  if (unset(s.successfulJobsHistoryLimit)) s.successfulJobsHistoryLimit = 3;
  if (unset(s.failedJobsHistoryLimit)) s.failedJobsHistoryLimit = 1;
  if (!isObj(s.jobTemplate)) s.jobTemplate = {};
  if (!isObj(s.jobTemplate.spec)) s.jobTemplate.spec = {};
  // SetDefaults_CronJob does not default the Job spec's counts: the Job gets them when created.
  const t = s.jobTemplate.spec;
  if (!isObj(t.template)) t.template = {};
  if (!isObj(t.template.spec)) t.template.spec = {};
  defaultPodSpec(t.template.spec);
}

/**
 * generateSelector: unless `manualSelector`, the template carries the Job's UID and name as
 * labels (the new `batch.kubernetes.io/` ones and the legacy ones) and the selector matches the UID.
 */
export function generateJobSelector(job: Obj): void {
  const s = job.spec;
  if (!isObj(s) || s.manualSelector === true) return;
  const uid = String(job.metadata?.uid ?? '');
  const name = String(job.metadata?.name ?? '');
  if (!isObj(s.template)) s.template = {};
  if (!isObj(s.template.metadata)) s.template.metadata = {};
  const labels: Obj = { ...(isObj(s.template.metadata.labels) ? s.template.metadata.labels : {}) };
  labels['batch.kubernetes.io/controller-uid'] ??= uid;
  labels['batch.kubernetes.io/job-name'] ??= name;
  labels['controller-uid'] ??= uid;
  labels['job-name'] ??= name;
  s.template.metadata.labels = labels;
  // SetDefaults_Job: a Job without labels takes its template's (as a real `get job -o yaml` shows, the generated ones included).
  if (!isObj(job.metadata.labels) || !Object.keys(job.metadata.labels).length) job.metadata.labels = { ...labels };
  s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
}
