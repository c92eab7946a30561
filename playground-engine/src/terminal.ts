/**
 * The reader's terminal on k8s-master01: what it shows around a command's own output.
 *
 * When a command is still running after the terminal's wait (COMMAND_TIMEOUT_MS of virtual
 * time), the terminal presses Ctrl-C as a reader would: the tty echoes `^C` where the output
 * stood, SIGINT goes to the foreground job, and the interactive bash then acts as it does
 * after Ctrl-C (jobs.c wait_for): a job killed by SIGINT abandons the rest of the line
 * (`sleep 100; echo b` prints nothing more, status 130), while a job that handles SIGINT and
 * exits (ping prints its statistics) lets the line go on (`ping x; echo b` prints b).
 */
import type { EditRequest } from './kubectl/types';
import type { ExecResult, TerminalInterrupt } from './node/runtime/types';
import type { LineInput, Proc } from './node/runtime/kernel';
import type { PacketPath } from './trace';
import type { ShellSession } from './programs/types';
import { cloneShellSession } from './programs/shell/login';
import { COMMAND_TIMEOUT_MS, TERMINAL_INTERRUPTS, type Simulation } from './engine';

/** The text a terminal shows: the command's stdout with the tty's `^C` echo where each Ctrl-C came. */
export function withInterruptEcho(stdout: string, interrupts: readonly TerminalInterrupt[] | undefined): string {
  if (!interrupts?.length) return stdout;
  let out = '';
  let pos = 0;
  for (const i of interrupts) {
    const at = Math.min(Math.max(i.stdoutLen, pos), stdout.length);
    out += stdout.slice(pos, at) + '^C';
    pos = at;
  }
  out += stdout.slice(pos);
  // bash starts the prompt on a new line after the interrupted job (jobs.c: putchar ('\n')).
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** The simulator's own line (not the command's output) saying that the terminal stopped waiting. */
export function interruptNote(interrupts: readonly TerminalInterrupt[] | undefined, waitMs: number, timedOut: boolean): string | undefined {
  if (!interrupts?.length) return undefined;
  const at = interrupts.map((i) => `${i.atMs / 1000}s`).join(', ');
  const closed = timedOut ? '; the command still ran, so the terminal closed its session (SIGKILL)' : '';
  return `the command was still running after ${waitMs / 1000}s of virtual time: the terminal pressed Ctrl-C (SIGINT to the foreground job) at ${at}${closed}`;
}

/** The login prompt of the reader's terminal (the notes' `[root@k8s-master01 ~]#`). */
export const HOST_PROMPT = '[root@k8s-master01 ~]# ';

/** CentOS 7's PS1 `[\u@\h \W]\$ `: the last part of the directory, `~` for root's home. */
export function hostPromptIn(cwd: string): string {
  const w = cwd === '/root' ? '~' : cwd === '/' ? '/' : cwd.replace(/\/+$/, '').split('/').pop() || '/';
  return `[root@k8s-master01 ${w}]# `;
}


export interface SessionOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  packets?: PacketPath[];
  interrupts?: TerminalInterrupt[];
  timedOut?: boolean;
  /** Both streams in the order written (when the command wrote to both). */
  output?: ExecResult['output'];
  /** The simulator's notes on the command (a command the machine lacks), shown apart from its output. */
  notices?: ExecResult['notices'];
  /** The prompt the terminal shows next: the host's, or the shell the reader is now inside. */
  prompt: string;
  /** `kubectl edit` opened the reader's editor on this file (the line goes on when they save). */
  editing?: EditRequest;
}

interface Remote {
  input: LineInput;
  /** Where its output is read (an attached PID 1 writes to the container's log stream), else its captures. */
  output?: () => { stdout: string; stderr: string };
  /** What of its output the terminal has shown. */
  out: number;
  err: number;
}

/**
 * The reader's terminal as a session: lines go to the login bash of k8s-master01, or, after
 * `kubectl exec -ti POD -- sh` started an interactive shell, to that shell (its state kept
 * between lines) until it ends (`exit`, Ctrl-D); then kubectl returns and the host prompt with it.
 */
export class TerminalSession {
  private remote?: Remote;
  /** The host line that is still running (kubectl exec, attached to the remote shell). */
  private hostLine?: { result?: ExecResult; out: { stdout(): string; stderr(): string }; outPos: number; errPos: number };
  /** What the login shell keeps from line to line (cwd, variables, functions, aliases, `$?`). */
  readonly shell: ShellSession;

  constructor(private readonly sim: Simulation) {
    // the login shell as the Scenario's steps left it (they are typed at the same terminal)
    this.shell = cloneShellSession(sim.stepShell);
  }

  private get hostPrompt(): string {
    return hostPromptIn(this.shell.cwd);
  }

  get prompt(): string {
    const p = this.remote?.input.proc;
    return p?.alive ? remotePrompt(p) : this.hostPrompt;
  }

  /** Whether lines now go to a shell inside a container. */
  get inside(): boolean {
    return !!this.remote?.input.proc?.alive;
  }

  /** `editor`: the caller shows kubectl edit's file to the reader (the page); `edits`: what they saved. */
  send(line: string, io: { stdin?: string; tty?: boolean; editor?: boolean; edits?: readonly string[] } = {}): SessionOutput {
    if (this.inside) return this.sendRemote(line);
    if (!io.editor && !io.edits) return this.sendHost(line, io);
    // `kubectl edit` on this line takes the reader's saved texts, then opens the editor.
    const texts = [...(io.edits ?? [])];
    let editing: EditRequest | undefined;
    this.sim.terminalEditor = { next: () => texts.shift(), open: (req) => (editing = req) };
    try {
      const r = this.sendHost(line, io);
      return editing ? { ...r, editing } : r;
    } finally {
      this.sim.terminalEditor = undefined;
    }
  }

  /** Ctrl-D: end of input for the shell inside (at the host prompt: nothing, the page keeps its terminal). */
  eof(): SessionOutput {
    if (!this.inside) return { stdout: '', stderr: '', exitCode: 0, prompt: this.hostPrompt };
    return this.sendRemote(undefined);
  }

  private sendHost(line: string, io: { stdin?: string; tty?: boolean }): SessionOutput {
    const sim = this.sim;
    let out: { stdout(): string; stderr(): string } = { stdout: () => '', stderr: () => '' };
    sim.terminalAttach = (input, output) => {
      this.remote = { input, output, out: 0, err: 0 };
    };
    let r: ReturnType<Simulation['runCommandLine']>;
    try {
      r = sim.runCommandLine(line, { ...io, session: this.shell }, {
        started: (o) => (out = o),
        paused: () => this.inside,
        stopWhen: () => this.remoteWaiting(),
        done: (res) => {
          if (this.hostLine) this.hostLine.result = res;
        },
      });
    } finally {
      sim.terminalAttach = undefined;
    }
    if (r || !this.inside) {
      // an attached program that already ended (`kubectl exec -ti POD -- ls`): its output came first
      const remote = this.takeRemote();
      this.remote = undefined;
      const res = r ?? { exitCode: 137, stdout: '', stderr: '', timedOut: true };
      const picked = pick(res);
      // the attached program's output came first: the host line's interleaving no longer holds
      if (remote.stdout || remote.stderr) delete picked.output;
      return { ...picked, stdout: remote.stdout + res.stdout, stderr: remote.stderr + res.stderr, prompt: this.hostPrompt };
    }
    // An interactive shell now reads the terminal: show what came so far and its prompt.
    const hostOut = out.stdout();
    const hostErr = out.stderr();
    this.hostLine = { out, outPos: hostOut.length, errPos: hostErr.length };
    const remote = this.takeRemote();
    return { stdout: hostOut + remote.stdout, stderr: hostErr + remote.stderr, exitCode: 0, prompt: this.prompt };
  }

  private sendRemote(line: string | undefined): SessionOutput {
    const sim = this.sim;
    const remote = this.remote!;
    const p = remote.input.proc!;
    if (line === undefined) remote.input.close();
    else remote.input.push(line);
    const interrupts: TerminalInterrupt[] = [];
    // the same waits as at the host: Ctrl-C after each, then the session is closed
    for (let i = 0; ; i++) {
      sim.pump(() => !p.alive || this.remoteWaiting(), sim.queue.now + COMMAND_TIMEOUT_MS);
      if (!p.alive || this.remoteWaiting()) break;
      if (i >= TERMINAL_INTERRUPTS) {
        p.kernel.terminate(p, { signal: 'SIGKILL' });
        break;
      }
      const o = remote.output?.();
      interrupts.push({ atMs: sim.queue.now, stdoutLen: (o ? o.stdout.length : p.captures.stdout?.length ?? 0) - remote.out, stderrLen: (o ? o.stderr.length : p.captures.stderr?.length ?? 0) - remote.err });
      p.kernel.signal(p.pid, 'SIGINT');
    }
    const shown = this.takeRemote();
    const extra = interrupts.length ? { interrupts } : {};
    if (p.alive) return { ...shown, exitCode: 0, ...extra, prompt: this.prompt };
    // The shell ended: kubectl exec returns (its own messages, e.g. `command terminated with exit code 1`).
    const host = this.hostLine;
    this.hostLine = undefined;
    this.remote = undefined;
    if (!host) return { ...shown, exitCode: 0, ...extra, prompt: this.hostPrompt };
    // the host line finishes from here: kubectl is woken by the exec's end
    sim.pump(() => host.result !== undefined, sim.queue.now + COMMAND_TIMEOUT_MS);
    const stdout = host.out.stdout().slice(host.outPos);
    const stderr = host.out.stderr().slice(host.errPos);
    return { stdout: shown.stdout + stdout, stderr: shown.stderr + stderr, exitCode: host.result?.exitCode ?? 0, ...extra, prompt: this.hostPrompt };
  }

  private remoteWaiting(): boolean {
    return !!this.remote && this.remote.input.waiting && !!this.remote.input.proc?.alive;
  }

  /** The remote shell's output the terminal has not shown yet. */
  private takeRemote(): { stdout: string; stderr: string } {
    const r = this.remote;
    const p = r?.input.proc;
    if (!r || !p) return { stdout: '', stderr: '' };
    const o = r.output?.();
    const out = o ? o.stdout : p.captures.stdout?.text() ?? '';
    const err = o ? o.stderr : p.captures.stderr?.text() ?? '';
    const shown = { stdout: out.slice(r.out), stderr: err.slice(r.err) };
    r.out = out.length;
    r.err = err.length;
    return shown;
  }
}

function pick(r: ExecResult & { packets?: PacketPath[] }): Omit<SessionOutput, 'prompt'> {
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, ...(r.packets ? { packets: r.packets } : {}), ...(r.interrupts ? { interrupts: r.interrupts } : {}), ...(r.timedOut ? { timedOut: true } : {}), ...(r.output ? { output: r.output } : {}), ...(r.notices ? { notices: r.notices } : {}) };
}

/**
 * The prompt of an interactive shell in a container: bash in Debian images sets
 * `PS1='${debian_chroot:+($debian_chroot)}\u@\h:\w\$ '` (/etc/bash.bashrc) → `root@nginx:/# `;
 * BusyBox ash's default `\w \$ ` → `/ # `; dash's default for root → `# `.
 */
export function remotePrompt(p: Proc): string {
  const k = p.kernel;
  const path = k.which((p.argv[0] ?? '').replace(/^-/, ''), p.env.get('PATH'), '/');
  const program = typeof path === 'string' ? k.fs.stat(path)?.program ?? '' : '';
  const home = p.env.get('HOME') ?? '/root';
  const cwd = p.cwd === home ? '~' : p.cwd.startsWith(`${home}/`) ? `~${p.cwd.slice(home.length)}` : p.cwd;
  const sign = p.uid === 0 ? '#' : '$';
  // CentOS 7's /etc/bashrc: PS1="[\u@\h \W]\\$ " (the machines' own login shells, after `ssh HOST`)
  if (program.startsWith('bash') && k.opts.os.id === 'centos') return `[${p.uid === 0 ? 'root' : p.env.get('USER') ?? 'root'}@${p.ctx.hostname} ${cwd === '~' || cwd === '/' ? cwd : cwd.slice(cwd.lastIndexOf('/') + 1)}]${sign} `;
  if (program.startsWith('bash')) return `root@${p.ctx.hostname}:${cwd}${sign} `;
  if (program.startsWith('dash')) return `${sign} `;
  return `${cwd} ${sign} `;
}
