/**
 * A manifest with several documents, one invalid: as `kubectl create -f`, the valid documents are
 * created, the invalid one is reported with the API server's message (exit code 1), and the run
 * goes on with what was created; its diagnostics keep line and column.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../index';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
  - name: web
    image: nginx:1.23
---
apiVersion: v1
kind: Pod
metadata:
  name: Bad_Name
spec:
  containers:
  - name: web
    image: nginx:1.23
---
apiVersion: v1
kind: Service
metadata:
  name: good-svc
spec:
  ports:
  - port: 80
`;

describe('multi-document create with an invalid document', () => {
  const r = simulate(MANIFEST, { fileName: 'multi.yaml', untilMs: 10_000 });
  it('is accepted and creates the valid objects', () => {
    expect(r.accepted).toBe(true);
    const step = r.trace.steps[0];
    expect(step.run).toBe('kubectl create -f multi.yaml');
    expect(step.stdout).toBe('pod/good created\nservice/good-svc created\n');
    expect(step.stderr).toMatch(/^The Pod "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(step.exitCode).toBe(1);
  });
  it('keeps the diagnostic with its position', () => {
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', source: 'validation', doc: 1, path: 'metadata.name', line: 13, column: 9 })]);
  });
  it('a file with no valid document is still rejected', () => {
    const bad = simulate(MANIFEST.split('---\n')[1], { fileName: 'bad.yaml' });
    expect(bad.accepted).toBe(false);
    expect(bad.rejection).toMatch(/^The Pod "Bad_Name" is invalid/);
  });
});
