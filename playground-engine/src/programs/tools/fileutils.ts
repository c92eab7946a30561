/**
 * File tools: cat, ls, touch, rm, mkdir, rmdir, cp, mv, chmod, ln — each in its GNU coreutils
 * wording (Debian images' 9.1 in the C locale; the CentOS nodes' 8.22, see `q`) and its
 * BusyBox wording (Alpine, busybox). Texts checked against coreutils 9.1 and BusyBox 1.35.0
 * (see tools.test.ts).
 */
import type { FileStat, ProcessContext, Program } from '../types';
import { abs, baseOf, err, out, parentOf, parseShort, statOf, lstatOf, writeFileErr, STRERROR, type Flavor } from './common';
import { lsTime, tzOf } from '../clock';
import { bbBanner } from './busybox-builds';
import { byteOrder, collateOf } from './collate';

/**
 * A file name in a GNU message: coreutils 9.1 in the images' C locale quotes it 'x'; the CentOS 7
 * nodes' coreutils 8.22 in root's en_US.UTF-8 login quotes it ‘x’ (`rm: cannot remove ‘/x’:
 * Permission denied`, as CentOS 7 transcripts show).
 */
export function q(ctx: ProcessContext, name: string): string {
  return ctx.sys?.os.id === 'centos' ? `‘${name}’` : `'${name}'`;
}

/** ls 8.22 names a missing file without quotes (`ls: cannot access /x: No such file or directory`). */
function lsName(ctx: ProcessContext, name: string): string {
  return ctx.sys?.os.id === 'centos' ? name : `'${name}'`;
}

type FsX = { removePath?: (p: string, o: { recursive?: boolean; dirOk?: boolean }) => string | undefined; mkdirOne?: (p: string) => string | undefined };

export function cat(flavor: Flavor): Program {
  return function* (ctx) {
    const files = ctx.argv.slice(1).filter((a) => a !== '-u');
    if (!files.length) {
      out(ctx, ctx.stdin);
      return 0;
    }
    let status = 0;
    for (const f of files) {
      if (f === '-') {
        out(ctx, ctx.stdin);
        continue;
      }
      const p = abs(ctx, f);
      if (ctx.fs.isDir(p)) {
        err(ctx, flavor === 'gnu' ? `cat: ${f}: Is a directory` : 'cat: read error: Is a directory');
        status = 1;
        continue;
      }
      const t = ctx.fs.read(p);
      if (t === undefined) {
        err(ctx, flavor === 'gnu' ? `cat: ${f}: No such file or directory` : `cat: can't open '${f}': No such file or directory`);
        status = 1;
        continue;
      }
      out(ctx, t);
    }
    return status;
  };
}

function modeString(st: FileStat): string {
  const t = st.type === 'dir' ? 'd' : st.type === 'symlink' ? 'l' : '-';
  const m = st.mode;
  let s = '';
  for (let i = 2; i >= 0; i--) {
    const bits = (m >> (i * 3)) & 7;
    s += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  if (st.type === 'dir' && (m & 0o1000)) s = `${s.slice(0, 8)}t`;
  return t + s;
}

export function ls(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    const long = o.flags.has('l') || o.flags.has('n');
    const all = o.flags.has('a');
    const almost = o.flags.has('A');
    const dirSelf = o.flags.has('d');
    const operands = o.operands.length ? o.operands : ['.'];
    const tz = tzOf(ctx);
    const users = readNames(ctx.fs.read('/etc/passwd'));
    const groups = readNames(ctx.fs.read('/etc/group'));
    let status = 0;
    const files: Array<{ name: string; path: string }> = [];
    const dirs: Array<{ name: string; path: string }> = [];
    for (const a of operands) {
      const p = abs(ctx, a);
      const st = lstatOf(ctx.fs, p);
      if (!st) {
        err(ctx, flavor === 'gnu' ? `ls: cannot access ${lsName(ctx, a)}: No such file or directory` : `ls: ${a}: No such file or directory`);
        status = flavor === 'gnu' ? 2 : 1;
        continue;
      }
      const isDir = statOf(ctx.fs, p)?.type === 'dir' && !(long && st.type === 'symlink');
      if (isDir && !dirSelf) dirs.push({ name: a, path: p });
      else files.push({ name: a, path: p });
    }
    // Names are sorted as the C library collates them: GNU ls with strcoll (ls.c cmp_name), so
    // in the process's locale; BusyBox without locale support with strcmp. -r reverses.
    const coll = flavor === 'gnu' ? collateOf(ctx.env) : byteOrder;
    const byName = (x: { name: string }, y: { name: string }) => (o.flags.has('r') ? -1 : 1) * coll(x.name, y.name);
    files.sort(byName);
    dirs.sort(byName);
    const columns = ctx.tty && !o.flags.has('1');
    const render = (entries: Array<{ name: string; path: string }>, withTotal: boolean) => {
      if (!long) {
        if (columns) out(ctx, inColumns(entries.map((e) => e.name), Number(ctx.env.get('COLUMNS')) || 80, flavor));
        else for (const e of entries) out(ctx, `${e.name}\n`);
        return;
      }
      const rows = entries.map((e) => {
        const st = lstatOf(ctx.fs, e.path) ?? { type: 'file', size: 0, mode: 0o644, mtime: 0 } as FileStat;
        const links = st.type === 'dir' ? 2 + (ctx.fs.list(e.path) ?? []).filter((n) => ctx.fs.isDir(`${e.path}/${n}`)).length : 1;
        const uid = st.uid ?? 0;
        const gid = st.gid ?? 0;
        const user = o.flags.has('n') ? String(uid) : users.get(uid) ?? String(uid);
        const group = o.flags.has('n') ? String(gid) : groups.get(gid) ?? String(gid);
        const name = st.type === 'symlink' ? `${e.name} -> ${st.target}` : e.name;
        return { mode: modeString(st), links: String(links), user, group, size: String(st.size), time: lsTime(st.mtime, ctx.now(), tz.offsetMin), name, blocks: Math.ceil(st.size / 4096) * 4 };
      });
      if (withTotal) out(ctx, `total ${rows.reduce((s, r) => s + (r.mode.startsWith('l') ? 0 : r.blocks), 0)}\n`);
      if (flavor === 'gnu') {
        const w = (k: 'links' | 'user' | 'group' | 'size') => Math.max(0, ...rows.map((r) => r[k].length));
        const [wl, wu, wg, ws] = [w('links'), w('user'), w('group'), w('size')];
        for (const r of rows) out(ctx, `${r.mode} ${r.links.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.time} ${r.name}\n`);
      } else {
        for (const r of rows) out(ctx, `${r.mode} ${r.links.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${r.time} ${r.name}\n`);
      }
    };
    if (files.length) render(files, false);
    dirs.forEach((d, i) => {
      if (operands.length > 1) out(ctx, `${files.length || i > 0 ? '\n' : ''}${d.name}:\n`);
      let names = ctx.fs.list(d.path) ?? [];
      if (!all && !almost) names = names.filter((n) => !n.startsWith('.'));
      const entries = names.map((n) => ({ name: n, path: d.path === '/' ? `/${n}` : `${d.path}/${n}` }));
      if (all) entries.unshift({ name: '.', path: d.path }, { name: '..', path: parentOf(d.path) });
      entries.sort(byName);
      render(entries, true);
    });
    return status;
  };
}

/**
 * ls on a terminal: names in columns, filled down each column first. GNU (ls.c
 * calculate_columns): the most columns whose widths (longest name + 2, the last column without
 * the 2) stay under the line. BusyBox (showfiles): every column as wide as the longest name + 2,
 * as many as fit. Gaps are spaces here (unverified: GNU may indent with tabs at 8).
 */
export function inColumns(names: string[], width: number, flavor: Flavor): string {
  const n = names.length;
  if (n === 0) return '';
  const len = (s: string) => [...s].length;
  let cols = 1;
  let widths: number[] = [Math.max(...names.map(len))];
  if (flavor === 'gnu') {
    const maxCols = Math.min(Math.max(1, Math.floor(width / 3)), n);
    for (let c = maxCols; c >= 1; c--) {
      const rows = Math.ceil(n / c);
      if (Math.ceil(n / rows) !== c && c > 1) continue;
      const w: number[] = [];
      names.forEach((name, i) => {
        const col = Math.floor(i / rows);
        w[col] = Math.max(w[col] ?? 3, len(name) + (col === c - 1 ? 0 : 2));
      });
      if (w.reduce((a, b) => a + b, 0) < width || c === 1) {
        cols = c;
        widths = w;
        break;
      }
    }
  } else {
    const cw = Math.max(...names.map(len)) + 2;
    cols = Math.max(1, Math.floor(width / cw));
    widths = Array.from({ length: cols }, () => cw);
  }
  const rows = Math.ceil(n / cols);
  let text = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; ; c++) {
      const i = c * rows + r;
      if (i >= n) break;
      const last = (c + 1) * rows + r >= n;
      line += last ? names[i] : names[i] + ' '.repeat(Math.max(0, widths[c] - len(names[i])));
    }
    text += `${line}\n`;
  }
  return text;
}

function readNames(text: string | undefined): Map<number, string> {
  const m = new Map<number, string>();
  for (const line of (text ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2]) && !m.has(Number(f[2]))) m.set(Number(f[2]), f[0]);
  }
  if (!m.has(0)) m.set(0, 'root');
  return m;
}

export function touch(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1), 'dtr');
    let status = 0;
    if (!o.operands.length) {
      err(ctx, flavor === 'gnu' ? "touch: missing file operand\nTry 'touch --help' for more information." : `${bbBanner(ctx)}\n\nUsage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...\n\nUpdate mtime of FILEs\n`);
      return 1;
    }
    for (const f of o.operands) {
      const p = abs(ctx, f);
      if (ctx.fs.exists(p)) {
        // utimensat(2) fails on a read-only mount: both touches report it (busybox with perror)
        const te = ctx.fs.touch?.(p, ctx.now());
        if (te === 'EROFS') {
          err(ctx, flavor === 'gnu' ? `touch: cannot touch ${q(ctx, f)}: ${STRERROR[te]}` : `touch: ${f}: ${STRERROR[te]}`);
          status = 1;
        }
        continue;
      }
      if (o.flags.has('c')) continue;
      const e = writeFileErr(ctx.fs, p, '');
      if (e) {
        err(ctx, flavor === 'gnu' ? `touch: cannot touch ${q(ctx, f)}: ${STRERROR[e]}` : `touch: ${f}: ${STRERROR[e]}`);
        status = 1;
      }
    }
    return status;
  };
}

export function rm(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    const force = o.flags.has('f');
    const recursive = o.flags.has('r') || o.flags.has('R');
    if (!o.operands.length && !force) {
      err(ctx, flavor === 'gnu' ? "rm: missing operand\nTry 'rm --help' for more information." : `${bbBanner(ctx)}\n\nUsage: rm [-irf] FILE...\n\nRemove (unlink) FILEs\n`);
      return 1;
    }
    let status = 0;
    const fsx = ctx.fs as typeof ctx.fs & FsX;
    for (const f of o.operands) {
      const p = abs(ctx, f);
      const st = lstatOf(ctx.fs, p);
      if (!st) {
        if (force) continue;
        err(ctx, flavor === 'gnu' ? `rm: cannot remove ${q(ctx, f)}: No such file or directory` : `rm: can't remove '${f}': No such file or directory`);
        status = 1;
        continue;
      }
      if (st.type === 'dir' && !recursive) {
        err(ctx, flavor === 'gnu' ? `rm: cannot remove ${q(ctx, f)}: Is a directory` : `rm: '${f}' is a directory`);
        status = 1;
        continue;
      }
      if (p === '/') {
        err(ctx, flavor === 'gnu' ? "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe" : "rm: can't remove '/'");
        status = 1;
        continue;
      }
      const e = fsx.removePath ? fsx.removePath(p, { recursive }) : ctx.fs.remove(p, { recursive });
      if (e === 'EROFS' || e === 'EBUSY') {
        // unlink(2) on a read-only mount (a configMap volume, `readOnly: true`), or of a file
        // mounted on its own (subPath): a mount point
        err(ctx, flavor === 'gnu' ? `rm: cannot remove ${q(ctx, f)}: ${STRERROR[e]}` : `rm: can't remove '${f}': ${STRERROR[e]}`);
        status = 1;
      }
    }
    return status;
  };
}

export function mkdir(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1), 'm');
    const parents = o.flags.has('p');
    if (!o.operands.length) {
      err(ctx, flavor === 'gnu' ? "mkdir: missing operand\nTry 'mkdir --help' for more information." : `${bbBanner(ctx)}\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...\n\nCreate DIRECTORY\n`);
      return 1;
    }
    let status = 0;
    const fsx = ctx.fs as typeof ctx.fs & FsX;
    const fail = (f: string, e: string) => {
      err(ctx, flavor === 'gnu' ? `mkdir: cannot create directory ${q(ctx, f)}: ${STRERROR[e] ?? e}` : `mkdir: can't create directory '${f}': ${STRERROR[e] ?? e}`);
      status = 1;
    };
    for (const f of o.operands) {
      const p = abs(ctx, f);
      if (parents) {
        const parts = p.split('/').filter(Boolean);
        let cur = '';
        for (const part of parts) {
          cur += `/${part}`;
          const st = statOf(ctx.fs, cur);
          if (st?.type === 'dir') continue;
          if (st) {
            fail(f, 'EEXIST');
            break;
          }
          ctx.fs.mkdir(cur);
        }
        continue;
      }
      if (ctx.fs.exists(p)) {
        fail(f, 'EEXIST');
        continue;
      }
      if (!ctx.fs.isDir(parentOf(p))) {
        fail(f, 'ENOENT');
        continue;
      }
      const e = fsx.mkdirOne ? fsx.mkdirOne(p) : (ctx.fs.mkdir(p), undefined);
      if (e) fail(f, e);
    }
    return status;
  };
}

export function rmdir(flavor: Flavor): Program {
  return function* (ctx) {
    let status = 0;
    const fsx = ctx.fs as typeof ctx.fs & FsX;
    for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
      const p = abs(ctx, f);
      let e: string | undefined;
      if (!ctx.fs.exists(p)) e = 'ENOENT';
      else if (!ctx.fs.isDir(p)) e = 'ENOTDIR';
      else if ((ctx.fs.list(p) ?? []).length) e = 'ENOTEMPTY';
      else fsx.removePath ? fsx.removePath(p, { dirOk: true }) : ctx.fs.remove(p, { recursive: true });
      if (e) {
        err(ctx, flavor === 'gnu' ? `rmdir: failed to remove ${q(ctx, f)}: ${STRERROR[e]}` : `rmdir: '${f}': ${STRERROR[e]}`);
        status = 1;
      }
    }
    return status;
  };
}

/** cp and mv share one loop: copy each source to the destination (mv then removes the source). */
function transfer(flavor: Flavor, verb: 'cp' | 'mv'): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    if (o.operands.length < 2) {
      err(ctx, flavor === 'gnu' ? `${verb}: missing destination file operand after ${q(ctx, o.operands[0] ?? '')}\nTry '${verb} --help' for more information.` : `${verb}: missing operand`);
      return 1;
    }
    const dest = abs(ctx, o.operands[o.operands.length - 1]);
    const destDir = ctx.fs.isDir(dest);
    let status = 0;
    for (const s of o.operands.slice(0, -1)) {
      const sp = abs(ctx, s);
      const text = ctx.fs.read(sp);
      if (text === undefined) {
        const busybox = verb === 'cp' ? `cp: can't stat '${s}'` : `mv: can't rename '${s}'`;
        err(ctx, flavor === 'gnu' ? `${verb}: cannot stat ${q(ctx, s)}: No such file or directory` : `${busybox}: No such file or directory`);
        status = 1;
        continue;
      }
      const target = destDir ? `${dest}/${baseOf(sp)}` : dest;
      const st = statOf(ctx.fs, sp);
      if (st?.program && ctx.fs.writeExecutable) ctx.fs.writeExecutable(target, st.program, { mode: st.mode, size: st.size });
      else writeFileErr(ctx.fs, target, text);
      if (verb === 'mv') ctx.fs.remove(sp);
    }
    return status;
  };
}

export function cp(flavor: Flavor): Program {
  return transfer(flavor, 'cp');
}

export function mv(flavor: Flavor): Program {
  return transfer(flavor, 'mv');
}

export function chmod(flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '-R');
    const [mode, ...files] = args;
    if (!mode || !files.length) {
      err(ctx, flavor === 'gnu' ? "chmod: missing operand\nTry 'chmod --help' for more information." : 'chmod: missing operand');
      return 1;
    }
    let status = 0;
    for (const f of files) {
      const p = abs(ctx, f);
      const st = statOf(ctx.fs, p);
      if (!st) {
        err(ctx, flavor === 'gnu' ? `chmod: cannot access ${q(ctx, f)}: No such file or directory` : `chmod: ${f}: No such file or directory`);
        status = 1;
        continue;
      }
      let m = st.mode;
      if (/^[0-7]{1,4}$/.test(mode)) m = parseInt(mode, 8);
      else {
        for (const clause of mode.split(',')) {
          const mm = /^([ugoa]*)([+-=])([rwx]*)$/.exec(clause);
          if (!mm) continue;
          const who = mm[1] || 'a';
          let bits = 0;
          for (const c of mm[3]) bits |= c === 'r' ? 4 : c === 'w' ? 2 : 1;
          let mask = 0;
          if (who.includes('u') || who.includes('a')) mask |= bits << 6;
          if (who.includes('g') || who.includes('a')) mask |= bits << 3;
          if (who.includes('o') || who.includes('a')) mask |= bits;
          m = mm[2] === '+' ? m | mask : mm[2] === '-' ? m & ~mask : mask;
        }
      }
      const e = (ctx.fs as typeof ctx.fs & { chmodFile?: (p: string, m: number) => string | undefined }).chmodFile?.(p, m);
      if (e) {
        // chmod(2) on a read-only mount: coreutils names the change, BusyBox perror()s the file
        err(ctx, flavor === 'gnu' ? `chmod: changing permissions of ${q(ctx, f)}: ${STRERROR[e] ?? e}` : `chmod: ${f}: ${STRERROR[e] ?? e}`);
        status = 1;
      }
    }
    return status;
  };
}

export function ln(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    if (o.operands.length < 2) {
      err(ctx, flavor === 'gnu' ? "ln: missing file operand\nTry 'ln --help' for more information." : 'ln: missing operand');
      return 1;
    }
    const [target, link] = o.operands;
    let p = abs(ctx, link);
    if (!o.flags.has('s')) {
      // A hard link shares the content; modelled as a copy.
      const text = ctx.fs.read(abs(ctx, target));
      if (text === undefined) {
        err(ctx, flavor === 'gnu' ? `ln: failed to access ${q(ctx, target)}: No such file or directory` : `ln: ${target}: No such file or directory`);
        return 1;
      }
      if (ctx.fs.isDir(p)) p = `${p}/${baseOf(target)}`;
      writeFileErr(ctx.fs, p, text);
      return 0;
    }
    if (ctx.fs.isDir(p)) p = `${p}/${baseOf(target)}`;
    if (ctx.fs.exists(p) && !o.flags.has('f')) {
      err(ctx, flavor === 'gnu' ? `ln: failed to create symbolic link ${q(ctx, link)}: File exists` : `ln: ${link}: File exists`);
      return 1;
    }
    ctx.fs.symlink?.(target, p);
    return 0;
  };
}
