/**
 * Shell arithmetic `$(( … ))`: signed integers (64-bit in the real shells, JavaScript's safe
 * integers here), C operators and precedence, variables by name, assignment operators.
 */
export class ArithError {
  constructor(readonly what: 'syntax' | 'divzero') {}
}

export interface ArithEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '(', ')', '?', ':'];

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(s.slice(i));
    if (num) {
      const t = num[1];
      const v = /^0[xX]/.test(t) ? parseInt(t, 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
      if (Number.isNaN(v)) throw new ArithError('syntax');
      out.push({ k: 'num', v });
      i += t.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new ArithError('syntax');
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

export function evalArith(expr: string, env: ArithEnv): number {
  const toks = lex(expr);
  let i = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => toks[i]?.k === 'op' && toks[i].v === v;
  const toNum = (name: string): number => {
    const raw = env.get(name);
    if (raw === undefined || raw === '') return 0;
    const t = raw.trim();
    if (/^-?[0-9]+$/.test(t)) return parseInt(t, 10);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return toNum(t);
    throw new ArithError('syntax');
  };
  const trunc = (n: number) => (n < 0 ? Math.ceil(n) : Math.floor(n));

  const assign = (): number => {
    const t = peek();
    if (t?.k === 'name' && toks[i + 1]?.k === 'op' && /^(=|\+=|-=|\*=|\/=|%=|<<=|>>=|&=|\|=|\^=)$/.test(String(toks[i + 1].v))) {
      const op = String(toks[i + 1].v);
      i += 2;
      const rhs = assign();
      const cur = op === '=' ? 0 : toNum(t.v);
      let v: number;
      switch (op) {
        case '=': v = rhs; break;
        case '+=': v = cur + rhs; break;
        case '-=': v = cur - rhs; break;
        case '*=': v = cur * rhs; break;
        case '/=': if (rhs === 0) throw new ArithError('divzero'); v = trunc(cur / rhs); break;
        case '%=': if (rhs === 0) throw new ArithError('divzero'); v = cur % rhs; break;
        case '<<=': v = cur << rhs; break;
        case '>>=': v = cur >> rhs; break;
        case '&=': v = cur & rhs; break;
        case '|=': v = cur | rhs; break;
        default: v = cur ^ rhs;
      }
      env.set(t.v, String(v));
      return v;
    }
    return ternary();
  };
  const ternary = (): number => {
    const c = binary(0);
    if (isOp('?')) {
      i++;
      const a = assign();
      if (!isOp(':')) throw new ArithError('syntax');
      i++;
      const b = assign();
      return c ? a : b;
    }
    return c;
  };
  const LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): number => {
    if (level >= LEVELS.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t?.k !== 'op' || !LEVELS[level].includes(t.v)) return left;
      i++;
      const right = binary(level + 1);
      switch (t.v) {
        case '||': left = left || right ? 1 : 0; break;
        case '&&': left = left && right ? 1 : 0; break;
        case '|': left |= right; break;
        case '^': left ^= right; break;
        case '&': left &= right; break;
        case '==': left = left === right ? 1 : 0; break;
        case '!=': left = left !== right ? 1 : 0; break;
        case '<': left = left < right ? 1 : 0; break;
        case '<=': left = left <= right ? 1 : 0; break;
        case '>': left = left > right ? 1 : 0; break;
        case '>=': left = left >= right ? 1 : 0; break;
        case '<<': left <<= right; break;
        case '>>': left >>= right; break;
        case '+': left += right; break;
        case '-': left -= right; break;
        case '*': left *= right; break;
        case '/': if (right === 0) throw new ArithError('divzero'); left = trunc(left / right); break;
        default: if (right === 0) throw new ArithError('divzero'); left %= right;
      }
    }
  };
  const unary = (): number => {
    const t = peek();
    if (t?.k === 'op') {
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const v = unary();
        return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : ~v;
      }
      if (t.v === '(') {
        i++;
        const v = assign();
        if (!isOp(')')) throw new ArithError('syntax');
        i++;
        return v;
      }
      throw new ArithError('syntax');
    }
    if (!t) throw new ArithError('syntax');
    i++;
    return t.k === 'num' ? t.v : toNum(t.v);
  };

  if (toks.length === 0) return 0;
  const v = assign();
  if (i < toks.length) throw new ArithError('syntax');
  return v;
}
