/**
 * `kubectl delete` (kubectl/pkg/cmd/delete/delete.go): by TYPE NAME, TYPE/NAME, -f FILE,
 * -l selector or --all; `pod "nginx" deleted`, `force deleted` with a zero grace period (and the
 * `Warning: Immediate deletion does not wait...` notice), --grace-period=0 without --force
 * meaning 1 s; by default the command then waits until the objects are gone (virtual time).
 */
import type { K8sObject } from '../../types';
import { KubectlError, plainError, noResourcesGiven } from '../errors';
import { bool, int, list, str } from '../flags';
import { parseDryRun } from './dry-run';
import { kindPrefix } from '../resources';
import { buildInfos } from './builder';
import { ALL_NAMESPACES_FLAG, DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out, untilChange } from './context';

const IMMEDIATE = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

function* runDelete(c: CommandContext) {
  const f = c.flags;
  const output = str(f, 'output');
  if (output !== '' && output !== 'name') throw plainError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  const selectAll = bool(f, 'all');
  const selector = str(f, 'selector');
  if (selectAll && selector !== '') throw plainError('cannot set --all and --selector at the same time');
  const force = bool(f, 'force');
  const now = bool(f, 'now');
  let grace = f.changed.has('grace-period') ? int(f, 'grace-period', -1) : -1;
  if (now) {
    if (grace !== -1) throw plainError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dryRun = parseDryRun(str(f, 'dry-run', 'none'));
  const filenames = list(f, 'filename');
  if (c.args.length === 0 && filenames.length === 0 && selector === '' && !selectAll) {
    throw noResourcesGiven();
  }
  const built = buildInfos(c, {
    args: c.args,
    selector,
    allNamespaces: bool(f, 'all-namespaces'),
    filenames,
    recursive: bool(f, 'recursive'),
    allowEmptySelector: false,
    selectAll,
  });
  if (grace === 0 && force) err(c, IMMEDIATE);
  else if (grace > 0 && force) throw plainError('--force and --grace-period greater than 0 cannot be specified together');
  const ignoreNotFound = bool(f, 'ignore-not-found') || ((selectAll || selector !== '') && !f.changed.has('ignore-not-found'));
  // errors are reported as they are met, after the objects before them were deleted
  const errors = ignoreNotFound ? [] : built.errors;
  const deleted: Array<{ kind: string; ns: string; name: string; uid?: string }> = [];
  for (const info of built.infos) {
    const obj: K8sObject = info.object;
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    const op = (grace === 0 ? 'force deleted' : 'deleted') + (dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '');
    if (dryRun !== 'client') {
      const r = c.host.delete(obj.kind, ns, name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, force: grace === 0 && force });
      if (!r.ok) {
        err(c, (r.error ?? '').endsWith('\n') ? (r.error as string) : `${r.error ?? ''}\n`);
        return 1;
      }
      deleted.push({ kind: obj.kind, ns, name, uid: obj.metadata.uid });
    }
    if (output === 'name') out(c, `${kindPrefix(info.resource)}/${name}\n`);
    else out(c, `${kindPrefix(info.resource)} "${name}" ${op}\n`);
  }
  if (built.infos.length === 0 && errors.length === 0) out(c, 'No resources found\n');
  if (errors.length > 0) throw new KubectlError(errors.join(''));
  // --wait (default true): block until every deleted object is gone
  const wait = f.changed.has('wait') ? bool(f, 'wait') : true;
  if (wait && c.canWait && dryRun === 'none') {
    const limit = c.host.now() + 7 * 24 * 3600 * 1000;
    for (;;) {
      const left = deleted.filter((d) => {
        const cur = c.host.get(d.kind, d.ns, d.name);
        return cur !== undefined && (d.uid === undefined || cur.metadata.uid === d.uid);
      });
      if (left.length === 0) break;
      if (c.host.now() >= limit) break;
      // woken at the next change of the kind (kubectl's watch), as it sees the deletion
      if (!(yield* untilChange(c, left[0].kind, left[0].ns || undefined, limit))) break;
    }
  }
  return 0;
}

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'all', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'cascade', type: 'string', noOptDefVal: 'background' },
    { name: 'timeout', type: 'string' },
    { name: 'field-selector', type: 'string' },
  ],
  run: runDelete,
};
