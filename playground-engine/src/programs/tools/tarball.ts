/**
 * The ustar format (POSIX.1-1988, as GNU tar and Go's archive/tar write it for short names): a
 * 512-byte header per member (name, octal mode/uid/gid/size/mtime, checksum, type flag, link
 * name, "ustar" magic), the content padded to 512 bytes, two zero blocks at the end. Archives are
 * byte strings (one char per byte, 0–255) as the simulated processes pass them through pipes;
 * file contents are UTF-8 inside.
 */
import type { FileSystem } from '../types';
import { EPOCH_UNIX_MS } from '../../sim/time';
import { writeFileErr } from './common';

export interface TarEntry {
  /** The member name, relative (`etc/nginx/nginx.conf`; directories end with `/`). */
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  uid: number;
  gid: number;
  /** File content (a JS string, written as UTF-8). */
  content?: string;
  /** Symlink target. */
  target?: string;
}

const BLOCK = 512;

function utf8Bytes(s: string): string {
  const b = new TextEncoder().encode(s);
  let r = '';
  for (let i = 0; i < b.length; i += 8192) r += String.fromCharCode(...b.subarray(i, i + 8192));
  return r;
}

function fromBytes(s: string): string {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return new TextDecoder().decode(b);
}

function field(value: string, len: number): string {
  return value.slice(0, len).padEnd(len, '\0');
}

function octal(n: number, len: number): string {
  return field(Math.max(0, Math.floor(n)).toString(8).padStart(len - 1, '0'), len);
}

function header(e: TarEntry, size: number): string {
  const name = utf8Bytes(e.name);
  let prefix = '';
  let short = name;
  if (name.length > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut > 0 && name.length - cut - 1 <= 100) {
      prefix = name.slice(0, cut);
      short = name.slice(cut + 1);
    }
  }
  const flag = e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0';
  const parts = [
    field(short, 100),
    octal(e.mode & 0o7777, 8),
    octal(e.uid, 8),
    octal(e.gid, 8),
    octal(size, 12),
    octal(e.mtime, 12),
    '        ',
    flag,
    field(utf8Bytes(e.target ?? ''), 100),
    'ustar\0',
    '00',
    field(e.uid === 0 ? 'root' : '', 32),
    field(e.gid === 0 ? 'root' : '', 32),
    octal(0, 8),
    octal(0, 8),
    field(prefix, 155),
  ];
  let h = parts.join('').padEnd(BLOCK, '\0');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h.charCodeAt(i);
  h = h.slice(0, 148) + sum.toString(8).padStart(6, '0') + '\0 ' + h.slice(156);
  return h;
}

/** `record`: GNU tar fills the archive up to whole records of 20 blocks (10240 bytes); Go's archive/tar does not. */
export function writeTar(entries: readonly TarEntry[], record = BLOCK): string {
  let out = '';
  for (const e of entries) {
    const body = e.type === 'file' ? utf8Bytes(e.content ?? '') : '';
    out += header(e, body.length) + body;
    if (body.length % BLOCK) out += '\0'.repeat(BLOCK - (body.length % BLOCK));
  }
  out += '\0'.repeat(2 * BLOCK);
  return out.length % record ? out + '\0'.repeat(record - (out.length % record)) : out;
}

function str(h: string, at: number, len: number): string {
  const s = h.slice(at, at + len);
  const z = s.indexOf('\0');
  return z >= 0 ? s.slice(0, z) : s;
}

function num(h: string, at: number, len: number): number {
  const t = str(h, at, len).trim();
  return t ? parseInt(t, 8) : 0;
}

/** The members of an archive, or undefined when it is not a tar archive (a bad first header). */
export function readTar(data: string): { entries: TarEntry[]; truncated: boolean } | undefined {
  const entries: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= data.length) {
    const h = data.slice(at, at + BLOCK);
    if (/^\0*$/.test(h)) return { entries, truncated: false };
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h.charCodeAt(i);
    if (num(h, 148, 8) !== sum) return entries.length ? { entries, truncated: true } : undefined;
    const size = num(h, 124, 12);
    const flag = h[156];
    const prefix = str(h, 345, 155);
    const name = fromBytes((prefix ? `${prefix}/` : '') + str(h, 0, 100));
    const type = flag === '5' ? 'dir' : flag === '2' ? 'symlink' : 'file';
    const body = data.slice(at + BLOCK, at + BLOCK + size);
    entries.push({ name, type, mode: num(h, 100, 8), uid: num(h, 108, 8), gid: num(h, 116, 8), mtime: num(h, 136, 12), ...(type === 'file' ? { content: fromBytes(body) } : {}), ...(type === 'symlink' ? { target: fromBytes(str(h, 157, 100)) } : {}) });
    if (body.length < size) return { entries, truncated: true };
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries.length || data.length === 0 ? { entries, truncated: data.length > 0 && at < data.length } : undefined;
}

/**
 * The members for a path on a file system, as tar walks it (directories first, then their
 * entries in name order); `name` is the member name of the path itself. Missing → undefined.
 */
export function collect(fs: FileSystem, path: string, name: string, out: TarEntry[] = [], budget = { n: 10_000 }): TarEntry[] | undefined {
  const st = fs.lstat?.(path) ?? fs.stat?.(path);
  if (!st) return undefined;
  if (--budget.n < 0) return out;
  const base = { mode: st.mode, mtime: Math.floor((EPOCH_UNIX_MS + st.mtime) / 1000), uid: st.uid ?? 0, gid: st.gid ?? 0 };
  if (st.type === 'symlink') out.push({ ...base, name, type: 'symlink', target: st.target ?? '' });
  else if (st.type === 'dir') {
    out.push({ ...base, name: name.endsWith('/') ? name : `${name}/`, type: 'dir' });
    for (const child of fs.list(path) ?? []) collect(fs, `${path.replace(/\/$/, '')}/${child}`, `${name.replace(/\/$/, '')}/${child}`, out, budget);
  } else out.push({ ...base, name, type: 'file', content: fs.read(path) ?? '' });
  return out;
}


/** Write members under `dir`, creating parents; returns the error of the first member that failed. */
export function extract(fs: FileSystem, dir: string, entries: readonly TarEntry[]): Array<{ name: string; error: 'EISDIR' | 'ENOTDIR' | 'ENOENT' | 'EROFS' }> {
  const failed: Array<{ name: string; error: 'EISDIR' | 'ENOTDIR' | 'ENOENT' | 'EROFS' }> = [];
  for (const e of entries) {
    const rel = e.name.replace(/^\/+/, '').replace(/\/$/, '');
    if (!rel) continue;
    const path = `${dir.replace(/\/$/, '')}/${rel}`;
    try {
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!fs.isDir(parent)) fs.mkdir(parent, { parents: true });
      if (e.type === 'dir') {
        if (!fs.isDir(path)) fs.mkdir(path, { parents: true });
      } else if (e.type === 'symlink') {
        if (fs.exists(path)) fs.remove(path);
        fs.symlink?.(e.target ?? '', path);
      } else {
        const error = writeFileErr(fs, path, e.content ?? '');
        if (error) failed.push({ name: e.name, error });
      }
    } catch (x) {
      const code = (x as { code?: string } | null)?.code;
      failed.push({ name: e.name, error: code === 'EROFS' || code === 'ENOTDIR' || code === 'EISDIR' ? code : 'ENOENT' });
    }
  }
  return failed;
}
