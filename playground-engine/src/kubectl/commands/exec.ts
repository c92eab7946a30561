/**
 * `kubectl exec [-i] [-t] POD [-c CONTAINER] -- COMMAND [args...]` (kubectl/pkg/cmd/exec/exec.go):
 * the old form without `--` still runs with kubectl's deprecation notice; a finished pod is
 * refused; the process runs in virtual time (the program yields on the host's Future) and a
 * non-zero exit prints `command terminated with exit code N` and exits with N.
 */
import type { ExecResult } from '../../node/runtime/types';
import type { Future } from '../../programs/types';
import { KubectlError, apiError, plainError } from '../errors';
import { bool, str } from '../flags';
import { CONTAINER_FLAG, FILENAME_FLAG, STREAM_FLAGS } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';
import { defaultContainer, findPod, hasContainer } from './pods';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function* runExec(c: CommandContext) {
  const f = c.flags;
  const quiet = bool(f, 'quiet');
  let resourceName = '';
  let command: string[] = [];
  if (c.args.length > 0 && c.argsLenAtDash !== 0) resourceName = c.args[0];
  if (c.argsLenAtDash > -1) command = c.args.slice(c.argsLenAtDash);
  else if (c.args.length > 1) {
    if (!quiet) err(c, 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
    command = c.args.slice(1);
  }
  if (resourceName === '') throw plainError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw plainError('you must specify at least one command for the container');
  const pod: Any = findPod(c, resourceName);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw plainError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = str(f, 'container');
  if (container === '') container = defaultContainer(c, pod, quiet);
  // the API server's exec subresource (registry/core/pod strategy.go streamLocation)
  else if (!hasContainer(pod, container)) throw apiError('BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
  // StreamOptions.SetupTTY: a TTY needs -i, and standard input must be a terminal
  let tty = bool(f, 'tty') && bool(f, 'stdin');
  if (tty && c.io.tty === false) {
    tty = false;
    err(c, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const started = c.host.exec(pod.metadata.namespace ?? c.namespace, pod.metadata.name ?? '', container, command, {
    stdin: bool(f, 'stdin') ? c.io.stdin : undefined,
    tty,
    // the reader's terminal is attached to the process (the session routes the next lines to it)
    interactive: tty,
  });
  const r = yield* awaitExec(started);
  if (r.startError) notStarted(c, r);
  // with a TTY the remote stderr is merged into stdout
  out(c, r.stdout);
  if (tty) out(c, r.stderr);
  else err(c, r.stderr);
  if (r.exitCode !== 0) throw terminated(r.exitCode);
  return 0;
}

/** The exec's end (the API server's refusal, e.g. a missing pod, is kubectl's error). */
export function* awaitExec(started: Future<ExecResult> | { error: string }) {
  if ('error' in started) throw new KubectlError(started.error.endsWith('\n') ? started.error : `${started.error}\n`);
  if (!started.settled) yield { kind: 'await' as const, future: started };
  return started.value as ExecResult;
}

/** The runtime could not start the process: its message, then kubectl's exit line. */
export function notStarted(c: CommandContext, r: ExecResult): never {
  out(c, `${r.startError}\n`);
  throw terminated(r.exitCode !== 0 ? r.exitCode : 126);
}

export function terminated(code: number): KubectlError {
  return new KubectlError(`command terminated with exit code ${code}\n`, code);
}

export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  flags: [
    CONTAINER_FLAG,
    FILENAME_FLAG,
    ...STREAM_FLAGS,
  ],
  run: runExec,
};
