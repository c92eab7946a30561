/**
 * The API server's front half: decoding the reader's YAML, strict field checking, defaulting
 * and validation, each error in the words kubectl prints.
 */
import type { Diagnostic, K8sObject, VirtualMs } from '../types';

export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface DecodedDocument {
  /** 0-based index of the document in the input. */
  index: number;
  /** The object as written (plain JSON values), unknown fields removed. */
  object: K8sObject;
  /** Position of a field path (`spec.containers[0].image`) in the input, if present. */
  rangeOf(path: string): SourceRange | undefined;
  /** Position of the key of a field (`image:` of `spec.containers[0].image`), if present. */
  keyRangeOf?(path: string): SourceRange | undefined;
  /**
   * Set when the API server rejects this document at decoding (strict fields, wrong types): the
   * message kubectl prints for it. The other documents of the input are still sent.
   */
  error?: string;
  /** apiVersion and kind as written. */
  apiVersion?: string;
  kind?: string;
}

/** One timed command of the Scenario document. */
export interface ScenarioStep {
  atMs: VirtualMs;
  /** A terminal command line: `kubectl …` or a shell command, run on k8s-master01. */
  run: string;
  /** Position of this step in the input, for diagnostics. */
  range?: SourceRange;
}

/** A client that sends requests for a while (load to watch during rollouts and deletions). */
export interface TrafficSpec {
  url: string;
  rps: number;
  fromMs: VirtualMs;
  /** Undefined: until the end of the run. */
  toMs?: VirtualMs;
}

/** `apiVersion: playground/v1, kind: Scenario`, see DESIGN.md. */
export interface ScenarioSpec {
  /** Virtual horizon of the run (spec.duration). */
  durationMs?: VirtualMs;
  proxyMode: 'iptables' | 'ipvs';
  steps: ScenarioStep[];
  traffic: TrafficSpec[];
}

export interface DecodeResult {
  /** Kubernetes documents, in input order (the Scenario document is not among them). */
  documents: DecodedDocument[];
  scenario?: ScenarioSpec;
  /**
   * YAML syntax errors (with line and column), strict-decoding errors (unknown fields, wrong
   * types), and Scenario errors. Messages read as kubectl prints them for `kubectl apply -f
   * <fileName>`, e.g. `Error from server (BadRequest): error when creating "pod.yaml": Pod in
   * version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"`.
   */
  diagnostics: Diagnostic[];
}

export interface AdmitContext {
  operation: 'CREATE' | 'UPDATE';
  /** The stored object, for UPDATE. */
  existing?: K8sObject;
  /** Namespace to use when the object has none. */
  namespace: string;
  /** The file name kubectl would mention in messages (`pod.yaml`). */
  fileName?: string;
  /**
   * Random-looking 5-character suffix for generated names (`kube-api-access-<suffix>`, and a
   * derived one for `metadata.generateName`); deterministic when the caller's PRNG is. Default `xxxxx`.
   */
  nameSuffix?: string;
  /**
   * For UPDATE: `apply` (default) merges the manifest into the live object as `kubectl apply`
   * does (three-way, with the last-applied annotation); `replace` takes the manifest as the whole
   * new object, as `kubectl replace` does.
   */
  mode?: 'apply' | 'replace';
}

export interface FieldCause {
  /** `spec.containers[0].livenessProbe.successThreshold` */
  field: string;
  /** The rendered cause, e.g. `spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1`. */
  text: string;
}

export interface AdmitResult {
  ok: boolean;
  /** The object after defaulting (present when ok). */
  object?: K8sObject;
  /** Validation causes, in the API server's order. */
  causes: FieldCause[];
  /**
   * kubectl's rendering of a rejection: `The Pod "nginx" is invalid: <cause>` for one cause,
   * or the prefix line followed by `* <cause>` lines for several.
   */
  message?: string;
  /** API warnings kubectl prints as `Warning: …` (the object is still admitted). */
  warnings: string[];
}
