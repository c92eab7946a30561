/**
 * Container validation (k8s.io/kubernetes pkg/apis/core/validation/validation.go, v1.30):
 * validateContainerCommon (name, image, terminationMessagePolicy, ports, env, envFrom,
 * volumeMounts, imagePullPolicy, resources) and the probe and lifecycle handler rules, in the
 * order the API server appends their errors.
 */
import {
  child, duplicate, forbidden, goValue, index, invalid, key, notFound, notSupported, required,
  type FieldError,
} from './field';
import {
  inclusiveRangeError, isConfigMapKey, isDNS1123Label, isEnvVarName, isHTTPHeaderName, isQualifiedName,
  isValidPortName, isValidPortNum, nameIsDNSSubdomain,
} from './names';
import { cmpQuantity, parseQ } from '../quantity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const IS_NEGATIVE = 'must be greater than or equal to 0';

export function nonNegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, goValue(v), IS_NEGATIVE)] : [];
}

/** validateContainerPorts */
function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list(ports).forEach((p, i) => {
    const ip = index(path, i);
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(child(ip, 'name'), { str: name }, m));
      else if (names.has(name)) errs.push(duplicate(child(ip, 'name'), { str: name }));
      else names.add(name);
    }
    const cp = typeof p.containerPort === 'number' ? p.containerPort : 0;
    if (cp === 0) errs.push(required(child(ip, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(child(ip, 'containerPort'), { num: cp }, m));
    const hp = typeof p.hostPort === 'number' ? p.hostPort : 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(child(ip, 'hostPort'), { num: hp }, m));
    const proto = str(p.protocol);
    if (!proto) errs.push(required(child(ip, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(child(ip, 'protocol'), { str: proto }, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];

/** pods.ConvertDownwardAPIFieldLabel (v1.30): the field labels the downward API knows at all. */
const DOWNWARD_LABELS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs', 'spec.host'];

/** fieldpath.SplitMaybeSubscriptedPath */
function splitSubscript(p: string): [string, string] | undefined {
  if (!p.endsWith("']")) return undefined;
  const s = p.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

/** validateObjectFieldSelector (apiVersion and fieldPath already checked as present by the caller or here). */
export function validateObjectFieldSelector(fs: Obj, expressions: string[], fp: string): FieldError[] {
  if (!str(fs.apiVersion)) return [required(child(fp, 'apiVersion'))];
  if (!str(fs.fieldPath)) return [required(child(fp, 'fieldPath'))];
  const p = str(fs.fieldPath);
  const version = str(fs.apiVersion);
  let convErr: string | undefined;
  const sub = splitSubscript(p);
  if (version !== 'v1') convErr = `unsupported pod version: ${version}`;
  else if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') convErr = `field label does not support subscript: ${p}`;
  } else if (!DOWNWARD_LABELS.includes(p)) convErr = `field label not supported: ${p}`;
  if (convErr) return [invalid(child(fp, 'fieldPath'), { str: p }, `error converting fieldPath: ${convErr}`)];
  const internal = p === 'spec.host' ? 'spec.nodeName' : p;
  if (sub) {
    const m = sub[0] === 'metadata.annotations' ? isQualifiedName(sub[1].toLowerCase()) : isQualifiedName(sub[1]);
    return m.map((msg) => invalid(fp, { str: sub[0] === 'metadata.annotations' ? sub[1].toLowerCase() : sub[1] }, msg));
  }
  if (!expressions.includes(internal)) return [notSupported(child(fp, 'fieldPath'), { str: internal }, [...expressions].sort())];
  return [];
}

const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const RESOURCE_FIELD_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

/** validateContainerResourceFieldSelector (the divisor's own checks are not modelled). */
export function validateContainerResourceFieldSelector(fs: Obj, fp: string, volume: boolean): FieldError[] {
  const resource = str(fs.resource);
  if (volume && !str(fs.containerName)) return [required(child(fp, 'containerName'))];
  if (!resource) return [required(child(fp, 'resource'))];
  if (!RESOURCE_FIELD_PATHS.includes(resource) && !RESOURCE_FIELD_PREFIXES.some((x) => resource.startsWith(x))) {
    return [notSupported(child(fp, 'resource'), { str: resource }, RESOURCE_FIELD_PATHS)];
  }
  return [];
}

/** ValidateEnv and validateEnvVarValueFrom (fieldRef, configMapKeyRef, secretKeyRef; resourceFieldRef counted). */
function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(env).forEach((e, i) => {
    const ip = index(path, i);
    const name = str(e.name);
    if (!name) errs.push(required(child(ip, 'name')));
    else for (const m of isEnvVarName(name)) errs.push(invalid(child(ip, 'name'), { str: name }, m));
    if (!isObj(e.valueFrom)) return;
    const vp = child(ip, 'valueFrom');
    const vf = e.valueFrom;
    let n = 0;
    if (isObj(vf.fieldRef)) {
      n++;
      const fp = child(vp, 'fieldRef');
      if (!vf.fieldRef.apiVersion) errs.push(required(child(fp, 'apiVersion')));
      else if (!vf.fieldRef.fieldPath) errs.push(required(child(fp, 'fieldPath')));
      else errs.push(...validateObjectFieldSelector(vf.fieldRef, ENV_FIELD_PATHS, fp));
    }
    if (isObj(vf.resourceFieldRef)) {
      n++;
      errs.push(...validateContainerResourceFieldSelector(vf.resourceFieldRef, child(vp, 'resourceFieldRef'), false));
    }
    for (const [k, ref] of [['configMapKeyRef', vf.configMapKeyRef], ['secretKeyRef', vf.secretKeyRef]] as const) {
      if (!isObj(ref)) continue;
      n++;
      const rp = child(vp, k);
      for (const m of nameIsDNSSubdomain(str(ref.name), false)) errs.push(invalid(child(rp, 'name'), { str: str(ref.name) }, m));
      if (!ref.key) errs.push(required(child(rp, 'key')));
      else for (const m of isConfigMapKey(str(ref.key))) errs.push(invalid(child(rp, 'key'), { str: str(ref.key) }, m));
    }
    if (n === 0) errs.push(invalid(vp, { str: '' }, 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(e.value)) errs.push(invalid(vp, { str: '' }, 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(invalid(vp, { str: '' }, 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidateEnvFrom */
function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(envFrom).forEach((e, i) => {
    const ip = index(path, i);
    if (str(e.prefix)) for (const m of isEnvVarName(str(e.prefix))) errs.push(invalid(child(ip, 'prefix'), { str: str(e.prefix) }, m));
    let n = 0;
    for (const [k, ref] of [['configMapRef', e.configMapRef], ['secretRef', e.secretRef]] as const) {
      if (!isObj(ref)) continue;
      n++;
      const rp = child(ip, k, 'name');
      if (!ref.name) errs.push(required(rp));
      else for (const m of nameIsDNSSubdomain(str(ref.name), true)) errs.push(invalid(rp, { str: str(ref.name) }, m));
    }
    if (n === 0) errs.push(invalid(path, { str: '' }, 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, { str: '' }, 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidateVolumeMounts (name, NotFound volume, mountPath, uniqueness). */
function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  list(mounts).forEach((m, i) => {
    const ip = index(path, i);
    const name = str(m.name);
    if (!name) errs.push(required(child(ip, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(ip, 'name'), { str: name }));
    const mp = str(m.mountPath);
    if (!mp) errs.push(required(child(ip, 'mountPath')));
    if (points.has(mp)) errs.push(invalid(child(ip, 'mountPath'), { str: mp }, 'must be unique'));
    points.add(mp);
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** ValidateContainerResourceRequirements: names, non-negative quantities, requests ≤ limits. */
function validateResources(res: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(res)) return errs;
  const check = (name: string, q: unknown, p: string) => {
    if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
      errs.push(invalid(p, { raw: name }, 'must be a standard resource type or fully qualified'));
      errs.push(invalid(p, { raw: name }, 'must be a standard resource for containers'));
    }
    const parsed = parseQ(q);
    if (parsed && parsed.nanos < 0n) errs.push(invalid(p, { str: String(q) }, IS_NEGATIVE));
  };
  const limits = isObj(res.limits) ? res.limits : {};
  const requests = isObj(res.requests) ? res.requests : {};
  for (const name of Object.keys(limits).sort()) check(name, limits[name], key(child(path, 'limits'), name));
  for (const name of Object.keys(requests).sort()) {
    check(name, requests[name], key(child(path, 'requests'), name));
    const lim = parseQ(limits[name]);
    const req = parseQ(requests[name]);
    if (lim && req && cmpQuantity(req, lim) > 0) {
      errs.push(invalid(child(path, 'requests'), { str: String(requests[name]) }, `must be less than or equal to ${name} limit of ${String(limits[name])}`));
    }
  }
  return errs;
}

export function validateContainerCommon(c: Obj, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(path, 'name')));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), { str: name }, m));
  if (!str(c.image)) errs.push(required(child(path, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(child(path, 'terminationMessagePolicy'), { str: tmp }, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(path, 'volumeMounts')));
  const pp = str(c.imagePullPolicy);
  if (!pp) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pp)) errs.push(notSupported(child(path, 'imagePullPolicy'), { str: pp }, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResources(c.resources, child(path, 'resources')));
  return errs;
}

/** ValidatePortNumOrName: a number in range, or an IANA service name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  // a missing IntOrString is the int 0
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, { str: port }, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(path, { num: n }, m));
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) / sleep (hooks). */
function validateHandler(h: Obj, kinds: string[], grace: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const k of kinds) {
    const v = h[k];
    if (!isObj(v)) continue;
    const kp = child(path, k);
    if (n > 0) {
      errs.push(forbidden(kp, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    if (k === 'exec') {
      if (!Array.isArray(v.command) || v.command.length === 0) errs.push(required(child(kp, 'command')));
    } else if (k === 'httpGet') {
      if (!str(v.path)) errs.push(required(child(kp, 'path')));
      errs.push(...validatePortNumOrName(v.port, child(kp, 'port')));
      const scheme = str(v.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(kp, 'scheme'), { str: scheme }, ['HTTP', 'HTTPS']));
      for (const hdr of list(v.httpHeaders)) for (const m of isHTTPHeaderName(str(hdr.name))) errs.push(invalid(child(kp, 'httpHeaders'), { str: str(hdr.name) }, m));
    } else if (k === 'tcpSocket') {
      errs.push(...validatePortNumOrName(v.port, child(kp, 'port')));
    } else if (k === 'grpc') {
      const port = typeof v.port === 'number' ? v.port : 0;
      errs.push(...isValidPortNum(port).map((m) => invalid(child(kp, 'port'), { num: port }, m)));
    } else if (k === 'sleep') {
      const s = typeof v.seconds === 'number' ? v.seconds : 0;
      if (s <= 0 || s > grace) errs.push(invalid(kp, { num: s }, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`));
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/** validateProbe, plus the liveness/startup `successThreshold` and readiness grace-period rules. */
export function validateProbe(p: unknown, kind: 'liveness' | 'readiness' | 'startup', grace: number, path: string): FieldError[] {
  if (!isObj(p)) return [];
  const errs = validateHandler(p, PROBE_HANDLERS, grace, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(p[f], child(path, f)));
  const tgp = p.terminationGracePeriodSeconds;
  if (typeof tgp === 'number' && tgp <= 0) errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), { num: tgp }, 'must be greater than 0'));
  if (kind === 'readiness' && typeof tgp === 'number') errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), { num: tgp }, 'must not be set for readinessProbes'));
  if (kind !== 'readiness' && p.successThreshold !== 1) errs.push(invalid(child(path, 'successThreshold'), goValue(p.successThreshold ?? 0), 'must be 1'));
  return errs;
}

export function validateLifecycle(l: Obj, grace: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(l.postStart)) errs.push(...validateHandler(l.postStart, HOOK_HANDLERS, grace, child(path, 'postStart')));
  if (isObj(l.preStop)) errs.push(...validateHandler(l.preStop, HOOK_HANDLERS, grace, child(path, 'preStop')));
  return errs;
}

/** AccumulateUniqueHostPorts: `<protocol>/<hostIP>/<port>` must be unique. */
export function hostPortConflicts(containers: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    list(c.ports).forEach((p, pi) => {
      const hp = typeof p.hostPort === 'number' ? p.hostPort : 0;
      if (!hp) return;
      const k = `${str(p.protocol)}/${str(p.hostIP)}/${hp}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), { str: k }));
      else seen.add(k);
    });
  });
  return errs;
}

export { inclusiveRangeError };
