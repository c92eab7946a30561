/**
 * Finding the pod a command acts on (logs, exec): `POD`, `pod/POD`, or a controller
 * (`deploy/x`, `rs/x`, `svc/x`) resolved to its first pod by selector, and the container:
 * `-c`, the kubectl.kubernetes.io/default-container annotation, or the first container with the
 * `Defaulted container "x" out of: a, b (init)` notice when there is a choice.
 */
import type { K8sObject } from '../../types';
import { KubectlError, noResourceType, notFoundText, plainError } from '../errors';
import { formatLabelSelector, matches, parseSelector } from '../labels';
import { qualifiedResource, resolveResource, resourceArgName } from '../resources';
import { type CommandContext, err } from './context';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function findPod(c: CommandContext, arg: string): K8sObject {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = c.host.get('Pod', c.namespace, arg);
    if (!pod) throw new KubectlError(notFoundText('pods', arg));
    return pod;
  }
  const type = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const r = resolveResource(c.host.resources(), type);
  if (!r) throw noResourceType(resourceArgName(type));
  const obj = c.host.get(r.kind, r.namespaced ? c.namespace : '', name);
  if (!obj) throw new KubectlError(notFoundText(qualifiedResource(r), name));
  if (r.kind === 'Pod') return obj;
  const o: Any = obj;
  const selectorText = r.kind === 'Service' ? Object.entries(o.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') : formatLabelSelector(o.spec?.selector);
  const sel = parseSelector(selectorText === '<none>' ? '' : selectorText);
  if (!sel.ok || selectorText === '' || selectorText === '<none>') throw plainError(`cannot attach to ${r.kind}: selector for ${r.kind.toLowerCase()}s is empty`);
  const pods = c.host.list('Pod', c.namespace).filter((p) => matches(sel.reqs, p.metadata.labels));
  if (pods.length === 0) throw plainError(`timed out waiting for the condition`);
  return pods[0];
}

export function allContainerNames(pod: Any): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: Any) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: Any) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c: Any) => `${c.name} (init)`),
  ].join(', ');
}

/** podcmd.FindOrDefaultContainerByName. */
export function defaultContainer(c: CommandContext, pod: Any, quiet: boolean): string {
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (annotated) {
    if (all.some((x: Any) => x.name === annotated)) return annotated;
    throw plainError(`container ${annotated} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`);
  }
  const first = pod.spec?.containers?.[0]?.name ?? '';
  const choice = (pod.spec?.containers ?? []).length > 1 || (pod.spec?.initContainers ?? []).length > 0 || (pod.spec?.ephemeralContainers ?? []).length > 0;
  if (!quiet && choice) err(c, `Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}

export function hasContainer(pod: Any, name: string): boolean {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].some((x: Any) => x.name === name);
}
