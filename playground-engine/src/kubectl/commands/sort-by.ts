/**
 * `--sort-by=<jsonpath>`: kubectl's RuntimeSorter over one field (`.metadata.name`,
 * `{.lastTimestamp}`): numbers numerically, everything else as strings; objects without the
 * field sort first. The sort is stable.
 */
import { executeJsonPath, jsonPathValues } from '../printers/jsonpath';
import { relaxedJsonPath } from '../printers/custom-columns';
import { plainError } from '../errors';
import type { Info } from './builder';

export function sortInfos(infos: Info[], field: string): Info[] {
  const tpl = relaxedJsonPath(field);
  const keyed = infos.map((info) => {
    let v: string;
    try {
      v = executeJsonPath(tpl, info.object);
    } catch {
      v = '';
    }
    return { info, v, n: v !== '' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined };
  });
  // sorter.go: a path no object has is an error (objects lacking it only sort first)
  if (infos.length > 0 && !infos.some((i) => { try { return jsonPathValues(tpl, i.object).length > 0; } catch { return false; } })) {
    throw plainError(`couldn't find any field with path ${JSON.stringify(tpl)} in the list of objects`);
  }
  keyed.sort((a, b) => {
    if (a.n !== undefined && b.n !== undefined) return a.n - b.n;
    return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  });
  return keyed.map((k) => k.info);
}
