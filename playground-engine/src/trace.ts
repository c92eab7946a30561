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
  /** The same line written this many times in a row at `t` (a busy writer's output, stored once). */
  repeat?: number;
}

/** One rotation of a container's log file. */
export interface LogRotation {
  t: VirtualMs;
  namespace: string;
  pod: string;
  uid?: string;
  container: string;
  attempt: number;
  /** Size of the file that was rotated away (CRI format, bytes). */
  bytes: number;
  /** Rotated files kept next to the current one after this rotation (at most containerLogMaxFiles - 1). */
  kept: number;
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
  /** stdout and stderr in the order written, when the step wrote to both. */
  output?: Array<{ stream: 'stdout' | 'stderr'; text: string }>;
}

/**
 * One traffic client's results in one second of virtual time (`t` = the second's start).
 * Empty maps are omitted. This is also the shape of `k8s-sim run --json`'s `traffic` entries
 * (there `time` is in seconds).
 */
export interface TrafficBucket {
  t: VirtualMs;
  /** Index of the client in the Scenario's `spec.traffic`. */
  client: number;
  url: string;
  /** Successful responses per backend pod name (the pod that answered). */
  ok?: Record<string, number>;
  /** Failed requests per client error text, in the client's own wording (curl 7.29 / wget). */
  errors?: Record<string, number>;
}

/** Totals per traffic client over the whole run. */
export interface TrafficSummary {
  client: number;
  url: string;
  sent: number;
  ok: number;
  failed: number;
}

/** One step of a "why did this request fail" explanation, taken from the run's own records. */
export interface ExplainStep {
  t: VirtualMs;
  /** Component as in ComponentLog (`kubelet/k8s-node01`, `kube-proxy/k8s-master01`, `endpointslice-controller` …) or `client`. */
  component: string;
  message: string;
}

/** A failed request and the chain of what led to it, in order, with virtual times. */
export interface TrafficFailure {
  /** When the request was sent. */
  t: VirtualMs;
  client: number;
  url: string;
  /** The client's error text (the key used in TrafficBucket.errors). */
  error: string;
  /** The backend pod the connection went to, when kube-proxy picked one. */
  pod?: string;
  /** The packet's path through the client node's kube-proxy rules. */
  path?: PacketPath;
  /**
   * What the backend was doing: `terminating` (the pod had its deletionTimestamp), `starting`
   * (the pod was an endpoint but nothing listened yet), `no-endpoints` (kube-proxy had no
   * backend: REJECT), `other`.
   */
  cause?: 'terminating' | 'starting' | 'no-endpoints' | 'other';
  steps: ExplainStep[];
}

/** One rule a packet crossed, exactly as `iptables-save` prints it (with its chain). */
export interface PacketRule {
  table: 'nat' | 'filter' | 'mangle';
  chain: string;
  /** The rule line as iptables-save prints it (`-A KUBE-SERVICES -d 10.103.… -j KUBE-SVC-…`). */
  rule: string;
}

/**
 * The first packet of a connection through kube-proxy's data path on the node the client runs
 * on, as the kernel took it at that moment.
 */
export interface PacketPath {
  t: VirtualMs;
  /** The node whose netfilter/IPVS handled the packet (the client's node). */
  node: string;
  mode: 'iptables' | 'ipvs';
  src: string;
  dst: string;
  dport: number;
  proto: 'tcp' | 'udp';
  /** iptables mode: every rule that matched and jumped or acted, in order (nat then filter). In ipvs mode: the iptables rules crossed (ipset matches, KUBE-MARK-MASQ …). */
  rules: PacketRule[];
  /** ipvs mode: the ipset that matched, the virtual server and the scheduler's choice. */
  ipvs?: {
    /** `KUBE-CLUSTER-IP` etc. with the entry that matched (`10.103.12.34,tcp:80`). */
    ipset?: string;
    /** The virtual server as `ipvsadm -Ln` prints it (`TCP  10.103.12.34:80 rr`). */
    virtualServer: string;
    scheduler: string;
    /** The real servers at that moment (`172.17.125.5:80`), and the one chosen. */
    realServers: string[];
    /** The real servers' weights, in the same order (0 = quiesced by graceful termination: no new connections). */
    weights?: number[];
    chosen?: string;
  };
  verdict: 'dnat' | 'reject' | 'drop' | 'none';
  /** The DNAT target (`172.17.125.5:80`). */
  to?: string;
  /** The backend pod behind `to`. */
  pod?: string;
  masquerade: boolean;
  /** The conntrack entry that keeps the connection's later packets on the same backend, as `conntrack -L` prints it. */
  conntrack?: string;
}

/**
 * Something the simulator itself tells the reader, outside any kubectl output: e.g. an image
 * its registry does not have, with the closest images it has. The text is the simulator's.
 */
export interface Notice {
  /** When it was first noticed (the pod that uses the image was created). */
  t: VirtualMs;
  kind: 'image-not-in-catalog';
  /** The image reference as written. */
  image: string;
  message: string;
  /** The closest references the simulated registry has, best first. */
  closest: string[];
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
  /** Per traffic client totals (sent, ok, failed). */
  trafficSummary?: TrafficSummary[];
  /** Failed requests with their explanation (bounded: the first ones of each second). */
  trafficFailures?: TrafficFailure[];
  /** A sample packet path per client, second and backend (bounded), for the packet-path view. */
  packetPaths?: PacketPath[];
  /** The kube-proxy mode the run used. */
  proxyMode?: 'iptables' | 'ipvs';
  diagnostics: Diagnostic[];
  /** Container log rotations (node/runtime/logs.ts): the lines of a rotated file are no longer in `logs`. */
  logRotations?: LogRotation[];
  /** Notes from the simulator itself (images its registry lacks …), shown apart from kubectl output. */
  notices?: Notice[];
  /** Set when a cap stopped the run early (too many events); the run is still usable up to horizonMs. */
  capped?: string;
  /** The same cut as data: which limit stopped the run and at what virtual time (`capped` is its message). */
  cut?: RunCut;
}

/**
 * Why a run ended before its horizon. Everything up to `atMs` is in the trace.
 * - `tasks`: the engine-task cap (deterministic: the same input is cut at the same point);
 * - `memory`: the trace grew past its size cap (deterministic);
 * - `wall`: the wall-time budget of the caller (worker, CLI) ran out (not deterministic);
 * - `internal`: the simulator failed (a bug), the run stops where it failed.
 */
export interface RunCut {
  limit: 'tasks' | 'memory' | 'wall' | 'internal';
  atMs: VirtualMs;
  message: string;
  /** The horizon the run was asked to reach (the page draws the part it did not simulate). */
  untilMs?: VirtualMs;
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
