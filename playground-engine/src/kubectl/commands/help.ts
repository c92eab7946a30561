/**
 * `kubectl <command> --help`, shortened: kubectl's usage template (kubectl/pkg/util/templates)
 * with the description, the subcommands, the usage line and the footer. The Examples and
 * Options sections of the real help are left out.
 */
import { KubectlError, goQuote, usageError } from '../errors';
import { type Command, type CommandContext, err } from './context';

export function renderCommandHelp(cmd: Command, path: string): string {
  let out = `${(cmd.long ?? cmd.short).trimEnd()}\n\n`;
  const subs = cmd.subcommands ?? [];
  if (subs.length > 0) {
    const pad = Math.max(11, ...subs.map((s) => s.name.length));
    out += 'Available Commands:\n';
    for (const s of [...subs].sort((a, b) => (a.name < b.name ? -1 : 1))) out += `  ${s.name.padEnd(pad)} ${s.short}\n`;
    out += '\n';
  }
  const parent = path.split(' ').slice(0, -1).join(' ');
  let useLine = `${parent ? `${parent} ` : ''}${cmd.use}`.replace(' [flags]', ' [options]');
  if (cmd.flags.length > 0 && !useLine.includes('[options]')) useLine += ' [options]';
  out += `Usage:\n  ${useLine}\n\n`;
  if (subs.length > 0) out += `Use "${path} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

/**
 * cmdutil.DefaultSubCommandRun: a parent command run without a subcommand prints its help on
 * stderr and exits 1; with arguments, `error: unknown command ["x"]` (RequireNoArguments).
 */
export function* parentRun(c: CommandContext, cmd: Command): Generator<never, number, unknown> {
  if (c.args.length > 0) throw usageError(c.commandPath, `unknown command [${c.args.map(goQuote).join(' ')}]`);
  err(c, renderCommandHelp(cmd, c.commandPath));
  throw new KubectlError('');
}
