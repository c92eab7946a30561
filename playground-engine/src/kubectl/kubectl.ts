/**
 * The kubectl command line: cobra's command lookup (Find/stripFlags: global flags may come
 * before the command, `kubectl -n kube-system get pods`), pflag parsing of the command's flags
 * plus the global ones, and kubectl's error printing:
 *   error: unknown command "gt" for "kubectl"\n\nDid you mean this?\n\tget\n   (cobra)
 *   error: unknown flag: --foo\nSee 'kubectl get --help' for usage.   (templater FlagErrorFunc)
 * Commands are generators; `makeKubectlProgram` runs them as a Program (exec awaits the host's
 * Future), `runKubectl` drives them directly for read-only views.
 */
import type { Effect, Future, Program } from '../programs/types';
import { KubectlError } from './errors';
import { type FlagSpec, parseFlags, str } from './flags';
import { GLOBAL_FLAGS } from './commands/common-flags';
import type { Command, CommandContext, KubectlIO } from './commands/context';
import { renderCommandHelp } from './commands/help';
import { ROOT_GROUPS, allCommands } from './commands/registry';
import type { KubectlHost } from './types';

/** cobra's ld (Levenshtein distance), case-insensitive as SuggestionsFor calls it. */
function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i][j] = d[i - 1][j - 1];
      else d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + 1);
    }
  }
  return d[s.length][t.length];
}

/** cobra SuggestionsFor with SuggestionsMinimumDistance 2. */
export function suggestionsFor(typed: string, commands: Command[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    if (c.name === 'help') continue;
    if (levenshtein(typed, c.name) <= 2 || c.name.toLowerCase().startsWith(typed.toLowerCase())) out.push(c.name);
  }
  return out;
}

function flagSpecsOf(cmd: Command): FlagSpec[] {
  const names = new Set(cmd.flags.map((f) => f.name));
  const shorts = new Set(cmd.flags.map((f) => f.shorthand).filter(Boolean));
  return [...cmd.flags, ...GLOBAL_FLAGS.filter((g) => !names.has(g.name) && !(g.shorthand && shorts.has(g.shorthand)))];
}

/** cobra stripFlags: the non-flag words, skipping the values of flags that take one. */
function stripFlags(args: readonly string[], specs: FlagSpec[]): string[] {
  const noOpt = (name: string) => {
    const s = specs.find((f) => f.name === name);
    return !!s && (s.type === 'bool' || s.noOptDefVal !== undefined);
  };
  const shortNoOpt = (c: string) => {
    const s = specs.find((f) => f.shorthand === c);
    return !!s && (s.type === 'bool' || s.noOptDefVal !== undefined);
  };
  const words: string[] = [];
  let rest = [...args];
  while (rest.length > 0) {
    const s = rest[0];
    rest = rest.slice(1);
    if (s === '--') break;
    if ((s.startsWith('--') && !s.includes('=') && !noOpt(s.slice(2))) || (s.startsWith('-') && !s.startsWith('--') && !s.includes('=') && s.length === 2 && !shortNoOpt(s.slice(1)))) {
      if (rest.length <= 1) break;
      rest = rest.slice(1);
      continue;
    }
    if (s !== '' && !s.startsWith('-')) words.push(s);
  }
  return words;
}

function findNext(cmds: Command[], name: string): Command | undefined {
  return cmds.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

/** cobra argsMinusFirstX: drop the first non-flag occurrence of the subcommand name. */
function argsMinusFirst(args: readonly string[], x: string, specs: FlagSpec[]): string[] {
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === '--') break;
    if (s.startsWith('-')) {
      const name = s.replace(/^-+/, '');
      const spec = s.startsWith('--') ? specs.find((f) => f.name === name) : specs.find((f) => f.shorthand === name);
      if (!s.includes('=') && spec && spec.type !== 'bool' && spec.noOptDefVal === undefined && (s.startsWith('--') || name.length === 1)) i++;
      continue;
    }
    if (s === x) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return [...args];
}

interface Found {
  cmd: Command | undefined;
  path: string;
  args: string[];
}

/** cobra Command.Find from the root. */
function findCommand(argv: readonly string[]): Found {
  const top = allCommands();
  const rootWords = stripFlags(argv, GLOBAL_FLAGS);
  if (rootWords.length === 0) return { cmd: undefined, path: 'kubectl', args: [...argv] };
  const first = findNext(top, rootWords[0]);
  if (!first) return { cmd: undefined, path: 'kubectl', args: [...argv] };
  let cmd: Command = first;
  let path = `kubectl ${cmd.name}`;
  let args = argsMinusFirst(argv, rootWords[0], GLOBAL_FLAGS);
  for (;;) {
    const subs: Command[] = cmd.subcommands ?? [];
    if (subs.length === 0) break;
    const words = stripFlags(args, flagSpecsOf(cmd));
    const next: Command | undefined = words.length > 0 ? findNext(subs, words[0]) : undefined;
    if (!next) break;
    args = argsMinusFirst(args, words[0], flagSpecsOf(cmd));
    cmd = next;
    path = `${path} ${next.name}`;
  }
  return { cmd, path, args };
}

function rootHelp(): string {
  let out = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  for (const [title, cmds] of ROOT_GROUPS) {
    out += `${title}:\n`;
    for (const [n, s] of cmds) out += `  ${n.padEnd(15)} ${s}\n`;
    out += '\n';
  }
  out += 'Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

type Run = Generator<Effect, number, unknown>;

/** One kubectl invocation as a generator (argv without the leading `kubectl`). */
export function* kubectlMain(argv: readonly string[], host: KubectlHost, io: KubectlIO, canWait: boolean): Run {
  const found = findCommand(argv);
  if (!found.cmd) {
    const words = stripFlags(argv, GLOBAL_FLAGS);
    if (words.length > 0) {
      const sugg = suggestionsFor(words[0], allCommands());
      let text = `error: unknown command "${words[0]}" for "kubectl"`;
      if (sugg.length > 0) text += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
      io.write('stderr', text.endsWith('\n') ? text : `${text}\n`);
      return 1;
    }
    const parsed = parseFlags(argv, GLOBAL_FLAGS);
    if (!parsed.ok) {
      io.write('stderr', `error: ${parsed.error}\nSee 'kubectl --help' for usage.\n`);
      return 1;
    }
    io.write('stdout', rootHelp());
    return 0;
  }
  const cmd = found.cmd;
  if (cmd.name === 'help' && found.path === 'kubectl help') {
    const target = findCommand(stripFlags(found.args, GLOBAL_FLAGS));
    io.write('stdout', target.cmd ? renderCommandHelp(target.cmd, target.path) : rootHelp());
    return 0;
  }
  const parsed = parseFlags(found.args, flagSpecsOf(cmd));
  if (!parsed.ok && cmd.unavailable && !found.args.includes('--help') && !found.args.includes('-h')) {
    io.write('stderr', `error: "${found.path}" is not available in this simulated cluster\n`);
    return 1;
  }
  if (!parsed.ok) {
    io.write('stderr', `error: ${parsed.error}\nSee '${found.path} --help' for usage.\n`);
    return 1;
  }
  if (parsed.flags.help) {
    io.write('stdout', renderCommandHelp(cmd, found.path));
    return 0;
  }
  const ns = str(parsed.flags, 'namespace');
  const c: CommandContext = {
    host,
    io,
    flags: parsed.flags,
    args: parsed.flags.args,
    argsLenAtDash: parsed.flags.argsLenAtDash,
    namespace: ns || 'default',
    namespaceExplicit: ns !== '',
    commandPath: found.path,
    canWait,
  };
  try {
    return yield* cmd.run(c);
  } catch (e) {
    if (e instanceof KubectlError) {
      if (e.text) io.write('stderr', e.text.endsWith('\n') ? e.text : `${e.text}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

/** kubectl as a program of the simulated hosts (`ctx.argv[0]` is `kubectl`). */
export function makeKubectlProgram(host: KubectlHost): Program {
  return function* kubectl(ctx) {
    const io: KubectlIO = {
      write: (stream, text) => ctx.write(stream, text),
      stdin: ctx.stdin,
      tty: ctx.tty,
      fs: ctx.fs,
      cwd: ctx.cwd,
      pid: ctx.pid,
      net: ctx.net,
      onSignal: (sig, handler) => ctx.onSignal(sig, () => handler()),
    };
    return yield* kubectlMain(ctx.argv.slice(1), host, io, true);
  };
}

/** A Future settled from the start (runKubectl's result once a wait resolved). */
class SettledLater<T> implements Future<T> {
  settled = false;
  value: T | undefined;
  private waiters: Array<(v: T) => void> = [];
  settle(v: T): void {
    this.settled = true;
    this.value = v;
    for (const w of this.waiters.splice(0)) w(v);
  }
  onSettle(cb: (v: T) => void): void {
    if (this.settled) cb(this.value as T);
    else this.waiters.push(cb);
  }
}

/**
 * Run kubectl outside a process (read-only views, tests). `argv` excludes `kubectl`. Returns
 * the exit code synchronously; only when a command must wait for something unsettled (an
 * exec's result) does it return a Future of the exit code. Sleeps (delete's wait) are skipped:
 * views do not advance time, and such commands see `canWait: false`.
 */
export function runKubectl(argv: readonly string[], host: KubectlHost, io: KubectlIO): number | Future<number> {
  const gen = kubectlMain(argv, host, io, false);
  const drive = (input: unknown): number | Future<number> => {
    let step = gen.next(input);
    for (;;) {
      if (step.done) return step.value;
      const eff = step.value;
      if (eff.kind === 'await') {
        if (eff.future.settled) {
          step = gen.next(eff.future.value);
          continue;
        }
        const result = new SettledLater<number>();
        eff.future.onSettle((v) => {
          const r = drive(v);
          if (typeof r === 'number') result.settle(r);
          else r.onSettle((x) => result.settle(x));
        });
        return result;
      }
      step = gen.next(undefined);
    }
  };
  return drive(undefined);
}
