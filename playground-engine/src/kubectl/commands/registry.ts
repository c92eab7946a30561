/**
 * kubectl's command tree: the commands this simulation implements, and the names of the other
 * v1.30 commands (for cobra's `Did you mean this?` suggestions and the root help), which answer
 * that they are not available here.
 */
import { plainError } from '../errors';
import { applyCommand, replaceCommand } from './apply';
import { attachCommand } from './attach';
import type { Command } from './context';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { cpCommand } from './cp';
import { editCommand } from './edit';
import { execCommand } from './exec';
import { explainCommand } from './explain';
import { exposeCommand } from './expose';
import { getCommand } from './get';
import { apiResourcesCommand, clusterInfoCommand, topCommand, versionCommand } from './info';
import { logsCommand } from './logs';
import { portForwardCommand } from './portforward';
import { annotateCommand, labelCommand } from './label';
import { runCommand } from './run';
import { waitCommand } from './wait';
import { eventsCommand } from './events';
import { cordon, rolloutCommand, scaleCommand, setCommand, uncordon } from './deploy';

export const IMPLEMENTED: Command[] = [
  apiResourcesCommand,
  annotateCommand,
  applyCommand,
  attachCommand,
  clusterInfoCommand,
  cordon,
  cpCommand,
  createCommand,
  deleteCommand,
  describeCommand,
  editCommand,
  execCommand,
  explainCommand,
  exposeCommand,
  getCommand,
  labelCommand,
  logsCommand,
  portForwardCommand,
  replaceCommand,
  rolloutCommand,
  runCommand,
  scaleCommand,
  setCommand,
  topCommand,
  uncordon,
  versionCommand,
  waitCommand,
  eventsCommand,
];

/** kubectl v1.30's root help: groups of [name, Short]. */
export const ROOT_GROUPS: Array<[string, Array<[string, string]>]> = [
  [
    'Basic Commands (Beginner)',
    [
      ['create', 'Create a resource from a file or from stdin'],
      ['expose', 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service'],
      ['run', 'Run a particular image on the cluster'],
      ['set', 'Set specific features on objects'],
    ],
  ],
  [
    'Basic Commands (Intermediate)',
    [
      ['explain', 'Get documentation for a resource'],
      ['get', 'Display one or many resources'],
      ['edit', 'Edit a resource on the server'],
      ['delete', 'Delete resources by file names, stdin, resources and names, or by resources and label selector'],
    ],
  ],
  [
    'Deploy Commands',
    [
      ['rollout', 'Manage the rollout of a resource'],
      ['scale', 'Set a new size for a deployment, replica set, or replication controller'],
      ['autoscale', 'Auto-scale a deployment, replica set, stateful set, or replication controller'],
    ],
  ],
  [
    'Cluster Management Commands',
    [
      ['certificate', 'Modify certificate resources'],
      ['cluster-info', 'Display cluster information'],
      ['top', 'Display resource (CPU/memory) usage'],
      ['cordon', 'Mark node as unschedulable'],
      ['uncordon', 'Mark node as schedulable'],
      ['drain', 'Drain node in preparation for maintenance'],
      ['taint', 'Update the taints on one or more nodes'],
    ],
  ],
  [
    'Troubleshooting and Debugging Commands',
    [
      ['describe', 'Show details of a specific resource or group of resources'],
      ['logs', 'Print the logs for a container in a pod'],
      ['attach', 'Attach to a running container'],
      ['exec', 'Execute a command in a container'],
      ['port-forward', 'Forward one or more local ports to a pod'],
      ['proxy', 'Run a proxy to the Kubernetes API server'],
      ['cp', 'Copy files and directories to and from containers'],
      ['auth', 'Inspect authorization'],
      ['debug', 'Create debugging sessions for troubleshooting workloads and nodes'],
      ['events', 'List events'],
    ],
  ],
  [
    'Advanced Commands',
    [
      ['diff', 'Diff the live version against a would-be applied version'],
      ['apply', 'Apply a configuration to a resource by file name or stdin'],
      ['patch', 'Update fields of a resource'],
      ['replace', 'Replace a resource by file name or stdin'],
      ['wait', 'Experimental: Wait for a specific condition on one or many resources'],
      ['kustomize', 'Build a kustomization target from a directory or URL'],
    ],
  ],
  [
    'Settings Commands',
    [
      ['label', 'Update the labels on a resource'],
      ['annotate', 'Update the annotations on a resource'],
      ['completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'],
    ],
  ],
  [
    'Other Commands',
    [
      ['api-resources', 'Print the supported API resources on the server'],
      ['api-versions', 'Print the supported API versions on the server, in the form of "group/version"'],
      ['config', 'Modify kubeconfig files'],
      ['plugin', 'Provides utilities for interacting with plugins'],
      ['version', 'Print the client and server version information'],
    ],
  ],
];

function unavailable(name: string, short: string): Command {
  return {
    name,
    short,
    use: name,
    flags: [],
    unavailable: true,
    // eslint-disable-next-line require-yield
    *run() {
      throw plainError(`"kubectl ${name}" is not available in this simulated cluster`);
    },
  };
}

/** Every top-level command, sorted by name as cobra lists them (plus cobra's `help`). */
export function allCommands(): Command[] {
  const byName = new Map<string, Command>();
  for (const c of IMPLEMENTED) byName.set(c.name, c);
  for (const [, cmds] of ROOT_GROUPS) for (const [n, s] of cmds) if (!byName.has(n)) byName.set(n, unavailable(n, s));
  for (const [n, s] of [
    ['alpha', 'Commands for features in alpha'],
    ['options', 'Print the list of flags inherited by all commands'],
    ['help', 'Help about any command'],
  ] as const) {
    if (!byName.has(n)) byName.set(n, unavailable(n, s));
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
