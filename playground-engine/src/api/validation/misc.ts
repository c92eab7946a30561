/**
 * Namespace, ConfigMap, Secret and ServiceAccount validation (k8s.io/kubernetes
 * pkg/apis/core/validation/validation.go, v1.30).
 */
import { key, invalid, required, tooLong, type FieldError } from './field';
import { isConfigMapKey, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { validateObjectMeta } from './meta';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const meta = (o: Obj): Obj => (isObj(o.metadata) ? o.metadata : {});
const MAX_SECRET_SIZE = 1024 * 1024;

export function validateNamespace(ns: Obj): FieldError[] {
  return validateObjectMeta(meta(ns), false, nameIsDNSLabel);
}

export function validateServiceAccount(sa: Obj): FieldError[] {
  return validateObjectMeta(meta(sa), true, nameIsDNSSubdomain);
}

export function validateConfigMap(cm: Obj): FieldError[] {
  const errs = validateObjectMeta(meta(cm), true, nameIsDNSSubdomain);
  let size = 0;
  const data = isObj(cm.data) ? cm.data : {};
  const bin = isObj(cm.binaryData) ? cm.binaryData : {};
  for (const k of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), { str: k }, m));
    if (k in bin) errs.push(invalid(key('data', k), { str: k }, 'duplicate of key present in binaryData'));
    size += String(data[k] ?? '').length;
  }
  for (const k of Object.keys(bin).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('binaryData', k), { str: k }, m));
    size += Math.floor((String(bin[k] ?? '').replace(/[\r\n=]/g, '').length * 3) / 4);
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
  return errs;
}

export function validateSecret(sec: Obj): FieldError[] {
  const errs = validateObjectMeta(meta(sec), true, nameIsDNSSubdomain);
  const data = isObj(sec.data) ? sec.data : {};
  let size = 0;
  for (const k of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), { str: k }, m));
    size += Math.floor((String(data[k] ?? '').replace(/[\r\n=]/g, '').length * 3) / 4);
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  switch (sec.type) {
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(required(key('data', 'username')), required(key('data', 'password')));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required(key('data', 'ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(required(key('data', 'tls.crt')));
      if (!('tls.key' in data)) errs.push(required(key('data', 'tls.key')));
      break;
    default:
  }
  return errs;
}
