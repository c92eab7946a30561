/**
 * The Endpoints controller's syncService (pkg/controller/endpoint/endpoints_controller.go) as a
 * pure function: Service + Pods (+ the current Endpoints) → the desired Endpoints object, and
 * whether an update is needed.
 *
 * - Services without a selector, and ExternalName Services, are not managed (undefined).
 * - Pods: the Service's namespace, matching the selector, not terminal, with an IP, and not
 *   being deleted unless `publishNotReadyAddresses` (ShouldPodBeInEndpoints).
 * - Ready pods (or all, with publishNotReadyAddresses) go to `addresses`, others to
 *   `notReadyAddresses`; each service port resolves its targetPort per pod (named ports look
 *   up container ports), so pods with different ports end up in different subsets.
 * - Labels = the Service's labels (+ `service.kubernetes.io/headless: ""` for headless);
 *   annotation `endpoints.kubernetes.io/last-change-trigger-time` from the TriggerTimeTracker;
 *   more than 1000 addresses are truncated and annotated `over-capacity: truncated`.
 */
import type { K8sObject } from '../types';
import { clone } from '../store/store';
import {
  ANNOTATION_OVER_CAPACITY, ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS, findPort, isPodReady, isServiceIPSet,
  managesEndpoints, podIPs, selectPods, servicePortProtocol, shouldPodBeInEndpoints, shouldSetHostname,
} from './endpoints-util';
import { repackSubsets, type EndpointAddress, type EndpointPort, type EndpointSubset } from './endpoints-repack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const MAX_ENDPOINTS_CAPACITY = 1000;

/** podToEndpointAddressForService: the pod's IP of the service's family, node and target. */
function podAddress(service: K8sObject, pod: K8sObject): EndpointAddress | undefined {
  const family = service?.spec?.ipFamilies?.[0] ?? 'IPv4';
  const ip = podIPs(pod).find((x) => (family === 'IPv6') === x.includes(':'));
  if (!ip) return undefined;
  const addr: EndpointAddress = {
    ip,
    nodeName: pod?.spec?.nodeName ?? '',
    targetRef: { kind: 'Pod', namespace: pod?.metadata?.namespace ?? 'default', name: pod?.metadata?.name ?? '', uid: pod?.metadata?.uid ?? '' },
  };
  if (shouldSetHostname(pod, service)) addr.hostname = pod.spec.hostname;
  return addr;
}

/** The subsets the controller computes (already repacked and sorted). */
export function computeSubsets(service: K8sObject, pods: K8sObject[]): EndpointSubset[] {
  const spec: Json = service?.spec ?? {};
  const tolerate = spec.publishNotReadyAddresses === true;
  const ports: Json[] = Array.isArray(spec.ports) ? spec.ports : [];
  const subsets: EndpointSubset[] = [];
  for (const pod of selectPods(service, pods)) {
    if (!shouldPodBeInEndpoints(pod, tolerate)) continue;
    const addr = podAddress(service, pod);
    if (!addr) continue;
    const ready = tolerate || isPodReady(pod);
    if (ports.length === 0) {
      // A headless Service may have no ports.
      if (spec.clusterIP === 'None') subsets.push(ready ? { addresses: [addr], ports: [] } : { notReadyAddresses: [addr], ports: [] });
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      const epp: EndpointPort = { name: sp.name ?? '', port: num, protocol: servicePortProtocol(sp) };
      if (sp.appProtocol !== undefined) epp.appProtocol = sp.appProtocol;
      subsets.push(ready ? { addresses: [addr], ports: [epp] } : { notReadyAddresses: [addr], ports: [epp] });
    }
  }
  if (ports.length === 0) return headlessWithoutPorts(subsets);
  return repackSubsets(subsets);
}

/** Headless without ports: addresses are not repacked (one subset per pod, as the controller appends them). */
function headlessWithoutPorts(subsets: EndpointSubset[]): EndpointSubset[] {
  return subsets.map((s) => {
    const out: EndpointSubset = {};
    if (s.addresses) out.addresses = s.addresses;
    if (s.notReadyAddresses) out.notReadyAddresses = s.notReadyAddresses;
    return out;
  });
}

/** The JSON shape of subsets as the API serves it (empty/nil fields omitted). */
function subsetsJson(subsets: EndpointSubset[]): Json[] {
  return subsets.map((ss) => {
    const out: Json = {};
    if (ss.addresses?.length) out.addresses = ss.addresses.map(addrJson);
    if (ss.notReadyAddresses?.length) out.notReadyAddresses = ss.notReadyAddresses.map(addrJson);
    if (ss.ports?.length) out.ports = ss.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol, ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}) }));
    return out;
  });
}

function addrJson(a: EndpointAddress): Json {
  const out: Json = { ip: a.ip };
  if (a.hostname) out.hostname = a.hostname;
  if (a.nodeName) out.nodeName = a.nodeName;
  if (a.targetRef) out.targetRef = { kind: a.targetRef.kind, namespace: a.targetRef.namespace, name: a.targetRef.name, uid: a.targetRef.uid };
  return out;
}

/** truncateEndpoints: keep at most 1000 addresses, ready ones first, proportionally per subset. */
function truncate(subsets: Json[]): boolean {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  if (ready + notReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = ready > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const n = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((n / total) * max), canBeAdded);
    if (truncateReady) {
      if (s.addresses) s.addresses = s.addresses.slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses?.length ?? 0;
    } else {
      if (s.notReadyAddresses) s.notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

function serviceLabels(service: K8sObject): Record<string, string> {
  return { ...(service?.metadata?.labels ?? {}) };
}

export interface EndpointsSync {
  /** The Endpoints object to write, or undefined when the controller does not manage this Service. */
  desired?: K8sObject;
  /** Create (no current object), update, or nothing to do (equal subsets and labels). */
  action: 'create' | 'update' | 'none' | 'unmanaged';
}

/**
 * syncService for one Service. `current` is the stored Endpoints (if any); `triggerTime` comes
 * from the controller's TriggerTimeTracker (computed on every sync, even a no-op one).
 */
export function syncEndpoints(service: K8sObject, pods: K8sObject[], current: K8sObject | undefined, triggerTime: string | undefined): EndpointsSync {
  if (!managesEndpoints(service)) return { action: 'unmanaged' };
  const subsets = subsetsJson(computeSubsets(service, pods));
  const labels = serviceLabels(service);
  if (current && !endpointsNeedUpdate(current, subsets, labels)) return { action: 'none', desired: current };

  const next: K8sObject = current
    ? clone(current)
    : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace: service.metadata.namespace ?? 'default' } };
  const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
  if (triggerTime) annotations[ANNOTATION_TRIGGER_TIME] = triggerTime;
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  if (truncate(subsets)) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
  else delete annotations[ANNOTATION_OVER_CAPACITY];
  next.metadata.annotations = annotations;
  if (Object.keys(annotations).length === 0) delete next.metadata.annotations;
  const nextLabels = { ...labels };
  if (!isServiceIPSet(service)) nextLabels[LABEL_HEADLESS] = '';
  else delete nextLabels[LABEL_HEADLESS];
  next.metadata.labels = nextLabels;
  if (Object.keys(nextLabels).length === 0) delete next.metadata.labels;
  if (subsets.length) next.subsets = subsets;
  else delete next.subsets;
  return { action: current ? 'update' : 'create', desired: next };
}

/**
 * The controller's no-op check: subsets equal (ignoring pod resourceVersions), labels equal to
 * the Service's (ignoring the headless label), capacity annotation correct.
 */
export function endpointsNeedUpdate(current: K8sObject, subsets: Json[], serviceLabelsNow: Record<string, string>): boolean {
  const currentSubsets = (current.subsets ?? []).map((s: Json) => stripRv(s));
  if (stableJson(currentSubsets) !== stableJson(subsets.map(stripRv))) return true;
  const labels = { ...(current.metadata?.labels ?? {}) };
  delete labels[LABEL_HEADLESS];
  if (stableJson(labels) !== stableJson(serviceLabelsNow)) return true;
  let n = 0;
  for (const s of current.subsets ?? []) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  const annotated = current.metadata?.annotations?.[ANNOTATION_OVER_CAPACITY] !== undefined;
  return n > MAX_ENDPOINTS_CAPACITY || annotated;
}

function stripRv(s: Json): Json {
  const c = clone(s);
  for (const list of [c.addresses, c.notReadyAddresses]) for (const a of list ?? []) if (a.targetRef) delete a.targetRef.resourceVersion;
  return c;
}

/** JSON with sorted object keys, for semantic comparison. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
