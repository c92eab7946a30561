/**
 * A probe worker (pkg/kubelet/prober/worker.go): one per pod, container and probe kind. Its
 * ticker is phased from the moment the kubelet added the pod; it probes once at once, then on
 * every tick (and on manual triggers for readiness), and publishes a result only when the run
 * of identical results reaches the success or failure threshold.
 */
import type { EventQueue, Timer } from '../../sim/queue';
import type { K8sObject, VirtualMs } from '../../types';
import type { ProbeKind } from '../../trace';
import type { RawOutcome } from './runners';

export type Result = 'success' | 'failure';

export interface WorkerHost {
  queue: EventQueue;
  /** The kubelet's cached status of the pod (status manager), or undefined before the first sync. */
  podStatus(): Record<string, unknown> | undefined;
  /** The pod as the kubelet last saw it (for deletionTimestamp and restartPolicy). */
  pod(): K8sObject;
  /** Run the probe against the container with this id. */
  run(containerId: string, done: (o: RawOutcome) => void): void;
  /** The results manager: set a published result (notifies only on change). */
  setResult(kind: ProbeKind, containerId: string, r: Result): void;
  /** Record a probe attempt for the trace and the events. */
  observed(kind: ProbeKind, containerId: string, o: RawOutcome): void;
  /** Parse a status timestamp into virtual ms (container startedAt keeps full precision in the kubelet). */
  startedAt(containerId: string): VirtualMs | undefined;
}

const INITIAL: Record<ProbeKind, Result | undefined> = {
  readiness: 'failure',
  liveness: 'success',
  startup: undefined,
};

/** The status of the named container (a loop: every probe asks). */
function statusOf(statuses: Array<Record<string, unknown>> | undefined, name: string): Record<string, unknown> | undefined {
  if (!statuses) return undefined;
  for (let i = 0; i < statuses.length; i++) if (statuses[i].name === name) return statuses[i];
  return undefined;
}

export class ProbeWorker {
  private containerId = '';
  private onHold = false;
  private lastResult: Result | undefined;
  private resultRun = 0;
  private busy = false;
  private tickPending = false;
  private stopped = false;
  private timer: Timer | undefined;
  private startMs = 0;
  /** The container the run in flight probes. */
  private runningId = '';
  /** The task of a manual trigger or a pending tick (one function for all). */
  private readonly onWake = (): void => this.wake();
  /** One callback for every run (no closure per probe). */
  private readonly onOutcome = (o: RawOutcome): void => this.outcome(o);

  constructor(
    private host: WorkerHost,
    readonly container: string,
    readonly kind: ProbeKind,
    private spec: K8sObject['spec'],
  ) {}

  get periodMs(): VirtualMs {
    return Number(this.spec.periodSeconds ?? 10) * 1000;
  }

  start(): void {
    this.startMs = this.host.queue.now;
    this.tickLabel = `probe tick ${this.kind}`;
    this.wake();
    this.scheduleTick(1);
  }

  stop(): void {
    this.stopped = true;
    this.host.queue.cancel(this.timer);
  }

  /** The readiness worker's manual trigger (a buffered channel of one). */
  trigger(): void {
    if (this.stopped) return;
    this.host.queue.soonCall(this.onWake, undefined);
  }

  private scheduleTick(k: number): void {
    if (this.stopped) return;
    this.tickK = k;
    this.timer = this.host.queue.at(this.startMs + k * this.periodMs, this.onTick, this.tickLabel);
  }

  /** The tick pending (one at a time: each schedules the next). */
  private tickK = 0;
  private tickLabel = '';
  private readonly onTick = (): void => {
    const k = this.tickK;
    this.wake();
    this.scheduleTick(k + 1);
  };

  private wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.tickPending = true;
      return;
    }
    this.doProbe();
  }

  private finish(keepGoing: boolean): void {
    this.busy = false;
    if (!keepGoing) {
      this.stop();
      return;
    }
    if (this.tickPending) {
      this.tickPending = false;
      this.host.queue.soonCall(this.onWake, undefined);
    }
  }

  private doProbe(): void {
    const status = this.host.podStatus();
    if (!status) return;
    const phase = status.phase;
    if (phase === 'Failed' || phase === 'Succeeded') {
      this.stop();
      return;
    }
    let c = statusOf(status.containerStatuses as Array<Record<string, unknown>> | undefined, this.container);
    // A restartable init container (sidecar) has its status among the init containers'.
    if (!c || !c.containerID) c = statusOf(status.initContainerStatuses as Array<Record<string, unknown>> | undefined, this.container);
    if (!c || !c.containerID) return;
    const id = String(c.containerID);
    if (id !== this.containerId) {
      this.containerId = id;
      const init = INITIAL[this.kind];
      if (init) this.host.setResult(this.kind, id, init);
      this.onHold = false;
    }
    if (this.onHold) return;
    const state = c.state as Record<string, unknown>;
    const pod = this.host.pod();
    if (!state.running) {
      this.host.setResult(this.kind, id, 'failure');
      // Abort if the container will not be restarted (a sidecar always is).
      const sidecar = (pod.spec?.initContainers ?? []).some((x: { name?: string; restartPolicy?: string }) => x.name === this.container && x.restartPolicy === 'Always');
      if (state.terminated && !sidecar && (pod.spec?.restartPolicy ?? 'Always') === 'Never') this.stop();
      return;
    }
    if (pod.metadata.deletionTimestamp && (this.kind === 'liveness' || this.kind === 'startup')) {
      this.host.setResult(this.kind, id, 'success');
      this.stop();
      return;
    }
    const started = this.host.startedAt(id);
    const delay = Number(this.spec.initialDelaySeconds ?? 0);
    if (started !== undefined && Math.trunc((this.host.queue.now - started) / 1000) < delay) return;
    if (c.started === true) {
      if (this.kind === 'startup') return;
    } else if (this.kind !== 'startup') {
      return;
    }
    this.busy = true;
    this.runningId = id;
    this.host.run(id, this.onOutcome);
  }

  /** The outcome of the run in flight (one at a time: `busy`), for the container `runningId`. */
  private outcome(o: RawOutcome): void {
    const id = this.runningId;
    if (this.stopped) return;
    this.host.observed(this.kind, id, o);
    if ('error' in o) {
      this.finish(true); // prober error: throw the result away
      return;
    }
    if (id !== this.containerId) {
      this.finish(true);
      return;
    }
    const result: Result = o.result === 'success' || o.result === 'warning' ? 'success' : 'failure';
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    const failureThreshold = Number(this.spec.failureThreshold ?? 3);
    const successThreshold = Number(this.spec.successThreshold ?? 1);
    if ((result === 'failure' && this.resultRun < failureThreshold) || (result === 'success' && this.resultRun < successThreshold)) {
      this.finish(true);
      return;
    }
    this.host.setResult(this.kind, id, result);
    if ((this.kind === 'liveness' || this.kind === 'startup') && result === 'failure') {
      this.onHold = true;
      this.resultRun = 0;
    }
    this.finish(true);
  }
}
