/**
 * GNU `timeout` (coreutils timeout.c): run COMMAND, send it SIGNAL (TERM) after DURATION, and with
 * `-k` SIGKILL that much later; exit 124 when it timed out (`--preserve-status`: the command's own
 * status), 125 for timeout's own errors, 126/127 when the command cannot run, else the command's.
 */
import type { Program } from '../types';
import type { Signal } from '../../node/runtime/types';
import { SIGNAL_NUMBERS } from '../../node/runtime/types';
import { err } from './common';
import { q as quoteName } from './fileutils';
import { parseDuration } from './sysutils';

const TRY = "Try 'timeout --help' for more information.";

/**
 * getopt_long's value of an option that takes one: `-s X`, `-sX`, `--signal=X`, `--signal X`;
 * undefined when `args[i]` is not that option. `at`: the index of the last word it used.
 */
function optionValue(args: readonly string[], i: number, short: string, long: string): { value: string; at: number } | undefined {
  const a = args[i];
  if (a === `-${short}` || a === `--${long}`) return { value: args[i + 1] ?? '', at: i + 1 };
  if (a.startsWith(`--${long}=`)) return { value: a.slice(long.length + 3), at: i };
  if (a.startsWith(`-${short}`) && !a.startsWith('--')) return { value: a.slice(2), at: i };
  return undefined;
}

export function timeout(): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    let sig: Signal = 'SIGTERM';
    let killAfter: number | undefined;
    let preserve = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      const sigArg = optionValue(args, i, 's', 'signal');
      if (sigArg) {
        i = sigArg.at;
        const name = sigArg.value.toUpperCase().replace(/^SIG/, '');
        const byNum = Object.entries(SIGNAL_NUMBERS).find(([, n]) => String(n) === name)?.[0];
        const s = (byNum ?? `SIG${name}`) as Signal;
        if (!(s in SIGNAL_NUMBERS)) {
          err(ctx, `timeout: ${quoteName(ctx, sigArg.value)}: invalid signal\n${TRY}`);
          return 125;
        }
        sig = s;
        continue;
      }
      const killArg = optionValue(args, i, 'k', 'kill-after');
      if (killArg) {
        i = killArg.at;
        const ms = parseDuration(killArg.value);
        if (ms === undefined) {
          err(ctx, `timeout: invalid time interval ${quoteName(ctx, killArg.value)}\n${TRY}`);
          return 125;
        }
        killAfter = ms;
        continue;
      }
      if (a === '--preserve-status') preserve = true;
      else if (a === '--foreground') continue;
      else {
        err(ctx, a.startsWith('--') ? `timeout: unrecognized option '${a}'\n${TRY}` : `timeout: invalid option -- '${a[1]}'\n${TRY}`);
        return 125;
      }
    }
    const rest = args.slice(i);
    if (rest.length < 2) {
      err(ctx, `timeout: missing operand\n${TRY}`);
      return 125;
    }
    const ms = parseDuration(rest[0]);
    if (ms === undefined) {
      err(ctx, `timeout: invalid time interval ${quoteName(ctx, rest[0])}\n${TRY}`);
      return 125;
    }
    const sys = ctx.sys;
    if (!sys) return 125;
    const h = sys.start(rest.slice(1), { stdin: ctx.stdin, stdout: 'stdout', stderr: 'stderr' });
    if (!('pid' in h)) {
      const missing = h.error === 'ENOENT';
      err(ctx, `timeout: failed to run command ${quoteName(ctx, rest[1])}: ${missing ? 'No such file or directory' : 'Permission denied'}`);
      return missing ? 127 : 126;
    }
    const statusOf = (r: { exitCode: number }) => r.exitCode;
    if (Number.isFinite(ms) && ms > 0) yield { kind: 'await', future: h.exit, timeoutMs: ms };
    else yield { kind: 'await', future: h.exit };
    if (h.exit.settled) return statusOf(h.exit.value as { exitCode: number });
    sys.kill(h.pid, sig);
    if (killAfter !== undefined && killAfter > 0) {
      yield { kind: 'await', future: h.exit, timeoutMs: killAfter };
      if (!h.exit.settled) {
        sys.kill(h.pid, 'SIGKILL');
        yield { kind: 'await', future: h.exit };
        return preserve ? statusOf(h.exit.value as { exitCode: number }) : 137;
      }
    } else yield { kind: 'await', future: h.exit };
    // `-s KILL`: timeout.c sends the signal to its own process group too, so it dies of it: 128+9
    if (sig === 'SIGKILL') return 137;
    return preserve ? statusOf(h.exit.value as { exitCode: number }) : 124;
  };
}
