/**
 * `-o custom-columns=HEADER:JSONPATH,...` and `-o custom-columns-file=FILE`
 * (cli-runtime/pkg/printers/customcolumn.go): one tabwriter row per object, each cell the
 * values the (relaxed) JSONPath finds, printed with Go's %v and joined by commas, `<none>` when
 * nothing is found.
 */
import type { K8sObject } from '../../types';
import { plainError } from '../errors';
import { newKubectlTabWriter } from '../go/tabwriter';
import { JsonPathError, jsonPathValues } from './jsonpath';

export interface Column {
  header: string;
  path: string;
}

/**
 * cmdget.RelaxedJSONPathExpression (custom-columns, --sort-by, wait --for=jsonpath): `.a.b`,
 * `a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`; more than one `{…}` is refused.
 */
export function relaxedJsonPath(e: string): string {
  if (e === '') return e;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(e);
  if (!m) throw plainError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}

export function parseCustomColumns(spec: string): Column[] {
  if (spec.length === 0) throw plainError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw plainError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), path: relaxedJsonPath(part.slice(i + 1)) };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a header line and a JSONPath line, split on whitespace. */
export function parseCustomColumnsFile(text: string): Column[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 2) throw plainError(`unexpected template length: ${lines.length}, expected 2`);
  const headers = lines[0].trim().split(/\s+/);
  const paths = lines[1].trim().split(/\s+/);
  if (headers.length !== paths.length) throw plainError(`number of headers (${headers.length}) and field specifications (${paths.length}) don't match`);
  return headers.map((h, i) => ({ header: h, path: relaxedJsonPath(paths[i]) }));
}

/** fmt's %v of a decoded JSON value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

export function renderCustomColumns(columns: Column[], objects: K8sObject[], noHeaders: boolean): string {
  const w = newKubectlTabWriter();
  if (!noHeaders) w.write(`${columns.map((c) => c.header).join('\t')}\n`);
  for (const o of objects) {
    const cells = columns.map((c) => {
      let values: unknown[];
      try {
        values = jsonPathValues(c.path, o);
      } catch (e) {
        throw plainError(e instanceof JsonPathError ? e.message : String(e));
      }
      return values.length === 0 ? '<none>' : values.map(goValue).join(',');
    });
    w.write(`${cells.join('\t')}\n`);
  }
  w.flush();
  return w.take();
}
