/**
 * What kubectl talks to. The engine implements KubectlHost over its object store and runtime;
 * the kubectl module (command parser + printers) only reads and writes through it, exactly as
 * the real kubectl only talks to the API server.
 */
import type { Future } from '../programs/types';
import type { ListenSpec, NetApi } from '../programs/net';
import type { ExecResult } from '../node/runtime/types';
import type { K8sObject, VirtualMs } from '../types';
import type { FieldCause } from '../api/types';

/** The file `kubectl edit` opens in the reader's editor. */
export interface EditRequest {
  /** Where kubectl wrote it (`/tmp/kubectl-edit-….yaml`). */
  file: string;
  /** Its text: kubectl's header (with the failures of the last save), then the objects' YAML. */
  buffer: string;
}

/** The reader's editor, for `kubectl edit` typed in the page's terminal. */
export interface TerminalEditor {
  /** The text the reader saved in the next editor round, or undefined when the editor must open. */
  next(): string | undefined;
  /** Open the editor on this file: the line stops here until the reader saves or quits. */
  open(req: EditRequest): void;
}

/** One stored revision of an object (for `get -w` and the timeline). */
export interface Revision {
  t: VirtualMs;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The object as stored after the change (for DELETED: the last state). */
  object: K8sObject;
}

/** What a watch delivered since the last call (`KubectlHost.watch`). */
export interface WatchBatch {
  revisions: Revision[];
  /** Pass as `from` for the next batch. */
  resume: number;
  /** Settles at the next revision of the watched kind (not necessarily of this namespace). */
  changed: Future<void>;
}

/** Where a followed log stands: one container instance, the lines up to `t` (`seenAtT` of those at `t`). */
export interface LogCursor {
  uid: string;
  attempt: number;
  t: VirtualMs;
  seenAtT: number;
}

/** What a followed log delivered since the last call (`KubectlHost.followLog`). */
export interface LogBatch {
  text: string;
  cursor: LogCursor;
  changed: Future<void>;
}

/** A resource kubectl knows (`kubectl api-resources`). */
export interface ResourceInfo {
  name: string; // pods
  shortNames: string[]; // po
  apiVersion: string; // v1
  namespaced: boolean;
  kind: string; // Pod
  singular: string; // pod
  /** Discovery verbs (`kubectl api-resources -o wide`, `--verbs`); optional. */
  verbs?: string[];
  /** Discovery categories (`all`); optional. */
  categories?: string[];
}

/** What `kubectl version` and `kubectl cluster-info` report (the kubeconfig's server URL). */
export interface ClusterInfo {
  /** `v1.30.2` */
  serverVersion: string;
  /** `https://192.168.200.61:6443` */
  controlPlaneUrl: string;
}

export interface ApplyOutcome {
  /** Lines kubectl prints on stdout (`pod/nginx created`). */
  stdout: string[];
  /** Lines on stderr (validation errors, `Warning: …`). */
  stderr: string[];
  ok: boolean;
}

export interface KubectlHost {
  now(): VirtualMs;
  resources(): ResourceInfo[];
  /** Objects of a kind (`Pod`) in a namespace, or in all namespaces when undefined; sorted by namespace, name. */
  list(kind: string, namespace?: string): K8sObject[];
  get(kind: string, namespace: string, name: string): K8sObject | undefined;
  /** Every revision of objects of a kind up to now, in order (for `-w`). */
  history(kind: string, namespace?: string): Revision[];
  /**
   * Send documents to the API server as `kubectl create/apply/replace -f <fileName>` does
   * (decoding, strict fields, defaulting, validation). `dryRun: 'client'` only decodes.
   */
  apply(text: string, fileName: string, opts: { mode: 'create' | 'apply' | 'replace'; dryRun?: 'client' | 'server'; namespace?: string }): ApplyOutcome;
  /** Create an object kubectl built itself (`kubectl run`, `kubectl create deployment`). */
  createObject(obj: K8sObject, opts: { dryRun?: 'client' | 'server' }): ApplyOutcome & { object?: K8sObject };
  /**
   * Read-modify-write of a stored object (PATCH/PUT as `kubectl scale`, `set image`, `rollout
   * restart`, `cordon` send them). Optional: a read-only host leaves it out.
   */
  patch?(kind: string, namespace: string, name: string, mutate: (o: K8sObject) => void): { ok: true; object: K8sObject; changed: boolean } | { ok: false; error: string };
  /** The reader's editor when the line runs in the page's terminal (`kubectl edit`); else undefined. */
  editor?(): TerminalEditor | undefined;
  /** PUT of a whole object (`kubectl edit`'s update): the API server's update checks and causes. */
  replaceObject?(obj: K8sObject): ApplyOutcome & { causes?: FieldCause[] };
  /** Graceful delete, as the API server does it. */
  delete(kind: string, namespace: string, name: string, opts: { gracePeriodSeconds?: number; force?: boolean }): { ok: boolean; error?: string };
  /**
   * The API server's watch behind `get -w`: the revisions of a kind stored from `from` on (a
   * position in the record; undefined: from now, so none), where to go on from, and a Future that
   * settles at the virtual time of the next revision of the kind. Optional: a read-only view has
   * no future.
   */
  watch?(kind: string, namespace: string | undefined, from?: number): WatchBatch;
  /**
   * The kubelet's log stream behind `logs -f`: what the container instance at `from` wrote after
   * it (undefined: the instance running now, from now on, so nothing), where to go on from, and a
   * Future that settles at the virtual time of its next line or of the next change of a pod.
   * Undefined when the pod is gone. `stream`: one of the two only (an attach gets them apart; a
   * cursor then counts that stream's lines). Optional, as `watch`.
   */
  followLog?(namespace: string, pod: string, container: string, from?: LogCursor, stream?: 'stdout' | 'stderr'): LogBatch | undefined;
  /** Container log (`previous` = the instance before the last restart), or an error text as kubectl prints it. */
  /** `stream`: one of the two (an attach gets them apart); the log file has both, in order. */
  logs(namespace: string, pod: string, container: string | undefined, opts: { previous?: boolean; stream?: 'stdout' | 'stderr' }): { ok: true; text: string } | { ok: false; error: string };
  /**
   * Attach to a running container's PID 1 (its stdin when the container has one): `terminal`
   * says the reader's terminal took it (a TTY session); the future settles when PID 1 exits.
   */
  attach?(namespace: string, pod: string, container: string, opts: { stdin?: string; tty?: boolean; interactive?: boolean }): { future: Future<ExecResult>; terminal: boolean } | { error: string };
  /**
   * The pod's `portforward` subresource (the API server proxies to the kubelet, whose CRI
   * streaming server hands each stream to containerd's PortForward): the streaming connection,
   * or the error kubectl prints when it cannot be made. Optional: a read-only view has none.
   */
  portForward?(namespace: string, pod: string): PortForwardConnection | { error: string };
  /** Whether the runtime has the container running now (the kubelet's attach finds only those). */
  containerRunning?(namespace: string, pod: string, container: string): boolean;
  /** Run a process in a pod's container; error text as kubectl prints it when it cannot start. */
  exec(namespace: string, pod: string, container: string | undefined, argv: string[], opts: { stdin?: string; tty?: boolean; interactive?: boolean }): Future<ExecResult> | { error: string };
  /**
   * Field documentation for `kubectl explain` (the OpenAPI-lite data generated by api/), or
   * undefined when the host has not loaded it.
   */
  explainData(): unknown | undefined;
  /** The Metrics API (metrics-server's latest scrape); undefined when the cluster has none (kubectl top). */
  metrics?(): MetricsSnapshot;
  /** Server version and API server URL; optional (kubectl falls back to v1.30.2 and the `kubernetes` endpoints). */
  clusterInfo?(): ClusterInfo;
}

/** What metrics.k8s.io serves: per pod, per container usage; per node usage. */
export interface MetricsSnapshot {
  pods: Array<{ namespace: string; name: string; labels?: Record<string, string>; containers: Array<{ name: string; cpuMilli: number; memBytes: number }> }>;
  nodes: Array<{ name: string; cpuMilli: number; memBytes: number }>;
}

/** One forwarded connection's far end, as containerd's portForward dialed it in the pod's network namespace. */
export type PortForwardDial =
  | { ok: true; /** The pod's network namespace, where the connection to 127.0.0.1:PORT is made. */ net: NetApi }
  /** What the error stream carries (`error forwarding port 80 to pod …, uid : …`). */
  | { ok: false; error: string };

/** kubectl's streaming connection to the kubelet for one `port-forward` (SPDY, `portforward.k8s.io`). */
export interface PortForwardConnection {
  /** A new stream pair for one local connection: dial localhost:PORT inside the pod's network namespace. */
  dial(port: number): Future<PortForwardDial>;
  /** The socket that takes a connection to localhost:PORT in the pod now (a gRPC health check answers at once). */
  peek(port: number): ListenSpec | undefined;
  /** Settles when the connection is closed (`close`). */
  readonly closed: Future<void>;
  close(): void;
}
