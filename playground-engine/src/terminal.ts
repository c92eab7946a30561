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
import type { TerminalInterrupt } from './node/runtime/types';

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
