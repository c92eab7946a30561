/**
 * `kubectl run NAME --image=IMAGE [--port] [--restart] [--labels] [--env] [--command] -- [ARGS]`
 * (kubectl/pkg/cmd/run/run.go): the Pod is built exactly as kubectl builds it (label
 * `run=NAME`, container named NAME, `dnsPolicy: ClusterFirst`, the restart policy), so
 * `--dry-run=client -o yaml` prints `creationTimestamp: null`, `resources: {}`, `status: {}`.
 */
import type { K8sObject } from '../../types';
import { plainError, usageError } from '../errors';
import { bool, list, str } from '../flags';
import { DRY_RUN_FLAG, OUTPUT_FLAG } from './common-flags';
import { type Command, type CommandContext } from './context';
import { parseDryRun } from './dry-run';
import { emitCreated } from './generated';
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
  return emitCreated(c, pod, str(f, 'output'), dryRun);
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
