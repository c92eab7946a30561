/**
 * One container as containerd runs it: its own PID namespace (Kubernetes' default, no
 * shareProcessNamespace), a copy-on-write root filesystem of its image, the pod's network
 * namespace, and a log stream fed by PID 1 and everything it starts (not by exec'd
 * processes, whose output goes back to the caller).
 *
 * Runtime texts (runc through containerd's CRI, as the kubelet shows them):
 * - StartError: `failed to create containerd task: failed to create shim task: OCI runtime
 *   create failed: runc create failed: unable to start container process: exec: "foo":
 *   executable file not found in $PATH: unknown`
 * - exec: `OCI runtime exec failed: exec failed: unable to start container process: exec:
 *   "bash": executable file not found in $PATH: unknown`
 * (both seen verbatim in public issue threads and transcripts).
 */
import type { EventQueue, Timer } from '../../sim/queue';
import type { ContainerHandle, ContainerListener, ContainerSpec, ContainerState, ExecOptions, ExecResult, Signal } from './types';
import type { OsInfo } from '../../programs/types';
import type { NetApi } from '../../programs/net';
import { Kernel, LineInput, Proc, type ProgramRegistry, type ExitStatus } from './kernel';
import { OverlayFs, type ImageTree } from './fs';
import { LineSink } from './sinks';
import { SIGNAL_NUMBERS } from './types';

/** The nodes' allocatable memory (8388608Ki, as their Node objects say): a container without a limit is bounded by it. */
export const NODE_ALLOCATABLE_MEMORY = 8388608 * 1024;

export interface ContainerEnv {
  queue: EventQueue;
  id: string;
  tree: ImageTree;
  os: OsInfo;
  programs: ProgramRegistry;
  net: NetApi;
  hostname: string;
  /** Files bind-mounted from the sandbox: /etc/hosts, /etc/resolv.conf, /etc/hostname. */
  mounts: Record<string, string>;
  /** Told when the container's process starts and when it has exited (host-network pods: the host's process table). */
  onStart?: (c: Container) => void;
  onExit?: (c: Container) => void;
}

function execNotFound(cmd: string, kernel: Kernel, pathVar: string | undefined, cwd: string): string | undefined {
  const found = kernel.which(cmd, pathVar, cwd);
  if (typeof found === 'string') return undefined;
  if (found && found.error === 'EACCES') return `exec: "${cmd}": permission denied`;
  if (cmd.includes('/')) return `exec: "${cmd}": stat ${cmd}: no such file or directory`;
  return `exec: "${cmd}": executable file not found in $PATH`;
}

/** The Dockerfile's USER as a uid: a number, or a name looked up in the image's /etc/passwd (root when unknown). */
function uidOf(user: string | undefined, fs: OverlayFs): number {
  if (!user) return 0;
  const name = user.split(':')[0];
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of (fs.read('/etc/passwd') ?? '').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && /^\d+$/.test(f[2] ?? '')) return Number(f[2]);
  }
  return 0;
}

export class Container implements ContainerHandle {
  readonly id: string;
  readonly name: string;
  state: ContainerState = 'created';
  startedAt?: number;
  finishedAt?: number;
  /** CreateContainer's time (crictl ps CREATED). */
  createdAt: number;
  exitCode?: number;
  exitSignal?: Signal;
  reason?: string;
  message?: string;
  readonly kernel: Kernel;
  readonly fs: OverlayFs;
  private listener?: ContainerListener;
  private stopWaiters: Array<() => void> = [];
  private killTimer?: Timer;
  private logs: LineSink[] = [];
  private env: Map<string, string>;
  private exitWaiters: Array<() => void> = [];
  input?: LineInput;

  constructor(private e: ContainerEnv, readonly spec: ContainerSpec) {
    this.id = e.id;
    this.name = spec.name;
    this.createdAt = e.queue.now;
    this.fs = new OverlayFs(e.tree, () => e.queue.now);
    for (const dir of spec.dirs ?? []) this.fs.mkdir(dir, { parents: true });
    for (const m of spec.mounts ?? []) this.fs.mount(m.path, m.source, m.readOnly === true);
    for (const [path, content] of Object.entries({ ...(spec.files ?? {}), ...e.mounts })) {
      const dir = path.slice(0, path.lastIndexOf('/'));
      if (dir) this.fs.mkdir(dir, { parents: true });
      this.fs.writeFile(path, content);
    }
    for (const path of spec.readOnlyFiles ?? []) this.fs.mountReadOnlyFile(path);
    this.env = new Map(spec.env);
    if (!this.env.has('HOSTNAME')) this.env = new Map([['HOSTNAME', e.hostname], ...this.env]);
    if (!this.env.has('HOME')) this.env.set('HOME', '/root');
    this.kernel = new Kernel({ queue: e.queue, fs: this.fs, hostname: () => e.hostname, os: e.os, programs: e.programs, net: e.net, initEndsNamespace: true, memoryLimit: spec.memoryLimitBytes ?? NODE_ALLOCATABLE_MEMORY });
  }

  start(listener: ContainerListener): void {
    if (this.state !== 'created') return;
    this.listener = listener;
    const q = this.e.queue;
    const argv = this.spec.argv;
    const cwd = this.spec.workingDir || '/';
    this.fs.mkdirp(cwd);
    const missing = argv.length ? execNotFound(argv[0], this.kernel, this.env.get('PATH'), cwd) : 'no command specified';
    if (missing) {
      this.state = 'exited';
      this.exitCode = 128;
      this.reason = 'StartError';
      this.message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${missing}: unknown`;
      this.finishedAt = q.now;
      q.soon(() => listener.onExit(this), 'container exit');
      return;
    }
    const out = new LineSink((l, n) => listener.onLog?.('stdout', l, q.now, n));
    const err = new LineSink((l, n) => listener.onLog?.('stderr', l, q.now, n));
    this.logs = [out, err];
    this.kernel.onInitExit = (status) => this.exited(status);
    const path = this.kernel.which(argv[0], this.env.get('PATH'), cwd) as string;
    if (this.spec.stdin) this.input = new LineInput(q);
    const p = this.kernel.start(path, argv, { ppid: 0, env: this.env, cwd, stdout: out, stderr: err, uid: uidOf(this.spec.image.user, this.fs), tty: this.spec.stdin?.tty, input: this.input });
    if (!(p instanceof Proc)) {
      this.state = 'exited';
      this.exitCode = 128;
      this.reason = 'StartError';
      this.message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`;
      this.finishedAt = q.now;
      q.soon(() => listener.onExit(this), 'container exit');
      return;
    }
    this.state = 'running';
    this.startedAt = q.now;
    this.e.onStart?.(this);
  }

  private exited(status: ExitStatus): void {
    if (this.state === 'exited') return;
    const q = this.e.queue;
    for (const s of this.logs) s.flush();
    this.state = 'exited';
    this.finishedAt = q.now;
    this.e.onExit?.(this);
    if (status.signal) {
      this.exitSignal = status.signal;
      this.exitCode = 128 + SIGNAL_NUMBERS[status.signal];
    } else this.exitCode = status.code ?? 0;
    // containerd reports OOMKilled once the cgroup's OOM killer acted in the container.
    this.reason = this.kernel.oomKilled ? 'OOMKilled' : this.exitCode === 0 ? 'Completed' : 'Error';
    q.cancel(this.killTimer);
    const waiters = [...this.stopWaiters.splice(0), ...this.exitWaiters.splice(0)];
    const listener = this.listener;
    q.soon(() => {
      listener?.onExit(this);
      for (const w of waiters) w();
    }, 'container exit');
  }

  signal(sig: Signal): void {
    if (this.state !== 'running') return;
    this.kernel.signal(1, sig, 0);
  }

  stop(timeoutMs: number, done?: () => void): void {
    const q = this.e.queue;
    if (this.state !== 'running') {
      if (this.state === 'created') {
        this.state = 'exited';
        this.finishedAt = q.now;
      }
      if (done) q.soon(done, 'stop');
      return;
    }
    if (done) this.stopWaiters.push(done);
    if (timeoutMs > 0) {
      this.kernel.signal(1, this.spec.image.stopSignal, 0);
      q.cancel(this.killTimer);
      this.killTimer = q.after(timeoutMs, () => this.kernel.signal(1, 'SIGKILL', 0), 'stop timeout');
    } else this.kernel.signal(1, 'SIGKILL', 0);
  }

  /** SIGKILL everything now (sandbox teardown). */
  kill(): void {
    if (this.state === 'running') this.kernel.killAll();
  }

  exec(argv: string[], opts: ExecOptions, done: (r: ExecResult) => void): void {
    const q = this.e.queue;
    const fail = (text: string) => q.soon(() => done({ exitCode: 126, stdout: '', stderr: '', timedOut: false, startError: text }), 'exec');
    if (this.state !== 'running') {
      fail(`container is in ${this.state === 'created' ? 'CONTAINER_CREATED' : 'CONTAINER_EXITED'} state`);
      return;
    }
    const cwd = this.spec.workingDir || '/';
    const missing = argv.length ? execNotFound(argv[0], this.kernel, this.env.get('PATH'), cwd) : 'no command specified';
    if (missing) {
      fail(`OCI runtime exec failed: exec failed: unable to start container process: ${missing}: unknown`);
      return;
    }
    const path = this.kernel.which(argv[0], this.env.get('PATH'), cwd) as string;
    const p = this.kernel.start(path, argv, { ppid: 0, env: this.env, cwd, stdin: opts.stdin ?? '', stdout: 'capture', stderr: 'capture', tty: !!opts.tty, uid: uidOf(this.spec.image.user, this.fs), input: opts.input });
    if (!(p instanceof Proc)) {
      fail(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": ${p.error === 'EAGAIN' ? 'resource temporarily unavailable' : 'executable file not found in $PATH'}: unknown`);
      return;
    }
    let timer: Timer | undefined;
    let timedOut = false;
    if (opts.timeoutMs && opts.timeoutMs > 0) {
      timer = q.after(opts.timeoutMs, () => {
        if (!p.alive) return;
        timedOut = true;
        this.kernel.terminate(p, { signal: 'SIGKILL' });
      }, 'exec timeout');
    }
    p.exit.onSettle((r) => {
      q.cancel(timer);
      done(timedOut ? { ...r, timedOut: true } : r);
    });
  }

  whenExited(done: () => void): void {
    if (this.state === 'exited') this.e.queue.soon(done, 'container exited');
    else this.exitWaiters.push(done);
  }

  hasProcess(name: string): boolean {
    for (const p of this.kernel.procs.values()) if (p.comm === name) return true;
    return false;
  }
}
