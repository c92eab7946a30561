/**
 * Pods: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED NODE READINESS GATES with -o wide),
 * computed as the API server's printPod does (pkg/printers/internalversion/printers.go, 1.28+
 * generation with restartable init containers): init containers first, then app containers from
 * last to first so the first non-running container decides STATUS, `Terminating` for a pod being
 * deleted (unless its phase is already terminal), `N (<age> ago)` restarts.
 */
import type { K8sObject } from '../../types';
import { parseTime } from '../../sim/time';
import { humanDuration, since } from '../duration';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function isRestartableInit(c: Any): boolean {
  return !!c && c.restartPolicy === 'Always';
}

function conditionTrue(pod: Any, type: string): boolean {
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === type) return c.status === 'True';
  }
  return false;
}

function hasPodReadyCondition(pod: Any): boolean {
  return (pod.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** READY, STATUS and RESTARTS of a pod at virtual time `now`. */
export function podSummary(pod: K8sObject, now: number): PodSummary {
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = Number.NEGATIVE_INFINITY;
  let lastRestartableInitContainerRestartDate = Number.NEGATIVE_INFINITY;

  const podPhase: string = status.phase ?? '';
  let reason = podPhase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Any>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }

  const finishedAt = (cs: Any): number | undefined => {
    const t = cs.lastState?.terminated;
    if (!t) return undefined;
    const v = t.finishedAt ? parseTime(t.finishedAt) : Number.NaN;
    return Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
  };

  let initializing = false;
  const initStatuses: Any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const f = finishedAt(cs);
    if (f !== undefined && lastRestartDate < f) lastRestartDate = f;
    const restartable = isRestartableInit(initContainers.get(cs.name));
    if (restartable) {
      restartableInitContainerRestarts += cs.restartCount ?? 0;
      if (f !== undefined && lastRestartableInitContainerRestartDate < f) lastRestartableInitContainerRestartDate = f;
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
      initializing = true;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses: Any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const f = finishedAt(cs);
      if (f !== undefined && lastRestartDate < f) lastRestartDate = f;
      const term = cs.state?.terminated;
      const wait = cs.state?.waiting;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(pod) ? 'Running' : 'NotReady';
  }

  const deleting = !!pod.metadata.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  // metav1.Time zero value: no terminated state ever recorded a finish time
  if (restarts !== 0 && lastRestartDate !== Number.NEGATIVE_INFINITY) {
    restartsStr = `${restarts} (${humanDuration(now - lastRestartDate)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

export const podPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Ready', priority: 0 },
    { name: 'Status', priority: 0 },
    { name: 'Restarts', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  row(pod, { wide, now }) {
    const s = podSummary(pod, now);
    const cells: string[] = [pod.metadata.name ?? '', s.ready, s.status, s.restarts, since(pod.metadata.creationTimestamp, now)];
    if (wide) {
      const spec: Any = pod.spec ?? {};
      const status: Any = pod.status ?? {};
      const podIP = status.podIPs?.[0]?.ip || '<none>';
      const nodeName = spec.nodeName || '<none>';
      const nominated = status.nominatedNodeName || '<none>';
      let gates = '<none>';
      const rg: Any[] = spec.readinessGates ?? [];
      if (rg.length > 0) {
        let trueConditions = 0;
        for (const g of rg) {
          const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
          if (c && c.status === 'True') trueConditions++;
        }
        gates = `${trueConditions}/${rg.length}`;
      }
      cells.push(podIP, nodeName, nominated, gates);
    }
    return cells;
  },
};
