/**
 * `kubectl cp` (kubectl/pkg/cmd/cp/cp.go): copies through `tar` run in the container, as the real
 * one does. From a pod: `tar cf - PATH` in the container (its stderr goes to kubectl's stdout,
 * hence the well-known `tar: Removing leading `/' from member names`), unpacked on the local file
 * system with the member names' prefix replaced by the destination. To a pod: `test -d DEST`
 * decides whether DEST is a directory, then kubectl's own archive goes to `tar -xmf - -C DIR`.
 * A container without tar fails as the exec does.
 */
import { collect, extract, readTar, writeTar, type TarEntry } from '../../programs/tools/tarball';
import { plainError } from '../errors';
import { bool, str } from '../flags';
import { CONTAINER_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';
import { awaitExec, notStarted, terminated } from './exec';

interface Spec {
  namespace?: string;
  pod?: string;
  file: string;
}

/** extractFileSpec: `[[namespace/]pod:]file/path`. */
function spec(arg: string): Spec {
  const i = arg.indexOf(':');
  if (i === 0) throw plainError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  const file = arg.slice(i + 1);
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw plainError('filespec must match the canonical format: [[namespace/]pod:]file/path');
}

/** path.Clean for slash paths. */
function clean(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const s = out.join('/');
  return abs ? `/${s}` : s || '.';
}

/** stripPathShortcuts: drop leading `../` and `./` (remote paths cannot leave `/`). */
function stripShortcuts(p: string): string {
  let s = p;
  for (;;) {
    if (s.startsWith('../')) s = s.slice(3);
    else if (s.startsWith('./')) s = s.slice(2);
    else if (s === '..' || s === '.') return '';
    else return s;
  }
}

function localAbs(c: CommandContext, p: string): string {
  return clean(p.startsWith('/') ? p : `${c.io.cwd.replace(/\/$/, '')}/${p}`);
}

function execIn(c: CommandContext, ns: string, pod: string, argv: string[], stdin?: string) {
  return awaitExec(c.host.exec(ns, pod, str(c.flags, 'container') || undefined, argv, { stdin }));
}

function* runCp(c: CommandContext) {
  if (c.args.length !== 2) throw plainError('source and destination are required');
  const src = spec(c.args[0]);
  const dest = spec(c.args[1]);
  if (src.pod && dest.pod) throw plainError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw plainError('filepath can not be empty');
  if (!src.pod && !dest.pod) throw plainError('one of src or dest must be a remote file specification');
  const fs = c.io.fs;
  if (!fs) throw plainError('the local file system is not available'); // (every simulated host has one)

  if (src.pod) {
    const ns = src.namespace ?? c.namespace;
    const r = yield* execIn(c, ns, src.pod, ['tar', 'cf', '-', src.file]);
    if (r.startError) notStarted(c, r);
    // the container's stderr is written to kubectl's stdout (TarPipe: ErrOut: o.Out)
    if (r.stderr) out(c, r.stderr);
    const prefix = stripShortcuts(clean(src.file.replace(/^\/+/, '')));
    const destPath = localAbs(c, dest.file);
    const parsed = readTar(r.stdout);
    if (parsed) {
      const entries: TarEntry[] = [];
      for (const e of parsed.entries) {
        if (!e.name.startsWith(prefix)) throw plainError('tar contents corrupted');
        const rest = clean(`/${e.name.slice(prefix.length)}`).replace(/^\/+/, '');
        if (e.type === 'symlink') {
          err(c, `warning: skipping symlink: "${rest ? `${destPath}/${rest}` : destPath}" -> "${e.target ?? ''}"\n`);
          continue;
        }
        entries.push({ ...e, name: rest });
      }
      // the member for the path itself lands on the destination, the rest under it
      const top = entries.find((e) => e.name === '');
      if (top && top.type === 'file') extract(fs, destPath.slice(0, destPath.lastIndexOf('/')) || '/', [{ ...top, name: destPath.slice(destPath.lastIndexOf('/') + 1) }]);
      else if (!fs.isDir(destPath)) fs.mkdir(destPath, { parents: true });
      extract(fs, destPath, entries.filter((e) => e.name !== ''));
    }
    if (r.exitCode !== 0) throw terminated(r.exitCode);
    return 0;
  }

  const ns = dest.namespace ?? c.namespace;
  const srcPath = localAbs(c, src.file);
  if (!fs.exists(srcPath)) throw plainError(`${src.file} doesn't exist in local filesystem`);
  let destFile = clean(dest.file);
  const isDir = yield* execIn(c, ns, dest.pod as string, ['test', '-d', destFile]);
  if (!isDir.startError && isDir.exitCode === 0) destFile = clean(`${destFile}/${srcPath.slice(srcPath.lastIndexOf('/') + 1)}`);
  const slash = destFile.lastIndexOf('/');
  const destDir = slash > 0 ? destFile.slice(0, slash) : slash === 0 ? '/' : '';
  const destBase = destFile.slice(slash + 1);
  const entries = collect(fs, srcPath, destBase) ?? [];
  const argv = bool(c.flags, 'no-preserve') ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  if (destDir) argv.push('-C', destDir);
  const r = yield* execIn(c, ns, dest.pod as string, argv, writeTar(entries));
  if (r.startError) notStarted(c, r);
  if (r.stdout) out(c, r.stdout);
  if (r.stderr) err(c, r.stderr);
  if (r.exitCode !== 0) throw terminated(r.exitCode);
  return 0;
}

export const cpCommand: Command = {
  name: 'cp',
  short: 'Copy files and directories to and from containers',
  use: 'cp <file-spec-src> <file-spec-dest>',
  flags: [
    CONTAINER_FLAG,
    { name: 'no-preserve', type: 'bool' },
    { name: 'retries', type: 'int' },
  ],
  run: runCp,
};
