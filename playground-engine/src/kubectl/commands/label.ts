/**
 * `kubectl label` and `kubectl annotate` (kubectl/pkg/cmd/label/label.go, annotate/annotate.go):
 * `KEY=VAL` and `KEY-` arguments after the resources, --overwrite, -l/--all, --dry-run. label
 * prints `labeled` / `unlabeled` (the object got smaller) / `not labeled` (no change), as
 * updateDataChangeMsg decides; annotate always `annotated`. Messages checked against kubectl v1.30.
 */
import type { K8sObject } from '../../types';
import { KubectlError, plainError } from '../errors';
import { bool, list, str } from '../flags';
import { kindPrefix, resourceForKind } from '../resources';
import { buildInfos } from './builder';
import { DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, out } from './context';
import { parseDryRun } from './dry-run';
import { printGeneric } from './get';
import { parseOutputFormat } from '../printers/output';

type Field = 'labels' | 'annotations';

/** label.go parseLabels / annotate.go parseAnnotations: the KEY=VAL and KEY- arguments. */
function parseChanges(args: string[], field: Field): { set: Array<[string, string]>; remove: string[] } {
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const parts = field === 'labels' ? a.split('=') : [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      if (parts.length !== 2 || parts[0] === '') throw plainError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${a}`);
      set.push([parts[0], parts[1]]);
    } else if (a.endsWith('-')) {
      remove.push(a.slice(0, -1));
    } else throw plainError(`unknown ${field === 'labels' ? 'label' : 'annotation'} spec: ${a}`); // wording not verified
  }
  for (const [k] of set) if (remove.includes(k)) throw plainError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  return { set, remove };
}

function runLabelLike(field: Field) {
  const noun = field === 'labels' ? 'label' : 'annotation';
  return function* run(c: CommandContext) {
    const f = c.flags;
    // resources come first, then the changes (KEY=VAL / KEY-)
    const first = c.args.findIndex((a) => a.includes('=') || a.endsWith('-'));
    const resArgs = first < 0 ? c.args : c.args.slice(0, first);
    const changeArgs = first < 0 ? [] : c.args.slice(first);
    const filenames = list(f, 'filename');
    if (resArgs.length === 0 && filenames.length === 0) {
      throw plainError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if (changeArgs.length === 0) throw plainError(`at least one ${noun} update is required`);
    const { set, remove } = parseChanges(changeArgs, field);
    const dryRun = parseDryRun(str(f, 'dry-run', 'none'));
    const overwrite = bool(f, 'overwrite');
    const selector = str(f, 'selector');
    const all = bool(f, 'all');
    const args = resArgs.length === 1 && !resArgs[0].includes('/') && (selector !== '' || all) ? resArgs : resArgs;
    const built = buildInfos(c, { args, selector, allNamespaces: bool(f, 'all-namespaces'), filenames, allowEmptySelector: all || selector !== '' });
    if (built.errors.length > 0 && built.infos.length === 0) throw new KubectlError(built.errors.join(''));
    const fmt = parseOutputFormat(str(f, 'output'));
    const count = { n: 0 };
    for (const { object } of built.infos) {
      const current = (object.metadata[field] ?? {}) as Record<string, string>;
      if (!overwrite) {
        const clashes = set.filter(([k, v]) => k in current && current[k] !== v);
        if (clashes.length > 0) {
          if (field === 'labels') throw plainError(`'${clashes[0][0]}' already has a value (${current[clashes[0][0]]}), and --overwrite is false`);
          // wording not verified (annotate.go validateNoAnnotationOverwrites)
          throw plainError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
        }
      }
      const apply = (o: K8sObject) => {
        const m: Record<string, string> = { ...((o.metadata[field] ?? {}) as Record<string, string>) };
        for (const [k, v] of set) m[k] = v;
        for (const k of remove) delete m[k];
        if (Object.keys(m).length > 0) (o.metadata as Record<string, unknown>)[field] = m;
        else delete (o.metadata as Record<string, unknown>)[field];
      };
      const before = JSON.stringify(object);
      let after: K8sObject = JSON.parse(before) as K8sObject;
      apply(after);
      if (dryRun !== 'client') {
        const ns = object.metadata.namespace ?? '';
        if (!c.host.patch) throw plainError('this view is read-only: type the command in the terminal to change the cluster');
        const r = c.host.patch(object.kind, ns, object.metadata.name ?? '', apply);
        if (!r.ok) throw new KubectlError(r.error.endsWith('\n') ? r.error : `${r.error}\n`);
        after = r.object;
      }
      const oldJson = JSON.stringify(object.metadata[field] ?? {});
      const newJson = JSON.stringify(after.metadata[field] ?? {});
      let msg: string;
      if (field === 'annotations') msg = 'annotated';
      else {
        msg = 'not labeled';
        if (oldJson !== newJson) {
          msg = 'labeled';
          if (!overwrite && newJson.length < oldJson.length) msg = 'unlabeled';
        }
      }
      if (fmt.kind === 'table') {
        const res = resourceForKind(c.host.resources(), object.kind, object.apiVersion);
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        out(c, `${res ? kindPrefix(res) : object.kind.toLowerCase()}/${object.metadata.name ?? ''} ${msg}${suffix}\n`);
      } else printGeneric(c, fmt, after, [after], count);
    }
    if (built.errors.length > 0) throw new KubectlError(built.errors.join(''));
    return 0;
    yield* [];
  };
}

const FLAGS = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  FILENAME_FLAG,
  SELECTOR_FLAG,
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' as const },
  { name: 'resource-version', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'field-manager', type: 'string' as const },
  { name: 'recursive', shorthand: 'R', type: 'bool' as const },
];

export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  flags: FLAGS,
  run: runLabelLike('labels'),
};

export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  flags: FLAGS,
  run: runLabelLike('annotations'),
};
