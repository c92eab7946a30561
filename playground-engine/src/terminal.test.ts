import { describe, expect, test } from 'vitest';
import { runCommandsOn, simulateSources, type SimRun } from './engine';
import { withInterruptEcho } from './terminal';
import { main } from './cli/main';
import { createWorkerHandler } from './worker';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.23
`;
const ALPINE = POD.replace('nginx:1.23', 'nginx:1.23.2-alpine');

function runAt(atMs: number, text = POD): SimRun {
  return simulateSources([{ fileName: 'pod.yaml', text }], { untilMs: atMs });
}

function one(line: string, atMs = 10_000) {
  const r = runAt(atMs);
  return runCommandsOn(r, [{ atMs, line }])[0];
}

describe('the terminal presses Ctrl-C when a command outlives its wait', () => {
  test('a job killed by SIGINT abandons the rest of the line (interactive bash), status 130', () => {
    const o = one('echo a; sleep 100; echo b');
    expect(o.stdout).toBe('a\n');
    expect(o.exitCode).toBe(130);
    expect(o.interrupts?.map((i) => i.atMs)).toEqual([70_000]);
    expect(withInterruptEcho(o.stdout, o.interrupts)).toBe('a\n^C\n');
  });

  test('&& and a loop are abandoned too', () => {
    const o = one('for i in 1 2; do echo $i; sleep 100; done; echo after');
    expect(o.stdout).toBe('1\n');
    expect(o.exitCode).toBe(130);
  });

  test('a busy loop in the shell itself stops at Ctrl-C', () => {
    const o = one('while true; do :; done; echo after');
    expect(o.stdout).toBe('');
    expect(o.exitCode).toBe(130);
    expect(o.interrupts).toHaveLength(1);
  });

  test('a job that handles SIGINT (ping prints its statistics) lets the line go on', () => {
    const o = one('ping -c 100 192.168.200.64; echo b');
    const shown = withInterruptEcho(o.stdout, o.interrupts);
    expect(shown).toMatch(/bytes from 192\.168\.200\.64[^\n]*\n\^C\n--- 192\.168\.200\.64 ping statistics ---\n/);
    expect(shown.endsWith('b\n')).toBe(true);
    expect(o.exitCode).toBe(0);
  });

  test('a command that ends in time is not interrupted', () => {
    const o = one('sleep 5; echo done');
    expect(o.stdout).toBe('done\n');
    expect(o.interrupts).toBeUndefined();
  });

  test('k8s-sim sh shows the output, ^C and the terminal note; same bytes twice', async () => {
    const runCli = async () => {
      let out = '';
      let err = '';
      const code = await main(['sh', '--at', '10s', 'pod.yaml', '--', 'echo a; sleep 100; echo b'], {
        readFile: async () => POD,
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
      });
      return { code, out, err };
    };
    const a = await runCli();
    expect(a.out).toBe('a\n^C\n');
    expect(a.err).toContain('still running after 60s of virtual time');
    expect(a.code).toBe(130);
    expect(await runCli()).toEqual(a);
  });
});

describe('a full process table', () => {
  test("bash retries the fork with bash's messages, then gives up the line (126); never 'command not found'", () => {
    const r = runAt(10_000);
    const kernel = r.sim.world.host('k8s-master01').kernel;
    // fill the table, leaving room for the login shell only
    while (kernel.liveCount() < 255) kernel.addInert('sleep', ['sleep', '1000'], 1);
    const o = runCommandsOn(r, [{ atMs: 10_000, line: 'kubectl get pods; echo after' }])[0];
    expect(o.stderr).toBe(
      '-bash: fork: retry: Resource temporarily unavailable\n'.repeat(4) + '-bash: fork: Resource temporarily unavailable\n',
    );
    expect(o.stdout).toBe('');
    expect(o.exitCode).toBe(126);
    expect(r.sim.queue.now).toBe(25_000); // slept 1 + 2 + 4 + 8 s between the tries
  });
});

describe('interactive sessions: kubectl exec -ti POD -- sh in the terminal', () => {
  const session = (text: string, lines: string[], atMs = 30_000) => runCommandsOn(runAt(atMs, text), lines.map((line) => ({ atMs, line })));

  test('busybox ash in an alpine image: `/ # `, state kept between lines, exit returns to the host', () => {
    const o = session(ALPINE, ['kubectl exec -ti nginx -- sh', 'cd /tmp; X=5; echo $$', 'echo $X; pwd', 'rm -rf /usr/share/nginx/html/index.html', 'exit', 'kubectl exec nginx -- ls /usr/share/nginx/html']);
    expect(o.map((x) => x.prompt)).toEqual(['/ # ', '/tmp # ', '/tmp # ', '/tmp # ', '[root@k8s-master01 ~]# ', '[root@k8s-master01 ~]# ']);
    expect(o[1].stdout).toMatch(/^\d+\n$/);
    expect(o[2].stdout).toBe('5\n/tmp\n');
    // the file is gone for later commands too
    expect(o[5].stdout).toBe('50x.html\n');
  });

  test('bash in a Debian image: `root@nginx:/# `; `exit 3` says exit, then kubectl the exit code', () => {
    const o = session(POD, ['kubectl exec -ti nginx -- bash', 'cd ~', 'exit 3', 'echo back']);
    expect(o[0].prompt).toBe('root@nginx:/# ');
    expect(o[1].prompt).toBe('root@nginx:~# ');
    expect(o[2].stderr).toBe('exit\ncommand terminated with exit code 3\n');
    expect(o[2].exitCode).toBe(3);
    expect(o[3]).toMatchObject({ stdout: 'back\n', prompt: '[root@k8s-master01 ~]# ' });
  });

  test('a long command inside gets Ctrl-C and the shell stays', () => {
    const o = session(POD, ['kubectl exec -ti nginx -- sh', 'sleep 100; echo no', 'echo yes']);
    expect(o[1].stdout).toBe('');
    expect(o[1].interrupts).toHaveLength(1);
    expect(o[1].prompt).toBe('# ');
    expect(o[2].stdout).toBe('yes\n');
  });

  test('k8s-sim sh without a terminal: kubectl cannot use a TTY and the shell reads stdin', async () => {
    let out = '';
    let err = '';
    const code = await main(['sh', '--at', '30s', 'pod.yaml', '--', 'kubectl exec -ti nginx -- sh'], {
      readFile: async () => POD,
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      stdinIsTTY: false,
      readStdin: async () => 'ls /usr/share/nginx/html\nexit 2\n',
    });
    expect(out).toBe('50x.html\nindex.html\n');
    expect(err).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\ncommand terminated with exit code 2\n');
    expect(code).toBe(2);
  });
});

describe('interactive ssh to another machine of the cluster', () => {
  const session = (lines: string[], atMs = 30_000) => runCommandsOn(runAt(atMs), lines.map((line) => ({ atMs, line })));

  test("`ssh k8s-node01` opens root's login bash there: CentOS prompt, the node's own tools, logout and the closed connection", () => {
    const o = session(['ssh k8s-node01', 'hostname; cd /etc', 'crictl ps --name nginx -q | wc -l', 'exit', 'hostname']);
    expect(o.map((x) => x.prompt)).toEqual(['[root@k8s-node01 ~]# ', '[root@k8s-node01 etc]# ', '[root@k8s-node01 etc]# ', '[root@k8s-master01 ~]# ', '[root@k8s-master01 ~]# ']);
    expect(o[0]).toMatchObject({ stdout: '', stderr: '' });
    expect(o[1].stdout).toBe('k8s-node01\n');
    expect(o[2].stdout).toBe('1\n');
    expect(o[3].stderr).toBe('logout\nConnection to k8s-node01 closed.\r\n');
    expect(o[3].exitCode).toBe(0);
    expect(o[4].stdout).toBe('k8s-master01\n');
  });

  test('an unknown host keeps ssh\'s message; the session stays on the master', () => {
    const o = session(['ssh k8s-node09', 'hostname']);
    expect(o[0].stderr).toBe('ssh: Could not resolve hostname k8s-node09: Name or service not known\r\n');
    expect(o[0].exitCode).toBe(255);
    expect(o[1].stdout).toBe('k8s-master01\n');
  });

  test('k8s-sim sh without a terminal: no pty, and the remote login shell reads stdin', async () => {
    let out = '';
    let err = '';
    const code = await main(['sh', '--at', '30s', 'pod.yaml', '--', 'ssh k8s-node02'], {
      readFile: async () => POD,
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      stdinIsTTY: false,
      readStdin: async () => 'hostname\nexit 4\n',
    });
    expect(out).toBe('k8s-node02\n');
    expect(err).toBe('Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n');
    expect(code).toBe(4);
  });
});

describe('the worker carries the session (additive fields of the output response)', () => {
  test('prompt of the opened shell; replayed prior lines keep its state; ^C and the note', () => {
    const w = createWorkerHandler();
    const prior = [
      { atMs: 30_000, line: 'kubectl exec -ti nginx -- sh' },
      { atMs: 30_000, line: 'cd /usr/share/nginx/html' },
    ];
    const r = w.handle({ type: 'command', id: 1, text: ALPINE, atMs: 30_000, line: 'ls', prior });
    // BusyBox ls on the session's terminal: columns as wide as the longest name + 2
    expect(r).toMatchObject({ type: 'output', stdout: '50x.html    index.html\n', prompt: '/usr/share/nginx/html # ' });
    const s = w.handle({ type: 'command', id: 2, text: ALPINE, atMs: 30_000, line: 'sleep 100; echo b' });
    expect(s).toMatchObject({ type: 'output', stdout: '^C\n', exitCode: 130, prompt: '[root@k8s-master01 ~]# ' });
    expect((s as { interrupted?: string }).interrupted).toContain('pressed Ctrl-C');
  });
});

describe('the worker carries kubectl edit (the page shows the file; the saved texts replay)', () => {
  test('editing in the output, then the line again with the saved text; a later line sees the change', () => {
    const w = createWorkerHandler();
    const a = w.handle({ type: 'command', id: 1, text: POD, atMs: 30_000, line: 'kubectl edit pod nginx' }) as { editing?: { file: string; buffer: string }; stdout: string };
    expect(a.editing?.file).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    const saved = a.editing!.buffer.replace('image: nginx:1.23\n', 'image: nginx:1.23.2\n');
    const b = w.handle({ type: 'command', id: 2, text: POD, atMs: 30_000, line: 'kubectl edit pod nginx', edits: [saved] });
    expect(b).toMatchObject({ type: 'output', stdout: 'pod/nginx edited\n', exitCode: 0 });
    expect((b as { editing?: unknown }).editing).toBeUndefined();
    const c = w.handle({ type: 'command', id: 3, text: POD, atMs: 40_000, line: "kubectl get pod nginx -o jsonpath='{.spec.containers[0].image}'", prior: [{ atMs: 30_000, line: 'kubectl edit pod nginx', edits: [saved] }] });
    expect(c).toMatchObject({ stdout: 'nginx:1.23.2' });
    expect(w.handle({ type: 'command', id: 4, text: POD, atMs: 1, line: 'x', edits: [1] })).toMatchObject({ type: 'error', message: 'invalid request: command.edits[0]: must be a string, got 1' });
  });
});

describe('get -w and logs -f run until the terminal presses Ctrl-C', () => {
  test('a pipeline after a follower still gets what it wrote, then the line ends', () => {
    const o = one('kubectl logs -f nginx | head -2; echo no');
    expect(o.stdout.split('\n')).toHaveLength(3);
    expect(o.stdout).toMatch(/^\/docker-entrypoint\.sh: /);
    expect(o.interrupts).toHaveLength(1);
    expect(o.exitCode).toBe(130);
  });
});
