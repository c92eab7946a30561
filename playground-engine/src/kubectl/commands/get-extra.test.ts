/**
 * `get cs` (computed by the API server, with its deprecation warning), `get sa` of the system
 * namespaces, and -o custom-columns / custom-columns-file, through the simulated cluster.
 * The custom-columns formats follow what the real kubectl v1.30 prints for the same objects.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels: {run: nginx}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n    ports:\n    - containerPort: 80\n';

function at(ms: number, ...lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

describe('kubectl get cs / sa in the simulated cluster', () => {
  it('get cs: the warning on stderr and three Healthy rows', () => {
    const [r] = at(5_000, 'kubectl get cs');
    expect(r.stderr).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\n');
    expect(r.stdout).toBe(
      'NAME                 STATUS    MESSAGE                         ERROR\nscheduler            Healthy   ok                              \ncontroller-manager   Healthy   ok                              \netcd-0               Healthy   {"health":"true","reason":""}   \n',
    );
  });

  it('get sa: the default ServiceAccount, and the system ones in kube-system', () => {
    const [def, sys] = at(5_000, 'kubectl get sa', 'kubectl get sa -n kube-system -o name');
    expect(def.stdout).toMatch(/^NAME      SECRETS   AGE\ndefault   0         \d+h\n$/);
    expect(sys.stdout.split('\n').filter(Boolean)).toEqual(expect.arrayContaining(['serviceaccount/default', 'serviceaccount/coredns', 'serviceaccount/kube-proxy', 'serviceaccount/metrics-server']));
  });

  it('custom-columns and custom-columns-file on the live pod', () => {
    const [cc, file] = at(
      30_000,
      'kubectl get po -o custom-columns=NAME:.metadata.name,PORTS:.spec.containers[*].ports[*].containerPort,LABELS:metadata.labels,X:.status.nope',
      'printf "NAME  NODE\\n.metadata.name {.spec.nodeName}\\n" > cc.txt; kubectl get po -o custom-columns-file=cc.txt',
    );
    expect(cc.stdout).toBe('NAME    PORTS   LABELS           X\nnginx   80      map[run:nginx]   <none>\n');
    expect(file.stdout).toBe('NAME    NODE\nnginx   k8s-node01\n');
  });
});

describe('-o custom-columns errors (kubectl v1.30 texts)', () => {
  const h = new FakeHost(100_000_000);
  h.add(O.pod('nginx', 100_000_000, { age: 5 }));
  it('empty and malformed specs', () => {
    expect(kubectl(h, 'get po -o custom-columns=').stderr).toBe('error: custom-columns format specified but no custom columns given\n');
    expect(kubectl(h, 'get po -o custom-columns=NAME').stderr).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n');
    expect(kubectl(h, 'get po nginx -o custom-columns=A:{.metadata.name} --no-headers').stdout).toBe('nginx\n');
  });
});

describe('--sort-by (kubectl v1.30 behaviour)', () => {
  const h = new FakeHost(100_000_000);
  h.add(O.pod('nginx', 100_000_000, { age: 5, labels: { app: 'nginx' } }));
  h.add(O.pod('nolabel', 100_000_000, { age: 6, labels: {} }));
  h.add(O.pod('multi', 100_000_000, { age: 7, labels: { app: 'm' } }));
  it('objects without the field first, then by value', () => {
    expect(kubectl(h, 'get po --sort-by=.metadata.labels.app -o name').stdout).toBe('pod/nolabel\npod/multi\npod/nginx\n');
  });
  it('a path no object has is an error', () => {
    expect(kubectl(h, 'get po --sort-by=.metadata.nope').stderr).toBe('error: couldn\'t find any field with path "{.metadata.nope}" in the list of objects\n');
  });
});
