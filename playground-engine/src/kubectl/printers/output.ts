/**
 * `-o` formats: table (default), wide, yaml, json, name, jsonpath. Anything else is refused with
 * cli-runtime's message listing the formats kubectl knows.
 */
import { plainError } from '../errors';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; spec: string; file: boolean };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutputFormat(o: string): OutputFormat {
  if (o === '') return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const eq = o.indexOf('=');
  if (eq > 0 && o.slice(0, eq) === 'jsonpath') return { kind: 'jsonpath', template: o.slice(eq + 1) };
  if (eq > 0 && (o.slice(0, eq) === 'custom-columns' || o.slice(0, eq) === 'custom-columns-file')) return { kind: 'custom-columns', spec: o.slice(eq + 1), file: o.slice(0, eq) === 'custom-columns-file' };
  if (o === 'custom-columns') throw plainError('custom-columns format specified but no custom columns given');
  if (o === 'jsonpath') throw plainError('template format specified but no template given');
  throw plainError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}
