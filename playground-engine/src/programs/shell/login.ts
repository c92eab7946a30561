/**
 * The reader's login shell on k8s-master01 as its state starts: root's home and a CentOS 7 root
 * login's aliases. Carried from line to line (HostRunOptions.session), by the Scenario's steps
 * and by the terminal, which starts where the steps left it.
 */
import type { ShellSession } from '../types';

/**
 * The aliases a CentOS 7 root login has: root's ~/.bashrc (`rm -i`, `cp -i`, `mv -i`) and
 * /etc/profile.d/colorls.sh, colorgrep.sh and which2.sh.
 */
const CENTOS_ROOT_ALIASES: Array<[string, string]> = [
  ['cp', 'cp -i'],
  ['egrep', 'egrep --color=auto'],
  ['fgrep', 'fgrep --color=auto'],
  ['grep', 'grep --color=auto'],
  ['l.', 'ls -d .* --color=auto'],
  ['ll', 'ls -l --color=auto'],
  ['ls', 'ls --color=auto'],
  ['mv', 'mv -i'],
  ['rm', 'rm -i'],
  ['which', 'alias | /usr/bin/which --tty-only --read-alias --show-dot --show-tilde'],
];

/** A fresh terminal's login shell state (`HostRunOptions.session`). */
export function newShellSession(): ShellSession {
  return { cwd: '/root', vars: new Map(), exported: new Set(), funcs: new Map(), aliases: new Map(CENTOS_ROOT_ALIASES), opts: { e: false, x: false, u: false } };
}

/**
 * A session to go on from (the terminal after the steps). A shell copies the maps it starts
 * from and leaves new ones (Shell.restoreSession / saveSession), so the maps can be shared.
 */
export function cloneShellSession(s: ShellSession): ShellSession {
  return { ...s };
}
