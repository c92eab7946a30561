/**
 * `kubectl attach POD [-c CONTAINER] [-i] [-t]` (kubectl/pkg/cmd/attach/attach.go) and the attach
 * that `kubectl run -i` makes. The kubelet's GetAttach finds only a running container
 * (`container X not found in pod NAME_NS` otherwise). With -i the container's standard input is
 * kubectl's: in the reader's terminal with -t the lines typed go to PID 1 (`-- sh` is a shell
 * there until `exit`), elsewhere kubectl's own standard input, then its end. What the container
 * writes from the attach on is shown (stdout and stderr apart) until PID 1 exits.
 */
import type { Effect } from '../../programs/types';
import { plainError } from '../errors';
import { bool, str } from '../flags';
import { CONTAINER_FLAG, STREAM_FLAGS } from './common-flags';
import { type Command, type CommandContext, err, out, POLL_MS } from './context';
import { defaultContainer, findPod, hasContainer } from './pods';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The container's current log file (one stream, or both in order). */
export function logText(c: CommandContext, ns: string, pod: string, container: string, stream?: 'stdout' | 'stderr'): string {
  const l = c.host.logs(ns, pod, container, { stream });
  return l.ok ? l.text : '';
}

/**
 * attach.go Run from SetupTTY on: a TTY needs a terminal, the notice, then the stream. `fallback`
 * (run's handleAttachPod): a failed attach shows the logs after kubectl's warning instead of
 * failing.
 */
export function* attachTo(c: CommandContext, ns: string, pod: string, container: string, o: { tty: boolean; stdin: boolean; quiet: boolean; fallback?: boolean }): Generator<Effect, void, unknown> {
  let tty = o.tty;
  if (tty && c.io.tty === false) {
    tty = false;
    err(c, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (!o.quiet) err(c, "If you don't see a command prompt, try pressing enter.\n"); // unverified: v1.30 prints it without -t too
  const started = c.host.attach?.(ns, pod, container, { stdin: o.stdin ? c.io.stdin ?? '' : undefined, tty, interactive: tty && o.stdin });
  if (!started || 'error' in started) {
    const why = started && 'error' in started ? started.error : `unable to upgrade connection: container ${container} not found in pod ${pod}_${ns}`;
    if (o.fallback === false) throw plainError(why);
    // the kubelet finds only running containers: a quick command is already gone (run.go handleAttachPod)
    err(c, `warning: couldn't attach to pod/${pod}, falling back to streaming logs: ${why}\n`);
    out(c, logText(c, ns, pod, container));
    return;
  }
  if (started.terminal) {
    // the reader's terminal is the container's: the session shows what it writes
    if (!started.future.settled) yield { kind: 'await', future: started.future };
    if (!o.quiet) out(c, `Session ended, resume using 'kubectl attach ${pod} -c ${container} -i -t' command when the pod is running\n`);
    return;
  }
  // each stream to its own side, as attach's stdout and stderr are; woken at each line the
  // container writes (the kubelet's log stream: each stream read on from its own cursor) or
  // change of the pod, else looked at every POLL_MS
  const running = () => c.host.containerRunning ? c.host.containerRunning(ns, pod, container) : (c.host.get('Pod', ns, pod) as Any)?.status?.containerStatuses?.some((x: Any) => x.name === container && x.state?.running);
  let stdout = c.host.followLog?.(ns, pod, container, undefined, 'stdout');
  let stderr = stdout && c.host.followLog?.(ns, pod, container, undefined, 'stderr');
  if (!stdout || !stderr) {
    // no log stream to follow (a read-only host): the current file, looked at every POLL_MS
    const printed = { stdout: logText(c, ns, pod, container, 'stdout').length, stderr: logText(c, ns, pod, container, 'stderr').length };
    for (;;) {
      const before = c.host.now();
      yield { kind: 'sleep', ms: POLL_MS };
      for (const stream of ['stdout', 'stderr'] as const) {
        const text = logText(c, ns, pod, container, stream);
        if (text.length > printed[stream]) {
          (stream === 'stdout' ? out : err)(c, text.slice(printed[stream]));
          printed[stream] = text.length;
        }
      }
      if (!running() || c.host.now() === before) return;
    }
  }
  for (;;) {
    yield { kind: 'await', future: stdout.changed };
    stdout = c.host.followLog?.(ns, pod, container, stdout.cursor, 'stdout');
    stderr = c.host.followLog?.(ns, pod, container, stderr.cursor, 'stderr');
    if (!stdout || !stderr) return;
    if (stdout.text) out(c, stdout.text);
    if (stderr.text) err(c, stderr.text);
    if (!running()) return;
  }
}

function* runAttach(c: CommandContext) {
  const f = c.flags;
  if (c.args.length === 0) throw plainError('at least 1 argument is required for attach');
  if (c.args.length > 2) throw plainError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${c.args.length}: [${c.args.join(' ')}]`);
  const pod: Any = findPod(c, c.args.length === 2 ? `${c.args[0]}/${c.args[1]}` : c.args[0]);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw plainError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const quiet = bool(f, 'quiet');
  let container = str(f, 'container');
  if (container === '') container = defaultContainer(c, pod, quiet);
  else if (!hasContainer(pod, container)) throw plainError(`cannot attach to the container: container ${container} not found in pod ${pod.metadata.name}`);
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: Any) => x.name === container) ?? {};
  let tty = bool(f, 'tty');
  if (tty && !spec.tty) {
    tty = false;
    if (!quiet) err(c, `error: Unable to use a TTY - container ${container} did not allocate one\n`);
  } else if (!tty && spec.tty) tty = true;
  // SetupTTY: a raw terminal only with -i
  yield* attachTo(c, pod.metadata.namespace ?? c.namespace, pod.metadata.name, container, { tty: tty && bool(f, 'stdin'), stdin: bool(f, 'stdin'), quiet, fallback: false });
  return 0;
}

export const attachCommand: Command = {
  name: 'attach',
  short: 'Attach to a running container',
  use: 'attach (POD | TYPE/NAME) -c CONTAINER',
  flags: [
    CONTAINER_FLAG,
    ...STREAM_FLAGS,
  ],
  run: runAttach,
};
