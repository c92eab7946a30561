/**
 * `kubectl logs` (kubectl/pkg/cmd/logs/logs.go): POD [CONTAINER], -c, -p/--previous, --tail;
 * the log text (or the kubelet's error, e.g. `container "nginx" in pod "nginx" is waiting to
 * start: ContainerCreating`) comes from the host.
 */
import type { K8sObject } from '../../types';
import type { Effect } from '../../programs/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
import { KubectlError, plainError } from '../errors';
import { matches, parseSelector } from '../labels';
import { bool, int, str } from '../flags';
import { CONTAINER_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';
import { defaultContainer, findPod, hasContainer } from './pods';

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';

function tailLines(text: string, tail: number): string {
  if (tail < 0) return text;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const kept = tail === 0 ? [] : lines.slice(-tail);
  return kept.length > 0 ? `${kept.join('\n')}\n` : '';
}

function* runLogs(c: CommandContext) {
  const f = c.flags;
  const selector = str(f, 'selector');
  if (c.args.length === 0 && selector === '') {
    throw plainError(`expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
  }
  if (c.args.length > 0 && selector !== '') throw plainError('only a selector (-l) or a POD name is allowed');
  if (c.args.length > 2) throw plainError(`expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
  let container = str(f, 'container');
  if (c.args.length === 2) {
    if (container !== '') throw plainError('only one of -c or an inline [CONTAINER] arg is allowed');
    container = c.args[1];
  }
  const pods: K8sObject[] = [];
  if (selector !== '') {
    const sel = parseSelector(selector);
    if (!sel.ok) throw plainError(sel.error);
    pods.push(...c.host.list('Pod', c.namespace).filter((p) => matches(sel.reqs, p.metadata.labels)));
    if (pods.length === 0) {
      err(c, `No resources found in ${c.namespace} namespace.\n`);
      return 0;
    }
  } else pods.push(findPod(c, c.args[0]));
  // with a selector kubectl shows the last 10 lines unless --tail says otherwise
  const tail = f.changed.has('tail') ? int(f, 'tail', -1) : selector !== '' ? 10 : -1;
  let text = '';
  for (const pod of pods) {
    let name = container;
    if (name === '') name = defaultContainer(c, pod, false);
    else if (!hasContainer(pod, name)) throw plainError(`container ${name} is not valid for pod ${pod.metadata.name}`);
    const r = c.host.logs(pod.metadata.namespace ?? c.namespace, pod.metadata.name ?? '', name, { previous: bool(f, 'previous') });
    if (!r.ok) throw new KubectlError(r.error.endsWith('\n') ? r.error : `${r.error}\n`);
    text += tailLines(r.text, tail);
  }
  out(c, text);
  if (!bool(f, 'follow') || !c.canWait || pods.length !== 1 || bool(f, 'previous')) return 0;
  return yield* followLog(c, pods[0], container || defaultContainer(c, pods[0], true));
}

/**
 * `logs -f`: keep printing what the container writes, at the virtual time it writes it (the
 * host wakes kubectl then), until it stops running (the stream ends as the real one does) or
 * the terminal's Ctrl-C.
 */
function* followLog(c: CommandContext, pod: K8sObject, container: string): Generator<Effect, number, unknown> {
  const ns = pod.metadata.namespace ?? c.namespace;
  const name = pod.metadata.name ?? '';
  let batch = c.host.followLog?.(ns, name, container);
  for (;;) {
    if (!batch) return 0;
    const cur = c.host.get('Pod', ns, name) as Any;
    const st = [...(cur?.status?.containerStatuses ?? []), ...(cur?.status?.initContainerStatuses ?? [])].find((x: Any) => x.name === container);
    if (!cur || cur.metadata?.uid !== batch.cursor.uid || !st?.state?.running || Number(st.restartCount ?? 0) !== batch.cursor.attempt) return 0;
    yield { kind: 'await', future: batch.changed };
    batch = c.host.followLog!(ns, name, container, batch.cursor);
    if (batch?.text) out(c, batch.text);
  }
}

export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  flags: [
    CONTAINER_FLAG,
    SELECTOR_FLAG,
    { name: 'previous', shorthand: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'follow', shorthand: 'f', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'prefix', type: 'bool' },
  ],
  run: runLogs,
};
