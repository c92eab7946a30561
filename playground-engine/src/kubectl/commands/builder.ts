/**
 * cli-runtime's resource Builder as get / describe / delete use it: `TYPE`, `TYPE NAME...`,
 * `TYPE1,TYPE2`, `TYPE/NAME...`, `all`, `-l selector`, `-A`, `-f FILE`. Argument errors are fatal
 * (thrown before anything is printed); objects that are not found are collected as errors and
 * printed after the output, as kubectl's ContinueOnError does.
 */
import type { K8sObject } from '../../types';
import type { ResourceInfo } from '../types';
import { KubectlError, apiErrorText, noResourceType, notFoundText, plainError } from '../errors';
import { matches, parseSelector } from '../labels';
import { gvrString, qualifiedResource, resolveResource, resourceArgName, resourceForKind } from '../resources';
import type { CommandContext } from './context';
import { objectsIn, readSources } from './files';

export interface Info {
  resource: ResourceInfo;
  object: K8sObject;
}

export interface BuildOptions {
  args: string[];
  selector?: string;
  allNamespaces: boolean;
  filenames: string[];
  recursive?: boolean;
  /** `kubectl get pods` lists all; delete requires names, a selector or --all. */
  allowEmptySelector: boolean;
  /** delete --all */
  selectAll?: boolean;
}

export interface BuildResult {
  infos: Info[];
  /** Error texts for objects that could not be read (already formatted, with newline). */
  errors: string[];
  /** One object named explicitly (`get pod nginx`): -o yaml prints it without a List. */
  singleItemImplied: boolean;
  /** The resource types asked for, in order. */
  types: ResourceInfo[];
  /** True when objects were listed (not named). */
  listed: boolean;
}

/** `kubectl get all` expands to the resources in the `all` category. */
const ALL_CATEGORY = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

function resolveTypes(c: CommandContext, arg: string): ResourceInfo[] {
  const resources = c.host.resources();
  const out: ResourceInfo[] = [];
  for (const part of arg.split(',')) {
    if (part === '') continue;
    if (part.toLowerCase() === 'all') {
      for (const name of ALL_CATEGORY) {
        const r = resources.find((x) => x.name === name);
        if (r && !out.includes(r)) out.push(r);
      }
      continue;
    }
    const r = resolveResource(resources, part);
    if (!r) throw noResourceType(resourceArgName(part));
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

function nsFor(c: CommandContext, r: ResourceInfo, objNamespace?: string): string {
  if (!r.namespaced) return '';
  return objNamespace || c.namespace;
}

export function buildInfos(c: CommandContext, o: BuildOptions): BuildResult {
  const res: BuildResult = { infos: [], errors: [], singleItemImplied: false, types: [], listed: false };
  const resources = c.host.resources();
  let selectorReqs: ReturnType<typeof parseSelector> | undefined;
  if (o.selector !== undefined && o.selector !== '') selectorReqs = parseSelector(o.selector);

  const getOne = (r: ResourceInfo, name: string, ns: string): void => {
    const obj = c.host.get(r.kind, ns, name);
    if (obj) res.infos.push({ resource: r, object: obj });
    else res.errors.push(notFoundText(qualifiedResource(r), name));
  };

  if (o.filenames.length > 0) {
    if (o.args.length > 0) throw plainError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const sources = readSources(c, o.filenames, !!o.recursive);
    for (const src of sources) {
      for (const obj of objectsIn(src)) {
        const r = resourceForKind(resources, obj.kind, obj.apiVersion);
        if (!r) throw plainError(`resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${src.name}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
        if (!res.types.includes(r)) res.types.push(r);
        getOne(r, obj.metadata.name ?? '', nsFor(c, r, obj.metadata.namespace));
      }
    }
    res.singleItemImplied = false;
    return res;
  }

  const args = o.args;
  const withSlash = args.filter((a) => a.includes('/')).length;
  if (withSlash > 0) {
    if (withSlash !== args.length) {
      throw plainError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    const tuples: Array<{ r: ResourceInfo; name: string }> = [];
    for (const a of args) {
      const seg = a.split('/');
      if (seg.length !== 2) throw plainError('arguments in resource/name form may not have more than one slash');
      if (seg[0] === '' || seg[1] === '' || seg[0].includes(',')) throw plainError('arguments in resource/name form must have a single resource and name');
      const r = resolveResource(resources, seg[0]);
      if (!r) throw noResourceType(resourceArgName(seg[0]));
      tuples.push({ r, name: seg[1] });
    }
    if (o.allNamespaces) throw plainError('a resource cannot be retrieved by name across all namespaces');
    for (const t of tuples) {
      if (!res.types.includes(t.r)) res.types.push(t.r);
      getOne(t.r, t.name, nsFor(c, t.r));
    }
    res.singleItemImplied = tuples.length === 1;
    return res;
  }

  if (args.length === 0) return res;
  res.types = resolveTypes(c, args[0]);
  const names = args.slice(1);
  if (names.length > 0) {
    if (o.allNamespaces) throw plainError('a resource cannot be retrieved by name across all namespaces');
    for (const r of res.types) for (const n of names) getOne(r, n, nsFor(c, r));
    res.singleItemImplied = names.length === 1 && res.types.length === 1;
    return res;
  }
  if (!o.allowEmptySelector && selectorReqs === undefined && !o.selectAll) {
    throw plainError(`resource(s) were provided, but no name was specified`);
  }
  res.listed = true;
  for (const r of res.types) {
    if (selectorReqs && !selectorReqs.ok) {
      throw new KubectlError(apiErrorText('BadRequest', `Unable to find "${gvrString(r)}" that match label selector "${o.selector}", field selector "": ${selectorReqs.error}`));
    }
    const ns = r.namespaced && !o.allNamespaces ? c.namespace : undefined;
    for (const obj of c.host.list(r.kind, ns)) {
      if (selectorReqs && selectorReqs.ok && !matches(selectorReqs.reqs, obj.metadata.labels)) continue;
      res.infos.push({ resource: r, object: obj });
    }
  }
  return res;
}
