/**
 * Pod and PodSpec validation (k8s.io/kubernetes pkg/apis/core/validation/validation.go, v1.30):
 * ValidatePodCreate → validatePodMetadataAndSpec → ValidatePodSpec, with errors in the order the
 * API server appends them. Also used for pod templates (ValidatePodTemplateSpec).
 */
import {
  child, duplicate, forbidden, goValue, index, invalid, notSupported, required, type FieldError,
} from './field';
import { isDNS1123Label, inclusiveRangeError, isValidLabelValue, nameIsDNSSubdomain } from './names';
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta';
import { hostPortConflicts, validateContainerCommon, validateContainerResourceFieldSelector, validateLifecycle, validateObjectFieldSelector, validateProbe } from './containers';
import { isQualifiedName } from './names';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral',
];
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/** validatePathNoBacksteps */
function noBacksteps(p: string, fp: string): FieldError[] {
  return p.split('/').includes('..') ? [invalid(fp, { str: p }, "must not contain '..'")] : [];
}

/** validateLocalNonReservedPath: relative, no `..` element, not starting with `..`. */
function localNonReservedPath(p: string, fp: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(invalid(fp, { str: p }, 'must be a relative path'));
  errs.push(...noBacksteps(p, fp));
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(invalid(fp, { str: p }, "must not start with '..'"));
  return errs;
}

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateVolumeSource(v: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const s of VOLUME_SOURCES) {
    const src = v[s];
    if (src === undefined || src === null) continue;
    if (n > 0 && s !== 'emptyDir') {
      errs.push(forbidden(child(path, s === 'cephfs' ? 'cephFS' : s), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const sp = child(path, s);
    const mode = (m: unknown, p: string) => {
      if (typeof m === 'number' && (m < 0 || m > 0o777)) errs.push(invalid(p, { num: m }, FILE_MODE_ERROR));
    };
    const keyToPaths = (items: unknown, ip: string) => list(items).forEach((kp, i) => {
      const p = index(ip, i);
      if (!str(kp.key)) errs.push(required(child(p, 'key')));
      if (!str(kp.path)) errs.push(required(child(p, 'path')));
      errs.push(...localNonReservedPath(str(kp.path), child(p, 'path')));
      mode(kp.mode, child(p, 'mode'));
    });
    if (s === 'hostPath') {
      if (!str(src.path)) errs.push(required(child(sp, 'path')));
      else {
        errs.push(...noBacksteps(str(src.path), child(sp, 'path')));
        if (src.type !== undefined && src.type !== null && !HOST_PATH_TYPES.includes(str(src.type))) {
          errs.push(notSupported(child(sp, 'type'), { str: str(src.type) }, HOST_PATH_TYPES));
        }
      }
    }
    if (s === 'secret') {
      if (!str(src.secretName)) errs.push(required(child(sp, 'secretName')));
      mode(src.defaultMode, child(sp, 'defaultMode'));
      keyToPaths(src.items, child(sp, 'items'));
    }
    if (s === 'configMap') {
      if (!str(src.name)) errs.push(required(child(sp, 'name')));
      mode(src.defaultMode, child(sp, 'defaultMode'));
      keyToPaths(src.items, child(sp, 'items'));
    }
    if (s === 'downwardAPI') {
      mode(src.defaultMode, child(sp, 'defaultMode'));
      // validateDownwardAPIVolumeFile is given the volume source's path, not the item's
      for (const f of list(src.items)) {
        if (!str(f.path)) errs.push(required(child(sp, 'path')));
        errs.push(...localNonReservedPath(str(f.path), child(sp, 'path')));
        if (isObj(f.fieldRef)) {
          errs.push(...validateObjectFieldSelector(f.fieldRef, VOLUME_FIELD_PATHS, child(sp, 'fieldRef')));
          if (isObj(f.resourceFieldRef)) errs.push(invalid(sp, { str: 'resource' }, 'fieldRef and resourceFieldRef can not be specified simultaneously'));
        } else if (isObj(f.resourceFieldRef)) {
          errs.push(...validateContainerResourceFieldSelector(f.resourceFieldRef, child(sp, 'resourceFieldRef'), true));
        } else errs.push(required(sp, 'one of fieldRef and resourceFieldRef is required'));
        mode(f.mode, child(sp, 'mode'));
      }
    }
    if (s === 'persistentVolumeClaim' && !str(src.claimName)) errs.push(required(child(sp, 'claimName')));
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: the names of the valid volumes, and the errors. */
function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  list(volumes).forEach((v, i) => {
    const ip = index(path, i);
    const el = validateVolumeSource(v, ip);
    const name = str(v.name);
    if (!name) el.push(required(child(ip, 'name')));
    else for (const m of isDNS1123Label(name)) el.push(invalid(child(ip, 'name'), { str: name }, m));
    if (names.has(name)) el.push(duplicate(child(ip, 'name'), { str: name }));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

function validateContainers(containers: Obj[], volumes: Set<string>, grace: number, path: string): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), { str: name }));
    else names.add(name);
    if (isObj(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, grace, child(p, 'lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, 'liveness', grace, child(p, 'livenessProbe')));
    errs.push(...validateProbe(c.readinessProbe, 'readiness', grace, child(p, 'readinessProbe')));
    errs.push(...validateProbe(c.startupProbe, 'startup', grace, child(p, 'startupProbe')));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: Obj[], regular: Obj[], volumes: Set<string>, grace: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(child(p, 'restartPolicy'), { str: str(c.restartPolicy) }, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), { str: name }));
    else if (name) names.add(name);
    // init containers run one by one: host ports are checked per container (index 0, as upstream)
    errs.push(...hostPortConflicts([c], path));
    if (restartAlways) {
      if (isObj(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, grace, child(p, 'lifecycle')));
      errs.push(...validateProbe(c.livenessProbe, 'liveness', grace, child(p, 'livenessProbe')));
      errs.push(...validateProbe(c.readinessProbe, 'readiness', grace, child(p, 'readinessProbe')));
      errs.push(...validateProbe(c.startupProbe, 'startup', grace, child(p, 'startupProbe')));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined && c[f] !== null) errs.push(forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** ValidateTolerations */
function validateTolerations(tolerations: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const ip = index(path, i);
    const k = str(t.key);
    if (k) for (const m of isQualifiedName(k)) errs.push(invalid(child(ip, 'key'), { str: k }, m));
    const op = str(t.operator);
    if (!k && op !== 'Exists') errs.push(invalid(child(ip, 'operator'), { str: op }, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(child(ip, 'effect'), { str: str(t.effect) }, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length) errs.push(invalid(child(ip, 'operator'), { str: str(t.value) }, msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t.value)) errs.push(invalid(child(ip, 'operator'), { str: str(t.value) }, "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(child(ip, 'operator'), { str: op }, ['Equal', 'Exists']));
    const eff = str(t.effect);
    if (eff && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(eff)) errs.push(notSupported(child(ip, 'effect'), { str: eff }, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

/** ValidatePodSpec */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 0;
  const vols = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...vols.errs);
  const containers = list(spec.containers);
  errs.push(...validateContainers(containers, vols.names, grace, child(path, 'containers')));
  errs.push(...validateInitContainers(list(spec.initContainers), containers, vols.names, grace, child(path, 'initContainers')));
  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(required(child(path, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(child(path, 'restartPolicy'), { str: rp }, ['Always', 'OnFailure', 'Never']));
  const dp = str(spec.dnsPolicy);
  if (!dp) errs.push(required(child(path, 'dnsPolicy')));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dp)) {
    errs.push(notSupported(child(path, 'dnsPolicy'), { str: dp }, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  if (dp === 'None' && !isObj(spec.dnsConfig)) errs.push(required(child(path, 'dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
  const sa = str(spec.serviceAccountName);
  if (sa) for (const m of nameIsDNSSubdomain(sa, false)) errs.push(invalid(child(path, 'serviceAccountName'), { str: sa }, m));
  const node = str(spec.nodeName);
  if (node) for (const m of nameIsDNSSubdomain(node, false)) errs.push(invalid(child(path, 'nodeName'), { str: node }, m));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2 ** 31 - 1)) errs.push(invalid(child(path, 'activeDeadlineSeconds'), { num: ads }, inclusiveRangeError(1, 2 ** 31 - 1)));
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v) for (const m of isDNS1123Label(v)) errs.push(invalid(child(path, f), { str: v }, m));
  }
  const tol = list(spec.tolerations);
  if (tol.length) errs.push(...validateTolerations(tol, child(path, 'tolerations')));
  const pcn = str(spec.priorityClassName);
  if (pcn) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(child(path, 'priorityClassName'), { str: pcn }, m));
  const pp = spec.preemptionPolicy;
  if (pp !== undefined && pp !== null && pp !== 'PreemptLowerPriority' && pp !== 'Never') {
    errs.push(pp === '' ? required(child(path, 'preemptionPolicy')) : notSupported(child(path, 'preemptionPolicy'), goValue(pp), ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** validateContainersOnlyForPod: no whitespace around images (pods only, not templates). */
function validateImagesForPod(containers: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const img = str(c.image);
    if (img.length !== img.trim().length) errs.push(invalid(child(index(path, i), 'image'), { str: img }, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

/** ValidatePodCreate (without the seccomp/AppArmor annotation checks). */
export function validatePod(pod: Obj): FieldError[] {
  const meta = isObj(pod.metadata) ? pod.metadata : {};
  const spec = isObj(pod.spec) ? pod.spec : {};
  const errs = validateObjectMeta(meta, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(spec, 'spec'));
  errs.push(...validateImagesForPod(list(spec.containers), 'spec.containers'));
  errs.push(...validateImagesForPod(list(spec.initContainers), 'spec.initContainers'));
  if (list(spec.ephemeralContainers).length) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  return errs;
}

/** ValidatePodTemplateSpec: labels and annotations at `<path>.labels`, the spec at `<path>.spec`. */
export function validatePodTemplateSpec(tpl: Obj, path: string): FieldError[] {
  const meta = isObj(tpl.metadata) ? tpl.metadata : {};
  const errs = validateLabels(meta.labels, child(path, 'labels'));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validatePodSpec(isObj(tpl.spec) ? tpl.spec : {}, child(path, 'spec')));
  if (list(tpl.spec?.ephemeralContainers).length) errs.push(forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}
