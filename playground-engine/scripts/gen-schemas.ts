/**
 * Generates the API schemas of the playground engine from `kubernetes-types` 1.30.0 (Apache-2.0;
 * its `.d.ts` files carry the upstream OpenAPI field descriptions):
 *
 *   npm run gen:schemas -w playground-engine      (or: npx tsx playground-engine/scripts/gen-schemas.ts)
 *
 * Outputs, in `src/api/generated/` (committed; deterministic, keys sorted):
 *
 * 1. `fields.json` — the decoder's field tree (no descriptions; ships in the worker bundle):
 *      { served: { "<apiVersion>": ["<Kind>", …] },          GVKs a v1.30 cluster maps
 *        roots:  { "<apiVersion>/<Kind>": "<Type>" },        kinds decoded strictly
 *        types:  { "<Type>": { "<field>": "<type>" } } }
 *    where `<type>` is one of
 *      `string` (optionally `string|<GoType>` for named string types, e.g. `string|v1.Protocol`),
 *      `bool`, `int32`, `int64`, `float64`, `IntOrString`, `Quantity`, `Time`, `Duration`
 *      (Scenario only: integer seconds or a Go duration), `object` (any JSON),
 *      `[]<type>`, `map[string]<type>`, `map[string]bytes` (base64 values), or a `<Type>` name.
 *    Go type names for messages: a struct `<Type>` is `v1.<Type>` (core, apps and meta are all
 *    package `v1`); `map[string]Quantity` is `v1.ResourceList`.
 *
 * 2. `editor-schema.json` — JSON Schema draft-07 for monaco-yaml 5.5.1: shared `definitions`
 *    (`io.k8s.api.core.v1.Pod`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, …,
 *    `playground.v1.Scenario`), `additionalProperties: false` on objects, enums, descriptions,
 *    and one `if {apiVersion, kind} then {$ref}` branch per kind in a top-level `allOf`.
 *
 * 3. `explain.json` — data for `kubectl explain` (typed loader: `src/api/explain.ts`), shaped
 *    like the API server's OpenAPI v3 document (`/openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1`)
 *    so kubectl's template logic applies unchanged (src/kubectl/explain.ts renders it):
 *      { openapi: "3.0.0", info: {…},
 *        components: { schemas: { "io.k8s.api.core.v1.Pod": {
 *          type: "object", description, required?: [...],
 *          "x-kubernetes-group-version-kind"?: [{ group, version, kind }],     kinds only
 *          properties: { "<field>": <schema> } }, … } } }
 *    A field's schema is `{type: "string"|"integer"|"boolean"|"number", format?, enum?}`,
 *    `{type: "array", items}`, `{type: "object", additionalProperties}` (maps), or
 *    `{allOf: [{$ref: "#/components/schemas/<name>"}]}` for a struct, each with its description.
 *    IntOrString and Quantity are `oneOf` without a `type` (kubectl prints the last name
 *    segment: `<IntOrString>`, `<Quantity>`, `<[]Container>`, `<map[string]string>`); `Time` is
 *    a `date-time` string. Enum fields carry the sorted value list and, where verified, the
 *    `Possible enum values:` paragraph kube-openapi appends (overrides.ts ENUM_DOCS).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readModel } from './schemas/model';
import { buildFields } from './schemas/fields';
import { buildEditorSchema } from './schemas/editor';
import { buildExplain } from './schemas/explain';
import { stableJson } from './schemas/json';

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../src/api/generated');

/** The generated files' names and contents. */
export function generate(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const typesRoot = dirname(require.resolve('kubernetes-types/package.json'));
  const model = readModel(typesRoot);
  return {
    'fields.json': stableJson(buildFields(model)),
    'editor-schema.json': stableJson(buildEditorSchema(model)),
    'explain.json': stableJson(buildExplain(model)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(OUT_DIR, { recursive: true });
  const { gzipSync } = await import('node:zlib');
  for (const [name, text] of Object.entries(generate())) {
    writeFileSync(join(OUT_DIR, name), text);
    const raw = Buffer.byteLength(text);
    const gz = gzipSync(text, { level: 9 }).length;
    console.log(`${name}: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip`);
  }
}
