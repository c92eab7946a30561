/**
 * Deployment and ReplicaSet validation (k8s.io/kubernetes pkg/apis/apps/validation/validation.go,
 * v1.30) and label selectors (apimachinery meta/v1/validation ValidateLabelSelector).
 */
import { child, forbidden, goQuote, goStringMap, index, invalid, notSupported, required, type FieldError, type GoValue } from './field';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain, regexError } from './names';
import { validateLabels, validateObjectMeta } from './meta';
import { nonNegative } from './containers';
import { validatePodTemplateSpec } from './pod';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelector(sel: Obj, path: string): FieldError[] {
  const errs = validateLabels(sel.matchLabels, child(path, 'matchLabels'));
  list(sel.matchExpressions).forEach((e, i) => {
    const ip = index(child(path, 'matchExpressions'), i);
    const op = str(e.operator);
    const values = Array.isArray(e.values) ? e.values : [];
    if (op === 'In' || op === 'NotIn') {
      if (!values.length) errs.push(required(child(ip, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length) errs.push(forbidden(child(ip, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(child(ip, 'operator'), { str: op }, 'not a valid selector operator'));
    for (const m of isQualifiedName(str(e.key))) errs.push(invalid(child(ip, 'key'), { str: str(e.key) }, m));
    values.forEach((v: unknown, vi: number) => {
      for (const m of isValidLabelValue(String(v))) errs.push(invalid(index(child(ip, 'values'), vi), { str: String(v) }, m));
    });
  });
  return errs;
}

/** labels.Selector semantics of a LabelSelector: undefined when it cannot be converted. */
export function selectorMatcher(sel: Obj | undefined): ((labels: Record<string, string>) => boolean) | 'everything' | undefined {
  if (!sel) return () => false; // labels.Nothing()
  const ml = isObj(sel.matchLabels) ? sel.matchLabels : {};
  const exprs = list(sel.matchExpressions);
  if (exprs.some((e) => !OPS.includes(str(e.operator)))) return undefined;
  if (!Object.keys(ml).length && !exprs.length) return 'everything';
  return (labels) =>
    Object.entries(ml).every(([k, v]) => labels[k] === String(v)) &&
    exprs.every((e) => {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      const vals = (Array.isArray(e.values) ? e.values : []).map(String);
      switch (e.operator) {
        case 'In':
          return has && vals.includes(labels[e.key]);
        case 'NotIn':
          return !has || !vals.includes(labels[e.key]);
        case 'Exists':
          return has;
        default:
          return !has;
      }
    });
}

/** `%#v` of a *metav1.LabelSelector (dereferenced by ErrorBody). */
export function goLabelSelector(sel: Obj | undefined): GoValue {
  if (!sel) return null;
  const ml = isObj(sel.matchLabels) ? (goStringMap(sel.matchLabels) as { raw: string }).raw : 'map[string]string(nil)';
  const ex = list(sel.matchExpressions);
  const exText = ex.length
    ? `[]v1.LabelSelectorRequirement{${ex
        .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(str(e.key))}, Operator:${goQuote(str(e.operator))}, Values:${Array.isArray(e.values) ? `[]string{${e.values.map((v: unknown) => goQuote(String(v))).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return { raw: `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${exText}}` };
}

/** ValidatePodTemplateSpecForReplicaSet */
export function validateTemplateForSelector(tpl: Obj, sel: Obj | undefined, kind: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const match = selectorMatcher(sel);
  const labels = isObj(tpl.metadata?.labels) ? (tpl.metadata.labels as Record<string, string>) : undefined;
  if (typeof match === 'function' && !match(labels ?? {})) {
    errs.push(invalid(child(path, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, path));
  const rp = tpl.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported(child(path, 'spec', 'restartPolicy'), { str: str(rp) }, ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec?.activeDeadlineSeconds !== null) {
    errs.push(forbidden(child(path, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

function validateSelectorAndTemplate(spec: Obj, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = isObj(spec.selector) ? spec.selector : undefined;
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (!Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length && !list(sel.matchExpressions).length) {
      errs.push(invalid('spec.selector', goLabelSelector(sel), 'empty selector is invalid for deployment'));
    }
  }
  if (selectorMatcher(sel) === undefined) errs.push(invalid('spec.selector', goLabelSelector(sel), 'invalid label selector'));
  else errs.push(...validateTemplateForSelector(isObj(spec.template) ? spec.template : {}, sel, kind, 'spec.template'));
  return errs;
}

const PERCENT = /^[0-9]+%$/;

/** ValidatePositiveIntOrPercent (the value prints through IntOrString.String(): unquoted). */
function positiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    return PERCENT.test(v) ? [] : [invalid(path, { raw: v }, regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
  }
  return nonNegative(typeof v === 'number' ? v : 0, path);
}

const intOrPercent = (v: unknown): number => (typeof v === 'string' ? (PERCENT.test(v) ? Number(v.slice(0, -1)) : 0) : typeof v === 'number' ? v : 0);

function validateStrategy(strategy: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(strategy.type);
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) errs.push(forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate;
    if (!isObj(ru)) errs.push(required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      const rp = child(path, 'rollingUpdate');
      errs.push(...positiveIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...positiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
      if (intOrPercent(ru.maxUnavailable) === 0 && intOrPercent(ru.maxSurge) === 0) {
        errs.push(invalid(child(rp, 'maxUnavailable'), { raw: String(ru.maxUnavailable ?? 0) }, 'may not be 0 when `maxSurge` is 0'));
      }
      if (typeof ru.maxUnavailable === 'string' && PERCENT.test(ru.maxUnavailable) && intOrPercent(ru.maxUnavailable) > 100) {
        errs.push(invalid(child(rp, 'maxUnavailable'), { raw: ru.maxUnavailable }, 'must not be greater than 100%'));
      }
    }
  } else {
    const ru = strategy.rollingUpdate ? '(*apps.RollingUpdateDeployment)(0xc000f2a0e0)' : '(*apps.RollingUpdateDeployment)(nil)';
    errs.push(notSupported(path, { raw: `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${ru}}` }, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeployment(d: Obj): FieldError[] {
  const spec = isObj(d.spec) ? d.spec : {};
  const errs = validateObjectMeta(isObj(d.metadata) ? d.metadata : {}, true, nameIsDNSSubdomain);
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(spec, 'ReplicaSet'));
  errs.push(...validateStrategy(isObj(spec.strategy) ? spec.strategy : {}, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', { num: spec.progressDeadlineSeconds }, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateReplicaSet(rs: Obj): FieldError[] {
  const spec = isObj(rs.spec) ? rs.spec : {};
  const errs = validateObjectMeta(isObj(rs.metadata) ? rs.metadata : {}, true, nameIsDNSSubdomain);
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelectorAndTemplate(spec, 'ReplicaSet'));
  return errs;
}
