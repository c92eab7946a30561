/**
 * `kubectl describe job` and `describe cronjob` (describeJob, describeCronJob,
 * describeJobTemplate, printActiveJobs of kubectl/pkg/describe/describe.go).
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { formatLabelSelector } from '../labels';
import { humanDuration } from '../duration';
import { parseTime } from '../../sim/time';
import { type Any, controllerOf, printAnnotationsMultiline, printBool, printLabelsMultiline, rfc1123 } from './common';
import { describePodTemplate } from './deployment';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, PrefixWriter } from './writer';

const isSet = (v: unknown) => v !== undefined && v !== null;

export function describeJob(o: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const job: Any = o;
  const spec: Any = job.spec ?? {};
  const st: Any = job.status ?? {};
  const w = new PrefixWriter();
  const ns = o.metadata.namespace ?? '';
  w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
  const controller = controllerOf(job);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (isSet(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (isSet(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (isSet(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (isSet(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(parseTime(st.completionTime) - parseTime(st.startTime))}\n`);
  if (isSet(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${st.active ?? 0} Active${isSet(st.ready) ? ` (${st.ready} Ready)` : ''} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  w.write(LEVEL_0, `Pods Statuses:\t${counts}\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`);
  describePodTemplate(spec.template, w);
  describeEvents(searchEvents(host, { name: o.metadata.name ?? '', namespace: ns, kind: 'Job', uid: o.metadata.uid }), w, now);
  return w.finish();
}

export function describeCronJob(o: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const cj: Any = o;
  const spec: Any = cj.spec ?? {};
  const w = new PrefixWriter();
  const ns = o.metadata.namespace ?? '';
  w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${isSet(spec.suspend) ? printBool(spec.suspend) : '<unset>'}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${isSet(spec.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${isSet(spec.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${isSet(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  // describeJobTemplate
  const jt: Any = spec.jobTemplate?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${jt.selector ? formatLabelSelector(jt.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${isSet(jt.parallelism) ? jt.parallelism : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(jt.completions) ? jt.completions : '<unset>'}\n`);
  if (isSet(jt.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt.template, w);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123(last) : '<unset>'}\n`);
  const active: Any[] = cj.status?.active ?? [];
  w.write(LEVEL_0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`);
  describeEvents(searchEvents(host, { name: o.metadata.name ?? '', namespace: ns, kind: 'CronJob', uid: o.metadata.uid }), w, now);
  return w.finish();
}
