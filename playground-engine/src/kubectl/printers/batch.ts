/**
 * Jobs (NAME STATUS COMPLETIONS DURATION AGE) and CronJobs (NAME SCHEDULE TIMEZONE SUSPEND
 * ACTIVE LAST SCHEDULE AGE), with CONTAINERS IMAGES SELECTOR under -o wide: printJob /
 * printCronJob of pkg/printers/internalversion/printers.go as the v1.30 API server prints them
 * (the STATUS column of Jobs arrived in v1.30, kubernetes#123226).
 */
import { humanDuration, since } from '../duration';
import { formatLabelSelector } from '../labels';
import { parseTime } from '../../sim/time';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function containerCells(containers: Any[]): [string, string] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

const hasCondition = (o: Any, type: string) => (o.status?.conditions ?? []).some((c: Any) => c.type === type && c.status === 'True');

/** printJob's STATUS cell. */
export function jobStatus(job: Any): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** printJob's COMPLETIONS cell. */
export function jobCompletions(job: Any): string {
  const spec = job.spec ?? {};
  const succeeded = Number(job.status?.succeeded ?? 0);
  if (spec.completions !== undefined && spec.completions !== null) return `${succeeded}/${spec.completions}`;
  const parallelism = Number(spec.parallelism ?? 0);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION cell. */
export function jobDuration(job: Any, now: number): string {
  const st = job.status ?? {};
  if (!st.startTime) return '';
  const start = parseTime(st.startTime);
  return humanDuration((st.completionTime ? parseTime(st.completionTime) : now) - start);
}

export const jobPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Status', priority: 0 },
    { name: 'Completions', priority: 0 },
    { name: 'Duration', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(job, { wide, now }) {
    const cells: Array<string | number> = [job.metadata.name ?? '', jobStatus(job), jobCompletions(job), jobDuration(job, now), since(job.metadata.creationTimestamp, now)];
    if (wide) {
      const [names, images] = containerCells(job.spec?.template?.spec?.containers ?? []);
      cells.push(names, images, formatLabelSelector(job.spec?.selector));
    }
    return cells;
  },
};

export const cronJobPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Schedule', priority: 0 },
    { name: 'Timezone', priority: 0 },
    { name: 'Suspend', priority: 0 },
    { name: 'Active', priority: 0 },
    { name: 'Last Schedule', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(cj, { wide, now }) {
    const spec: Any = cj.spec ?? {};
    const last = cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, now) : '<none>';
    const suspend = spec.suspend === undefined || spec.suspend === null ? '' : spec.suspend ? 'True' : 'False';
    const cells: Array<string | number> = [cj.metadata.name ?? '', spec.schedule ?? '', spec.timeZone ?? '<none>', suspend, (cj.status?.active ?? []).length, last, since(cj.metadata.creationTimestamp, now)];
    if (wide) {
      const [names, images] = containerCells(spec.jobTemplate?.spec?.template?.spec?.containers ?? []);
      cells.push(names, images, formatLabelSelector(spec.jobTemplate?.spec?.selector));
    }
    return cells;
  },
};
