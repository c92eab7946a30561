/**
 * The editor's JSON Schema (`generated/editor-schema.json`, draft-07) for monaco-yaml 5.5.1 /
 * yaml-language-server: one `definitions` section shared by all kinds, `additionalProperties:
 * false` on objects (maps stay maps), enums, field descriptions for hover, and an `if/then` per
 * `apiVersion`+`kind` so that each document of a multi-document file is checked against its own
 * kind. `status` is accepted as any object (it is written by the cluster, not by the reader).
 */
import type { Model, TypeModel, TypeRef } from './model';
import { BYTES_MAP_FIELDS, EDITOR_KINDS, ENUMS } from './overrides';
import { SCENARIO_TYPES } from './scenario';

type Json = Record<string, unknown>;

function defId(tm: TypeModel): string {
  const [group, version] = tm.module.split('/');
  if (group === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.v1.${tm.name}`;
  return `io.k8s.api.${group}.${version}.${tm.name}`;
}

export function buildEditorSchema(model: Model): Json {
  const definitions: Record<string, Json> = {};
  const pending: string[] = [];
  const ref = (id: string): string => {
    const tm = model.types.get(id)!;
    const d = defId(tm);
    if (!(d in definitions)) {
      definitions[d] = {}; // reserve, filled below
      pending.push(id);
    }
    return `#/definitions/${d}`;
  };

  const schemaOf = (owner: string, field: string, t: TypeRef): Json => {
    switch (t.k) {
      case 'string': {
        const e = ENUMS[`${owner}.${field}`];
        return e ? { type: 'string', enum: e } : { type: 'string' };
      }
      case 'bool':
        return { type: 'boolean' };
      case 'number':
      case 'int':
        return { type: 'integer' };
      case 'time':
        return { type: 'string' };
      case 'quantity':
        return { type: ['string', 'number'] };
      case 'intOrString':
        return { type: ['integer', 'string'] };
      case 'object':
        return { type: 'object' };
      case 'list':
        return { type: 'array', items: schemaOf(owner, field, t.of) };
      case 'map':
        if (BYTES_MAP_FIELDS.has(`${owner}.${field}`)) return { type: 'object', additionalProperties: { type: 'string' } };
        return { type: 'object', additionalProperties: schemaOf(owner, field, t.of) };
      case 'ref': {
        const tm = model.types.get(t.name)!;
        if (!tm.fields.length) return { type: 'object' };
        return { allOf: [{ $ref: ref(t.name) }] };
      }
    }
  };

  const fill = (id: string) => {
    const tm = model.types.get(id)!;
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    const isKind = tm.fields.some((f) => f.name === 'kind' && f.literal);
    for (const f of tm.fields) {
      let s: Json;
      if (isKind && f.name === 'status') s = { type: 'object' };
      else if (f.literal) s = { type: 'string', enum: [f.literal] };
      else s = schemaOf(tm.name, f.name, f.type);
      if (f.description) s.description = f.description;
      properties[f.name] = s;
      if (f.required) required.push(f.name);
    }
    const def: Json = { type: 'object', properties, additionalProperties: false };
    if (tm.description) def.description = tm.description;
    if (required.length) def.required = required;
    definitions[defId(tm)] = def;
  };

  const branches: Json[] = [];
  const kindNames: string[] = [];
  for (const id of EDITOR_KINDS) {
    const tm = model.types.get(id)!;
    const apiVersion = tm.fields.find((f) => f.name === 'apiVersion')!.literal!;
    kindNames.push(tm.name);
    branches.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: tm.name } }, required: ['apiVersion', 'kind'] },
      then: { $ref: ref(id) },
    });
  }
  while (pending.length) fill(pending.shift()!);

  // the Scenario document, with its bilingual descriptions
  for (const [name, t] of Object.entries(SCENARIO_TYPES)) {
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    for (const [fname, f] of Object.entries(t.fields)) {
      properties[fname] = { ...scenarioType(f.type, ref), description: `${f.zh}\n\n${f.en}`, ...(f.enum ? { enum: f.enum } : {}) };
      if (f.required) required.push(fname);
    }
    definitions[`playground.v1.${name}`] = { type: 'object', description: `${t.zh}\n\n${t.en}`, properties, additionalProperties: false, required };
  }
  while (pending.length) fill(pending.shift()!);
  kindNames.push('Scenario');
  branches.push({
    if: { properties: { apiVersion: { const: 'playground/v1' }, kind: { const: 'Scenario' } }, required: ['apiVersion', 'kind'] },
    then: { $ref: '#/definitions/playground.v1.Scenario' },
  });

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes v1.30 objects of the playground (generated from kubernetes-types 1.30.0)',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object: v1, apps/v1, or playground/v1 for the Scenario.' },
      kind: {
        type: 'string',
        description: `Kind is a string value representing the REST resource this object represents. The playground simulates: ${kindNames.join(', ')}.`,
        enum: kindNames,
      },
    },
    required: ['apiVersion', 'kind'],
    allOf: branches,
    definitions,
  };
}

function scenarioType(t: string, ref: (id: string) => string): Json {
  if (t === 'Duration') return { type: ['string', 'integer'] };
  if (t === 'float64') return { type: 'number', exclusiveMinimum: 0 };
  if (t === 'string') return { type: 'string' };
  if (t === 'ObjectMeta') return { allOf: [{ $ref: ref('meta.v1.ObjectMeta') }] };
  if (t.startsWith('[]')) return { type: 'array', items: { $ref: `#/definitions/playground.v1.${t.slice(2)}` } };
  // allOf keeps the field's own description next to the reference (draft-07 ignores $ref siblings)
  return { allOf: [{ $ref: `#/definitions/playground.v1.${t}` }] };
}
