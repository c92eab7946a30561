/**
 * Commands about the cluster rather than its objects:
 * - `kubectl api-resources` (kubectl/pkg/cmd/apiresources/apiresources.go): columns
 *   NAME SHORTNAMES APIVERSION NAMESPACED KIND (+ VERBS CATEGORIES with -o wide, comma-joined),
 *   sorted by group then name, `-o name` as `pods` / `deployments.apps`;
 * - `kubectl version`: Client / Kustomize / Server lines of kubectl v1.30;
 * - `kubectl cluster-info` (cmd/clusterinfo/clusterinfo.go), without the colour codes;
 * - `kubectl top`: its subcommands are in top.ts (a host without a Metrics API: `error: Metrics API not available`).
 */
import type { K8sObject } from '../../types';
import { plainError, usageError } from '../errors';
import { bool, list, str } from '../flags';
import { newKubectlTabWriter } from '../go/tabwriter';
import { groupOf } from '../resources';
import type { ClusterInfo, ResourceInfo } from '../types';
import { type Command, type CommandContext, out } from './context';
import { parentRun } from './help';
import { versionInfo } from '../../api/version';
import { runTopNode, runTopPod } from './top';
import { toYaml } from '../printers/yaml';

const DEFAULT_VERSION = 'v1.30.2';
/** The Kustomize library kubectl v1.30 is built with (`kubectl version`). */
const KUSTOMIZE_VERSION = 'v5.0.4-0.20230601165947-6ce0bf390ce3';

function* runApiResources(c: CommandContext) {
  const f = c.flags;
  if (c.args.length > 0) throw usageError(c.commandPath, `unexpected arguments: [${c.args.join(' ')}]`);
  const output = str(f, 'output');
  if (!['', 'wide', 'name'].includes(output)) throw plainError(`--output ${output} is not available`);
  const sortBy = str(f, 'sort-by');
  if (sortBy && !['name', 'kind'].includes(sortBy)) throw plainError('--sort-by accepts only name or kind');
  const verbs = list(f, 'verbs');
  const categories = list(f, 'categories');
  const namespaced = bool(f, 'namespaced', true);
  const seen = new Set<string>();
  const rows = c.host.resources().filter((r) => {
    const key = `${r.apiVersion}/${r.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (f.changed.has('api-group') && str(f, 'api-group') !== groupOf(r.apiVersion)) return false;
    if (f.changed.has('namespaced') && namespaced !== r.namespaced) return false;
    if (verbs.length > 0 && !verbs.every((v) => (r.verbs ?? []).includes(v))) return false;
    if (categories.length > 0 && !categories.every((v) => (r.categories ?? []).includes(v))) return false;
    return true;
  });
  const key = (r: ResourceInfo) => (sortBy === 'name' ? r.name : sortBy === 'kind' ? r.kind : groupOf(r.apiVersion));
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ka = key(a.r);
      const kb = key(b.r);
      if (ka !== kb) return ka < kb ? -1 : 1;
      if (a.r.name !== b.r.name) return a.r.name < b.r.name ? -1 : 1;
      return a.i - b.i;
    })
    .map((x) => x.r);
  const w = newKubectlTabWriter();
  if (!bool(f, 'no-headers') && output !== 'name') {
    w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${output === 'wide' ? '\tVERBS\tCATEGORIES' : ''}\n`);
  }
  for (const r of sorted) {
    const g = groupOf(r.apiVersion);
    if (output === 'name') w.write(`${r.name}${g ? `.${g}` : ''}\n`);
    else {
      let line = `${r.name}\t${r.shortNames.join(',')}\t${r.apiVersion}\t${r.namespaced}\t${r.kind}`;
      if (output === 'wide') line += `\t${(r.verbs ?? []).join(',')}\t${(r.categories ?? []).join(',')}`;
      w.write(`${line}\n`);
    }
  }
  w.flush();
  out(c, w.take());
  return 0;
}

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  use: 'api-resources',
  flags: [
    { name: 'output', shorthand: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'api-group', type: 'string' },
    { name: 'namespaced', type: 'bool' },
    { name: 'verbs', type: 'stringSlice' },
    { name: 'categories', type: 'stringSlice' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool' },
  ],
  run: runApiResources,
};

/** The API server's address and version: from the host, else the `kubernetes` Service's endpoints. */
export function clusterInfoOf(c: CommandContext): ClusterInfo {
  const fromHost = c.host.clusterInfo?.();
  if (fromHost) return fromHost;
  const ep = c.host.get('Endpoints', 'default', 'kubernetes') as (K8sObject & { subsets?: Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }> }) | undefined;
  const ip = ep?.subsets?.[0]?.addresses?.[0]?.ip ?? '127.0.0.1';
  const port = ep?.subsets?.[0]?.ports?.[0]?.port ?? 6443;
  return { serverVersion: DEFAULT_VERSION, controlPlaneUrl: `https://${ip}:${port}` };
}

/** json.MarshalIndent(v, "", "  "), as kubectl version -o json writes it. */
function jsonTwoSpaces(v: unknown): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}

function* runVersion(c: CommandContext) {
  const f = c.flags;
  const output = str(f, 'output');
  if (output !== '' && output !== 'yaml' && output !== 'json') throw plainError("--output must be 'yaml' or 'json'");
  const client = bool(f, 'client');
  const info = client ? undefined : clusterInfoOf(c);
  if (output === '') {
    let text = `Client Version: ${DEFAULT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (info) text += `Server Version: ${info.serverVersion}\n`;
    out(c, text);
    return 0;
  }
  // the kubectl binary's own build time is not known: the release's server build time stands in for it // unverified
  const doc: Record<string, unknown> = { clientVersion: versionInfo(DEFAULT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
  if (info) doc.serverVersion = versionInfo(info.serverVersion);
  out(c, output === 'json' ? jsonTwoSpaces(doc) : toYaml(doc));
  return 0;
}

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  use: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', shorthand: 'o', type: 'string' },
  ],
  run: runVersion,
};

interface ServiceLike {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: { ports?: Array<{ name?: string; port: number }> };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}

/** utilnet.JoinSchemeNamePort. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  return port ? `${name}:${port}` : name;
}

function* runClusterInfo(c: CommandContext) {
  const host = clusterInfoOf(c).controlPlaneUrl;
  const ns = c.namespaceExplicit ? c.namespace : 'kube-system';
  let text = `Kubernetes control plane is running at ${host}\n`;
  for (const svc of c.host.list('Service', ns) as unknown as ServiceLike[]) {
    if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
    let link = '';
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) {
      const ip = ingress[0].ip || ingress[0].hostname || '';
      for (const p of svc.spec?.ports ?? []) link += `http://${ip}:${p.port} `;
    } else {
      let name = svc.metadata.name ?? '';
      const p = svc.spec?.ports?.[0];
      if (p) name = joinSchemeNamePort(p.name === 'https' || p.port === 443 ? 'https' : '', name, p.name ?? '');
      link = `${host}/api/v1/namespaces/${svc.metadata.namespace ?? ns}/services/${name}/proxy`;
    }
    text += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${link}\n`;
  }
  text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  out(c, text);
  return 0;
}

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  use: 'cluster-info',
  flags: [],
  run: runClusterInfo,
};


const TOP_FLAGS = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' as const },
  { name: 'selector', shorthand: 'l', type: 'string' as const },
  { name: 'containers', type: 'bool' as const },
  { name: 'no-headers', type: 'bool' as const },
  { name: 'sort-by', type: 'string' as const },
  { name: 'sum', type: 'bool' as const },
  { name: 'use-protocol-buffers', type: 'bool' as const },
  { name: 'show-capacity', type: 'bool' as const },
];

export const topCommand: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  long: "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.",
  use: 'top',
  flags: [],
  run: (c) => parentRun(c, topCommand),
  subcommands: [
    { name: 'node', aliases: ['nodes', 'no'], short: 'Display resource (CPU/memory) usage of nodes', use: 'node [NAME | -l label]', flags: TOP_FLAGS, run: runTopNode },
    { name: 'pod', aliases: ['pods', 'po'], short: 'Display resource (CPU/memory) usage of pods', use: 'pod [NAME | -l label]', flags: TOP_FLAGS, run: runTopPod },
  ],
};
