/**
 * Job and CronJob validation (k8s.io/kubernetes pkg/apis/batch/validation/validation.go, v1.30):
 * the counts are non-negative, the pod template restarts OnFailure or Never, a CronJob's
 * schedule parses as a standard cron line.
 */
import { child, invalid, notSupported, required, type FieldError } from './field';
import { nameIsDNSSubdomain } from './names';
import { validateObjectMeta } from './meta';
import { nonNegative } from './containers';
import { validatePodTemplateSpec } from './pod';
import { validateLabelSelector } from './workloads';
import { parseSchedule } from '../../control-plane/cron';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** validateJobSpec (the parts a reader meets). */
export function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, child(path, 'parallelism')));
  errs.push(...nonNegative(spec.completions, child(path, 'completions')));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, child(path, 'activeDeadlineSeconds')));
  errs.push(...nonNegative(spec.backoffLimit, child(path, 'backoffLimit')));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, child(path, 'ttlSecondsAfterFinished')));
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, child(path, 'selector')));
  const tpl = isObj(spec.template) ? spec.template : {};
  errs.push(...validatePodTemplateSpec(tpl, child(path, 'template')));
  // spec.Template.Spec.RestartPolicy is defaulted to Always when not set, so both count as missing.
  const rp = tpl.spec?.restartPolicy;
  const rpPath = child(path, 'template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '' || rp === undefined) errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, { str: String(rp) }, ['OnFailure', 'Never']));
  return errs;
}

export function validateJob(job: Obj): FieldError[] {
  const errs = validateObjectMeta(isObj(job.metadata) ? job.metadata : {}, true, nameIsDNSSubdomain);
  errs.push(...validateJobSpec(isObj(job.spec) ? job.spec : {}, 'spec'));
  return errs;
}

export function validateCronJob(cj: Obj): FieldError[] {
  const errs = validateObjectMeta(isObj(cj.metadata) ? cj.metadata : {}, true, nameIsDNSSubdomain);
  const spec = isObj(cj.spec) ? cj.spec : {};
  const name = String(cj.metadata?.name ?? '');
  // ValidateCronJobCreate: the name becomes the Jobs' name prefix with an 11-character suffix.
  if (name.length > 52) errs.push(invalid('metadata.name', { str: name }, 'must be no more than 52 characters'));
  if (typeof spec.schedule !== 'string' || spec.schedule === '') errs.push(required('spec.schedule'));
  else {
    const p = parseSchedule(spec.schedule);
    if (typeof p === 'string') errs.push(invalid('spec.schedule', { str: spec.schedule }, p));
  }
  const policy = spec.concurrencyPolicy;
  if (policy === undefined || policy === '') errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(String(policy))) errs.push(notSupported('spec.concurrencyPolicy', { str: String(policy) }, ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : {};
  errs.push(...validateJobSpec(isObj(jt.spec) ? jt.spec : {}, 'spec.jobTemplate.spec'));
  return errs;
}
