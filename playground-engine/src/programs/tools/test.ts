/**
 * test(1) / `[`: the expression grammar POSIX gives (with `!`, `-a`, `-o`, parentheses) over
 * a filesystem. Errors come back as data so each shell or tool words them its own way.
 */
import type { FileSystem } from '../types';

export type TestResult = { ok: boolean } | { error: 'badnumber'; arg: string } | { error: 'missing]' } | { error: 'syntax'; arg: string };

export function runTest(argsIn: string[], fs: FileSystem, cwd: string, bracket: boolean): TestResult {
  let args = argsIn;
  if (bracket) {
    if (args[args.length - 1] !== ']') return { error: 'missing]' };
    args = args.slice(0, -1);
  }
  const abs = (p: string) => (p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`);
  let i = 0;
  class Bad {
    constructor(readonly r: TestResult) {}
  }
  const int = (s: string): number => {
    const t = s.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new Bad({ error: 'badnumber', arg: s });
    return parseInt(t, 10);
  };
  const unaryFile = (op: string, a: string): boolean => {
    const st = fs.stat?.(abs(a));
    const lst = fs.lstat?.(abs(a));
    switch (op) {
      case '-e': return fs.exists(abs(a));
      case '-f': return st ? st.type === 'file' : fs.exists(abs(a)) && !fs.isDir(abs(a));
      case '-d': return fs.isDir(abs(a));
      case '-s': return st ? st.size > 0 : (fs.read(abs(a)) ?? '').length > 0;
      case '-r': case '-w': return fs.exists(abs(a));
      case '-x': return st ? (st.mode & 0o111) !== 0 : false;
      case '-L': case '-h': return lst?.type === 'symlink';
      case '-b': case '-c': case '-p': case '-S': return false;
      default: return false;
    }
  };
  const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-n', '-z', '-t']);
  const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>']);
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new Bad({ error: 'syntax', arg: '' });
    if (a === '!' ) {
      i++;
      return !primary();
    }
    if (a === '(' && args.length - i >= 3) {
      i++;
      const v = orExpr();
      if (args[i] !== ')') throw new Bad({ error: 'syntax', arg: args[i] ?? '' });
      i++;
      return v;
    }
    if (BINARY.has(args[i + 1] ?? '') && i + 2 < args.length + 0 && args[i + 2] !== undefined) {
      const op = args[i + 1];
      const b = args[i + 2];
      i += 3;
      switch (op) {
        case '=': case '==': return a === b;
        case '!=': return a !== b;
        case '<': return a < b;
        case '>': return a > b;
        case '-eq': return int(a) === int(b);
        case '-ne': return int(a) !== int(b);
        case '-lt': return int(a) < int(b);
        case '-le': return int(a) <= int(b);
        case '-gt': return int(a) > int(b);
        default: return int(a) >= int(b);
      }
    }
    if (UNARY.has(a) && args[i + 1] !== undefined) {
      const b = args[i + 1];
      i += 2;
      if (a === '-n') return b.length > 0;
      if (a === '-z') return b.length === 0;
      if (a === '-t') return false;
      return unaryFile(a, b);
    }
    i++;
    return a.length > 0;
  };
  const andExpr = (): boolean => {
    let v = primary();
    while (args[i] === '-a') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = (): boolean => {
    let v = andExpr();
    while (args[i] === '-o') {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  try {
    if (args.length === 0) return { ok: false };
    const v = orExpr();
    if (i < args.length) return { error: 'syntax', arg: args[i] };
    return { ok: v };
  } catch (e) {
    if (e instanceof Bad) return e.r;
    throw e;
  }
}
