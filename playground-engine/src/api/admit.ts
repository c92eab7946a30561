/**
 * The API server's admission of one decoded object: (for `kubectl apply` on an existing object,
 * the three-way merge first), defaulting, the Pod admission plugins, validation, and the API
 * warnings — returning the stored object or kubectl's rendering of the rejection.
 */
import type { K8sObject } from '../types';
import type { AdmitContext, AdmitResult } from './types';
import {
  defaultDeployment, defaultNamespace, defaultPod, defaultReplicaSet, defaultSecret, defaultService,
} from './defaults';
import { admitPod } from './admission';
import { defaultCronJob, defaultJob } from './batch-defaults';
import { validateCronJob, validateJob } from './validation/batch';
import { defaultDaemonSet, defaultStatefulSet } from './apps-defaults';
import { validateDaemonSet, validateStatefulSet } from './validation/apps';
import { applyPatch } from './merge';
import { causesOf, invalidMessage } from './render';
import type { FieldError } from './validation/field';
import { validatePod } from './validation/pod';
import { validateDeployment, validateReplicaSet } from './validation/workloads';
import { validateService } from './validation/service';
import { validateConfigMap, validateNamespace, validateSecret, validateServiceAccount } from './validation/misc';
import { validatePodUpdate, validateSelectorUpdate } from './validation/update';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass', 'CustomResourceDefinition']);

interface Kind {
  defaults(o: Obj): void;
  validate(o: Obj): FieldError[];
}

const KINDS: Record<string, Kind> = {
  Pod: { defaults: defaultPod, validate: validatePod },
  Deployment: { defaults: defaultDeployment, validate: validateDeployment },
  ReplicaSet: { defaults: defaultReplicaSet, validate: validateReplicaSet },
  Service: { defaults: defaultService, validate: validateService },
  Namespace: { defaults: defaultNamespace, validate: validateNamespace },
  ConfigMap: { defaults: () => undefined, validate: validateConfigMap },
  Secret: { defaults: defaultSecret, validate: validateSecret },
  ServiceAccount: { defaults: () => undefined, validate: validateServiceAccount },
  Job: { defaults: defaultJob, validate: validateJob },
  CronJob: { defaults: defaultCronJob, validate: validateCronJob },
  DaemonSet: { defaults: defaultDaemonSet, validate: validateDaemonSet },
  StatefulSet: { defaults: defaultStatefulSet, validate: validateStatefulSet },
};

/** A second deterministic 5-character suffix for generateName, derived from the volume's. */
function generatedSuffix(suffix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = 2166136261;
  for (const ch of `name:${suffix}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) + Math.imul(i + 7, 2654435761);
    h >>>= 0;
  }
  return out;
}

/** The Service registry's IP family fields on a single-stack IPv4 cluster (registry/core/service). */
function serviceFamilies(svc: Obj): void {
  const s = svc.spec;
  if (s.type === 'ExternalName') return;
  const headless = s.clusterIP === 'None';
  if (!s.ipFamilyPolicy) s.ipFamilyPolicy = headless && !isObj(s.selector) ? 'RequireDualStack' : 'SingleStack';
  if (!Array.isArray(s.ipFamilies) || !s.ipFamilies.length) s.ipFamilies = ['IPv4'];
}

/** GetWarningsForPod / GetWarningsForPodTemplate (pkg/api/pod/warnings.go): the grace period warning. */
function warningsFor(kind: string, o: Obj): string[] {
  const spec = kind === 'Pod' ? o.spec : o.spec?.template?.spec;
  const path = kind === 'Pod' ? 'spec.terminationGracePeriodSeconds' : 'spec.template.spec.terminationGracePeriodSeconds';
  if (isObj(spec) && typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) {
    return [`${path}: must be >= 0; negative values are invalid and will be treated as 1`];
  }
  return [];
}

export function admit(input: K8sObject, ctx: AdmitContext): AdmitResult {
  try {
    return admitUnsafe(input, ctx);
  } catch (e) {
    const name = String(input?.metadata?.name ?? '');
    const text = `: Internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, causes: [{ field: '', text }], message: `The ${input?.kind ?? 'object'} "${name}" is invalid: ${text}`, warnings: [] };
  }
}

function admitUnsafe(input: K8sObject, ctx: AdmitContext): AdmitResult {
  const kind = String(input.kind);
  const rules = KINDS[kind];
  const update = ctx.operation === 'UPDATE' && isObj(ctx.existing);
  let obj: Obj = JSON.parse(JSON.stringify(input ?? {}));
  if (update && (ctx.mode ?? 'apply') === 'apply') obj = applyPatch(ctx.existing as Obj, obj);
  if (!isObj(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata;
  // BeforeCreate: namespace from the request, cleared on cluster-scoped kinds; generateName
  if (CLUSTER_SCOPED.has(kind)) delete meta.namespace;
  else if (!meta.namespace) meta.namespace = ctx.namespace;
  const suffix = ctx.nameSuffix ?? 'xxxxx';
  if (!update && !meta.name && typeof meta.generateName === 'string' && meta.generateName) {
    meta.name = meta.generateName.slice(0, 58) + generatedSuffix(suffix);
  }
  if (!rules) return { ok: true, object: obj as K8sObject, causes: [], warnings: [] };

  rules.defaults(obj);
  if (kind === 'Pod' && !update) admitPod(obj, suffix);
  if (kind === 'Service') serviceFamilies(obj);

  let errs = rules.validate(obj);
  if (update && kind === 'Pod') errs = [...errs, ...validatePodUpdate(obj, ctx.existing as Obj)];
  if (update && ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(kind)) errs = [...errs, ...validateSelectorUpdate(obj, ctx.existing as Obj)];
  const warnings = warningsFor(kind, obj);
  const causes = causesOf(errs);
  if (causes.length) {
    return { ok: false, causes, message: invalidMessage(kind, String(meta.name ?? ''), causes), warnings };
  }
  return { ok: true, object: obj as K8sObject, causes: [], warnings };
}
