/**
 * DaemonSet and StatefulSet validation (pkg/apis/apps/validation/validation.go, v1.30): the
 * selector must be set, non-empty and match the template's labels; the template restarts Always.
 */
import { child, goQuote, invalid, notSupported, required, type FieldError } from './field';
import { nameIsDNSSubdomain } from './names';
import { validateObjectMeta } from './meta';
import { nonNegative } from './containers';
import { goLabelSelector, selectorMatcher, validateLabelSelector, validateTemplateForSelector } from './workloads';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function selectorAndTemplate(spec: Obj, kind: 'daemonset' | 'statefulset', templateKind: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = isObj(spec.selector) ? spec.selector : undefined;
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (!Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length && !(Array.isArray(sel.matchExpressions) && sel.matchExpressions.length)) {
      errs.push(invalid('spec.selector', goLabelSelector(sel), `empty selector is invalid for ${kind}`));
    }
  }
  if (selectorMatcher(sel) === undefined) errs.push(invalid('spec.selector', goLabelSelector(sel), 'invalid label selector'));
  else errs.push(...validateTemplateForSelector(isObj(spec.template) ? spec.template : {}, sel, templateKind, 'spec.template'));
  return errs;
}

export function validateDaemonSet(ds: Obj): FieldError[] {
  const spec = isObj(ds.spec) ? ds.spec : {};
  const errs = validateObjectMeta(isObj(ds.metadata) ? ds.metadata : {}, true, nameIsDNSSubdomain);
  errs.push(...selectorAndTemplate(spec, 'daemonset', 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const us = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  if (!['RollingUpdate', 'OnDelete'].includes(String(us.type))) {
    // ValidateDaemonSetUpdateStrategy prints the whole strategy (%#v), as the Deployment's does; the pointer is not reproduced
    const ru = us.rollingUpdate ? '(*apps.RollingUpdateDaemonSet)(0xc000f2a0e0)' : '(*apps.RollingUpdateDaemonSet)(nil)';
    errs.push(notSupported(child('spec', 'updateStrategy'), { raw: `apps.DaemonSetUpdateStrategy{Type:${goQuote(String(us.type ?? ''))}, RollingUpdate:${ru}}` }, ['RollingUpdate', 'OnDelete']));
  }
  return errs;
}

export function validateStatefulSet(sts: Obj): FieldError[] {
  const spec = isObj(sts.spec) ? sts.spec : {};
  const errs = validateObjectMeta(isObj(sts.metadata) ? sts.metadata : {}, true, nameIsDNSSubdomain);
  const pmp = String(spec.podManagementPolicy ?? '');
  if (pmp === '') errs.push(required('spec.podManagementPolicy', ''));
  else if (!['OrderedReady', 'Parallel'].includes(pmp)) errs.push(invalid('spec.podManagementPolicy', { str: pmp }, 'must be \'OrderedReady\' or \'Parallel\''));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...selectorAndTemplate(spec, 'statefulset', 'StatefulSet'));
  return errs;
}
