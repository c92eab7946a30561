/**
 * `kubectl create -f FILE` and the generators `create deployment`, `create namespace`,
 * `create configmap` (kubectl/pkg/cmd/create/create.go, create_deployment.go,
 * create_namespace.go, create_configmap.go). The generated objects are the Go structs kubectl
 * builds, so `--dry-run=client -o yaml` shows their zero values: `creationTimestamp: null`,
 * `strategy: {}`, `resources: {}`, `status: {}`.
 */
import type { K8sObject } from '../../types';
import { KubectlError, plainError, usageError } from '../errors';
import { int, list, str } from '../flags';
import { DRY_RUN_FLAG, OUTPUT_FLAG } from './common-flags';
import { type Command, type CommandContext, err } from './context';
import { CREATE_FILE_FLAGS, applyFiles } from './apply';
import { parseDryRun } from './dry-run';
import { emitCreated } from './generated';
import { renderCommandHelp } from './help';
import { createServiceCommand } from './expose';

/** create.go NameFromCommandArgs. */
function nameFromArgs(c: CommandContext): string {
  const n = c.argsLenAtDash === -1 ? c.args.length : c.argsLenAtDash;
  if (n !== 1) throw usageError(c.commandPath, `exactly one NAME is required, got ${n}`);
  return c.args[0];
}

/** utilrand.String's alphabet; the suffix is derived from the name so runs stay reproducible. */
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function suffixFor(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += RAND_ALPHABET[h % RAND_ALPHABET.length];
    h = Math.imul(h ^ (h >>> 13), 2246822519) >>> 0;
  }
  return s;
}

/** create_deployment.go buildPodSpec: container name from the image's last path segment. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${suffixFor(image)}`;
  return name;
}

function withNamespace(c: CommandContext, metadata: Record<string, unknown>): Record<string, unknown> {
  if (c.namespaceExplicit) metadata.namespace = c.namespace;
  return metadata;
}

function* runCreateDeployment(c: CommandContext) {
  const f = c.flags;
  if (!f.changed.has('image')) throw plainError('required flag(s) "image" not set');
  const name = nameFromArgs(c);
  const command = c.args.length > 1 ? c.args.slice(1) : undefined;
  const images = list(f, 'image');
  if (images.length > 1 && command) throw plainError('cannot specify multiple --image options and command');
  const dryRun = parseDryRun(str(f, 'dry-run', 'none'));
  const labels = { app: name };
  const containers = images.map((image) => {
    const ctr: Record<string, unknown> = { name: containerNameFromImage(image), image };
    if (command) ctr.command = command;
    ctr.resources = {};
    return ctr;
  });
  const port = int(f, 'port', -1);
  if (port >= 0 && containers.length > 0) containers[0].ports = [{ containerPort: port }];
  const deploy = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: withNamespace(c, { creationTimestamp: null, labels, name }),
    spec: {
      replicas: int(f, 'replicas', 1),
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
    },
    status: {},
  } as unknown as K8sObject;
  return emitCreated(c, deploy, str(f, 'output'), dryRun, 'failed to create deployment: ');
}

function* runCreateNamespace(c: CommandContext) {
  const name = nameFromArgs(c);
  const dryRun = parseDryRun(str(c.flags, 'dry-run', 'none'));
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} } as unknown as K8sObject;
  return emitCreated(c, ns, str(c.flags, 'output'), dryRun, undefined, false);
}

function* runCreateConfigMap(c: CommandContext) {
  const name = nameFromArgs(c);
  const dryRun = parseDryRun(str(c.flags, 'dry-run', 'none'));
  const data: Record<string, string> = {};
  for (const lit of list(c.flags, 'from-literal')) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw plainError(`invalid literal source ${lit}, expected key=value`);
    const key = lit.slice(0, eq);
    if (key in data) throw plainError(`cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    data[key] = lit.slice(eq + 1);
  }
  const cm: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: withNamespace(c, { creationTimestamp: null, name }) };
  if (Object.keys(data).length > 0) cm.data = data;
  return emitCreated(c, cm as unknown as K8sObject, str(c.flags, 'output'), dryRun, undefined, false);
}

const GENERATOR_FLAGS = [OUTPUT_FLAG, DRY_RUN_FLAG, { name: 'save-config', type: 'bool' as const }, { name: 'validate', type: 'string' as const, noOptDefVal: 'strict' }, { name: 'field-manager', type: 'string' as const }, { name: 'template', type: 'string' as const }, { name: 'show-managed-fields', type: 'bool' as const }, { name: 'allow-missing-template-keys', type: 'bool' as const }];

export const createDeploymentCommand: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  use: 'deployment NAME --image=image -- [COMMAND] [args...]',
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'stringSlice' }, { name: 'port', type: 'int' }, { name: 'replicas', shorthand: 'r', type: 'int' }],
  run: runCreateDeployment,
};

export const createNamespaceCommand: Command = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  use: 'namespace NAME [--dry-run=server|client|none]',
  flags: GENERATOR_FLAGS,
  run: runCreateNamespace,
};

export const createConfigMapCommand: Command = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  flags: [...GENERATOR_FLAGS, { name: 'from-literal', type: 'stringArray' }, { name: 'from-file', type: 'stringSlice' }, { name: 'from-env-file', type: 'stringSlice' }, { name: 'append-hash', type: 'bool' }],
  run: runCreateConfigMap,
};

function* runCreate(c: CommandContext) {
  if (list(c.flags, 'filename').length === 0) {
    // create.go: the error, then the command's help, on stderr, exit 1
    err(c, 'Error: must specify one of -f and -k\n\n');
    err(c, renderCommandHelp(createCommand, 'kubectl create'));
    throw new KubectlError('');
  }
  if (c.args.length > 0) throw usageError(c.commandPath, `Unexpected args: [${c.args.join(' ')}]`);
  return yield* applyFiles(c, 'create');
}

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  use: 'create -f FILENAME',
  flags: [...CREATE_FILE_FLAGS, { name: 'selector', shorthand: 'l', type: 'string' }, { name: 'field-manager', type: 'string' }, { name: 'windows-line-endings', type: 'bool' }],
  run: runCreate,
  subcommands: [createConfigMapCommand, createDeploymentCommand, createNamespaceCommand, createServiceCommand],
};
