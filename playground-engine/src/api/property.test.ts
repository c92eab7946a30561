/**
 * Hostile and arbitrary input: decode and admit never throw (nor fall back to their internal
 * error path), never hang, and give the same output for the same input.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { decode } from './decode';
import { admit } from './admit';
import type { DecodeResult } from './types';
import type { K8sObject } from '../types';

const SEEDS = join(new URL('.', import.meta.url).pathname, '../../../tests/acceptance/seed-cases');
const seeds = readdirSync(SEEDS)
  .sort()
  .map((c) => readFileSync(join(SEEDS, c, 'input.yaml'), 'utf8'));

/** The JSON-visible part of a result (rangeOf functions dropped) plus a few probed ranges. */
function snapshot(r: DecodeResult): string {
  const probes = ['metadata.name', 'spec.containers[0].image', 'spec', 'kind'];
  return JSON.stringify({ ...r, ranges: r.documents.map((d) => probes.map((p) => d.rangeOf(p) ?? null)) });
}

function checkDecode(text: string): DecodeResult {
  const r = decode(text, { fileName: 'pod.yaml' });
  expect(Array.isArray(r.documents)).toBe(true);
  for (const d of r.diagnostics) {
    expect(d.source).not.toBe('engine');
    expect(typeof d.message).toBe('string');
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
  }
  return r;
}

function checkAdmit(obj: K8sObject, operation: 'CREATE' | 'UPDATE' = 'CREATE', existing?: K8sObject) {
  const before = JSON.stringify(obj);
  const r = admit(obj, { operation, existing, namespace: 'default', fileName: 'pod.yaml', nameSuffix: 'abcde' });
  expect(JSON.stringify(obj)).toBe(before); // the input is not mutated
  for (const c of r.causes) expect(c.text).not.toContain('Internal error');
  expect(r.ok).toBe(r.causes.length === 0);
  if (!r.ok) expect(r.message).toMatch(/^The \S+ ".*" is invalid: /s);
  return r;
}

const KINDS: Array<[string, string]> = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['v1', 'Service'],
  ['v1', 'Namespace'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['playground/v1', 'Scenario'],
];

/** YAML-looking text from fragments that trip parsers: indentation, indicators, anchors, tabs. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apiVersion: v1\n', 'kind: Pod\n', 'kind: Deployment\napiVersion: apps/v1\n', 'metadata:\n', '  name: x\n', 'spec:\n',
        '  containers:\n', '  - name: c\n', '    image: nginx\n', '    ports:\n', '    - containerPort: 80\n', '---\n', '--- x\n', '...\n',
        '  ', '    ', '\t', '- ', ': ', ':', '"', "'", '{', '}', '[', ']', ',', '&a ', '*a', '<<: *a\n', '!!str ', '!!binary ', '? ',
        '|\n', '>-\n', '# c\n', '\n', '\r\n', '0x1F', '1e400', '.inf', '~', 'null', 'yes', 'on', '2024-01-01', '\u00a0', '\ufeff', '%YAML 1.2\n',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** A supported kind with arbitrary JSON under its fields (and sometimes realistic keys). */
const fieldName = fc.oneof(
  fc.constantFrom(
    'name', 'image', 'containers', 'initContainers', 'ports', 'containerPort', 'protocol', 'livenessProbe', 'readinessProbe', 'startupProbe',
    'httpGet', 'exec', 'tcpSocket', 'grpc', 'port', 'path', 'command', 'lifecycle', 'preStop', 'postStart', 'sleep', 'seconds', 'restartPolicy',
    'selector', 'matchLabels', 'template', 'metadata', 'labels', 'annotations', 'replicas', 'strategy', 'rollingUpdate', 'maxSurge', 'type',
    'targetPort', 'env', 'value', 'valueFrom', 'resources', 'limits', 'requests', 'cpu', 'memory', 'volumes', 'volumeMounts', 'mountPath',
    'terminationGracePeriodSeconds', 'successThreshold', 'periodSeconds', 'data', 'stringData', 'steps', 'at', 'run', 'duration', 'traffic',
  ),
  fc.string({ maxLength: 8 }),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -100_000, max: 100_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fieldName, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const objectOfKind = fc
  .tuple(fc.constantFrom(...KINDS), fc.dictionary(fieldName, jsonish, { maxKeys: 4 }), jsonish, fc.option(fc.string({ maxLength: 70 })))
  .map(([[apiVersion, kind], metadata, spec, name]) => ({
    apiVersion,
    kind,
    metadata: name === null ? metadata : { ...metadata, name },
    spec,
  }));

describe('decode on arbitrary input', () => {
  test('arbitrary strings: no throw, deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(snapshot(checkDecode(s))).toBe(snapshot(checkDecode(s)));
      }),
      { numRuns: 400 },
    );
  });

  test('YAML-looking strings: no throw, deterministic', () => {
    fc.assert(
      fc.property(yamlish, (s) => {
        expect(snapshot(checkDecode(s))).toBe(snapshot(checkDecode(s)));
      }),
      { numRuns: 600 },
    );
  });

  test('seed manifests with random edits: no throw, deterministic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', ' ', '\t', ':', '-', '"', '\n', '  ', 'x', '{', '&a', '*a')), { maxLength: 4 }),
        (seed, edits) => {
          let s = seed;
          for (const [at, del, ins] of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + ins + s.slice(i + del);
          }
          expect(snapshot(checkDecode(s))).toBe(snapshot(checkDecode(s)));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('arbitrary objects written as YAML: no throw; when accepted, decoded again to the same thing', () => {
    fc.assert(
      fc.property(objectOfKind, (o) => {
        const text = stringify(o);
        const r = checkDecode(text);
        expect(snapshot(r)).toBe(snapshot(checkDecode(text)));
        if (o.kind !== 'Scenario' && r.diagnostics.length === 0) {
          const again = checkDecode(stringify(r.documents[0].object));
          expect(again.documents[0].object).toEqual(r.documents[0].object);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('admit on arbitrary objects', () => {
  test('objects of supported kinds with arbitrary fields: no throw, no internal error, deterministic', () => {
    fc.assert(
      fc.property(objectOfKind, (o) => {
        const a = checkAdmit(o as K8sObject);
        const b = checkAdmit(o as K8sObject);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
      { numRuns: 500 },
    );
  });

  test('anything decode accepts: admit on create and as an update of each seed', () => {
    const existing = seeds
      .map((s) => admit(decode(s).documents[0].object, { operation: 'CREATE', namespace: 'default', nameSuffix: 'abcde' }).object)
      .filter((o): o is K8sObject => o !== undefined); // s16 is rejected by validation
    fc.assert(
      fc.property(objectOfKind, fc.constantFrom(...existing), (o, live) => {
        for (const d of decode(stringify(o)).documents) {
          if (d.error) continue;
          checkAdmit(d.object);
          checkAdmit({ ...d.object, metadata: { ...d.object.metadata, name: live.metadata.name } } as K8sObject, 'UPDATE', live);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('seed objects with one field replaced by an arbitrary value: no throw, no internal error', () => {
    const objects = seeds.map((s) => decode(s).documents[0].object);
    const deployment = decode(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        readinessProbe:\n          httpGet:\n            port: 80\n',
    ).documents[0].object;
    const service = decode('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n').documents[0].object;
    objects.push(deployment, service);
    /** Every path to a value inside o, as lists of keys. */
    const paths = (o: unknown, at: Array<string | number> = []): Array<Array<string | number>> => {
      if (Array.isArray(o)) return [at, ...o.flatMap((v, i) => paths(v, [...at, i]))];
      if (o && typeof o === 'object') return [at, ...Object.entries(o).flatMap(([k, v]) => paths(v, [...at, k]))];
      return [at];
    };
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.nat(), jsonish, (obj, pick, value) => {
        const all = paths(obj).filter((p) => p.length > 1);
        const path = all[pick % all.length];
        const copy = JSON.parse(JSON.stringify(obj));
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path[path.length - 1]] = value;
        checkAdmit(copy);
      }),
      { numRuns: 500 },
    );
  });

  test('totally arbitrary JSON values as objects', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...KINDS), (v, [apiVersion, kind]) => {
        const o = (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, apiVersion, kind } : { apiVersion, kind, spec: v }) as K8sObject;
        checkAdmit(o);
      }),
      { numRuns: 300 },
    );
  });
});
