/**
 * What the node tools on a host (route, ip, crictl, ctr, ssh …) read: the node's real state,
 * handed over by the world that owns the machines (node/runtime/world.ts). Nothing here is
 * canned: every row comes from the runtime's sandboxes and containers, the image store, the
 * pod network and the cluster's addresses.
 */
import type { NodeRoute } from './routes';
import type { Future } from '../types';
import type { ExecResult } from '../../node/runtime/types';

export interface SandboxInfo {
  id: string;
  namespace: string;
  name: string;
  uid: string;
  ip: string;
  ready: boolean;
  createdAt: number;
  attempt: number;
}

export interface ContainerInfo {
  /** 64 hex characters (no `containerd://`). */
  id: string;
  name: string;
  imageRef: string;
  imageId: string;
  state: 'created' | 'running' | 'exited';
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  attempt: number;
  sandbox: SandboxInfo;
}

export interface ImageInfo {
  /** Full repository: docker.io/library/nginx */
  repo: string;
  tag: string;
  /** 64 hex digest of the image config (crictl's IMAGE ID, ctr's DIGEST). */
  id: string;
  sizeBytes: number;
}

/** A systemd service of the host (binary install: kubelet, kube-proxy, containerd). */
export interface UnitInfo {
  /** `kubelet` (without `.service`). */
  name: string;
  description: string;
  docs?: string;
  /** The unit file. */
  path: string;
  mainPid: number;
  comm: string;
  cmdline: string;
  /** When it became active (virtual ms; the host's boot). */
  since: number;
}

export interface NodeView {
  readonly name: string;
  readonly ip: string;
  routes(): NodeRoute[];
  /** A name for an address, from the hosts file (route's gateway column). */
  hostName(ip: string): string | undefined;
  /** tunl0's address (Calico's IPIP tunnel address: the first of the node's block). */
  tunnelIp(): string | undefined;
  sandboxes(): SandboxInfo[];
  containers(): ContainerInfo[];
  images(): ImageInfo[];
  /** The container's log lines as the CRI log file holds them (stream, time, text). */
  containerLog(id: string): Array<{ t: number; stream: 'stdout' | 'stderr'; text: string }>;
  /** Run a command line on another machine (ssh NAME CMD); undefined when there is no such host. */
  runOn(host: string, line: string): Future<ExecResult> | undefined;
  /**
   * An interactive login on another machine (`ssh NAME` on a terminal): root's login bash,
   * attached to the reader's terminal when the page's session runs the line (then its output
   * goes there as it comes), otherwise reading an input that has already ended.
   */
  loginOn(host: string): { future: Future<ExecResult>; attached: boolean } | 'no-host' | 'fork';
  /** The host's listening TCP sockets, with the owning process when known. */
  listeners(): Array<{ address: string; port: number; comm?: string; pid?: number }>;
  /** The host's systemd services. */
  units(): UnitInfo[];
  /** A unit's journal lines (klog text), oldest first. */
  journal(unit: string, pid: number): Array<{ t: number; text: string }>;
  /** When the journal begins (the host's boot). */
  bootTime(): number;
  /** Addresses of the other machines (ssh's name resolution). */
  hostIp(name: string): string | undefined;
}
