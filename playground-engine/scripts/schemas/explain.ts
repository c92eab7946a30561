/**
 * Data for `kubectl explain` (`generated/explain.json`): an OpenAPI v3 document shaped like the
 * one a v1.30 API server serves (`/openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1`), restricted to
 * the simulated kinds and merged into one: `components.schemas` keyed
 * `io.k8s.api.core.v1.Pod`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, …; kinds carry
 * `x-kubernetes-group-version-kind`; a field that holds a struct is `allOf: [{$ref}]` with its
 * description; IntOrString and Quantity are `oneOf` schemas without a `type` and Time is a
 * `string` — so kubectl's template (`typeGuess` in explain/v2/templates/plaintext.tmpl) prints
 * `<IntOrString>`, `<Quantity>`, `<string>`, `<[]Container>`, `<map[string]string>`, `<PodSpec>`.
 * `required` lists and `enum` values are kept. Not reproduced: the "Possible enum values"
 * paragraphs of descriptions (kubernetes-types strips them) and `default` values.
 */
import { closure, type Model, type TypeModel, type TypeRef } from './model';
import { BYTES_MAP_FIELDS, ENUMS, INT64_FIELDS, SIMULATED_KINDS } from './overrides';

type Json = Record<string, unknown>;

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';

export function schemaName(tm: TypeModel): string {
  const [group, version] = tm.module.split('/');
  if (group === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.v1.${tm.name}`;
  return `io.k8s.api.${group}.${version}.${tm.name}`;
}

const ref = (name: string) => `#/components/schemas/${name}`;

function fieldSchema(owner: string, field: string, t: TypeRef, model: Model, top: boolean): Json {
  switch (t.k) {
    case 'string': {
      const e = top ? ENUMS[`${owner}.${field}`] : undefined;
      return e ? { type: 'string', enum: e } : { type: 'string' };
    }
    case 'bool':
      return { type: 'boolean' };
    case 'number':
    case 'int':
      return { type: 'integer', format: INT64_FIELDS.has(`${owner}.${field}`) ? 'int64' : 'int32' };
    case 'time':
      return top ? { allOf: [{ $ref: ref(TIME) }] } : { $ref: ref(TIME) };
    case 'quantity':
      return top ? { allOf: [{ $ref: ref(QUANTITY) }] } : { $ref: ref(QUANTITY) };
    case 'intOrString':
      return top ? { allOf: [{ $ref: ref(INT_OR_STRING) }] } : { $ref: ref(INT_OR_STRING) };
    case 'object':
      return { type: 'object' };
    case 'list':
      return { type: 'array', items: fieldSchema(owner, field, t.of, model, false) };
    case 'map':
      if (BYTES_MAP_FIELDS.has(`${owner}.${field}`)) return { type: 'object', additionalProperties: { type: 'string', format: 'byte' } };
      return { type: 'object', additionalProperties: fieldSchema(owner, field, t.of, model, false) };
    case 'ref': {
      const name = schemaName(model.types.get(t.name)!);
      return top ? { allOf: [{ $ref: ref(name) }] } : { $ref: ref(name) };
    }
  }
}

export function buildExplain(model: Model): unknown {
  const schemas: Record<string, Json> = {};
  const gvk = new Map<string, { group: string; version: string; kind: string }>();
  for (const [apiVersion, kind, id] of SIMULATED_KINDS) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    gvk.set(id, { group, version, kind });
  }
  for (const id of closure(model, SIMULATED_KINDS.map((k) => k[2]))) {
    const tm = model.types.get(id)!;
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    for (const f of tm.fields) {
      const s = fieldSchema(tm.name, f.name, f.type, model, true);
      if (f.description) s.description = f.description;
      properties[f.name] = s;
      if (f.required) required.push(f.name);
    }
    const s: Json = { type: 'object' };
    if (tm.description) s.description = tm.description;
    if (tm.fields.length) s.properties = properties;
    if (required.length) s.required = required;
    const k = gvk.get(id);
    if (k) s['x-kubernetes-group-version-kind'] = [k];
    schemas[schemaName(tm)] = s;
  }
  schemas[QUANTITY] = {
    description: model.aliasDocs.get('api.resource.Quantity') ?? '',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  };
  schemas[INT_OR_STRING] = {
    description:
      'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  };
  schemas[TIME] = {
    description: model.aliasDocs.get('meta.v1.Time') ?? '',
    type: 'string',
    format: 'date-time',
  };
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.30.0 (the playground kinds, generated from kubernetes-types 1.30.0 by scripts/gen-schemas.ts)' },
    components: { schemas },
  };
}
