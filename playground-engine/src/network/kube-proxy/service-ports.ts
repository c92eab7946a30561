/**
 * kube-proxy's view of the cluster: one ServicePort per (Service, port) and its endpoints,
 * built from Services and EndpointSlices as pkg/proxy (servicechangetracker, endpointslicecache,
 * topology.go CategorizeEndpoints) does. Shared by the iptables and ipvs proxiers.
 */
import type { K8sObject } from '../../types';
import { compareIPv4, isIPv4 } from '../ip';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** `ip:port` (net.JoinHostPort), the endpoint's identity and sort key. */
  key: string;
  nodeName?: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The pod behind it, for the trace (`namespace/name`). */
  target?: string;
}

export interface ServicePort {
  namespace: string;
  name: string;
  /** Port name ('' when unnamed). */
  portName: string;
  /** ServicePortName.String(): `ns/name` or `ns/name:port`. */
  spn: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  healthCheckNodePort: number;
  /** Session affinity timeout in seconds when `sessionAffinity: ClientIP`, else 0. */
  stickySeconds: number;
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  /** All endpoints of this port from the slices, deduplicated, sorted by `ip:port`. */
  endpoints: ProxyEndpoint[];
}

export const DEFAULT_STICKY_SECONDS = 10800;

/** ShouldSkipService: no cluster IP (headless, ExternalName) → kube-proxy ignores the Service. */
function skipService(svc: K8sObject): boolean {
  const ip = svc?.spec?.clusterIP;
  if (svc?.spec?.type === 'ExternalName') return true;
  return typeof ip !== 'string' || ip === '' || ip === 'None' || !isIPv4(ip);
}

/** Endpoints of one service port from the Service's slices (endpointslicecache). */
function endpointsFor(ns: string, svcName: string, portName: string, protocol: string, slices: K8sObject[], nodeName: string): ProxyEndpoint[] {
  const byKey = new Map<string, ProxyEndpoint>();
  for (const slice of slices) {
    if ((slice?.metadata?.namespace ?? 'default') !== ns) continue;
    if (slice?.metadata?.labels?.['kubernetes.io/service-name'] !== svcName) continue;
    if ((slice?.addressType ?? 'IPv4') !== 'IPv4') continue;
    const port = (slice.ports ?? []).find((p: Json) => (p?.name ?? '') === portName && (p?.protocol ?? 'TCP') === protocol);
    if (!port || typeof port.port !== 'number') continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep?.addresses?.[0];
      if (typeof ip !== 'string' || !isIPv4(ip)) continue;
      const c: Json = ep.conditions ?? {};
      const e: ProxyEndpoint = {
        ip,
        port: port.port,
        key: `${ip}:${port.port}`,
        nodeName: ep.nodeName,
        isLocal: ep.nodeName === nodeName,
        ready: c.ready === undefined || c.ready === null || c.ready === true,
        serving: c.serving === undefined || c.serving === null || c.serving === true,
        terminating: c.terminating === true,
        target: ep.targetRef ? `${ep.targetRef.namespace ?? ns}/${ep.targetRef.name}` : undefined,
      };
      const prev = byKey.get(e.key);
      // A terminating duplicate never overrides a non-terminating one.
      if (prev && !prev.terminating && e.terminating) continue;
      byKey.set(e.key, e);
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The ServicePorts of the given Services, in Service order then port order. */
export function buildServicePorts(services: K8sObject[], slices: K8sObject[], nodeName: string): ServicePort[] {
  const out: ServicePort[] = [];
  // The slices of each Service (kube-proxy's EndpointSliceCache is keyed the same way), in
  // their original order: one pass instead of a scan of every slice per service port.
  const sliceGroups = new Map<string, K8sObject[]>();
  for (const slice of slices) {
    const svcName = slice?.metadata?.labels?.['kubernetes.io/service-name'];
    if (typeof svcName !== 'string') continue;
    const k = `${slice?.metadata?.namespace ?? 'default'}/${svcName}`;
    const g = sliceGroups.get(k);
    if (g) g.push(slice);
    else sliceGroups.set(k, [slice]);
  }
  for (const svc of services) {
    if (!svc?.metadata?.name || skipService(svc)) continue;
    const spec: Json = svc.spec ?? {};
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name;
    const ports: Json[] = Array.isArray(spec.ports) ? spec.ports : [];
    const lbIPs: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: Json) => i?.ip).filter((x: unknown): x is string => typeof x === 'string' && isIPv4(x));
    const externalIPs: string[] = (spec.externalIPs ?? []).filter((x: unknown): x is string => typeof x === 'string' && isIPv4(x));
    const nodePortType = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    for (const p of ports) {
      if (typeof p?.port !== 'number') continue;
      const portName: string = p.name ?? '';
      const protocol = (p.protocol ?? 'TCP') as Protocol;
      const nodePort = nodePortType && typeof p.nodePort === 'number' ? p.nodePort : 0;
      const externallyAccessible = nodePort !== 0 || lbIPs.length > 0 || externalIPs.length > 0;
      out.push({
        namespace: ns,
        name,
        portName,
        spn: portName ? `${ns}/${name}:${portName}` : `${ns}/${name}`,
        protocol,
        clusterIP: spec.clusterIP,
        port: p.port,
        nodePort,
        externalIPs,
        loadBalancerIPs: lbIPs,
        loadBalancerSourceRanges: spec.loadBalancerSourceRanges ?? [],
        healthCheckNodePort: typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0,
        stickySeconds: spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS) : 0,
        internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
        externalPolicyLocal: externallyAccessible && spec.externalTrafficPolicy === 'Local',
        endpoints: endpointsFor(ns, name, portName, protocol, sliceGroups.get(`${ns}/${name}`) ?? [], nodeName),
      });
    }
  }
  return out;
}

export function externallyAccessible(sp: ServicePort): boolean {
  return sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;
}

export function usesClusterEndpoints(sp: ServicePort): boolean {
  return !sp.internalPolicyLocal || externallyAccessible(sp);
}

export function usesLocalEndpoints(sp: ServicePort): boolean {
  return sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp));
}

export interface Categorized {
  cluster: ProxyEndpoint[];
  local: ProxyEndpoint[];
  /** Endpoints this node may route to (the KUBE-SEP chains it writes), sorted. */
  allReachable: ProxyEndpoint[];
  hasAny: boolean;
}

/** CategorizeEndpoints (topology hints not modelled). */
export function categorizeEndpoints(sp: ServicePort): Categorized {
  const eps = sp.endpoints;
  let cluster: ProxyEndpoint[] = [];
  let local: ProxyEndpoint[] = [];
  let hasAny = false;
  let useServingTerminating = false;
  if (usesClusterEndpoints(sp)) {
    cluster = eps.filter((e) => e.ready);
    if (cluster.length === 0) cluster = eps.filter((e) => e.serving && e.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!usesLocalEndpoints(sp)) return { cluster, local, allReachable: cluster, hasAny };
  let localReady = false;
  let localServingTerminating = false;
  for (const e of eps) {
    if (e.ready) {
      hasAny = true;
      if (e.isLocal) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAny = true;
      if (e.isLocal) localServingTerminating = true;
    }
  }
  if (localReady) local = eps.filter((e) => e.isLocal && e.ready);
  else if (localServingTerminating) {
    useServingTerminating = true;
    local = eps.filter((e) => e.isLocal && e.serving && e.terminating);
  }
  if (!usesClusterEndpoints(sp)) return { cluster, local, allReachable: local, hasAny };
  if (!useServingTerminating) return { cluster, local, allReachable: cluster, hasAny };
  const merged = new Map<string, ProxyEndpoint>();
  for (const e of [...cluster, ...local]) merged.set(e.key, e);
  return { cluster, local, allReachable: [...merged.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), hasAny };
}

/** Sort helper for the ipvs listing: numeric address, then port. */
export function compareAddrPort(a: { ip: string; port: number }, b: { ip: string; port: number }): number {
  return compareIPv4(a.ip, b.ip) || a.port - b.port;
}
