/**
 * `kubectl explain` output: a port of kubectl v1.30's OpenAPI v3 plaintext template
 * (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl) and its helper functions
 * (explain/v2/funcs.go: wrap = mitchellh/go-wordwrap WrapString, which in 1.30 keeps the
 * description's own line breaks; indent; resolveRef).
 *
 * Input (what `host.explainData()` returns): an OpenAPI v3 document as the API server serves it
 * for a group-version (`{ components: { schemas } }`, refs `#/components/schemas/<name>`), or a
 * map of such documents keyed by group-version path (`api/v1`, `apis/apps/v1`), or one JSON
 * Schema with `$defs` (refs `#/$defs/<name>`). A top-level kind is found by its
 * `x-kubernetes-group-version-kind`, or else by the schema name `<…>.<version>.<Kind>`.
 */

export type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  components?: { schemas?: Record<string, Schema> };
  $defs?: Record<string, Schema>;
  [key: string]: unknown;
}

/** What `host.explainData()` may return. */
export type ExplainData = OpenApiDocument | Record<string, OpenApiDocument>;

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** The template's result: what was written before an error, and the error (kubectl's words). */
export interface ExplainResult {
  stdout: string;
  error?: string;
}

function isObj(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go template truthiness for the values a JSON document holds. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

/** Schema maps of the accepted input shapes, merged into one document. */
export function normalizeExplainData(data: unknown): OpenApiDocument | undefined {
  if (!isObj(data)) return undefined;
  if (isObj(data.components) || isObj(data.$defs)) return data as OpenApiDocument;
  const schemas: Record<string, Schema> = {};
  let found = false;
  for (const doc of Object.values(data)) {
    if (isObj(doc) && isObj(doc.components) && isObj(doc.components.schemas)) {
      Object.assign(schemas, doc.components.schemas);
      found = true;
    }
  }
  return found ? { components: { schemas } } : undefined;
}

function allSchemas(doc: OpenApiDocument): Record<string, Schema> {
  return { ...(doc.$defs ?? {}), ...(doc.components?.schemas ?? {}) };
}

/** funcs.go resolveRef: only fragment refs (`#/a/b`) resolve, by walking the document. */
function resolveRef(ref: unknown, doc: OpenApiDocument): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: unknown = doc;
  for (const k of ref.slice(1).split('/')) {
    if (k === '') continue;
    const key = decodeURIComponent(k.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (!isObj(cur) || !isObj(cur[key])) return undefined;
    cur = cur[key];
  }
  return cur as Schema;
}

/** Go's unicode.IsSpace, minus U+00A0 as go-wordwrap excludes it. */
function isWrapSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

/** mitchellh/go-wordwrap v1.0.1 WrapString (lengths in runes). */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  let wordLen = 0;
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else {
          current += spaceLen;
          buf += space;
        }
        space = '';
        spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      buf += ch;
      current = 0;
    } else if (isWrapSpace(ch)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** funcs.go indent. */
function indent(amount: number, s: string): string {
  const pad = ' '.repeat(Math.max(0, amount));
  return pad + s.split('\n').join(`\n${pad}`);
}

function goSortedKeys(o: Schema): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go's %v of a JSON value inside an enum list. */
function enumElement(v: unknown): string {
  if (v === '') return '""';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return '<nil>';
  return JSON.stringify(v);
}

class Renderer {
  constructor(
    readonly doc: OpenApiDocument,
    readonly recursive: boolean,
  ) {}

  props(s: Schema | undefined): Schema | undefined {
    return s && isObj(s.properties) ? (s.properties as Schema) : undefined;
  }

  /** template "typeGuess". */
  typeGuess(schema: unknown): string {
    if (!isObj(schema) || !truthy(schema)) return 'Object';
    if (truthy(schema.items)) return `[]${this.typeGuess(schema.items)}`;
    if (isObj(schema.additionalProperties) && truthy(schema.additionalProperties)) return `map[string]${this.typeGuess(schema.additionalProperties)}`;
    const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
    if (allOf.length === 1 && !truthy(schema.properties)) return this.typeGuess(allOf[0]);
    const ref = schema.$ref;
    if (truthy(ref)) {
      const refSchema = resolveRef(ref, this.doc);
      if (!refSchema || !truthy(refSchema.type) || refSchema.type === 'object') {
        const name = String(ref).split('/').pop() ?? '';
        return name.split('.').pop() || 'Object';
      }
      return String(refSchema.type);
    }
    if (schema.type === 'object') return 'Object';
    return truthy(schema.type) ? String(schema.type) : 'Object';
  }

  /** template "extractEnum". */
  extractEnum(schema: unknown, longView: boolean, limit: number, indentAmount = 0): string {
    if (!isObj(schema) || !Array.isArray(schema.enum) || schema.enum.length === 0) return '';
    const lim = limit === 0 ? -1 : limit;
    let out = longView ? 'ENUM:' : `\n${indent(indentAmount, '')}enum: `;
    for (let i = 0; i < schema.enum.length; i++) {
      if (lim > -1 && i >= lim) {
        out += ', ....';
        break;
      }
      if (i > 0 && !longView) out += ', ';
      else if (longView) out += `\n${indent(4, '')}`;
      out += enumElement(schema.enum[i]);
    }
    return out;
  }

  /** template "description". */
  description(schema: unknown): string {
    const s = resolveRef(isObj(schema) ? schema.$ref : undefined, this.doc) ?? (isObj(schema) ? schema : undefined);
    if (!s || !truthy(s)) return '';
    let out = '';
    if (truthy(s.description)) out += `${String(s.description)}\n`;
    if (Array.isArray(s.allOf)) for (const sub of s.allOf) out += this.description(sub);
    if (truthy(s.items)) out += this.description(s.items);
    if (isObj(s.additionalProperties) && truthy(s.additionalProperties)) out += this.description(s.additionalProperties);
    return out;
  }

  /** template "externalDocs". */
  externalDocs(schema: Schema): string {
    const ed = schema.externalDocs;
    if (!isObj(ed) || !truthy(ed)) return '';
    let out = 'EXTERNAL DOCS:\n';
    if (truthy(ed.description)) out += `${indent(4, wrapString(String(ed.description), 76))}\n`;
    if (truthy(ed.url)) out += `${indent(4, `URL: ${String(ed.url)}`)}\n`;
    return out;
  }

  /** template "fieldDetail". */
  fieldDetail(name: string, schema: Schema, short: boolean, level: number): string {
    const indentAmount = level * 2;
    const fieldSchema = (this.props(schema) ?? {})[name];
    let out = `${indent(indentAmount, name)}\t<${this.typeGuess(fieldSchema)}>`;
    if (Array.isArray(schema.required) && schema.required.includes(name)) out += ' -required-';
    out += this.extractEnum(fieldSchema, false, 4, indentAmount);
    out += '\n';
    if (!short) {
      const fs = isObj(fieldSchema) ? fieldSchema : {};
      const desc = truthy(fs.description) ? String(fs.description) : '<no description>';
      out += `${indent(indentAmount + 2, wrapString(desc, 78 - indentAmount))}\n`;
      const ed = fs.externalDocs;
      if (isObj(ed) && truthy(ed)) {
        out += `\n${indent(indentAmount + 2, 'EXTERNAL DOCS:')}\n`;
        if (truthy(ed.description)) out += `${indent(indentAmount + 4, wrapString(String(ed.description), 76 - indentAmount))}\n`;
        if (truthy(ed.url)) out += `${indent(indentAmount + 4, `URL: ${String(ed.url)}`)}\n`;
      }
      out += '\n';
    }
    return out;
  }

  /** template "fieldList". */
  fieldList(schema: unknown, level: number, history: Set<string>): string {
    if (!isObj(schema)) return '';
    const refString = typeof schema.$ref === 'string' ? schema.$ref : '';
    if (refString && history.has(refString)) return '';
    const next = new Set(history).add(refString);
    const resolved = resolveRef(refString, this.doc) ?? schema;
    let out = '';
    const props = this.props(resolved);
    if (props) {
      for (const k of goSortedKeys(props)) {
        out += this.fieldDetail(k, resolved, this.recursive, level);
        if (this.recursive) out += this.fieldList(props[k], level + 1, next);
      }
    }
    if (Array.isArray(resolved.allOf)) for (const sub of resolved.allOf) out += this.fieldList(sub, level, next);
    if (truthy(resolved.items)) out += this.fieldList(resolved.items, level, next);
    if (isObj(resolved.additionalProperties) && truthy(resolved.additionalProperties)) out += this.fieldList(resolved.additionalProperties, level, next);
    return out;
  }

  /** template "output": follow the field path, then print DESCRIPTION and FIELDS. */
  output(schema: unknown, fieldPath: string[], history: Set<string>): string {
    if (!isObj(schema)) return '';
    const refString = typeof schema.$ref === 'string' ? schema.$ref : '';
    const next = new Set(history).add(refString);
    const resolved = resolveRef(refString, this.doc) ?? schema;
    if (fieldPath.length === 0) {
      let out = 'DESCRIPTION:\n';
      out += `${indent(4, wrapString(this.description(resolved) || '<empty>', 76))}\n`;
      const ext = this.externalDocs(resolved);
      if (ext) out += `\n${ext}`;
      const fl = this.fieldList(resolved, 1, new Set());
      if (fl) out += `FIELDS:\n${fl}`;
      return out;
    }
    if (refString && history.has(refString)) return '';
    const props = this.props(resolved);
    const first = fieldPath[0];
    if (props && Object.prototype.hasOwnProperty.call(props, first) && truthy(props[first])) {
      const sub = props[first];
      let out = '';
      if (fieldPath.length === 1) out += `FIELD: ${first} <${this.typeGuess(sub)}>\n${this.extractEnum(sub, true, -1)}\n\n`;
      return out + this.output(sub, fieldPath.slice(1), new Set());
    }
    if (truthy(resolved.items)) return this.output(resolved.items, fieldPath, next);
    if (isObj(resolved.additionalProperties) && truthy(resolved.additionalProperties)) return this.output(resolved.additionalProperties, fieldPath, next);
    if (Array.isArray(resolved.allOf)) {
      for (const sub of resolved.allOf) {
        const o = this.output(sub, fieldPath, next);
        if (o) return o;
      }
    }
    return '';
  }
}

function gvkMatches(schema: Schema, gvk: Gvk): boolean {
  const list = schema['x-kubernetes-group-version-kind'];
  if (!Array.isArray(list)) return false;
  return list.some((e) => isObj(e) && (e.group ?? '') === gvk.group && e.version === gvk.version && e.kind === gvk.kind);
}

/** The schema of a kind: by x-kubernetes-group-version-kind, else by name `….<version>.<Kind>`. */
export function findKindSchema(doc: OpenApiDocument, gvk: Gvk): Schema | undefined {
  const schemas = allSchemas(doc);
  const names = goSortedKeys(schemas);
  for (const n of names) if (gvkMatches(schemas[n], gvk)) return schemas[n];
  for (const n of names) if (n.endsWith(`.${gvk.version}.${gvk.kind}`)) return schemas[n];
  return undefined;
}

function gvkString(gvk: Gvk): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/**
 * Render `kubectl explain` for a kind and field path. The header goes out before the path is
 * followed, so a bad path leaves it on stdout with the error, as kubectl v1.30 does.
 */
export function renderExplain(data: unknown, gvk: Gvk, fieldPath: string[], recursive: boolean): ExplainResult {
  const doc = normalizeExplainData(data);
  let stdout = '';
  if (gvk.group) stdout += `GROUP:      ${gvk.group}\n`;
  stdout += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const schema = doc ? findKindSchema(doc, gvk) : undefined;
  if (!doc || !schema) return { stdout, error: `error: GVK ${gvkString(gvk)} not found in OpenAPI schema` };
  const r = new Renderer(doc, recursive);
  const body = r.output(schema, fieldPath, new Set());
  if (!body) return { stdout, error: `error: field "${fieldPath[fieldPath.length - 1] ?? ''}" does not exist` };
  return { stdout: `${stdout}${body}\n` };
}
