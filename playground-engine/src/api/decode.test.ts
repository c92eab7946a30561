import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, normalizePath } from './decode';

const SEEDS = join(new URL('.', import.meta.url).pathname, '../../../tests/acceptance/seed-cases');
const pod = (spec: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n${extra}spec:\n${spec}`;
const errors = (text: string) => decode(text).diagnostics.filter((d) => d.severity === 'error');
const first = (text: string) => errors(text)[0];

describe('seed manifests', () => {
  for (const c of readdirSync(SEEDS).sort()) {
    test(`${c} decodes without diagnostics`, () => {
      const r = decode(readFileSync(join(SEEDS, c, 'input.yaml'), 'utf8'), { fileName: 'pod.yaml' });
      expect(r.diagnostics).toEqual([]);
      expect(r.documents).toHaveLength(1);
      expect(r.documents[0].object.kind).toBe('Pod');
      expect(r.documents[0].error).toBeUndefined();
    });
  }

  test('tabs in comments after values (s01) are accepted, values intact', () => {
    const r = decode(readFileSync(join(SEEDS, 's01-define-pod', 'input.yaml'), 'utf8'));
    const o = r.documents[0].object;
    expect(o.apiVersion).toBe('v1');
    expect(o.metadata).toEqual({ labels: { run: 'nginx' }, name: 'nginx' });
    expect(o.spec.containers[0]).toEqual({ image: 'nginx:1.23', name: 'nginx', ports: [{ containerPort: 80 }] });
  });
});

describe('YAML syntax errors, in go-yaml v2 words and kubectl frame', () => {
  const frame = (m: string) => `error: error parsing pod.yaml: error converting YAML to JSON: ${m}`;
  const cases: Array<[string, string, string, number]> = [
    // name, input, message, 1-based line of the highlighted problem
    ['tab as indentation (scanner error: own line)', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'yaml: line 4: found character that cannot start any token', 4],
    ['second colon on a line', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n', 'yaml: line 4: mapping values are not allowed in this context', 4],
    ['key indented under a scalar value', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n    labels: x\n', 'yaml: line 5: mapping values are not allowed in this context', 5],
    // parser errors are reported at the 0-based line of the offending token: one line above it
    ['key less indented inside a list item', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   image: b\n', 'yaml: line 5: did not find expected key', 6],
    ['list item under-indented', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n   - name: b\n', 'yaml: line 5: did not find expected key', 6],
    ['key at the column of a list', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n    image: b\n', "yaml: line 5: did not find expected '-' indicator", 6],
    ['missing colon after a key', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name nginx\n  labels:\n    a: b\n', 'yaml: line 4: did not find expected key', 5],
    ['unclosed double quote', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "abc\n', 'yaml: line 5: found unexpected end of stream', 5],
    ['unknown alias', 'apiVersion: v1\nkind: Pod\nmetadata: *x\n', "yaml: unknown anchor 'x' referenced", 3],
    ['infinity has no JSON', 'apiVersion: v1\nkind: Pod\nspec:\n  x: .inf\n', 'json: unsupported value: +Inf', 4],
  ];
  for (const [name, input, message, line] of cases) {
    test(name, () => {
      const d = first(input);
      expect(d.message).toBe(frame(message));
      expect(d.source).toBe('yaml');
      expect(d.line).toBe(line);
    });
  }

  test('line numbers count from the document, as kubectl parses each document alone', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n';
    const r = decode(text);
    expect(r.diagnostics[0].message).toBe(frame('yaml: line 4: found character that cannot start any token'));
    expect(r.diagnostics[0].line).toBe(9);
    expect(r.diagnostics[0].doc).toBe(1);
    // the documents before the error are still read
    expect(r.documents.map((d) => d.object.kind)).toEqual(['Namespace']);
  });

  test('a syntax error stops the file: later documents are not read', () => {
    const text = 'a: b: c\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n';
    expect(decode(text).documents).toEqual([]);
  });

  test('a separator followed by text is rejected as kubectl does', () => {
    const r = decode('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n--- foo\n');
    expect(r.diagnostics[0].message).toBe('error: error parsing pod.yaml: invalid Yaml document separator: foo');
    expect(r.diagnostics[0].line).toBe(5);
  });
});

describe('YAML 1.1 scalars as go-yaml v2 resolves them', () => {
  test('booleans, octal, hex, timestamps, sexagesimal', () => {
    const r = decode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: "x"\n  labels: {}\n');
    expect(r.diagnostics).toEqual([]);
    const v = decode('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: yes\n');
    expect(v.documents[0].error).toBe('Error from server (BadRequest): error when creating "pod.yaml": Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal bool into Go struct field Secret.stringData of type string');
    const n = decode('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 0x1e\n  activeDeadlineSeconds: 0777\n  hostname: 1:30\n  subdomain: 2001-12-14\n');
    expect(n.diagnostics).toEqual([]);
    expect(n.documents[0].object.spec).toEqual({ activeDeadlineSeconds: 511, hostname: '1:30', subdomain: '2001-12-14', terminationGracePeriodSeconds: 30 });
  });

  test('non-string keys become strings; the last duplicate wins with a warning', () => {
    const r = decode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  1: a\n  true: b\n  x: c\n  x: d\n');
    expect(r.documents[0].object.data).toEqual({ 1: 'a', true: 'b', x: 'd' });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'data.x', line: 9, message: 'duplicate key "data.x": kubectl keeps only this last value and silently drops the one on line 8' }),
    ]);
  });

  test('anchors, aliases and merge keys expand', () => {
    const r = decode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: &l\n    app: web\n  annotations:\n    <<: *l\n    x: z\n');
    expect(r.documents[0].object.metadata).toEqual({ annotations: { app: 'web', x: 'z' }, labels: { app: 'web' }, name: 'c' });
    // `y` is a YAML 1.1 boolean for go-yaml v2: an annotation value must then be quoted
    expect(decode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    x: y\n').documents[0].error).toContain('json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string');
  });
});

describe('apiVersion, kind and the RESTMapper', () => {
  test('missing kind and apiVersion (client-side validation, stops the file)', () => {
    expect(first('apiVersion: v1\nmetadata:\n  name: a\n').message).toBe(
      'error: error validating "pod.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(first('metadata:\n  name: a\n').message).toBe(
      'error: error validating "pod.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(first('- a\n').message).toBe('error: error validating "pod.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false');
    expect(first('apiVersion: 1\nkind: Pod\n').message).toContain("error validating data: apiVersion isn't string type;");
  });

  test('unknown kind or version', () => {
    const d = first('apiVersion: v1\nkind: pod\nmetadata:\n  name: nginx\n');
    expect(d.message).toBe('error: resource mapping not found for name: "nginx" namespace: "" from "pod.yaml": no matches for kind "pod" in version "v1"\nensure CRDs are installed first');
    expect([d.line, d.column]).toEqual([2, 7]);
    expect(first('apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: nginx\n  namespace: web\n').message).toBe(
      'error: resource mapping not found for name: "nginx" namespace: "web" from "pod.yaml": no matches for kind "Deployment" in version "apps/v1beta2"\nensure CRDs are installed first',
    );
  });

  test('a mapping error skips only its document', () => {
    const r = decode('apiVersion: v1\nkind: pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n');
    expect(r.documents.map((d) => d.object.metadata.name)).toEqual(['b']);
  });

  test('kinds the cluster serves but the playground does not simulate pass through unchecked', () => {
    const r = decode('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: j\nspec:\n  anything: 1\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].object.kind).toBe('Ingress');
  });

  test('Jobs, CronJobs, DaemonSets and StatefulSets are decoded strictly', () => {
    const r = decode('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  anything: 1\n', { fileName: 'job.yaml' });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Error from server (BadRequest): error when creating "job.yaml": Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.anything"']);
  });
});

describe('strict decoding by the API server', () => {
  const frame = (kind: string, m: string) => `Error from server (BadRequest): error when creating "pod.yaml": ${kind} in version "v1" cannot be handled as a ${kind}: ${m}`;

  test('unknown fields: sorted JSON order, comma-joined, one diagnostic per field at its key', () => {
    const text = pod('  containers:\n  - name: nginx\n    image: nginx\n    imagePullPolicyy: Always\n    livenessprobe: {}\n  foo: 1\n', '  bogus: x\n');
    const ds = errors(text);
    const msg = frame('Pod', 'strict decoding error: unknown field "metadata.bogus", unknown field "spec.containers[0].imagePullPolicyy", unknown field "spec.containers[0].livenessprobe", unknown field "spec.foo"');
    expect(ds.map((d) => d.message)).toEqual([msg, msg, msg, msg]);
    expect(ds.map((d) => [d.path, d.line, d.column, d.endColumn])).toEqual([
      ['metadata.bogus', 5, 3, 8],
      ['spec.containers[0].imagePullPolicyy', 10, 5, 21],
      ['spec.containers[0].livenessprobe', 11, 5, 18],
      ['spec.foo', 12, 3, 6],
    ]);
    const doc = decode(text).documents[0];
    expect(doc.error).toBe(msg);
    expect(doc.object.spec.containers[0]).toEqual({ image: 'nginx', name: 'nginx' });
  });

  test('the acceptance-style typo', () => {
    expect(first(pod('  containers:\n  - name: nginx\n    image: nginx\n    imagePullPolicyy: Always\n')).message).toBe(
      frame('Pod', 'strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"'),
    );
  });

  const typeCases: Array<[string, string, string]> = [
    ['string for an int32', '  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: "80"\n', 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['number for a string (env value)', '  containers:\n  - name: c\n    image: nginx\n    env:\n    - name: A\n      value: 1\n', 'json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string'],
    ['fraction for an int32', '  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 80.5\n', 'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['int32 overflow', '  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 99999999999\n', 'json: cannot unmarshal number 99999999999 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['string for an int64', '  terminationGracePeriodSeconds: "30"\n  containers:\n  - name: c\n    image: nginx\n', 'json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64'],
    ['scalar for a list of structs', '  containers: nginx\n', 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['scalar for a struct', '  containers:\n  - name: c\n    image: nginx\n    livenessProbe: yes\n', 'json: cannot unmarshal bool into Go struct field Container.spec.containers.livenessProbe of type v1.Probe'],
    ['named string type', '  restartPolicy: 1\n  containers:\n  - name: c\n    image: nginx\n', 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'],
    ['bool in an int-or-string (unmarshaler error)', '  containers:\n  - name: c\n    image: nginx\n    livenessProbe:\n      tcpSocket:\n        port: true\n', 'json: cannot unmarshal bool into Go struct field TCPSocketAction.spec.containers.livenessProbe.tcpSocket.port of type int32'],
    ['bad quantity', '  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        cpu: 1Gb\n', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['bad quantity suffix', '  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        memory: 1GG\n', "unable to parse quantity's suffix"],
    ['quantity map of the wrong type', '  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits: 1\n', 'json: cannot unmarshal number into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList'],
  ];
  for (const [name, spec, message] of typeCases) {
    test(name, () => expect(first(pod(spec)).message).toBe(frame('Pod', message)));
  }

  test('labels: numbers are not strings (map value, path without the key)', () => {
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 1.0\n').message).toBe(
      frame('Pod', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'),
    );
  });

  test('int-or-string fields take both', () => {
    const r = decode(pod('  containers:\n  - name: c\n    image: nginx\n    livenessProbe:\n      httpGet:\n        port: http\n    readinessProbe:\n      tcpSocket:\n        port: 8080\n'));
    expect(r.diagnostics).toEqual([]);
    const d = decode('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 50%\n');
    expect(d.diagnostics).toEqual([]);
  });

  test('a type error wins over unknown fields; the first type error wins', () => {
    expect(first(pod('  foo: 1\n  restartPolicy: 1\n  schedulerName: 2\n')).message).toBe(frame('Pod', 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'));
  });

  test('Secret data must be base64 (Go encoding/base64)', () => {
    expect(first('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hello\n').message).toBe(frame('Secret', 'illegal base64 data at input byte 4'));
    expect(errors('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: aGVsbG8=\n')).toEqual([]);
  });

  test('Deployment (apps/v1) frame uses the version only', () => {
    expect(first('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replica: 2\n').message).toBe(frame('Deployment', 'strict decoding error: unknown field "spec.replica"'));
  });

  test('null leaves a field unset', () => {
    const r = decode(pod('  containers:\n  - name: c\n    image: nginx\n    resources:\n    env:\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].object.spec.containers[0]).toEqual({ image: 'nginx', name: 'c' });
  });
});

describe('positions', () => {
  const text = pod('  containers:\n  - name: nginx\n    image: nginx:1.23\n    ports:\n    - containerPort: 80\n    livenessProbe:\n      successThreshold: 2\n', '  labels:\n    app.kubernetes.io/name: web\n');
  const doc = decode(text).documents[0];

  test('a field path maps to the value, 1-based', () => {
    expect(doc.rangeOf('spec.containers[0].image')).toEqual({ line: 10, column: 12, endLine: 10, endColumn: 22 });
    expect(doc.rangeOf('spec.containers[0].livenessProbe.successThreshold')).toEqual({ line: 14, column: 25, endLine: 14, endColumn: 26 });
    expect(doc.keyRangeOf?.('spec.containers[0].image')).toEqual({ line: 10, column: 5, endLine: 10, endColumn: 10 });
  });

  test('validation paths with [key] map keys, and missing fields fall back to their parent', () => {
    expect(doc.rangeOf('metadata.labels[app.kubernetes.io/name]')?.line).toBe(6);
    expect(doc.rangeOf('spec.containers[0].ports[0].protocol')?.line).toBe(12);
    expect(doc.rangeOf('spec.template.labels')).toEqual(doc.rangeOf('spec'));
  });

  test('normalizePath', () => {
    expect(normalizePath('spec.containers[0].resources.limits[cpu]')).toBe('spec.containers[0].resources.limits.cpu');
  });
});

describe('limits', () => {
  test('input size: the API server\'s 3 MiB request limit, counted in UTF-8 bytes', () => {
    const d = first('#'.repeat(3 * 1024 * 1024 + 1));
    expect(d.message).toBe('Error from server (RequestEntityTooLarge): error when creating "pod.yaml": Request entity too large: limit is 3145728');
    // 1.1 M three-byte characters are 3.3 MB although the string is shorter than the limit.
    expect(first(`# ${'界'.repeat(1_100_000)}\n`).message).toContain('Request entity too large');
    expect(decode(`# ${'x'.repeat(3 * 1024 * 1024 - 3)}\n`).diagnostics).toEqual([]);
  });

  test('no document count limit: 500 documents are all read', () => {
    const text = Array.from({ length: 500 }, (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n${i}\n`).join('---\n');
    const r = decode(text);
    expect(r.documents).toHaveLength(500);
    expect(r.diagnostics).toEqual([]);
  });

  test('alias expansion (billion laughs)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const d = first(lines.join('\n') + '\n');
    expect(d.message).toBe('error: error parsing pod.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing');
  });

  test('nesting depth', () => {
    const d = first(`apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(200)}${']'.repeat(200)}\n`);
    // Past the check before parsing (200 levels): found on the text, at the bracket that passes it.
    expect(d.message).toBe('error: error parsing pod.yaml: the playground could not read it: line 3, column 206: the document nests deeper than the playground accepts (64 levels)');
    // Between the tree's exact limit (64) and that check: found by the tree, same message, at the node.
    const t = first(`apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(70)}${']'.repeat(70)}\n`);
    expect(t.message).toBe('error: error parsing pod.yaml: the playground could not read it: line 3, column 71: the document nests deeper than the playground accepts (64 levels)');
  });

  test('string length', () => {
    const d = first(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ${'x'.repeat(130 * 1024)}\n`);
    expect(d.message).toBe('error: error parsing pod.yaml: the playground could not read it: a string of 133120 characters is longer than the playground accepts (131072)');
  });
});
