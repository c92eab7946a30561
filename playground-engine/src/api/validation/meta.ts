/**
 * ObjectMeta validation on create (apimachinery pkg/api/validation/objectmeta.go
 * ValidateObjectMetaAccessor): generateName, name, namespace, generation, labels (meta/v1
 * validation ValidateLabels: every key and value reported at `metadata.labels`), annotations
 * (keys lower-cased, total size 256 KiB).
 */
import { child, forbidden, goValue, invalid, required, tooLong, type FieldError } from './field';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './names';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
export type NameFn = (name: string, prefix: boolean) => string[];

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Go map iteration order is random; the playground uses the keys in sorted order. */
const entries = (m: unknown): Array<[string, unknown]> => (isObj(m) ? Object.keys(m).sort().map((k) => [k, m[k]]) : []);

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, { str: k }, msg));
    for (const msg of isValidLabelValue(String(v ?? ''))) errs.push(invalid(path, { str: String(v ?? '') }, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, { str: k }, msg));
    size += k.length + String(v ?? '').length;
  }
  if (size > 256 * 1024) errs.push(tooLong(path, 256 * 1024));
  return errs;
}

export function validateObjectMeta(meta: Obj, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) for (const msg of nameFn(String(meta.generateName), true)) errs.push(invalid(child(path, 'generateName'), { str: String(meta.generateName) }, msg));
  if (!meta.name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(String(meta.name), false)) errs.push(invalid(child(path, 'name'), { str: String(meta.name) }, msg));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(child(path, 'namespace')));
    else for (const msg of nameIsDNSLabel(String(meta.namespace), false)) errs.push(invalid(child(path, 'namespace'), { str: String(meta.namespace) }, msg));
  } else if (meta.namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) errs.push(invalid(child(path, 'generation'), goValue(meta.generation), 'must be greater than or equal to 0'));
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  return errs;
}
