/**
 * The printer differences the real kubectl v1.30 showed on edge-case pods (issue 9): fieldRef env
 * values, probe URL escaping, the topology spread selector, annotations cut by bytes, describe by
 * name prefix, no `Internal Traffic Policy:` in v1.30, `-o yaml` of special characters. Each
 * output here was compared byte for byte with the real kubectl (see oracle.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';
import { edgePod } from '../testing/edge-pod';

const NOW = 100_000_000;

function describeEdge(): string {
  const h = new FakeHost(NOW);
  h.add(edgePod(NOW));
  return kubectl(h, 'describe pod edge').stdout;
}

describe('describe pod: the edges kubectl v1.30 prints differently', () => {
  it('env from fieldRef: only metadata.name and metadata.namespace are resolved', () => {
    const out = describeEdge();
    expect(out).toContain('      NODE_NAME:   (v1:spec.nodeName)\n');
    expect(out).toContain('      POD_NAME:   edge (v1:metadata.name)\n');
    expect(out).toContain('      POD_NS:     default (v1:metadata.namespace)\n');
    expect(out).toContain("      APP:         (v1:metadata.labels['app'])\n");
  });

  it('probe URLs are escaped as Go url.URL.String() does', () => {
    expect(describeEdge()).toContain('http-get http://:80/index.html%3Fx=1&y=a%20b delay=0s');
  });

  it('topology spread constraints end with the selector', () => {
    expect(describeEdge()).toContain('kubernetes.io/hostname:ScheduleAnyway when max skew 1 is exceeded for selector app=web\n');
  });

  it('long annotations are cut after 138 bytes, possibly inside a character (kept as escaped bytes)', () => {
    const line = describeEdge().split('\n').find((l) => l.startsWith('                    ab'));
    expect(line).toBeDefined();
    const body = (line as string).trim().replace(/\.\.\.$/, '');
    // 2 ASCII bytes + 45 three-byte characters + 1 byte of the 46th
    expect(body.endsWith('很\udce9')).toBe(true);
    expect(new TextEncoder().encode(body.slice(0, -1)).length + 1).toBe(138);
  });

  it('describe by name prefix: one blank line after each object', () => {
    const h = new FakeHost(NOW);
    h.add(O.running(O.pod('web-1', NOW, { age: 5 }), NOW), O.running(O.pod('web-2', NOW, { age: 5 }), NOW));
    const out = kubectl(h, 'describe pod web').stdout;
    expect(out.split('\n\nName:').length).toBe(2);
    expect(out.endsWith('Events:          <none>\n\n') || out.endsWith('\n\n')).toBe(true);
    expect(out).not.toContain('\n\n\n');
  });
});

describe('describe svc on a v1.30 cluster', () => {
  it('prints no Internal Traffic Policy line (kubectl 1.31+)', () => {
    const h = new FakeHost(NOW);
    const svc = O.service('web', 'default', NOW, 10, '10.103.5.16', [{ port: 80 }], { app: 'web' });
    (svc as { spec: Record<string, unknown> }).spec.internalTrafficPolicy = 'Cluster';
    h.add(svc);
    const out = kubectl(h, 'describe svc web').stdout;
    expect(out).not.toContain('Internal Traffic Policy');
    expect(out).toContain('Session Affinity:  None\n');
  });
});

describe('get -o yaml: strings as sigs.k8s.io/yaml (go-yaml v2) prints them', () => {
  function yamlOf(annotations: Record<string, string>) {
    const h = new FakeHost(NOW);
    const p = O.running(O.pod('ctrl', NOW, { age: 5 }), NOW);
    p.metadata.annotations = annotations;
    h.add(p);
    return kubectl(h, 'get pod ctrl -o yaml');
  }
  it('U+007F: the YAML reader refuses it', () => {
    const r = yamlOf({ del: 'a\u007fb' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: error converting JSON to YAML: yaml: control characters are not allowed\n');
    expect(r.code).toBe(1);
  });
  it('U+0085 is folded like a line break; a leading U+FEFF escapes the whole string', () => {
    const out = yamlOf({ nel: 'a\u0085b', nel2: 'a \u0085 \u0085b\u0085', bom: '\ufeffx', bom3: 'x\ufeffy' }).stdout;
    expect(out).toContain('    nel: a b\n');
    expect(out).toContain('    bom: "\\uFEFF\\x78"\n');
    expect(out).toContain('    bom3: "x\\uFEFFy"\n');
    expect(out).toContain('    nel2: "a\\nb "\n');
  });
});
