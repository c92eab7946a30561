/**
 * The oracle for every kind the engine serves (issue 9): objects produced by real engine runs (the
 * notes' manifests and small workload manifests) are served to the REAL kubectl v1.30 by the
 * team's fake API server (kubectl-oracle/fakeapi.py, extended here with the kinds it does not
 * list), and `kubectl describe KIND NAME` and `kubectl get KIND NAME -o yaml` must print the
 * same bytes as the engine. Runs only where the real binary and the tool are present (as
 * oracle.test.ts).
 *
 * Not compared here: `kubectl get KIND` tables (and `-o wide`). kubectl asks the API server for
 * a Table (`Accept: application/json;as=Table`) and only prints its rows; the columns are
 * computed by the API server's printers (pkg/printers/internalversion), which the fake server
 * does not have. A table served by it would be a hand-written copy of the engine's, not an
 * oracle. The engine's tables are checked against the printers' source in printers.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rfc3339 } from '../../sim/time';
import { runCommands } from '../../index';
import { ORACLE_DIR, ORACLE_ENABLED as enabled, Oracle, unshift } from '../../../test-support/kubectl-oracle';

const oracle = new Oracle(19000 + (process.pid % 1000));
const PORT = oracle.port;
const ROOT = join(__dirname, '../../../..');

/** fakeapi.py with the kinds it lacks: the same handler, more resources (and their time fields). */
const SERVER = `
import sys
sys.path.insert(0, ${JSON.stringify(ORACLE_DIR)})
sys.argv = ['fakeapi.py', '${PORT}']
import fakeapi as f
more = {
  'v1': [f._r('configmaps', 'ConfigMap', True, ['cm']), f._r('secrets', 'Secret', True),
         f._r('serviceaccounts', 'ServiceAccount', True, ['sa']), f._r('resourcequotas', 'ResourceQuota', True, ['quota']),
         f._r('limitranges', 'LimitRange', True, ['limits']), f._r('persistentvolumeclaims', 'PersistentVolumeClaim', True, ['pvc'])],
  'apps/v1': [f._r('daemonsets', 'DaemonSet', True, ['ds'], cats=['all']), f._r('statefulsets', 'StatefulSet', True, ['sts'], cats=['all']),
              f._r('controllerrevisions', 'ControllerRevision', True)],
  'batch/v1': [f._r('jobs', 'Job', True, cats=['all']), f._r('cronjobs', 'CronJob', True, ['cj'], cats=['all'])],
  'policy/v1': [f._r('poddisruptionbudgets', 'PodDisruptionBudget', True, ['pdb'])],
}
for gv, rs in more.items():
  f.GROUPS.setdefault(gv, []).extend(rs)
  for r in rs:
    f.KIND_OF[(gv, r['name'])] = r['kind']
    f.NAMESPACED[(gv, r['name'])] = r['namespaced']
f.TS_KEYS.update({'completionTime', 'lastScheduleTime', 'lastSuccessfulTime'})
f.ThreadingHTTPServer(('127.0.0.1', ${PORT}), f.H).serve_forever()
`;

/** What the engine holds, captured as `kubectl get RES -A -o json` (as anydescribe.py does). */
const CAPTURE: Array<[string, string]> = [
  ['v1/pods', 'pods'], ['v1/events', 'events'], ['v1/services', 'services'], ['v1/endpoints', 'endpoints'],
  ['v1/nodes', 'nodes'], ['v1/namespaces', 'namespaces'], ['v1/configmaps', 'configmaps'], ['v1/secrets', 'secrets'],
  ['v1/serviceaccounts', 'serviceaccounts'], ['apps/v1/deployments', 'deployments'], ['apps/v1/replicasets', 'replicasets'],
  ['apps/v1/daemonsets', 'daemonsets'], ['apps/v1/statefulsets', 'statefulsets'], ['batch/v1/jobs', 'jobs'],
  ['batch/v1/cronjobs', 'cronjobs'], ['coordination.k8s.io/v1/leases', 'leases'], ['discovery.k8s.io/v1/endpointslices', 'endpointslices'],
];
const CLUSTER_SCOPED = new Set(['nodes', 'namespaces']);

const post = (path: string, body: unknown) => oracle.post(path, body);
const runReal = (args: string[]) => oracle.run(args);

const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

/** Runs the engine at `atS`, captures its objects, and prints every command with both kubectls. */
/** A command: words split at spaces, or the arguments themselves (a template with spaces in it). */
type Cmd = string | string[];
const argsOf = (c: Cmd) => (typeof c === 'string' ? c.split(' ') : c);
const shq = (a: string) => (/^[\w./=:,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

async function compare(text: string, atS: number, cmds: Cmd[]): Promise<Array<{ cmd: string; sim: string; real: string }>> {
  const atMs = atS * 1000;
  const lines = [...CAPTURE.map(([, r]) => `kubectl get ${r}${CLUSTER_SCOPED.has(r) ? '' : ' -A'} -o json`), ...cmds.map((c) => `kubectl ${argsOf(c).map(shq).join(' ')}`)];
  const outs = runCommands(text, lines.map((line) => ({ atMs, line })));
  const objects: Record<string, unknown[]> = {};
  CAPTURE.forEach(([key], i) => {
    const o = outs[i].stdout.trim();
    objects[key] = o ? (JSON.parse(o) as { items: unknown[] }).items : [];
  });
  const res: Array<{ cmd: string; sim: string; real: string }> = [];
  for (const [j, c] of cmds.entries()) {
    const o = outs[CAPTURE.length + j];
    const args = argsOf(c);
    const cmd = args.join(' ');
    // get -o yaml and the generic describer (lease, event) print timestamps verbatim: serve them unshifted
    const isGet = args[0] === 'get' || /^describe (lease|events)/.test(cmd) || /^events .*-o /.test(cmd);
    let real = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const st = await post('/__oracle/state', {
        objects, virtualNow: rfc3339(atMs), mode: isGet ? 'noshift' : 'shift', margin: 2 + attempt,
        resyncLaterEvents: !/^describe (node|no) /.test(cmd),
      });
      real = unshift(runReal(args), st.offset as number);
      if (!(await oracle.late())) break;
    }
    res.push({ cmd, sim: latin1(o.stdout + o.stderr), real });
  }
  return res;
}

const manifest = (f: string) => readFileSync(join(ROOT, 'content/manifests', f), 'utf8');

const WORKLOADS = `apiVersion: v1
kind: Namespace
metadata:
  name: lab
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
  namespace: lab
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: lab
data:
  LOG_LEVEL: debug
  app.properties: |
    color=blue
    size=3
---
apiVersion: v1
kind: Secret
metadata:
  name: db-pass
  namespace: lab
type: Opaque
stringData:
  password: s3cr3t
---
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
  namespace: lab
spec:
  template:
    spec:
      containers:
      - name: pi
        image: busybox:1.28
        command: ["sh", "-c", "echo 3.14159"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: Job
metadata:
  name: fails
  namespace: lab
spec:
  backoffLimit: 2
  template:
    spec:
      containers:
      - name: fail
        image: busybox:1.28
        command: ["sh", "-c", "exit 1"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
  namespace: lab
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            command: ["sh", "-c", "date; echo hello"]
          restartPolicy: OnFailure
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: lab
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.28
        command: ["sh", "-c", "sleep 3600"]
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: lab
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: lab
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx:1.23
        ports:
        - containerPort: 80
`;

/**
 * kubectl's ConfigMap and Secret describers range over the Data map, so Go prints its keys in a
 * random order each run (the engine prints them sorted, one of those orders): compare the
 * section's lines whatever their order.
 */
function dataInAnyOrder(text: string): string {
  const start = text.indexOf('\nData\n====\n');
  if (start < 0) return text;
  const from = start + '\nData\n====\n'.length;
  const ends = ['\nBinaryData\n', '\nEvents:'].map((m) => text.indexOf(m, from)).filter((i) => i >= 0);
  const to = ends.length ? Math.min(...ends) : text.length;
  return text.slice(0, from) + text.slice(from, to).split('\n').sort().join('\n') + text.slice(to);
}

describe.skipIf(!enabled)('the real kubectl v1.30 prints every kind as the engine does (oracle)', () => {
  beforeAll(() => oracle.start(['-c', SERVER]), 20_000);
  afterAll(() => oracle.stop());

  async function check(text: string, atS: number, cmds: Cmd[]): Promise<void> {
    const dump = process.env.ORACLE_KINDS_OUT;
    for (const raw of await compare(text, atS, cmds)) {
      const r = /^describe (configmap|secret) /.test(raw.cmd) ? { ...raw, sim: dataInAnyOrder(raw.sim), real: dataInAnyOrder(raw.real) } : raw;
      if (dump && r.sim !== r.real) {
        mkdirSync(dump, { recursive: true });
        const key = r.cmd.replace(/[ /]/g, '_');
        writeFileSync(join(dump, `${key}.sim`), r.sim, 'latin1');
        writeFileSync(join(dump, `${key}.real`), r.real, 'latin1');
      }
      expect.soft(r.sim, `kubectl ${r.cmd}`).toBe(r.real);
    }
  }

  it('workloads: Job (complete, failed with back-off), CronJob, DaemonSet, StatefulSet, ConfigMap, Secret, Namespace, ServiceAccount', async () => {
    const kinds = [['job', 'pi'], ['job', 'fails'], ['cronjob', 'hello'], ['daemonset', 'agent'], ['statefulset', 'db'], ['configmap', 'app-config'], ['secret', 'db-pass'], ['serviceaccount', 'builder'], ['service', 'db'], ['endpoints', 'db'], ['pod', 'db-0']];
    const cmds = kinds.flatMap(([k, n]) => [`describe ${k} ${n} -n lab`, `get ${k} ${n} -n lab -o yaml`]);
    cmds.push('describe namespace lab', 'get namespace lab -o yaml', 'describe configmap kube-root-ca.crt -n lab', 'get configmap kube-root-ca.crt -n lab -o yaml', 'describe serviceaccount default -n lab');
    await check(WORKLOADS, 150, cmds);
  }, 120_000);

  it('a Deployment after a rolling update: its ReplicaSets, Service, Endpoints, EndpointSlice, a Node', async () => {
    const text = manifest('1.19-rollout-2-readiness.yaml');
    const cmds = ['describe deployment web', 'get deployment web -o yaml', 'describe replicasets', 'describe service web', 'get service web -o yaml',
      'describe endpoints web', 'get endpoints web -o yaml', 'describe endpointslices', 'describe node k8s-node01', 'get node k8s-node01 -o yaml'];
    await check(text, 100, cmds);
  }, 120_000);

  it('the notes\' cluster: kube-system objects and events', async () => {
    const cmds = ['describe configmap kube-root-ca.crt', 'get configmap kube-root-ca.crt -o yaml', 'describe serviceaccount default', 'describe namespace default',
      'describe service kube-dns -n kube-system', 'describe endpoints kube-dns -n kube-system', 'describe pod nginx', 'get events -o yaml', 'describe lease kube-scheduler -n kube-system', 'describe events'];
    await check(manifest('1.8-pod.yaml'), 30, cmds);
  }, 120_000);

  it('the notes\' cluster: the add-ons\' Deployments, ReplicaSets and the calico-node DaemonSet', async () => {
    const cmds = ['describe deployment coredns -n kube-system', 'get deployment coredns -n kube-system -o yaml', 'describe daemonset calico-node -n kube-system',
      'get daemonset calico-node -n kube-system -o yaml', 'describe replicasets -n kube-system', 'describe deployments -n kubernetes-dashboard',
      'describe deployment metrics-server -n kube-system', 'describe pod -n kube-system -l k8s-app=kube-dns', 'describe pod -n kube-system -l k8s-app=calico-node'];
    await check(manifest('1.8-pod.yaml'), 30, cmds);
  }, 120_000);

  it('-o go-template: text/template over the objects as kubectl decodes them, its errors and its debugging lines', async () => {
    const cmds: Cmd[] = [
      ['get', 'pods', '-A', '-o', 'go-template={{range .items}}{{.metadata.namespace}}/{{.metadata.name}} {{.status.phase}} {{.spec.nodeName}}{{"\\n"}}{{end}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{.metadata.labels}}|{{.spec.containers}}|{{.status.containerStatuses}}|{{.spec.terminationGracePeriodSeconds}}'],
      ['get', 'pod', 'nginx', '--template={{.metadata.nope}}|{{index .metadata "name"}}|{{len .spec.containers}}|{{printf "%q %5d %v" .metadata.name 42 .spec.dnsPolicy}}|{{.spec.nope.deeper}}'],
      ['get', 'pods', '-o', 'template={{range $i, $p := .items}}{{if $i}},{{end}}{{$p.metadata.name}}{{else}}none{{end}}{{"\\n"}}'],
      ['get', 'svc', 'kubernetes', '-o', 'go-template={{range .spec.ports}}{{.name}}:{{.port}}/{{.protocol}} -> {{.targetPort}}{{end}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{.metadata.name}}:{{.metadata.name.x}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{.x'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{upper .metadata.name}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{printf "%05.1f|%x|%X|%c|%-6s|%t|%v" 2.25 255 "hi" 65 "ab" true .spec.tolerations}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{html "<a&b>"}} {{js "a\'b<"}} {{urlquery "a b&c/"}} {{slice .metadata.name 1 3}} {{println 1 "a" .spec.restartPolicy}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{eq .kind "Pod" "X"}} {{lt 1 2}} {{not .nope}} {{and 1 0}} {{or 0 "x"}} {{exists . "metadata" "name"}} {{exists . "nope"}} {{base64decode "aGk="}}'],
      ['get', 'pods', '-o', 'go-template={{range $p := .items}}{{$p.metadata.name.x}}{{end}}'],
      ['get', 'pod', 'nginx', '-o', 'go-template={{with $c := index .spec.containers 0}}{{$c.name}} {{$c.image}}{{end}} {{len .nope}}'],
    ];
    await check(manifest('1.8-pod.yaml'), 30, cmds);
  }, 120_000);

  it('-o jsonpath / jsonpath-as-json: client-go jsonpath as kubectl runs it, with its errors', async () => {
    const cmds: Cmd[] = [
      ['get', 'pods', '-A', '-o', 'jsonpath={.items[*].metadata.name}'],
      ['get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}{"\\t"}{.metadata.name}{"\\n"}{end}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.labels}|{.spec.containers[0].ports}|{.status.conditions[?(@.type=="Ready")].status}|{..restartPolicy}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[-1:].name} {.status.podIP} {.nope} {.metadata.labels.run} {.spec.terminationGracePeriodSeconds}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.name'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[x]}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={end}'],
      ['get', 'pods', '-o', 'jsonpath-as-json={.items[*].metadata.name}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={.metadata.labels}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={.spec.containers[0].ports}{.nope}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={.status.phase}{.spec.dnsPolicy}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={range .spec.containers[*]}{.name}{end}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={.nope}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={"x"}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={.kind}', '--template={.metadata.name}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.kind}', '--template={.metadata.name}'],
      ['get', 'pods', '-o', 'jsonpath={range .items}{.metadata.name}{end}|{range .items[*]}[{.metadata.name}]{end}|{.items[0].spec.containers[5]}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[-1].name}|{.spec.containers[0:5]}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata[0]}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={range .spec.containers[*]}{.name}{"\\n"}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={range .spec.nope[*]}{.name}{end}x{.kind}'],
      ['get', 'deployment', 'coredns', '-n', 'kube-system', '-o', 'jsonpath={.spec.template.metadata.creationTimestamp}|{.spec.replicas}|{.spec.template.spec.containers[0].resources.limits}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[*].ports[*].containerPort}{.metadata.annotations.x}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.kind} {.metadata.nope}', '--allow-missing-template-keys=false'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.labels[*]}'],
      ['get', 'pods', '-A', '-o', 'jsonpath={.items[?(@.spec.containers[*].name=="coredns")].metadata.name}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.labels.*}|{.spec.containers[?(@.nope=="x")].name}'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[?(@.name=="nginx")].image}|{.metadata[?(@.x=="y")]}'],
      ['get', 'pods', '-A', '-o', 'custom-columns=NAME:{metadata.name},NS:metadata.namespace,IMG:{.spec.containers[0].image}', '--sort-by={metadata.name}'],
      ['get', 'pods', '-o', 'custom-columns=X:{.metadata.name}{.kind}'],
      ['get', 'pods', '-A', '--sort-by', 'metadata.name', '-o', 'name'],
      ['get', 'pod', 'nginx', '-o', 'jsonpath-as-json={.status.containerStatuses[0].restartCount}{.status.containerStatuses[0].ready}{range .status.conditions[*]}{.type}{"="}{.status}{end}'],
    ];
    await check(manifest('1.8-pod.yaml'), 30, cmds);
  }, 120_000);

  it('kubectl events: the EventPrinter, --for, --types, -A, -o', async () => {
    const cmds: Cmd[] = ['events', 'events -A', 'events --for pod/nginx', 'events --types=Warning', 'events --types=normal,Warning --no-headers', 'events -n kube-system',
      'events --for deployment/nope', 'events --types=bad', 'events --for nginx', 'events -o yaml', 'events -o json', 'events -o name'];
    await check(manifest('1.10-command.yaml'), 200, cmds);
  }, 120_000);
});
