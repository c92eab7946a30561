/**
 * Turns one parsed YAML document into the JSON kubectl would send, with the position of every
 * field. Mirrors sigs.k8s.io/yaml over go-yaml v2: YAML 1.1 scalars (`yes` is true, `0777` is
 * octal, timestamps stay strings), non-string keys become strings (`1`, `true`), the last of
 * duplicate keys wins, `<<` merges, aliases expand. Bounded: nesting depth, expanded node count
 * and scalar length are capped, and every failure is returned as data.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { goFormatFloatG } from './gofloat';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface TreeLimits {
  maxDepth: number;
  maxNodes: number;
  maxString: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxDepth: 64, maxNodes: 50_000, maxString: 128 * 1024 };

/** Where a field is: offsets in the whole input (the chunk's offset already added). */
export interface FieldPos {
  key?: [number, number];
  value: [number, number];
}

export type TreeErrorKind =
  | 'unknown-anchor' // yaml: unknown anchor 'x' referenced
  | 'excessive-aliasing' // yaml: document contains excessive aliasing
  | 'unsupported-value' // json: unsupported value: +Inf
  | 'map-key' // a collection or null used as a map key
  | 'depth'
  | 'nodes' // more values than the playground's limit, without aliases
  | 'string';

export interface TreeError {
  kind: TreeErrorKind;
  /** The text after `error converting YAML to JSON: ` (or a playground limit message). */
  message: string;
  offset: number;
}

export interface BuiltTree {
  value: Json;
  /** Field path (`spec.containers[0].image`, map keys as `.key`) → position. */
  positions: Map<string, FieldPos>;
  /** Keys that appeared more than once in one mapping (kubectl silently keeps the last). */
  duplicates: Array<{ path: string; pos: [number, number]; first: [number, number] }>;
  error?: TreeError;
}

class Stop extends Error {
  constructor(readonly info: TreeError) {
    super(info.message);
  }
}

export function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

export function buildTree(doc: Document, offset: number, limits: TreeLimits = DEFAULT_TREE_LIMITS): BuiltTree {
  const positions = new Map<string, FieldPos>();
  const duplicates: BuiltTree['duplicates'] = [];
  let nodes = 0;
  let aliasDepth = 0;
  let aliasesSeen = false;

  const rangeOf = (n: Node | null | undefined): [number, number] => {
    const r = n?.range;
    return r ? [offset + r[0], offset + r[1]] : [offset, offset];
  };

  const scalarValue = (n: Node, at: [number, number]): Json => {
    if (!isScalar(n)) return null;
    const v: unknown = n.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean' || typeof v === 'string') {
      if (typeof v === 'string' && v.length > limits.maxString) {
        throw new Stop({ kind: 'string', message: `a string of ${v.length} characters is longer than the playground accepts (${limits.maxString})`, offset: at[0] });
      }
      return v;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Stop({ kind: 'unsupported-value', message: `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`, offset: at[0] });
      return v;
    }
    if (typeof v === 'bigint') return Number(v);
    // !!binary and other exotic tags: keep the text as written
    return typeof n.source === 'string' ? n.source : String(v);
  };

  const keyString = (k: Node | null, at: [number, number]): string | undefined => {
    if (k === null || k === undefined) throw new Stop({ kind: 'map-key', message: 'Unsupported map key of type: <nil>', offset: at[0] });
    if (isAlias(k)) return keyString(k.resolve(doc) ?? null, at);
    if (!isScalar(k)) throw new Stop({ kind: 'map-key', message: `Unsupported map key of type: ${isSeq(k) ? '[]interface {}' : 'map[interface {}]interface {}'}`, offset: at[0] });
    const v: unknown = k.value;
    if (typeof v === 'symbol') return undefined; // `<<` merge key
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') {
      // go-yaml gives int for integers; floats are formatted with strconv 'g' (float32)
      const isInt = /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]*|[1-9][0-9_]*)$/.test(String(k.source ?? ''));
      return isInt && Number.isInteger(v) ? String(v) : goFormatFloatG(v, 32);
    }
    if (v === null) throw new Stop({ kind: 'map-key', message: 'Unsupported map key of type: <nil>', offset: at[0] });
    return String(v);
  };

  const convert = (n: Node | null | undefined, path: string, depth: number, record: boolean): Json => {
    if (++nodes > limits.maxNodes) {
      // go-yaml's own words only when aliases blew the document up; otherwise the playground's
      // node limit, said plainly (kubectl itself has none below the 3 MiB request limit).
      throw aliasesSeen
        ? new Stop({ kind: 'excessive-aliasing', message: 'yaml: document contains excessive aliasing', offset: rangeOf(n)[0] })
        : new Stop({ kind: 'nodes', message: `the document has more than ${limits.maxNodes} values, more than the playground accepts`, offset: rangeOf(n)[0] });
    }
    if (depth > limits.maxDepth) {
      throw new Stop({ kind: 'depth', message: `the document nests deeper than the playground accepts (${limits.maxDepth} levels)`, offset: rangeOf(n)[0] });
    }
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (!target) throw new Stop({ kind: 'unknown-anchor', message: `yaml: unknown anchor '${n.source}' referenced`, offset: rangeOf(n)[0] });
      aliasDepth++;
      aliasesSeen = true;
      try {
        // inside an alias, positions point at the alias itself
        return convert(target, path, depth, false);
      } finally {
        aliasDepth--;
      }
    }
    if (isMap(n)) {
      const out: { [k: string]: Json } = {};
      const seenAt = new Map<string, [number, number]>();
      for (const pair of n.items) {
        const kNode = (pair.key ?? null) as Node | null;
        const kRange = rangeOf(kNode);
        const key = keyString(kNode, kRange);
        if (key === undefined) {
          mergeInto(out, convert(pair.value as Node, path, depth + 1, false));
          continue;
        }
        const p = childPath(path, key);
        const prev = seenAt.get(key);
        if (prev && record && aliasDepth === 0) duplicates.push({ path: p, pos: kRange, first: prev });
        seenAt.set(key, kRange);
        const vNode = (pair.value ?? null) as Node | null;
        if (record && aliasDepth === 0) positions.set(p, { key: kRange, value: vNode ? rangeOf(vNode) : [kRange[1], kRange[1]] });
        // a later duplicate wins, at the position of its first occurrence in the object
        delete out[key];
        out[key] = convert(vNode, p, depth + 1, record);
      }
      return out;
    }
    if (isSeq(n)) {
      const arr: Json[] = [];
      n.items.forEach((item, i) => {
        const p = `${path}[${i}]`;
        if (record && aliasDepth === 0) positions.set(p, { value: rangeOf(item as Node) });
        arr.push(convert(item as Node, p, depth + 1, record));
      });
      return arr;
    }
    return scalarValue(n, rangeOf(n));
  };

  try {
    const value = convert(doc.contents as Node | null, '', 0, true);
    positions.set('', { value: rangeOf(doc.contents as Node | null) });
    return { value, positions, duplicates };
  } catch (e) {
    if (e instanceof Stop) return { value: null, positions, duplicates, error: e.info };
    if (e instanceof RangeError) return { value: null, positions, duplicates, error: { kind: 'depth', message: 'the document nests deeper than the playground accepts', offset } };
    throw e;
  }
}

/** `<<: *base` (or a list of them): keys of the merged maps, later ones winning. */
function mergeInto(out: { [k: string]: Json }, merged: Json): void {
  const sources = Array.isArray(merged) ? merged : [merged];
  for (const s of sources) {
    if (s && typeof s === 'object' && !Array.isArray(s)) for (const [k, v] of Object.entries(s)) out[k] = v;
  }
}
