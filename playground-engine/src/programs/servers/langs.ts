/**
 * The language runtimes of the tool images: python, node, go and java. They run the command
 * they are given and exit, as in a container: `python -c 'print(1)'`, `python -m http.server`,
 * `node -e 'console.log(1)'`, `go version`, `java -version`, and with no program and no
 * terminal they read an empty standard input and exit 0 (why `kubectl run --image=python`
 * ends in CrashLoopBackOff).
 *
 * The interpreters are deliberately tiny: literals, arithmetic, comparisons, variables,
 * print()/console.log(), imports of the standard library, time.sleep, sys.exit/process.exit
 * and one-line `while True:` / `for … in range(…)` loops. For anything else they say, in one
 * line that names the simulator, what they cannot run (not a made-up interpreter error).
 * Python's NameError/ZeroDivisionError traceback and the version banners are the real texts.
 */
import type { Program, ProcessContext } from '../types';
import { execArgs, forever, type Gen } from './kit';
import { httpDate } from '../clock';
import { localCivil } from '../clock';
import { monthName, p2 } from '../tools/common';

// ---- a tiny expression language shared by the python and node interpreters ------------------------

type Val = number | string | boolean | null | undefined | Val[];

class Unsupported extends Error {}
class PyError extends Error {
  constructor(readonly kind: string, msg: string) {
    super(msg);
  }
}

type Tok = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'id'; v: string } | { k: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?/i.exec(src.slice(i));
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[j + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new Unsupported('unterminated string');
      out.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(\*\*|\/\/|===|!==|==|!=|<=|>=|&&|\|\||[-+*/%()<>,[\]!=])/.exec(src.slice(i));
    if (!op) throw new Unsupported(`unexpected ${ch}`);
    out.push({ k: 'op', v: op[0] });
    i += op[0].length;
  }
  return out;
}

type Lang = 'python' | 'node';

interface Scope {
  lang: Lang;
  vars: Map<string, Val>;
  env: Map<string, string>;
  hostname: string;
  /** Calls with side effects (print, sleep, exit) return through here. */
  call(name: string, args: Val[], kw: Map<string, Val>): Val | typeof NOT_A_CALL;
}

const NOT_A_CALL = Symbol('not a call');

function truthy(v: Val): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

function parseExpr(toks: Tok[], scope: Scope): Val {
  let pos = 0;
  const peek = () => toks[pos];
  const eat = (v?: string) => {
    const t = toks[pos];
    if (!t || (v !== undefined && t.v !== v)) throw new Unsupported(`expected ${v}`);
    pos++;
    return t;
  };
  const py = scope.lang === 'python';
  const binary = (ops: string[][], i: number): Val => {
    if (i === ops.length) return unary();
    let left = binary(ops, i + 1);
    for (;;) {
      const t = peek();
      const word = t?.k === 'id' && (t.v === 'and' || t.v === 'or') && py ? t.v : undefined;
      const op = t && (t.k === 'op' ? t.v : word);
      if (!op || !ops[i].includes(op)) return left;
      pos++;
      const right = binary(ops, i + 1);
      left = apply(op, left, right);
    }
  };
  const apply = (op: string, a: Val, b: Val): Val => {
    switch (op) {
      case '+':
        if (typeof a === 'string' || typeof b === 'string') {
          if (py && typeof a !== typeof b) throw new PyError('TypeError', `can only concatenate str (not "${pyType(typeof a === 'string' ? b : a)}") to str`);
          return show(a, scope.lang, false) + show(b, scope.lang, false);
        }
        if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
        return num(a) + num(b);
      case '-':
        return num(a) - num(b);
      case '*':
        if (typeof a === 'string' && typeof b === 'number') return a.repeat(Math.max(0, b));
        return num(a) * num(b);
      case '/':
        if (py && num(b) === 0) throw new PyError('ZeroDivisionError', 'division by zero');
        return num(a) / num(b);
      case '//':
        if (num(b) === 0) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
        return Math.floor(num(a) / num(b));
      case '%':
        if (py && num(b) === 0) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
        return py ? ((num(a) % num(b)) + num(b)) % num(b) : num(a) % num(b);
      case '**':
        return num(a) ** num(b);
      case '==':
      case '===':
        return JSON.stringify(a) === JSON.stringify(b);
      case '!=':
      case '!==':
        return JSON.stringify(a) !== JSON.stringify(b);
      case '<':
        return (a as number) < (b as number);
      case '>':
        return (a as number) > (b as number);
      case '<=':
        return (a as number) <= (b as number);
      case '>=':
        return (a as number) >= (b as number);
      case 'and':
      case '&&':
        return truthy(a) ? b : a;
      case 'or':
      case '||':
        return truthy(a) ? a : b;
      default:
        throw new Unsupported(op);
    }
  };
  const num = (v: Val): number => {
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (py) throw new PyError('TypeError', `unsupported operand type(s)`);
    return Number(v);
  };
  const unary = (): Val => {
    const t = peek();
    if (t?.k === 'op' && (t.v === '-' || t.v === '+')) {
      pos++;
      const v = unary();
      return t.v === '-' ? -num(v) : num(v);
    }
    if ((t?.k === 'op' && t.v === '!') || (py && t?.k === 'id' && t.v === 'not')) {
      pos++;
      return !truthy(unary());
    }
    return power();
  };
  const power = (): Val => {
    const base = primary();
    if (peek()?.v === '**') {
      pos++;
      return num(base) ** num(unary());
    }
    return base;
  };
  const args = (): { list: Val[]; kw: Map<string, Val> } => {
    eat('(');
    const list: Val[] = [];
    const kw = new Map<string, Val>();
    while (peek() && peek()!.v !== ')') {
      if (peek()!.k === 'id' && toks[pos + 1]?.v === '=' && py) {
        const k = eat().v as string;
        eat('=');
        kw.set(k, binary(OPS, 0));
      } else list.push(binary(OPS, 0));
      if (peek()?.v === ',') pos++;
      else break;
    }
    eat(')');
    return { list, kw };
  };
  const primary = (): Val => {
    const t = eat();
    if (t.k === 'num' || t.k === 'str') return t.v;
    if (t.k === 'op' && t.v === '(') {
      const v = binary(OPS, 0);
      eat(')');
      return v;
    }
    if (t.k === 'op' && t.v === '[') {
      const list: Val[] = [];
      while (peek() && peek()!.v !== ']') {
        list.push(binary(OPS, 0));
        if (peek()?.v === ',') pos++;
        else break;
      }
      eat(']');
      return list;
    }
    if (t.k !== 'id') throw new Unsupported(String(t.v));
    if (peek()?.v === '(') {
      const a = args();
      const r = scope.call(t.v, a.list, a.kw);
      if (r === NOT_A_CALL) throw new Unsupported(`${t.v}()`);
      return r as Val;
    }
    const consts: Record<string, Val> = py ? { True: true, False: false, None: null } : { true: true, false: false, null: null, undefined: undefined };
    if (t.v in consts) return consts[t.v];
    if (scope.vars.has(t.v)) return scope.vars.get(t.v)!;
    if (py) throw new PyError('NameError', `name '${t.v.split('.')[0]}' is not defined`);
    throw new Unsupported(t.v);
  };
  const OPS = [['or', '||'], ['and', '&&'], ['==', '!=', '===', '!==', '<', '>', '<=', '>='], ['+', '-'], ['*', '/', '//', '%']];
  const v = binary(OPS, 0);
  if (pos !== toks.length) throw new Unsupported('trailing tokens');
  return v;
}

function pyType(v: Val): string {
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : v === null ? 'NoneType' : 'list';
}

/** How print()/console.log show a value (`repr` inside lists). */
function show(v: Val, lang: Lang, nested: boolean): string {
  if (lang === 'python') {
    if (v === null || v === undefined) return 'None';
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (typeof v === 'string') return nested ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : v;
    if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) < 1e16 ? String(v) : Number.isFinite(v) ? (Number.isInteger(v) ? `${v}.0` : String(v)) : v > 0 ? 'inf' : '-inf';
    return `[${v.map((x) => show(x, lang, true)).join(', ')}]`;
  }
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return nested ? `'${v}'` : v;
  if (Array.isArray(v)) return v.length ? `[ ${v.map((x) => show(x, lang, true)).join(', ')} ]` : '[]';
  return String(v);
}

/** Split a program into statements: lines, and `;` outside strings and brackets. */
function statements(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += src[++i] ?? '';
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if ((ch === ';' || ch === '\n') && depth <= 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    if (ch === '#' && depth <= 0 && !cur.trim().startsWith('//')) {
      while (i < src.length && src[i] !== '\n') i++;
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.replace(/\s+$/, '')).filter((s) => s.trim());
}

const PY_STDLIB = new Set(['os', 'sys', 'time', 'socket', 'json', 'math', 'random', 're', 'datetime', 'subprocess', 'signal', 'platform', 'http', 'http.server', 'urllib', 'urllib.request', 'pathlib', 'logging', 'threading', 'collections', 'itertools', 'functools', 'string']);
const NODE_BUILTINS = new Set(['http', 'os', 'fs', 'path', 'net', 'util', 'child_process', 'crypto', 'url', 'events']);

interface RunResult {
  code: number;
}

type Exit = { exit: number };

/** Run a program of statements; side effects go through ctx. */
function* interpret(ctx: ProcessContext, lang: Lang, src: string, where: string): Gen<RunResult> {
  const py = lang === 'python';
  const vars = new Map<string, Val>();
  let exitCode: number | undefined;
  let sleepMs = 0;
  const out = (s: string) => ctx.write('stdout', s);
  const scope: Scope = {
    lang,
    vars,
    env: ctx.env,
    hostname: ctx.hostname,
    call(name, args, kw) {
      const a0 = args[0];
      switch (name) {
        case 'print':
          if (!py) return NOT_A_CALL;
          out(args.map((x) => show(x, lang, false)).join(kw.has('sep') ? String(kw.get('sep')) : ' ') + (kw.has('end') ? String(kw.get('end')) : '\n'));
          return null;
        case 'console.log':
        case 'console.info':
        case 'console.error':
        case 'console.warn':
          if (py) return NOT_A_CALL;
          ctx.write(name.endsWith('log') || name.endsWith('info') ? 'stdout' : 'stderr', `${args.map((x) => show(x, lang, false)).join(' ')}\n`);
          return undefined;
        case 'time.sleep':
          if (!py) return NOT_A_CALL;
          sleepMs += Math.max(0, Number(a0) * 1000);
          return null;
        case 'sys.exit':
        case 'exit':
        case 'quit':
        case 'process.exit':
          if (typeof a0 === 'string') {
            ctx.write('stderr', `${a0}\n`);
            exitCode = 1;
          } else exitCode = a0 === undefined || a0 === null ? 0 : Number(a0);
          return null;
        case 'len':
          return typeof a0 === 'string' || Array.isArray(a0) ? a0.length : NOT_A_CALL;
        case 'str':
        case 'String':
          return show(a0, lang, false);
        case 'int':
        case 'parseInt':
          return Math.trunc(Number(a0));
        case 'float':
        case 'Number':
          return Number(a0);
        case 'abs':
        case 'Math.abs':
          return Math.abs(Number(a0));
        case 'max':
        case 'Math.max':
          return Math.max(...(Array.isArray(a0) ? a0 : args).map(Number));
        case 'min':
        case 'Math.min':
          return Math.min(...(Array.isArray(a0) ? a0 : args).map(Number));
        case 'sum':
          return Array.isArray(a0) ? a0.reduce<number>((s, x) => s + Number(x), 0) : NOT_A_CALL;
        case 'range': {
          const [lo, hi] = args.length > 1 ? [Number(a0), Number(args[1])] : [0, Number(a0)];
          const r: Val[] = [];
          for (let i = lo; i < hi && r.length < 10_000; i++) r.push(i);
          return r;
        }
        case 'os.getenv':
        case 'os.environ.get':
          return ctx.env.get(String(a0)) ?? (args.length > 1 ? args[1] : null);
        case 'socket.gethostname':
        case 'os.hostname':
          return ctx.hostname;
        case 'platform.python_version':
          return py ? PYVER.get(ctx) ?? '' : NOT_A_CALL;
        default:
          return NOT_A_CALL;
      }
    },
  };
  const fail = (e: unknown, line: number): RunResult | undefined => {
    if (e instanceof PyError && py) {
      ctx.write('stderr', `Traceback (most recent call last):\n  File "${where}", line ${line}, in <module>\n${e.kind}: ${e.message}\n`);
      return { code: 1 };
    }
    // Not an interpreter's message: the simulator says what it cannot run.
    ctx.write('stderr', `${py ? 'python' : 'node'}: this simulated ${py ? 'Python' : 'Node.js'} runs only simple programs (print/console.log of expressions, variables, imports, sleep, exit, one-line loops); it cannot run: ${src.trim().split('\n')[0].slice(0, 120)}\n`);
    return { code: 1 };
  };
  const stmts = statements(src);
  for (let n = 0; n < stmts.length; n++) {
    const raw = stmts[n];
    const s = raw.trim();
    const line = src.slice(0, src.indexOf(raw)).split('\n').length;
    try {
      if (py && /^(import|from)\s/.test(s)) {
        const mods = s.startsWith('from') ? [/^from\s+([\w.]+)/.exec(s)?.[1] ?? ''] : s.replace(/^import\s+/, '').split(',').map((m) => m.trim().split(/\s+as\s+/)[0]);
        for (const m of mods) if (!PY_STDLIB.has(m) && !PY_STDLIB.has(m.split('.')[0])) throw new PyError('ModuleNotFoundError', `No module named '${m}'`);
        continue;
      }
      const req = /^(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"]([\w:/.]+)['"]\s*\)$/.exec(s);
      if (!py && req) {
        if (!NODE_BUILTINS.has(req[2].replace(/^node:/, ''))) throw new Unsupported(req[2]);
        continue;
      }
      const loop = py ? /^while\s+True\s*:\s*(.+)$/.exec(s) : /^while\s*\(\s*true\s*\)\s*\{?(.*?)\}?$/.exec(s);
      const forLoop = py ? /^for\s+(\w+)\s+in\s+(range\(.*\))\s*:\s*(.+)$/.exec(s) : undefined;
      if (loop || forLoop) {
        let body = loop ? loop[1] : forLoop![3];
        // A one-line loop body continues over the `;`-separated statements that follow it.
        const rest = stmts.slice(n + 1).join('; ');
        if (rest && py) body = `${body}; ${rest}`;
        n = stmts.length;
        const items = forLoop ? (parseExpr(tokenize(forLoop[2]), scope) as Val[]) : undefined;
        for (let i = 0; items ? i < items.length : i < 1_000_000; i++) {
          if (items) vars.set(forLoop![1], items[i]);
          const r = yield* interpret2(body);
          if (r) return r;
          if (exitCode !== undefined) return { code: exitCode };
          yield { kind: 'sleep', ms: Math.max(1, sleepMs) };
          sleepMs = 0;
        }
        continue;
      }
      const r = yield* interpret2(s);
      if (r) return r;
      if (exitCode !== undefined) return { code: exitCode };
    } catch (e) {
      return fail(e, line) ?? { code: 1 };
    }
  }
  return { code: 0 };

  function* interpret2(body: string): Gen<RunResult | undefined> {
    for (const st of statements(body).map((x) => x.trim())) {
      try {
        const asg = /^(?:(?:const|let|var)\s+)?([A-Za-z_]\w*)\s*=\s*([^=].*)$/.exec(st);
        if (asg) vars.set(asg[1], parseExpr(tokenize(asg[2]), scope));
        else parseExpr(tokenize(st), scope);
      } catch (e) {
        return fail(e, 1) ?? { code: 1 };
      }
      if (sleepMs) {
        yield { kind: 'sleep', ms: sleepMs };
        sleepMs = 0;
      }
      if (exitCode !== undefined) return { code: exitCode };
    }
    return undefined;
  }
}

const PYVER = new WeakMap<ProcessContext, string>();

// ---- python ---------------------------------------------------------------------------------

/** http.server's directory listing (SimpleHTTPRequestHandler.list_directory, HTML5 form; wording not verified for 3.11, which may still print the HTML 4.01 form). */
function listing(ctx: ProcessContext, dir: string, urlPath: string): string {
  const names = ctx.fs.list(dir) ?? [];
  const items = names
    .slice()
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
    .map((n) => {
      const full = `${dir.replace(/\/$/, '')}/${n}`;
      const isDir = ctx.fs.isDir(full);
      const link = ctx.fs.lstat?.(full)?.type === 'symlink';
      const display = isDir ? `${n}/` : link ? `${n}@` : n;
      return `<li><a href="${encodeURI(isDir ? `${n}/` : n)}">${display}</a></li>\n`;
    })
    .join('');
  const title = `Directory listing for ${urlPath}`;
  return `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<hr>\n<ul>\n${items}</ul>\n<hr>\n</body>\n</html>\n`;
}

function pyLogTime(ms: number): string {
  const c = localCivil(ms, 0);
  return `${p2(c.day)}/${monthName(c.month)}/${c.year} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}`;
}

function* pythonHttpServer(ctx: ProcessContext, version: string, args: string[]): Gen {
  const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 8000);
  const bi = args.findIndex((a) => a === '-b' || a === '--bind');
  const bind = bi >= 0 ? args[bi + 1] : '0.0.0.0';
  const di = args.findIndex((a) => a === '-d' || a === '--directory');
  const root = di >= 0 ? args[di + 1] : ctx.cwd;
  const l = ctx.net?.listen({
    port,
    address: bind === '0.0.0.0' || bind === '::' ? undefined : bind,
    owner: 'python3',
    http: (req, reply) => {
      const path = decodeURIComponent(req.path.split('?')[0]);
      const full = `${root.replace(/\/$/, '')}${path}`;
      const log = (status: number, size: string) => ctx.write('stderr', `${req.srcIp} - - [${pyLogTime(ctx.now())}] "${req.method} ${req.path} ${req.version}" ${status} ${size}\n`);
      const base: Array<[string, string]> = [['Server', `SimpleHTTP/0.6 Python/${version}`], ['Date', httpDate(ctx.now())]];
      if (ctx.fs.isDir(full)) {
        const index = ctx.fs.read(`${full.replace(/\/$/, '')}/index.html`);
        const body = index ?? listing(ctx, full, path);
        log(200, '-');
        return reply({ status: 200, reason: 'OK', headers: [...base, ['Content-type', 'text/html; charset=utf-8'], ['Content-Length', String(body.length)]], body });
      }
      const content = ctx.fs.read(full);
      if (content === undefined) {
        const body = `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n`;
        ctx.write('stderr', `${req.srcIp} - - [${pyLogTime(ctx.now())}] code 404, message File not found\n`);
        log(404, '-');
        return reply({ status: 404, reason: 'File not found', headers: [...base, ['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8'], ['Content-Length', String(body.length)]], body });
      }
      log(200, '-');
      reply({ status: 200, reason: 'OK', headers: [...base, ['Content-type', /\.html?$/.test(full) ? 'text/html' : 'text/plain'], ['Content-Length', String(content.length)]], body: content });
    },
  });
  if (!l || 'error' in l) {
    ctx.write('stderr', `Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n  File "<frozen runpy>", line 88, in _run_code\nOSError: [Errno 98] Address already in use\n`);
    return 1;
  }
  ctx.write('stdout', `Serving HTTP on ${bind} port ${port} (http://${bind}:${port}/) ...\n`);
  ctx.onSignal('SIGINT', () => {
    ctx.write('stdout', '\nKeyboard interrupt received, exiting.\n');
    ctx.exit(0);
  });
  return yield* forever();
}

export function pythonProgram(version: string): Program {
  return function* python(ctx) {
    PYVER.set(ctx, version);
    const args = ctx.argv.slice(1);
    while (args[0] === '-u' || args[0] === '-q' || args[0] === '-B' || args[0] === '-i') args.shift();
    const a0 = args[0];
    if (a0 === '-V' || a0 === '--version') {
      ctx.write('stdout', `Python ${version}\n`);
      return 0;
    }
    let src: string;
    let where = '<string>';
    if (a0 === '-c') {
      if (args.length < 2) {
        ctx.write('stderr', 'Argument expected for the -c option\nusage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h\' for more information.\n');
        return 2;
      }
      src = args[1];
    } else if (a0 === '-m') {
      const mod = args[1];
      if (mod === 'http.server') return yield* pythonHttpServer(ctx, version, args.slice(2));
      if (mod === 'pip') return yield* execArgs(ctx, ['pip', ...args.slice(2)], ctx.argv[0], 1);
      if (!mod || !PY_STDLIB.has(mod)) {
        ctx.write('stderr', `${ctx.argv[0].split('/').pop()}: No module named ${mod ?? ''}\n`);
        return 1;
      }
      return 0;
    } else if (a0 && a0 !== '-' && !a0.startsWith('-')) {
      const path = a0.startsWith('/') ? a0 : `${ctx.cwd.replace(/\/$/, '')}/${a0}`;
      const text = ctx.fs.read(path);
      if (text === undefined) {
        ctx.write('stderr', `${ctx.argv[0].split('/').pop()}: can't open file '${path}': [Errno 2] No such file or directory\n`);
        return 2;
      }
      src = text;
      where = path;
    } else src = ctx.stdin;
    const r = yield* interpret(ctx, 'python', src, where);
    return r.code;
  };
}

export function pipProgram(version: string): Program {
  return function* pip(ctx) {
    const mm = version.split('.').slice(0, 2).join('.');
    if (ctx.argv[1] === '--version' || ctx.argv[1] === '-V') {
      ctx.write('stdout', `pip 22.3.1 from /usr/local/lib/python${mm}/site-packages/pip (python ${mm})\n`);
      return 0;
    }
    if (ctx.argv[1] === 'list') {
      ctx.write('stdout', 'Package    Version\n---------- -------\npip        22.3.1\nsetuptools 65.5.1\nwheel      0.38.4\n');
      return 0;
    }
    // The simulated cluster has no route to a package index.
    ctx.write('stdout', "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f2b1c0d5a50>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/\n");
    yield { kind: 'sleep', ms: 5000 };
    ctx.write('stderr', `ERROR: Could not find a version that satisfies the requirement ${ctx.argv.slice(2).find((a) => !a.startsWith('-')) ?? ''} (from versions: none)\nERROR: No matching distribution found for ${ctx.argv.slice(2).find((a) => !a.startsWith('-')) ?? ''}\n`);
    return 1;
  };
}

// ---- node ------------------------------------------------------------------------------------

export function nodeEntrypointProgram(): Program {
  return function* entrypoint(ctx) {
    let args = ctx.argv.slice(1);
    const first = args[0] ?? '';
    const found = first ? ctx.sys?.which(first, ctx.env.get('PATH')) : undefined;
    const isFile = first && ctx.fs.exists(first.startsWith('/') ? first : `${ctx.cwd.replace(/\/$/, '')}/${first}`);
    if (first.startsWith('-') || typeof found !== 'string' || (isFile && !(ctx.fs.stat?.(first)?.mode ?? 0o644 & 0o111))) args = ['node', ...args];
    return yield* execArgs(ctx, args, ctx.argv[0], 8);
  };
}

function* nodeHttpServer(ctx: ProcessContext, src: string): Gen<number | undefined> {
  const m = /createServer\(\s*(?:function\s*\(\s*\w+\s*,\s*(\w+)\s*\)|\(\s*\w+\s*,\s*(\w+)\s*\)\s*=>)\s*\{?\s*(?:\w+\.writeHead\((\d+)[^)]*\)\s*;?\s*)?\w+\.end\(\s*(['"`])(.*?)\4\s*\)\s*;?\s*\}?\s*\)\s*\.listen\(\s*(\d+)/s.exec(src);
  if (!m) return undefined;
  const status = Number(m[3] ?? 200);
  const body = m[5];
  const ok = ctx.net?.listen({
    port: Number(m[6]),
    owner: 'node',
    http: (_req, reply) => reply({ status, reason: status === 200 ? 'OK' : '', headers: [['Date', httpDate(ctx.now())], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5'], ['Content-Length', String(body.length)]], body }),
  });
  if (!ok || 'error' in ok) {
    ctx.write('stderr', `node:events:491\n      throw er; // Unhandled 'error' event\n      ^\n\nError: listen EADDRINUSE: address already in use :::${m[6]}\n`);
    return 1;
  }
  return yield* forever();
}

export function nodeProgram(version: string): Program {
  return function* node(ctx) {
    const args = ctx.argv.slice(1);
    const a0 = args[0];
    if (a0 === '-v' || a0 === '--version') {
      ctx.write('stdout', `v${version}\n`);
      return 0;
    }
    let src: string;
    let print = false;
    if (a0 === '-e' || a0 === '--eval' || a0 === '-p' || a0 === '--print') {
      print = a0 === '-p' || a0 === '--print';
      src = args[1] ?? '';
    } else if (a0 && !a0.startsWith('-')) {
      const path = a0.startsWith('/') ? a0 : `${ctx.cwd.replace(/\/$/, '')}/${a0}`;
      const text = ctx.fs.read(path) ?? ctx.fs.read(`${path}.js`);
      if (text === undefined) {
        // wording from memory (Node 19 CJS loader)
        ctx.write('stderr', `node:internal/modules/cjs/loader:1042\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1039:15)\n    at Module._load (node:internal/modules/cjs/loader:885:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:81:12)\n    at node:internal/main/run_main_module:23:47 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${version}\n`);
        return 1;
      }
      src = text;
    } else src = ctx.stdin;
    const server = yield* nodeHttpServer(ctx, src);
    if (server !== undefined) return server;
    if (print) {
      try {
        ctx.write('stdout', `${show(parseExpr(tokenize(src), { lang: 'node', vars: new Map(), env: ctx.env, hostname: ctx.hostname, call: () => NOT_A_CALL }), 'node', false)}\n`);
        return 0;
      } catch {
        /* fall through to the interpreter's message */
      }
    }
    const r = yield* interpret(ctx, 'node', src.replace(/^\s*["']use strict["'];?/, ''), '[eval]');
    return r.code;
  };
}

export function npmProgram(version: string): Program {
  const npm = version.startsWith('19') ? '8.19.3' : version.startsWith('18') ? '8.19.2' : '8.19.2';
  return function* npmP(ctx) {
    if (ctx.argv[1] === '-v' || ctx.argv[1] === '--version') {
      ctx.write('stdout', `${npm}\n`);
      return 0;
    }
    ctx.write('stderr', `npm ERR! code EAI_AGAIN\nnpm ERR! syscall getaddrinfo\nnpm ERR! errno EAI_AGAIN\nnpm ERR! request to https://registry.npmjs.org/ failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org\n`);
    return 1;
  };
}

// ---- go ----------------------------------------------------------------------------------------

export function goProgram(version: string): Program {
  return function* go(ctx) {
    const [cmd, ...rest] = ctx.argv.slice(1);
    switch (cmd) {
      case 'version':
        ctx.write('stdout', `go version go${version} linux/amd64\n`);
        return 0;
      case 'env':
        if (rest.length) {
          const known: Record<string, string> = { GOPATH: '/go', GOROOT: '/usr/local/go', GOOS: 'linux', GOARCH: 'amd64', GOVERSION: `go${version}`, GOCACHE: `${ctx.env.get('HOME') ?? '/root'}/.cache/go-build`, CGO_ENABLED: '1' };
          ctx.write('stdout', rest.map((k) => `${known[k] ?? ''}\n`).join(''));
        } else ctx.write('stdout', `GOARCH="amd64"\nGOOS="linux"\nGOPATH="/go"\nGOROOT="/usr/local/go"\nGOVERSION="go${version}"\n`);
        return 0;
      case undefined:
        ctx.write('stderr', 'Go is a tool for managing Go source code.\n\nUsage:\n\n\tgo <command> [arguments]\n\n');
        return 2;
      default:
        // Not go's text: compiling is not simulated.
        ctx.write('stderr', `go: this simulated Go toolchain does not compile or run code ("go ${cmd}"); it answers go version and go env\n`);
        return 1;
    }
  };
}

// ---- java ---------------------------------------------------------------------------------------

/** `java -version` of the builds in the images (name: `temurin-17.0.5+8`, `openjdk-11.0.16`). Wording from memory. */
function javaVersion(build: string): string {
  const [vendor, v] = build.split('-') as [string, string];
  if (vendor === 'temurin') {
    if (v.startsWith('1.8.0_')) {
      const u = v.slice(6).split('-')[0];
      const b = v.split('-')[1];
      return `openjdk version "1.8.0_${u}"\nOpenJDK Runtime Environment (Temurin)(build 1.8.0_${u}-${b})\nOpenJDK 64-Bit Server VM (Temurin)(build 25.${u}-${b}, mixed mode)\n`;
    }
    const short = v.split('+')[0];
    const sharing = v.startsWith('11') ? 'mixed mode' : 'mixed mode, sharing';
    return `openjdk version "${short}" 2022-10-18\nOpenJDK Runtime Environment Temurin-${v} (build ${v})\nOpenJDK 64-Bit Server VM Temurin-${v} (build ${v}, ${sharing})\n`;
  }
  if (v === '17.0.2') return 'openjdk version "17.0.2" 2022-01-18\nOpenJDK Runtime Environment (build 17.0.2+8-86)\nOpenJDK 64-Bit Server VM (build 17.0.2+8-86, mixed mode, sharing)\n';
  if (v === '11.0.16') return 'openjdk version "11.0.16" 2022-07-19\nOpenJDK Runtime Environment 18.9 (build 11.0.16+8)\nOpenJDK 64-Bit Server VM 18.9 (build 11.0.16+8, mixed mode, sharing)\n';
  return `openjdk version "1.8.0_342"\nOpenJDK Runtime Environment (build 1.8.0_342-b07)\nOpenJDK 64-Bit Server VM (build 25.342-b07, mixed mode)\n`;
}

export function javaProgram(build: string): Program {
  const v = build.split('-')[1];
  const feature = v.startsWith('1.8') ? '1.8.0' : v.split('+')[0];
  return function* java(ctx) {
    const tool = (ctx.argv[0] ?? 'java').split('/').pop();
    const args = ctx.argv.slice(1);
    if (tool === 'javac') {
      if (args[0] === '-version' || args[0] === '--version') {
        ctx.write(v.startsWith('1.8') ? 'stderr' : 'stdout', `javac ${v.startsWith('1.8') ? `1.8.0_${v.slice(6).split('-')[0]}` : feature}\n`);
        return 0;
      }
      ctx.write('stderr', `javac: this simulated JDK does not compile code\n`);
      return 2;
    }
    if (tool === 'jshell') {
      ctx.write('stdout', `|  Welcome to JShell -- Version ${feature}\n|  For an introduction type: /help intro\n\n`);
      if (!ctx.stdin.trim()) return 0;
      ctx.write('stderr', 'jshell: this simulated JDK does not evaluate Java snippets\n');
      return 1;
    }
    if (args[0] === '-version') {
      ctx.write('stderr', javaVersion(build));
      return 0;
    }
    if (args[0] === '--version') {
      ctx.write('stdout', javaVersion(build).replace(/^openjdk version "([^"]+)"/, 'openjdk $1'));
      return 0;
    }
    if (args[0] === '-jar') {
      const jar = args[1] ?? '';
      const path = jar.startsWith('/') ? jar : `${ctx.cwd.replace(/\/$/, '')}/${jar}`;
      if (!jar || !ctx.fs.exists(path)) {
        ctx.write('stderr', `Error: Unable to access jarfile ${jar}\n`);
        return 1;
      }
      ctx.write('stderr', `java: this simulated JVM does not run ${jar}\n`);
      return 1;
    }
    const main = args.find((a) => !a.startsWith('-'));
    if (!main) {
      ctx.write('stderr', 'Usage: java [options] <mainclass> [args...]\n           (to execute a class)\n   or  java [options] -jar <jarfile> [args...]\n           (to execute a jar file)\n');
      return 1;
    }
    ctx.write('stderr', `Error: Could not find or load main class ${main}\nCaused by: java.lang.ClassNotFoundException: ${main}\n`);
    return 1;
  };
}
