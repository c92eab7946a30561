/**
 * Builders for the Kubernetes objects the network module reads and writes (Service,
 * EndpointSlice), in their API shapes. Used by the default cluster's system objects and tests.
 */
import type { K8sObject } from '../types';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  nodePort?: number;
  appProtocol?: string;
}

export interface ServiceSpec {
  clusterIP: string;
  ports: PortSpec[];
  selector?: Record<string, string>;
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  sessionAffinity?: 'None' | 'ClientIP';
  stickySeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  externalIPs?: string[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  publishNotReadyAddresses?: boolean;
  uid?: string;
  creationTimestamp?: string;
}

/** A Service as the API server stores it after defaulting. */
export function makeService(namespace: string, name: string, s: ServiceSpec): K8sObject {
  const type = s.type ?? 'ClusterIP';
  const spec: Json = {
    clusterIP: s.clusterIP,
    clusterIPs: [s.clusterIP],
    internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: s.ports.map((p) => {
      const out: Json = {};
      if (p.name) out.name = p.name;
      if (p.appProtocol) out.appProtocol = p.appProtocol;
      if (p.nodePort !== undefined) out.nodePort = p.nodePort;
      out.port = p.port;
      out.protocol = p.protocol ?? 'TCP';
      out.targetPort = p.targetPort ?? p.port;
      return out;
    }),
    sessionAffinity: s.sessionAffinity ?? 'None',
    type,
  };
  if (s.selector) spec.selector = { ...s.selector };
  if (s.externalIPs) spec.externalIPs = [...s.externalIPs];
  if (type === 'NodePort' || type === 'LoadBalancer') spec.externalTrafficPolicy = s.externalTrafficPolicy ?? 'Cluster';
  if (s.sessionAffinity === 'ClientIP') spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: s.stickySeconds ?? 10800 } };
  if (s.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  const metadata: Json = { name, namespace };
  if (s.uid) metadata.uid = s.uid;
  if (s.creationTimestamp) metadata.creationTimestamp = s.creationTimestamp;
  if (s.labels) metadata.labels = { ...s.labels };
  if (s.annotations) metadata.annotations = { ...s.annotations };
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

export interface SliceEndpoint {
  ip: string;
  nodeName?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  pod?: { name: string; uid?: string };
}

/** An EndpointSlice labelled for `serviceName`. */
export function makeEndpointSlice(namespace: string, serviceName: string, name: string, ports: PortSpec[], endpoints: SliceEndpoint[]): K8sObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace,
      labels: { 'kubernetes.io/service-name': serviceName, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => {
      const ep: Json = {
        addresses: [e.ip],
        conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      };
      if (e.nodeName) ep.nodeName = e.nodeName;
      if (e.pod) ep.targetRef = { kind: 'Pod', namespace, name: e.pod.name, uid: e.pod.uid ?? '' };
      return ep;
    }),
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}
