/**
 * Resource arguments as kubectl's RESTMapper resolves them: `po`, `pods`, `Pod`, `deploy`,
 * `deployments.apps`, `svc/nginx`. Matching is case-insensitive on the plural, singular and short
 * names; the first match in discovery order wins (the core group comes first, so `events` and
 * `pods` mean the core resources, not events.k8s.io or metrics.k8s.io).
 */
import type { ResourceInfo } from './types';

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** `pods`, `deployments.apps`, `leases.coordination.k8s.io`: GroupResource.String(). */
export function qualifiedResource(r: ResourceInfo): string {
  const g = groupOf(r.apiVersion);
  return g ? `${r.name}.${g}` : r.name;
}

/** `pod`, `deployment.apps`: the kind prefix of `-o name` and of `kubectl get all` rows. */
export function kindPrefix(r: ResourceInfo): string {
  const g = groupOf(r.apiVersion);
  const k = r.kind.toLowerCase();
  return g ? `${k}.${g}` : k;
}

/** Resolve a resource type argument; undefined when the server has no such resource type. */
export function resolveResource(resources: ResourceInfo[], arg: string): ResourceInfo | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const candidates: Array<{ name: string; group?: string }> = [{ name: lower }];
  if (dot > 0) {
    // resource.group or resource.version.group
    const name = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    candidates.push({ name, group: rest });
    const dot2 = rest.indexOf('.');
    if (dot2 > 0) candidates.push({ name, group: rest.slice(dot2 + 1) });
  }
  for (const c of candidates) {
    for (const r of resources) {
      if (c.group !== undefined && groupOf(r.apiVersion) !== c.group) continue;
      if (r.name === c.name || r.singular === c.name || r.shortNames.includes(c.name) || r.kind.toLowerCase() === c.name) return r;
    }
  }
  return undefined;
}

/** The name kubectl reports in `the server doesn't have a resource type %q` (ParseResourceArg). */
export function resourceArgName(arg: string): string {
  const dot = arg.indexOf('.');
  return dot > 0 ? arg.slice(0, dot) : arg;
}

/** The resource for a kind (`Pod` -> pods), for objects read from files. */
export function resourceForKind(resources: ResourceInfo[], kind: string, apiVersion?: string): ResourceInfo | undefined {
  const g = apiVersion !== undefined ? groupOf(apiVersion) : undefined;
  return resources.find((r) => r.kind === kind && (g === undefined || groupOf(r.apiVersion) === g));
}

/** GroupVersionResource text as the API server prints it: `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
export function gvrString(r: ResourceInfo): string {
  const g = groupOf(r.apiVersion);
  const v = r.apiVersion.slice(r.apiVersion.indexOf('/') + 1);
  return `${g}/${v}, Resource=${r.name}`;
}
