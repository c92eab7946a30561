/**
 * The trace: a JSON-serialisable record of a whole run, from which the state at any virtual
 * time is derived (every object revision is kept with its time).
 */
import type { Revision } from './kubectl/types';
import type { Diagnostic, VirtualMs } from './types';

export type { Revision };

export interface LogLine {
  t: VirtualMs;
  namespace: string;
  pod: string;
  /** The pod's uid (a re-created pod with the same name has its own logs). */
  uid?: string;
  container: string;
  /** Which instance of the container (its restartCount when it started). */
  attempt: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeRecord {
  t: VirtualMs;
  namespace: string;
  pod: string;
  container: string;
  probe: ProbeKind;
  /** `warning` = HTTP 3xx (counts as success); `error` = discarded by the kubelet. */
  result: 'success' | 'failure' | 'warning' | 'error';
  output: string;
}

/** What a control-plane or node component did, for the "who did what" view. */
export interface ComponentLog {
  t: VirtualMs;
  /** `kubectl`, `kube-apiserver`, `etcd`, `kube-scheduler`, `kube-controller-manager`, `kubelet/k8s-node01`, `kube-proxy/k8s-node01`, `coredns` */
  component: string;
  message: string;
}

/** Output of one Scenario step, as the terminal would have printed it. */
export interface StepOutput {
  t: VirtualMs;
  run: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One traffic client's results per second-sized bucket. */
export interface TrafficBucket {
  t: VirtualMs;
  url: string;
  /** Responses per backend pod name (or `refused`, `timeout`, `http-<code>`). */
  outcomes: Record<string, number>;
}

export interface Trace {
  version: 1;
  /** The virtual time the run reached. */
  horizonMs: VirtualMs;
  /** Every object change, in order. Events are objects too (kind `Event`). */
  revisions: Revision[];
  logs: LogLine[];
  probes: ProbeRecord[];
  components: ComponentLog[];
  steps: StepOutput[];
  traffic: TrafficBucket[];
  diagnostics: Diagnostic[];
  /** Set when a cap stopped the run early (too many events); the run is still usable up to horizonMs. */
  capped?: string;
}

/** The picture over virtual time the playground draws. */
export interface Timeline {
  horizonMs: VirtualMs;
  pods: TimelinePod[];
}

export interface Interval<T> {
  from: VirtualMs;
  /** Undefined while still open at the horizon. */
  to?: VirtualMs;
  value: T;
}

export interface TimelinePod {
  namespace: string;
  name: string;
  createdMs: VirtualMs;
  deletedMs?: VirtualMs;
  /** When deletion was requested (Terminating from here). */
  deletingMs?: VirtualMs;
  node?: string;
  ip?: string;
  /** The Ready condition. */
  ready: Interval<boolean>[];
  /** kubectl's STATUS column over time. */
  status: Interval<string>[];
  /** Presence in a Service's endpoints: one interval list per service name. */
  endpoints: Array<{ service: string; intervals: Interval<'ready' | 'not-ready'>[] }>;
  containers: TimelineContainer[];
}

export interface TimelineContainer {
  name: string;
  init: boolean;
  /** waiting / running / terminated, with the reason (ContainerCreating, CrashLoopBackOff, Completed, Error …). */
  states: Interval<{ state: 'waiting' | 'running' | 'terminated'; reason?: string; exitCode?: number }>[];
  probes: Array<{ t: VirtualMs; probe: ProbeKind; result: ProbeRecord['result'] }>;
  /** Times at which a restart was counted. */
  restarts: VirtualMs[];
}
