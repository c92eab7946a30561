/**
 * `kubectl describe` (kubectl/pkg/cmd/describe/describe.go): objects by type and name (or name
 * prefix when no object has that exact name), all objects of a type, or -f FILE; several
 * descriptions separated by a blank line pair (by prefix: one blank line after each); `No resources found in <ns> namespace.`.
 */
import type { K8sObject } from '../../types';
import { KubectlError, usageError } from '../errors';
import { bool, list, str } from '../flags';
import { describeGeneric } from '../describe/generic';
import { describeNode } from '../describe/node';
import { describePod } from '../describe/pod';
import { describeService } from '../describe/service';
import { describeDeployment, describeReplicaSet } from '../describe/deployment';
import { describeEndpoints } from '../describe/endpoints';
import { describeConfigMap, describeSecret } from '../describe/configmap';
import { describeCronJob, describeJob } from '../describe/batch';
import { describeDaemonSet, describeStatefulSet } from '../describe/sets';
import { describeEndpointSlice, describeNamespace, describeServiceAccount } from '../describe/kinds-misc';
import { resolveResource } from '../resources';
import { buildInfos } from './builder';
import { ALL_NAMESPACES_FLAG, FILENAME_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';

export function describeObject(c: CommandContext, obj: K8sObject): string {
  const now = c.host.now();
  switch (obj.kind) {
    case 'Pod':
      return describePod(obj, c.host, now);
    case 'Node':
      return describeNode(obj, c.host, now);
    case 'Service':
      return describeService(obj, c.host, now);
    case 'Deployment':
      return describeDeployment(obj, c.host, now);
    case 'ReplicaSet':
      return describeReplicaSet(obj, c.host, now);
    case 'Endpoints':
      return describeEndpoints(obj, c.host, now);
    case 'ConfigMap':
      return describeConfigMap(obj, c.host, now);
    case 'Secret':
      return describeSecret(obj);
    case 'Job':
      return describeJob(obj, c.host, now);
    case 'CronJob':
      return describeCronJob(obj, c.host, now);
    case 'DaemonSet':
      return describeDaemonSet(obj, c.host, now);
    case 'StatefulSet':
      return describeStatefulSet(obj, c.host, now);
    case 'Namespace':
      return describeNamespace(obj, c.host);
    case 'ServiceAccount':
      return describeServiceAccount(obj, c.host, now);
    case 'EndpointSlice':
      return describeEndpointSlice(obj, c.host, now);
    default:
      return describeGeneric(obj, c.host, now);
  }
}

function* runDescribe(c: CommandContext) {
  const f = c.flags;
  const filenames = list(f, 'filename');
  if (c.args.length === 0 && filenames.length === 0) {
    err(c, 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw usageError('kubectl describe', 'Required resource not specified.');
  }
  const allNamespaces = bool(f, 'all-namespaces');
  const built = buildInfos(c, { args: c.args, selector: str(f, 'selector'), allNamespaces, filenames, recursive: bool(f, 'recursive'), allowEmptySelector: true });
  let infos = built.infos;
  let errors = built.errors;
  let byPrefix = false;
  // `describe pod ngin`: describe the objects whose names start with the argument
  if (errors.length > 0 && c.args.length === 2 && !c.args[0].includes('/')) {
    const r = resolveResource(c.host.resources(), c.args[0].split(',')[0]);
    if (r) {
      const matching = c.host.list(r.kind, r.namespaced ? c.namespace : undefined).filter((o) => (o.metadata.name ?? '').startsWith(c.args[1]));
      if (matching.length > 0) {
        infos = matching.map((object) => ({ resource: r, object }));
        errors = [];
        byPrefix = true;
      }
    }
  }
  let first = true;
  for (const info of infos) {
    const s = describeObject(c, info.object);
    // DescribeMatchingResources prints `%s\n` per object; the named path separates by "\n\n"
    if (byPrefix) out(c, `${s}\n`);
    else out(c, first ? s : `\n\n${s}`);
    first = false;
  }
  if (infos.length === 0 && errors.length === 0) {
    err(c, allNamespaces ? 'No resources found\n' : `No resources found in ${c.namespace} namespace.\n`);
  }
  if (errors.length > 0) throw new KubectlError(errors.join(''));
  return 0;
}

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  flags: [SELECTOR_FLAG, ALL_NAMESPACES_FLAG, FILENAME_FLAG, RECURSIVE_FLAG, { name: 'show-events', type: 'bool' }, { name: 'chunk-size', type: 'int' }],
  run: runDescribe,
};
