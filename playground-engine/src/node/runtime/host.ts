/**
 * A node's host: CentOS 7 with bash as the reader's login shell (`-bash: foo: command not
 * found`), GNU tools, curl 7.29, ping, ip, route; a host PID namespace (systemd, containerd,
 * kubelet, kube-proxy, sshd) and the node's network namespace (node IP, loopback).
 */
import type { EventQueue } from '../../sim/queue';
import type { Host, HostRunOptions, Program } from '../../programs/types';
import type { ExecResult, OutputChunk, TerminalInterrupt } from './types';
import type { Timer } from '../../sim/queue';
import { BufferSink, MAX_CAPTURE_BYTES } from './sinks';
import { commandNotices } from '../../programs/shell/hints';
import type { Fabric } from '../../network/fabric';
import type { ProgramRegistry } from './kernel';
import { Kernel, Proc, type LineInput } from './kernel';
import type { HostProcessTable } from './node';
import { OverlayFs, type ImageTree } from './fs';
import { controlPlaneListeners } from './control-plane-ports';
import { displayOf } from '../../programs/tools/bytes';

/** A host-network pod's processes as they appear in the host's process table. */
export interface HostPodProcesses {
  sandboxId: string;
  startedAt: number;
  /** `parent: 'first'`: a child of the pod's first process (runit's services). */
  processes: Array<{ argv: string[]; startedAt: number; parent?: 'shim' | 'first' }>;
}

/**
 * The processes a host-network container shows in the host's table: its command line, or for
 * calico/node (CMD start_runit, which execs runsvdir) runsvdir and the runit services it starts.
 * wording not verified: the services' command lines.
 */
export function containerProcesses(argv: string[], image: string, at: number): HostPodProcesses['processes'] {
  if (!image.includes('calico/node')) return [{ argv, startedAt: at }];
  const out: HostPodProcesses['processes'] = [{ argv: ['runsvdir', '-P', '/etc/service/enabled'], startedAt: at }];
  for (const svc of [['calico-node', '-felix'], ['calico-node', '-confd'], ['calico-node', '-allocate-tunnel-addrs'], ['calico-node', '-monitor-addresses'], ['bird', '-R', '-s', '/var/run/calico/bird.ctl', '-d', '-c', '/etc/calico/confd/config/bird.cfg']]) out.push({ argv: svc, startedAt: at + 200, parent: 'first' });
  return out;
}

export class NodeHost implements Host, HostProcessTable {
  readonly fs: OverlayFs;
  readonly kernel: Kernel;
  private extra = new Map<string, Program>();
  /**
   * The reader's terminal is one tty: what a background job of an earlier line writes once that
   * line is done shows in the line running then (`kubectl port-forward … &`, then `curl`), or,
   * written between lines, at the start of the next one.
   */
  private tty?: (stream: 'stdout' | 'stderr', text: string) => void;
  private ttyPending: OutputChunk[] = [];
  private ttyPendingBytes = 0;
  private sshdPid: number;
  /** The PID of the reader's login shell (one interactive bash across the terminal's lines). */
  private terminalPid?: number;
  /** When the machine booted (virtual ms). */
  readonly bootMs: number;

  constructor(
    readonly name: string,
    readonly ip: string,
    private o: { queue: EventQueue; fabric: Fabric; programs: ProgramRegistry; tree: ImageTree; kernelRelease: string; cpus: number; routeTable?: string; /** When the machine booted (its daemons' start; default t = 0). */ bootMs?: number; podProcesses?: HostPodProcesses[] },
  ) {
    this.fs = new OverlayFs(o.tree, () => o.queue.now);
    if (o.routeTable) this.fs.writeFile('/proc/net/route-table', o.routeTable);
    const programs: ProgramRegistry = { get: (n) => (n.startsWith('host:') ? this.extra.get(n.slice(5)) : o.programs.get(n)) };
    this.kernel = new Kernel({
      queue: o.queue,
      fs: this.fs,
      hostname: () => name,
      os: { id: 'centos', version: '7', kernel: o.kernelRelease, tzOffsetMin: 480, tzName: 'CST', cpus: o.cpus, memTotalKb: MEM_TOTAL_KB },
      programs,
      net: o.fabric.api(`host:${name}`),
      initEndsNamespace: false,
    });
    const boot = o.bootMs ?? 0;
    this.bootMs = boot;
    this.kernel.addInert('systemd', ['/usr/lib/systemd/systemd', '--switched-root', '--system', '--deserialize', '22'], 0, boot);
    this.kernel.skipPids(900);
    this.kernel.addInert('containerd', ['/usr/bin/containerd'], 1, boot + 9_000);
    daemonPs(this.kernel.addInert('kubelet', ['/usr/local/bin/kubelet', '--config=/etc/kubernetes/kubelet-conf.yml', '--container-runtime-endpoint=unix:///run/containerd/containerd.sock', '--node-ip=' + ip], 1, boot + 10_000));
    daemonPs(this.kernel.addInert('kube-proxy', ['/usr/local/bin/kube-proxy', '--config=/etc/kubernetes/kube-proxy.yaml', '--v=2'], 1, boot + 10_000));
    this.sshdPid = this.kernel.addInert('sshd', ['/usr/sbin/sshd', '-D'], 1, boot + 8_000).pid;
    const api = o.fabric.api(`host:${name}`);
    const clock = { now: () => o.queue.now };
    // Host-network pods' processes (the control plane's static pods, calico-node): each pod's
    // shim, its pause process and its containers' processes, in the host's PID namespace.
    for (const pod of o.podProcesses ?? []) {
      this.sandboxStarted(pod.sandboxId, pod.startedAt);
      this.addContainer(pod.sandboxId, pod.processes);
      // the control plane's ports (kube-apiserver 6443, etcd, the controller-manager and scheduler)
      for (const p of pod.processes) for (const spec of controlPlaneListeners(p.argv, ip, clock)) api.listen(spec);
    }
    this.kernel.skipPids(2000);
    // The daemons' own ports: sshd, the kubelet's healthz and API (kube-proxy's metrics port
    // 10249 is served by the service network; its healthz port 10256 is not modelled).
    api.listen({ port: 22, owner: 'sshd', tcp: (_c, reply) => reply('SSH-2.0-OpenSSH_7.4\r\n') });
    api.listen({ port: 10248, address: '127.0.0.1', owner: 'kubelet', http: (_req, reply) => reply({ status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', '2']], body: 'ok' }) });
    api.listen({ port: 10250, owner: 'kubelet', tls: true, http: (_req, reply) => reply({ status: 401, reason: 'Unauthorized', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', '12']], body: 'Unauthorized' }) });
  }

  /** Install a program on the host (default `/usr/local/bin/NAME`, where binary installs put kubectl). */
  register(name: string, program: Program, path = `/usr/local/bin/${name}`): void {
    this.extra.set(name, program);
    this.fs.writeExecutable(path, `host:${name}`, { size: 48_037_888 });
  }

  /**
   * An interactive login (`ssh HOST` typed in the reader's terminal): root's login bash reads
   * the terminal's lines from `input` and writes to captures the session shows as they come.
   * Returns false when the shell cannot be forked (the process table is full).
   */
  login(input: LineInput, done: (r: ExecResult) => void): boolean {
    const p = this.kernel.start('/usr/bin/bash', ['-bash'], { ppid: this.sshdPid, env: this.loginEnv(), cwd: '/root', stdout: 'capture', stderr: 'capture', tty: true, input, ctty: TERMINAL_TTY });
    if (!(p instanceof Proc)) return false;
    p.exit.onSettle((x) => done({ ...x, stdout: p.captures.stdout?.text() ?? '', stderr: p.captures.stderr?.text() ?? '' }));
    return true;
  }

  private loginEnv(): Map<string, string> {
    return new Map([
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin'],
      ['HOME', '/root'],
      ['USER', 'root'],
      ['LOGNAME', 'root'],
      ['SHELL', '/bin/bash'],
      ['HOSTNAME', this.name],
      ['LANG', 'en_US.UTF-8'],
      ['TERM', 'xterm'],
    ]);
  }

  run(commandLine: string, opts: HostRunOptions, done: (r: ExecResult) => void): void {
    const q = this.o.queue;
    const env = this.loginEnv();
    // Both streams are kept apart and, as the terminal shows them, in the order written.
    const bufs = { stdout: new BufferSink(), stderr: new BufferSink() };
    const chunks: OutputChunk[] = [];
    let chunkBytes = 0;
    const direct = (stream: 'stdout' | 'stderr', text: string) => {
      bufs[stream].write(text);
      if (!text || chunkBytes >= 2 * MAX_CAPTURE_BYTES) return;
      chunkBytes += text.length;
      const last = chunks[chunks.length - 1];
      if (last && last.stream === stream) last.text += text;
      else chunks.push({ stream, text });
    };
    // The terminal's lines (and a Scenario's steps) share its tty; other runs keep their own output.
    const terminal = !!opts.terminal;
    let finished = false;
    const sink = (stream: 'stdout' | 'stderr') => ({
      write: (text: string) => {
        if (finished && terminal) this.toTerminal(stream, text);
        else if (!finished) direct(stream, text);
      },
    });
    if (terminal) {
      for (const c of this.ttyPending.splice(0)) direct(c.stream, c.text);
      this.ttyPendingBytes = 0;
      this.tty = direct;
    }
    // The terminal's state from its earlier lines: the directory, and the variables the shell restores itself.
    const cwd = opts.session && this.fs.isDir(opts.session.cwd) ? opts.session.cwd : '/root';
    // Each line runs in its own `bash -c` started from the carried state (an engine device): the
    // table shows it as what it stands for, the reader's login shell `-bash` on the terminal,
    // with one PID from line to line (unless that PID is still taken).
    const login = !opts.remote;
    const p = this.kernel.start('/usr/bin/bash', ['-bash', '-c', commandLine], { ppid: this.sshdPid, env, cwd, stdin: opts.stdin, stdout: sink('stdout'), stderr: sink('stderr'), tty: opts.tty ?? true, session: opts.session, ...(login ? { ctty: TERMINAL_TTY, pid: this.terminalPid } : {}) });
    if (p instanceof Proc) {
      p.title = login ? '-bash' : `bash -c ${commandLine}`;
      if (login) {
        this.terminalPid = p.pid;
        p.keepsChildren = true;
      }
    }
    if (!(p instanceof Proc)) {
      // (the login shell itself could not be forked: the table is full)
      q.soon(() => done({ exitCode: 126, stdout: '', stderr: '-bash: fork: Resource temporarily unavailable\n', timedOut: false, startError: `-bash: fork: Resource temporarily unavailable` }), 'host run');
      return;
    }
    // The terminal decodes the bytes tools wrote (printf '\303\251' shows é).
    opts.started?.({ stdout: () => displayOf(bufs.stdout.text()), stderr: () => displayOf(bufs.stderr.text()) });
    let timedOut = false;
    const interrupts: TerminalInterrupt[] = [];
    let timer: Timer | undefined;
    const wait = () => {
      timer = opts.timeoutMs && opts.timeoutMs > 0 ? q.after(opts.timeoutMs, () => {
        timer = undefined;
        if (!p.alive) return;
        if (opts.paused?.()) {
          wait();
          return;
        }
        if (interrupts.length < (opts.interrupts ?? 0)) {
          // Ctrl-C: the tty echoes ^C and SIGINT goes to the foreground job (the shell forwards it).
          const rec = { atMs: q.now, stdoutLen: bufs.stdout.length, stderrLen: bufs.stderr.length };
          interrupts.push(rec);
          this.kernel.signal(p.pid, 'SIGINT');
          // The ^C echo goes where the output stands when the signal lands: what the job wrote at
          // this same instant (a -w poll due now) came before it.
          q.soon(() => {
            rec.stdoutLen = bufs.stdout.length;
            rec.stderrLen = bufs.stderr.length;
          }, 'tty ^C echo');
          wait();
          return;
        }
        // The terminal is closed: the session and everything it started end.
        timedOut = true;
        for (const pid of this.subtree(p.pid)) {
          const c = this.kernel.procs.get(pid);
          if (c) this.kernel.terminate(c, { signal: 'SIGKILL' });
        }
      }, 'terminal wait') : undefined;
    };
    wait();
    p.exit.onSettle((x) => {
      q.cancel(timer);
      finished = true;
      if (this.tty === direct) this.tty = undefined;
      const rawOut = bufs.stdout.text();
      const rawErr = bufs.stderr.text();
      const stderr = displayOf(rawErr);
      const notices = x.exitCode === 127 || stderr ? commandNotices(stderr, this.fs, env.get('PATH') ?? '', this.name) : [];
      for (const i of interrupts) {
        i.stdoutLen = displayOf(rawOut.slice(0, i.stdoutLen)).length;
        i.stderrLen = displayOf(rawErr.slice(0, i.stderrLen)).length;
      }
      const shown = chunks.map((c) => ({ ...c, text: displayOf(c.text) }));
      const r: ExecResult = { ...x, stdout: displayOf(rawOut), stderr, ...(chunks.length > 1 ? { output: shown } : {}), ...(notices.length ? { notices } : {}), ...(interrupts.length ? { interrupts } : {}) };
      done(timedOut ? { ...r, timedOut: true } : r);
    });
  }

  /** A background job's output after its line ended: the line running now, else held for the next one (bounded). */
  private toTerminal(stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    if (this.tty) {
      this.tty(stream, text);
      return;
    }
    if (this.ttyPendingBytes >= MAX_CAPTURE_BYTES) return;
    this.ttyPendingBytes += text.length;
    const last = this.ttyPending[this.ttyPending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.ttyPending.push({ stream, text });
  }

  // ---- the host-network pods' processes (HostProcessTable) ----

  private shimOf(sandboxId: string): Proc | undefined {
    return [...this.kernel.procs.values()].find((p) => p.comm === 'containerd-shim' && p.argv.includes(sandboxId));
  }

  /** RunPodSandbox on the host network: the pod's shim and its pause process. */
  sandboxStarted(sandboxId: string, at: number): void {
    const shim = this.kernel.addInert('containerd-shim', ['/usr/local/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io', '-id', sandboxId, '-address', '/run/containerd/containerd.sock'], 1, at);
    this.kernel.addInert('pause', ['/pause'], shim.pid, at);
  }

  containerStarted(sandboxId: string, argv: string[], image: string, at: number): void {
    this.addContainer(sandboxId, containerProcesses(argv, image, at));
  }

  private addContainer(sandboxId: string, processes: HostPodProcesses['processes']): void {
    const shim = this.shimOf(sandboxId);
    if (!shim) return;
    let first: number | undefined;
    for (const c of processes) {
      const p = this.kernel.addInert(c.argv[0].split('/').pop()?.slice(0, 15) ?? '', c.argv, c.parent === 'first' && first !== undefined ? first : shim.pid, c.startedAt);
      daemonPs(p);
      first ??= p.pid;
    }
  }

  /** The container's processes are gone (its PID 1 exited: the PID namespace goes with it). */
  containerExited(sandboxId: string): void {
    const shim = this.shimOf(sandboxId);
    if (!shim) return;
    for (const pid of this.subtree(shim.pid).slice(1).reverse()) {
      const p = this.kernel.procs.get(pid);
      if (p && p.comm !== 'pause') this.kernel.terminate(p, { signal: 'SIGKILL' });
    }
  }

  sandboxRemoved(sandboxId: string): void {
    this.endPod(sandboxId);
  }

  /**
   * A host-network pod's processes end (its containers stopped, its sandbox removed): the pod's
   * shim, pause and container processes leave the process table. False when none was there.
   */
  endPod(sandboxId: string): boolean {
    const shim = [...this.kernel.procs.values()].find((p) => p.comm === 'containerd-shim' && p.argv.includes(sandboxId));
    if (!shim) return false;
    for (const pid of this.subtree(shim.pid).reverse()) {
      const p = this.kernel.procs.get(pid);
      if (p) this.kernel.terminate(p, { signal: 'SIGTERM' });
    }
    return true;
  }

  /** A process and its descendants, parents first. */
  private subtree(pid: number): number[] {
    const out = [pid];
    for (let i = 0; i < out.length; i++) {
      for (const c of this.kernel.procs.values()) if (c.ppid === out[i] && !out.includes(c.pid)) out.push(c.pid);
    }
    return out;
  }

  serveHttp(address: string, port: number, handler: (req: { method: string; path: string; headers: Array<[string, string]> }) => { status: number; headers?: Array<[string, string]>; body: string }): void {
    const api = this.o.fabric.api(`host:${this.name}`);
    api.listen({
      port,
      address,
      owner: port === 10249 ? 'kube-proxy' : 'host',
      http: (req, reply) => {
        const r = handler({ method: req.method, path: req.path, headers: req.headers });
        reply({ status: r.status, reason: REASONS[r.status] ?? '', headers: r.headers ?? [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(r.body.length)]], body: r.body });
      },
    });
  }
}

/** MemTotal of the hosts, kB: the Nodes' `capacity.memory` (8491008Ki), which the kubelet reads from /proc/meminfo. */
const MEM_TOTAL_KB = 8_491_008;

/**
 * What `ps aux` shows of the Kubernetes daemons: the VSZ, RSS (kB) and STAT of a v1.29-era
 * node's daemons in a real listing (kind control plane, `ps aux | grep -i airbyte`:
 * kubelet 2185224/108748, kube-controller-manager 1303984/111152, etcd 11222532/89820,
 * kube-proxy 1282292/55500, all `Ssl`). unverified: sizes of this cluster's own processes
 * (they vary with load), and of the daemons no listing showed (containerd, the API server,
 * the scheduler, calico, the shims), which keep 0.
 */
const DAEMON_PS: Record<string, { vsz: number; rss: number; stat: string }> = {
  kubelet: { vsz: 2_185_224, rss: 108_748, stat: 'Ssl' },
  'kube-controller-manager': { vsz: 1_303_984, rss: 111_152, stat: 'Ssl' },
  etcd: { vsz: 11_222_532, rss: 89_820, stat: 'Ssl' },
  'kube-proxy': { vsz: 1_282_292, rss: 55_500, stat: 'Ssl' },
};

function daemonPs(p: Proc): void {
  const d = DAEMON_PS[p.argv[0]?.split('/').pop() ?? ''];
  if (!d) return;
  p.memKb = { vsz: d.vsz, rss: d.rss };
  p.stat = d.stat;
}

/** The reader's terminal: an ssh login's pseudo-terminal (unverified: the first one, pts/0). */
const TERMINAL_TTY = 'pts/0';

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
