/**
 * tar: create (`c`), extract (`x`) and list (`t`) ustar archives, on a file (`f FILE`) or a pipe
 * (`f -`), with `-C DIR`, `v`, `m`, `--no-same-permissions`, `--no-same-owner` (what `kubectl
 * cp` runs in the container: `tar cf - PATH`, `tar -xmf - -C DIR`). GNU tar 1.34 wording
 * (Debian images, CentOS nodes) and BusyBox 1.35 wording. Compression (`z`, `j`, `J`) is not
 * modelled and says so in tar's own way for an unknown option.
 */
import type { Program, ProcessContext } from '../types';
import { abs, err, out, type Flavor } from './common';
import { collect, extract, readTar, writeTar, type TarEntry } from './tarball';
import { bbBanner } from './busybox-builds';

interface Opts {
  mode?: 'c' | 'x' | 't';
  file?: string;
  dir?: string;
  verbose: boolean;
  operands: string[];
  bad?: string;
}

function parse(args: readonly string[]): Opts {
  const o: Opts = { verbose: false, operands: [] };
  const rest = [...args];
  // the first word may be the bundled option letters without a dash (`tar cf - /etc`)
  if (rest.length && !rest[0].startsWith('-')) rest[0] = `-${rest[0]}`;
  const letters = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === 'c' || ch === 'x' || ch === 't') o.mode = ch;
      else if (ch === 'f') o.file = rest.shift() ?? '';
      else if (ch === 'C') o.dir = rest.shift() ?? '';
      else if (ch === 'v') o.verbose = true;
      else if (ch === 'm' || ch === 'p' || ch === 'o') continue;
      else {
        o.bad = ch;
        return;
      }
    }
  };
  while (rest.length) {
    const a = rest.shift() as string;
    if (a === '--no-same-permissions' || a === '--no-same-owner' || a === '--touch' || a === '-m') continue;
    if (a.startsWith('--directory=')) o.dir = a.slice('--directory='.length);
    else if (a === '--directory' || a === '-C') o.dir = rest.shift() ?? '';
    else if (a.startsWith('--file=')) o.file = a.slice('--file='.length);
    else if (a.startsWith('--')) {
      o.bad = a;
      return o;
    } else if (a.startsWith('-') && a.length > 1) {
      letters(a.slice(1));
      if (o.bad) return o;
    } else o.operands.push(a);
  }
  return o;
}

export function tar(flavor: Flavor): Program {
  const gnu = flavor === 'gnu';
  return function* (ctx: ProcessContext) {
    const o = parse(ctx.argv.slice(1));
    const usage = () => (gnu ? "Try 'tar --help' or 'tar --usage' for more information." : '');
    if (o.bad) {
      if (gnu) err(ctx, o.bad.startsWith('--') ? `tar: unrecognized option '${o.bad}'\n${usage()}` : `tar: invalid option -- '${o.bad}'\n${usage()}`);
      else err(ctx, `tar: invalid option -- '${o.bad}'`); // BusyBox then prints its usage text (not modelled)
      return gnu ? 2 : 1;
    }
    if (!o.mode) {
      // BusyBox: getopt32's "c:t:x:" (one of them required) fails into bb_show_usage().
      // unverified: the option letters of the usage line depend on the build's config, and the full usage text follows it
      err(ctx, gnu ? `tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n${usage()}` : `${bbBanner(ctx)}\n\nUsage: tar c|x|t [-zJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [--exclude PATTERN]... [FILE]...\n`);
      return gnu ? 2 : 1;
    }
    // BusyBox tar_main: "empty archive" is checked before it changes to -C DIR (xchdir).
    if (!gnu && o.mode === 'c' && !o.operands.length) {
      err(ctx, 'tar: empty archive');
      return 1;
    }
    const cwd = o.dir ? abs(ctx, o.dir) : ctx.cwd;
    if (o.dir && !ctx.fs.isDir(cwd)) {
      err(ctx, gnu ? `tar: ${o.dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now` : `tar: can't change directory to '${o.dir}': No such file or directory`);
      return gnu ? 2 : 1;
    }
    const file = o.file ?? '-';
    if (o.mode === 'c') {
      if (!o.operands.length) {
        err(ctx, gnu ? `tar: Cowardly refusing to create an empty archive\n${usage()}` : 'tar: empty archive');
        return gnu ? 2 : 1;
      }
      const entries: TarEntry[] = [];
      let failed = false;
      let stripped = false;
      for (const op of o.operands) {
        let name = op.replace(/\/+$/, '') || op;
        if (name.startsWith('/')) {
          if (!stripped) err(ctx, gnu ? "tar: Removing leading `/' from member names" : "tar: removing leading '/' from member names");
          stripped = true;
          name = name.replace(/^\/+/, '');
        }
        const path = op.startsWith('/') ? op : `${cwd.replace(/\/$/, '')}/${op}`;
        const got = collect(ctx.fs, path, name || '.');
        if (!got) {
          // BusyBox: recursive_action's bb_simple_perror_msg(fileName), then writeTarFile's "error exit delayed from previous errors"
          err(ctx, gnu ? `tar: ${op}: Cannot stat: No such file or directory` : `tar: ${op}: No such file or directory`);
          failed = true;
          continue;
        }
        entries.push(...got);
        if (o.verbose) for (const e of got) (file === '-' ? err : out)(ctx, `${e.name}\n`);
      }
      const archive = writeTar(entries, gnu ? 20 * 512 : 512);
      if (file === '-') ctx.write('stdout', archive);
      else ctx.fs.write(abs(ctx, file), archive);
      if (failed) {
        err(ctx, gnu ? 'tar: Exiting with failure status due to previous errors' : 'tar: error exit delayed from previous errors');
        return gnu ? 2 : 1;
      }
      return 0;
    }
    const data = file === '-' ? ctx.stdin : ctx.fs.read(abs(ctx, file));
    if (data === undefined) {
      err(ctx, gnu ? `tar: ${file}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now` : `tar: can't open '${file}': No such file or directory`);
      return gnu ? 2 : 1;
    }
    const parsed = readTar(data);
    if (!parsed || (data.length > 0 && parsed.entries.length === 0 && parsed.truncated)) {
      err(ctx, gnu ? 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors' : 'tar: invalid tar magic');
      return gnu ? 2 : 1;
    }
    if (o.mode === 't') {
      for (const e of parsed.entries) out(ctx, `${e.name}\n`);
    } else {
      if (o.verbose) for (const e of parsed.entries) out(ctx, `${e.name}\n`);
      const failed = extract(ctx.fs, cwd, parsed.entries);
      for (const f of failed) {
        const why = f.error === 'EROFS' ? 'Read-only file system' : f.error === 'EISDIR' ? 'Is a directory' : f.error === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory';
        err(ctx, gnu ? `tar: ${f.name}: Cannot open: ${why}` : `tar: can't open '${f.name}': ${why}`);
      }
      if (failed.length) {
        if (gnu) err(ctx, 'tar: Exiting with failure status due to previous errors');
        return gnu ? 2 : 1;
      }
    }
    if (parsed.truncated) {
      err(ctx, gnu ? 'tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now' : 'tar: short read');
      return gnu ? 2 : 1;
    }
    return 0;
  };
}
