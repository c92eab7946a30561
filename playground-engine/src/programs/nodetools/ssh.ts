/**
 * `ssh HOST COMMAND…` between the cluster's machines (root's keys are shared, as a binary
 * install sets them up): the command line runs in the other host's bash and its output and
 * status come back. Without a command (an interactive login) this program says it needs a
 * terminal session; the page's terminal handles that form.
 */
import type { Program } from '../types';
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
      // wording not verified: what a login without a terminal prints, then the note of this simulator.
      ctx.write('stderr', 'Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n');
      return 0;
    }
    const f = view.runOn(name, line);
    if (!f) {
      ctx.write('stderr', `ssh: connect to host ${dest} port 22: No route to host\r\n`);
      return 255;
    }
    const r = (yield { kind: 'await', future: f }) as ExecResult;
    if (r.stdout) ctx.write('stdout', r.stdout);
    if (r.stderr) ctx.write('stderr', r.stderr);
    return r.exitCode;
  };
}

function byIp(view: NodeView, ip: string): string | undefined {
  const n = view.hostName(ip);
  return n && view.hostIp(n) ? n : undefined;
}
