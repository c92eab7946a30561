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
  | { kind: 'jsonpath'; template: string; file?: boolean }
  | { kind: 'custom-columns'; spec: string; file: boolean }
  | { kind: 'go-template'; template: string; file: boolean };

const TEMPLATE_FORMATS = ['go-template', 'template', 'go-template-file', 'templatefile'];

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** `template`: the --template flag's value (cli-runtime: with no -o it means -o go-template). */
export function parseOutputFormat(o: string, template = ''): OutputFormat {
  if (o === '' && template !== '') o = 'go-template';
  if (TEMPLATE_FORMATS.includes(o)) {
    if (template === '') throw plainError('template format specified but no template given');
    return { kind: 'go-template', template, file: o.endsWith('file') };
  }
  if (o === '') return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const eq = o.indexOf('=');
  if (eq > 0 && o.slice(0, eq) === 'jsonpath') return { kind: 'jsonpath', template: o.slice(eq + 1) };
  if (eq > 0 && o.slice(0, eq) === 'jsonpath-file') {
    const value = template !== '' ? template : o.slice(eq + 1);
    if (value === '') throw plainError('template format specified but no template given');
    return { kind: 'jsonpath', template: value, file: true };
  }
  if (eq > 0 && (o.slice(0, eq) === 'custom-columns' || o.slice(0, eq) === 'custom-columns-file')) return { kind: 'custom-columns', spec: o.slice(eq + 1), file: o.slice(0, eq) === 'custom-columns-file' };
  if (eq > 0 && TEMPLATE_FORMATS.includes(o.slice(0, eq))) {
    const value = template !== '' ? template : o.slice(eq + 1);
    if (value === '') throw plainError('template format specified but no template given');
    return { kind: 'go-template', template: value, file: o.slice(0, eq).endsWith('file') };
  }
  if (o === 'custom-columns') throw plainError('custom-columns format specified but no custom columns given');
  if (o === 'jsonpath' || o === 'jsonpath-file') {
    if (template === '') throw plainError('template format specified but no template given');
    return { kind: 'jsonpath', template, file: o === 'jsonpath-file' };
  }
  throw plainError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}
