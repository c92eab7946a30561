/**
 * `kubectl wait` (kubectl/pkg/cmd/wait/wait.go, v1.30): `--for=delete`,
 * `--for=condition=NAME[=VALUE]` (compared after case folding; a condition whose
 * observedGeneration is older than the object's generation does not count) and
 * `--for=jsonpath='{EXPR}'[=VALUE]`, on objects named as the resource builder names them
 * (`pod/x`, `pods -l app=web`, `pods --all`, `-f FILE`). One deadline (`--timeout`, 30s; 0
 * checks once; negative waits a week) for all of them, visited in order; kubectl wakes at each
 * change of the kind (its watch). Success prints `pod/x condition met`.
 */
import type { K8sObject } from '../../types';
import { parseGoDuration } from '../../api/goduration';
import { KubectlError, notFoundText, plainError, noResourcesGiven } from '../errors';
import { bool, list, str } from '../flags';
import { findJsonPathResults, JsonPathError } from '../printers/jsonpath';
import { parseOutputFormat } from '../printers/output';
import { relaxedJsonPath } from '../printers/custom-columns';
import { kindPrefix, qualifiedResource } from '../resources';
import { buildInfos, type Info } from './builder';
import { ALL_NAMESPACES_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, out, untilChange } from './context';
import { printGeneric } from './get';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const WEEK_MS = 168 * 3600 * 1000;

/** splitJSONPathInput: split at single `=`; `==` stays inside. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

/** Is the condition met on this object? (throws a KubectlError for a jsonpath that cannot be compared). */
type Check = (obj: K8sObject) => boolean;

/** Unicode simple case folding, as strings.EqualFold (ASCII and common letters). */
const equalFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();

function conditionCheck(name: string, value: string): Check {
  return (obj) => {
    const o = obj as Any;
    const conditions = o.status?.conditions;
    if (!Array.isArray(conditions)) return false;
    for (const cond of conditions) {
      if (typeof cond?.type !== 'string' || !equalFold(cond.type, name)) continue;
      if (typeof cond.status !== 'string') continue;
      const generation = o.metadata?.generation;
      if (typeof generation === 'number') {
        const observed = typeof cond.observedGeneration === 'number' ? cond.observedGeneration : o.status?.observedGeneration;
        if (typeof observed === 'number' && observed < generation) return false;
      }
      return equalFold(cond.status, value);
    }
    return false;
  };
}

function jsonPathCheck(input: string): Check {
  const parts = splitJsonPathInput(input);
  if (parts.length < 1 || parts.length > 2) throw plainError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  const expr = relaxedJsonPath(parts[0]);
  let want = '';
  if (parts.length === 2) {
    want = parts[1].replace(/^['"]+|['"]+$/g, '');
    if (want === '') throw plainError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  if (expr === '') throw plainError('jsonpath expression cannot be empty');
  try {
    findJsonPathResults(expr, {});
  } catch (e) {
    if (e instanceof JsonPathError) throw plainError(e.message);
    throw e;
  }
  return (obj) => {
    let results: unknown[][];
    try {
      results = findJsonPathResults(expr, obj);
    } catch (e) {
      if (e instanceof JsonPathError) throw plainError(e.message);
      throw e;
    }
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1) throw plainError('given jsonpath expression matches more than one list');
    if (results[0].length > 1) throw plainError('given jsonpath expression matches more than one value');
    if (want === '') return true;
    const v = results[0][0];
    if (v !== null && typeof v === 'object') throw plainError('jsonpath leads to a nested object or list which is not supported');
    return String(v ?? '<nil>').trim() === want.trim();
  };
}

function* runWait(c: CommandContext) {
  const f = c.flags;
  const fmt = parseOutputFormat(str(f, 'output'));
  const forCond = str(f, 'for');
  let check: Check | 'delete';
  if (forCond.toLowerCase() === 'delete') check = 'delete';
  else if (forCond.startsWith('condition=')) {
    let name = forCond.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq !== -1) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    check = conditionCheck(name, value);
  } else if (forCond.startsWith('jsonpath=')) check = jsonPathCheck(forCond.slice('jsonpath='.length));
  else throw plainError(`unrecognized condition: ${JSON.stringify(forCond)}`);
  const timeoutText = str(f, 'timeout', '30s');
  const parsed = parseGoDuration(timeoutText);
  if ('error' in parsed) throw plainError(`invalid argument "${timeoutText}" for "--timeout" flag: ${parsed.error}`);
  const timeoutMs = parsed.ms < 0 ? WEEK_MS : parsed.ms;
  const filenames = list(f, 'filename');
  const selector = str(f, 'selector');
  const selectAll = bool(f, 'all');
  if (c.args.length === 0 && filenames.length === 0) {
    throw noResourcesGiven();
  }
  const built = buildInfos(c, { args: c.args, selector, allNamespaces: bool(f, 'all-namespaces'), filenames, recursive: bool(f, 'recursive'), allowEmptySelector: false, selectAll });
  const deadline = c.host.now() + timeoutMs;
  const yamlCount = { n: 0 };
  const met = (info: Info, obj: K8sObject) => {
    if (fmt.kind === 'table') out(c, `${kindPrefix(info.resource)}/${obj.metadata.name ?? ''} condition met\n`);
    else printGeneric(c, fmt, obj, [obj], yamlCount);
  };
  let visited = 0;
  for (const info of built.infos) {
    visited++;
    const kind = info.object.kind;
    const ns = info.object.metadata.namespace ?? '';
    const name = info.object.metadata.name ?? '';
    const uid = info.object.metadata.uid;
    const objectName = `${info.resource.name}/${name}`;
    for (;;) {
      const cur = c.host.get(kind, ns, name);
      if (check === 'delete') {
        if (!cur || (uid !== undefined && cur.metadata.uid !== uid)) {
          met(info, info.object);
          break;
        }
      } else {
        if (!cur) throw new KubectlError(notFoundText(qualifiedResource(info.resource), name));
        if (check(cur)) {
          met(info, cur);
          break;
        }
      }
      if (timeoutMs === 0) throw plainError(`condition not met for ${objectName}`);
      if (!c.canWait || c.host.now() >= deadline || !(yield* untilChange(c, kind, ns || undefined, deadline))) throw plainError(`timed out waiting for the condition on ${objectName}`);
    }
  }
  const errors = check === 'delete' ? built.errors.filter((e) => !e.includes('(NotFound)')) : built.errors;
  if (errors.length) throw new KubectlError(errors.join(''));
  if (visited === 0 && check !== 'delete') throw plainError('no matching resources found');
  return 0;
}

export const waitCommand: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  use: "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]",
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'all', type: 'bool' },
    ALL_NAMESPACES_FLAG,
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    OUTPUT_FLAG,
    { name: 'field-selector', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run: runWait,
};
