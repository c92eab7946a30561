/**
 * Parser of the POSIX shell language: a hand-written recursive descent over the source text
 * (the grammar is context-sensitive: reserved words count only in command position). It
 * produces the tree of `ast.ts` one complete command (one line) at a time, as dash and ash
 * do, so a syntax error on line 2 comes after line 1 ran.
 *
 * Errors carry what the shells need for their own wording: the unexpected token (or end of
 * file) and, when a specific closing word was required, what was expected.
 */
import type { AndOr, Command, List, ListItem, Pipeline, Redir, Word, WordPart, ParamOp } from './ast';

export type SyntaxErrorKind = 'unexpected' | 'redirection' | 'unterminated-quote' | 'missing-brace' | 'missing-arith' | 'eof-backquote' | 'bad-substitution';

export class ShellSyntaxError {
  constructor(
    readonly kind: SyntaxErrorKind,
    /** The token as the shells quote it (`fi`, `;`), or undefined for end of file. */
    readonly token: string | undefined,
    readonly expecting: string | undefined,
    readonly line: number,
    /** The source line where the error happened (bash echoes it). */
    readonly lineText: string,
  ) {}
}

type Tok =
  | { k: 'op'; v: string; start: number; end: number; line: number }
  | { k: 'word'; w: Word; start: number; end: number; line: number; fd?: number }
  | { k: 'nl'; start: number; end: number; line: number }
  | { k: 'eof'; start: number; end: number; line: number };

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
/** Words that end a list (the caller decides whether they are expected). */
const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const OPS = ['&>>', '&&', '||', ';;', '<<<', '<<-', '<<', '>>', '>&', '<&', '>|', '<>', '&>', ';', '&', '|', '(', ')', '<', '>'];
const REDIR_OPS = new Set(['>', '>>', '<', '>&', '<&', '>|', '<>', '&>', '&>>']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ParserOptions {
  /** bash accepts `&>`; dash and ash read it as `&` then `>`. */
  bash?: boolean;
  /** Line number of the first line (nested command substitutions inherit it). */
  line?: number;
}

export class Parser {
  pos = 0;
  line: number;
  private peeked?: { pos: number; line: number; tok: Tok };
  private depth = 0;

  constructor(readonly src: string, private opts: ParserOptions = {}) {
    this.line = opts.line ?? 1;
  }

  get atEnd(): boolean {
    this.skipBlanksAndNewlines(false);
    return this.pos >= this.src.length;
  }

  /** The next complete command (a list ended by a newline or the end), or null at the end. */
  parseCompleteCommand(): List | null {
    for (;;) {
      const t = this.peek();
      if (t.k === 'eof') return null;
      if (t.k === 'nl') {
        this.next();
        continue;
      }
      break;
    }
    const list = this.parseList(false, true);
    const t = this.peek();
    if (t.k === 'nl') this.next();
    else if (t.k !== 'eof') this.fail(t);
    else if (this.pendingHeredocs.length) this.readHeredocs();
    return list;
  }

  /** Parse the whole text (used for command substitutions and `eval`/`.`). */
  parseAll(): List {
    const out: List = [];
    for (;;) {
      const l = this.parseCompleteCommand();
      if (!l) return out;
      out.push(...l);
    }
  }

  // ---- errors --------------------------------------------------------------------------

  private lineText(): string {
    const s = this.src.lastIndexOf('\n', Math.max(0, this.pos - 1)) + 1;
    const e = this.src.indexOf('\n', this.pos);
    return this.src.slice(s, e < 0 ? undefined : e);
  }

  private tokText(t: Tok): string | undefined {
    if (t.k === 'eof') return undefined;
    if (t.k === 'nl') return 'newline';
    if (t.k === 'op') return t.v;
    return t.w.raw;
  }

  private fail(t: Tok, expecting?: string): never {
    throw new ShellSyntaxError('unexpected', this.tokText(t), expecting, t.line, this.lineText());
  }

  private failKind(kind: SyntaxErrorKind): never {
    throw new ShellSyntaxError(kind, undefined, undefined, this.line, this.lineText());
  }

  // ---- tokens --------------------------------------------------------------------------

  private skipBlanksAndNewlines(newlines: boolean): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (newlines && c === '\n') {
        this.pos++;
        this.line++;
      } else return;
    }
  }

  peek(): Tok {
    if (this.peeked && this.peeked.pos === this.pos) return this.peeked.tok;
    const savePos = this.pos;
    const saveLine = this.line;
    const tok = this.scan();
    this.peeked = { pos: savePos, line: saveLine, tok };
    this.pos = savePos;
    this.line = saveLine;
    return tok;
  }

  next(): Tok {
    const t = this.peek();
    this.pos = t.end;
    if (t.k === 'nl') {
      this.line = t.line + 1;
      if (this.pendingHeredocs.length) this.readHeredocs();
    } else this.line = this.lineAt(t);
    return t;
  }

  /** Here-documents whose bodies start after the next newline. */
  private pendingHeredocs: Array<{ redir: Redir; delim: string; quoted: boolean; strip: boolean; line: number }> = [];

  /**
   * Read the bodies of the pending here-documents: the lines up to one equal to the delimiter
   * (`<<-` first strips leading tabs). A body cut by the end of the text ends there, as in the
   * shells (bash also warns; see `heredocAtEof`).
   */
  private readHeredocs(): void {
    const s = this.src;
    for (const h of this.pendingHeredocs) {
      const bodyLines: string[] = [];
      let ended = false;
      while (this.pos < s.length) {
        const nl = s.indexOf('\n', this.pos);
        const raw = s.slice(this.pos, nl < 0 ? s.length : nl);
        this.pos = nl < 0 ? s.length : nl + 1;
        this.line++;
        const text = h.strip ? raw.replace(/^\t+/, '') : raw;
        if (text === h.delim || text === `${h.delim}\r`) {
          ended = true;
          break;
        }
        bodyLines.push(text);
      }
      if (!ended) this.heredocAtEof ??= { line: h.line, delim: h.delim };
      const body = bodyLines.map((l) => `${l}\n`).join('');
      if (h.quoted) h.redir.target = { parts: [{ t: 'sq', v: body }], raw: h.delim };
      else {
        const sub = new Parser(body, { ...this.opts, line: this.line });
        h.redir.target = { parts: [{ t: 'dq', parts: sub.readHeredocBody() }], raw: h.delim };
      }
    }
    this.pendingHeredocs = [];
    this.peeked = undefined;
  }

  /** Set when a here-document was ended by the end of the text instead of its delimiter. */
  heredocAtEof?: { line: number; delim: string };

  /** An unquoted here-document's body: `$`, backquotes and `\$ \` \\ \newline` are special. */
  readHeredocBody(): WordPart[] {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'sq', v: lit });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\') {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private lineAt(t: Tok): number {
    let n = t.line;
    for (let i = t.start; i < t.end; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  private scan(): Tok {
    this.skipBlanksAndNewlines(false);
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    if (this.pos >= s.length) return { k: 'eof', start, end: start, line };
    if (s[this.pos] === '\n') return { k: 'nl', start, end: start + 1, line };
    // IO number: digits directly followed by < or >.
    const m = /^(\d+)(?=[<>])/.exec(s.slice(this.pos, this.pos + 12));
    if (m) {
      this.pos += m[1].length;
      // The token is the number alone: the operator that follows is the next token.
      const op = this.scanOp();
      this.pos = start;
      if (op !== undefined && (REDIR_OPS.has(op) || op === '<<' || op === '<<-' || op === '<<<')) {
        this.pos = start + m[1].length;
        return { k: 'word', w: { parts: [], raw: m[1] }, start, end: this.pos, line, fd: Number(m[1]) } as Tok;
      }
    }
    const op = this.scanOp();
    if (op) return { k: 'op', v: op, start, end: this.pos, line };
    const w = this.readWord();
    return { k: 'word', w, start, end: this.pos, line };
  }

  private scanOp(): string | undefined {
    for (const op of OPS) {
      if ((op === '&>' || op === '&>>' || op === '<<<') && !this.opts.bash) continue;
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  // ---- words ---------------------------------------------------------------------------

  private isMeta(c: string | undefined): boolean {
    return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>' || c === '\r';
  }

  private readWord(): Word {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    if (s[this.pos] === '~') {
      let j = this.pos + 1;
      while (j < s.length && /[A-Za-z0-9_.-]/.test(s[j])) j++;
      if (j >= s.length || s[j] === '/' || this.isMeta(s[j])) {
        parts.push({ t: 'tilde', user: s.slice(this.pos + 1, j) });
        this.pos = j;
      }
    }
    while (this.pos < s.length && !this.isMeta(s[this.pos])) {
      const c = s[this.pos];
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        flush();
        if (this.pos + 1 < s.length) parts.push({ t: 'lit', v: s[this.pos + 1], quoted: true });
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) {
          this.pos = s.length;
          this.failKind('unterminated-quote');
        }
        const v = s.slice(this.pos + 1, end);
        for (const ch of v) if (ch === '\n') this.line++;
        parts.push({ t: 'sq', v });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readDq('"') });
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    return { parts, raw: s.slice(start, this.pos) };
  }

  /** Inside double quotes (or a `${…}` argument when `end` is `}`). */
  private readDq(end: '"' | '}'): WordPart[] {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push(end === '}' ? { t: 'lit', v: lit } : { t: 'sq', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) {
        if (end === '"') this.failKind('unterminated-quote');
        this.failKind('missing-brace');
      }
      const c = s[this.pos];
      if (c === end) {
        this.pos++;
        flush();
        return parts;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\' || (end === '}' && n === '}')) {
          if (end === '}') {
            flush();
            parts.push({ t: 'sq', v: n });
          } else lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (end === '}' && c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readDq('"') });
        continue;
      }
      if (end === '}' && c === "'") {
        flush();
        const e = s.indexOf("'", this.pos + 1);
        if (e < 0) this.failKind('unterminated-quote');
        parts.push({ t: 'sq', v: s.slice(this.pos + 1, e) });
        this.pos = e + 1;
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
  }

  private readDollarOrBacktick(): WordPart | undefined {
    const s = this.src;
    const c = s[this.pos];
    if (c === '`') return this.readBacktick();
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const e = this.findArithEnd(this.pos + 3);
      if (e === -2) {
        this.pos = s.length;
        this.failKind('missing-arith');
      }
      if (e >= 0) {
        const inner = s.slice(this.pos + 3, e);
        const sub = new Parser(inner, { ...this.opts, line: this.line });
        const parts = sub.readArithWord();
        this.pos = e + 2;
        return { t: 'arith', expr: { parts, raw: inner } };
      }
    }
    if (n === '(') {
      const start = this.pos;
      this.pos += 2;
      if (++this.depth > 50) this.failKind('unexpected');
      this.peeked = undefined;
      this.linebreak();
      const first = this.peek();
      let body: List = [];
      if (!(first.k === 'op' && first.v === ')')) {
        if (this.endsList(first, true)) this.fail(first, ')');
        body = this.parseList(true, false);
      }
      const t = this.peek();
      if (t.k !== 'op' || t.v !== ')') this.fail(t, ')');
      this.next();
      this.depth--;
      this.peeked = undefined;
      return { t: 'cmd', body, src: s.slice(start + 2, this.pos - 1) };
    }
    if (n === '{') {
      this.pos += 2;
      return this.readBraceParam();
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      let j = this.pos + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
      const name = s.slice(this.pos + 1, j);
      this.pos = j;
      return { t: 'param', name };
    }
    if (n !== undefined && /[0-9@*#?$!\-]/.test(n)) {
      this.pos += 2;
      return { t: 'param', name: n };
    }
    return undefined;
  }

  /** Text of `$((…))` up to the matching `))`; -1 when it is `$( (…) )`, -2 at end of file. */
  private findArithEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return this.src[i + 1] === ')' ? i : -1;
        depth--;
      }
    }
    return -2;
  }

  /** An arithmetic expression's text: parameters and substitutions expand, quotes are removed. */
  readArithWord(): WordPart[] {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick();
        if (p) {
          if (lit) parts.push({ t: 'sq', v: lit });
          lit = '';
          parts.push(p);
          continue;
        }
      }
      if (c !== '"' && c !== "'") lit += c;
      this.pos++;
    }
    if (lit) parts.push({ t: 'sq', v: lit });
    return parts;
  }

  private readBraceParam(): WordPart {
    const s = this.src;
    let name = '';
    let len = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && s[this.pos + 1] !== undefined) {
      len = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!\-])/.exec(s.slice(this.pos, this.pos + 256));
    if (!m) {
      if (this.pos >= s.length) this.failKind('missing-brace');
      this.failKind('bad-substitution');
    }
    name = m[1];
    this.pos += name.length;
    if (len) {
      if (s[this.pos] !== '}') {
        if (this.pos >= s.length) this.failKind('missing-brace');
        this.failKind('bad-substitution');
      }
      this.pos++;
      return { t: 'param', name, op: 'len' };
    }
    if (s[this.pos] === '}') {
      this.pos++;
      return { t: 'param', name };
    }
    if (this.pos >= s.length) this.failKind('missing-brace');
    let colon = false;
    if (s[this.pos] === ':') {
      colon = true;
      this.pos++;
    }
    let op: ParamOp | undefined;
    for (const o of ['##', '%%', '-', '=', '?', '+', '#', '%'] as ParamOp[]) {
      if (s.startsWith(o, this.pos)) {
        op = o;
        break;
      }
    }
    if (!op || (colon && (op === '#' || op === '##' || op === '%' || op === '%%'))) {
      if (this.pos >= s.length) this.failKind('missing-brace');
      this.failKind('bad-substitution');
    }
    this.pos += op.length;
    const start = this.pos;
    const parts = this.readDq('}');
    return { t: 'param', name, op, colon, arg: { parts, raw: s.slice(start, this.pos - 1) } };
  }

  private readBacktick(): WordPart {
    const s = this.src;
    let i = this.pos + 1;
    let inner = '';
    for (;;) {
      if (i >= s.length) {
        this.pos = s.length;
        this.failKind('eof-backquote');
      }
      const c = s[i];
      if (c === '`') break;
      if (c === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$')) {
        inner += s[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    const sub = new Parser(inner, { ...this.opts, line: this.line });
    const body = sub.parseAll();
    for (const ch of s.slice(this.pos, i)) if (ch === '\n') this.line++;
    this.pos = i + 1;
    return { t: 'cmd', body, src: inner };
  }

  // ---- grammar -------------------------------------------------------------------------

  private plainWord(t: Tok): string | undefined {
    if (t.k !== 'word' || t.fd !== undefined) return undefined;
    const p = t.w.parts;
    if (p.length === 1 && p[0].t === 'lit' && !p[0].quoted) return p[0].v;
    return undefined;
  }

  private isReserved(t: Tok, w: string): boolean {
    return this.plainWord(t) === w;
  }

  private linebreak(): void {
    while (this.peek().k === 'nl') this.next();
  }

  /** True when the token cannot start a command here (it ends the enclosing list). */
  private endsList(t: Tok, inParens: boolean): boolean {
    if (t.k === 'eof') return true;
    if (t.k === 'op') return t.v === ')' || t.v === ';;' || (inParens && t.v === ')');
    const w = this.plainWord(t);
    return w !== undefined && LIST_END.has(w);
  }

  /**
   * A list: and-or lists separated by `;`, `&` or (inside compounds) newlines. `top` lists
   * end at a newline. At least one command is required.
   */
  parseList(inParens: boolean, top: boolean): List {
    const items: ListItem[] = [];
    if (!top) this.linebreak();
    for (;;) {
      const t = this.peek();
      if (items.length > 0 && this.endsList(t, inParens)) break;
      if (items.length > 0 && t.k === 'nl') {
        if (top) break;
        this.linebreak();
        if (this.endsList(this.peek(), inParens)) break;
        continue;
      }
      const start = t.start;
      const andOr = this.parseAndOr();
      const sep = this.peek();
      let background = false;
      if (sep.k === 'op' && (sep.v === ';' || sep.v === '&')) {
        background = sep.v === '&';
        items.push({ andOr, background, src: this.src.slice(start, sep.start) });
        this.next();
        const after = this.peek();
        if (top && (after.k === 'nl' || after.k === 'eof')) break;
        if (!top && after.k === 'nl') this.linebreak();
        if (this.endsList(this.peek(), inParens)) break;
        continue;
      }
      items.push({ andOr, background, src: this.src.slice(start, sep.start) });
      if (sep.k === 'nl' && !top) {
        this.linebreak();
        if (this.endsList(this.peek(), inParens)) break;
        continue;
      }
      break;
    }
    return items;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '&&' || t.v === '||')) {
        this.next();
        this.linebreak();
        rest.push({ op: t.v as '&&' | '||', p: this.parsePipeline() });
      } else break;
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    if (this.isReserved(this.peek(), '!')) {
      this.next();
      negate = true;
    }
    const cmds: Command[] = [this.parseCommand()];
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && t.v === '|') {
        this.next();
        this.linebreak();
        cmds.push(this.parseCommand());
      } else break;
    }
    return { negate, cmds };
  }

  private parseCommand(): Command {
    const t = this.peek();
    const line = t.line;
    const w = this.plainWord(t);
    if (t.k === 'op' && t.v === '(') {
      this.next();
      const body = this.parseList(true, false);
      this.expectOp(')');
      return { t: 'subshell', body, redirs: this.parseRedirs(), line };
    }
    if (w !== undefined && RESERVED.has(w)) {
      switch (w) {
        case 'if':
          return this.parseIf(line);
        case 'while':
        case 'until':
          return this.parseLoop(w === 'until', line);
        case 'for':
          return this.parseFor(line);
        case 'case':
          return this.parseCase(line);
        case '{': {
          this.next();
          const body = this.parseList(false, false);
          this.expectWord('}');
          return { t: 'group', body, redirs: this.parseRedirs(), line };
        }
        default:
          this.fail(t);
      }
    }
    return this.parseSimple(line);
  }

  private expectOp(op: string): void {
    const t = this.peek();
    if (t.k !== 'op' || t.v !== op) this.fail(t, op);
    this.next();
  }

  private expectWord(w: string): void {
    const t = this.peek();
    if (!this.isReserved(t, w)) this.fail(t, w);
    this.next();
  }

  private parseIf(line: number): Command {
    this.next();
    const clauses: Array<{ cond: List; body: List }> = [];
    let cond = this.parseList(false, false);
    this.expectWord('then');
    let body = this.parseList(false, false);
    clauses.push({ cond, body });
    let elseBody: List | undefined;
    for (;;) {
      const t = this.peek();
      if (this.isReserved(t, 'elif')) {
        this.next();
        cond = this.parseList(false, false);
        this.expectWord('then');
        body = this.parseList(false, false);
        clauses.push({ cond, body });
      } else if (this.isReserved(t, 'else')) {
        this.next();
        elseBody = this.parseList(false, false);
        this.expectWord('fi');
        break;
      } else {
        this.expectWord('fi');
        break;
      }
    }
    return { t: 'if', clauses, elseBody, redirs: this.parseRedirs(), line };
  }

  private parseLoop(until: boolean, line: number): Command {
    this.next();
    const cond = this.parseList(false, false);
    this.expectWord('do');
    const body = this.parseList(false, false);
    this.expectWord('done');
    return { t: 'loop', until, cond, body, redirs: this.parseRedirs(), line };
  }

  private parseFor(line: number): Command {
    this.next();
    const nt = this.next();
    const name = this.plainWord(nt);
    if (!name || !NAME_RE.test(name)) {
      if (nt.k === 'eof') this.fail(nt);
      throw new ShellSyntaxError('unexpected', 'Bad for loop variable', undefined, nt.line, this.lineText());
    }
    let items: Word[] | undefined;
    this.linebreak();
    if (this.isReserved(this.peek(), 'in')) {
      this.next();
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.k === 'word' && t.fd === undefined) {
          this.next();
          items.push(t.w);
        } else break;
      }
      const sep = this.peek();
      if (sep.k === 'op' && sep.v === ';') this.next();
      else if (sep.k !== 'nl') this.fail(sep);
    } else {
      const sep = this.peek();
      if (sep.k === 'op' && sep.v === ';') this.next();
    }
    this.linebreak();
    const d = this.peek();
    if (!this.isReserved(d, 'do')) this.fail(d, d.k === 'eof' ? undefined : 'do');
    this.next();
    const body = this.parseList(false, false);
    this.expectWord('done');
    return { t: 'for', name, items, body, redirs: this.parseRedirs(), line };
  }

  private parseCase(line: number): Command {
    this.next();
    const wt = this.next();
    if (wt.k !== 'word') this.fail(wt);
    const word = wt.w;
    this.linebreak();
    this.expectWord('in');
    const items: Array<{ patterns: Word[]; body: List }> = [];
    for (;;) {
      this.linebreak();
      let t = this.peek();
      if (this.isReserved(t, 'esac')) {
        this.next();
        break;
      }
      if (t.k === 'op' && t.v === '(') {
        this.next();
        t = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        const p = this.peek();
        if (p.k !== 'word') this.fail(p, ')');
        this.next();
        patterns.push(p.w);
        const sep = this.peek();
        if (sep.k === 'op' && sep.v === '|') {
          this.next();
          continue;
        }
        break;
      }
      this.expectOp(')');
      this.linebreak();
      const nt = this.peek();
      let body: List = [];
      if (!(nt.k === 'op' && nt.v === ';;') && !this.isReserved(nt, 'esac')) body = this.parseList(false, false);
      items.push({ patterns, body });
      const end = this.peek();
      if (end.k === 'op' && end.v === ';;') {
        this.next();
        continue;
      }
      this.expectWord('esac');
      break;
    }
    return { t: 'case', word, items, redirs: this.parseRedirs(), line };
  }

  private parseRedirs(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (!r) return out;
      out.push(r);
    }
  }

  private tryRedir(): Redir | undefined {
    const t = this.peek();
    let fd: number | undefined;
    if (t.k === 'word' && t.fd !== undefined) {
      fd = t.fd;
      this.next();
    } else if (!(t.k === 'op' && (REDIR_OPS.has(t.v) || t.v === '<<' || t.v === '<<-' || t.v === '<<<'))) {
      return undefined;
    }
    const opTok = this.next();
    if (opTok.k !== 'op') this.fail(opTok);
    const op = opTok.v as Redir['op'];
    const target = this.peek();
    if (target.k === 'op' && !this.opts.bash && (REDIR_OPS.has(target.v) || target.v.startsWith('<<'))) {
      // dash and ash: `cat <<< x` is `<<` followed by a redirection.
      throw new ShellSyntaxError('redirection', undefined, undefined, target.line, this.lineText());
    }
    if (target.k !== 'word' || target.fd !== undefined) this.fail(target);
    this.next();
    const r: Redir = { fd: fd ?? (op === '<' || op === '<&' || op === '<>' || op === '<<' || op === '<<-' || op === '<<<' ? 0 : 1), op, target: target.w };
    if (op === '<<' || op === '<<-') {
      // The body is read from the lines after the current one (see readHeredocs).
      const quoted = target.w.parts.some((p) => p.t !== 'lit' || p.quoted);
      const delim = target.w.raw.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
      r.target = { parts: [], raw: delim };
      this.pendingHeredocs.push({ redir: r, delim, quoted, strip: op === '<<-', line: opTok.line });
    }
    return r;
  }

  private parseSimple(line: number): Command {
    const assigns: Array<{ name: string; value: Word }> = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.k !== 'word') break;
      if (words.length === 0) {
        const a = assignment(t.w);
        if (a) {
          this.next();
          assigns.push(a);
          continue;
        }
        const w = this.plainWord(t);
        if (w !== undefined && RESERVED.has(w) && w !== '{' && w !== '}' && w !== '!' && w !== 'in') this.fail(t);
      }
      this.next();
      words.push(t.w);
      // name() compound: a function definition.
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const n = this.peek();
        const name = this.plainWord(t);
        if (n.k === 'op' && n.v === '(') {
          if (!name || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) this.fail(n);
          this.next();
          this.expectOp(')');
          this.linebreak();
          const body = this.parseCommand();
          return { t: 'func', name, body, line };
        }
      }
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) this.fail(this.peek());
    const after = this.peek();
    if (after.k === 'op' && after.v === '(') this.fail(after);
    return { t: 'simple', assigns, words, redirs, line };
  }
}

/** `NAME=value` at the start of a simple command. */
function assignment(w: Word): { name: string; value: Word } | undefined {
  const first = w.parts[0];
  if (!first || first.t !== 'lit' || first.quoted) return undefined;
  const eq = first.v.indexOf('=');
  if (eq <= 0 || !NAME_RE.test(first.v.slice(0, eq))) return undefined;
  const rest: WordPart[] = [];
  const tail = first.v.slice(eq + 1);
  if (tail) rest.push({ t: 'lit', v: tail });
  rest.push(...w.parts.slice(1));
  return { name: first.v.slice(0, eq), value: { parts: rest, raw: w.raw.slice(eq + 1) } };
}
