/**
 * Builtins of dash / ash / bash (the subset scripts in containers use): `: true false echo
 * printf test [ cd pwd exit export unset set shift eval exec . source return break continue
 * read wait trap kill type command umask local readonly`.
 */
import type { Gen, Shell } from './interp';
import { BreakEx, ExitEx, ReturnEx, signalByName } from './interp';
import { backslashEscapes, formatPrintf } from '../tools/printf';
import { runTest } from '../tools/test';
import type { Signal } from '../../node/runtime/types';

export type Builtin = (sh: Shell, argv: string[]) => Gen<number>;

/** POSIX special builtins: their variable assignments persist. */
export const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);

const SIGNAMES: Array<[number, string]> = [[1, 'HUP'], [2, 'INT'], [3, 'QUIT'], [9, 'KILL'], [10, 'USR1'], [12, 'USR2'], [15, 'TERM']];

function normalizeDir(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function shQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

const echo: Builtin = function* (sh, argv) {
  let args = argv.slice(1);
  let newline = true;
  let escapes = sh.dialect.echoEscapes === 'always';
  if (sh.dialect.echoEscapes === 'always') {
    if (args[0] === '-n') {
      newline = false;
      args = args.slice(1);
    }
  } else {
    while (args.length && /^-[neE]+$/.test(args[0])) {
      for (const c of args[0].slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') escapes = true;
        else escapes = false;
      }
      args = args.slice(1);
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = backslashEscapes(text, true);
    text = r.text;
    if (r.stop) newline = false;
  }
  sh.write(1, newline ? `${text}\n` : text);
  return 0;
};

const printf: Builtin = function* (sh, argv) {
  if (argv.length < 2) {
    sh.write(2, sh.dialect.id === 'dash' ? `${sh.arg0}: ${sh.line}: printf: usage: printf format [arg ...]\n` : 'printf: usage: printf format [arguments]\n');
    return 2;
  }
  const r = formatPrintf(argv[1], argv.slice(2));
  sh.write(1, r.out);
  for (const e of r.errors) sh.write(2, `${sh.dialect.id === 'dash' ? `${sh.arg0}: ${sh.line}: ` : ''}${e}\n`);
  return r.errors.length ? 1 : 0;
};

const test = (bracket: boolean): Builtin =>
  function* (sh, argv) {
    const r = runTest(argv.slice(1), sh.ctx.fs, sh.ctx.cwd, bracket);
    if ('ok' in r) return r.ok ? 0 : 1;
    const name = bracket ? '[' : 'test';
    switch (r.error) {
      case 'badnumber':
        sh.write(2, sh.dialect.testBadNumber(sh.site(), r.arg));
        break;
      case 'missing]':
        sh.write(2, sh.dialect.id === 'dash' ? `${sh.arg0}: ${sh.line}: [: missing ]\n` : sh.dialect.id === 'ash' ? 'sh: missing ]\n' : `${sh.dialect.prefix(sh.site())}[: missing \`]'\n`);
        break;
      default:
        sh.write(2, sh.dialect.id === 'dash' ? `${sh.arg0}: ${sh.line}: ${name}: ${r.arg}: unexpected operator\n` : sh.dialect.id === 'ash' ? `sh: ${r.arg}: unknown operand\n` : `${sh.dialect.prefix(sh.site())}${name}: ${r.arg}: unary operator expected\n`);
    }
    return 2;
  };

const cd: Builtin = function* (sh, argv) {
  let target = argv[1];
  const home = sh.vars.get('HOME') ?? '/root';
  let print = false;
  if (target === undefined) target = home;
  if (target === '-') {
    target = sh.vars.get('OLDPWD') ?? sh.ctx.cwd;
    print = true;
  }
  const dir = normalizeDir(sh.ctx.cwd, target);
  if (!sh.ctx.fs.isDir(dir)) {
    sh.write(2, sh.dialect.builtin(sh.site(), 'cd', sh.dialect.cdFailed(target)));
    return sh.dialect.id === 'bash' ? 1 : 2;
  }
  sh.vars.set('OLDPWD', sh.ctx.cwd);
  sh.setVar('PWD', dir);
  if (print) sh.write(1, `${dir}\n`);
  return 0;
};

const exit: Builtin = function* (sh, argv) {
  let code = sh.status;
  if (argv[1] !== undefined) {
    if (!/^\d+$/.test(argv[1])) {
      sh.write(2, sh.dialect.builtin(sh.site(), 'exit', sh.dialect.illegalNumber('exit', argv[1])));
      throw new ExitEx(2);
    }
    code = Number(argv[1]) & 0xff;
  }
  throw new ExitEx(code);
};

const exportB = (readonly: boolean): Builtin =>
  function* (sh, argv) {
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (!args.length) {
      const names = [...(readonly ? sh.vars.keys() : sh.exported)].sort();
      for (const k of names) {
        const v = sh.vars.get(k);
        if (v === undefined) continue;
        sh.write(1, `${readonly ? 'readonly' : 'export'} ${k}=${shQuote(v)}\n`);
      }
      return 0;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        sh.write(2, sh.dialect.builtin(sh.site(), readonly ? 'readonly' : 'export', `${name}: bad variable name`));
        return 2;
      }
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      if (!readonly) sh.exported.add(name);
    }
    return 0;
  };

const unset: Builtin = function* (sh, argv) {
  for (const a of argv.slice(1)) {
    if (a === '-v' || a === '-f') continue;
    sh.vars.delete(a);
    sh.exported.delete(a);
    sh.funcs.delete(a);
  }
  return 0;
};

const set: Builtin = function* (sh, argv) {
  const args = argv.slice(1);
  if (!args.length) {
    for (const k of [...sh.vars.keys()].sort()) sh.write(1, `${k}=${shQuote(sh.vars.get(k) ?? '')}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const opt = args[++i];
      const on = a === '-o';
      if (opt === 'errexit') sh.opts.e = on;
      else if (opt === 'xtrace') sh.opts.x = on;
      else if (opt === 'nounset') sh.opts.u = on;
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      const on = a[0] === '-';
      for (const c of a.slice(1)) {
        if (c === 'e') sh.opts.e = on;
        else if (c === 'x') sh.opts.x = on;
        else if (c === 'u') sh.opts.u = on;
      }
      continue;
    }
    break;
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
};

const shift: Builtin = function* (sh, argv) {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > sh.positional.length) {
    if (sh.dialect.id === 'ash') return 1;
    sh.write(2, sh.dialect.builtin(sh.site(), 'shift', sh.dialect.id === 'dash' ? "can't shift that many" : `${argv[1] ?? n}: shift count out of range`));
    return sh.dialect.id === 'dash' ? 2 : 1;
  }
  sh.positional = sh.positional.slice(n);
  return 0;
};

const evalB: Builtin = function* (sh, argv) {
  return yield* sh.eval(argv.slice(1).join(' '));
};

const dot: Builtin = function* (sh, argv) {
  const file = argv[1];
  if (file === undefined) return 0;
  let path = file;
  if (!file.includes('/')) {
    for (const d of (sh.vars.get('PATH') ?? '').split(':')) {
      const p = `${d.replace(/\/$/, '')}/${file}`;
      if (sh.ctx.fs.exists(p) && !sh.ctx.fs.isDir(p)) {
        path = p;
        break;
      }
    }
  }
  const abs = path.startsWith('/') ? path : `${sh.ctx.cwd.replace(/\/$/, '')}/${path}`;
  const text = sh.ctx.fs.read(abs);
  if (text === undefined) {
    if (sh.dialect.id === 'dash') sh.write(2, `${sh.arg0}: ${sh.line}: .: cannot open ${file}: No such file\n`);
    else if (sh.dialect.id === 'ash') sh.write(2, `${sh.arg0}: .: line 0: can't open '${file}': No such file or directory\n`);
    else sh.write(2, `${sh.dialect.prefix(sh.site())}${file}: No such file or directory\n`);
    throw new ExitEx(sh.dialect.id === 'bash' ? 1 : 2);
  }
  const saved = sh.positional;
  if (argv.length > 2) sh.positional = argv.slice(2);
  try {
    return yield* sh.eval(text);
  } catch (e) {
    if (e instanceof ReturnEx) return e.code;
    throw e;
  } finally {
    if (argv.length > 2) sh.positional = saved;
  }
};

const exec: Builtin = function* (sh, argv) {
  const args = argv.slice(1);
  if (!args.length) return 0;
  const found = sh.ctx.sys?.which(args[0], sh.vars.get('PATH'));
  if (found === undefined || typeof found !== 'string') {
    const why = found ? 'Permission denied' : 'not found';
    sh.write(2, sh.dialect.builtin(sh.site(), 'exec', `${args[0]}: ${why}`));
    throw new ExitEx(found ? 126 : 127);
  }
  yield { kind: 'exec', argv: args, env: sh.childEnv() };
  sh.write(2, sh.dialect.builtin(sh.site(), 'exec', `${args[0]}: not found`));
  throw new ExitEx(127);
};

const loopCtl = (cont: boolean): Builtin =>
  function* (sh, argv) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (sh.loopDepth === 0) return 0;
    throw new BreakEx(Math.max(1, Math.min(Number.isFinite(n) ? n : 1, sh.loopDepth)), cont);
  };

const ret: Builtin = function* (sh, argv) {
  const code = argv[1] === undefined ? sh.status : Number(argv[1]) & 0xff;
  if (sh.funcDepth === 0) throw new ExitEx(code);
  throw new ReturnEx(code);
};

const read: Builtin = function* (sh, argv) {
  let raw = false;
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-r') raw = true;
    else if (args[i] === '-p') {
      sh.write(2, args[++i] ?? '');
    } else names.push(args[i]);
  }
  if (!names.length) names.push('REPLY');
  const st = sh.stdin;
  if (st.pos >= st.text.length) {
    for (const n of names) sh.setVar(n, '');
    return 1;
  }
  let line = '';
  let eof = true;
  while (st.pos < st.text.length) {
    const c = st.text[st.pos++];
    if (!raw && c === '\\' && st.pos < st.text.length) {
      const n = st.text[st.pos++];
      if (n !== '\n') line += n;
      continue;
    }
    if (c === '\n') {
      eof = false;
      break;
    }
    line += c;
  }
  const ifs = sh.vars.get('IFS') ?? ' \t\n';
  const ws = (c: string) => ifs.includes(c) && ' \t\n'.includes(c);
  let rest = line;
  const trimLead = () => {
    let i = 0;
    while (i < rest.length && ws(rest[i])) i++;
    rest = rest.slice(i);
  };
  trimLead();
  for (let i = 0; i < names.length; i++) {
    if (i === names.length - 1) {
      let end = rest.length;
      while (end > 0 && ws(rest[end - 1])) end--;
      sh.setVar(names[i], rest.slice(0, end));
      break;
    }
    let j = 0;
    while (j < rest.length && !ifs.includes(rest[j])) j++;
    sh.setVar(names[i], rest.slice(0, j));
    rest = rest.slice(j + 1);
    trimLead();
  }
  return eof ? 1 : 0;
};

const wait: Builtin = function* (sh, argv) {
  const pids: number[] = [];
  for (const a of argv.slice(1)) {
    if (a.startsWith('%')) {
      const j = sh.findJob(a);
      if (typeof j === 'string') {
        sh.write(2, sh.dialect.builtin(sh.site(), 'wait', j));
        return 127;
      }
      pids.push(j.pid);
    } else if (Number.isInteger(Number(a))) pids.push(Number(a));
  }
  const code = yield* sh.waitChildren(pids.length ? pids : undefined);
  // a job waited for is reported by wait itself, not again before the prompt
  for (const j of sh.jobs) if (j.exit.settled && (!pids.length || pids.includes(j.pid))) j.notified = true;
  return code;
};

/** `jobs [-l|-p] [JOBSPEC…]`: the job table; an ended job shown here is not announced again. */
const jobsB: Builtin = function* (sh, argv) {
  let args = argv.slice(1);
  let mode: 'l' | 'p' | '' = '';
  while (args[0] === '-l' || args[0] === '-p') {
    mode = args[0] === '-l' ? 'l' : 'p';
    args = args.slice(1);
  }
  let list = [...sh.jobs].sort((a, b) => a.n - b.n);
  let status = 0;
  if (args.length) {
    const picked = [];
    for (const a of args) {
      const j = sh.findJob(a);
      if (typeof j === 'string') {
        sh.write(2, sh.dialect.builtin(sh.site(), 'jobs', j));
        status = 1;
      } else picked.push(j);
    }
    list = picked;
  }
  for (const j of list) {
    sh.write(1, mode === 'p' ? `${j.pid}\n` : sh.jobLine(j, mode === 'l'));
    if (j.exit.settled) j.notified = true;
  }
  sh.jobs = sh.jobs.filter((j) => !(j.exit.settled && j.notified));
  return status;
};

/** `fg [JOBSPEC]`: the job's command, then the shell waits for it as for a foreground one. */
const fgB: Builtin = function* (sh, argv) {
  const j = sh.findJob(argv[1] ?? '%+');
  if (typeof j === 'string') {
    sh.write(2, sh.dialect.builtin(sh.site(), 'fg', j));
    return 1;
  }
  sh.write(1, `${j.cmd}\n`);
  sh.jobs = sh.jobs.filter((x) => x !== j);
  const saved = sh.job.fg;
  sh.job.fg = j.pid;
  try {
    return yield* sh.waitChildren([j.pid]);
  } finally {
    sh.job.fg = saved;
  }
};

/** `bg [JOBSPEC]`: nothing is ever stopped here, so a job is always already in the background. */
const bgB: Builtin = function* (sh, argv) {
  const j = sh.findJob(argv[1] ?? '%+');
  sh.write(2, sh.dialect.builtin(sh.site(), 'bg', typeof j === 'string' ? j : `job ${j.n} already in background`));
  return typeof j === 'string' ? 1 : 0;
};

/** `disown [JOBSPEC]`: the job leaves the table (it keeps running, unannounced). */
const disownB: Builtin = function* (sh, argv) {
  const j = sh.findJob(argv[1] ?? '%+');
  if (typeof j === 'string') {
    sh.write(2, sh.dialect.builtin(sh.site(), 'disown', j));
    return 1;
  }
  sh.jobs = sh.jobs.filter((x) => x !== j);
  return 0;
};

const trap: Builtin = function* (sh, argv) {
  const args = argv.slice(1);
  if (!args.length) {
    for (const [sig, action] of sh.traps) sh.write(1, `trap -- ${shQuote(action)} ${sig}\n`);
    return 0;
  }
  let action: string | undefined = args[0];
  let sigs = args.slice(1);
  if (/^\d+$/.test(args[0]) || (args.length === 1 && args[0] !== '-')) {
    action = undefined;
    sigs = args;
  } else if (args[0] === '-') action = undefined;
  for (const s of sigs) {
    const name = s === '0' || s.toUpperCase() === 'EXIT' ? 'EXIT' : signalByName(s)?.replace(/^SIG/, '');
    if (!name) {
      sh.write(2, sh.dialect.builtin(sh.site(), 'trap', `${s}: bad trap`));
      return 1;
    }
    if (action === undefined) {
      sh.traps.delete(name);
      continue;
    }
    sh.traps.set(name, action);
    if (name !== 'EXIT') {
      const sig = `SIG${name}` as Signal;
      sh.ctx.onSignal(sig, () => {
        if (sh.traps.get(name) !== '') sh.pending.push(sig);
      });
    }
  }
  return 0;
};

const kill: Builtin = function* (sh, argv) {
  let args = argv.slice(1);
  let sig: Signal = 'SIGTERM';
  if (args[0] === '-l') {
    sh.write(1, `${SIGNAMES.map(([, n]) => n).join(' ')}\n`);
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const s = signalByName(args[1] ?? '');
    if (!s) {
      sh.write(2, sh.dialect.builtin(sh.site(), 'kill', `invalid signal number or name: ${args[1] ?? ''}`));
      return 2;
    }
    sig = s;
    args = args.slice(2);
  } else if (args[0] && /^-\w+$/.test(args[0])) {
    const s = signalByName(args[0].slice(1));
    if (!s) {
      sh.write(2, sh.dialect.builtin(sh.site(), 'kill', `invalid signal number or name: ${args[0].slice(1)}`));
      return 2;
    }
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    if (sh.dialect.id === 'ash') sh.write(2, 'sh: you need to specify whom to kill\n');
    else if (sh.dialect.id === 'dash') sh.write(2, `${sh.arg0}: ${sh.line}: kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n`);
    else sh.write(2, `${sh.dialect.prefix(sh.site())}kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
    return sh.dialect.id === 'dash' ? 2 : 1;
  }
  let status = 0;
  let jobKilled = false;
  for (let a of args) {
    if (a.startsWith('%')) {
      const j = sh.findJob(a);
      if (typeof j === 'string') {
        sh.write(2, sh.dialect.builtin(sh.site(), 'kill', j));
        status = 1;
        continue;
      }
      a = String(j.pid);
      jobKilled = true;
    }
    const pid = Number(a);
    if (!/^-?\d+$/.test(a)) {
      sh.write(2, sh.dialect.builtin(sh.site(), 'kill', sh.dialect.id === 'bash' ? `${a}: arguments must be process or job IDs` : `invalid process id`));
      status = 1;
      continue;
    }
    const r = sh.ctx.sys ? sh.ctx.sys.kill(pid, sig) : 'ESRCH';
    if (r === 'ESRCH') {
      sh.write(2, sh.dialect.killNoSuchProcess(sh.site(), a));
      status = 1;
    }
  }
  // the signal lands before the shell prints its next prompt (its SIGCHLD, then the job's notice)
  if (jobKilled) yield { kind: 'sleep', ms: 0 };
  return status;
};

/** sh_single_quote: `'it'\''s'`. */
const singleQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;

/** `alias [NAME[=VALUE]…]` (bash prints `alias NAME='VALUE'`, ash and dash `NAME='VALUE'`). */
const aliasB: Builtin = function* (sh, argv) {
  const show = (n: string) => sh.write(1, `${sh.dialect.id === 'bash' ? 'alias ' : ''}${n}=${singleQuote(sh.aliases.get(n) ?? '')}\n`);
  let args = argv.slice(1);
  if (args[0] === '-p') args = args.slice(1);
  if (args.length === 0) {
    for (const n of [...sh.aliases.keys()].sort()) show(n);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (sh.aliases.has(a)) show(a);
    else {
      sh.write(2, sh.dialect.builtin(sh.site(), 'alias', sh.dialect.id === 'bash' ? `${a}: not found` : `${a} not found`));
      status = 1;
    }
  }
  return status;
};

const unaliasB: Builtin = function* (sh, argv) {
  const args = argv.slice(1);
  if (args[0] === '-a') {
    sh.aliases.clear();
    return 0;
  }
  if (args.length === 0) {
    if (sh.dialect.id === 'bash') sh.write(2, `${sh.dialect.prefix(sh.site())}unalias: usage: unalias [-a] name [name ...]\n`);
    return sh.dialect.id === 'bash' ? 2 : 0;
  }
  let status = 0;
  for (const a of args) {
    if (sh.aliases.delete(a)) continue;
    sh.write(2, sh.dialect.builtin(sh.site(), 'unalias', sh.dialect.id === 'bash' ? `${a}: not found` : `${a} not found`));
    status = 1;
  }
  return status;
};

const typeB = (mode: 'type' | 'command'): Builtin =>
  function* (sh, argv) {
    const args = argv.slice(1);
    if (mode === 'command') {
      if (args[0] === '-v' || args[0] === '-V') {
        const verbose = args[0] === '-V';
        let status = 0;
        for (const n of args.slice(1)) {
          if (sh.funcs.has(n) || BUILTINS[n]) sh.write(1, verbose ? `${n} is a shell builtin\n` : `${n}\n`);
          else {
            const f = sh.ctx.sys?.which(n, sh.vars.get('PATH'));
            if (typeof f === 'string') sh.write(1, verbose ? `${n} is ${f}\n` : `${f}\n`);
            else status = 1;
          }
        }
        return status;
      }
      if (!args.length) return 0;
      const b = BUILTINS[args[0]];
      if (b) return yield* b(sh, args);
      return yield* sh.runExternal(args, new Map(), false);
    }
    let status = 0;
    for (const n of args) {
      if (sh.aliases.has(n) && sh.interactive) sh.write(1, sh.dialect.id === 'bash' ? `${n} is aliased to \`${sh.aliases.get(n)}'\n` : `${n} is an alias for ${sh.aliases.get(n)}\n`);
      else if (sh.funcs.has(n)) sh.write(1, `${n} is a shell function\n`);
      else if (BUILTINS[n]) sh.write(1, `${n} is a shell ${SPECIAL_BUILTINS.has(n) && sh.dialect.id === 'dash' ? 'special ' : ''}builtin\n`);
      else {
        const f = sh.ctx.sys?.which(n, sh.vars.get('PATH'));
        if (typeof f === 'string') sh.write(1, `${n} is ${f}\n`);
        else {
          sh.write(sh.dialect.id === 'bash' ? 2 : 1, sh.dialect.id === 'bash' ? `${sh.dialect.prefix(sh.site())}type: ${n}: not found\n` : `${n}: not found\n`);
          status = sh.dialect.id === 'bash' ? 1 : 127;
        }
      }
    }
    return status;
  };

const pwd: Builtin = function* (sh) {
  sh.write(1, `${sh.ctx.cwd}\n`);
  return 0;
};

const local: Builtin = function* (sh, argv) {
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq >= 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1));
    else if (!sh.vars.has(a)) sh.setVar(a, '');
  }
  return 0;
};

export const BUILTINS: Record<string, Builtin> = {
  alias: aliasB,
  unalias: unaliasB,
  jobs: jobsB,
  fg: fgB,
  bg: bgB,
  disown: disownB,
  ':': function* () {
    return 0;
  },
  true: function* () {
    return 0;
  },
  false: function* () {
    return 1;
  },
  echo,
  printf,
  test: test(false),
  '[': test(true),
  cd,
  pwd,
  exit,
  export: exportB(false),
  readonly: exportB(true),
  unset,
  set,
  shift,
  eval: evalB,
  exec,
  '.': dot,
  source: dot,
  return: ret,
  break: loopCtl(false),
  continue: loopCtl(true),
  read,
  wait,
  trap,
  kill,
  type: typeB('type'),
  command: typeB('command'),
  local,
  umask: function* (sh, argv) {
    if (argv.length < 2) sh.write(1, '0022\n');
    return 0;
  },
};
