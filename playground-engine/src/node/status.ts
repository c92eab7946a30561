/**
 * The kubelet's status generation (kubelet_pods.go generateAPIPodStatus,
 * convertToAPIContainerStatuses, getPhase; status/generate.go for the conditions), as pure
 * functions over the kubelet's view of the runtime.
 */
import type { ContainerHandle } from './runtime/types';
import type { K8sObject, VirtualMs } from '../types';
import { rfc3339 } from '../sim/time';

/** One runtime instance of a container, as the kubelet's runtime manager sees it. */
export interface Instance {
  name: string;
  handle: ContainerHandle;
  /** restartCount recorded when this instance was created. */
  restartCount: number;
  image: string; // fully qualified image reference as the runtime reports it
  imageId: string;
  /** The container's spec image when this instance was created (a change restarts it). */
  specImage?: string;
}

export interface ProbeView {
  /** startup result for a container id (undefined: none published yet). */
  startup(containerId: string): 'success' | 'failure' | undefined;
  readiness(containerId: string): 'success' | 'failure' | undefined;
  hasProbe(container: string, kind: 'startup' | 'readiness'): boolean;
  /** Called when a started container is not ready and has a readiness probe (the manual trigger). */
  triggerReadiness(container: string): void;
}

export interface StatusInput {
  pod: K8sObject;
  /** Instances per container name, oldest first. */
  instances: Map<string, Instance[]>;
  /** Last start failure per container (`CrashLoopBackOff`, `ErrImagePull`, …). */
  reasonCache: Map<string, { reason: string; message: string }>;
  probes: ProbeView;
  podIP?: string;
  hostIP: string;
  sandboxReady: boolean;
  old?: Record<string, unknown>;
  now: VirtualMs;
  /** The pod is being torn down (deleted or terminal): phase becomes terminal once nothing runs. */
  terminal: boolean;
}

type Json = Record<string, unknown>;

function latest(list: Instance[] | undefined): Instance | undefined {
  return list && list.length ? list[list.length - 1] : undefined;
}

export function stateOf(h: ContainerHandle): Json {
  if (h.state === 'running') return { running: { startedAt: rfc3339(h.startedAt ?? 0) } };
  if (h.state === 'exited') {
    const t: Json = {
      exitCode: h.exitCode ?? 0,
      reason: h.reason ?? ((h.exitCode ?? 0) === 0 ? 'Completed' : 'Error'),
    };
    if (h.message) t.message = h.message;
    t.startedAt = h.startedAt !== undefined ? rfc3339(h.startedAt) : null;
    t.finishedAt = rfc3339(h.finishedAt ?? 0);
    t.containerID = h.id;
    return { terminated: t };
  }
  return { waiting: { reason: 'ContainerCreating' } };
}

/** podutil.IsRestartableInitContainer: an init container with `restartPolicy: Always` (a sidecar). */
export function isRestartableInit(c: Json | undefined): boolean {
  return !!c && c.restartPolicy === 'Always';
}

/**
 * kubecontainer.ShouldContainerBeRestarted; a restartable init container (`spec` given) is
 * always restarted, whatever the pod's restartPolicy (computeInitContainerActions).
 */
export function shouldRestart(pod: K8sObject, list: Instance[] | undefined, spec?: Json): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const s = latest(list);
  if (!s) return true;
  if (s.handle.state === 'running') return false;
  if (s.handle.state === 'created') return true;
  if (isRestartableInit(spec)) return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && (s.handle.exitCode ?? 0) === 0) return false;
  return true;
}

function containerStatuses(input: StatusInput, containers: Json[], init: boolean): Json[] {
  const pod = input.pod;
  const hasInit = (pod.spec?.initContainers ?? []).length > 0;
  const oldList = ((input.old?.[init ? 'initContainerStatuses' : 'containerStatuses'] as Json[] | undefined) ?? []);
  const out: Json[] = [];
  for (const c of containers) {
    const name = String(c.name);
    const list = input.instances.get(name) ?? [];
    const cur = list[list.length - 1];
    const prev = list[list.length - 2];
    const old = oldList.find((o) => o.name === name);
    const st: Json = {
      name,
      state: { waiting: { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' } },
      lastState: {},
      ready: false,
      restartCount: cur ? cur.restartCount : ((old?.restartCount as number | undefined) ?? 0),
      image: cur ? cur.image : String(c.image),
      imageID: cur ? cur.imageId : '',
    };
    if (cur) {
      st.containerID = cur.handle.id;
      st.state = stateOf(cur.handle);
      if (prev && prev.handle.state === 'exited') st.lastState = stateOf(prev.handle);
    }
    // Containers that will be restarted show the reason their last start failed.
    if (shouldRestart(pod, list, init ? c : undefined)) {
      const r = input.reasonCache.get(name);
      if (r) {
        const s = st.state as Json;
        if (s.terminated) st.lastState = s;
        const waiting: Json = { reason: r.reason };
        if (r.message) waiting.message = r.message;
        st.state = { waiting };
      }
    }
    // started / ready, as prober_manager.UpdatePodStatus computes them: app containers and
    // restartable init containers from their startup and readiness probes; a regular init
    // container is started while it runs and ready once it exited 0.
    const running = !!(st.state as Json).running;
    if (!init || isRestartableInit(c)) {
      let started = false;
      if (running && cur) {
        const r = input.probes.startup(cur.handle.id);
        started = r !== undefined ? r === 'success' : !input.probes.hasProbe(name, 'startup');
      }
      st.started = started;
      if (started && cur) {
        const r = input.probes.readiness(cur.handle.id);
        let ready = false;
        if (r === 'success') ready = true;
        else {
          ready = !input.probes.hasProbe(name, 'readiness');
          if (!ready) input.probes.triggerReadiness(name);
        }
        st.ready = ready;
      }
    } else {
      st.started = running;
      const term = (st.state as Json).terminated as Json | undefined;
      st.ready = !!term && term.exitCode === 0;
    }
    out.push(st);
  }
  return out;
}

/** kubecontainer.HasAnyRegularContainerStarted */
function anyRegularStarted(statuses: Json[]): boolean {
  return statuses.some((s) => !!(s.state as Json).running || !!(s.state as Json).terminated);
}

/** kubelet_pods.go getPhase (v1.30, with restartable init containers). */
export function getPhase(pod: K8sObject, initStatuses: Json[], statuses: Json[], terminal: boolean): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const initSpecs: Json[] = pod.spec?.initContainers ?? [];
  const restartable = (s: Json) => isRestartableInit(initSpecs.find((c) => c.name === s.name));
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of initStatuses) {
    if (restartable(s)) continue;
    const st = s.state as Json;
    const last = s.lastState as Json;
    if (st.running) pendingInit++;
    else if (st.terminated) {
      if ((st.terminated as Json).exitCode !== 0) failedInit++;
    } else if (st.waiting) {
      if (last?.terminated) {
        if ((last.terminated as Json).exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  // Restartable init containers: a terminated one is ignored.
  for (const s of initStatuses) {
    if (!restartable(s)) continue;
    const st = s.state as Json;
    const last = s.lastState as Json;
    if (st.running) {
      if (s.started !== true) pendingInit++;
      running++;
    } else if (st.terminated) {
      // ignored
    } else if (st.waiting) {
      if (!last?.terminated) {
        pendingInit++;
        waiting++;
      }
    } else {
      pendingInit++;
      unknown++;
    }
  }
  for (const s of statuses) {
    const st = s.state as Json;
    const last = s.lastState as Json;
    if (st.running) running++;
    else if (st.terminated) {
      stopped++;
      if ((st.terminated as Json).exitCode === 0) succeeded++;
    } else if (st.waiting) {
      if (last?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyRegularStarted(statuses)) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(type: string, status: boolean, old: Json[] | undefined, now: VirtualMs, reason?: string, message?: string): Json {
  const s = status ? 'True' : 'False';
  const prev = old?.find((c) => c.type === type);
  const c: Json = { type, status: s, lastProbeTime: null, lastTransitionTime: prev && prev.status === s ? prev.lastTransitionTime : rfc3339(now) };
  if (!status && reason) c.reason = reason;
  if (!status && message) c.message = message;
  return c;
}

function restartableIn(pod: K8sObject, s: Json): boolean {
  return isRestartableInit((pod.spec?.initContainers ?? []).find((c: Json) => c.name === s.name));
}

/** kubetypes.PodConditionByKubelet (v1.30, PodReadyToStartContainersCondition on). */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

/** The whole status the kubelet writes (conditions in the kubelet's order). */
export function generateStatus(input: StatusInput): Json {
  const pod = input.pod;
  const initSpecs: Json[] = pod.spec?.initContainers ?? [];
  const specs: Json[] = pod.spec?.containers ?? [];
  const initStatuses = containerStatuses(input, initSpecs, true);
  const statuses = containerStatuses(input, specs, false);
  const oldPhase = input.old?.phase as string | undefined;
  let phase = getPhase(pod, initStatuses, statuses, input.terminal);
  // Once terminal, a pod never goes back.
  if (oldPhase === 'Succeeded' || oldPhase === 'Failed') phase = oldPhase;

  const oldConds = input.old?.conditions as Json[] | undefined;
  const now = input.now;
  // GeneratePodInitializedCondition: a sidecar counts once started, a regular init container
  // once it exited 0 (ready); any regular container started means the pod was initialized.
  const incompleteInit = initStatuses.filter((s) => (restartableIn(pod, s) ? s.started !== true : s.ready !== true)).map((s) => s.name);
  const initDone = incompleteInit.length === 0 || anyRegularStarted(statuses);
  // GenerateContainersReadyCondition: restartable init containers first, then the app containers.
  const unready = [...initStatuses.filter((s) => restartableIn(pod, s)), ...statuses].filter((s) => !s.ready).map((s) => s.name);
  const allReady = unready.length === 0 && statuses.length > 0;
  const terminalPhase = phase === 'Succeeded' || phase === 'Failed';
  let readyReason = 'ContainersNotReady';
  let readyMessage = `containers with unready status: [${unready.join(' ')}]`;
  if (terminalPhase) {
    readyReason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
    readyMessage = '';
  }
  // conditions the kubelet does not own (readiness gates' conditions, set by other controllers)
  // stay, ahead of the kubelet's own (status manager's mergePodStatus)
  const foreign = (oldConds ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type as string));
  // GeneratePodReadyCondition: with the containers ready, every readiness gate's condition must be True
  const containersReady = allReady && !terminalPhase;
  const gateMessages: string[] = [];
  if (containersReady) {
    for (const g of (pod.spec?.readinessGates ?? []) as Json[]) {
      const type = String(g.conditionType ?? '');
      const c = foreign.find((x) => x.type === type);
      if (!c) gateMessages.push(`corresponding condition of pod readiness gate "${type}" does not exist.`);
      else if (c.status !== 'True') gateMessages.push(`the status of pod readiness gate "${type}" is not "True", but ${String(c.status)}`);
    }
  }
  const conditions: Json[] = [
    ...foreign,
    condition('PodReadyToStartContainers', input.sandboxReady, oldConds, now),
    condition('Initialized', initDone, oldConds, now, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`),
    gateMessages.length > 0
      ? condition('Ready', false, oldConds, now, 'ReadinessGatesNotReady', gateMessages.join(', '))
      : condition('Ready', containersReady, oldConds, now, readyReason, readyMessage || undefined),
    condition('ContainersReady', allReady && !terminalPhase, oldConds, now, readyReason, readyMessage || undefined),
    condition('PodScheduled', true, oldConds, now),
  ];
  const status: Json = {
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
  };
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  status.startTime = (input.old?.startTime as string | undefined) ?? rfc3339(now);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  status.qosClass = (input.old?.qosClass as string | undefined) ?? 'BestEffort';
  return status;
}
