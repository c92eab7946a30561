/**
 * Reads the `kubernetes-types` 1.30.0 declarations (Apache-2.0, generated from the Kubernetes
 * OpenAPI spec, field descriptions kept as JSDoc) with the TypeScript compiler API and turns them
 * into a small model: named object types, their fields, each field's type and description.
 */
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { withEnumDoc } from './overrides';

/** A field's type, before it is rendered for one of the outputs. */
export type TypeRef =
  | { k: 'string' | 'bool' | 'number' | 'int' | 'time' | 'quantity' | 'intOrString' | 'object' }
  | { k: 'list'; of: TypeRef }
  | { k: 'map'; of: TypeRef }
  | { k: 'ref'; name: string };

export interface FieldModel {
  name: string;
  type: TypeRef;
  required: boolean;
  description: string;
  /** `apiVersion?: "v1"` style literal, on top-level kinds. */
  literal?: string;
}

export interface TypeModel {
  /** Qualified id: `core.v1.Pod`, `meta.v1.ObjectMeta`, `apps.v1.Deployment`. */
  id: string;
  /** Short Go type name: `Pod`. */
  name: string;
  /** `core/v1` etc., the kubernetes-types module path. */
  module: string;
  description: string;
  fields: FieldModel[];
}

export interface Gvk {
  apiVersion: string;
  kind: string;
  id: string;
}

export interface Model {
  types: Map<string, TypeModel>;
  /** Every top-level kind declared with `apiVersion?: "…"` and `kind?: "…"` literals. */
  kinds: Gvk[];
  /** Descriptions of type aliases (`api.resource.Quantity`, `meta.v1.Time`). */
  aliasDocs: Map<string, string>;
}

function docOf(node: ts.Node): string {
  const docs = (node as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return '';
  const c = docs[docs.length - 1].comment;
  const text = typeof c === 'string' ? c : (c ?? []).map((p) => p.text).join('');
  return text.trim();
}

/** The types package's modules: `core/v1`, `apps/v1`, `meta/v1`, `api/resource`, … */
function modules(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.d.ts')) out.push(relative(root, p).replace(/\.d\.ts$/, ''));
    }
  };
  walk(root);
  return out;
}

function moduleId(mod: string): string {
  return mod.replace(/\//g, '.');
}

export function readModel(typesRoot: string): Model {
  const types = new Map<string, TypeModel>();
  const kinds: Gvk[] = [];
  const aliasDocs = new Map<string, string>();
  for (const mod of modules(typesRoot)) {
    const file = join(typesRoot, `${mod}.d.ts`);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    // imported names resolve to the module they come from
    const imports = new Map<string, string>();
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const target = join(mod, '..', st.moduleSpecifier.text).replace(/\\/g, '/');
        const named = st.importClause?.namedBindings;
        if (named && ts.isNamedImports(named)) for (const el of named.elements) imports.set(el.name.text, moduleId(target));
      }
    }
    const aliases = new Map<string, ts.TypeNode>();
    for (const st of sf.statements) {
      if (!ts.isTypeAliasDeclaration(st)) continue;
      aliases.set(st.name.text, st.type);
      aliasDocs.set(`${moduleId(mod)}.${st.name.text}`, docOf(st));
    }
    const resolveName = (n: string) => `${imports.get(n) ?? moduleId(mod)}.${n}`;

    const typeOf = (node: ts.TypeNode): TypeRef => {
      if (node.kind === ts.SyntaxKind.StringKeyword) return { k: 'string' };
      if (node.kind === ts.SyntaxKind.NumberKeyword) return { k: 'number' };
      if (node.kind === ts.SyntaxKind.BooleanKeyword) return { k: 'bool' };
      if (ts.isLiteralTypeNode(node)) return { k: 'string' };
      if (ts.isUnionTypeNode(node)) {
        const parts = node.types.map((t) => t.kind);
        if (parts.includes(ts.SyntaxKind.NumberKeyword) && parts.includes(ts.SyntaxKind.StringKeyword)) return { k: 'intOrString' };
        return { k: 'object' };
      }
      if (ts.isArrayTypeNode(node)) return { k: 'list', of: typeOf(node.elementType) };
      if (ts.isTypeLiteralNode(node)) {
        const idx = node.members.find(ts.isIndexSignatureDeclaration);
        if (idx?.type) return { k: 'map', of: typeOf(idx.type) };
        return { k: 'object' };
      }
      if (ts.isTypeReferenceNode(node)) {
        const n = node.typeName.getText(sf);
        if (n === 'Array' && node.typeArguments?.length === 1) return { k: 'list', of: typeOf(node.typeArguments[0]) };
        if (n === 'Quantity') return { k: 'quantity' };
        if (n === 'Time' || n === 'MicroTime') return { k: 'time' };
        if (n === 'RawExtension') return { k: 'object' };
        const local = aliases.get(n);
        if (local) return typeOf(local);
        return { k: 'ref', name: resolveName(n) };
      }
      return { k: 'object' };
    };

    for (const st of sf.statements) {
      if (!ts.isInterfaceDeclaration(st)) continue;
      const id = `${moduleId(mod)}.${st.name.text}`;
      const fields: FieldModel[] = [];
      let apiVersion: string | undefined;
      let kind: string | undefined;
      for (const m of st.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const name = m.name.getText(sf).replace(/^"|"$/g, '');
        const f: FieldModel = { name, type: typeOf(m.type), required: !m.questionToken, description: withEnumDoc(st.name.text, name, docOf(m)) };
        if (ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)) {
          f.literal = m.type.literal.text;
          if (name === 'apiVersion') apiVersion = f.literal;
          if (name === 'kind') kind = f.literal;
        }
        fields.push(f);
      }
      // FieldsV1 and friends: an open object
      types.set(id, { id, name: st.name.text, module: mod, description: docOf(st), fields });
      if (apiVersion && kind) kinds.push({ apiVersion, kind, id });
    }
  }
  kinds.sort((a, b) => (a.apiVersion + '/' + a.kind < b.apiVersion + '/' + b.kind ? -1 : 1));
  return { types, kinds, aliasDocs };
}

/** Every type reachable from the roots, in sorted order. */
export function closure(model: Model, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (t: TypeRef) => {
    if (t.k === 'list' || t.k === 'map') visit(t.of);
    else if (t.k === 'ref') walk(t.name);
  };
  const walk = (id: string) => {
    if (seen.has(id)) return;
    const tm = model.types.get(id);
    if (!tm) throw new Error(`unknown type ${id}`);
    seen.add(id);
    for (const f of tm.fields) visit(f.type);
  };
  roots.forEach(walk);
  return [...seen].sort();
}
