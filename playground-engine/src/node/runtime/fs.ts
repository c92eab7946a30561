/**
 * Container filesystems: an image's files shared read-only by every container of that image
 * (the lower layer, built once) plus a small copy-on-write upper layer per container, as
 * overlayfs does for containerd's snapshots. Removing a file from the image leaves a
 * whiteout; a directory removed and created again is opaque (the image's entries stay hidden).
 */
import type { FileStat, FileSystem } from '../../programs/types';
import type { VirtualMs } from '../../types';
import { byteLength } from '../../programs/tools/bytes';

export type FsNode =
  | { kind: 'file'; content: string; mode: number; mtime: VirtualMs; uid: number; gid: number; program?: string; size?: number; device?: 'null' | 'stdout' | 'stderr' | 'zero' }
  | { kind: 'dir'; mode: number; mtime: VirtualMs; uid: number; gid: number; opaque?: boolean }
  | { kind: 'symlink'; target: string; mtime: VirtualMs };

const WHITEOUT = 'whiteout' as const;
type Upper = FsNode | typeof WHITEOUT;

/** Normalise an absolute path: collapse `//`, `.` and `..` (no symlink resolution). */
export function normalize(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1) || '/';
}

/** An image's file tree: built once, shared by every container of the image. */
export class ImageTree {
  readonly nodes = new Map<string, FsNode>();
  readonly children = new Map<string, Set<string>>();

  constructor() {
    this.nodes.set('/', { kind: 'dir', mode: 0o755, mtime: 0, uid: 0, gid: 0 });
  }

  add(path: string, node: FsNode): void {
    const p = normalize(path);
    this.ensureDir(dirname(p), node.mtime);
    this.nodes.set(p, node);
    this.link(p);
  }

  private ensureDir(p: string, mtime: VirtualMs): void {
    if (this.nodes.has(p)) return;
    this.ensureDir(dirname(p), mtime);
    this.nodes.set(p, { kind: 'dir', mode: 0o755, mtime, uid: 0, gid: 0 });
    this.link(p);
  }

  private link(p: string): void {
    if (p === '/') return;
    const d = dirname(p);
    let set = this.children.get(d);
    if (!set) this.children.set(d, (set = new Set()));
    set.add(basename(p));
  }
}

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'ELOOP' | 'EFBIG' | 'EROFS' | 'EBUSY';

/** Bytes one container may add to its upper layer (a cap against runaway writers). */
export const MAX_UPPER_BYTES = 4 * 1024 * 1024;

/**
 * What a bind mount shows in a container: a directory tree kept outside the container's own
 * layers (a pod volume, a directory of the node), shared by every container that mounts it.
 * Paths are relative to the mount's root (`/` is the mounted directory itself).
 */
export interface MountSource {
  get(rel: string): FsNode | undefined;
  put(rel: string, node: FsNode): void;
  /** Remove an entry and everything under it. */
  drop(rel: string): void;
  /** Names directly under a directory, sorted. */
  names(rel: string): string[];
  /** Bumped on every change (a container's path cache checks it). */
  readonly generation: number;
}

/** A pod volume's directory (emptyDir, and the kubelet's ConfigMap/Secret/downwardAPI volumes). */
export class VolumeDir implements MountSource {
  private nodes = new Map<string, FsNode>();
  private kids = new Map<string, Set<string>>();
  generation = 0;
  bytes = 0;

  constructor(mtime: VirtualMs, mode = 0o777) {
    this.nodes.set('/', { kind: 'dir', mode, mtime, uid: 0, gid: 0 });
  }

  get(rel: string): FsNode | undefined {
    return this.nodes.get(rel);
  }

  put(rel: string, node: FsNode): void {
    const old = this.nodes.get(rel);
    if (old && old.kind === 'file') this.bytes -= old.content.length;
    if (node.kind === 'file') this.bytes += node.content.length;
    this.nodes.set(rel, node);
    if (rel !== '/') {
      const d = dirname(rel);
      let set = this.kids.get(d);
      if (!set) this.kids.set(d, (set = new Set()));
      set.add(basename(rel));
    }
    this.generation++;
  }

  drop(rel: string): void {
    if (rel === '/') {
      for (const n of this.names('/')) this.drop(`/${n}`);
      return;
    }
    const prefix = `${rel}/`;
    for (const k of [...this.nodes.keys()]) {
      if (k !== rel && !k.startsWith(prefix)) continue;
      const n = this.nodes.get(k);
      if (n && n.kind === 'file') this.bytes -= n.content.length;
      this.nodes.delete(k);
      this.kids.delete(k);
    }
    this.kids.get(dirname(rel))?.delete(basename(rel));
    this.generation++;
  }

  names(rel: string): string[] {
    return [...(this.kids.get(rel) ?? [])].sort();
  }
}

/** A directory of another filesystem (the node's, for a hostPath volume) seen through a mount. */
export class SubtreeSource implements MountSource {
  constructor(private fs: OverlayFs, private base: string) {}
  private abs(rel: string): string {
    return rel === '/' ? this.base : `${this.base}${rel}`;
  }
  get(rel: string): FsNode | undefined {
    return this.fs.node(this.abs(rel), false);
  }
  put(rel: string, node: FsNode): void {
    this.fs.putNode(this.abs(rel), node);
  }
  drop(rel: string): void {
    if (rel === '/') {
      for (const n of this.names('/')) this.drop(`/${n}`);
      return;
    }
    this.fs.removePath(this.abs(rel), { recursive: true });
  }
  names(rel: string): string[] {
    return this.fs.list(this.abs(rel)) ?? [];
  }
  get generation(): number {
    return this.fs.generation;
  }
}

interface Mount {
  path: string;
  src: MountSource;
  /** A read-only bind mount (`readOnly: true`, and configMap/secret/downwardAPI/projected volumes). */
  readOnly?: boolean;
}

/** Resolved paths remembered between changes of the upper layer (a dentry cache, bounded). */
const RESOLVE_CACHE_MAX = 1024;

/** The upper layer: every change forgets the resolved paths (`onChange`). */
class UpperLayer extends Map<string, Upper> {
  onChange: () => void = () => {};
  override set(k: string, v: Upper): this {
    this.onChange();
    return super.set(k, v);
  }
  override delete(k: string): boolean {
    this.onChange();
    return super.delete(k);
  }
}

type Resolved = { path: string; node?: FsNode; error?: FsError };

export class OverlayFs implements FileSystem {
  private upper = new UpperLayer();
  private upperBytes = 0;
  private resolved = new Map<string, Resolved>();
  private mounts: Mount[] = [];
  /** The mounts' generations when the path cache was last valid. */
  private mountStamp = 0;
  /** Bumped on every change of the upper layer (for mounts of this filesystem elsewhere). */
  generation = 0;

  constructor(private lower: ImageTree, private now: () => VirtualMs) {
    this.upper.onChange = () => {
      this.generation++;
      if (this.resolved.size) this.resolved.clear();
    };
  }

  /** Files bind-mounted read-only on their own (a subPath file of a read-only volume), by resolved path. */
  private readOnlyFiles = new Set<string>();

  /** Make a file a read-only bind mount of itself: writes to it and touching it fail with EROFS. */
  mountReadOnlyFile(path: string): void {
    const r = this.resolve(path);
    if (!r.error && r.node?.kind === 'file') this.readOnlyFiles.add(r.path);
  }

  /** Whether a resolved path is on a read-only mount or is a read-only file mount. */
  private readOnlyPath(p: string): boolean {
    return (this.readOnlyFiles.size > 0 && this.readOnlyFiles.has(p)) || (this.mounts.length > 0 && this.mountOf(p)?.readOnly === true);
  }

  /** Bind-mount a source at a path (created in this layer if missing); later mounts hide earlier ones below them. */
  mount(path: string, src: MountSource, readOnly = false): void {
    if (normalize(path) === '/') return;
    this.mkdirp(path);
    // the mount lands where the path leads (/var/run is often a symlink to /run)
    const r = this.resolve(path);
    if (r.error) return;
    const p = r.path;
    this.mounts = [...this.mounts.filter((m) => m.path !== p), { path: p, src, readOnly }].sort((a, b) => b.path.length - a.path.length);
    this.resolved.clear();
  }

  private mountOf(p: string): { src: MountSource; rel: string; readOnly?: boolean } | undefined {
    for (const m of this.mounts) {
      if (p === m.path) return { src: m.src, rel: '/', readOnly: m.readOnly };
      if (p.startsWith(m.path) && p[m.path.length] === '/') return { src: m.src, rel: p.slice(m.path.length), readOnly: m.readOnly };
    }
    return undefined;
  }

  /** Store a node at a normalised path: in the mount that covers it, else in the upper layer. */
  putNode(p: string, node: FsNode): void {
    const m = this.mountOf(p);
    if (m) {
      m.src.put(m.rel, node);
      this.resolved.clear();
    } else this.upper.set(p, node);
  }

  // ---- lookups -------------------------------------------------------------------------

  /** The node stored at a normalised path, without symlink resolution. */
  private raw(p: string): FsNode | undefined {
    if (this.mounts.length) {
      const m = this.mountOf(p);
      if (m) return m.src.get(m.rel);
    }
    const u = this.upper.get(p);
    if (u !== undefined) return u === WHITEOUT ? undefined : u;
    for (let a = p; a !== '/'; ) {
      a = dirname(a);
      const ua = this.upper.get(a);
      if (ua === WHITEOUT) return undefined;
      if (ua && ua.kind === 'dir' && ua.opaque) return undefined;
      if (ua && ua.kind !== 'dir') return undefined;
    }
    return this.lower.nodes.get(p);
  }

  /** Resolve symlinks in every component (and in the last one when `followLast`). */
  resolve(path: string, followLast = true): Resolved {
    if (this.mounts.length) {
      let stamp = 0;
      for (const m of this.mounts) stamp += m.src.generation;
      if (stamp !== this.mountStamp) {
        this.mountStamp = stamp;
        this.resolved.clear();
      }
    }
    const key = followLast ? path : `\0${path}`;
    const hit = this.resolved.get(key);
    if (hit) return hit;
    const r = this.resolveUncached(path, followLast);
    if (this.resolved.size >= RESOLVE_CACHE_MAX) this.resolved.clear();
    this.resolved.set(key, r);
    return r;
  }

  private resolveUncached(path: string, followLast: boolean): Resolved {
    let parts = normalize(path).split('/').filter(Boolean);
    let cur = '/';
    let hops = 0;
    for (let i = 0; i < parts.length; i++) {
      const next = cur === '/' ? `/${parts[i]}` : `${cur}/${parts[i]}`;
      const node = this.raw(next);
      const last = i === parts.length - 1;
      if (!node) return last ? { path: next } : { path: next, error: 'ENOENT' };
      if (node.kind === 'symlink' && (!last || followLast)) {
        if (++hops > 40) return { path: next, error: 'ELOOP' };
        const target = normalize(node.target, cur);
        parts = [...target.split('/').filter(Boolean), ...parts.slice(i + 1)];
        cur = '/';
        i = -1;
        continue;
      }
      if (!last && node.kind !== 'dir') return { path: next, error: 'ENOTDIR' };
      cur = next;
    }
    return { path: cur, node: this.raw(cur) };
  }

  node(path: string, followLast = true): FsNode | undefined {
    const r = this.resolve(path, followLast);
    return r.error ? undefined : r.node;
  }

  read(path: string): string | undefined {
    const n = this.node(path);
    if (!n || n.kind !== 'file') return undefined;
    if (n.device) return '';
    return n.content;
  }

  /** The device a path names (/dev/null, /dev/stdout…), if any. */
  device(path: string): 'null' | 'stdout' | 'stderr' | 'zero' | undefined {
    const n = this.node(path);
    return n && n.kind === 'file' ? n.device : undefined;
  }

  exists(path: string): boolean {
    return this.node(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.node(path)?.kind === 'dir';
  }

  list(path: string): string[] | undefined {
    const r = this.resolve(path);
    if (r.error || !r.node || r.node.kind !== 'dir') return undefined;
    const p = r.path;
    const m = this.mounts.length ? this.mountOf(p) : undefined;
    if (m) return m.src.names(m.rel);
    const names = new Set<string>();
    const opaque = this.isOpaqueChain(p);
    if (!opaque) for (const n of this.lower.children.get(p) ?? []) names.add(n);
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const k of this.upper.keys()) {
      if (k.startsWith(prefix) && k !== p && !k.slice(prefix.length).includes('/')) names.add(k.slice(prefix.length));
    }
    return [...names].filter((n) => this.raw(prefix + n) !== undefined).sort();
  }

  private isOpaqueChain(p: string): boolean {
    for (let a = p; ; a = dirname(a)) {
      const u = this.upper.get(a);
      if (u === WHITEOUT) return true;
      if (u && u.kind === 'dir' && u.opaque) return true;
      if (a === '/') return false;
    }
  }

  stat(path: string): FileStat | undefined {
    const n = this.node(path, true);
    return n ? toStat(n) : undefined;
  }

  lstat(path: string): FileStat | undefined {
    const n = this.node(path, false);
    return n ? toStat(n) : undefined;
  }

  // ---- changes -------------------------------------------------------------------------

  /** Whether a path lies on a read-only mount (open(2) for writing there fails with EROFS). */
  readOnlyAt(path: string): boolean {
    if (!this.mounts.length && !this.readOnlyFiles.size) return false;
    const r = this.resolve(path);
    return !r.error && this.readOnlyPath(r.path);
  }

  /** Write a file; the error says why not (the FileSystem interface ignores it). */
  writeFile(path: string, content: string, opts: { append?: boolean } = {}): FsError | undefined {
    const r = this.resolve(path);
    if (r.error) return r.error;
    const parent = this.raw(dirname(r.path));
    if (!parent) return 'ENOENT';
    if (parent.kind !== 'dir') return 'ENOTDIR';
    const old = r.node;
    if (old && old.kind === 'dir') return 'EISDIR';
    if (old && old.kind === 'file' && old.device) return undefined;
    if (this.readOnlyPath(r.path)) return 'EROFS';
    const before = old && old.kind === 'file' ? old.content : '';
    const text = opts.append ? before + content : content;
    const inMount = this.mounts.length > 0 && this.mountOf(r.path) !== undefined;
    if (!inMount) {
      if (this.upperBytes + text.length - before.length > MAX_UPPER_BYTES) return 'EFBIG';
      this.upperBytes += text.length - before.length;
    } else {
      const src = this.mountOf(r.path)!.src;
      if (src instanceof VolumeDir && src.bytes + text.length - before.length > MAX_UPPER_BYTES) return 'EFBIG';
    }
    const base = old && old.kind === 'file' ? old : undefined;
    this.putNode(r.path, {
      kind: 'file',
      content: text,
      mode: base?.mode ?? 0o644,
      mtime: this.now(),
      uid: base?.uid ?? 0,
      gid: base?.gid ?? 0,
    });
    return undefined;
  }

  write(path: string, content: string, opts?: { append?: boolean }): void {
    this.writeFile(path, content, opts);
  }

  writeExecutable(path: string, program: string, opts: { mode?: number; size?: number } = {}): void {
    const p = normalize(path);
    this.mkdirp(dirname(p));
    this.putNode(p, { kind: 'file', content: '', mode: opts.mode ?? 0o755, mtime: this.now(), uid: 0, gid: 0, program, size: opts.size });
  }

  symlink(target: string, path: string): void {
    const p = normalize(path);
    this.putNode(p, { kind: 'symlink', target, mtime: this.now() });
  }

  /** chmod(2): EROFS on a read-only mount. */
  chmodFile(path: string, mode: number): FsError | undefined {
    const r = this.resolve(path);
    if (!r.node) return r.error ?? 'ENOENT';
    if (this.readOnlyPath(r.path)) return 'EROFS';
    if (r.node.kind !== 'symlink') this.putNode(r.path, { ...r.node, mode, mtime: r.node.mtime } as FsNode);
    return undefined;
  }

  /** utimensat(2): a file on a read-only mount keeps its times (EROFS). */
  touch(path: string, mtime: VirtualMs): FsError | undefined {
    const r = this.resolve(path);
    if (r.error) return r.error;
    if (!r.node) return 'ENOENT';
    if (this.readOnlyPath(r.path)) return 'EROFS';
    if (r.node.kind !== 'symlink') this.putNode(r.path, { ...r.node, mtime } as FsNode);
    return undefined;
  }

  /** mkdir(2) of one directory. */
  mkdirOne(path: string): FsError | undefined {
    const r = this.resolve(path, false);
    if (r.error) return r.error;
    if (r.node) return 'EEXIST';
    const parent = this.raw(dirname(r.path));
    if (!parent) return 'ENOENT';
    if (parent.kind !== 'dir') return 'ENOTDIR';
    if (this.mounts.length && this.mountOf(r.path)?.readOnly) return 'EROFS';
    if (this.mounts.length && this.mountOf(r.path)) {
      this.putNode(r.path, { kind: 'dir', mode: 0o755, mtime: this.now(), uid: 0, gid: 0 });
      return undefined;
    }
    const wasWhiteout = this.upper.get(r.path) === WHITEOUT || this.isOpaqueChain(dirname(r.path));
    this.upper.set(r.path, { kind: 'dir', mode: 0o755, mtime: this.now(), uid: 0, gid: 0, opaque: wasWhiteout || this.lower.nodes.has(r.path) });
    return undefined;
  }

  mkdirp(path: string): FsError | undefined {
    const p = normalize(path);
    if (p === '/') return undefined;
    const n = this.node(p);
    if (n) return n.kind === 'dir' ? undefined : 'EEXIST';
    const e = this.mkdirp(dirname(p));
    if (e) return e;
    return this.mkdirOne(p);
  }

  mkdir(path: string, opts?: { parents?: boolean }): void {
    if (opts?.parents) this.mkdirp(path);
    else this.mkdirOne(path);
  }

  /** unlink/rmdir, or a whole tree with `recursive`. */
  removePath(path: string, opts: { recursive?: boolean; dirOk?: boolean } = {}): FsError | undefined {
    const r = this.resolve(path, false);
    if (r.error) return r.error;
    if (!r.node) return 'ENOENT';
    // a file bind-mounted on its own (subPath) is a mount point: unlink(2) says EBUSY
    if (this.readOnlyFiles.size > 0 && this.readOnlyFiles.has(r.path)) return 'EBUSY';
    const m = this.mounts.length ? this.mountOf(r.path) : undefined;
    if (m) {
      if (m.readOnly) return 'EROFS';
      if (r.node.kind === 'dir') {
        if (!opts.recursive && !opts.dirOk) return 'EISDIR';
        if (!opts.recursive && m.src.names(m.rel).length > 0) return 'ENOTEMPTY';
      }
      // The mount point itself stays (rmdir of it is EBUSY); what is in it goes.
      m.src.drop(m.rel);
      this.resolved.clear();
      return undefined;
    }
    if (r.node.kind === 'dir') {
      if (!opts.recursive && !opts.dirOk) return 'EISDIR';
      if (!opts.recursive && (this.list(r.path)?.length ?? 0) > 0) return 'ENOTEMPTY';
      const prefix = `${r.path}/`;
      for (const k of [...this.upper.keys()]) {
        if (k.startsWith(prefix)) {
          const v = this.upper.get(k);
          if (v && v !== WHITEOUT && v.kind === 'file') this.upperBytes -= v.content.length;
          this.upper.delete(k);
        }
      }
    } else if (r.node.kind === 'file') {
      const u = this.upper.get(r.path);
      if (u && u !== WHITEOUT && u.kind === 'file') this.upperBytes -= u.content.length;
    }
    if (this.lower.nodes.has(r.path) || this.lowerVisibleUnder(r.path)) this.upper.set(r.path, WHITEOUT);
    else this.upper.delete(r.path);
    return undefined;
  }

  private lowerVisibleUnder(p: string): boolean {
    return this.lower.children.has(p);
  }

  remove(path: string, opts?: { recursive?: boolean }): void {
    this.removePath(path, opts);
  }
}

function toStat(n: FsNode): FileStat {
  if (n.kind === 'file') {
    return { type: 'file', size: n.size ?? byteLength(n.content), mode: n.mode, mtime: n.mtime, program: n.program, uid: n.uid, gid: n.gid };
  }
  if (n.kind === 'dir') return { type: 'dir', size: 4096, mode: n.mode, mtime: n.mtime, uid: n.uid, gid: n.gid };
  return { type: 'symlink', size: n.target.length, mode: 0o777, mtime: n.mtime, target: n.target, uid: 0, gid: 0 };
}
