/**
 * One node's containerd: the image store (preloaded images plus what was pulled), pulls
 * serialized one at a time (the kubelet's default), and pod sandboxes.
 *
 * Pull time is a function of the image size: 0.5 s + size at 10 MB/s; an image already in
 * the store only has its manifest checked (0.5 s + 2 % of that). Resolution failures take
 * 1 s (tag not found) or 1.5 s (repository not found: the registry's auth round trip).
 */
import type { EventQueue } from '../../sim/queue';
import type { Prng } from '../../sim/prng';
import type { ImageConfig, NodeRuntime, PullOutcome, Sandbox, SandboxSpec } from './types';
import type { OsInfo } from '../../programs/types';
import type { Fabric } from '../../network/fabric';
import type { ProgramRegistry } from './kernel';
import { CATALOG, fakeDigest, imageConfigOf, type ImageDef } from '../../programs/images/catalog';
import { parseRef, resolveRef } from '../../programs/images/resolve';
import { PodSandbox } from './sandbox';
import { SYSTEM_IMAGES } from '../../programs/images/system';

export const PULL_BYTES_PER_MS = 10_000;
export const PULL_BASE_MS = 500;

export interface NodeContext {
  name: string;
  queue: EventQueue;
  prng: Prng;
  fabric: Fabric;
  programs: ProgramRegistry;
  imageDef(fullRef: string): ImageDef;
  osInfo(def: ImageDef): OsInfo;
  /** The host's process table, for the pods on the host network (node/runtime/host.ts). */
  hostProcesses?: HostProcessTable;
}

/** What a host-network sandbox tells the host's process table. */
export interface HostProcessTable {
  sandboxStarted(sandboxId: string, at: number): void;
  containerStarted(sandboxId: string, argv: string[], image: string, at: number): void;
  containerExited(sandboxId: string): void;
  sandboxRemoved(sandboxId: string): void;
}

export class ContainerdNode implements NodeRuntime {
  private store = new Map<string, ImageDef>();
  private busyUntil = 0;
  readonly ctx: NodeContext;

  constructor(readonly nodeName: string, o: { queue: EventQueue; prng: Prng; fabric: Fabric; programs: ProgramRegistry; kernelRelease: string; cpus: number; preloadedImages: string[]; /** The cluster's own images already in this node's store (system pods). */ systemImages?: ImageDef[]; hostProcesses?: HostProcessTable }) {
    this.ctx = {
      name: nodeName,
      ...(o.hostProcesses ? { hostProcesses: o.hostProcesses } : {}),
      queue: o.queue,
      prng: o.prng,
      fabric: o.fabric,
      programs: o.programs,
      imageDef: (full) => CATALOG.find((d) => `${d.repo}:${d.tag}` === full) ?? SYSTEM_IMAGES.find((d) => `${d.repo}:${d.tag}` === full) ?? CATALOG[0],
      osInfo: (def) => ({ id: def.os === 'ubuntu' ? 'debian' : def.os === 'busybox' ? 'alpine' : def.os, version: def.osVersion, kernel: o.kernelRelease, tzOffsetMin: 0, tzName: 'UTC', cpus: o.cpus }),
    };
    for (const ref of o.preloadedImages) {
      const r = resolveRef(ref, (d) => fakeDigest(`${d.repo}:${d.sizeBytes}`));
      if (r.ok) this.store.set(this.key(r.def), r.def);
    }
    for (const def of o.systemImages ?? []) this.store.set(this.key(def), def);
  }

  private key(def: ImageDef): string {
    return `${def.repo}:${def.tag}`;
  }

  private lookup(ref: string): ImageDef | undefined {
    const p = parseRef(ref);
    if (!p) return undefined;
    if (p.digest) {
      for (const d of this.store.values()) if (d.repo === p.repo && `sha256:${fakeDigest(`${d.repo}:${d.sizeBytes}`)}` === p.digest) return d;
      return undefined;
    }
    return this.store.get(`${p.repo}:${p.tag}`);
  }

  hasImage(ref: string): boolean {
    return this.lookup(ref) !== undefined;
  }

  imageConfig(ref: string): ImageConfig | undefined {
    const d = this.lookup(ref);
    return d ? imageConfigOf(d, ref) : undefined;
  }

  pull(ref: string, done: (outcome: PullOutcome & { waitedMs: number }) => void): void {
    const q = this.ctx.queue;
    const start = Math.max(q.now, this.busyUntil);
    const waitedMs = start - q.now;
    const r = resolveRef(ref, (d) => fakeDigest(`${d.repo}:${d.sizeBytes}`));
    let pullMs: number;
    if (!r.ok) pullMs = r.error.includes('pull access denied') ? 1500 : 1000;
    else {
      const full = PULL_BASE_MS + Math.round(r.def.sizeBytes / PULL_BYTES_PER_MS);
      pullMs = this.lookup(ref) ? PULL_BASE_MS + Math.round((full - PULL_BASE_MS) * 0.02) : full;
    }
    this.busyUntil = start + pullMs;
    q.at(start + pullMs, () => {
      if (r.ok) {
        this.store.set(this.key(r.def), r.def);
        done({ ok: true, image: imageConfigOf(r.def, ref), pullMs, waitedMs });
      } else done({ ok: false, error: r.error, pullMs, waitedMs });
    }, `pull ${ref}`);
  }

  /** Every sandbox this containerd ran, in order (crictl pods, ctr c ls). */
  readonly sandboxes: PodSandbox[] = [];

  createSandbox(spec: SandboxSpec): Sandbox {
    const s = new PodSandbox(this.ctx, spec, this.ctx.fabric);
    this.sandboxes.push(s);
    return s;
  }

  /**
   * A sandbox of the cluster's own pods (running since before t = 0): drawn from its own
   * random stream, so that the reader's pods get the same ids with or without them.
   */
  createSystemSandbox(spec: SandboxSpec, createdAt: number, prng: Prng): PodSandbox {
    const s = new PodSandbox({ ...this.ctx, prng }, spec, this.ctx.fabric);
    s.createdAt = createdAt;
    this.sandboxes.push(s);
    return s;
  }

  /** The images in this node's store (crictl images). */
  images(): ImageDef[] {
    return [...this.store.values()];
  }
}
