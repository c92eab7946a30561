/**
 * Update rules: a Pod's spec is immutable except a few fields (ValidatePodUpdate in
 * pkg/apis/core/validation/validation.go, v1.30), and an apps/v1 Deployment's or ReplicaSet's
 * selector is immutable (pkg/registry/apps/{deployment,replicaset}/strategy.go ValidateUpdate).
 * The Forbidden message of a pod update ends with a `cmp.Diff(old, new)` of the specs; go-cmp's
 * exact layout is deliberately unstable, so a compact diff of the changed fields in its style
 * (Go field names, `-`/`+` lines) stands in for it.
 */
import { child, forbidden, index, invalid, required, type FieldError } from './field';
import { goLabelSelector } from './workloads';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);

const UPDATABLE = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const canon = (v: unknown): string => JSON.stringify(sortKeys(v));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** `spec.containers[0].livenessProbe` → `Containers[0].LivenessProbe` */
const goField = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function goLiteral(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `{${v.map(goLiteral).join(', ')}}`;
  if (isObj(v)) return `&{${Object.keys(v).sort().map((k) => `${goField(k)}: ${goLiteral(v[k])}`).join(', ')}}`;
  return String(v);
}

function diffLines(a: unknown, b: unknown, path: string, out: string[]): void {
  if (canon(a) === canon(b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) diffLines(a[k], b[k], path ? `${path}.${goField(k)}` : goField(k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diffLines(x, b[i], `${path}[${i}]`, out));
    return;
  }
  out.push(`- \t${path}: ${goLiteral(a)},`, `+ \t${path}: ${goLiteral(b)},`);
}

export function specDiff(oldSpec: unknown, newSpec: unknown): string {
  const lines: string[] = [];
  diffLines(oldSpec, newSpec, '', lines);
  return ['  core.PodSpec{', '  \t... // other fields are identical', ...lines, '  }', ''].join('\n');
}

export function validatePodUpdate(next: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const ns: Obj = isObj(next.spec) ? next.spec : {};
  const os: Obj = isObj(old.spec) ? old.spec : {};
  for (const f of ['containers', 'initContainers'] as const) {
    const a = list(ns[f]);
    const b = list(os[f]);
    if (a.length !== b.length) return [...errs, forbidden(`spec.${f}`, 'pod updates may not add or remove containers')];
    a.forEach((c, i) => {
      if (!c.image) errs.push(required(child(index(`spec.${f}`, i), 'image')));
      else if (String(c.image).trim() !== c.image) errs.push(invalid(child(index(`spec.${f}`, i), 'image'), { str: String(c.image) }, 'must not have leading or trailing whitespace'));
    });
  }
  const ads = ns.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2 ** 31 - 1) return [...errs, invalid('spec.activeDeadlineSeconds', { num: ads }, 'must be between 0 and 2147483647, inclusive')];
    if (typeof os.activeDeadlineSeconds === 'number' && os.activeDeadlineSeconds < ads) return [...errs, invalid('spec.activeDeadlineSeconds', { num: ads }, 'must be less than or equal to previous value')];
  } else if (typeof os.activeDeadlineSeconds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  const newTol = list(ns.tolerations);
  for (const t of list(os.tolerations)) {
    const { tolerationSeconds: _ignored, ...rest } = t;
    void _ignored;
    if (!newTol.some((n) => canon({ ...n, tolerationSeconds: undefined }) === canon({ ...rest, tolerationSeconds: undefined }))) {
      errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  if (canon(ns) === canon(os)) return errs;
  // munge the updatable fields, then compare
  const munged: Obj = JSON.parse(JSON.stringify(ns));
  for (const f of ['containers', 'initContainers'] as const) list(munged[f]).forEach((c, i) => (c.image = list(os[f])[i]?.image));
  if (os.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.tolerations = os.tolerations;
  if (munged.tolerations === undefined) delete munged.tolerations;
  if (typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if (canon(munged) !== canon(os)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE.join(',')}\n${specDiff(os, munged)}`));
  }
  return errs;
}

/** apps/v1: `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable` */
export function validateSelectorUpdate(next: Obj, old: Obj): FieldError[] {
  const a = next.spec?.selector;
  const b = old.spec?.selector;
  if (canon(a) === canon(b)) return [];
  return [invalid('spec.selector', goLabelSelector(isObj(a) ? a : undefined), 'field is immutable')];
}
