/**
 * Decoding the reader's text as `kubectl apply -f <file>` and the API server do it, with the
 * position of every field and every error:
 *
 * 1. kubectl splits the file at `---` lines and parses each document (go-yaml v2 via
 *    sigs.k8s.io/yaml); a syntax error stops the file there: `error: error parsing pod.yaml:
 *    error converting YAML to JSON: yaml: line 7: …`.
 * 2. It checks apiVersion and kind (`error validating "pod.yaml": error validating data: kind
 *    not set; …`, which also stops the file) and maps the kind (`resource mapping not found …`,
 *    for that document only).
 * 3. The API server decodes each object strictly (unknown fields, wrong JSON types).
 *
 * The playground's Scenario document is taken out of the stream and decoded on its own.
 * Everything is bounded (input size, document count, nesting, alias expansion, string length)
 * and every failure is a Diagnostic: decode never throws.
 */
import { parseDocument, type Document, type Tags } from 'yaml';
import { firstTooDeep } from './yaml/nesting';
import type { Diagnostic, K8sObject } from '../types';
import type { DecodeResult, DecodedDocument, ScenarioSpec, SourceRange } from './types';
import { splitDocuments, isBlank } from './yaml/split';
import { LineIndex } from './yaml/lines';
import { buildTree, DEFAULT_TREE_LIMITS, type BuiltTree, type FieldPos, type Json } from './yaml/tree';
import { goYamlError } from './yaml/errors';
import { decodeErrorMessage, mappingMessage, missingKindMessage, objectKindErrors, validatingMessage } from './kinds';
import { rootType } from './fieldtree';
import { decodeStrict } from './strict';
import { decodeScenario } from './scenario';
import { invalidMessage, causesOf } from './render';

export interface DecodeOptions {
  fileName?: string;
}

export const LIMITS = {
  /**
   * Bytes of input (UTF-8): the API server's request body limit (3 MiB, maxRequestBodyBytes).
   * There is no document count limit: kubectl reads every document of a file.
   */
  maxInputBytes: 3 * 1024 * 1024,
  ...DEFAULT_TREE_LIMITS,
  /** Aliases the parser resolves before giving up (the `yaml` package's own guard). */
  maxAliasCount: 100,
};

/** YAML 1.1 as go-yaml v2 resolves it: no sexagesimal numbers, timestamps stay strings. */
function goYamlTags(tags: Tags): Tags {
  return tags.filter((t) => {
    const tag = t as { tag?: string; format?: string };
    return !(tag.format === 'TIME' || tag.tag === 'tag:yaml.org,2002:timestamp');
  });
}

const PARSE_OPTIONS = {
  version: '1.1' as const,
  uniqueKeys: false,
  customTags: goYamlTags,
  maxAliasCount: LIMITS.maxAliasCount,
  prettyErrors: false,
};

/** Map keys as `.key`, list items as `[i]`; `metadata.labels[app]` (field.Path.Key) becomes `.app`. */
export function normalizePath(path: string): string {
  return path.replace(/\[([^\]]*)\]/g, (m, inner: string) => (/^\d+$/.test(inner) ? m : `.${inner}`)).replace(/^\./, '');
}

function lookup(positions: Map<string, FieldPos>, path: string): FieldPos | undefined {
  let p = normalizePath(path);
  for (;;) {
    const hit = positions.get(p);
    if (hit) return hit;
    if (!p) return undefined;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}

/** Length of a string in UTF-8 bytes (lone surrogates count as the 3 bytes of U+FFFD). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function decode(text: string, opts: DecodeOptions = {}): DecodeResult {
  const fileName = opts.fileName ?? 'pod.yaml';
  try {
    return new Decoder(typeof text === 'string' ? text : '', fileName).run();
  } catch (e) {
    return {
      documents: [],
      diagnostics: [{ severity: 'error', source: 'engine', message: `error: the playground could not decode ${fileName}: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

class Decoder {
  private lines: LineIndex;
  private diagnostics: Diagnostic[] = [];
  private documents: DecodedDocument[] = [];
  private scenario?: ScenarioSpec;
  private scenarioDoc?: number;

  constructor(private text: string, private fileName: string) {
    this.lines = new LineIndex(text);
  }

  private range(start: number, end: number): SourceRange {
    return this.lines.range(start, end);
  }

  private diag(d: Omit<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>, at?: [number, number]): void {
    this.diagnostics.push(at ? { ...d, ...this.range(at[0], at[1]) } : d);
  }

  run(): DecodeResult {
    if (this.text.length > LIMITS.maxInputBytes / 3 && utf8Length(this.text) > LIMITS.maxInputBytes) {
      // apierrors.NewRequestEntityTooLargeError("limit is 3145728"), as kubectl create prints it.
      // The "error when creating" wrapping is kubectl's AddSourceToErr. // wording not verified against a live cluster
      this.diag({ severity: 'error', source: 'yaml', message: `Error from server (RequestEntityTooLarge): error when creating "${this.fileName}": Request entity too large: limit is ${LIMITS.maxInputBytes}` }, [0, 0]);
      return this.result();
    }
    const split = splitDocuments(this.text);
    let docIndex = 0;
    for (const chunk of split.chunks) {
      if (isBlank(chunk.text)) continue;
      if (!this.document(chunk.text, chunk.offset, docIndex++)) return this.result();
    }
    if (split.error) {
      const at = this.lines.lineStart(split.error.line + 1);
      this.diag({ severity: 'error', source: 'yaml', message: `error: error parsing ${this.fileName}: ${split.error.message}` }, [at, at + 3]);
    }
    return this.result();
  }

  private result(): DecodeResult {
    return { documents: this.documents, ...(this.scenario ? { scenario: this.scenario } : {}), diagnostics: this.diagnostics };
  }

  /** One document; false when kubectl would stop reading the file here. */
  private document(chunkText: string, offset: number, doc: number): boolean {
    let parsed: Document;
    // Nesting is bounded before any recursion (the parser's and the tree's), so that every
    // JavaScript environment answers the same, at the same line and column.
    const deep = firstTooDeep(chunkText);
    if (deep !== undefined) {
      const at = this.lines.at(offset + deep);
      this.diag({ severity: 'error', source: 'yaml', message: `error: error parsing ${this.fileName}: the playground could not read it: line ${at.line}, column ${at.column}: the document nests deeper than the playground accepts (${LIMITS.maxDepth} levels)`, doc }, [offset + deep, offset + deep + 1]);
      return false;
    }
    try {
      parsed = parseDocument(chunkText, PARSE_OPTIONS);
    } catch {
      this.diag({ severity: 'error', source: 'yaml', message: `error: error parsing ${this.fileName}: the document nests deeper than the playground accepts`, doc }, [offset, offset]);
      return false;
    }
    if (parsed.errors.length) {
      const g = goYamlError(chunkText, parsed.errors[0]);
      this.diag({ severity: 'error', source: 'yaml', message: `error: error parsing ${this.fileName}: error converting YAML to JSON: ${g.message}`, doc }, [offset + g.start, offset + g.end]);
      return false;
    }
    const tree = buildTree(parsed, offset);
    if (tree.error) {
      const e = tree.error;
      // Depth says where, as the check before parsing does: one message for every depth.
      const where = e.kind === 'depth' ? `line ${this.lines.at(e.offset).line}, column ${this.lines.at(e.offset).column}: ` : '';
      const frame = e.kind === 'depth' || e.kind === 'string' || e.kind === 'nodes' ? `the playground could not read it: ${where}${e.message}` : `error converting YAML to JSON: ${e.message}`;
      this.diag({ severity: 'error', source: 'yaml', message: `error: error parsing ${this.fileName}: ${frame}`, doc }, [e.offset, e.offset + 1]);
      return false;
    }
    for (const d of tree.duplicates) {
      const firstLine = this.lines.at(d.first[0]).line;
      this.diag(
        { severity: 'warning', source: 'yaml', doc, path: d.path, message: `duplicate key "${d.path}": kubectl keeps only this last value and silently drops the one on line ${firstLine}` },
        d.pos,
      );
    }
    const value = tree.value;
    if (value === null) return true; // an empty document: kubectl skips it
    const rootAt = tree.positions.get('')?.value ?? [offset, offset];
    const kindErrs = objectKindErrors(value);
    if (kindErrs) {
      const at = (value && typeof value === 'object' && !Array.isArray(value) && (tree.positions.get('kind')?.key ?? tree.positions.get('apiVersion')?.key)) || [rootAt[0], rootAt[0]];
      this.diag({ severity: 'error', source: 'schema', message: validatingMessage(this.fileName, kindErrs), doc }, at);
      return false;
    }
    const obj = value as { [k: string]: Json };
    if (obj.apiVersion === 'playground/v1' && obj.kind === 'Scenario') {
      this.scenarioDocument(obj, tree, doc);
      return true;
    }
    const missing = missingKindMessage(this.fileName, obj);
    const mapping = missing ?? mappingMessage(this.fileName, obj);
    if (mapping) {
      const at = tree.positions.get('kind')?.value ?? rootAt;
      this.diag({ severity: 'error', source: 'schema', message: mapping, doc }, at);
      return true;
    }
    this.kubeDocument(obj, tree, doc);
    return true;
  }

  private makeDocument(obj: Json, tree: BuiltTree, doc: number): DecodedDocument {
    const positions = tree.positions;
    const toRange = (p?: [number, number]) => (p ? this.range(p[0], p[1]) : undefined);
    const o = obj as { [k: string]: Json };
    return {
      index: doc,
      object: obj as unknown as K8sObject,
      apiVersion: String(o.apiVersion),
      kind: String(o.kind),
      rangeOf: (path: string) => toRange(lookup(positions, path)?.value),
      keyRangeOf: (path: string) => {
        const hit = lookup(positions, path);
        return toRange(hit?.key ?? hit?.value);
      },
    };
  }

  private kubeDocument(obj: { [k: string]: Json }, tree: BuiltTree, doc: number): void {
    const root = rootType(String(obj.apiVersion), String(obj.kind));
    if (!root) {
      // a kind the cluster serves but the playground does not simulate: passed on as written
      this.documents.push(this.makeDocument(obj, tree, doc));
      return;
    }
    const strict = decodeStrict(obj, root);
    if (!strict.error) {
      const cleaned = strict.value as { [k: string]: Json };
      if (!cleaned.metadata || typeof cleaned.metadata !== 'object') cleaned.metadata = {};
      this.documents.push(this.makeDocument(cleaned, tree, doc));
      return;
    }
    const message = decodeErrorMessage(this.fileName, obj, strict.error);
    const d = this.makeDocument(strict.value ?? obj, tree, doc);
    d.error = message;
    this.documents.push(d);
    for (const p of strict.problems) {
      const hit = lookup(tree.positions, p.path);
      const unknown = message.includes('strict decoding error');
      this.diag({ severity: 'error', source: 'schema', message, doc, path: p.path }, (unknown ? hit?.key : undefined) ?? hit?.value ?? tree.positions.get('')?.value);
    }
  }

  private scenarioDocument(obj: { [k: string]: Json }, tree: BuiltTree, doc: number): void {
    const rootAt = tree.positions.get('')?.value;
    if (this.scenarioDoc !== undefined) {
      this.diag({ severity: 'error', source: 'scenario', doc, message: `error: ${this.fileName}: only one Scenario document is allowed; document ${doc + 1} is a second one (the first is document ${this.scenarioDoc + 1})` }, tree.positions.get('kind')?.value ?? rootAt);
      return;
    }
    this.scenarioDoc = doc;
    const d = this.makeDocument(obj, tree, doc);
    const r = decodeScenario(obj, this.fileName, d.rangeOf);
    if (r.decodeError) {
      for (const p of r.decodeError.problems) {
        const hit = lookup(tree.positions, p.path);
        this.diag({ severity: 'error', source: 'scenario', message: r.decodeError.message, doc, path: p.path }, hit?.key ?? hit?.value ?? rootAt);
      }
      return;
    }
    if (r.errors.length) {
      const message = invalidMessage('Scenario', r.name, causesOf(r.errors));
      for (const e of r.errors) {
        const hit = lookup(tree.positions, e.field);
        this.diag({ severity: 'error', source: 'scenario', message, doc, path: e.field }, hit?.value ?? rootAt);
      }
      return;
    }
    this.scenario = r.spec;
  }
}
