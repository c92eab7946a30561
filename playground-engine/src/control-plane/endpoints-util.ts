/**
 * Helpers shared by the Endpoints and EndpointSlice controllers, after
 * staging/src/k8s.io/endpointslice/util (ShouldPodBeInEndpoints, IsPodReady, ShouldSetHostname,
 * TriggerTimeTracker) and endpointslice/utils.go (FindPort).
 */
import type { K8sObject } from '../types';
import { parseTime, rfc3339 } from '../sim/time';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/** Whether the controllers manage endpoints for this Service at all (selector set, not ExternalName). */
export function managesEndpoints(service: K8sObject): boolean {
  const spec = service?.spec ?? {};
  if (spec.type === 'ExternalName') return false;
  return spec.selector !== undefined && spec.selector !== null;
}

/** Pods of the Service's namespace matched by its selector (an empty selector matches all). */
export function selectPods(service: K8sObject, pods: K8sObject[]): K8sObject[] {
  const ns = service?.metadata?.namespace ?? 'default';
  const sel: Json = service?.spec?.selector ?? {};
  return pods.filter((p) => {
    if ((p?.metadata?.namespace ?? 'default') !== ns) return false;
    const labels: Json = p?.metadata?.labels ?? {};
    return Object.entries(sel).every(([k, v]) => labels[k] === v);
  });
}

export function isPodReady(pod: K8sObject): boolean {
  const c = (pod?.status?.conditions ?? []).find((x: Json) => x?.type === 'Ready');
  return c?.status === 'True';
}

export function isPodTerminal(pod: K8sObject): boolean {
  const phase = pod?.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function podIPs(pod: K8sObject): string[] {
  const list: Json[] = pod?.status?.podIPs ?? [];
  const ips = list.map((x) => x?.ip).filter((x): x is string => typeof x === 'string' && x !== '');
  if (ips.length === 0 && pod?.status?.podIP) ips.push(pod.status.podIP);
  return ips;
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless tolerated) not being deleted. */
export function shouldPodBeInEndpoints(pod: K8sObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && pod?.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names this (headless) Service as its subdomain. */
export function shouldSetHostname(pod: K8sObject, service: K8sObject): boolean {
  const hostname = pod?.spec?.hostname;
  return typeof hostname === 'string' && hostname.length > 0 &&
    pod?.spec?.subdomain === service?.metadata?.name &&
    (pod?.metadata?.namespace ?? 'default') === (service?.metadata?.namespace ?? 'default');
}

export function servicePortProtocol(port: Json): string {
  return port?.protocol ?? 'TCP';
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the containers'
 * ports (and restartable init containers') with the same name and protocol. undefined = no
 * suitable port (the pod is then left out for this service port).
 */
export function findPort(pod: K8sObject, svcPort: Json): number | undefined {
  const target = svcPort?.targetPort ?? svcPort?.port;
  const proto = servicePortProtocol(svcPort);
  if (typeof target === 'number') return target;
  if (typeof target === 'string') {
    if (/^\d+$/.test(target)) return Number(target);
    const containers: Json[] = [
      ...(pod?.spec?.containers ?? []),
      ...(pod?.spec?.initContainers ?? []).filter((c: Json) => c?.restartPolicy === 'Always'),
    ];
    for (const c of containers) {
      for (const p of c?.ports ?? []) {
        if (p?.name === target && (p?.protocol ?? 'TCP') === proto) return p.containerPort;
      }
    }
  }
  return undefined;
}

/** The Service has a cluster IP (not headless, not empty). */
export function isServiceIPSet(service: K8sObject): boolean {
  const ip = service?.spec?.clusterIP;
  return typeof ip === 'string' && ip !== '' && ip !== 'None';
}

/**
 * TriggerTimeTracker: the `endpoints.kubernetes.io/last-change-trigger-time` value. The first
 * sync of a Service uses its creationTimestamp; later syncs use the earliest trigger time
 * (a pod's Ready condition lastTransitionTime, the Service's creationTimestamp) that changed
 * since the previous sync; undefined = clear the annotation. Stateful per controller.
 */
export class TriggerTimeTracker {
  private states = new Map<string, { service: number; pods: Map<string, number> }>();

  compute(service: K8sObject, pods: K8sObject[]): string | undefined {
    const key = `${service?.metadata?.namespace ?? 'default'}/${service?.metadata?.name ?? ''}`;
    const state = this.states.get(key);
    let min: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (t === undefined) continue;
      const name = pod?.metadata?.name ?? '';
      podTimes.set(name, t);
      const last = state?.pods.get(name);
      if (last === undefined || t > last) min = min === undefined ? t : Math.min(min, t);
    }
    const svcTime = parseTime(service?.metadata?.creationTimestamp ?? '');
    const svcValid = Number.isFinite(svcTime);
    if (svcValid && (state === undefined || svcTime > state.service)) min = min === undefined ? svcTime : Math.min(min, svcTime);
    this.states.set(key, { service: svcValid ? svcTime : Number.NEGATIVE_INFINITY, pods: podTimes });
    if (!state) return svcValid ? service.metadata.creationTimestamp : undefined;
    // metav1.Time has second precision, so RFC3339Nano prints like RFC3339.
    return min === undefined ? undefined : rfc3339(min);
  }

  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}

function podTriggerTime(pod: K8sObject): number | undefined {
  const c = (pod?.status?.conditions ?? []).find((x: Json) => x?.type === 'Ready');
  const t = parseTime(c?.lastTransitionTime ?? '');
  return Number.isFinite(t) ? t : undefined;
}
