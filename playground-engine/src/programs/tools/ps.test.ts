/**
 * procps ps on the CentOS hosts, as a reader's terminal shows it: the login shell `-bash` on
 * pts/0 with one PID across lines, a pipeline's own processes, the daemons' VSZ/RSS and STAT.
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../../index';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.23\n';
const lines = (...ls: string[]) => runCommands(POD, ls.map((line, i) => ({ atMs: 10_000 + i * 1000, line })));

describe('ps on the hosts', () => {
  it('shows the terminal as the login shell -bash on pts/0, with one PID from line to line', () => {
    const [a, b] = lines('echo $$; ps -ef | grep -- -bash', 'echo $$; ps');
    const pid = a.stdout.split('\n')[0];
    expect(a.stdout).toMatch(new RegExp(`^root +${pid} +\\d+  0 19:35 pts/0    00:00:00 -bash$`, 'm'));
    expect(a.stdout).not.toContain('-bash -c');
    expect(b.stdout.split('\n')[0]).toBe(pid);
    // without options: this terminal's processes, by comm
    expect(b.stdout).toMatch(new RegExp(`^  PID TTY          TIME CMD\\n ${pid} pts/0    00:00:00 bash\\n +\\d+ pts/0    00:00:00 ps\\n$`, 'm'));
  });

  it('lists the other stages of its own pipeline (why people write grep [x])', () => {
    const [r] = lines('ps -ef | grep kube-proxy; ps -ef | grep [k]ube-proxy | wc -l');
    const rows = r.stdout.split('\n');
    expect(rows.some((l) => /^root +\d+ +1 +0 Dec07 \?        00:00:00 \/usr\/local\/bin\/kube-proxy --config/.test(l))).toBe(true);
    // the login shell's grep alias (/etc/profile.d/colorgrep.sh) runs it as grep --color=auto
    expect(rows.some((l) => /pts\/0    00:00:00 grep --color=auto kube-proxy$/.test(l))).toBe(true);
    expect(rows[rows.length - 2]).toBe('1');
    // the stages are forked left to right: ps, then grep
    const [s] = lines('ps -ef | tail -2');
    const [ps, tail] = s.stdout.trim().split('\n').map((l) => l.split(/ +/));
    expect([ps.slice(7).join(' '), tail.slice(7).join(' ')]).toEqual(['ps -ef', 'tail -2']);
    expect(Number(tail[1])).toBe(Number(ps[1]) + 1);
  });

  it('runs a compound stage in a forked shell, the parent of what it starts', () => {
    const [r] = lines('echo a | while read x; do ps -ef | tail -3; done');
    const [sub, ps, tail] = r.stdout.trim().split('\n').map((l) => l.split(/ +/));
    expect(sub.slice(7).join(' ')).toBe('-bash');
    expect([ps[2], tail[2]]).toEqual([sub[1], sub[1]]);
    expect([ps.slice(7).join(' '), tail.slice(7).join(' ')]).toEqual(['ps -ef', 'tail -3']);
  });

  it('keeps a background job a child of the login shell', () => {
    const [, r] = lines('sleep 100 &', 'echo $$; ps -ef | grep "sleep 100"');
    const [pid, sleep] = r.stdout.split('\n');
    expect(sleep.split(/ +/)[2]).toBe(pid);
  });

  it('prints the daemons\' sizes and STAT as procps does, the overflow taken from the next padding', () => {
    const [r] = lines('ps aux | grep -e kube-proxy');
    expect(r.stdout).toMatch(/^root +\d+  0\.0  0\.6 1282292 55500 \?       Ssl  Dec07   0:00 \/usr\/local\/bin\/kube-proxy /m);
    const [h] = lines('ps aux | head -2');
    expect(h.stdout).toBe('USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\nroot         1  0.0  0.0      0     0 ?        S    Dec07   0:00 /usr/lib/systemd/systemd --switched-root --system --deserialize 22\n');
  });

  it('runs ssh HOST CMD as bash -c on no terminal', () => {
    const [r] = lines('ssh k8s-node01 ps -ef | tail -2');
    expect(r.stdout).toMatch(/^root +\d+ +\d+  0 19:35 \?        00:00:00 bash -c ps -ef\n/m);
  });
});
