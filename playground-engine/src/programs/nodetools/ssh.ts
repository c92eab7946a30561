/**
 * `ssh HOST COMMAND…` between the cluster's machines (root's keys are shared, as a binary
 * install sets them up): the command line runs in the other host's bash and its output and
 * status come back. Without a command, on a terminal, it is an interactive login: root's login
 * bash on that machine reads the reader's next lines (the page's terminal session) until `exit`;
 * without a terminal, ssh allocates no pty and the remote shell reads standard input.
 */
import type { Program, ProcessContext } from '../types';
import type { Gen } from '../shell/interp';
import type { ExecResult } from '../../node/runtime/types';
import type { NodeView } from './view';

export function sshProgram(view: NodeView): Program {
  return function* ssh(ctx) {
    const args = ctx.argv.slice(1);
    let i = 0;
    while (i < args.length && args[i].startsWith('-')) {
      if (['-p', '-l', '-i', '-o', '-F'].includes(args[i])) i++;
      i++;
    }
    let dest = args[i];
    if (!dest) {
      ctx.write('stderr', 'usage: ssh [-1246AaCfGgKkMNnqsTtVvXxYy] [-b bind_address] [-c cipher_spec]\n           [-D [bind_address:]port] [-E log_file] [-e escape_char]\n           [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J [user@]host[:port]] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-p port] [-Q query_option] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           [command]\n');
      return 255;
    }
    if (dest.includes('@')) dest = dest.slice(dest.indexOf('@') + 1);
    const line = args.slice(i + 1).join(' ');
    const name = view.hostIp(dest) ? dest : byIp(view, dest);
    if (!name) {
      ctx.write('stderr', `ssh: Could not resolve hostname ${dest}: Name or service not known\r\n`);
      return 255;
    }
    if (!line.trim()) {
      if (ctx.tty) {
        // An interactive login: root's login bash on the other machine, on the reader's terminal
        // (the page's session sends it the next lines); ssh reports the end as clientloop.c does.
        const s = view.loginOn(name);
        if (s === 'no-host') return noRoute(ctx, dest);
        if (s === 'fork') {
          // clientloop.c client_status_confirm: "%s request failed on channel %d" for ssh.c's "PTY allocation" request.
          // unverified: that the remote's full process table fails the pty request rather than the shell's fork
          ctx.write('stderr', 'PTY allocation request failed on channel 0\r\n');
          return 1;
        }
        const r = (s.future.settled ? s.future.value : yield { kind: 'await', future: s.future }) as ExecResult;
        if (!s.attached) {
          if (r.stdout) ctx.write('stdout', r.stdout);
          if (r.stderr) ctx.write('stderr', r.stderr);
        }
        ctx.write('stderr', `Connection to ${dest} closed.\r\n`);
        return r.exitCode;
      }
      // ssh.c: no terminal on stdin, no pty; the remote login shell reads the script from stdin.
      // (The warning, with its \r\n, as public transcripts of OpenSSH show it.)
      ctx.write('stderr', 'Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n');
      if (!ctx.stdin) return 0;
      return yield* runRemote(ctx, view, name, dest, ctx.stdin);
    }
    return yield* runRemote(ctx, view, name, dest, line);
  };
}

function* runRemote(ctx: ProcessContext, view: NodeView, name: string, dest: string, line: string): Gen<number> {
  const f = view.runOn(name, line);
  if (!f) return noRoute(ctx, dest);
  const r = (yield { kind: 'await', future: f }) as ExecResult;
  if (r.stdout) ctx.write('stdout', r.stdout);
  if (r.stderr) ctx.write('stderr', r.stderr);
  return r.exitCode;
}

function noRoute(ctx: ProcessContext, dest: string): number {
  ctx.write('stderr', `ssh: connect to host ${dest} port 22: No route to host\r\n`);
  return 255;
}

function byIp(view: NodeView, ip: string): string | undefined {
  const n = view.hostName(ip);
  return n && view.hostIp(n) ? n : undefined;
}
