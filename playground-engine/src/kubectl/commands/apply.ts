/**
 * `kubectl create -f`, `apply -f`, `replace -f`: the files are sent to the API server through the
 * host, which decodes, checks, defaults and validates them and says what kubectl prints
 * (`pod/nginx created`, `The Pod "nginx" is invalid: ...`).
 */
import { plainError } from '../errors';
import { bool, list, str } from '../flags';
import { DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';
import { parseDryRun } from './dry-run';
import { readSources } from './files';

type Mode = 'create' | 'apply' | 'replace';

export function* applyFiles(c: CommandContext, mode: Mode) {
  const f = c.flags;
  const filenames = list(f, 'filename');
  if (filenames.length === 0) throw plainError('must specify one of -f and -k');
  const dryRun = parseDryRun(str(f, 'dry-run', 'none'));
  const sources = readSources(c, filenames, bool(f, 'recursive'));
  let ok = true;
  for (const src of sources) {
    const r = c.host.apply(src.text, src.name, {
      mode,
      dryRun: dryRun === 'none' ? undefined : dryRun,
      namespace: c.namespaceExplicit ? c.namespace : undefined,
    });
    for (const line of r.stdout) out(c, `${line}\n`);
    for (const line of r.stderr) err(c, `${line}\n`);
    if (!r.ok) ok = false;
  }
  return ok ? 0 : 1;
}

const FILE_FLAGS = [FILENAME_FLAG, RECURSIVE_FLAG, OUTPUT_FLAG, DRY_RUN_FLAG, { name: 'validate', type: 'string' as const, noOptDefVal: 'strict' }, { name: 'save-config', type: 'bool' as const }, { name: 'record', type: 'bool' as const }];

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  use: 'apply (-f FILENAME | -k DIRECTORY)',
  flags: [...FILE_FLAGS, { name: 'force', type: 'bool' }, { name: 'server-side', type: 'bool' }, { name: 'prune', type: 'bool' }, { name: 'selector', shorthand: 'l', type: 'string' }],
  run: (c) => applyFiles(c, 'apply'),
};

export const replaceCommand: Command = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  use: 'replace -f FILENAME',
  flags: [...FILE_FLAGS, { name: 'force', type: 'bool' }, { name: 'grace-period', type: 'int' }],
  run: (c) => applyFiles(c, 'replace'),
};

export const CREATE_FILE_FLAGS = [...FILE_FLAGS, { name: 'edit', type: 'bool' as const }, { name: 'raw', type: 'string' as const }];
