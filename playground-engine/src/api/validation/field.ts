/**
 * Field errors as apimachinery builds and prints them (pkg/util/validation/field/errors.go):
 * `<field>: <Type>[: <value>][: <detail>]`, where Required, Forbidden, TooLong and Internal
 * never print the value, strings print Go-quoted, integers and booleans bare, nil as `null`,
 * and other values as Go's `%#v` (e.g. `map[string]string{"app":"x"}`).
 */

export type ErrorType = 'Required' | 'Invalid' | 'Duplicate' | 'NotSupported' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound' | 'Internal';

/** A bad value as Go would format it in `ErrorBody`. */
export type GoValue = { str: string } | { num: number } | { bool: boolean } | { raw: string } | null;

export interface FieldError {
  type: ErrorType;
  field: string;
  value?: GoValue;
  detail: string;
}

const TYPE_TEXT: Record<ErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
  Internal: 'Internal error',
};

/** Go's strconv.Quote (what `%q` prints). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** A JSON value from the object as Go prints it after decoding into its field type. */
export function goValue(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return { str: v };
  if (typeof v === 'number') return { num: v };
  if (typeof v === 'boolean') return { bool: v };
  return { raw: String(v) };
}

/** `map[string]string{"a":"b", "c":"d"}`: Go's %#v (fmt sorts map keys). */
export function goStringMap(m: Record<string, string> | undefined | null): GoValue {
  if (!m) return { raw: 'map[string]string(nil)' };
  const parts = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return { raw: `map[string]string{${parts.join(', ')}}` };
}

function formatValue(v: GoValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if ('str' in v) return goQuote(v.str);
  if ('num' in v) return String(v.num);
  if ('bool' in v) return v.bool ? 'true' : 'false';
  return v.raw;
}

/** `ErrorBody()`: the message without the field path. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (!(e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || e.type === 'Internal')) s += `: ${formatValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `field: body`, as the status cause kubectl prints. */
export function errorText(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

// field.Path helpers: `spec.containers[0].name`, `metadata.labels[app]`
export const child = (p: string, ...names: string[]): string => names.reduce((acc, n) => (acc ? `${acc}.${n}` : n), p);
export const index = (p: string, i: number): string => `${p}[${i}]`;
export const key = (p: string, k: string): string => `${p}[${k}]`;

export const required = (field: string, detail = ''): FieldError => ({ type: 'Required', field, value: { str: '' }, detail });
export const invalid = (field: string, value: GoValue, detail: string): FieldError => ({ type: 'Invalid', field, value, detail });
export const duplicate = (field: string, value: GoValue): FieldError => ({ type: 'Duplicate', field, value, detail: '' });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, value: { str: '' }, detail });
export const notFound = (field: string, value: GoValue): FieldError => ({ type: 'NotFound', field, value, detail: '' });
export const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `must have at most ${max} bytes` });
export const notSupported = (field: string, value: GoValue, valid: string[]): FieldError => ({
  type: 'NotSupported',
  field,
  value,
  detail: valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '',
});
