/**
 * `kubectl get` (kubectl/pkg/cmd/get/get.go): server-side tables printed through one tabwriter
 * (a blank line and fresh widths between resource types), `No resources found in <ns>
 * namespace.` on stderr when nothing was printed, -o yaml/json/name/jsonpath through the generic
 * printers (a List unless exactly one object was named), and -w replaying the watch history.
 */
import type { K8sObject } from '../../types';
import type { Effect } from '../../programs/types';
import type { ResourceInfo, Revision } from '../types';
import { KubectlError, notFoundText, plainError, usageError } from '../errors';
import { bool, list, str, type FlagSpec } from '../flags';
import { newKubectlTabWriter } from '../go/tabwriter';
import { matches, parseSelector } from '../labels';
import { printerFor } from '../printers';
import { executeJsonPath, goSyntax, JsonPathError, JsonPathExecError } from '../printers/jsonpath';
import { goQuote, goString, GoTemplateError, parseGoTemplate, templateData } from '../printers/gotemplate';
import { toCompactJson, toJson } from '../printers/json';
import { parseOutputFormat, type OutputFormat } from '../printers/output';
import { buildTable, renderTable, type PrintOptions } from '../printers/table';
import { toYaml, YAML_CONTROL_CHARACTERS, yamlConvertible } from '../printers/yaml';
import { kindPrefix, qualifiedResource, resolveResource, resourceArgName } from '../resources';
import { buildInfos, type Info } from './builder';
import { ALL_NAMESPACES_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';
import { sortInfos } from './sort-by';
import { type Column, parseCustomColumns, parseCustomColumnsFile, renderCustomColumns } from '../printers/custom-columns';

const GET_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  { name: 'watch', shorthand: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice' },
  { name: 'show-kind', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'chunk-size', type: 'int' },
  { name: 'server-print', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

/** The object as kubectl prints it with -o yaml/json: managedFields hidden. */
export function forOutput(obj: K8sObject, showManagedFields = false): K8sObject {
  if (showManagedFields || !obj.metadata?.managedFields) return obj;
  const copy = JSON.parse(JSON.stringify(obj)) as K8sObject;
  delete copy.metadata.managedFields;
  return copy;
}

function listOf(objs: K8sObject[]): unknown {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Print objects with a generic (non-table) printer. */
/** `typed`: a Go struct kubectl built itself (JSON keys in struct order, see struct-order.ts). */
export function printGeneric(c: CommandContext, fmt: OutputFormat, value: unknown, items: K8sObject[], yamlCount: { n: number }, typed = false): void {
  switch (fmt.kind) {
    case 'yaml':
      if (!yamlConvertible(value)) throw plainError(YAML_CONTROL_CHARACTERS);
      if (yamlCount.n++ > 0) out(c, '---\n');
      out(c, toYaml(value));
      return;
    case 'json':
      out(c, toJson(value, { sorted: !typed }));
      return;
    case 'name':
      for (const o of items) {
        const r = c.host.resources().find((x) => x.kind === o.kind && x.apiVersion === o.apiVersion) ?? c.host.resources().find((x) => x.kind === o.kind);
        out(c, `${r ? kindPrefix(r) : o.kind.toLowerCase()}/${o.metadata.name ?? ''}\n`);
      }
      return;
    case 'jsonpath': {
      const template = fmt.file ? readTemplateFile(c, fmt.template) : fmt.template;
      let text: string;
      try {
        text = executeJsonPath(template, value, fmt.asJson, bool(c.flags, 'allow-missing-template-keys', true));
      } catch (e) {
        if (e instanceof JsonPathExecError) {
          // cli-runtime's JSONPathPrinter: the whole debugging text goes into the error.
          throw plainError(
            `error executing jsonpath ${goQuote(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
              `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(templateData(value))}\n\n\n`,
          );
        }
        throw plainError(`error parsing jsonpath ${template}, ${e instanceof JsonPathError ? e.message : String(e)}`);
      }
      out(c, text);
      return;
    }
    case 'go-template':
      printGoTemplate(c, fmt.file ? readTemplateFile(c, fmt.template) : fmt.template, value);
      return;
    default:
  }
}

/** A file named by -o go-template-file= / templatefile= / jsonpath-file= (or --template with them). */
function readTemplateFile(c: CommandContext, name: string): string {
  const path = name.startsWith('/') ? name : `${c.io.cwd.replace(/\/$/, '')}/${name}`;
  const text = c.io.fs?.read(path);
  if (text === undefined) throw plainError(`error reading --template ${name}, open ${name}: no such file or directory`);
  return text;
}

/**
 * cli-runtime's GoTemplatePrinter: a parse error before anything is printed; an execution error
 * after what the template already wrote, with the printer's debugging lines on stdout.
 */
function printGoTemplate(c: CommandContext, src: string, value: unknown): void {
  let tpl;
  try {
    tpl = parseGoTemplate(src, { allowMissingKeys: bool(c.flags, 'allow-missing-template-keys', true) });
  } catch (e) {
    if (e instanceof GoTemplateError) throw plainError(`error parsing template ${src}, ${e.message}`);
    throw e;
  }
  const data = templateData(value);
  try {
    out(c, tpl.execute(data));
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    out(c, e.partial);
    out(c, `Error executing template: ${e.message}. Printing more information for debugging the template:\n`);
    out(c, `\ttemplate was:\n\t\t${src}\n`);
    out(c, `\traw data was:\n\t\t${toCompactJson(value)}\n`);
    out(c, `\tobject given to template engine was:\n\t\t${goString(data)}\n\n`);
    throw plainError(`error executing template ${goQuote(src)}: ${e.message}`);
  }
}

/** --output-watch-events: formatEventType pads the type to 8 characters. */
function formatEventType(t: string): string {
  return ({ ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' } as Record<string, string>)[t] ?? t;
}

function* runGet(c: CommandContext) {
  const f = c.flags;
  const filenames = list(f, 'filename');
  if (c.args.length === 0 && filenames.length === 0) {
    err(c, 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw usageError('kubectl get', 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
  }
  const fmt = parseOutputFormat(str(f, 'output'), str(f, 'template'));
  const allNamespaces = bool(f, 'all-namespaces');
  const watch = bool(f, 'watch') || bool(f, 'watch-only');
  if (watch) return yield* runWatch(c, fmt, allNamespaces);

  const built = buildInfos(c, { args: c.args, selector: str(f, 'selector'), allNamespaces, filenames, recursive: bool(f, 'recursive'), allowEmptySelector: true });
  const infos = str(f, 'sort-by') ? sortInfos(built.infos, str(f, 'sort-by')) : built.infos;
  // the API server's deprecation warning header, printed by kubectl on stderr as it arrives
  if (built.types.some((t) => t.kind === 'ComponentStatus')) err(c, 'Warning: v1 ComponentStatus is deprecated in v1.19+\n');
  const ignoreNotFound = bool(f, 'ignore-not-found');
  const errors = ignoreNotFound ? built.errors.filter((e) => !e.startsWith('Error from server (NotFound)')) : built.errors;

  if (fmt.kind === 'custom-columns') {
    let columns: Column[];
    if (fmt.file) {
      const path = fmt.spec.startsWith('/') ? fmt.spec : `${c.io.cwd.replace(/\/$/, '')}/${fmt.spec}`;
      const text = c.io.fs?.read(path);
      // wording not verified
      if (text === undefined) throw plainError(`error reading template ${fmt.spec}, open ${fmt.spec}: no such file or directory`);
      columns = parseCustomColumnsFile(text);
    } else columns = parseCustomColumns(fmt.spec);
    out(c, renderCustomColumns(columns, infos.map((i) => i.object), bool(f, 'no-headers')));
    if (infos.length === 0 && errors.length === 0 && !ignoreNotFound) err(c, `No resources found in ${c.namespace} namespace.\n`);
    if (errors.length > 0) throw new KubectlError(errors.join(''));
    return 0;
  }
  if (fmt.kind !== 'table') {
    const objs = infos.map((i) => forOutput(i.object, bool(f, 'show-managed-fields')));
    if (built.singleItemImplied && errors.length > 0) throw new KubectlError(errors.join(''));
    const value = built.singleItemImplied && objs.length === 1 ? objs[0] : listOf(objs);
    if (!(objs.length === 0 && ignoreNotFound)) printGeneric(c, fmt, value, objs, { n: 0 });
    if (errors.length > 0) throw new KubectlError(errors.join(''));
    return 0;
  }

  const printWithKind = bool(f, 'show-kind') || new Set(infos.map((i) => i.resource)).size > 1;
  const w = newKubectlTabWriter();
  let written = 0;
  let separator = false;
  const emit = (text: string) => {
    if (!text) return;
    if (separator) {
      out(c, '\n');
      separator = false;
    }
    out(c, text);
    written += text.length;
  };
  let allNamespaced = !allNamespaces;
  let last: ResourceInfo | undefined;
  let group: Info[] = [];
  const now = c.host.now();
  const printGroup = () => {
    if (!last || group.length === 0) return;
    const opts: PrintOptions = {
      wide: fmt.kind === 'table' && fmt.wide,
      noHeaders: bool(f, 'no-headers'),
      withNamespace: allNamespaces && last.namespaced,
      showLabels: bool(f, 'show-labels'),
      kindPrefix: printWithKind ? kindPrefix(last) : undefined,
      columnLabels: list(f, 'label-columns'),
    };
    const table = buildTable(printerFor(last.kind), group.map((i) => i.object), { wide: opts.wide, now });
    w.write(renderTable(table, opts));
  };
  for (const info of infos) {
    allNamespaced = allNamespaced && info.resource.namespaced;
    if (info.resource !== last) {
      printGroup();
      w.flush();
      emit(w.take());
      w.resetRememberedWidths();
      if (last && !bool(f, 'no-headers') && written > 0) separator = true;
      last = info.resource;
      group = [];
    }
    group.push(info);
  }
  printGroup();
  w.flush();
  emit(w.take());
  if (written === 0 && !ignoreNotFound && errors.length === 0) {
    err(c, allNamespaced ? `No resources found in ${c.namespace} namespace.\n` : 'No resources found\n');
  }
  if (errors.length > 0) throw new KubectlError(errors.join(''));
  return 0;
}

/**
 * `get -w`: the list at the moment the watch started, then one row per stored revision up to now,
 * each printed with its own time (ages are computed when the server sends the event) and
 * flushed separately, so widths are remembered as the real watch printer remembers them.
 */
function* runWatch(c: CommandContext, fmt: OutputFormat, allNamespaces: boolean): Generator<Effect, number, unknown> {
  const f = c.flags;
  if (list(f, 'filename').length > 0) throw plainError('watch is only supported on individual resources and resource collections, but 0 resources were found');
  const args = c.args;
  let r: ResourceInfo | undefined;
  let names: string[] = [];
  if (args.length > 0 && args.every((a) => a.includes('/'))) {
    const types = new Set(args.map((a) => a.split('/')[0]));
    if (types.size > 1) throw plainError('you may only specify a single resource type');
    r = resolveResource(c.host.resources(), args[0].split('/')[0]);
    if (!r) throw plainError(`the server doesn't have a resource type "${resourceArgName(args[0].split('/')[0])}"`);
    names = args.map((a) => a.split('/')[1]);
  } else {
    const types = args[0].split(',').filter((t) => t !== '');
    if (types.length !== 1 || types[0].toLowerCase() === 'all') throw plainError('you may only specify a single resource type');
    r = resolveResource(c.host.resources(), types[0]);
    if (!r) throw plainError(`the server doesn't have a resource type "${resourceArgName(types[0])}"`);
    names = args.slice(1);
  }
  if (names.length > 0 && allNamespaces) throw plainError('a resource cannot be retrieved by name across all namespaces');
  const resource = r;
  const ns = resource.namespaced && !allNamespaces ? c.namespace : undefined;
  const sel = str(f, 'selector') ? parseSelector(str(f, 'selector')) : undefined;
  if (sel && !sel.ok) throw plainError(sel.error);
  const wanted = (o: K8sObject) =>
    (names.length === 0 || names.includes(o.metadata.name ?? '')) && (!sel || !sel.ok || matches(sel.reqs, o.metadata.labels));
  if (names.length > 0) {
    for (const n of names) {
      if (!c.host.get(resource.kind, ns ?? '', n)) throw new KubectlError(notFoundText(qualifiedResource(resource), n));
    }
  }
  const allHistory = c.host.history(resource.kind, ns);
  const history: Revision[] = allHistory.filter((rev) => wanted(rev.object));
  // A view (no waiting) replays the watch from right after the first writes: the objects added
  // at the first instant, then every later revision. A terminal command lists what exists now
  // and then follows the changes as virtual time goes on.
  let start = 0;
  const initial = new Map<string, K8sObject>();
  let t0: number;
  if (c.canWait) {
    for (const o of c.host.list(resource.kind, ns)) if (wanted(o)) initial.set(`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o);
    t0 = c.host.now();
  } else {
    while (start < history.length && history[start].t === history[0].t && history[start].type === 'ADDED') start++;
    for (const rev of history.slice(0, start)) initial.set(`${rev.object.metadata.namespace ?? ''}/${rev.object.metadata.name ?? ''}`, rev.object);
    t0 = history.length > 0 ? history[0].t : c.host.now();
  }
  const initialObjs = [...initial.values()].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}\u0000${a.metadata.name ?? ''}`;
    const kb = `${b.metadata.namespace ?? ''}\u0000${b.metadata.name ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

  const watchEvents = bool(f, 'output-watch-events');
  if (fmt.kind !== 'table') {
    const count = { n: 0 };
    const emitObj = (o: K8sObject, type: string) => {
      const v = watchEvents ? { type, object: forOutput(o) } : forOutput(o);
      printGeneric(c, fmt, v, [o], count);
    };
    if (!bool(f, 'watch-only')) for (const o of initialObjs) emitObj(o, 'ADDED');
    if (!c.canWait) {
      for (const rev of history.slice(start)) emitObj(rev.object, rev.type);
      return 0;
    }
    return yield* follow(c, resource.kind, ns, wanted, (rev) => emitObj(rev.object, rev.type));
  }

  const w = newKubectlTabWriter();
  const printer = printerFor(resource.kind);
  let printedHeaders = false;
  const base: Omit<PrintOptions, 'noHeaders'> = {
    wide: fmt.wide,
    withNamespace: allNamespaces && resource.namespaced,
    showLabels: bool(f, 'show-labels'),
    columnLabels: list(f, 'label-columns'),
  };
  const print = (objs: K8sObject[], t: number, type: string) => {
    const table = buildTable(printer, objs, { wide: fmt.wide, now: t });
    const noHeaders = bool(f, 'no-headers') || printedHeaders;
    if (objs.length > 0) printedHeaders = true;
    w.write(renderTable(table, { ...base, noHeaders, eventType: watchEvents ? formatEventType(type) : undefined }));
    w.flush();
    out(c, w.take());
  };
  if (!bool(f, 'watch-only')) print(initialObjs, t0, 'ADDED');
  if (!c.canWait) {
    for (const rev of history.slice(start)) print([rev.object], rev.t, rev.type);
    return 0;
  }
  return yield* follow(c, resource.kind, ns, wanted, (rev) => print([rev.object], rev.t, rev.type));
}

/**
 * Follow the watch: every change stored from now on, printed at the virtual time it is stored
 * (the host's watch wakes kubectl then), until Ctrl-C (the terminal presses it after its wait).
 */
export function* follow(c: CommandContext, kind: string, ns: string | undefined, wanted: (o: K8sObject) => boolean, emit: (rev: Revision) => void): Generator<Effect, number, unknown> {
  let batch = c.host.watch?.(kind, ns);
  if (!batch) return 0; // a host without a future: nothing more will come
  for (;;) {
    yield { kind: 'await', future: batch.changed };
    batch = c.host.watch!(kind, ns, batch.resume);
    for (const rev of batch.revisions) if (wanted(rev.object)) emit(rev);
  }
}

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  flags: GET_FLAGS,
  run: runGet,
};
