/**
 * `kubectl -o json`: cli-runtime's JSONPrinter, json.MarshalIndent(obj, "", "    ") plus a
 * newline. Objects are unstructured maps, so Go's encoding/json writes their keys sorted
 * byte-wise, and escapes <, > and & (HTML-safe) as Go does.
 */

function goCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** encoding/json string encoding (with HTML escaping, Go 1.22 short escapes for \b and \f). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '<': out += '\\u003c'; continue;
      case '>': out += '\\u003e'; continue;
      case '&': out += '\\u0026'; continue;
      default:
    }
    if (c < 0x20 || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function encode(v: unknown, indent: string, sorted: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return goJsonString(v);
  const next = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => next + encode(x, next, sorted)).join(',\n')}\n${indent}]`;
  }
  const obj = v as Record<string, unknown>;
  const present = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const keys = sorted ? present.sort(goCompare) : present;
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${next}${goJsonString(k)}: ${encode(obj[k], next, sorted)}`).join(',\n')}\n${indent}}`;
}

/**
 * json.MarshalIndent(v, "", "    "): maps (unstructured objects) with sorted keys; with
 * `sorted: false` the keys keep their order, as for a Go struct (see struct-order.ts).
 */
export function toJson(value: unknown, opts: { sorted?: boolean } = {}): string {
  return `${encode(JSON.parse(JSON.stringify(value ?? null)), '', opts.sorted ?? true)}\n`;
}

/** json.Marshal of an unstructured object: compact, keys sorted, the same string escapes. */
export function toCompactJson(value: unknown): string {
  const enc = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (Array.isArray(v)) return `[${v.map(enc).join(',')}]`;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort(goCompare);
    return `{${keys.map((k) => `${goJsonString(k)}:${enc(obj[k])}`).join(',')}}`;
  };
  return enc(JSON.parse(JSON.stringify(value ?? null)));
}
