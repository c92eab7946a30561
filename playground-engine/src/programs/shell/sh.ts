/**
 * The shell as a program: `sh -c 'cmd' [name [args…]]`, `sh script [args…]`, or a script on
 * standard input. One Program per dialect (`dash`, `ash`, `bash`); a login shell (`-bash`,
 * the reader's terminal) words its errors as an interactive bash does.
 */
import type { ProcessContext, Program } from '../types';
import type { Gen } from './interp';
import { dialectById, type DialectId } from './dialect';
import { ExitEx, BreakEx, ReturnEx, InterruptEx, Shell } from './interp';

export function shellProgram(id: DialectId): Program {
  const dialect = dialectById(id);
  return function* sh(ctx) {
    const argv = ctx.argv;
    const args = argv.slice(1);
    const flags = { c: false, e: false, x: false, u: false };
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (!/^[-+][a-zA-Z]+$/.test(a)) break;
      for (const ch of a.slice(1)) {
        if (ch === 'c') flags.c = true;
        else if (ch === 'e') flags.e = true;
        else if (ch === 'x') flags.x = true;
        else if (ch === 'u') flags.u = true;
      }
    }
    const rest = args.slice(i);
    const name0 = argv[0] ?? 'sh';
    const interactive = name0.startsWith('-');
    let script: string;
    let arg0 = name0;
    let positional: string[] = [];
    if (flags.c) {
      if (rest[0] === undefined) {
        ctx.write('stderr', id === 'dash' ? `${name0}: 0: -c requires an argument\n` : id === 'ash' ? `${name0}: -c requires an argument\n` : `${name0}: -c: option requires an argument\n`);
        return 2;
      }
      script = rest[0];
      if (rest.length > 1) {
        arg0 = rest[1];
        positional = rest.slice(2);
      }
    } else if (rest[0] !== undefined) {
      const path = rest[0].startsWith('/') ? rest[0] : `${ctx.cwd.replace(/\/$/, '')}/${rest[0]}`;
      const text = ctx.fs.read(path);
      if (text === undefined) {
        ctx.write('stderr', id === 'dash' ? `${name0}: 0: cannot open ${rest[0]}: No such file\n` : id === 'ash' ? `${name0}: can't open '${rest[0]}': No such file or directory\n` : `${name0}: ${rest[0]}: No such file or directory\n`);
        return id === 'dash' ? 2 : 127;
      }
      script = text;
      arg0 = rest[0];
      positional = rest.slice(1);
    } else {
      script = ctx.stdin;
    }
    if (!flags.c && rest[0] === undefined && ctx.readLine) return yield* repl(ctx, id, name0);
    const sh = new Shell(ctx, dialect, { arg0, positional, interactive, stdin: flags.c || rest[0] !== undefined ? ctx.stdin : '' });
    // a line of the reader's terminal starts where the earlier ones left the login shell
    if (ctx.session) sh.restoreSession(ctx.session);
    sh.opts.e = flags.e;
    sh.opts.x = flags.x || sh.opts.x;
    sh.opts.u = flags.u || sh.opts.u;
    let code: number;
    try {
      code = yield* sh.runScript(script);
    } catch (e) {
      if (e instanceof ExitEx || e instanceof InterruptEx) code = e.code;
      else if (e instanceof BreakEx || e instanceof ReturnEx) code = sh.status;
      else throw e;
    }
    if (ctx.session) {
      // bash reports the jobs that ended before it prints the next prompt
      yield* sh.notifyJobs();
      sh.saveSession(ctx.session, code);
    }
    return yield* sh.finish(code);
  };
}

/**
 * An interactive shell on a terminal (`kubectl exec -ti POD -- sh`): one line at a time as the
 * reader types it, the state (cwd, variables, functions) kept between lines, Ctrl-C back to the
 * prompt, `exit` or end of input (Ctrl-D) ends it. bash says `exit` as it leaves.
 */
function* repl(ctx: ProcessContext, id: DialectId, name0: string): Gen<number> {
  const sh = new Shell(ctx, dialectById(id), { arg0: name0, positional: [], interactive: true, stdin: '' });
  // bash as a login shell (argv[0] `-bash`, as sshd starts it) says `logout` as it leaves (builtins/exit.def).
  const bye = name0.startsWith('-') ? 'logout\n' : 'exit\n';
  for (;;) {
    const next = ctx.readLine!();
    let line: string | undefined;
    for (;;) {
      const v = next.settled ? next.value : yield { kind: 'await', future: next };
      // a signal (Ctrl-C at the prompt) interrupts the read: read again
      if (v === undefined || typeof v === 'string') {
        line = v as string | undefined;
        break;
      }
      if (next.settled) {
        line = next.value;
        break;
      }
    }
    sh.job.interrupted = false;
    sh.lineAliases = new Map(sh.aliases);
    if (line === undefined) {
      if (id === 'bash') ctx.write('stderr', bye);
      return yield* sh.finish(sh.status);
    }
    try {
      yield* sh.runScript(line);
    } catch (e) {
      if (e instanceof ExitEx) {
        if (id === 'bash') ctx.write('stderr', bye);
        return yield* sh.finish(e.code);
      }
      if (e instanceof InterruptEx) sh.status = e.code;
      else if (!(e instanceof BreakEx || e instanceof ReturnEx)) throw e;
    }
    yield* sh.notifyJobs();
  }
}
