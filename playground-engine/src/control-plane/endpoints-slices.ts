/**
 * The EndpointSlice controller's reconciler (staging/src/k8s.io/endpointslice/reconciler.go,
 * utils.go) as a pure function: Service + Pods + Nodes + existing slices → slices to create,
 * update and delete.
 *
 * - Pods are included while terminating (ShouldPodBeInEndpoints(pod, true)); conditions:
 *   serving = Ready, terminating = deletionTimestamp set, ready = publishNotReadyAddresses ||
 *   (serving && !terminating) (podToEndpoint).
 * - Endpoints are grouped by their resolved port list; at most `maxEndpointsPerSlice` (100) per
 *   slice; existing slices keep their endpoints in place (changed ones updated in place, gone
 *   ones removed), new endpoints fill updated slices first, then a slice that fits, then new
 *   slices; a Service with no endpoints keeps one empty placeholder slice.
 * - Go iterates maps and sets here; the simulator uses pod order (insertion order) instead.
 * New slices have `generateName: <svc>-`; `nameSuffix` stands in for the API server's 5 random
 * characters. Labels: the Service's + `kubernetes.io/service-name`,
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io` (+ headless label).
 */
import type { K8sObject } from '../types';
import { clone } from '../store/store';
import {
  ANNOTATION_TRIGGER_TIME, ENDPOINTSLICE_CONTROLLER, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, findPort,
  isPodReady, isServiceIPSet, managesEndpoints, podIPs, selectPods, servicePortProtocol, shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpoints-util';
import { stableJson } from './endpoints';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;
const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface SliceReconcileInput {
  service: K8sObject;
  /** All pods (filtered here by namespace and selector). */
  pods: K8sObject[];
  /** Nodes, for the endpoints' zone and to skip pods on unknown nodes. */
  nodes: K8sObject[];
  /** Slices currently labelled with this service name in its namespace. */
  existing: K8sObject[];
  /** `endpoints.kubernetes.io/last-change-trigger-time` from the controller's TriggerTimeTracker. */
  triggerTime?: string;
  /** The 5-character suffix the API server appends to `generateName`. */
  nameSuffix: () => string;
  maxEndpointsPerSlice?: number;
}

export interface SliceReconcileResult {
  create: K8sObject[];
  update: K8sObject[];
  delete: K8sObject[];
}

/** getEndpointPorts: the service ports this pod serves, with resolved numbers. */
function endpointPorts(service: K8sObject, pod: K8sObject): Json[] {
  const spec: Json = service?.spec ?? {};
  const ports: Json[] = Array.isArray(spec.ports) ? spec.ports : [];
  const out: Json[] = [];
  for (const sp of ports) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    const p: Json = { name: sp.name ?? '', port: num, protocol: servicePortProtocol(sp) };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** podToEndpoint for the IPv4 address type. */
function podToEndpoint(pod: K8sObject, node: K8sObject | undefined, service: K8sObject): Json {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod?.metadata?.deletionTimestamp);
  const ready = service?.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Json = {
    addresses: podIPs(pod).filter((ip) => !ip.includes(':')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod?.metadata?.namespace ?? 'default', name: pod?.metadata?.name ?? '', uid: pod?.metadata?.uid ?? '' };
  if (pod?.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[LABEL_ZONE];
  if (zone) ep.zone = zone;
  return ep;
}

/** EndpointSet key (hashEndpoint): sorted addresses, hostname, target namespace/name. */
function endpointKey(ep: Json): string {
  return stableJson({ a: [...(ep.addresses ?? [])].sort(), h: ep.hostname ?? '', ns: ep.targetRef?.namespace ?? '', n: ep.targetRef?.name ?? '' });
}

/** NewPortMapKey: the port list, order-insensitive. */
function portMapKey(ports: Json[] | null | undefined): string {
  return (ports ?? []).map((p) => stableJson({ n: p.name ?? '', p: p.port ?? 0, t: p.protocol ?? '', a: p.appProtocol ?? null })).sort().join('|');
}

/** setEndpointSliceLabels: the Service's labels (reserved keys skipped) + the slice's reserved labels. */
function sliceLabels(slice: K8sObject | undefined, service: K8sObject): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS;
  const sliceOwn: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata?.labels ?? {})) if (!reserved(k)) sliceOwn[k] = String(v);
  const svc: Record<string, string> = {};
  for (const [k, v] of Object.entries(service?.metadata?.labels ?? {})) if (!reserved(k)) svc[k] = String(v);
  const changed = stableJson(sliceOwn) !== stableJson(svc);
  if (!isServiceIPSet(service)) svc[LABEL_HEADLESS] = '';
  svc[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  svc[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER;
  return { labels: svc, changed };
}

function ownedBy(slice: K8sObject, service: K8sObject): boolean {
  return (slice?.metadata?.ownerReferences ?? []).some((o: Json) => o?.uid === service?.metadata?.uid && o?.kind === 'Service' && o?.apiVersion === 'v1');
}

/** newEndpointSlice: an unnamed slice owned by the Service. */
function newSlice(service: K8sObject, ports: Json[]): K8sObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata.name}-`,
      namespace: service.metadata.namespace ?? 'default',
      labels: sliceLabels(undefined, service).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: service.metadata.name ?? '', uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

/** The API's view of empty lists: nil slices serialize as null. */
function finalizeSlice(slice: K8sObject, triggerTime: string | undefined): K8sObject {
  const annotations: Record<string, string> = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTime) annotations[ANNOTATION_TRIGGER_TIME] = triggerTime;
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  if (Object.keys(annotations).length) slice.metadata.annotations = annotations;
  else delete slice.metadata.annotations;
  if (!slice.endpoints || slice.endpoints.length === 0) slice.endpoints = null;
  if (!slice.ports || slice.ports.length === 0) slice.ports = null;
  return slice;
}

/** reconcile for one Service (IPv4 address type). */
export function reconcileEndpointSlices(input: SliceReconcileInput): SliceReconcileResult {
  const { service } = input;
  const max = Math.max(1, input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE);
  if (!managesEndpoints(service)) return { create: [], update: [], delete: [] };

  const toDelete: K8sObject[] = [];
  const existingByPorts = new Map<string, K8sObject[]>();
  const existing = input.existing.filter((s) => (s?.addressType ?? 'IPv4') === 'IPv4');
  for (const s of input.existing) if ((s?.addressType ?? 'IPv4') !== 'IPv4') toDelete.push(s);
  for (const s of existing) {
    if (!ownedBy(s, service)) {
      toDelete.push(s);
      continue;
    }
    const k = portMapKey(s.ports);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s]);
  }

  // Desired endpoints by port mapping (insertion-ordered sets).
  const desiredByPorts = new Map<string, { ports: Json[]; eps: Map<string, Json> }>();
  const nodes = new Map(input.nodes.map((n) => [n?.metadata?.name, n]));
  for (const pod of selectPods(service, input.pods)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const k = portMapKey(ports);
    let group = desiredByPorts.get(k);
    if (!group) desiredByPorts.set(k, (group = { ports, eps: new Map() }));
    const node = nodes.get(pod?.spec?.nodeName);
    if (!node && service?.spec?.publishNotReadyAddresses !== true) continue; // Node not found: skipped, retried later
    const ep = podToEndpoint(pod, node, service);
    if (ep.addresses.length > 0) group.eps.set(endpointKey(ep), ep);
  }

  const create: K8sObject[] = [];
  const update: K8sObject[] = [];
  for (const [k, group] of desiredByPorts) {
    const r = reconcileByPortMapping(service, existingByPorts.get(k) ?? [], group.eps, group.ports, max);
    create.push(...r.create);
    update.push(...r.update);
    toDelete.push(...r.delete);
  }
  for (const [k, slices] of existingByPorts) if (!desiredByPorts.has(k)) toDelete.push(...slices);

  // Keep one placeholder slice when there would be none.
  if (existing.length === toDelete.filter((s) => existing.includes(s)).length && create.length < 1) {
    const placeholder = newSlice(service, []);
    const onlyPlaceholder = toDelete.length === 1 && isPlaceholderOf(toDelete[0], placeholder);
    if (onlyPlaceholder) toDelete.length = 0;
    else create.push(placeholder);
  }

  // finalize: turn creates into updates of slices that would be deleted.
  while (toDelete.length && create.length) {
    const idx = toDelete.findIndex((d) => (d?.addressType ?? 'IPv4') === 'IPv4' && ownedBy(d, service));
    if (idx < 0) break;
    const victim = toDelete.splice(idx, 1)[0];
    const slice = create.pop() as K8sObject;
    const reused = clone(victim);
    reused.metadata.labels = slice.metadata.labels;
    reused.endpoints = slice.endpoints;
    reused.ports = slice.ports;
    update.push(reused);
  }

  const suffixed = create.map((s) => {
    s.metadata.name = `${s.metadata.generateName}${input.nameSuffix()}`;
    return finalizeSlice(s, input.triggerTime);
  });
  return {
    create: service?.metadata?.deletionTimestamp ? [] : suffixed,
    update: update.map((s) => finalizeSlice(s, input.triggerTime)),
    delete: toDelete,
  };
}

function isPlaceholderOf(slice: K8sObject, placeholder: K8sObject): boolean {
  if ((slice?.metadata?.namespace ?? 'default') !== placeholder.metadata.namespace) return false;
  if (stableJson(slice?.metadata?.labels ?? {}) !== stableJson(placeholder.metadata.labels)) return false;
  if ((slice.endpoints ?? []).length || (slice.ports ?? []).length) return false;
  const a = slice?.metadata?.ownerReferences ?? [];
  return stableJson(a) === stableJson(placeholder.metadata.ownerReferences);
}

function reconcileByPortMapping(service: K8sObject, existing: K8sObject[], desired: Map<string, Json>, ports: Json[], max: number): SliceReconcileResult {
  const toUpdate = new Map<string, K8sObject>();
  const toDelete: K8sObject[] = [];
  const unchanged: K8sObject[] = [];
  // 1. Remove endpoints no longer desired, update changed ones in place.
  for (const slice of existing) {
    const kept: Json[] = [];
    let changed = false;
    for (const ep of slice.endpoints ?? []) {
      const k = endpointKey(ep);
      const want = desired.get(k);
      if (!want) continue;
      kept.push(want);
      if (stableJson(want) !== stableJson(ep)) changed = true;
      desired.delete(k);
    }
    const { labels, changed: labelsChanged } = sliceLabels(slice, service);
    if (changed || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(slice);
      else {
        const s = clone(slice);
        s.endpoints = kept;
        s.metadata.labels = labels;
        toUpdate.set(s.metadata.name ?? '', s);
      }
    } else if (labelsChanged) {
      const s = clone(slice);
      s.metadata.labels = labels;
      toUpdate.set(s.metadata.name ?? '', s);
    } else {
      unchanged.push(slice);
    }
  }
  const pending = [...desired.values()];
  // 2. Fill slices being updated, fullest first.
  if (pending.length && toUpdate.size) {
    const slices = [...toUpdate.values()].sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const s of slices) {
      s.endpoints = s.endpoints ?? [];
      while (pending.length && s.endpoints.length < max) s.endpoints.push(pending.shift());
    }
  }
  // 3. Fit the rest into an unchanged slice, else new slices.
  const create: K8sObject[] = [];
  while (pending.length) {
    let fill: K8sObject | undefined;
    if (pending.length < max && unchanged.length) {
      let best = max;
      for (const s of unchanged) {
        const diff = max - (pending.length + (s.endpoints?.length ?? 0));
        if (diff >= 0 && diff < best) {
          best = diff;
          fill = s;
        }
      }
    }
    if (fill) {
      unchanged.splice(unchanged.indexOf(fill), 1);
      fill = clone(fill);
      fill.endpoints = [...(fill.endpoints ?? [])];
    } else {
      fill = newSlice(service, ports);
    }
    while (pending.length && fill.endpoints.length < max) fill.endpoints.push(pending.shift());
    if (fill.metadata.name) toUpdate.set(fill.metadata.name, fill);
    else create.push(fill);
  }
  return { create, update: [...toUpdate.values()], delete: toDelete };
}
