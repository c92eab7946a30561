/**
 * -o yaml (sigs.k8s.io/yaml: JSON -> go-yaml v2 with sorted keys) and -o json
 * (json.MarshalIndent with four spaces) as kubectl prints them.
 */
import { describe, expect, it } from 'vitest';
import { toJson } from './json';
import { inStructOrder } from './struct-order';
import { toYaml } from './yaml';

describe('YAML printer', () => {
  it('sorts keys, keeps sequences at the parent indentation, prints empty maps and lists inline', () => {
    expect(toYaml({ spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }], volumes: [] }, apiVersion: 'v1', status: {}, x: null })).toBe(
      'apiVersion: v1\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n  volumes: []\nstatus: {}\nx: null\n',
    );
  });

  it('quotes strings that would read as another type (YAML 1.1 resolution, base 60, timestamps)', () => {
    const cases: Array<[string, string]> = [
      ['10', '"10"'], ['true', '"true"'], ['y', '"y"'], ['n', '"n"'], ['on', '"on"'], ['', '""'], ['0123', '"0123"'], ['1e3', '"1e3"'],
      ['.nan', '".nan"'], ['~', '"~"'], ['null', '"null"'], ['2022-12-08T11:35:00Z', '"2022-12-08T11:35:00Z"'], ['1:20', '"1:20"'],
      ['nginx:1.23', 'nginx:1.23'], ['http://x/y', 'http://x/y'], ["it's", "it's"], ['say "hi"', 'say "hi"'], ['日本', '日本'],
    ];
    for (const [s, want] of cases) expect(toYaml({ k: s })).toBe(`k: ${want}\n`);
  });

  it('uses single quotes where a plain scalar is not allowed, double quotes for control characters', () => {
    const cases: Array<[string, string]> = [['a: b', "'a: b'"], ['- x', "'- x'"], ['#x', "'#x'"], [' lead', "' lead'"], ['*', "'*'"], ['&a', "'&a'"], ['a\tb', '"a\\tb"']];
    for (const [s, want] of cases) expect(toYaml({ k: s })).toBe(`k: ${want}\n`);
  });

  it('multi-line strings become literal blocks, long plain strings fold at 80 columns', () => {
    expect(toYaml({ ml: 'line1\nline2' })).toBe('ml: |-\n  line1\n  line2\n');
    expect(toYaml({ ml: 'a\nb\n' })).toBe('ml: |\n  a\n  b\n');
    const long = 'word '.repeat(30).trim();
    expect(toYaml({ long })).toBe(`long: ${'word '.repeat(15)}word\n  ${'word '.repeat(13)}word\n`);
  });

  it('quotes keys like values, prints numbers as Go does', () => {
    expect(toYaml({ y: 1, 'app.kubernetes.io/name': 'web' })).toBe('app.kubernetes.io/name: web\n"y": 1\n');
    expect(toYaml({ f: 0.5, big: 12345678901, neg: -3, e: 1e21 })).toBe('big: 12345678901\ne: 1e+21\nf: 0.5\nneg: -3\n');
    expect(toYaml({ l: [['a'], []] })).toBe('l:\n- - a\n- []\n');
  });
});

describe('JSON printer', () => {
  it('indents four spaces, sorts map keys, escapes <, >, & as Go does', () => {
    expect(toJson({ s: '<a&b>', n: 1.5, e: 1e21, arr: [], obj: {} })).toBe('{\n    "arr": [],\n    "e": 1e+21,\n    "n": 1.5,\n    "obj": {},\n    "s": "\\u003ca\\u0026b\\u003e"\n}\n');
  });

  it('typed objects kubectl builds keep Go struct order (kind before apiVersion)', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { run: 'x' }, name: 'x', creationTimestamp: null }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ resources: {}, image: 'nginx', name: 'x' }] }, status: {} };
    expect(toJson(inStructOrder(pod), { sorted: false })).toBe(
      '{\n    "kind": "Pod",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "x",\n        "creationTimestamp": null,\n        "labels": {\n            "run": "x"\n        }\n    },\n    "spec": {\n        "containers": [\n            {\n                "name": "x",\n                "image": "nginx",\n                "resources": {}\n            }\n        ],\n        "restartPolicy": "Always",\n        "dnsPolicy": "ClusterFirst"\n    },\n    "status": {}\n}\n',
    );
  });
});
