/**
 * The container runtime as the kubelet sees it (the CRI side of containerd plus the Linux
 * kernel underneath): image store, pod sandboxes, containers, processes, signals, exec.
 *
 * Everything here happens in virtual time: calls that take time (pulls, stop with a grace
 * period, exec) complete through callbacks scheduled on the engine's EventQueue, never
 * synchronously inside the call, so callers never see re-entrant callbacks.
 */
import type { VirtualMs } from '../../types';
import type { LineInput } from './kernel';
import type { MountSource } from './fs';

/** SIGWINCH is httpd's STOPSIGNAL (graceful stop); its default action is to ignore it. */
export type Signal = 'SIGHUP' | 'SIGINT' | 'SIGQUIT' | 'SIGKILL' | 'SIGUSR1' | 'SIGUSR2' | 'SIGTERM' | 'SIGWINCH';

/** Linux signal numbers, for exit codes (128 + n) and `Signal:` in describe. */
export const SIGNAL_NUMBERS: Record<Signal, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28,
};

/** What a simulated registry knows about an image (its OCI config and manifest). */
export interface ImageConfig {
  /** The reference exactly as the reader wrote it (`nginx:1.23`). */
  ref: string;
  /** Fully qualified: `docker.io/library/nginx:1.23`. */
  fullRef: string;
  /** `docker.io/library/nginx@sha256:…` as describe prints under Image ID. */
  imageId: string;
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  /** `KEY=value` entries of the image config. */
  env: string[];
  workingDir: string;
  stopSignal: Signal;
  /** The Dockerfile's USER (name or uid); root when absent. */
  user?: string;
}

export type PullOutcome =
  | { ok: true; image: ImageConfig; pullMs: VirtualMs }
  /** `error` is the CRI error text that follows `Failed to pull image "x": `. */
  | { ok: false; error: string; pullMs: VirtualMs };

/** One node's containerd. */
export interface NodeRuntime {
  readonly nodeName: string;
  /** Whether the image is already in this node's image store. */
  hasImage(ref: string): boolean;
  /** Config of an image present on the node (undefined if absent). */
  imageConfig(ref: string): ImageConfig | undefined;
  /** Pull an image; `done` runs when the pull finishes (pulls on one node are serialized). */
  pull(ref: string, done: (outcome: PullOutcome & { waitedMs: VirtualMs }) => void): void;
  /** Create the pause sandbox: a network namespace with the pod's IP, shared by its containers. */
  createSandbox(spec: SandboxSpec): Sandbox;
}

export interface SandboxSpec {
  podUid: string;
  podName: string;
  namespace: string;
  /** Pod hostname (= pod name unless spec.hostname). */
  hostname: string;
  ip: string;
  /** Content of /etc/resolv.conf for the pod's containers. */
  resolvConf: string;
  /** Content of /etc/hosts. */
  hosts: string;
  /** The pod shares the node's network namespace (spec.hostNetwork): no namespace of its own, the node's IP. */
  hostNetwork?: boolean;
}

export interface Sandbox {
  readonly ip: string;
  /** Create (not start) a container: the runtime's CreateContainer. */
  createContainer(spec: ContainerSpec): ContainerHandle;
  /** Tear the sandbox down: SIGKILL anything still running, free the IP. */
  destroy(): void;
}

export interface ContainerSpec {
  name: string;
  image: ImageConfig;
  /** The final argv (entrypoint/cmd replaced by command/args, `$(VAR)` already expanded by the kubelet). */
  argv: string[];
  /** Environment: image env overridden by the container's env, in order. */
  env: Array<[string, string]>;
  workingDir: string;
  /** How many times this container was restarted before (0 for the first instance). */
  attempt: number;
  /** Files the kubelet mounts from volumes (service account token, ConfigMaps, Secrets), by path. */
  files?: Record<string, string>;
  /** Those of `files` bind-mounted read-only (a subPath of a configMap/secret volume, `readOnly: true`). */
  readOnlyFiles?: string[];
  /** Directories mounted from volumes (emptyDir), created empty. */
  dirs?: string[];
  /** Pod volumes bind-mounted at a path (shared with the pod's other containers that mount them). */
  mounts?: Array<{ path: string; source: MountSource; readOnly?: boolean }>;
  /** The container's id when it is already known (a system pod's container, running since before t = 0). */
  id?: string;
  /** The container's memory cgroup limit (resources.limits.memory), bytes; without it the node's allocatable memory bounds it. */
  memoryLimitBytes?: number;
  /**
   * The container's `stdin` / `tty` / `stdinOnce`: PID 1 gets a standard input that stays open
   * (a shell waits at it) until an attach sends lines; with stdinOnce it closes when the first
   * attach ends.
   */
  stdin?: { tty: boolean; once: boolean };
}

export type ContainerState = 'created' | 'running' | 'exited';

export interface ContainerListener {
  /** PID 1 exited (or never started): read the handle's exit fields. */
  onExit(c: ContainerHandle): void;
  /** A line the container wrote to stdout/stderr (what `kubectl logs` shows); `repeat`: written that many times in a row. */
  onLog?(stream: 'stdout' | 'stderr', line: string, t: VirtualMs, repeat?: number): void;
}

export interface ExecOptions {
  /** Kill the exec'd process after this long (exec probes' timeoutSeconds). */
  timeoutMs?: VirtualMs;
  stdin?: string;
  tty?: boolean;
  /** An interactive terminal: the reader's lines reach the process one at a time (kernel.ts LineInput). */
  input?: LineInput;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the process died from a signal (exitCode is then 128 + its number). */
  signal?: Signal;
  /**
   * Set when the process could not start at all, with the runtime's text, e.g.
   * `OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown`.
   */
  startError?: string;
  /**
   * The reader's terminal gave up waiting and pressed Ctrl-C (SIGINT to the foreground job):
   * when, and how much of stdout / stderr had been written by then (where the tty's `^C` echo goes).
   */
  interrupts?: TerminalInterrupt[];
  /**
   * Both streams as written, in order (consecutive writes of a stream merged); set by the
   * node's terminal when a command wrote to both, so `k8s-sim` can print them interleaved.
   */
  output?: OutputChunk[];
  /** The simulator's notes on the command, shown apart from its output (e.g. a command this machine lacks). */
  notices?: Array<{ kind: string; command: string; message: string; closest: string[] }>;
}

export interface TerminalInterrupt {
  atMs: VirtualMs;
  stdoutLen: number;
  stderrLen: number;
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ContainerHandle {
  /** `containerd://` + 64 hex characters. */
  readonly id: string;
  readonly name: string;
  readonly state: ContainerState;
  readonly startedAt?: VirtualMs;
  readonly finishedAt?: VirtualMs;
  readonly exitCode?: number;
  /** Set when PID 1 died from a signal. */
  readonly exitSignal?: Signal;
  /** containerd's reason once exited: `Completed` (exit 0), `Error`, `OOMKilled`, `StartError`. */
  readonly reason?: string;
  /** For StartError: the runtime's message (e.g. `exec: "foo": executable file not found in $PATH`). */
  readonly message?: string;
  /** Start PID 1 now. A missing executable gives an immediate StartError exit (code 128). */
  start(listener: ContainerListener): void;
  /** Deliver a signal to PID 1. PID 1 ignores signals it has no handler for, except SIGKILL. */
  signal(sig: Signal): void;
  /**
   * CRI StopContainer: the image's stop signal to PID 1, then SIGKILL after `timeoutMs` if it
   * is still alive. `done` runs once the container has exited.
   */
  stop(timeoutMs: VirtualMs, done?: () => void): void;
  /** Run a process inside the container (kubectl exec, exec probes, exec hooks). */
  exec(argv: string[], opts: ExecOptions, done: (r: ExecResult) => void): void;
  /** Whether a process with this name (comm) is running in the container: for tests and views. */
  hasProcess(name: string): boolean;
  /** PID 1's open standard input (a container with `stdin: true`), what `kubectl attach -i` writes to. */
  readonly input?: import('./kernel').LineInput;
  /** Run `done` once PID 1 has exited (at once when it already has). */
  whenExited?(done: () => void): void;
}

/** Result of an HTTP request made by the kubelet's prober or a lifecycle hook. */
export type HttpOutcome =
  | { ok: true; status: number; headers: Array<[string, string]>; body: string }
  /** `error` is Go's error text, e.g. `Get "http://172.17.125.14:80/": dial tcp 172.17.125.14:80: connect: connection refused`. */
  | { ok: false; error: string; timedOut: boolean };

export type DialOutcome = { ok: true } | { ok: false; error: string; timedOut: boolean };

export type GrpcHealthOutcome =
  | { ok: true; status: 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN' }
  /** Text as k8s.io/kubernetes/pkg/probe/grpc prints it, e.g. `timeout: failed to connect service "172.17.125.9:2379" within 1s: context deadline exceeded`. */
  | { ok: false; error: string };

export interface HttpRequestSpec {
  scheme: 'HTTP' | 'HTTPS';
  host: string;
  port: number;
  path: string;
  headers: Array<[string, string]>;
}

/**
 * Where a packet to a Service VIP goes: kube-proxy's rules, installed by the engine's
 * network module. Returns undefined when the address is not a VIP.
 */
export type ServiceRouter = (dstIp: string, dstPort: number, protocol: 'TCP' | 'UDP', srcIp: string, /** The source port the connection will use (for its conntrack entry). */ srcPort?: number) =>
  | {
      backendIp: string;
      backendPort: number;
      /** Optional: POSTROUTING masquerades the client (node → VIP, hairpin, NodePort with Cluster policy). */
      masquerade?: boolean;
      /** Called once when the connection ends (ipvs: ActiveConn → InActConn). */
      close?: () => void;
    }
  /**
   * A VIP whose service has no ready endpoints: kube-proxy's REJECT (connection refused).
   * Optional `drop`: the rules DROP instead (a Local traffic policy without local endpoints):
   * the client sees a timeout, not a refusal.
   */
  | { reject: true; drop?: boolean }
  | undefined;

/** CoreDNS as a function: answers A queries for cluster names (undefined = NXDOMAIN). */
export type DnsResolver = (fqdn: string) => string[] | undefined;

/** The pod network (Calico) and node network: who listens where, and the clients' view. */
export interface Network {
  /** The kubelet's HTTP client (probes and httpGet hooks), from the node's host namespace. */
  httpGet(fromNode: string, req: HttpRequestSpec, timeoutMs: VirtualMs, userAgent: string, done: (o: HttpOutcome) => void): void;
  /** The kubelet's TCP dialer (tcpSocket probes and hooks). */
  dialTcp(fromNode: string, ip: string, port: number, timeoutMs: VirtualMs, done: (o: DialOutcome) => void): void;
  /** The kubelet's gRPC health client (grpc probes). */
  grpcHealth(fromNode: string, ip: string, port: number, service: string, timeoutMs: VirtualMs, done: (o: GrpcHealthOutcome) => void): void;
  setServiceRouter(router: ServiceRouter): void;
  setDnsResolver(resolver: DnsResolver): void;
}
