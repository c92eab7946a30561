/**
 * `kubectl -o yaml`: sigs.k8s.io/yaml (JSON -> go-yaml v2), reproduced for JSON values.
 *
 * What makes kubectl's YAML look the way it does, and is reproduced here:
 * - map keys in go-yaml v2's "natural" order (non-letters before letters, digit runs by value);
 * - block style, 2-space indent, sequences inside mappings not indented (`containers:\n- name`);
 * - strings plain when they would read back as strings, double-quoted when they would resolve to
 *   another type (`"80"`, `"true"`, `""`, timestamps like `"2022-12-08T11:35:00Z"`), single-quoted
 *   when plain style is not allowed (`'*'`, leading/trailing spaces), literal `|` for multi-line;
 * - libyaml's line folding at column 80 for long plain and quoted scalars;
 * - empty maps/lists as `{}` / `[]`.
 */
import { goSort } from '../go/sort';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// ---------------------------------------------------------------------------------------------
// Key order (gopkg.in/yaml.v2 sorter.go keyList.Less for string keys).

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
function isDigit(ch: string): boolean {
  return /\p{Nd}/u.test(ch);
}

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

// ---------------------------------------------------------------------------------------------
// Implicit type resolution (yaml.v2 resolve.go): would this plain scalar read back as a string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

function hintOf(ch: string): string {
  if (ch === '+' || ch === '-') return 'S';
  if (ch >= '0' && ch <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(ch)) return 'M';
  if (ch === '.') return '.';
  return '';
}

/** Go's strconv.ParseFloat acceptance for the forms that reach it here. */
function goParsesFloat(s: string): boolean {
  if (/^[+-]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(s)) return !/(^|[^\d])_|_($|[^\d])/.test(s) && !s.includes('_');
  if (/^[+-]?(inf|infinity|nan)$/i.test(s)) return true;
  if (/^[+-]?0[xX]([0-9a-fA-F]+(\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][+-]?\d+$/.test(s)) return true;
  return false;
}

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint acceptance (underscores already removed). */
function goParsesInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2];
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (/^0[bB]/.test(body)) v = BigInt(body);
  else if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (body.length > 1 && body[0] === '0') v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') return v <= 1n << 63n;
  return v <= (1n << 64n) - 1n; // ParseUint covers the rest of the positive range
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** yaml.v2 parseTimestamp: Go time.Parse with its four allowed layouts. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const patterns = [
    /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/,
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  ];
  for (const re of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) continue;
    if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || +m[6] > 59)) continue;
    return true;
  }
  return false;
}

/** True when `s`, written plain, resolves to a string (so plain style may be used). */
export function resolvesToString(s: string): boolean {
  const hint = s === '' ? 'N' : hintOf(s[0]);
  if (hint === '') return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (hint === 'M' || hint === 'N') return true;
  if (hint === '.') return !goParsesFloat(s);
  // 'D' or 'S'
  if (isTimestamp(s)) return false;
  const plain = s.replace(/_/g, '');
  if (goParsesInt(plain)) return false;
  if (YAML_STYLE_FLOAT.test(plain) && goParsesFloat(plain)) return false;
  if (/^-?0b[01]+$/.test(plain)) return false;
  return !BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------
// Scalar analysis (libyaml yaml_emitter_analyze_scalar) on code points.

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}
function isBreak(cp: number): boolean {
  return cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}
function isBlank(cp: number | undefined): boolean {
  return cp === 0x20 || cp === 0x09;
}
function isBlankZ(cp: number | undefined): boolean {
  return cp === undefined || cp === 0 || isBlank(cp) || isBreak(cp);
}

function analyze(cps: number[]): Analysis {
  if (cps.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const s = String.fromCodePoint(...cps.slice(0, 3));
  if (s === '---' || s === '...') blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const followedByWhitespace = i + 1 >= cps.length || isBlank(cps[i + 1]);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      else if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      else if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

// ---------------------------------------------------------------------------------------------
// The emitter (libyaml's block emitter, reduced to the events JSON values produce).

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

class Emitter {
  out = '';
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;
  openEnded = false;
  mappingContext = false;
  simpleKeyContext = false;

  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }
  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }
  private write(ch: string): void {
    this.out += ch;
    this.column++;
  }
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of ind) this.write(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.write(' ');
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.out += String.fromCodePoint(c);
      this.column = 0;
    }
  }

  writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== 0x20) this.writeIndent();
        else this.write(' ');
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.write(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDouble(cps: number[], allowBreaks: boolean): void {
    let spaces = false;
    const startsWithBom = cps[0] === 0xfeff;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      // go-yaml v2's is_bom(value, i) looks at value[0:3], not value[i:]: a string that starts
      // with U+FEFF has every character escaped (`"\uFEFF\x78"`)
      if (startsWithBom || !isPrintable(c) || c === 0xfeff || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const short: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        if (short[c] !== undefined) this.put(short[c]);
        else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter as string);
          for (const d of c.toString(16).toUpperCase().padStart(width as number, '0')) this.put(d);
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else this.write(' ');
        spaces = true;
      } else {
        this.write(String.fromCodePoint(c));
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeLiteral(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints
    if (cps.length > 0 && (cps[0] === 0x20 || isBreak(cps[0]))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (cps.length === 0) chomp = '-';
    else if (!isBreak(cps[cps.length - 1])) chomp = '-';
    else if (cps.length === 1) chomp = '+';
    else if (isBreak(cps[cps.length - 2])) chomp = '+';
    // libyaml marks a `+` chomp open-ended, but writing the indicator clears the mark again
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cps) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(String.fromCodePoint(c));
        this.indention = false;
        breaks = false;
      }
    }
  }

  emitScalar(value: string, preferred: Style): void {
    const cps = Array.from(value, (ch) => ch.codePointAt(0) as number);
    const a = analyze(cps);
    let style = preferred;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (cps.length === 0 && this.simpleKeyContext) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.writePlain(cps, allowBreaks);
    else if (style === 'single') this.writeSingle(cps, allowBreaks);
    else if (style === 'double') this.writeDouble(cps, allowBreaks);
    else this.writeLiteral(cps);
    this.popIndent();
  }

  /** A node in some context, as yaml_emitter_emit_node. */
  emitNode(v: Json, ctx: { mapping: boolean; simpleKey: boolean }): void {
    this.mappingContext = ctx.mapping;
    this.simpleKeyContext = ctx.simpleKey;
    if (v === null) return this.emitScalar('null', 'plain');
    if (typeof v === 'boolean') return this.emitScalar(v ? 'true' : 'false', 'plain');
    if (typeof v === 'number') return this.emitScalar(formatNumber(v), 'plain');
    if (typeof v === 'string') {
      const style: Style = v.includes('\n') ? 'literal' : resolvesToString(v) ? 'plain' : 'double';
      return this.emitScalar(v, style);
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return this.emitFlow('[', ']');
      this.increaseIndent(false, this.mappingContext && !this.indention);
      for (const item of v) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.emitNode(item, { mapping: false, simpleKey: false });
      }
      this.popIndent();
      return;
    }
    const keys = goSort(Object.keys(v), yamlKeyLess);
    if (keys.length === 0) return this.emitFlow('{', '}');
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const a = analyze(Array.from(key, (ch) => ch.codePointAt(0) as number));
      const simple = !a.multiline && utf8Length(key) <= 128;
      if (simple) {
        this.emitNode(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(v[key], { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private emitFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Integers as Go prints them; other floats as strconv.FormatFloat(f, 'g', -1, 64). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const [mant, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return String(n);
}

/** Plain JSON data of a value (drops undefined and functions, as JSON.stringify does). */
export function toJsonValue(v: unknown): Json {
  return JSON.parse(JSON.stringify(v ?? null)) as Json;
}

/**
 * sigs.k8s.io/yaml.Marshal is json.Marshal, then go-yaml v2 reads that JSON back as YAML. Go's
 * JSON escapes C0 controls, U+2028 and U+2029 but writes every other character raw, so the
 * YAML reader sees: C1 controls (U+007F..U+009F except U+0085), U+FFFE and U+FFFF, which it
 * refuses; and U+0085 (NEL), a line break inside a double-quoted scalar, which it folds like a
 * newline (the blanks around it dropped, one break becomes a space, further ones stay `\n`).
 */
const YAML_READER_REFUSES = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

export const YAML_CONTROL_CHARACTERS = 'error converting JSON to YAML: yaml: control characters are not allowed';

/** The double-quoted scalar scanner's folding of raw NEL breaks (yaml_parser_scan_flow_scalar). */
function foldNel(s: string): string {
  if (!s.includes('\u0085')) return s;
  let out = '';
  let i = 0;
  const n = s.length;
  const isSpace = (ch: string | undefined) => ch === ' ';
  while (i < n) {
    // non-blank characters
    while (i < n && !isSpace(s[i]) && s[i] !== '\u0085') out += s[i++];
    let whitespaces = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let leadingBlanks = false;
    while (i < n && (isSpace(s[i]) || s[i] === '\u0085')) {
      if (isSpace(s[i])) {
        if (!leadingBlanks) whitespaces += s[i];
        i++;
      } else {
        if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = '\n';
          leadingBlanks = true;
        } else trailingBreaks += '\n';
        i++;
      }
    }
    if (leadingBlanks) out += leadingBreak === '\n' && trailingBreaks === '' ? ' ' : trailingBreaks;
    else out += whitespaces;
  }
  return out;
}

/** The JSON document as go-yaml v2 reads it back, or null when its reader refuses a character. */
function throughJson(v: Json): Json | null {
  if (typeof v === 'string') return YAML_READER_REFUSES.test(v) ? null : foldNel(v);
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const x of v) {
      const y = throughJson(x);
      if (y === null && x !== null) return null;
      out.push(y);
    }
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      if (YAML_READER_REFUSES.test(k)) return null;
      const y = throughJson(x);
      if (y === null && x !== null) return null;
      out[foldNel(k)] = y;
    }
    return out;
  }
  return v;
}

/** Whether sigs.k8s.io/yaml can convert the value (else kubectl prints YAML_CONTROL_CHARACTERS). */
export function yamlConvertible(value: unknown): boolean {
  const j = toJsonValue(value);
  return throughJson(j) !== null || j === null;
}

/** Marshal one document the way sigs.k8s.io/yaml does (ends with a newline). */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  const j = toJsonValue(value);
  e.emitNode(throughJson(j) ?? j, { mapping: false, simpleKey: false });
  // document end: write_indent (a line break unless a block scalar already ended the line);
  // stream end: `...` after an open-ended (`|+`) last scalar
  const body = e.out.endsWith('\n') ? e.out : `${e.out}\n`;
  return e.openEnded ? `${body}...\n` : body;
}
