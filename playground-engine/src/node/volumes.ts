/**
 * The kubelet's volume manager, simplified: one directory per pod volume, set up once for the
 * pod (MountVolume.SetUp) and bind-mounted into every container that lists it in its
 * volumeMounts, so an emptyDir written by one container is read by the other.
 *
 * - emptyDir: an empty directory (mode 0777) shared by the pod's containers;
 * - configMap, secret, downwardAPI, projected: written by the atomic writer
 *   (pkg/volume/util/atomic_writer.go): the files in a `..<timestamp>.<n>` directory, a `..data`
 *   symlink to it, and one symlink per top-level name (`key -> ..data/key`); file modes from
 *   `defaultMode` / `items[].mode` (default 0644);
 * - hostPath: the node's own directory (its `type` checked as the hostPath plugin does).
 *
 * A volume that cannot be set up gives the kubelet's error text, for the `FailedMount` event
 * (`MountVolume.SetUp failed for volume "x" : configmap "x" not found`).
 */
import { CLUSTER_CA_CRT } from '../network/cluster-ca';
import type { K8sObject, VirtualMs } from '../types';
import { Prng } from '../sim/prng';
import { rfc3339 } from '../sim/time';
import { decodeBase64 } from './base64';
import { parseQuantity } from '../kubectl/quantity';
import { VolumeDir, SubtreeSource, normalize, type MountSource, type OverlayFs } from './runtime/fs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface VolumeSources {
  configMap(namespace: string, name: string): K8sObject | undefined;
  secret(namespace: string, name: string): K8sObject | undefined;
  /** A service account token (a JWT-looking string, deterministic). */
  token(): string;
  /** The node's filesystem, for hostPath volumes. */
  hostFs?: OverlayFs;
  now: VirtualMs;
  nodeName: string;
  hostIP: string;
  podIP: string;
}

export type PodVolume = { ok: true; src: MountSource } | { ok: false; message: string };


/** A file of a volume's payload (atomic_writer FileProjection). */
interface Projection {
  data: string;
  mode: number;
}

type Payload = Map<string, Projection>;
type PayloadResult = { ok: true; payload: Payload } | { ok: false; message: string };

function modeOf(m: unknown, fallback: number): number {
  return typeof m === 'number' && Number.isInteger(m) ? m : fallback;
}

/** configmap.go MakePayload */
function configMapPayload(cm: K8sObject | undefined, name: string, items: Json[] | undefined, defaultMode: number, optional: boolean): PayloadResult {
  const payload: Payload = new Map();
  if (!cm) {
    if (optional) return { ok: true, payload };
    return { ok: false, message: `configmap "${name}" not found` };
  }
  const data: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data[k] = decodeBase64(String(v));
  if (!items || !items.length) {
    for (const k of Object.keys(data).sort()) payload.set(k, { data: data[k], mode: defaultMode });
    return { ok: true, payload };
  }
  for (const it of items) {
    const v = data[it.key];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, message: `configmap references non-existent config key: ${it.key}` };
    }
    payload.set(String(it.path), { data: v, mode: modeOf(it.mode, defaultMode) });
  }
  return { ok: true, payload };
}

/** secret.go MakePayload */
function secretPayload(s: K8sObject | undefined, name: string, items: Json[] | undefined, defaultMode: number, optional: boolean): PayloadResult {
  const payload: Payload = new Map();
  if (!s) {
    if (optional) return { ok: true, payload };
    return { ok: false, message: `secret "${name}" not found` };
  }
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decodeBase64(String(v));
  for (const [k, v] of Object.entries(s.stringData ?? {})) data[k] = String(v);
  if (!items || !items.length) {
    for (const k of Object.keys(data).sort()) payload.set(k, { data: data[k], mode: defaultMode });
    return { ok: true, payload };
  }
  for (const it of items) {
    const v = data[it.key];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, message: `references non-existent secret key: ${it.key}` };
    }
    payload.set(String(it.path), { data: v, mode: modeOf(it.mode, defaultMode) });
  }
  return { ok: true, payload };
}

/** fieldpath.FormatMap: `key="value"` lines, keys sorted, no final newline. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(String(m![k]))}`).join('\n');
}

/** The value of a downward API fieldRef (fieldpath.ExtractFieldPathAsString plus the kubelet's status fields). */
export function podFieldValue(pod: K8sObject, path: string, node: { nodeName: string; hostIP: string; podIP: string }): string {
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'metadata.labels': return formatMap(pod.metadata.labels);
    case 'metadata.annotations': return formatMap(pod.metadata.annotations);
    case 'spec.nodeName': return node.nodeName;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': case 'status.hostIPs': return node.hostIP;
    case 'status.podIP': case 'status.podIPs': return node.podIP;
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (pod.metadata as Record<string, Record<string, string> | undefined>)[m[1]]?.[m[2]] ?? '';
      return '';
    }
  }
}

/**
 * resource.ExtractContainerResourceValue: the container's request or limit divided by the
 * divisor and rounded up; an unset limit is the node's allocatable (4 CPUs, 8 GiB here).
 */
export function containerResourceValue(ref: { resource?: string; divisor?: unknown }, container: Json | undefined): string {
  const [kind, res] = String(ref.resource ?? '').split('.');
  let q = parseQuantity(container?.resources?.[kind]?.[res]);
  if (!q && kind === 'requests') q = parseQuantity(container?.resources?.limits?.[res]);
  if (!q) q = parseQuantity(res === 'cpu' ? (kind === 'requests' ? '0' : '4') : kind === 'requests' ? '0' : '8Gi');
  const div = parseQuantity(ref.divisor ?? '1') ?? parseQuantity('1')!;
  const n = q!.nanos;
  const d = div.nanos === 0n ? 1_000_000_000n : div.nanos;
  const v = (n + d - 1n) / d;
  return String(v < 0n ? 0n : v);
}

function downwardPayload(pod: K8sObject, items: Json[], defaultMode: number, src: VolumeSources): Payload {
  const payload: Payload = new Map();
  for (const it of items ?? []) {
    let data = '';
    if (it.fieldRef) data = podFieldValue(pod, String(it.fieldRef.fieldPath), src);
    else if (it.resourceFieldRef) {
      const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: Json) => x.name === it.resourceFieldRef.containerName);
      data = containerResourceValue(it.resourceFieldRef, c);
    }
    payload.set(String(it.path), { data, mode: modeOf(it.mode, defaultMode) });
  }
  return payload;
}

/** atomic_writer.go Write: `..<ts>.<n>/` with the files, `..data` -> it, and user-visible symlinks. */
function atomicWrite(payload: Payload, now: VirtualMs, seed: string, dirMode: number): VolumeDir {
  const vol = new VolumeDir(now, dirMode);
  const ts = `..${rfc3339(now).replace(/[-T:]/g, '_').replace(/Z$/, '')}.${new Prng(seed).int(4_294_967_295)}`;
  vol.put(`/${ts}`, { kind: 'dir', mode: 0o755, mtime: now, uid: 0, gid: 0 });
  const top = new Set<string>();
  for (const [path, f] of [...payload.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const rel = normalize(path);
    const parts = rel.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const d = `/${ts}/${parts.slice(0, i).join('/')}`;
      if (!vol.get(d)) vol.put(d, { kind: 'dir', mode: 0o755, mtime: now, uid: 0, gid: 0 });
    }
    vol.put(`/${ts}${rel}`, { kind: 'file', content: f.data, mode: f.mode & 0o7777, mtime: now, uid: 0, gid: 0 });
    top.add(parts[0]);
  }
  vol.put('/..data', { kind: 'symlink', target: ts, mtime: now });
  for (const t of [...top].sort()) vol.put(`/${t}`, { kind: 'symlink', target: `..data/${t}`, mtime: now });
  return vol;
}

/** hostPath type checks (hostpath.go checkType), creating what DirectoryOrCreate / FileOrCreate ask for. */
function hostPathVolume(hp: Json, fs: OverlayFs | undefined): PodVolume {
  const path = normalize(String(hp.path ?? '/'));
  const type = String(hp.type ?? '');
  if (!fs) return { ok: true, src: new VolumeDir(0) };
  const st = fs.stat(path);
  const kind = st?.type;
  const fail = (what: string) => ({ ok: false as const, message: `hostPath type check failed: ${path} is not a ${what}` });
  switch (type) {
    case 'DirectoryOrCreate':
      if (!st) fs.mkdirp(path);
      else if (kind !== 'dir') return fail('directory');
      break;
    case 'Directory':
      if (kind !== 'dir') return fail('directory');
      break;
    case 'FileOrCreate':
      if (!st) fs.writeFile(path, '');
      else if (kind !== 'file') return fail('file');
      break;
    case 'File':
      if (kind !== 'file') return fail('file');
      break;
    case 'Socket': case 'CharDevice': case 'BlockDevice':
      // wording not verified (hostpath.go: "hostPath type check failed: %s is not a socket file" and the like)
      return fail(type === 'Socket' ? 'socket file' : type === 'CharDevice' ? 'character device' : 'block device');
    default:
      // "" (no check): a missing path is created as a directory, as the runtime's bind mount does.
      if (!st) fs.mkdirp(path);
  }
  return { ok: true, src: new SubtreeSource(fs, path) };
}

/** MountVolume.SetUp for every volume of the pod, in spec order. */
export function setUpPodVolumes(pod: K8sObject, src: VolumeSources): Map<string, PodVolume> {
  const out = new Map<string, PodVolume>();
  const ns = pod.metadata.namespace ?? 'default';
  const uid = pod.metadata.uid ?? '';
  for (const v of (pod.spec?.volumes ?? []) as Json[]) {
    const name = String(v.name ?? '');
    const seed = `atomic/${uid}/${name}`;
    const defaultMode = (s: Json | undefined) => modeOf(s?.defaultMode, 0o644);
    let r: PodVolume;
    if (v.configMap) {
      const p = configMapPayload(src.configMap(ns, v.configMap.name), v.configMap.name, v.configMap.items, defaultMode(v.configMap), !!v.configMap.optional);
      r = p.ok ? { ok: true, src: atomicWrite(p.payload, src.now, seed, 0o777) } : p;
    } else if (v.secret) {
      const p = secretPayload(src.secret(ns, v.secret.secretName), v.secret.secretName, v.secret.items, defaultMode(v.secret), !!v.secret.optional);
      r = p.ok ? { ok: true, src: atomicWrite(p.payload, src.now, seed, 0o1777) } : p;
    } else if (v.downwardAPI) {
      r = { ok: true, src: atomicWrite(downwardPayload(pod, v.downwardAPI.items, defaultMode(v.downwardAPI), src), src.now, seed, 0o777) };
    } else if (v.projected) {
      const payload: Payload = new Map();
      const mode = defaultMode(v.projected);
      let err: string | undefined;
      for (const s of (v.projected.sources ?? []) as Json[]) {
        if (s.serviceAccountToken) payload.set(String(s.serviceAccountToken.path ?? 'token'), { data: src.token(), mode });
        if (s.configMap) {
          const name = s.configMap.name;
          const cm = name === 'kube-root-ca.crt' ? (src.configMap(ns, name) ?? { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { 'ca.crt': CLUSTER_CA_CRT } } as K8sObject) : src.configMap(ns, name);
          const p = configMapPayload(cm, name, s.configMap.items, mode, !!s.configMap.optional);
          if (!p.ok) err ??= p.message;
          else for (const [k, f] of p.payload) payload.set(k, f);
        }
        if (s.secret) {
          const p = secretPayload(src.secret(ns, s.secret.name), s.secret.name, s.secret.items, mode, !!s.secret.optional);
          if (!p.ok) err ??= p.message;
          else for (const [k, f] of p.payload) payload.set(k, f);
        }
        if (s.downwardAPI) for (const [k, f] of downwardPayload(pod, s.downwardAPI.items, mode, src)) payload.set(k, f);
      }
      r = err ? { ok: false, message: err } : { ok: true, src: atomicWrite(payload, src.now, seed, 0o1777) };
    } else if (v.hostPath) {
      r = hostPathVolume(v.hostPath, src.hostFs);
    } else {
      // emptyDir, and volume kinds the simulation has no backend for: an empty shared directory.
      r = { ok: true, src: new VolumeDir(src.now) };
    }
    out.set(name, r);
  }
  return out;
}

/** A directory inside a mount source (a volumeMount's subPath). */
class PrefixSource implements MountSource {
  constructor(private inner: MountSource, private prefix: string) {}
  private abs(rel: string): string {
    return rel === '/' ? this.prefix : `${this.prefix}${rel}`;
  }
  get(rel: string) {
    return this.inner.get(this.abs(rel));
  }
  put(rel: string, node: Parameters<MountSource['put']>[1]) {
    this.inner.put(this.abs(rel), node);
  }
  drop(rel: string) {
    if (rel === '/') for (const n of this.names('/')) this.inner.drop(this.abs(`/${n}`));
    else this.inner.drop(this.abs(rel));
  }
  names(rel: string) {
    return this.inner.names(this.abs(rel));
  }
  get generation() {
    return this.inner.generation;
  }
}

/** Follow the atomic writer's symlinks inside a volume (`key -> ..data/key`, `..data -> ..ts`). */
function resolveIn(src: MountSource, rel: string): string {
  const parts = rel.split('/').filter(Boolean);
  let cur = '';
  for (let i = 0, hops = 0; i < parts.length && hops < 40; i++) {
    const next = `${cur}/${parts[i]}`;
    const n = src.get(next);
    if (n && n.kind === 'symlink') {
      hops++;
      const target = normalize(n.target.startsWith('/') ? n.target : `${cur || '/'}/${n.target}`);
      parts.splice(0, i + 1, ...target.split('/').filter(Boolean));
      cur = '';
      i = -1;
      continue;
    }
    cur = next;
  }
  return cur || '/';
}

/** What one container mounts: directories (bind mounts) and single files (subPath of a file). */
export function containerMounts(container: Json, vols: Map<string, PodVolume>, podVolumes: Json[] = []): { mounts: Array<{ path: string; source: MountSource; readOnly: boolean }>; files: Record<string, string>; readOnlyFiles: string[] } {
  const mounts: Array<{ path: string; source: MountSource; readOnly: boolean }> = [];
  const files: Record<string, string> = {};
  const readOnlyFiles: string[] = [];
  for (const m of (container.volumeMounts ?? []) as Json[]) {
    const v = vols.get(String(m.name));
    if (!v || !v.ok) continue;
    const path = normalize(String(m.mountPath ?? '/'));
    const sub = typeof m.subPath === 'string' && m.subPath ? normalize(m.subPath) : '';
    // `readOnly: true`; configMap, secret, downwardAPI and projected volumes are always mounted
    // read-only since v1.9.4 (pkg/volume/*: GetAttributes().ReadOnly = true)
    const spec = podVolumes.find((pv) => pv && pv.name === m.name) ?? {};
    const readOnly = m.readOnly === true || ['configMap', 'secret', 'downwardAPI', 'projected'].some((k) => spec[k] !== undefined && spec[k] !== null);
    if (!sub) {
      mounts.push({ path, source: v.src, readOnly });
      continue;
    }
    const at = resolveIn(v.src, sub);
    const n = v.src.get(at);
    if (n && n.kind === 'file') {
      // a file bind-mounted on its own (a copy here: like the real subPath, it is not updated
      // later), read-only as its mount is
      files[path] = n.content;
      if (readOnly) readOnlyFiles.push(path);
      continue;
    }
    // the kubelet creates a missing subPath directory in the volume
    if (!n) {
      const parts = at.split('/').filter(Boolean);
      for (let i = 1; i <= parts.length; i++) {
        const d = `/${parts.slice(0, i).join('/')}`;
        if (!v.src.get(d)) v.src.put(d, { kind: 'dir', mode: 0o755, mtime: 0, uid: 0, gid: 0 });
      }
    }
    mounts.push({ path, source: new PrefixSource(v.src, at), readOnly });
  }
  return { mounts, files, readOnlyFiles };
}

/** A deterministic token in the shape of a bound service account JWT. */
export function serviceAccountToken(prng: Prng): string {
  const seg = (n: number) => prng.chars(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6I${seg(40)}.${seg(600)}.${seg(342)}`;
}
