/**
 * `-o go-template=…` / `-o template=…` / `--template`: Go's text/template as kubectl v1.30 runs it
 * (k8s.io/cli-runtime/pkg/printers/template.go): the object is marshalled to JSON and decoded into
 * `map[string]interface{}` with apimachinery's json (integral numbers become int64), the template
 * named "output" gets the builtins plus kubectl's `exists` and `base64decode` (sprig came in
 * v1.33), and missing keys print `<no value>` (--allow-missing-template-keys, on by default).
 *
 * What is here: text, `{{- -}}` trimming, comments, pipelines with `|`, fields and chains, `$`
 * and variables (`:=`, `=`), parenthesised pipelines, if / else if / else, range (over lists and
 * maps, sorted keys; `$i, $e :=`; else; break / continue), with, define / template / block, the
 * builtin functions (and, or, not, len, index, slice, print, printf, println, eq, ne, lt, le, gt,
 * ge, html, js, urlquery) and Go's fmt for what they print. Errors carry text/template's own
 * wording (`template: output:1: function "x" not defined`, `template: output:1:2: executing
 * "output" at <.a.b>: nil pointer evaluating interface {}.b`).
 */

/** A value as the template sees it: `undefined` is Go's invalid value (a missing key). */
type V = unknown;

export class GoTemplateError extends Error {
  /** What the template printed before it failed (kubectl's writer already has it). */
  partial = '';
}

// --- parse tree ---------------------------------------------------------------------------

type Arg =
  | { t: 'dot'; pos: number }
  | { t: 'field'; pos: number; chain: string[]; text: string }
  | { t: 'var'; pos: number; name: string; chain: string[]; text: string }
  | { t: 'ident'; pos: number; name: string }
  | { t: 'string'; pos: number; v: string; text: string }
  | { t: 'number'; pos: number; v: number; isInt: boolean; text: string }
  | { t: 'bool'; pos: number; v: boolean }
  | { t: 'nil'; pos: number }
  | { t: 'pipe'; pos: number; pipe: Pipe; chain: string[]; text: string };
interface Cmd {
  pos: number;
  args: Arg[];
}
interface Pipe {
  pos: number;
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
}
type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; pos: number; pipe: Pipe }
  | { t: 'if' | 'with' | 'range'; pos: number; pipe: Pipe; list: Node[]; else?: Node[] }
  | { t: 'break' | 'continue'; pos: number }
  | { t: 'template'; pos: number; name: string; pipe?: Pipe };
type Block = Extract<Node, { list: Node[] }>;

const FUNCS = new Set(['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'call', 'exists', 'base64decode']);
const MAX_DEPTH = 100;

type Tok = { k: 'field' | 'var' | 'ident' | 'string' | 'raw' | 'char' | 'number' | '(' | ')' | '|' | ':=' | '=' | ','; v: string; pos: number; spaceBefore: boolean };

class Parser {
  private i = 0;
  readonly defs = new Map<string, Node[]>();
  private depth = 0;
  constructor(private readonly src: string, private readonly name: string) {}

  private line(pos: number): number {
    let n = 1;
    for (let k = 0; k < pos && k < this.src.length; k++) if (this.src.charCodeAt(k) === 10) n++;
    return n;
  }
  fail(pos: number, msg: string): never {
    throw new GoTemplateError(`template: ${this.name}:${this.line(pos)}: ${msg}`);
  }

  /** The whole template: a list up to EOF. */
  parse(): Node[] {
    const { list, end } = this.list(true);
    if (end !== 'eof') this.fail(end.pos, `unexpected {{${end.kw}}}`);
    return list;
  }

  private trimNext = false;

  /** A list of nodes up to `{{end}}`, `{{else …}}` or EOF. */
  private list(top: boolean): { list: Node[]; end: 'eof' | { kw: 'end' | 'else'; pos: number; toks: Tok[] } } {
    if (++this.depth > MAX_DEPTH) this.fail(this.i, 'exceeded maximum template depth (100)');
    const list: Node[] = [];
    try {
      for (;;) {
        const open = this.src.indexOf('{{', this.i);
        let text = this.src.slice(this.i, open < 0 ? this.src.length : open);
        if (this.trimNext) text = text.replace(/^[ \t\r\n]+/, '');
        this.trimNext = false;
        if (open < 0) {
          if (text) list.push({ t: 'text', s: text });
          this.i = this.src.length;
          if (!top) this.fail(this.src.length, 'unexpected EOF');
          return { list, end: 'eof' };
        }
        let p = open + 2;
        if (this.src[p] === '-' && /[ \t\r\n]/.test(this.src[p + 1] ?? '')) {
          text = text.replace(/[ \t\r\n]+$/, '');
          p += 2;
        }
        if (text) list.push({ t: 'text', s: text });
        // a comment: right after the delimiter (and its trim marker)
        if (this.src.startsWith('/*', p)) {
          const close = this.src.indexOf('*/', p + 2);
          if (close < 0) this.fail(p, 'unclosed comment');
          const m = this.src.slice(close + 2).match(/^([ \t\r\n]-)?\}\}/);
          if (!m) this.fail(p, 'comment ends before closing delimiter');
          if (m[1]) this.trimNext = true;
          this.i = close + 2 + m[0].length;
          continue;
        }
        const toks = this.tokens(p);
        const first = toks[0];
        if (!first) this.fail(open, 'missing value for command');
        if (first.k === 'ident' && (first.v === 'end' || first.v === 'else')) {
          if (top && first.v === 'end') this.fail(first.pos, 'unexpected {{end}}');
          if (top && first.v === 'else') this.fail(first.pos, 'unexpected {{else}}');
          return { list, end: { kw: first.v, pos: first.pos, toks: toks.slice(1) } };
        }
        list.push(this.action(first, toks.slice(1)));
      }
    } finally {
      this.depth--;
    }
  }

  private action(first: Tok, rest: Tok[]): Node {
    if (first.k === 'ident') {
      switch (first.v) {
        case 'if':
        case 'with':
        case 'range':
          return this.control(first.v, first.pos, rest);
        case 'break':
        case 'continue':
          if (rest.length) this.fail(first.pos, `unexpected ${describe(rest[0])} in {{${first.v}}}`);
          return { t: first.v, pos: first.pos };
        case 'define': {
          const name = this.templateName(rest[0], first.v);
          if (rest.length > 1) this.fail(first.pos, `unexpected ${describe(rest[1])} in define clause`);
          const { list, end } = this.list(false);
          if (end === 'eof' || end.kw !== 'end') this.fail(first.pos, 'unexpected {{else}} in define clause');
          this.defs.set(name, list);
          return { t: 'text', s: '' };
        }
        case 'template':
        case 'block': {
          const name = this.templateName(rest[0], first.v);
          const pipe = rest.length > 1 ? this.pipeline(rest.slice(1), first.pos, false) : undefined;
          if (first.v === 'block') {
            const { list, end } = this.list(false);
            if (end === 'eof' || end.kw !== 'end') this.fail(first.pos, 'unexpected {{else}} in block clause');
            this.defs.set(name, list);
          }
          return { t: 'template', pos: first.pos, name, pipe };
        }
      }
    }
    return { t: 'action', pos: first.pos, pipe: this.pipeline([first, ...rest], first.pos, true) };
  }

  private templateName(tok: Tok | undefined, ctx: string): string {
    if (!tok || (tok.k !== 'string' && tok.k !== 'raw')) this.fail(tok?.pos ?? this.i, `unexpected ${tok ? describe(tok) : '"}}"'} in ${ctx} clause`);
    return unquote(tok.v, tok.k);
  }

  private control(kw: 'if' | 'with' | 'range', pos: number, toks: Tok[]): Node {
    const pipe = this.pipeline(toks, pos, kw === 'range' ? 'range' : true);
    if (pipe.cmds.length === 0) this.fail(pos, `missing value for ${kw}`);
    const { list, end } = this.list(false);
    if (end === 'eof') this.fail(this.src.length, 'unexpected EOF');
    const node: Block = { t: kw, pos, pipe, list };
    if (end.kw === 'end') return node;
    // {{else}} or {{else if …}} (a nested if that shares the one {{end}})
    if (end.toks.length > 0) {
      const k = end.toks[0];
      if (k.k === 'ident' && (k.v === 'if' || (k.v === 'with' && kw === 'with'))) {
        node.else = [this.control(k.v as 'if' | 'with', k.pos, end.toks.slice(1))];
        return node;
      }
      this.fail(k.pos, `unexpected ${describe(k)} in else`);
    }
    const tail = this.list(false);
    if (tail.end === 'eof') this.fail(this.src.length, 'unexpected EOF');
    if (tail.end.kw === 'else') this.fail(tail.end.pos, 'expected end; found {{else}}');
    node.else = tail.list;
    return node;
  }

  /** The tokens of one action, from `p` to its `}}` (a ` -}}` trims the text after it). */
  private tokens(p: number): Tok[] {
    const s = this.src;
    const toks: Tok[] = [];
    let space = false;
    for (;;) {
      if (p >= s.length) this.fail(p, 'unclosed action');
      const ch = s[p];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
        if (s[p + 1] === '-' && s.startsWith('}}', p + 2)) {
          this.trimNext = true;
          this.i = p + 4;
          return toks;
        }
        p++;
        space = true;
        continue;
      }
      if (s.startsWith('}}', p)) {
        this.i = p + 2;
        return toks;
      }
      const start = p;
      const push = (k: Tok['k'], v: string) => {
        toks.push({ k, v, pos: start, spaceBefore: space });
        space = false;
      };
      if (ch === '"') {
        p++;
        while (p < s.length && s[p] !== '"') {
          if (s[p] === '\\') p++;
          if (s[p] === '\n') this.fail(start, 'unterminated quoted string');
          p++;
        }
        if (p >= s.length) this.fail(start, 'unterminated quoted string');
        push('string', s.slice(start, ++p));
      } else if (ch === '`') {
        const end = s.indexOf('`', p + 1);
        if (end < 0) this.fail(start, 'unterminated raw quoted string');
        p = end + 1;
        push('raw', s.slice(start, p));
      } else if (ch === "'") {
        p++;
        while (p < s.length && s[p] !== "'") {
          if (s[p] === '\\') p++;
          p++;
        }
        if (p >= s.length) this.fail(start, 'unterminated character constant');
        push('char', s.slice(start, ++p));
      } else if (ch === '.' && /[A-Za-z_]/.test(s[p + 1] ?? '')) {
        p++;
        while (p < s.length && /[A-Za-z0-9_]/.test(s[p])) p++;
        push('field', s.slice(start, p));
      } else if (ch === '.' && !/[0-9]/.test(s[p + 1] ?? '')) {
        p++;
        push('field', '.');
      } else if (ch === '$') {
        p++;
        while (p < s.length && /[A-Za-z0-9_]/.test(s[p])) p++;
        push('var', s.slice(start, p));
      } else if (/[0-9+\-.]/.test(ch)) {
        const m = s.slice(p).match(/^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+(?![.eE0-9])|(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?)/);
        if (!m || m[0] === '' || m[0] === '+' || m[0] === '-' || m[0] === '.') this.fail(start, `bad character ${goQuoteRune(ch)}`);
        p += m[0].length;
        push('number', m[0]);
      } else if (/[A-Za-z_]/.test(ch)) {
        while (p < s.length && /[A-Za-z0-9_]/.test(s[p])) p++;
        push('ident', s.slice(start, p));
      } else if (ch === '(' || ch === ')' || ch === '|' || ch === ',') {
        p++;
        push(ch, ch);
      } else if (ch === ':' && s[p + 1] === '=') {
        p += 2;
        push(':=', ':=');
      } else if (ch === '=') {
        p++;
        push('=', '=');
      } else this.fail(start, `unexpected ${goQuoteRune(ch)} in command`);
    }
  }

  /** A pipeline from tokens: an optional declaration, then commands joined by `|`. */
  private pipeline(toks: Tok[], pos: number, ctx: boolean | 'range'): Pipe {
    let k = 0;
    const decl: string[] = [];
    let assign = false;
    // $x := … / $x = … / $i, $e := … (range)
    const declEnd = toks.findIndex((t) => t.k === ':=' || t.k === '=');
    if (ctx && declEnd > 0 && toks[0].k === 'var') {
      const names = toks.slice(0, declEnd);
      const ok = names.length === 1 || (ctx === 'range' && names.length === 3 && names[1].k === ',' && names[2].k === 'var');
      if (ok) {
        decl.push(names[0].v);
        if (names.length === 3) decl.push(names[2].v);
        assign = toks[declEnd].k === '=';
        k = declEnd + 1;
      }
    }
    const cmds: Cmd[] = [];
    let cur: Cmd | null = null;
    while (k < toks.length) {
      const t = toks[k];
      if (t.k === '|') {
        if (!cur || cur.args.length === 0) this.fail(t.pos, 'missing command');
        cmds.push(cur);
        cur = null;
        k++;
        continue;
      }
      const { arg, next } = this.operand(toks, k);
      if (!cur) cur = { pos: arg.pos, args: [] };
      cur.args.push(arg);
      k = next;
    }
    if (cur) cmds.push(cur);
    else if (cmds.length > 0) this.fail(pos, 'missing command');
    if (cmds.length === 0 && ctx !== false && decl.length === 0 && ctx !== 'range') this.fail(pos, 'missing value for command');
    for (const c of cmds.slice(1)) {
      const a = c.args[0];
      if (a.t === 'bool' || a.t === 'nil' || a.t === 'number' || a.t === 'string') this.fail(a.pos, `non executable command in pipeline stage ${cmds.indexOf(c) + 1}`);
    }
    return { pos, decl, assign, cmds };
  }

  private operand(toks: Tok[], k: number): { arg: Arg; next: number } {
    const t = toks[k];
    const chainFrom = (j: number): { chain: string[]; next: number } => {
      const chain: string[] = [];
      while (j < toks.length && toks[j].k === 'field' && !toks[j].spaceBefore && toks[j].v !== '.') chain.push(toks[j++].v.slice(1));
      return { chain, next: j };
    };
    switch (t.k) {
      case 'field': {
        if (t.v === '.') return { arg: { t: 'dot', pos: t.pos }, next: k + 1 };
        const { chain, next } = chainFrom(k + 1);
        const all = [t.v.slice(1), ...chain];
        // parse.go operand: a chain's node takes the position of its second field (newChain(peek().pos))
        return { arg: { t: 'field', pos: chain.length ? toks[k + 1].pos : t.pos, chain: all, text: all.map((c) => `.${c}`).join('') }, next };
      }
      case 'var': {
        const { chain, next } = chainFrom(k + 1);
        return { arg: { t: 'var', pos: chain.length ? toks[k + 1].pos : t.pos, name: t.v, chain, text: t.v + chain.map((c) => `.${c}`).join('') }, next };
      }
      case 'ident':
        if (t.v === 'true' || t.v === 'false') return { arg: { t: 'bool', pos: t.pos, v: t.v === 'true' }, next: k + 1 };
        if (t.v === 'nil') return { arg: { t: 'nil', pos: t.pos }, next: k + 1 };
        if (!FUNCS.has(t.v)) this.fail(t.pos, `function "${t.v}" not defined`);
        return { arg: { t: 'ident', pos: t.pos, name: t.v }, next: k + 1 };
      case 'string':
      case 'raw': {
        const v = unquote(t.v, t.k);
        return { arg: { t: 'string', pos: t.pos, v, text: t.v }, next: k + 1 };
      }
      case 'char': {
        const v = unquote(`"${t.v.slice(1, -1).replace(/"/g, '\\"')}"`, 'string');
        return { arg: { t: 'number', pos: t.pos, v: v.codePointAt(0) ?? 0, isInt: true, text: t.v }, next: k + 1 };
      }
      case 'number': {
        const clean = t.v.replace(/_/g, '');
        const isInt = /^[+-]?(0[xXbBoO]?[0-9a-fA-F]*|\d+)$/.test(clean) && !/[.eE]/.test(clean.replace(/^[+-]?0[xX]/, ''));
        let v: number;
        if (/^[+-]?0[xX]/.test(clean)) v = parseInt(clean.replace(/0[xX]/, ''), 16);
        else if (/^[+-]?0[bB]/.test(clean)) v = parseInt(clean.replace(/0[bB]/, ''), 2);
        else if (/^[+-]?0[oO]?[0-7]+$/.test(clean) && clean.replace(/^[+-]/, '').length > 1) v = parseInt(clean.replace(/0[oO]?/, ''), 8);
        else v = Number(clean);
        if (!Number.isFinite(v)) this.fail(t.pos, `illegal number syntax: "${t.v}"`);
        return { arg: { t: 'number', pos: t.pos, v, isInt, text: t.v }, next: k + 1 };
      }
      case '(': {
        let depth = 0;
        let j = k;
        for (; j < toks.length; j++) {
          if (toks[j].k === '(') depth++;
          else if (toks[j].k === ')' && --depth === 0) break;
        }
        if (j >= toks.length) this.fail(t.pos, 'unclosed left paren');
        if (++this.depth > MAX_DEPTH) this.fail(t.pos, 'exceeded maximum template depth (100)');
        const pipe = this.pipeline(toks.slice(k + 1, j), t.pos, false);
        this.depth--;
        if (pipe.cmds.length === 0) this.fail(t.pos, 'missing command');
        const { chain, next } = chainFrom(j + 1);
        const inner = this.src.slice(t.pos, toks[j].pos + 1);
        return { arg: { t: 'pipe', pos: chain.length ? toks[j + 1].pos : t.pos, pipe, chain, text: inner + chain.map((c) => `.${c}`).join('') }, next };
      }
      default:
        this.fail(t.pos, `unexpected ${describe(t)} in operand`);
    }
  }
}

function describe(t: Tok): string {
  if (t.k === 'string' || t.k === 'raw' || t.k === 'char') return `quoted string`;
  return `"${t.v}"`;
}

function goQuoteRune(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

function unquote(lit: string, kind: 'string' | 'raw' | Tok['k']): string {
  if (kind === 'raw') return lit.slice(1, -1).replace(/\r/g, '');
  let out = '';
  for (let i = 1; i < lit.length - 1; i++) {
    const ch = lit[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = lit[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (n in simple) out += simple[n];
    else if (n === 'x') {
      out += String.fromCharCode(parseInt(lit.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(lit.slice(i + 1, i + 1 + len), 16));
      i += len;
    } else if (/[0-7]/.test(n)) {
      out += String.fromCharCode(parseInt(lit.slice(i, i + 3), 8));
      i += 2;
    } else out += n;
  }
  return out;
}

// --- values -------------------------------------------------------------------------------

function isMap(v: V): v is Record<string, V> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's static type name for a decoded JSON value (`%!d(string=x)`, error messages). */
function goType(v: V): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v prints a float64. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expS] = f.toExponential().split('e');
  const exp = Number(expS);
  if (exp < -4 || exp >= 21) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return Number.isInteger(f) ? BigInt(f).toString() : String(f);
}

/** fmt's %v of a value. */
export function goString(v: V): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFloat(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? '<nil>' : goString(x))).join(' ')}]`;
  const o = v as Record<string, V>;
  return `map[${Object.keys(o)
    .sort()
    .map((k) => `${k}:${goString(o[k])}`)
    .join(' ')}]`;
}

function truth(v: V): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** strconv's 'f' format: an exact tie rounds to even (2.25 → "2.2"), where toFixed rounds up. */
function goFixed(v: number, prec: number): string {
  const scale = 10 ** prec;
  const scaled = v * scale;
  if (Number.isFinite(scaled) && scaled / scale === v && Math.abs(scaled % 1) === 0.5) {
    const down = Math.trunc(scaled);
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return (even / scale).toFixed(prec);
  }
  return v.toFixed(prec);
}

/** fmt.Sprintf for the verbs templates use. */
export function goSprintf(format: string, args: V[]): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const m = format.slice(i + 1).match(/^([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])?/)!;
    i += m[0].length;
    const flags = m[1];
    const width = m[2] ? Number(m[2]) : 0;
    const prec = m[3] !== undefined ? Number(m[3] || '0') : undefined;
    const verb = m[4];
    if (!verb) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argi++];
    const bad = () => `%!${verb}(${a === null || a === undefined ? '<nil>' : `${goType(a)}=${goString(a)}`})`;
    let s: string;
    const num = typeof a === 'number' ? a : undefined;
    switch (verb) {
      case 'v':
        s = num !== undefined && !Number.isInteger(num) ? goFloat(num) : a === undefined ? '<nil>' : goString(a);
        break;
      case 's':
        s = typeof a === 'string' ? a : Array.isArray(a) || isMap(a) ? goString(a) : bad();
        if (prec !== undefined && typeof a === 'string') s = [...s].slice(0, prec).join('');
        break;
      case 'q':
        s = typeof a === 'string' ? goQuote(prec !== undefined ? [...a].slice(0, prec).join('') : a) : num !== undefined && Number.isInteger(num) ? `'${String.fromCodePoint(num)}'` : bad();
        break;
      case 'd':
        s = num !== undefined && Number.isInteger(num) ? BigInt(num).toString() : bad();
        if (num !== undefined && Number.isInteger(num) && flags.includes('+') && num >= 0) s = `+${s}`;
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : bad();
        break;
      case 'f':
      case 'F':
        s = num !== undefined ? goFixed(num, prec ?? 6) : bad();
        if (num !== undefined && flags.includes('+') && num >= 0) s = `+${s}`;
        break;
      case 'e':
        s = num !== undefined ? num.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : bad();
        break;
      case 'g':
        s = num !== undefined ? goFloat(num) : bad();
        break;
      case 'x':
      case 'X': {
        if (num !== undefined && Number.isInteger(num)) s = (num < 0 ? '-' : '') + Math.abs(num).toString(16);
        else if (typeof a === 'string') s = [...new TextEncoder().encode(a)].map((b) => b.toString(16).padStart(2, '0')).join('');
        else s = bad();
        if (verb === 'X') s = s.toUpperCase();
        break;
      }
      case 'c':
        s = num !== undefined && Number.isInteger(num) ? String.fromCodePoint(num) : bad();
        break;
      default:
        s = bad();
    }
    if (s.length < width) {
      const pad = width - [...s].length;
      if (pad > 0) {
        if (flags.includes('-')) s += ' '.repeat(pad);
        else if (flags.includes('0') && num !== undefined && 'dfFeEgxX'.includes(verb)) s = s.startsWith('-') || s.startsWith('+') ? s[0] + '0'.repeat(pad) + s.slice(1) : '0'.repeat(pad) + s;
        else s = ' '.repeat(pad) + s;
      }
    }
    out += s;
  }
  if (argi < args.length) out += `%!(EXTRA ${args.slice(argi).map((a) => `${goType(a)}=${goString(a)}`).join(', ')})`;
  return out;
}

/** fmt.Sprint: a space between operands when neither is a string. */
function goSprint(args: V[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += a === undefined ? '<nil>' : goString(a);
  });
  return out;
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  return [...new TextEncoder().encode(s)]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function base64decode(v: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  let i = 0;
  for (; i < v.length; i++) {
    const ch = v[i];
    if (ch === '\r' || ch === '\n') continue;
    if (ch === '=') break;
    const d = alphabet.indexOf(ch);
    if (d < 0) throw new Error(`base64 decode failed: illegal base64 data at input byte ${i}`);
    buf = (buf << 6) | d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 0xff);
    }
  }
  const rest = v.slice(i).replace(/[\r\n]/g, '');
  const dataLen = v.slice(0, i).replace(/[\r\n]/g, '').length;
  if (!/^=*$/.test(rest) || (dataLen + rest.length) % 4 !== 0) throw new Error(`base64 decode failed: illegal base64 data at input byte ${Math.min(v.length, i + (rest.match(/^=*/)?.[0].length ?? 0))}`);
  return new TextDecoder().decode(new Uint8Array(bytes));
}

// --- execution ----------------------------------------------------------------------------

class ExecError extends Error {}
class BreakSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Each `range` iteration and every node visit counts: a hostile template stays bounded. */
const MAX_STEPS = 1_000_000;
const MAX_OUTPUT = 8 * 1024 * 1024;

class Exec {
  out = '';
  private steps = 0;
  private vars: Array<[string, V]> = [];
  private callDepth = 0;
  constructor(
    private readonly src: string,
    private readonly name: string,
    private readonly defs: Map<string, Node[]>,
    private readonly missingKeyError: boolean,
  ) {}

  private loc(pos: number): string {
    const before = this.src.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? pos : pos - (nl + 1);
    return `${this.name}:${line}:${col}`;
  }
  private fail(pos: number, context: string, msg: string): never {
    throw new ExecError(`template: ${this.loc(pos)}: executing "${this.name}" at <${context}>: ${msg}`);
  }

  run(list: Node[], data: V): string {
    this.vars = [['$', data]];
    this.walk(list, data);
    return this.out;
  }

  private write(s: string) {
    this.out += s;
    if (this.out.length > MAX_OUTPUT) throw new ExecError(`template: ${this.name}: output exceeds ${MAX_OUTPUT} bytes`);
  }

  private tick() {
    if (++this.steps > MAX_STEPS) throw new ExecError(`template: ${this.name}: exceeded ${MAX_STEPS} execution steps`);
  }

  private walk(list: Node[], dot: V): void {
    for (const n of list) {
      this.tick();
      switch (n.t) {
        case 'text':
          this.write(n.s);
          break;
        case 'action': {
          const v = this.pipe(n.pipe, dot);
          if (n.pipe.decl.length === 0) this.write(goString(v));
          break;
        }
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const v = this.pipe(n.pipe, dot);
          if (truth(v)) this.walk(n.list, n.t === 'with' ? v : dot);
          else if (n.else) this.walk(n.else, dot);
          this.vars.length = mark;
          break;
        }
        case 'range':
          this.range(n, dot);
          break;
        case 'break':
        case 'continue':
          throw new BreakSignal(n.t);
        case 'template': {
          const body = this.defs.get(n.name);
          if (!body) this.fail(n.pos, `template ${JSON.stringify(n.name)}`, `template: no template ${JSON.stringify(n.name)} associated with template ${JSON.stringify(this.name)}`);
          if (++this.callDepth > MAX_DEPTH) this.fail(n.pos, `template ${JSON.stringify(n.name)}`, 'exceeded maximum template depth (100000)');
          const saved = this.vars;
          const arg = n.pipe ? this.pipe(n.pipe, dot) : null;
          this.vars = [['$', arg]];
          this.walk(body, arg);
          this.vars = saved;
          this.callDepth--;
          break;
        }
      }
    }
  }

  private range(n: Block, dot: V): void {
    const mark = this.vars.length;
    const pipeNoDecl: Pipe = { ...n.pipe, decl: [], assign: false };
    const v = this.pipe(pipeNoDecl, dot);
    const items: Array<[V, V]> = [];
    if (Array.isArray(v)) v.forEach((x, i) => items.push([i, x]));
    else if (isMap(v))
      for (const k of Object.keys(v).sort()) items.push([k, v[k]]);
    else if (typeof v === 'number' && Number.isInteger(v)) for (let i = 0; i < v; i++) items.push([i, i]);
    else if (v !== undefined && v !== null) this.fail(n.pos, pipeText(n.pipe), `range can't iterate over ${goString(v)}`);
    if (items.length === 0) {
      if (n.else) this.walk(n.else, dot);
      this.vars.length = mark;
      return;
    }
    for (const [k, x] of items) {
      this.tick();
      if (n.pipe.decl.length === 1) this.vars.push([n.pipe.decl[0], x]);
      else if (n.pipe.decl.length === 2) this.vars.push([n.pipe.decl[0], k], [n.pipe.decl[1], x]);
      try {
        this.walk(n.list, x);
      } catch (e) {
        if (!(e instanceof BreakSignal)) throw e;
        this.vars.length = mark;
        if (e.kind === 'break') break;
        continue;
      }
      this.vars.length = mark;
    }
    this.vars.length = mark;
  }

  private lookupVar(name: string, pos: number): V {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i][0] === name) return this.vars[i][1];
    this.fail(pos, name, `undefined variable: ${name}`);
  }

  private pipe(p: Pipe, dot: V): V {
    let v: V;
    let first = true;
    for (const c of p.cmds) {
      v = this.cmd(c, dot, first ? NO_FINAL : v);
      first = false;
    }
    if (p.decl.length === 1) {
      if (p.assign) {
        const i = this.vars.map((x) => x[0]).lastIndexOf(p.decl[0]);
        if (i < 0) this.fail(p.pos, p.decl[0], `undefined variable: ${p.decl[0]}`);
        this.vars[i][1] = v;
      } else this.vars.push([p.decl[0], v]);
    }
    return v;
  }

  private field(recv: V, chain: string[], pos: number, ctx: string): V {
    let r = recv;
    for (const name of chain) {
      if (r === undefined) {
        if (this.missingKeyError) this.fail(pos, ctx, `nil data; no entry for key ${JSON.stringify(name)}`);
        return undefined;
      }
      if (r === null) this.fail(pos, ctx, `nil pointer evaluating interface {}.${name}`);
      if (!isMap(r)) this.fail(pos, ctx, `can't evaluate field ${name} in type interface {}`);
      if (Object.prototype.hasOwnProperty.call(r, name)) r = r[name];
      else {
        if (this.missingKeyError) this.fail(pos, ctx, `map has no entry for key ${JSON.stringify(name)}`);
        r = undefined;
      }
    }
    return r;
  }

  private arg(a: Arg, dot: V): V {
    switch (a.t) {
      case 'dot':
        return dot;
      case 'field':
        return this.field(dot, a.chain, a.pos, a.text);
      case 'var':
        return this.field(this.lookupVar(a.name, a.pos), a.chain, a.pos, a.text);
      case 'string':
      case 'number':
      case 'bool':
        return a.v;
      case 'nil':
        this.fail(a.pos, 'nil', 'nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'pipe': {
        const mark = this.vars.length;
        const v = this.pipe(a.pipe, dot);
        this.vars.length = mark;
        return this.field(v, a.chain, a.pos, a.text);
      }
      case 'ident':
        return this.call(a, [], dot, NO_FINAL);
    }
  }

  private cmd(c: Cmd, dot: V, final: V | typeof NO_FINAL): V {
    const head = c.args[0];
    if (head.t === 'ident') return this.call(head, c.args.slice(1), dot, final);
    const ctx = argText(head);
    if (c.args.length > 1 || final !== NO_FINAL) {
      if (head.t === 'field' || head.t === 'var') {
        const name = head.t === 'field' ? head.chain[head.chain.length - 1] : head.chain[head.chain.length - 1] ?? head.name;
        if (head.t === 'field') this.field(dot, head.chain.slice(0, -1), head.pos, ctx);
        this.fail(head.pos, ctx, head.t === 'var' && head.chain.length === 0 ? `can't give argument to non-function ${head.name}` : `${name} is not a method but has arguments`);
      }
      this.fail(head.pos, ctx, `can't give argument to non-function ${ctx}`);
    }
    if (head.t === 'nil') this.fail(head.pos, 'nil', 'nil is not a command');
    return this.arg(head, dot);
  }

  private call(fn: Extract<Arg, { t: 'ident' }>, argNodes: Arg[], dot: V, final: V | typeof NO_FINAL): V {
    const name = fn.name;
    // the error names the whole command node (`<len .nope>`), placed at the function's name
    const ctx = [name, ...argNodes.map(argText)].join(' ');
    const fail = (msg: string): never => this.fail(fn.pos, ctx, `error calling ${name}: ${msg}`);
    // and / or evaluate lazily (Go 1.18+)
    if (name === 'and' || name === 'or') {
      const all: Array<() => V> = argNodes.map((a) => () => this.arg(a, dot));
      if (final !== NO_FINAL) all.push(() => final);
      if (all.length === 0) this.fail(fn.pos, ctx, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: V;
      for (const get of all) {
        v = get();
        if (name === 'and' ? !truth(v) : truth(v)) return v;
      }
      return v;
    }
    const args = argNodes.map((a) => this.arg(a, dot));
    if (final !== NO_FINAL) args.push(final);
    const want = (n: number) => {
      if (args.length !== n) this.fail(fn.pos, ctx, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    const atLeast = (n: number) => {
      if (args.length < n) this.fail(fn.pos, ctx, `wrong number of args for ${name}: want at least ${n} got ${args.length}`);
    };
    switch (name) {
      case 'not':
        want(1);
        return !truth(args[0]);
      case 'len': {
        want(1);
        const a = args[0];
        if (typeof a === 'string') return new TextEncoder().encode(a).length;
        if (Array.isArray(a)) return a.length;
        if (isMap(a)) return Object.keys(a).length;
        // a missing key is Go's zero Value: reflect panics on it (safeCall turns that into the error)
        return fail(a === undefined ? 'reflect: call of reflect.Value.Type on zero Value' : a === null ? 'len of nil pointer' : `len of type ${goType(a)}`);
      }
      case 'index': {
        atLeast(1);
        let item = args[0];
        if (item === undefined || item === null) return fail('index of untyped nil');
        for (const k of args.slice(1)) {
          if (Array.isArray(item) || typeof item === 'string') {
            if (typeof k !== 'number' || !Number.isInteger(k)) return fail(`cannot index slice/array with type ${goType(k)}`);
            const len = typeof item === 'string' ? new TextEncoder().encode(item).length : item.length;
            if (k < 0 || k >= len) return fail(`index out of range: ${k}`);
            item = typeof item === 'string' ? new TextEncoder().encode(item)[k] : item[k];
          } else if (isMap(item)) {
            if (typeof k !== 'string') return fail(`value has type ${goType(k)}; should be string`);
            item = Object.prototype.hasOwnProperty.call(item, k) ? item[k] : null;
          } else if (item === null) return fail('index of nil pointer');
          else return fail(`can't index item of type ${goType(item)}`);
        }
        return item;
      }
      case 'slice': {
        atLeast(1);
        const item = args[0];
        const idx = args.slice(1) as number[];
        if (typeof item !== 'string' && !Array.isArray(item)) return fail(`can't slice item of type ${goType(item)}`);
        const len = item.length;
        const lo = idx[0] ?? 0;
        const hi = idx[1] ?? len;
        if (lo < 0 || hi > len || lo > hi) return fail(`index out of range: ${hi > len ? hi : lo}`);
        return item.slice(lo, hi);
      }
      case 'print':
        return goSprint(args);
      case 'println':
        return `${args.map((a) => (a === undefined ? '<nil>' : goString(a))).join(' ')}\n`;
      case 'printf':
        atLeast(1);
        if (typeof args[0] !== 'string') this.fail(fn.pos, ctx, `wrong type for value; expected string; got ${goType(args[0])}`);
        return goSprintf(args[0], args.slice(1));
      case 'eq':
      case 'ne':
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        if (name === 'eq') atLeast(1);
        else want(2);
        const basic = (v: V) => {
          if (v === undefined) return fail('invalid type for comparison');
          if (v === null || typeof v === 'object') return fail(name === 'eq' || name === 'ne' ? 'non-comparable type' : 'invalid type for comparison');
          return v as string | number | boolean;
        };
        const a = basic(args[0]);
        const cmp = (b0: V): number => {
          const b = basic(b0);
          if (typeof a !== typeof b) return fail('incompatible types for comparison');
          if ((name !== 'eq' && name !== 'ne') && typeof a === 'boolean') return fail('invalid type for comparison');
          return a < b ? -1 : a > b ? 1 : 0;
        };
        if (name === 'eq') {
          if (args.length === 1) return fail('missing argument for comparison');
          return args.slice(1).some((b) => cmp(b) === 0);
        }
        const r = cmp(args[1]);
        return name === 'ne' ? r !== 0 : name === 'lt' ? r < 0 : name === 'le' ? r <= 0 : name === 'gt' ? r > 0 : r >= 0;
      }
      case 'html':
        return htmlEscape(goSprint(args));
      case 'js':
        return jsEscape(goSprint(args));
      case 'urlquery':
        return queryEscape(goSprint(args));
      case 'exists': {
        atLeast(1);
        let item = args[0];
        for (const k of args.slice(1)) {
          if (Array.isArray(item) && typeof k === 'number') {
            if (k < 0 || k >= item.length) return false;
            item = item[k];
          } else if (isMap(item) && typeof k === 'string') {
            if (!Object.prototype.hasOwnProperty.call(item, k)) return false;
            item = item[k];
          } else return false;
        }
        return true;
      }
      case 'base64decode': {
        want(1);
        if (typeof args[0] !== 'string') this.fail(fn.pos, ctx, `wrong type for value; expected string; got ${goType(args[0])}`);
        try {
          return base64decode(args[0]);
        } catch (e) {
          return fail((e as Error).message);
        }
      }
      case 'call':
        atLeast(1);
        return fail(`non-function ${goString(args[0])} of type ${goType(args[0])}`);
    }
    return fail('not defined');
  }
}

const NO_FINAL = Symbol('no final');

function argText(a: Arg): string {
  switch (a.t) {
    case 'dot':
      return '.';
    case 'ident':
      return a.name;
    case 'bool':
      return String(a.v);
    case 'nil':
      return 'nil';
    default:
      return a.text;
  }
}

function pipeText(p: Pipe): string {
  const cmds = p.cmds.map((c) => c.args.map(argText).join(' ')).join(' | ');
  return p.decl.length ? `${p.decl.join(', ')} ${p.assign ? '=' : ':='} ${cmds}` : cmds;
}

// --- API ----------------------------------------------------------------------------------

export interface GoTemplate {
  execute(data: V): string;
}

/** Parse a template as kubectl names it ("output"); throws GoTemplateError with Go's message. */
export function parseGoTemplate(src: string, opts: { allowMissingKeys?: boolean } = {}): GoTemplate {
  const p = new Parser(src, 'output');
  const tree = p.parse();
  return {
    execute(data: V): string {
      const exec = new Exec(src, 'output', p.defs, opts.allowMissingKeys === false);
      try {
        return exec.run(tree, data);
      } catch (e) {
        const err = e instanceof ExecError ? new GoTemplateError(e.message) : e instanceof BreakSignal ? new GoTemplateError(`template: output: {{${e.kind}}} outside {{range}}`) : null;
        if (!err) throw e;
        err.partial = exec.out;
        throw err;
      }
    },
  };
}

/**
 * The JSON kubectl hands the template: apimachinery's json.Unmarshal into interface{}, where
 * every integral number is an int64 (so `1000000` prints as such, not `1e+06`).
 */
export function templateData(value: unknown): V {
  return JSON.parse(JSON.stringify(value)) as V;
}
