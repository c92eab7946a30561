/**
 * containerd + kernel behaviour through the NodeRuntime API the kubelet uses: PID 1 signal
 * rules, stop with the image's STOPSIGNAL then SIGKILL, exit codes and reasons, exec,
 * timeouts, StartError, logs, and a busy loop that must not hang the engine.
 */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../sim/queue';
import { Prng } from '../../sim/prng';
import { createWorld } from './world';
import type { ContainerHandle, ExecResult, ImageConfig } from './types';

const RESOLV = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.103.0.10\noptions ndots:5\n';

function setup(images = ['nginx:1.23', 'nginx:1.23.2-alpine', 'busybox', 'registry.k8s.io/etcd:3.5.1-0']) {
  const queue = new EventQueue();
  const world = createWorld({
    queue,
    prng: new Prng(7),
    nodes: [
      { name: 'k8s-master01', ip: '192.168.200.61', preloadedImages: [] },
      { name: 'k8s-node01', ip: '192.168.200.64', preloadedImages: images, tunnelIp: '172.17.125.0' },
    ],
  });
  const rt = world.node('k8s-node01');
  let n = 0;
  const logs: Array<{ t: number; stream: string; line: string }> = [];
  const exits: Array<{ t: number; code?: number; reason?: string; signal?: string }> = [];
  const run = (image: string, argv?: string[], env: Array<[string, string]> = []) => {
    const cfg = rt.imageConfig(image) as ImageConfig;
    const ip = `172.17.125.${10 + n++}`;
    const sb = rt.createSandbox({ podUid: `uid-${n}`, podName: `p${n}`, namespace: 'default', hostname: `p${n}`, ip, resolvConf: RESOLV, hosts: `127.0.0.1\tlocalhost\n${ip}\tp${n}\n` });
    const c = sb.createContainer({
      name: 'c',
      image: cfg,
      argv: argv ?? [...cfg.entrypoint, ...cfg.cmd],
      env: [...cfg.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]), ...env],
      workingDir: cfg.workingDir,
      attempt: 0,
    });
    c.start({ onExit: (h) => exits.push({ t: queue.now, code: h.exitCode, reason: h.reason, signal: h.exitSignal }), onLog: (stream, line, t) => logs.push({ t, stream, line }) });
    return { c, ip, sb };
  };
  const at = (t: number, fn: () => void) => queue.at(t, fn);
  const until = (t: number) => queue.runUntil({ untilMs: t, maxTasks: 500_000 });
  const exec = (c: ContainerHandle, argv: string[], opts = {}) => {
    const box: { r?: ExecResult } = {};
    c.exec(argv, opts, (r) => (box.r = r));
    return box;
  };
  return { queue, world, rt, run, at, until, logs, exits, exec };
}

describe('PID 1 and signals', () => {
  it('a shell as PID 1 ignores SIGTERM/SIGQUIT; stop() ends it with SIGKILL after the grace period (137)', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sh', '-c', 'sleep 1000']);
    s.at(100, () => c.stop(30_000));
    s.until(29_000);
    expect(c.state).toBe('running');
    s.until(31_000);
    expect(c.state).toBe('exited');
    expect(s.exits).toEqual([{ t: 30_100, code: 137, reason: 'Error', signal: 'SIGKILL' }]);
  });

  it('a trap makes PID 1 handle SIGTERM after the foreground command ends', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sh', '-c', "trap 'echo got TERM; exit 0' TERM; while true; do sleep 1; done"]);
    s.at(2_500, () => c.stop(30_000));
    s.until(10_000);
    expect(s.exits).toEqual([{ t: 3_000, code: 0, reason: 'Completed', signal: undefined }]);
    expect(s.logs.map((l) => l.line)).toEqual(['got TERM']);
  });

  it('a child dies from SIGTERM and its shell sees 143', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sh', '-c', 'sleep 100 & kill $!; wait $!; echo "status $?"; sleep 1; exit 3']);
    s.until(5_000);
    expect(s.logs.map((l) => l.line)).toEqual(['status 143']);
    expect(s.exits).toEqual([{ t: expect.any(Number), code: 3, reason: 'Error', signal: undefined }]);
    expect(c.exitCode).toBe(3);
  });

  it('kill 1 from an exec is ignored by a PID 1 without handler; kill -9 1 is not', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sleep', '1000']);
    s.at(10, () => s.exec(c, ['kill', '1']));
    s.until(1_000);
    expect(c.state).toBe('running');
    s.at(1_000, () => s.exec(c, ['kill', '-9', '1']));
    s.until(2_000);
    expect(s.exits[0]).toMatchObject({ code: 137, signal: 'SIGKILL' });
  });

  it('exit 0 is Completed, exit 3 is Error, and the remaining processes die with PID 1', () => {
    const s = setup();
    const a = s.run('busybox', ['sh', '-c', 'sleep 500 & sleep 2']);
    s.until(1_000);
    expect(a.c.hasProcess('sleep')).toBe(true);
    s.until(3_000);
    expect(s.exits).toEqual([{ t: 2_000, code: 0, reason: 'Completed', signal: undefined }]);
    expect(a.c.hasProcess('sleep')).toBe(false);
  });
});

describe('start, exec and logs', () => {
  it('a missing executable is a StartError with exit code 128 and containerd wording', () => {
    const s = setup();
    const { c } = s.run('nginx:1.23', ['foo']);
    expect(c.state).toBe('exited');
    expect(c.exitCode).toBe(128);
    expect(c.reason).toBe('StartError');
    expect(c.message).toBe('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown');
    s.until(10);
    expect(s.exits).toHaveLength(1);
  });

  it('exec of a missing binary reports the runc text; `bash` exists in Debian but not in busybox', () => {
    const s = setup();
    const d = s.run('nginx:1.23');
    const b = s.run('busybox', ['sleep', '1000']);
    s.until(100);
    const r1 = s.exec(d.c, ['ps']);
    const r2 = s.exec(b.c, ['bash']);
    const r3 = s.exec(d.c, ['bash', '-c', 'echo $0']);
    s.until(200);
    expect(r1.r?.startError).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown');
    expect(r2.r?.startError).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown');
    expect(r3.r).toMatchObject({ exitCode: 0, stdout: 'bash\n' });
  });

  it('an exec timeout kills the process and reports timedOut', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sleep', '1000']);
    s.until(10);
    const r = s.exec(c, ['sleep', '10'], { timeoutMs: 1_000 });
    s.until(5_000);
    expect(r.r).toMatchObject({ timedOut: true, exitCode: 137 });
  });

  it('logs every line of PID 1 and its children with its time, not the exec output', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sh', '-c', 'echo start; sleep 2; echo err >&2; ls /nonexistent; echo end; sleep 100']);
    s.at(500, () => s.exec(c, ['echo', 'from exec']));
    s.until(5_000);
    expect(s.logs).toEqual([
      { t: 0, stream: 'stdout', line: 'start' },
      { t: 2_000, stream: 'stderr', line: 'err' },
      { t: 2_000, stream: 'stderr', line: 'ls: /nonexistent: No such file or directory' },
      { t: 2_000, stream: 'stdout', line: 'end' },
    ]);
  });

  it('a busy loop runs forever in virtual time without freezing the engine', () => {
    const s = setup();
    const { c } = s.run('busybox', ['sh', '-c', 'while true; do :; done']);
    let ticked = 0;
    for (let t = 1_000; t <= 120_000; t += 1_000) s.at(t, () => ticked++);
    const before = s.queue.executed;
    s.until(120_000);
    expect(ticked).toBe(120);
    expect(c.state).toBe('running');
    expect(s.queue.executed - before).toBeLessThan(20_000);
    const r = s.exec(c, ['ps']);
    s.until(121_000);
    expect(r.r?.stdout).toMatch(/^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}\d+:\d\d sh -c while true; do :; done\n/);
  });
});

describe('sh -c "sleep 10; nginx -g \'daemon off;\'": which process is PID 1', () => {
  const cmd = ['sh', '-c', 'sleep 10; nginx -g "daemon off;"'];

  it('Debian (dash) keeps sh as PID 1: nginx runs as its child and a delete waits for SIGKILL', () => {
    const s = setup();
    const { c } = s.run('nginx:1.23', cmd);
    s.until(11_000);
    const ps = c as unknown as { kernel: { procs: Map<number, { comm: string }> } };
    expect(ps.kernel.procs.get(1)?.comm).toBe('sh');
    expect(c.hasProcess('nginx')).toBe(true);
    s.at(20_000, () => c.stop(30_000));
    s.until(60_000);
    expect(s.exits).toEqual([{ t: 50_000, code: 137, reason: 'Error', signal: 'SIGKILL' }]);
  });

  it('Alpine (busybox ash) execs the last command: nginx becomes PID 1 and SIGQUIT stops it at once', () => {
    const s = setup();
    const { c } = s.run('nginx:1.23.2-alpine', cmd);
    s.until(11_000);
    const ps = c as unknown as { kernel: { procs: Map<number, { comm: string }> } };
    expect(ps.kernel.procs.get(1)?.comm).toBe('nginx');
    s.at(20_000, () => c.stop(30_000));
    s.until(60_000);
    expect(s.exits).toEqual([{ t: 20_000, code: 0, reason: 'Completed', signal: undefined }]);
    const workers = s.logs.filter((l) => /start worker process \d+$/.test(l.line)).map((l) => Number(/(\d+)$/.exec(l.line)![1]));
    expect(workers).toHaveLength(2);
    const [w1, w2] = workers;
    expect(s.logs.filter((l) => l.t === 20_000).map((l) => l.line.replace(/^\S+ \S+ /, ''))).toEqual([
      '[notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
      `[notice] ${w1}#${w1}: gracefully shutting down`,
      `[notice] ${w1}#${w1}: exiting`,
      `[notice] ${w1}#${w1}: exit`,
      `[notice] ${w2}#${w2}: gracefully shutting down`,
      `[notice] ${w2}#${w2}: exiting`,
      `[notice] ${w2}#${w2}: exit`,
      `[notice] 1#1: signal 17 (SIGCHLD) received from ${w1}`,
      `[notice] 1#1: worker process ${w1} exited with code 0`,
      `[notice] 1#1: signal 17 (SIGCHLD) received from ${w2}`,
      `[notice] 1#1: worker process ${w2} exited with code 0`,
      '[notice] 1#1: exit',
    ]);
  });

  it('`pkill nginx` from an exec ends a container whose PID 1 is nginx (the preStop hook of the notes)', () => {
    const s = setup();
    const { c } = s.run('nginx:1.23.2-alpine');
    s.until(1_000);
    const r = s.exec(c, ['sh', '-c', 'pkill nginx ;sleep 10']);
    s.until(2_000);
    expect(s.exits).toEqual([{ t: 1_000, code: 0, reason: 'Completed', signal: undefined }]);
    expect(r.r).toMatchObject({ exitCode: 137 });
    expect(s.logs.some((l) => /signal 15 \(SIGTERM\) received from \d+, exiting$/.test(l.line))).toBe(true);
  });
});

describe('image store and pulls', () => {
  it('pulls known images in a time derived from their size, one at a time, and stores them', () => {
    const s = setup([]);
    const got: unknown[] = [];
    s.rt.pull('nginx:1.23', (o) => got.push({ t: s.queue.now, ok: o.ok, pullMs: o.pullMs, waitedMs: o.waitedMs }));
    s.rt.pull('busybox', (o) => got.push({ t: s.queue.now, ok: o.ok, pullMs: o.pullMs, waitedMs: o.waitedMs }));
    expect(s.rt.hasImage('nginx:1.23')).toBe(false);
    s.until(20_000);
    expect(got).toEqual([
      { t: 6_201, ok: true, pullMs: 6_201, waitedMs: 0 },
      { t: 6_201 + 759, ok: true, pullMs: 759, waitedMs: 6_201 },
    ]);
    expect(s.rt.hasImage('docker.io/library/nginx:1.23')).toBe(true);
    expect(s.rt.hasImage('busybox:latest')).toBe(true);
    expect(s.rt.imageConfig('nginx:1.23')).toMatchObject({ fullRef: 'docker.io/library/nginx:1.23', stopSignal: 'SIGQUIT', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] });
  });

  it('an unknown repository and an unknown tag fail as containerd reports them', () => {
    const s = setup([]);
    const errs: string[] = [];
    s.rt.pull('nginx1.23', (o) => errs.push(o.ok ? 'ok' : o.error));
    s.rt.pull('nginx:nope', (o) => errs.push(o.ok ? 'ok' : o.error));
    s.until(10_000);
    expect(errs).toEqual([
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx1.23:latest": failed to resolve reference "docker.io/library/nginx1.23:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    ]);
  });
});

describe('determinism', () => {
  it('the same run twice gives the same logs, IDs and exits', () => {
    const once = () => {
      const s = setup();
      const a = s.run('nginx:1.23');
      const b = s.run('busybox', ['sh', '-c', 'for i in 1 2 3; do echo $i; sleep 1; done']);
      s.at(5_000, () => a.c.stop(30_000));
      s.until(40_000);
      return JSON.stringify({ logs: s.logs, exits: s.exits, ids: [a.c.id, b.c.id] });
    };
    expect(once()).toBe(once());
  });
});
