/**
 * The reader's terminal keeps its login shell's state from line to line, as one interactive bash
 * does: the directory (and the prompt's `\W`), variables, exported ones, functions, aliases
 * (bash's expand_aliases in an interactive shell; an alias defined on a line takes effect from
 * the next one, as bash reads a whole line before running it), `$?` and `$!`.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';

function session(lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
  return runCommandsOn(run, lines.map((line) => ({ atMs: 30_000, line })));
}

describe('the terminal\'s login shell from line to line', () => {
  it('the directory, variables and $? carry over; the prompt shows the directory', () => {
    const o = session(['x=5; export Y=6; cd /tmp', 'echo $x; pwd; sh -c \'echo [$x][$Y]\'', 'false', 'echo $?', 'cd', 'cd /nope']);
    expect(o[0].prompt).toBe('[root@k8s-master01 tmp]# ');
    expect(o[1].stdout).toBe('5\n/tmp\n[][6]\n');
    expect(o[3].stdout).toBe('1\n');
    expect(o[4].prompt).toBe('[root@k8s-master01 ~]# ');
    expect(o[5]).toMatchObject({ stderr: '-bash: cd: /nope: No such file or directory\n', prompt: '[root@k8s-master01 ~]# ' });
  });

  it('aliases: `alias k=kubectl` works from the next line; alias, type, unalias as bash prints them', () => {
    const o = session(['alias k=kubectl; k get po', 'k get po nginx -o name', "alias kn='kubectl -n kube-system' ll='ls -l'", 'alias; type k', 'alias nope', 'unalias k', 'k version', '\\kn get po']);
    expect(o[0]).toMatchObject({ stderr: '-bash: k: command not found\n', exitCode: 127 });
    expect(o[1].stdout).toBe('pod/nginx\n');
    // with a CentOS 7 root login's own aliases (~/.bashrc, /etc/profile.d/color*.sh, which2.sh)
    expect(o[3].stdout).toBe(
      "alias cp='cp -i'\nalias egrep='egrep --color=auto'\nalias fgrep='fgrep --color=auto'\nalias grep='grep --color=auto'\nalias k='kubectl'\n" +
        "alias kn='kubectl -n kube-system'\nalias l.='ls -d .* --color=auto'\nalias ll='ls -l'\nalias ls='ls --color=auto'\nalias mv='mv -i'\nalias rm='rm -i'\n" +
        "alias which='alias | /usr/bin/which --tty-only --read-alias --show-dot --show-tilde'\nk is aliased to `kubectl'\n",
    );
    expect(o[4]).toMatchObject({ stderr: '-bash: alias: nope: not found\n', exitCode: 1 });
    expect(o[6]).toMatchObject({ stderr: '-bash: k: command not found\n', exitCode: 127 });
    expect(o[7]).toMatchObject({ stderr: '-bash: kn: command not found\n' });
  });

  it('which shows an alias with what it resolves to (the login shell\'s which alias), a path, or where it looked', () => {
    const o = session(['which kubectl ll', 'which nope; echo rc=$?', 'which ls | cat']);
    expect(o[0].stdout).toBe("/usr/local/bin/kubectl\nalias ll='ls -l --color=auto'\n\t/usr/bin/ls\n");
    expect(o[1]).toMatchObject({ stdout: 'rc=1\n', stderr: '/usr/bin/which: no nope in (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin)\n' });
    // --tty-only: its stdout is a pipe, so the options after it (--read-alias) are dropped
    expect(o[2].stdout).toBe('/usr/bin/ls\n');
  });

  it('an alias with a pipeline runs as text, with the rest of the words after it; a function defined on one line runs on the next', () => {
    const o = session(['alias kp="kubectl get pods | tail -1"; w() { echo "in w: $1"; }', 'kp', 'w a']);
    expect(o[1].stdout).toMatch(/^nginx +1\/1 +Running/);
    expect(o[2].stdout).toBe('in w: a\n');
  });
});

describe('job control in the terminal (bash jobs.c)', () => {
  function at(lines: Array<[number, string]>) {
    const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
    return runCommandsOn(run, lines.map(([atMs, line]) => ({ atMs, line })));
  }

  it('`cmd &` says [N] PID; jobs lists them with + and -; an ended job is announced before the next prompt', () => {
    const o = at([[30_000, 'sleep 100 &'], [30_000, 'sleep 2 &'], [30_000, 'jobs'], [31_000, 'jobs -l'], [33_000, 'echo hi']]);
    expect(o[0].stderr).toMatch(/^\[1\] \d+\n$/);
    expect(o[1].stderr).toMatch(/^\[2\] \d+\n$/);
    expect(o[2].stdout).toBe('[1]-  Running                 sleep 100 &\n[2]+  Running                 sleep 2 &\n');
    expect(o[3].stdout).toMatch(/^\[1\]- +\d+ Running {17}sleep 100 &\n\[2\]\+ +\d+ Running {17}sleep 2 &\n$/);
    expect(o[4]).toMatchObject({ stdout: 'hi\n', stderr: '[2]+  Done                    sleep 2\n' });
  });

  it('kill %1, wait %1, fg; jobspecs that name no job', () => {
    const o = at([[30_000, 'sleep 100 &'], [30_000, 'kill %1'], [30_000, 'kill %3; fg'], [30_000, 'false & wait %1; echo st=$?'], [30_000, 'sleep 5 &'], [30_000, 'fg; echo fg=$?']]);
    expect(o[1].stderr).toBe('[1]+  Terminated              sleep 100\n');
    expect(o[2].stderr).toBe('-bash: kill: %3: no such job\n-bash: fg: current: no such job\n');
    expect(o[3]).toMatchObject({ stdout: 'st=1\n' });
    expect(o[3].stderr).toMatch(/^\[1\] \d+\n$/);
    expect(o[5]).toMatchObject({ stdout: 'sleep 5\nfg=0\n', stderr: '' });
  });
});

describe('root\'s home on the CentOS hosts', () => {
  it('the rootfiles dotfiles; a glob that starts with a dot matches . and .. (bash 4.2), so `l.` lists them', () => {
    const o = session(['cd; echo .*', 'l.']);
    expect(o[0].stdout).toBe('. .. .bash_logout .bash_profile .bashrc\n');
    expect(o[1].stdout).toMatch(/^\. +\.\. +\.bash_logout +\.bash_profile +\.bashrc\n$/);
  });
});

describe('the terminal\'s shell in ps', () => {
  it('ps -f lists the terminal\'s processes in the full format; a pipeline\'s grep shows as its alias runs it', () => {
    const o = session(['sleep 50 &', 'ps -f', 'ps -ef | grep kube-proxy']);
    expect(o[1].stdout).toMatch(/^UID +PID +PPID +C STIME TTY +TIME CMD\nroot +(\d+) +\d+ +0 19:35 pts\/0 +00:00:00 -bash\nroot +\d+ +\1 +0 19:35 pts\/0 +00:00:00 sleep 50\nroot +\d+ +\1 +0 19:35 pts\/0 +00:00:00 ps -f\n$/);
    expect(o[2].stdout).toMatch(/ grep --color=auto kube-proxy\n$/);
  });
});

describe('a Scenario\'s steps are typed at the same login shell', () => {
  it('they keep its state from step to step, and the terminal goes on from where they left it', () => {
    const SCN = `${POD}---\napiVersion: playground/v1\nkind: Scenario\nspec:\n  duration: 20s\n  steps:\n  - at: 5s\n    run: cd /tmp; x=1; alias k=kubectl\n  - at: 6s\n    run: pwd; echo x=$x; k get po -o name\n`;
    const run = simulateSources([{ fileName: 'scn.yaml', text: SCN }]);
    expect(run.trace.steps[2].stdout).toBe('/tmp\nx=1\npod/nginx\n');
    const [r] = runCommandsOn(run, [{ atMs: 20_000, line: 'pwd; k get po -o name' }]);
    expect(r).toMatchObject({ stdout: '/tmp\npod/nginx\n', prompt: '[root@k8s-master01 tmp]# ' });
  });
});
