/**
 * Types shared across the engine's modules. Kubernetes objects keep the real API shapes
 * (from the `kubernetes-types` declarations), so printers and controllers read the same
 * fields a real kubectl or kubelet would.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export type { Pod, Container, Probe, Service, Endpoints, Event, Node, ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
export type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
export type { Lease } from 'kubernetes-types/coordination/v1';
export type { EndpointSlice } from 'kubernetes-types/discovery/v1';

/** Drop `readonly` from the top-level fields of a type (the engine writes server-set fields). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Any object kept in the store. `metadata.resourceVersion` and `uid` are set by the store. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Mutable<ObjectMeta>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

/** A message about the reader's input or the run, shown under the editor and as a marker. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** Which stage produced it. */
  source: 'yaml' | 'schema' | 'validation' | 'scenario' | 'engine';
  /** The text as kubectl / the API server / the YAML parser would print it. */
  message: string;
  /** 0-based index of the YAML document in the input text. */
  doc?: number;
  /** Field path in kubectl's notation, e.g. `spec.containers[0].livenessProbe.successThreshold`. */
  path?: string;
  /** 1-based line and column of the offending node in the input text (start, and end when known). */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** Virtual time, integer milliseconds since the scenario began. */
export type VirtualMs = number;
