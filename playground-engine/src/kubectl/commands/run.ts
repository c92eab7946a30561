/**
 * `kubectl run NAME --image=IMAGE [--port] [--restart] [--labels] [--env] [--command] -- [ARGS]`
 * (kubectl/pkg/cmd/run/run.go): the Pod is built exactly as kubectl builds it (label
 * `run=NAME`, container named NAME, `dnsPolicy: ClusterFirst`, the restart policy), so
 * `--dry-run=client -o yaml` prints `creationTimestamp: null`, `resources: {}`, `status: {}`.
 */
import type { K8sObject } from '../../types';
import type { Effect } from '../../programs/types';
import { parseGoDuration } from '../../api/goduration';
import { KubectlError, plainError, usageError } from '../errors';
import { bool, list, str } from '../flags';
import { DRY_RUN_FLAG, OUTPUT_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out, untilChange } from './context';
import { parseDryRun } from './dry-run';
import { emitCreated } from './generated';
import { attachTo, logText } from './attach';
import { parseOutputFormat } from '../printers/output';

/** The docker reference grammar kubectl validates images with (distribution/reference). */
const REFERENCE = /^((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

function parseLabels(s: string): Record<string, string> | undefined {
  if (s === '') return undefined;
  const labels: Record<string, string> = {};
  for (const spec of s.split(',')) {
    const kv = spec.split('=');
    if (kv.length !== 2) throw plainError(`unexpected label spec: ${spec}`);
    if (kv[0] === '') throw plainError('unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return labels;
}

function parseEnvs(envs: string[]): Array<{ name: string; value: string }> {
  return envs.map((e) => {
    const eq = e.indexOf('=');
    const name = eq < 0 ? '' : e.slice(0, eq);
    if (eq < 0 || name === '' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw plainError(`invalid env: ${e}`);
    return { name, value: e.slice(eq + 1) };
  });
}

function* runRun(c: CommandContext) {
  const f = c.flags;
  if (c.flags.changed.has('image') === false) throw plainError('required flag(s) "image" not set');
  const labels = parseLabels(str(f, 'labels'));
  const envs = parseEnvs(list(f, 'env'));
  const interactive = bool(f, 'stdin');
  const restartFlag = f.changed.has('restart') ? str(f, 'restart') : 'Always';
  let restart = restartFlag;
  if (restartFlag === '') restart = interactive ? 'OnFailure' : 'Always';
  else if (!['Always', 'OnFailure', 'Never'].includes(restartFlag)) throw usageError(c.commandPath, `invalid restart policy: ${restartFlag}`);
  const pullPolicy = str(f, 'image-pull-policy');
  if (pullPolicy !== '' && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw usageError(c.commandPath, `invalid image pull policy: ${pullPolicy}`);
  const dryRun = parseDryRun(str(f, 'dry-run', 'none'));
  if (c.args.length === 0 || c.argsLenAtDash === 0) throw usageError(c.commandPath, 'NAME is required for run');
  const image = str(f, 'image');
  if (image === '') throw plainError('--image is required');
  if (!REFERENCE.test(image)) throw plainError(`Invalid image name "${image}": invalid reference format`);
  const tty = bool(f, 'tty');
  if (tty && !interactive) throw plainError('-i/--stdin is required for containers with -t/--tty=true');
  const port = str(f, 'port');
  if (bool(f, 'expose') && port === '') throw usageError(c.commandPath, '--port must be set when exposing a service');
  if (port !== '' && !/^[+-]?\d+$/.test(port)) throw plainError('--port must be a number');
  const attach = f.changed.has('attach') ? bool(f, 'attach') : interactive;
  if (!attach && bool(f, 'rm')) throw plainError('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw plainError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");

  const name = c.args[0];
  const args = c.args.slice(1);
  const container: Record<string, unknown> = { name, image, resources: {} };
  if (args.length > 0) container[bool(f, 'command') ? 'command' : 'args'] = args;
  if (envs.length > 0) container.env = envs;
  if (pullPolicy !== '') container.imagePullPolicy = pullPolicy;
  if (interactive) {
    container.stdin = true;
    if (!bool(f, 'leave-stdin-open')) container.stdinOnce = true;
  }
  if (tty) container.tty = true;
  if (bool(f, 'privileged')) container.securityContext = { privileged: true };
  if (port !== '') container.ports = [{ containerPort: Number(port) }];
  const annotations: Record<string, string> = {};
  for (const a of list(f, 'annotations')) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw plainError(`invalid annotation format: ${a}`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const metadata: Record<string, unknown> = { creationTimestamp: null, labels: labels ?? { run: name }, name };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  if (c.namespaceExplicit) metadata.namespace = c.namespace;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  } as unknown as K8sObject;
  if (bool(f, 'expose')) {
    // run.go generateService: created before the pod, selector = the pod's labels, no labels of its own
    const svcMeta: Record<string, unknown> = { creationTimestamp: null, name };
    if (c.namespaceExplicit) svcMeta.namespace = c.namespace;
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: svcMeta,
      spec: { ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }], selector: { ...(labels ?? { run: name }) } },
      status: { loadBalancer: {} },
    } as unknown as K8sObject;
    emitCreated(c, svc, str(f, 'output'), dryRun);
    // the real kubectl prints two separators between the Service and the Pod with -o yaml
    if (parseOutputFormat(str(f, 'output')).kind === 'yaml') c.io.write('stdout', '---\n---\n');
  }
  if (!attach) return emitCreated(c, pod, str(f, 'output'), dryRun);
  return yield* runAttached(c, pod, { tty, stdin: interactive, restart, remove: bool(f, 'rm'), quiet: bool(f, 'quiet'), leaveStdinOpen: bool(f, 'leave-stdin-open') });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/**
 * `kubectl run -i / --attach [--rm]` (run.go, handleAttachPod): the pod is created without the
 * `pod/x created` line; kubectl waits (--pod-running-timeout, 1m0s) until it is running and
 * ready, or done. A pod already done shows its logs; a running one is attached (attach.ts).
 * With restart Never / OnFailure kubectl then waits for the pod to finish and exits with the
 * container's exit code; --rm deletes the pod at the end (`pod "x" deleted`).
 */
function* runAttached(c: CommandContext, pod: K8sObject, o: { tty: boolean; stdin: boolean; restart: string; remove: boolean; quiet: boolean; leaveStdinOpen: boolean }): Generator<Effect, number, unknown> {
  const timeout = str(c.flags, 'pod-running-timeout', '1m0s');
  const parsed = parseGoDuration(timeout);
  if ('error' in parsed) throw plainError(`invalid argument "${timeout}" for "--pod-running-timeout" flag: ${parsed.error}`);
  const r = c.host.createObject(pod, {});
  if (!r.ok) throw new KubectlError(r.stderr.map((l) => `${l}\n`).join('') || 'error: creation failed\n');
  for (const line of r.stderr) err(c, `${line}\n`);
  const ns = r.object?.metadata.namespace ?? c.namespace;
  const name = r.object?.metadata.name ?? pod.metadata.name ?? '';
  const container = name;
  const current = (): Any => c.host.get('Pod', ns, name);
  const done = (p: Any) => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed';
  const readyRunning = (p: Any) => p?.status?.phase === 'Running' && (p.status.conditions ?? []).some((x: Any) => x.type === 'Ready' && x.status === 'True');
  let failure: KubectlError | null = null;
  try {
    if (!c.canWait) return 0;
    // waitForPod(podRunningAndReady): woken at each change of a pod (the watch), or at the deadline
    const deadline = c.host.now() + parsed.ms;
    while (!done(current()) && !readyRunning(current())) {
      if (!current()) throw plainError(`pods "${name}" not found`);
      if (c.host.now() >= deadline) throw plainError('timed out waiting for the condition');
      if (!(yield* untilChange(c, 'Pod', ns, deadline))) return 0;
    }
    if (done(current())) out(c, logText(c, ns, name, container));
    else yield* attachTo(c, ns, name, container, { tty: o.tty, stdin: o.stdin, quiet: o.quiet });
    const waitForExit = !o.leaveStdinOpen && (o.restart === 'Never' || o.restart === 'OnFailure');
    if (!waitForExit) return 0;
    // podCompleted (Never) / podSucceeded (OnFailure)
    const finished = (p: Any) => (o.restart === 'Never' ? done(p) : p?.status?.phase === 'Succeeded');
    while (!finished(current())) {
      if (!current()) throw plainError(`pods "${name}" not found`);
      if (!(yield* untilChange(c, 'Pod', ns))) return 0;
    }
    const p = current();
    if (p.status.phase === 'Succeeded') return 0;
    const term = p.status.containerStatuses?.[0]?.state?.terminated;
    if (term && term.exitCode !== 0) failure = new KubectlError(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`.replace(/\n?$/, '\n'), term.exitCode);
    else failure = plainError(`pod ${ns}/${name} failed with unknown exit code`);
    return 0;
  } finally {
    // --rm: removeCreatedObjects, deferred, so its line comes before the error
    if (o.remove && c.host.get('Pod', ns, name)) {
      const d = c.host.delete('Pod', ns, name, {});
      if (d.ok) out(c, `pod "${name}" deleted\n`);
    }
    if (failure) throw failure;
  }
}

export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'image', type: 'string' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'restart', type: 'string' },
    { name: 'labels', shorthand: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'command', type: 'bool' },
    { name: 'stdin', shorthand: 'i', type: 'bool' },
    { name: 'tty', shorthand: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'quiet', shorthand: 'q', type: 'bool' },
    { name: 'overrides', type: 'string' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string' },
  ],
  run: runRun,
};
