/**
 * Typed access to the generated field tree (`generated/fields.json`, format documented in
 * scripts/gen-schemas.ts): which GVKs the cluster maps, which kinds are decoded strictly, and the
 * JSON fields of every type with their types.
 */
import tree from './generated/fields.json';

export type FieldType =
  | { k: 'string'; go: string }
  | { k: 'bool' }
  | { k: 'int'; go: 'int32' | 'int64' }
  | { k: 'float' }
  | { k: 'intOrString' }
  | { k: 'quantity' }
  | { k: 'time' }
  | { k: 'duration' }
  | { k: 'bytes' }
  | { k: 'object' }
  | { k: 'list'; of: FieldType }
  | { k: 'map'; of: FieldType }
  | { k: 'struct'; name: string };

interface Tree {
  served: Record<string, string[]>;
  roots: Record<string, string>;
  types: Record<string, Record<string, string>>;
}

const T = tree as Tree;
const parsed = new Map<string, FieldType>();

export function parseType(notation: string): FieldType {
  const hit = parsed.get(notation);
  if (hit) return hit;
  let t: FieldType;
  if (notation.startsWith('[]')) t = { k: 'list', of: parseType(notation.slice(2)) };
  else if (notation.startsWith('map[string]')) t = { k: 'map', of: parseType(notation.slice('map[string]'.length)) };
  else if (notation.startsWith('string')) t = { k: 'string', go: notation.split('|')[1] ?? 'string' };
  else if (notation === 'bool') t = { k: 'bool' };
  else if (notation === 'int32' || notation === 'int64') t = { k: 'int', go: notation };
  else if (notation === 'float64') t = { k: 'float' };
  else if (notation === 'IntOrString') t = { k: 'intOrString' };
  else if (notation === 'Quantity') t = { k: 'quantity' };
  else if (notation === 'Time') t = { k: 'time' };
  else if (notation === 'Duration') t = { k: 'duration' };
  else if (notation === 'bytes') t = { k: 'bytes' };
  else if (notation === 'object') t = { k: 'object' };
  else t = { k: 'struct', name: notation };
  parsed.set(notation, t);
  return t;
}

/** The fields of a struct type, or undefined. */
export function fieldsOf(type: string): Record<string, string> | undefined {
  return Object.prototype.hasOwnProperty.call(T.types, type) ? T.types[type] : undefined;
}

/** The root type decoded strictly for an apiVersion and kind, if the playground simulates it. */
export function rootType(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(T.roots, key) ? T.roots[key] : undefined;
}

/** True when a v1.30 cluster's RESTMapper maps this apiVersion and kind. */
export function isServed(apiVersion: string, kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(T.served, apiVersion) && T.served[apiVersion].includes(kind);
}

/** Go's reflect type string, as JSON errors print it (`[]v1.Container`, `v1.ResourceList`). */
export function goTypeName(t: FieldType): string {
  switch (t.k) {
    case 'string':
      return t.go;
    case 'bool':
      return 'bool';
    case 'int':
      return t.go;
    case 'float':
      return 'float64';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'time':
      return 'v1.Time';
    case 'duration':
      return 'string';
    case 'bytes':
      return '[]uint8';
    case 'object':
      return 'map[string]interface {}';
    case 'list':
      return `[]${goTypeName(t.of)}`;
    case 'map':
      return t.of.k === 'quantity' ? 'v1.ResourceList' : `map[string]${goTypeName(t.of)}`;
    case 'struct':
      return `v1.${t.name}`;
  }
}
