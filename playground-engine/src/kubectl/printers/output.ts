/**
 * `-o` formats: table (default), wide, yaml, json, name, jsonpath, custom-columns(-file) and the
 * Go templates (go-template, template, go-template-file, templatefile; or `--template` alone).
 * Anything else is refused with cli-runtime's message listing the formats kubectl knows.
 */
import { plainError } from '../errors';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; file?: boolean; asJson?: boolean }
  | { kind: 'custom-columns'; spec: string; file: boolean }
  | { kind: 'go-template'; template: string; file: boolean };

const TEMPLATE_FORMATS = ['go-template', 'template', 'go-template-file', 'templatefile'];

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];

/**
 * cli-runtime's template flags: without --template, `-o FORMAT=VALUE` carries the template;
 * with --template, the format must be the bare name (`-o jsonpath --template=...`), and
 * `-o jsonpath=... --template=...` matches no printer.
 */
function splitTemplate(o: string, template: string, formats: string[]): { name: string; value: string } {
  if (template !== '') return { name: o, value: template };
  for (const f of formats) if (o.startsWith(`${f}=`)) return { name: f, value: o.slice(f.length + 1) };
  return { name: o, value: '' };
}

/** `template`: the --template flag's value (cli-runtime: with no -o it means -o go-template). */
export function parseOutputFormat(o: string, template = ''): OutputFormat {
  if (o === '' && template !== '') o = 'go-template';
  if (o === '') return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const go = splitTemplate(o, template, TEMPLATE_FORMATS);
  if (TEMPLATE_FORMATS.includes(go.name)) {
    if (go.value === '') throw plainError('template format specified but no template given');
    return { kind: 'go-template', template: go.value, file: go.name.endsWith('file') };
  }
  const jp = splitTemplate(o, template, JSONPATH_FORMATS);
  if (JSONPATH_FORMATS.includes(jp.name)) {
    if (jp.value === '') throw plainError('template format specified but no template given');
    return { kind: 'jsonpath', template: jp.value, file: jp.name === 'jsonpath-file', asJson: jp.name === 'jsonpath-as-json' };
  }
  const eq = o.indexOf('=');
  if (eq > 0 && (o.slice(0, eq) === 'custom-columns' || o.slice(0, eq) === 'custom-columns-file')) return { kind: 'custom-columns', spec: o.slice(eq + 1), file: o.slice(0, eq) === 'custom-columns-file' };
  if (o === 'custom-columns') throw plainError('custom-columns format specified but no custom columns given');
  throw plainError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}
