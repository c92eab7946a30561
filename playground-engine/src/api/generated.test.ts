/**
 * The generated schemas: committed files are what the generator makes; the editor schema
 * (draft-07) accepts what the decoder accepts and rejects unknown fields where the decoder does;
 * the explain data renders as kubectl v1.30 prints it.
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generate, OUT_DIR } from '../../scripts/gen-schemas';
import { ENUMS, ENUM_DOCS } from '../../scripts/schemas/overrides';
import { decode } from './decode';
import { explainDocument, kindSchema } from './explain';
import { renderExplain } from '../kubectl/explain';
import editorSchema from './generated/editor-schema.json';

const SEEDS = join(new URL('.', import.meta.url).pathname, '../../../tests/acceptance/seed-cases');

describe('generator', () => {
  test('committed files are exactly what scripts/gen-schemas.ts produces (run `npm run gen:schemas`)', () => {
    const files = generate();
    expect(Object.keys(files).sort()).toEqual(readdirSync(OUT_DIR).sort());
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(OUT_DIR, name), 'utf8'), name).toBe(text);
  }, 60_000);

  test('the enum paragraphs list exactly the enum values', () => {
    for (const [key, values] of Object.entries(ENUM_DOCS)) expect(values.map(([v]) => v), key).toEqual(ENUMS[key]);
  });
});

// ---- a small draft-07 validator: the keywords the generated schema uses ----
type Schema = Record<string, unknown>;
const root = editorSchema as unknown as Schema;

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object':
      return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
  }
  throw new Error(`type ${t}`);
}

const KNOWN = new Set(['$schema', 'title', 'description', 'definitions', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'allOf', 'if', 'then', '$ref', 'exclusiveMinimum']);

/** Errors as `path: keyword`, empty when v is valid. */
function validate(s: Schema, v: unknown, path = ''): string[] {
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`keyword ${k} not handled by the test validator`);
  const errs: string[] = [];
  const at = path || '(root)';
  if (s.$ref) {
    const name = String(s.$ref).replace('#/definitions/', '');
    const target = (root.definitions as Record<string, Schema>)[name];
    if (!target) throw new Error(`dangling ${s.$ref}`);
    errs.push(...validate(target, v, path));
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeOk(t as string, v))) return [...errs, `${at}: type`];
  }
  if (s.enum && !(s.enum as unknown[]).includes(v)) errs.push(`${at}: enum`);
  if ('const' in s && s.const !== v) errs.push(`${at}: const`);
  if (s.exclusiveMinimum !== undefined && typeof v === 'number' && !(v > (s.exclusiveMinimum as number))) errs.push(`${at}: exclusiveMinimum`);
  for (const sub of (s.allOf as Schema[] | undefined) ?? []) errs.push(...validate(sub, v, path));
  if (s.if && validate(s.if as Schema, v, path).length === 0 && s.then) errs.push(...validate(s.then as Schema, v, path));
  if (typeOk('object', v)) {
    const o = v as Record<string, unknown>;
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in o)) errs.push(`${path ? path + '.' : ''}${r}: required`);
    for (const [k, val] of Object.entries(o)) {
      const p = path ? `${path}.${k}` : k;
      if (props[k]) errs.push(...validate(props[k], val, p));
      else if (s.additionalProperties === false) errs.push(`${p}: additionalProperties`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') errs.push(...validate(s.additionalProperties as Schema, val, p));
    }
  }
  if (Array.isArray(v) && s.items) v.forEach((x, i) => errs.push(...validate(s.items as Schema, x, `${path}[${i}]`)));
  return errs;
}
const check = (yamlText: string) => validate(root, parse(yamlText));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: "1"}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports: [{containerPort: 80, name: http}]
        resources: {limits: {cpu: 500m, memory: 128Mi}, requests: {cpu: 0.1}}
        readinessProbe:
          httpGet: {path: /, port: http, scheme: HTTP}
        lifecycle:
          preStop:
            sleep: {seconds: 5}
`;
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: http, nodePort: 30080}\n';
const SCENARIO =
  'apiVersion: playground/v1\nkind: Scenario\nmetadata:\n  name: demo\nspec:\n  duration: 2m\n  proxyMode: iptables\n  steps:\n  - {at: 10s, run: kubectl get pods}\n  - {at: 30, run: kubectl delete pod web}\n  traffic:\n  - {url: "http://web", rps: 5, from: 0s, to: 1m}\n';

describe('editor schema (draft-07, monaco-yaml)', () => {
  test('is draft-07 with one definitions section and no dangling references', () => {
    expect(root.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const text = JSON.stringify(root);
    for (const m of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) expect(Object.keys(root.definitions as object)).toContain(m[1]);
  });

  const valid: Array<[string, string]> = [
    ['Deployment', DEPLOYMENT],
    ['Service', SERVICE],
    ['Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n'],
    ['ConfigMap', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a.conf: "x"\n'],
    ['Secret', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: Opaque\ndata:\n  k: aGk=\nstringData:\n  p: x\n'],
    ['Scenario', SCENARIO],
  ];
  for (const [name, text] of valid) {
    test(`accepts ${name}`, () => {
      expect(check(text)).toEqual([]);
      expect(decode(text).diagnostics).toEqual([]);
    });
  }

  test('accepts every seed manifest', () => {
    for (const c of readdirSync(SEEDS)) expect(check(readFileSync(join(SEEDS, c, 'input.yaml'), 'utf8')), c).toEqual([]);
  });

  const invalid: Array<[string, string, string[]]> = [
    ['a typo in a container field', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagePullPolicyy: Always\n', ['spec.containers[0].imagePullPolicyy: additionalProperties']],
    ['an enum', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: c\n', ['spec.restartPolicy: enum']],
    ['a missing required field', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx\n', ['spec.containers[0].name: required']],
    ['a wrong type', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: "80"\n', ['spec.containers[0].ports[0].containerPort: type']],
    ['pod fields directly under a Deployment spec (dispatch by apiVersion+kind)', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  containers: []\n  selector: {}\n  template: {}\n', ['spec.containers: additionalProperties']],
    ['a Service protocol', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    protocol: HTTP\n', ['spec.ports[0].protocol: enum']],
    ['a Scenario typo', 'apiVersion: playground/v1\nkind: Scenario\nspec:\n  duraton: 2m\n', ['spec.duraton: additionalProperties']],
    ['a Scenario proxy mode', 'apiVersion: playground/v1\nkind: Scenario\nspec:\n  proxyMode: nftables\n', ['spec.proxyMode: enum']],
    ['an unknown kind name', 'apiVersion: v1\nkind: Pdo\n', ['kind: enum']],
    // the kind list is the playground's: a kind it does not simulate is flagged, its fields are not checked
    ['a kind outside the playground', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nspec:\n  anything: 1\n', ['kind: enum']],
    ['a typo in a Job template', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartpolicy: Never\n      containers: []\n', ['spec.template.spec.restartpolicy: additionalProperties']],
  ];
  for (const [name, text, errs] of invalid) test(`rejects ${name}`, () => expect(check(text)).toEqual(errs));

  test('maps stay maps: any label key, any resource name', () => {
    expect(check('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {"example.com/any": x}\n  annotations: {z: "1"}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {"example.com/gpu": 1}}\n')).toEqual([]);
  });

  test('multi-document: each document is checked against its own kind', () => {
    const docs = `${DEPLOYMENT}---\n${SERVICE}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  replicas: 2\n`.split(/^---$/m);
    expect(docs.map((d) => check(d))).toEqual([[], [], ['spec.replicas: additionalProperties']]);
  });

  test('agrees with the decoder: an unknown field anywhere in a Deployment is an error for both (maps excepted)', () => {
    const base = parse(DEPLOYMENT);
    const objects: Array<[string[], boolean]> = [];
    const walk = (v: unknown, path: string[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)]));
      else if (v && typeof v === 'object') {
        const isMap = ['labels', 'matchLabels', 'limits', 'requests'].includes(path[path.length - 1]);
        objects.push([path, isMap]);
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      }
    };
    walk(base, []);
    expect(objects.length).toBeGreaterThan(15);
    for (const [path, isMap] of objects) {
      const copy = parse(DEPLOYMENT);
      let at = copy;
      for (const k of path) at = at[k];
      at.zzzUnknown = '1'; // a valid value for every map here (labels, quantities)
      const schemaErrors = validate(root, copy);
      const decodeErrors = decode(JSON.stringify(copy)).diagnostics.filter((d) => d.severity === 'error');
      expect([path.join('.'), schemaErrors.length > 0], 'schema').toEqual([path.join('.'), !isMap]);
      expect([path.join('.'), decodeErrors.length > 0], 'decode').toEqual([path.join('.'), !isMap]);
    }
  });
});

describe('explain data (OpenAPI v3 as the API server publishes it)', () => {
  const explain = (group: string, kind: string, path: string[]) => renderExplain(explainDocument, { group, version: 'v1', kind }, path, false);

  test('kinds by group/version/kind', () => {
    expect(kindSchema('', 'v1', 'Pod')?.properties?.spec).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }], description: expect.stringContaining('Specification of the desired behavior of the pod') });
    expect(kindSchema('apps', 'v1', 'Deployment')?.['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(kindSchema('', 'v1', 'Deployment')).toBeUndefined();
  });

  test('field types, required markers, enums and their paragraph', () => {
    const r = explain('', 'Pod', ['spec', 'containers', 'livenessProbe', 'httpGet']);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toContain('FIELD: httpGet <HTTPGetAction>\n');
    expect(r.stdout).toContain('  port\t<IntOrString> -required-\n');
    expect(r.stdout).toContain('  httpHeaders\t<[]HTTPHeader>\n');
    expect(r.stdout).toContain(
      '  scheme\t<string>\n  enum: HTTP, HTTPS\n    Scheme to use for connecting to the host. Defaults to HTTP.\n    \n    Possible enum values:\n     - `"HTTP"` means that the scheme used will be http://\n',
    );
  });

  test('kubectl explain pod.spec.restartPolicy', () => {
    expect(explain('', 'Pod', ['spec', 'restartPolicy']).stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: restartPolicy <string>',
        'ENUM:',
        '    Always',
        '    Never',
        '    OnFailure',
        '',
        'DESCRIPTION:',
        '    Restart policy for all containers within the pod. One of Always, OnFailure,',
        '    Never. In some contexts, only a subset of those values may be permitted.',
        '    Default to Always. More info:',
        '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
        '    ',
        '    Possible enum values:',
        '     - `"Always"`',
        '     - `"Never"`',
        '     - `"OnFailure"`',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  test('maps, quantities, int64 and lists of structs', () => {
    const spec = explain('', 'Pod', ['spec']).stdout;
    expect(spec).toContain('  containers\t<[]Container> -required-\n');
    expect(spec).toContain('  nodeSelector\t<map[string]string>\n');
    expect(spec).toContain('  terminationGracePeriodSeconds\t<integer>\n');
    expect(explain('', 'Pod', ['spec', 'containers', 'resources']).stdout).toContain('  limits\t<map[string]Quantity>\n');
    expect(explain('apps', 'Deployment', ['spec', 'strategy', 'rollingUpdate']).stdout).toContain('  maxSurge\t<IntOrString>\n');
  });
});
