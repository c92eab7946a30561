/**
 * Helpers shared by the command-line tools: flavours (GNU coreutils in Debian images and on
 * the CentOS nodes, BusyBox applets in Alpine and busybox images), path handling, option
 * parsing and the filesystem operations that report errno like the C library does.
 */
import type { FileStat, FileSystem, ProcessContext } from '../types';

export type Flavor = 'gnu' | 'busybox';

export function abs(ctx: ProcessContext, p: string): string {
  const a = p.startsWith('/') ? p : `${ctx.cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const part of a.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function baseOf(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1) || '/';
}

export function err(ctx: ProcessContext, text: string): void {
  ctx.write('stderr', text.endsWith('\n') ? text : `${text}\n`);
}

export function out(ctx: ProcessContext, text: string): void {
  ctx.write('stdout', text);
}

/** Split `-abc` style short options; stops at `--` or the first operand. */
export function parseShort(args: readonly string[], withValue: string = ''): { flags: Set<string>; values: Map<string, string>; operands: string[]; bad?: string; /** every value of a repeated option (`-e a -e b`), in order */ lists: Map<string, string[]> } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const operands: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) values.set(a.slice(0, eq), a.slice(eq + 1));
      else flags.add(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (withValue.includes(c)) {
        const v = a.slice(j + 1) || args[++i];
        if (v === undefined) return { flags, values, operands, bad: c, lists };
        values.set(c, v);
        lists.set(c, [...(lists.get(c) ?? []), v]);
        break;
      }
      flags.add(c);
    }
  }
  operands.push(...args.slice(i));
  return { flags, values, operands, lists };
}

export function statOf(fs: FileSystem, path: string): FileStat | undefined {
  if (fs.stat) return fs.stat(path);
  if (!fs.exists(path)) return undefined;
  const dir = fs.isDir(path);
  return { type: dir ? 'dir' : 'file', size: dir ? 4096 : (fs.read(path) ?? '').length, mode: dir ? 0o755 : 0o644, mtime: 0 };
}

export function lstatOf(fs: FileSystem, path: string): FileStat | undefined {
  return fs.lstat ? fs.lstat(path) : statOf(fs, path);
}

/** Write a file, returning the errno a real write would give. */
export function writeFileErr(fs: FileSystem, path: string, content: string, append = false): 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | undefined {
  const typed = fs as FileSystem & { writeFile?: (p: string, c: string, o: { append?: boolean }) => string | undefined };
  if (typed.writeFile) {
    const e = typed.writeFile(path, content, { append });
    return e === 'ENOENT' || e === 'EISDIR' || e === 'ENOTDIR' || e === 'EROFS' ? e : undefined;
  }
  if (fs.isDir(path)) return 'EISDIR';
  if (!fs.isDir(parentOf(path))) return 'ENOENT';
  fs.write(path, content, { append });
  return undefined;
}

export const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EROFS: 'Read-only file system',
  EBUSY: 'Device or resource busy',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export type { Civil } from '../../sim/time';
/** Calendar fields of a Unix time in milliseconds (UTC). */
export { civilFromUnixMs as civil } from '../../sim/time';

export const p2 = (n: number) => String(n).padStart(2, '0');
export const monthName = (m: number) => MONTHS[m - 1];
export const dayName = (d: number) => DAYS[d];
