/**
 * awk: the one-liners people type — `{print $1}`, `-F`, `-v`, NR/NF/$NF, patterns (`/re/`,
 * `$3>0`, `NR==2`, ranges `A,B`), BEGIN/END, printf, `a[$1]++` with `for (k in a)`, `next`,
 * `exit`, and the common builtins (length, substr, index, split, sub, gsub, match, sprintf,
 * toupper, tolower, int). A tree-walking interpreter; work is bounded per run.
 *
 * `for (k in a)` order is unspecified in awk; this one uses insertion order (gawk's order for
 * small arrays differs and is an artefact of its hash table).
 */
import type { Program, ProcessContext } from '../types';
import { abs, err, out, type Flavor } from './common';
import { formatPrintf } from './printf';
import { bbBanner } from './busybox-builds';

type Tok = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 're'; v: string } | { k: 'name'; v: string } | { k: 'func'; v: string } | { k: 'op'; v: string } | { k: 'nl' } | { k: 'eof' };

const KEYWORDS = new Set(['BEGIN', 'END', 'if', 'else', 'while', 'for', 'do', 'in', 'next', 'exit', 'print', 'printf', 'delete', 'break', 'continue', 'getline', 'function', 'return']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'toupper', 'tolower', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

class AwkSyntax {
  constructor(readonly msg: string) {}
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const operandEnd = () => {
    const t = toks[toks.length - 1];
    return t && (t.k === 'num' || t.k === 'str' || t.k === 'name' || (t.k === 'op' && (t.v === ')' || t.v === ']' || t.v === '$' || t.v === '++' || t.v === '--')));
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ k: 'nl' });
      i++;
      continue;
    }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.test(src.slice(i))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      toks.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[n] ?? `\\${n}`;
          i++;
          continue;
        }
        if (src[i] === '\n') throw new AwkSyntax('unterminated string');
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('unterminated string');
      i++;
      toks.push({ k: 'str', v: s });
      continue;
    }
    if (c === '/' && !operandEnd()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        if (src[i] === '\n') throw new AwkSyntax('unterminated regexp');
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i] + src[i + 1];
          i += 2;
          continue;
        }
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('unterminated regexp');
      i++;
      toks.push({ k: 're', v: s });
      continue;
    }
    const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (w) {
      i += w[0].length;
      toks.push(BUILTINS.has(w[0]) ? { k: 'func', v: w[0] } : { k: 'name', v: w[0] });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntax(`invalid char '${c}' in expression`);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  toks.push({ k: 'eof' });
  return toks;
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; v: string }
  | { t: 'var'; name: string }
  | { t: 'idx'; name: string; keys: Node[] }
  | { t: 'field'; e: Node }
  | { t: 'assign'; op: string; lhs: Node; e: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'un'; op: string; e: Node }
  | { t: 'incdec'; op: string; pre: boolean; lhs: Node }
  | { t: 'in'; key: Node[]; name: string }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'group'; e: Node };

type Stmt =
  | { t: 'expr'; e: Node }
  | { t: 'print'; args: Node[]; printf: boolean; redir?: { op: string; e: Node } }
  | { t: 'if'; c: Node; a: Stmt; b?: Stmt }
  | { t: 'while'; c: Node; body: Stmt; doWhile: boolean }
  | { t: 'for'; init?: Stmt; c?: Node; step?: Stmt; body: Stmt }
  | { t: 'forin'; v: string; arr: string; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' }
  | { t: 'exit'; e?: Node }
  | { t: 'break' }
  | { t: 'continue' }
  | { t: 'delete'; name: string; keys?: Node[] };

interface Rule {
  kind: 'begin' | 'end' | 'main';
  pat?: Node;
  pat2?: Node;
  body?: Stmt[];
  inRange?: boolean;
}

class Parser {
  i = 0;
  constructor(private toks: Tok[]) {}
  peek(): Tok {
    return this.toks[this.i];
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t.k === 'op' && t.v === v;
  }
  isName(v: string): boolean {
    const t = this.peek();
    return t.k === 'name' && t.v === v;
  }
  expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.i++;
  }
  fail(): never {
    const t = this.peek();
    throw new AwkSyntax(t.k === 'eof' || t.k === 'nl' ? 'unexpected newline or end of string' : 'syntax error');
  }
  nls(): void {
    while (this.peek().k === 'nl' || this.isOp(';')) this.i++;
  }
  onlyNls(): void {
    while (this.peek().k === 'nl') this.i++;
  }

  program(): Rule[] {
    const rules: Rule[] = [];
    this.nls();
    while (this.peek().k !== 'eof') {
      if (this.isName('BEGIN') || this.isName('END')) {
        const kind = (this.peek() as { v: string }).v === 'BEGIN' ? 'begin' : 'end';
        this.i++;
        this.onlyNls();
        rules.push({ kind, body: this.block() });
      } else if (this.isName('function')) {
        throw new AwkSyntax('function definitions are not supported by this simulated awk'); // simulator limit
      } else {
        let pat: Node | undefined;
        let pat2: Node | undefined;
        if (!this.isOp('{')) {
          pat = this.expr();
          if (this.isOp(',')) {
            this.i++;
            this.onlyNls();
            pat2 = this.expr();
          }
        }
        const body = this.isOp('{') ? this.block() : undefined;
        rules.push({ kind: 'main', pat, pat2, body });
      }
      this.nls();
    }
    return rules;
  }

  block(): Stmt[] {
    this.expectOp('{');
    const body: Stmt[] = [];
    this.nls();
    while (!this.isOp('}')) {
      if (this.peek().k === 'eof') this.fail();
      body.push(this.stmt());
      this.nls();
    }
    this.i++;
    return body;
  }

  simpleEnd(): void {
    if (this.isOp(';') || this.peek().k === 'nl') {
      this.i++;
      return;
    }
    if (this.isOp('}') || this.peek().k === 'eof') return;
    this.fail();
  }

  stmt(): Stmt {
    const t = this.peek();
    if (t.k === 'op' && t.v === '{') return { t: 'block', body: this.block() };
    if (t.k === 'name') {
      switch (t.v) {
        case 'if': {
          this.i++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.onlyNls();
          const a = this.stmt();
          const save = this.i;
          this.nls();
          if (this.isName('else')) {
            this.i++;
            this.onlyNls();
            return { t: 'if', c, a, b: this.stmt() };
          }
          this.i = save;
          return { t: 'if', c, a };
        }
        case 'while': {
          this.i++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.onlyNls();
          return { t: 'while', c, body: this.stmt(), doWhile: false };
        }
        case 'do': {
          this.i++;
          this.onlyNls();
          const body = this.stmt();
          this.nls();
          if (!this.isName('while')) this.fail();
          this.i++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.simpleEnd();
          return { t: 'while', c, body, doWhile: true };
        }
        case 'for': {
          this.i++;
          this.expectOp('(');
          const a = this.toks[this.i];
          const b = this.toks[this.i + 1];
          const c = this.toks[this.i + 2];
          const d = this.toks[this.i + 3];
          if (a.k === 'name' && b.k === 'name' && b.v === 'in' && c.k === 'name' && d.k === 'op' && d.v === ')') {
            this.i += 4;
            this.onlyNls();
            return { t: 'forin', v: a.v, arr: c.v, body: this.stmt() };
          }
          const init = this.isOp(';') ? undefined : { t: 'expr' as const, e: this.expr() };
          this.expectOp(';');
          this.onlyNls();
          const cond = this.isOp(';') ? undefined : this.expr();
          this.expectOp(';');
          this.onlyNls();
          const step = this.isOp(')') ? undefined : { t: 'expr' as const, e: this.expr() };
          this.expectOp(')');
          this.onlyNls();
          return { t: 'for', init, c: cond, step, body: this.stmt() };
        }
        case 'next':
        case 'break':
        case 'continue':
          this.i++;
          this.simpleEnd();
          return { t: t.v } as Stmt;
        case 'exit': {
          this.i++;
          const e = this.isOp(';') || this.isOp('}') || this.peek().k === 'nl' || this.peek().k === 'eof' ? undefined : this.expr();
          this.simpleEnd();
          return { t: 'exit', e };
        }
        case 'delete': {
          this.i++;
          const n = this.peek();
          if (n.k !== 'name') this.fail();
          this.i++;
          let keys: Node[] | undefined;
          if (this.isOp('[')) {
            this.i++;
            keys = this.exprList();
            this.expectOp(']');
          }
          this.simpleEnd();
          return { t: 'delete', name: n.v, keys };
        }
        case 'print':
        case 'printf': {
          this.i++;
          let args: Node[] = [];
          if (this.isOp('(')) {
            // `print(a, b)` or `print (a)(b)`: try the parenthesised list first.
            const save = this.i;
            this.i++;
            const list = this.exprList(true);
            if (this.isOp(')')) {
              this.i++;
              if (this.isOp(';') || this.isOp('}') || this.isOp('>') || this.isOp('>>') || this.isOp('|') || this.peek().k === 'nl' || this.peek().k === 'eof') args = list;
              else {
                this.i = save;
                args = this.exprList(true);
              }
            } else {
              this.i = save;
              args = this.exprList(true);
            }
          } else if (!(this.isOp(';') || this.isOp('}') || this.peek().k === 'nl' || this.peek().k === 'eof' || this.isOp('>') || this.isOp('>>'))) args = this.exprList(true);
          let redir: { op: string; e: Node } | undefined;
          if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) {
            const op = (this.peek() as { v: string }).v;
            this.i++;
            redir = { op, e: this.concat(true) };
          }
          this.simpleEnd();
          return { t: 'print', args, printf: t.v === 'printf', redir };
        }
        case 'getline':
        case 'function':
        case 'return':
          throw new AwkSyntax(`${t.v} is not supported by this simulated awk`); // simulator limit
        default:
      }
    }
    if (t.k === 'op' && t.v === ';') {
      this.i++;
      return { t: 'block', body: [] };
    }
    const e = this.expr();
    this.simpleEnd();
    return { t: 'expr', e };
  }

  exprList(noGt = false): Node[] {
    const out = [this.expr(noGt)];
    while (this.isOp(',')) {
      this.i++;
      this.onlyNls();
      out.push(this.expr(noGt));
    }
    return out;
  }

  expr(noGt = false): Node {
    return this.ternary(noGt);
  }

  ternary(noGt: boolean): Node {
    const c = this.or(noGt);
    if (this.isOp('?')) {
      this.i++;
      this.onlyNls();
      const a = this.ternary(noGt);
      this.onlyNls();
      this.expectOp(':');
      this.onlyNls();
      return { t: 'cond', c, a, b: this.ternary(noGt) };
    }
    if (this.peek().k === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes((this.peek() as { v: string }).v) && (c.t === 'var' || c.t === 'idx' || c.t === 'field')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      this.onlyNls();
      return { t: 'assign', op, lhs: c, e: this.ternary(noGt) };
    }
    return c;
  }

  or(noGt: boolean): Node {
    let a = this.and(noGt);
    while (this.isOp('||')) {
      this.i++;
      this.onlyNls();
      a = { t: 'bin', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }

  and(noGt: boolean): Node {
    let a = this.inExpr(noGt);
    while (this.isOp('&&')) {
      this.i++;
      this.onlyNls();
      a = { t: 'bin', op: '&&', a, b: this.inExpr(noGt) };
    }
    return a;
  }

  inExpr(noGt: boolean): Node {
    let a = this.match(noGt);
    while (this.isName('in')) {
      this.i++;
      const n = this.peek();
      if (n.k !== 'name') this.fail();
      this.i++;
      a = { t: 'in', key: a.t === 'group' && a.e.t === 'bin' && a.e.op === ',' ? [] : [a], name: n.v };
    }
    return a;
  }

  match(noGt: boolean): Node {
    let a = this.compare(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { t: 'bin', op, a, b: this.compare(noGt) };
    }
    return a;
  }

  compare(noGt: boolean): Node {
    const a = this.concat(noGt);
    const t = this.peek();
    if (t.k === 'op' && ['<', '<=', '==', '!=', '>=', ...(noGt ? [] : ['>'])].includes(t.v)) {
      this.i++;
      return { t: 'bin', op: t.v, a, b: this.concat(noGt) };
    }
    return a;
  }

  startsOperand(): boolean {
    const t = this.peek();
    if (t.k === 'num' || t.k === 'str' || t.k === 're' || t.k === 'func') return true;
    if (t.k === 'name') return !KEYWORDS.has(t.v) || t.v === 'getline';
    return t.k === 'op' && (t.v === '$' || t.v === '(' || t.v === '!' || t.v === '-' || t.v === '+' || t.v === '++' || t.v === '--');
  }

  concat(noGt: boolean): Node {
    let a = this.additive();
    while (this.startsOperand() && !this.isOp('-') && !this.isOp('+') && !(this.peek().k === 'name' && (this.peek() as { v: string }).v === 'in')) {
      a = { t: 'bin', op: 'concat', a, b: this.additive() };
    }
    void noGt;
    return a;
  }

  additive(): Node {
    let a = this.mul();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { t: 'bin', op, a, b: this.mul() };
    }
    return a;
  }

  mul(): Node {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { t: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  unary(): Node {
    if (this.isOp('!')) {
      this.i++;
      return { t: 'un', op: '!', e: this.unary() };
    }
    if (this.isOp('-') || this.isOp('+')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { t: 'un', op, e: this.unary() };
    }
    return this.power();
  }

  power(): Node {
    const a = this.postfix();
    if (this.isOp('^')) {
      this.i++;
      return { t: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }

  postfix(): Node {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { t: 'incdec', op, pre: true, lhs: this.primary() };
    }
    const p = this.primary();
    if ((this.isOp('++') || this.isOp('--')) && (p.t === 'var' || p.t === 'idx' || p.t === 'field')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { t: 'incdec', op, pre: false, lhs: p };
    }
    return p;
  }

  primary(): Node {
    const t = this.peek();
    this.i++;
    switch (t.k) {
      case 'num':
        return { t: 'num', v: t.v };
      case 'str':
        return { t: 'str', v: t.v };
      case 're':
        return { t: 're', v: t.v };
      case 'func': {
        if (!this.isOp('(')) return { t: 'call', name: t.v, args: [] };
        this.i++;
        const args = this.isOp(')') ? [] : this.exprList();
        this.expectOp(')');
        return { t: 'call', name: t.v, args };
      }
      case 'name': {
        if (KEYWORDS.has(t.v)) {
          this.i--;
          this.fail();
        }
        if (this.isOp('[')) {
          this.i++;
          const keys = this.exprList();
          this.expectOp(']');
          return { t: 'idx', name: t.v, keys };
        }
        return { t: 'var', name: t.v };
      }
      case 'op':
        if (t.v === '$') return { t: 'field', e: this.postfixNoIncdec() };
        if (t.v === '(') {
          const list = this.exprList();
          this.expectOp(')');
          if (list.length > 1) {
            if (!this.isName('in')) this.fail();
            this.i++;
            const n = this.peek();
            if (n.k !== 'name') this.fail();
            this.i++;
            return { t: 'in', key: list, name: n.v };
          }
          return { t: 'group', e: list[0] };
        }
        if (t.v === '-' || t.v === '!') {
          return { t: 'un', op: t.v, e: this.primary() };
        }
        break;
      default:
    }
    this.i--;
    return this.fail();
  }

  postfixNoIncdec(): Node {
    if (this.isOp('++') || this.isOp('--') || this.isOp('-')) return this.unary();
    return this.primary();
  }
}

// ---- runtime -----------------------------------------------------------------------------

/** A value: a number, a string, or a string from input that looks numeric (compares as a number). */
type Val = number | string | { strnum: string };

class NextEx {}
class ExitEx {
  constructor(readonly code: number) {}
}
class BreakEx {}
class ContinueEx {}
class LimitEx {}

const MAX_STEPS = 2_000_000;
const looksNumeric = (s: string) => /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s);

function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.strnum;
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s);
  return m ? Number(m[0]) : 0;
}

function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  return formatPrintf(fmt, [String(n)]).out;
}

class Awk {
  vars = new Map<string, Val>();
  arrays = new Map<string, Map<string, Val>>();
  fields: string[] = [''];
  nf = 0;
  steps = 0;
  output = '';
  files = new Map<string, string>();
  constructor(private ctx: ProcessContext, fs: string) {
    this.vars.set('FS', fs);
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('OFMT', '%.6g');
    this.vars.set('CONVFMT', '%.6g');
    this.vars.set('SUBSEP', '\x1c');
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    this.vars.set('FILENAME', '');
  }

  str(v: Val): string {
    if (typeof v === 'number') return numToStr(v, String(this.vars.get('CONVFMT') ?? '%.6g'));
    return typeof v === 'string' ? v : v.strnum;
  }

  outStr(v: Val): string {
    if (typeof v === 'number') return numToStr(v, String(this.str(this.vars.get('OFMT') ?? '%.6g')));
    return typeof v === 'string' ? v : v.strnum;
  }

  truthy(v: Val): boolean {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return v !== '';
    return looksNumeric(v.strnum) ? toNum(v) !== 0 : v.strnum !== '';
  }

  setRecord(line: string): void {
    this.fields = [line];
    this.split0();
  }

  private split0(): void {
    const parts = this.splitStr(this.fields[0], this.str(this.vars.get('FS') ?? ' '));
    this.fields = [this.fields[0], ...parts];
    this.nf = parts.length;
  }

  splitStr(s: string, fs: string): string[] {
    if (fs === ' ') return s.split(/[ \t\n]+/).filter((x, i, all) => x !== '' || (i > 0 && i < all.length - 1));
    if (s === '') return [];
    if (fs.length === 1 && fs !== '\\') return s.split(fs);
    try {
      return s.split(new RegExp(fs));
    } catch {
      return s.split(fs);
    }
  }

  getField(i: number): Val {
    if (i === 0) return { strnum: this.fields[0] };
    if (i < 0) return '';
    return i <= this.nf ? { strnum: this.fields[i] ?? '' } : { strnum: '' };
  }

  setField(i: number, v: string): void {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    if (i > 10_000) return;
    while (this.nf < i) this.fields[++this.nf] = '';
    this.fields[i] = v;
    this.rebuild();
  }

  private rebuild(): void {
    this.fields[0] = this.fields.slice(1, this.nf + 1).join(this.str(this.vars.get('OFS') ?? ' '));
  }

  getVar(name: string): Val {
    if (name === 'NF') return this.nf;
    return this.vars.get(name) ?? '';
  }

  setVar(name: string, v: Val): void {
    if (this.arrays.has(name)) throw new AwkSyntax(`attempt to use array \`${name}' in a scalar context`);
    if (name === 'NF') {
      const n = Math.max(0, Math.min(10_000, Math.trunc(toNum(v))));
      while (this.nf < n) this.fields[++this.nf] = '';
      this.nf = n;
      this.fields.length = n + 1;
      this.rebuild();
      return;
    }
    this.vars.set(name, v);
  }

  arr(name: string): Map<string, Val> {
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  key(keys: Node[]): string {
    return keys.map((k) => this.str(this.eval(k))).join(this.str(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  re(src: string): RegExp {
    try {
      return new RegExp(src);
    } catch {
      throw new AwkSyntax(`invalid regexp /${src}/`);
    }
  }

  reOf(n: Node): RegExp {
    return n.t === 're' ? this.re(n.v) : this.re(this.str(this.eval(n)));
  }

  assign(lhs: Node, v: Val): Val {
    if (lhs.t === 'var') this.setVar(lhs.name, v);
    else if (lhs.t === 'idx') this.arr(lhs.name).set(this.key(lhs.keys), v);
    else if (lhs.t === 'field') this.setField(Math.trunc(toNum(this.eval(lhs.e))), this.str(v));
    else if (lhs.t === 'group') return this.assign(lhs.e, v);
    return v;
  }

  tick(): void {
    if (++this.steps > MAX_STEPS) throw new LimitEx();
  }

  eval(n: Node): Val {
    this.tick();
    switch (n.t) {
      case 'num':
        return n.v;
      case 'str':
        return n.v;
      case 're':
        return this.re(n.v).test(this.fields[0]) ? 1 : 0;
      case 'var':
        return this.getVar(n.name);
      case 'idx': {
        const a = this.arr(n.name);
        const k = this.key(n.keys);
        if (!a.has(k)) a.set(k, '');
        return a.get(k)!;
      }
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(n.e))));
      case 'group':
        return this.eval(n.e);
      case 'assign': {
        const v = this.eval(n.e);
        if (n.op === '=') return this.assign(n.lhs, typeof v === 'object' ? { strnum: v.strnum } : v);
        const cur = toNum(this.eval(n.lhs));
        const r = toNum(v);
        return this.assign(n.lhs, arith(n.op[0], cur, r));
      }
      case 'cond':
        return this.truthy(this.eval(n.c)) ? this.eval(n.a) : this.eval(n.b);
      case 'incdec': {
        const cur = toNum(this.eval(n.lhs));
        const next = n.op === '++' ? cur + 1 : cur - 1;
        this.assign(n.lhs, next);
        return n.pre ? next : cur;
      }
      case 'in':
        return this.arrays.get(n.name)?.has(this.key(n.key)) ? 1 : 0;
      case 'un': {
        const v = this.eval(n.e);
        if (n.op === '!') return this.truthy(v) ? 0 : 1;
        return n.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'bin':
        return this.binary(n.op, n.a, n.b);
      case 'call':
        return this.call(n.name, n.args);
    }
  }

  binary(op: string, an: Node, bn: Node): Val {
    if (op === '&&') return this.truthy(this.eval(an)) && this.truthy(this.eval(bn)) ? 1 : 0;
    if (op === '||') return this.truthy(this.eval(an)) || this.truthy(this.eval(bn)) ? 1 : 0;
    if (op === '~' || op === '!~') {
      const s = this.str(this.eval(an));
      return this.reOf(bn).test(s) === (op === '~') ? 1 : 0;
    }
    const a = this.eval(an);
    const b = this.eval(bn);
    if (op === 'concat') {
      const s = this.str(a) + this.str(b);
      if (s.length > 1 << 20) throw new LimitEx();
      return s;
    }
    if (['<', '<=', '>', '>=', '==', '!='].includes(op)) {
      const isNum = (v: Val) => typeof v === 'number' || (typeof v === 'object' && looksNumeric(v.strnum));
      let c: number;
      if (isNum(a) && isNum(b)) c = toNum(a) - toNum(b);
      else {
        const x = this.str(a);
        const y = this.str(b);
        c = x < y ? -1 : x > y ? 1 : 0;
      }
      return (op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '==' ? c === 0 : c !== 0) ? 1 : 0;
    }
    return arith(op, toNum(a), toNum(b));
  }

  call(name: string, args: Node[]): Val {
    const s = (i: number) => (args[i] ? this.str(this.eval(args[i])) : '');
    const num = (i: number) => (args[i] ? toNum(this.eval(args[i])) : 0);
    switch (name) {
      case 'length':
        if (args[0]?.t === 'var' && this.arrays.has(args[0].name)) return this.arrays.get(args[0].name)!.size;
        return [...(args.length ? s(0) : this.fields[0])].length;
      case 'substr': {
        const str = [...s(0)];
        const m = Math.round(num(1));
        const len = args.length > 2 ? Math.round(num(2)) : Infinity;
        const start = Math.max(1, m);
        const end = len === Infinity ? str.length + 1 : Math.min(str.length + 1, m + len);
        return end > start ? str.slice(start - 1, end - 1).join('') : '';
      }
      case 'index':
        return s(0).indexOf(s(1)) + 1;
      case 'split': {
        const target = args[1];
        if (!target || target.t !== 'var') throw new AwkSyntax('split: second argument is not an array');
        const parts = this.splitStr(s(0), args[2] ? (args[2].t === 're' ? args[2].v : s(2)) : this.str(this.vars.get('FS') ?? ' '));
        const a = new Map<string, Val>();
        parts.forEach((p, i) => a.set(String(i + 1), { strnum: p }));
        this.vars.delete(target.name);
        this.arrays.set(target.name, a);
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.reOf(args[0]);
        const rep = s(1);
        const target = args[2] ?? ({ t: 'field', e: { t: 'num', v: 0 } } as Node);
        const cur = this.str(this.eval(target));
        let count = 0;
        const g = new RegExp(re.source, name === 'gsub' ? 'g' : '');
        const res = cur.replace(g, (m) => {
          count++;
          let o = '';
          for (let i = 0; i < rep.length; i++) {
            if (rep[i] === '\\' && (rep[i + 1] === '&' || rep[i + 1] === '\\')) o += rep[++i];
            else if (rep[i] === '&') o += m;
            else o += rep[i];
          }
          return o;
        });
        if (count) this.assign(target, res);
        return count;
      }
      case 'match': {
        const m = this.reOf(args[1]).exec(s(0));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf':
        return this.sprintf(args);
      case 'toupper':
        return s(0).toUpperCase();
      case 'tolower':
        return s(0).toLowerCase();
      case 'int':
        return Math.trunc(num(0));
      case 'sqrt':
        return Math.sqrt(num(0));
      case 'exp':
        return Math.exp(num(0));
      case 'log':
        return Math.log(num(0));
      case 'sin':
        return Math.sin(num(0));
      case 'cos':
        return Math.cos(num(0));
      case 'atan2':
        return Math.atan2(num(0), num(1));
      case 'rand':
        // Deterministic: awk's generator seeded with 0 gives the same sequence every run too.
        return 0;
      case 'srand':
        return 0;
      case 'close':
        return 0;
      case 'system':
        throw new AwkSyntax('system() is not supported by this simulated awk'); // simulator limit
      default:
        return '';
    }
  }

  sprintf(args: Node[]): string {
    if (!args.length) return '';
    const fmt = this.str(this.eval(args[0]));
    const vals = args.slice(1).map((a) => this.eval(a));
    const convs = (fmt.match(/%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?[a-zA-Z%]/g) ?? []).filter((c) => c !== '%%');
    const strs = vals.slice(0, convs.length).map((v, i) => {
      const conv = convs[i]?.slice(-1) ?? 's';
      if (/[dioxXu]/.test(conv)) return String(Math.trunc(toNum(v)));
      if (/[eEfgG]/.test(conv)) return String(toNum(v));
      if (conv === 'c') return typeof v === 'number' ? String.fromCharCode(v) : this.str(v).slice(0, 1);
      return this.str(v);
    });
    while (strs.length < convs.length) strs.push('');
    return formatPrintf(fmt.replace(/\\/g, '\\\\'), strs, 'awk').out;
  }

  exec(s: Stmt): void {
    this.tick();
    switch (s.t) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        let text: string;
        if (s.printf) text = this.sprintf(s.args);
        else {
          const vals = s.args.length ? s.args.map((a) => this.outStr(this.eval(a))) : [this.fields[0]];
          text = vals.join(this.str(this.vars.get('OFS') ?? ' ')) + this.str(this.vars.get('ORS') ?? '\n');
        }
        if (s.redir) {
          const target = this.str(this.eval(s.redir.e));
          if (s.redir.op === '|') throw new AwkSyntax('output to a command is not supported by this simulated awk'); // simulator limit
          if (target === '/dev/stderr') this.ctx.write('stderr', text);
          else if (target === '/dev/stdout' || target === '-') this.emit(text);
          else {
            const p = abs(this.ctx, target);
            if (!this.files.has(p)) {
              this.files.set(p, '');
              if (s.redir.op === '>') this.ctx.fs.write(p, '');
            }
            this.ctx.fs.write(p, text, { append: true });
          }
        } else this.emit(text);
        return;
      }
      case 'if':
        if (this.truthy(this.eval(s.c))) this.exec(s.a);
        else if (s.b) this.exec(s.b);
        return;
      case 'while':
        if (s.doWhile) {
          do {
            if (this.loopBody(s.body)) break;
          } while (this.truthy(this.eval(s.c)));
        } else while (this.truthy(this.eval(s.c))) if (this.loopBody(s.body)) break;
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.c || this.truthy(this.eval(s.c))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const a = this.arr(s.arr);
        for (const k of [...a.keys()]) {
          if (!a.has(k)) continue;
          this.setVar(s.v, looksNumeric(k) ? { strnum: k } : k);
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        for (const b of s.body) this.exec(b);
        return;
      case 'next':
        throw new NextEx();
      case 'exit':
        throw new ExitEx(s.e ? Math.trunc(toNum(this.eval(s.e))) & 255 : 0);
      case 'break':
        throw new BreakEx();
      case 'continue':
        throw new ContinueEx();
      case 'delete':
        if (s.keys) this.arrays.get(s.name)?.delete(this.key(s.keys));
        else this.arrays.set(s.name, new Map());
        return;
    }
  }

  /** Run a loop body; true when it broke out. */
  loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof BreakEx) return true;
      if (e instanceof ContinueEx) return false;
      throw e;
    }
    return false;
  }

  emit(text: string): void {
    this.output += text;
    if (this.output.length > 1 << 16) this.flush();
  }

  flush(): void {
    if (this.output) out(this.ctx, this.output);
    this.output = '';
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new AwkSyntax('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new AwkSyntax('division by zero in %');
      return a % b;
    case '^':
      return a ** b;
    default:
      return 0;
  }
}

export function awk(flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    let fs = ' ';
    const assigns: Array<[string, string]> = [];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (a === '-F') fs = args[++i] ?? ' ';
      else if (a.startsWith('-F')) fs = a.slice(2);
      else if (a === '-v') {
        const v = args[++i] ?? '';
        const eq = v.indexOf('=');
        if (eq > 0) assigns.push([v.slice(0, eq), v.slice(eq + 1)]);
      } else if (a.startsWith('-v') && a.includes('=')) assigns.push([a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
      else if (a.startsWith('-') && a !== '-') {
        err(ctx, flavor === 'gnu' ? `awk: not an option: ${a}` : `awk: invalid option -- '${a[1]}'`); // wording not verified
        return 2;
      } else break;
    }
    if (fs === 't') fs = '\t';
    const src = args[i++];
    if (src === undefined) {
      err(ctx, flavor === 'gnu' ? 'Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] \'program\' file ...' : `${bbBanner(ctx)}\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n`); // usage shortened
      return flavor === 'gnu' ? 2 : 1;
    }
    const files = args.slice(i);
    let rules: Rule[];
    try {
      rules = new Parser(lex(src)).program();
    } catch (e) {
      if (e instanceof AwkSyntax) {
        // gawk: `awk: cmd. line:1: {print $1` then a caret line; the simulated awk names the problem only.
        err(ctx, `awk: cmd. line:1: ${src.split('\n')[0]}\nawk: cmd. line:1: ${e.msg}`); // wording not verified
        return flavor === 'gnu' ? 1 : 2;
      }
      throw e;
    }
    const m = new Awk(ctx, fs.length > 1 && !/[\\[.*+?^$(){}|]/.test(fs) ? fs : fs);
    for (const [k, v] of assigns) m.vars.set(k, v.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
    let code = 0;
    const runRules = (kind: 'begin' | 'end') => {
      for (const r of rules) if (r.kind === kind) for (const s of r.body ?? []) m.exec(s);
    };
    try {
      try {
        runRules('begin');
        const mains = rules.filter((r) => r.kind === 'main');
        if (mains.length || rules.some((r) => r.kind === 'end')) {
          const inputs: Array<{ name: string; text: string }> = [];
          for (const f of files.length ? files : ['-']) {
            const eq = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(f);
            if (eq) {
              inputs.push({ name: `=${f}`, text: '' });
              continue;
            }
            if (f === '-' || f === '/dev/stdin') {
              inputs.push({ name: f === '-' && !files.length ? '' : f, text: ctx.stdin });
              continue;
            }
            const t = ctx.fs.read(abs(ctx, f));
            if (t === undefined) {
              err(ctx, flavor === 'gnu' ? `awk: fatal: cannot open file \`${f}' for reading (No such file or directory)` : `awk: cannot open file '${f}': No such file or directory`); // busybox wording not verified
              code = 2;
              break;
            }
            inputs.push({ name: f, text: t });
          }
          outer: for (const inp of inputs) {
            if (inp.name.startsWith('=')) {
              const [k, ...v] = inp.name.slice(1).split('=');
              m.vars.set(k, v.join('='));
              continue;
            }
            m.vars.set('FILENAME', inp.name);
            m.vars.set('FNR', 0);
            const lines = inp.text === '' ? [] : inp.text.replace(/\n$/, '').split('\n');
            for (const line of lines) {
              m.vars.set('NR', toNum(m.vars.get('NR') ?? 0) + 1);
              m.vars.set('FNR', toNum(m.vars.get('FNR') ?? 0) + 1);
              m.setRecord(line);
              try {
                for (const r of mains) {
                  let hit: boolean;
                  if (!r.pat) hit = true;
                  else if (r.pat2) {
                    if (r.inRange) {
                      hit = true;
                      if (m.truthy(m.eval(r.pat2))) r.inRange = false;
                    } else if (m.truthy(m.eval(r.pat))) {
                      hit = true;
                      r.inRange = !m.truthy(m.eval(r.pat2));
                    } else hit = false;
                  } else hit = m.truthy(m.eval(r.pat));
                  if (!hit) continue;
                  if (!r.body) m.emit(m.fields[0] + m.str(m.vars.get('ORS') ?? '\n'));
                  else for (const s of r.body) m.exec(s);
                }
              } catch (e) {
                if (e instanceof NextEx) continue;
                throw e;
              }
              if (code) break outer;
            }
          }
        }
      } catch (e) {
        if (!(e instanceof ExitEx)) throw e;
        code = e.code;
      }
      try {
        runRules('end');
      } catch (e) {
        if (!(e instanceof ExitEx)) throw e;
        code = e.code;
      }
    } catch (e) {
      m.flush();
      if (e instanceof AwkSyntax) {
        err(ctx, `awk: cmd. line:1: fatal: ${e.msg}`); // wording not verified
        return 2;
      }
      if (e instanceof LimitEx) {
        err(ctx, 'awk: the simulated awk stopped this program: it ran past its step limit (2,000,000 steps)');
        return 2;
      }
      if (e instanceof NextEx || e instanceof BreakEx || e instanceof ContinueEx) return 2;
      throw e;
    }
    m.flush();
    return code;
  };
}
