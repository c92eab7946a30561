/**
 * kubectl end to end over a fake host: the commands, their outputs and kubectl's error texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecResult } from '../node/runtime/types';
import type { ProcessContext } from '../programs/types';
import { FakeHost, ManualFuture, kubectl } from './testing/fake-host';
import * as O from './testing/objects';
import { OPENAPI_V1 } from './testing/openapi';
import { makeKubectlProgram, runKubectl } from './kubectl';

const NOW = 100_000_000;

function cluster(): FakeHost {
  const h = new FakeHost(NOW);
  h.add(O.running(O.pod('nginx', NOW, { age: 149, ip: '172.17.125.8' }), NOW));
  h.add(O.completed(O.pod('job', NOW, { age: 60, restartPolicy: 'Never' }), NOW, 0, 0));
  (h.objects[1] as { status: { phase: string } }).status.phase = 'Succeeded';
  return h;
}

describe('kubectl run / create generators (--dry-run=client -o yaml)', () => {
  it("the notes' `kubectl run nginx --image=nginx1.23 -oyaml --dry-run=client`", () => {
    expect(kubectl(cluster(), 'run nginx --image=nginx1.23 -oyaml --dry-run=client')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx1.23\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    });
  });

  it('run with --port, --labels, --env, --restart and --command', () => {
    const r = kubectl(cluster(), 'run web --image=nginx:1.23 --port=80 --labels=app=web,tier=fe --env=MODE=prod --restart=Never --dry-run=client -o yaml --command -- sleep 10');
    expect(r.stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n    tier: fe\n  name: web\nspec:\n  containers:\n  - command:\n    - sleep\n    - "10"\n    env:\n    - name: MODE\n      value: prod\n    image: nginx:1.23\n    name: web\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n',
    );
  });

  it('run creates through the host; dry-run prints `(dry run)`', () => {
    const h = cluster();
    expect(kubectl(h, 'run web --image=nginx:1.23').stdout).toBe('pod/web created\n');
    expect(h.created[0].spec.containers[0]).toEqual({ image: 'nginx:1.23', name: 'web', resources: {} });
    expect(kubectl(h, 'run web2 --image=nginx --dry-run=client').stdout).toBe('pod/web2 created (dry run)\n');
    expect(kubectl(h, 'run nginx --image=nginx').stderr).toBe('Error from server (AlreadyExists): pods "nginx" already exists\n');
  });

  it("run's errors", () => {
    const h = cluster();
    expect(kubectl(h, 'run nginx').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(kubectl(h, 'run --image=nginx').stderr).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    expect(kubectl(h, 'run x --image=Nginx:1.23').stderr).toBe('error: Invalid image name "Nginx:1.23": invalid reference format\n');
    expect(kubectl(h, 'run x --image=nginx --restart=Sometimes').stderr).toBe("error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n");
    expect(kubectl(h, 'run x --image=nginx --dry-run=maybe').stderr).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
  });

  it('kubectl create deployment nginx --image=nginx --dry-run=client -oyaml', () => {
    expect(kubectl(cluster(), 'create deployment nginx --image=nginx --dry-run=client -oyaml').stdout).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: nginx\n  name: nginx\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: nginx\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n',
    );
  });

  it('create deployment: --replicas, --port, container names from images, errors', () => {
    const h = cluster();
    const y = kubectl(h, 'create deploy web --image=registry.local/team/my_app:1.0 --replicas=3 --port=8080 --dry-run=client -o yaml').stdout;
    expect(y).toContain('  replicas: 3\n');
    expect(y).toMatch(/      - image: registry.local\/team\/my_app:1.0\n        name: my-app-[bcdfghjklmnpqrstvwxz2456789]{5}\n        ports:\n        - containerPort: 8080\n        resources: \{\}\n/);
    expect(kubectl(h, 'create deployment web --image=nginx').stdout).toBe('deployment.apps/web created\n');
    h.add({ ...h.created[0], metadata: { ...h.created[0].metadata, namespace: 'default' } });
    expect(kubectl(h, 'create deployment web --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(kubectl(h, 'create deployment --image=nginx').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
    expect(kubectl(h, 'create deployment a --image=a --image=b -- sleep 1').stderr).toBe('error: cannot specify multiple --image options and command\n');
  });

  it('create without -f prints the error and the help on stderr', () => {
    const r = kubectl(cluster(), 'create');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.\n')).toBe(true);
  });
});

describe('files: create / apply / replace -f', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';

  it('sends the file to the host and prints what it says', () => {
    const h = cluster();
    expect(kubectl(h, 'create -f pod.yaml', { files: { '/root/pod.yaml': POD } })).toEqual({ code: 0, stdout: 'pod/nginx created\n', stderr: '' });
    expect(h.applied[0]).toEqual({ text: POD, fileName: 'pod.yaml', mode: 'create' });
    expect(kubectl(h, 'apply -f -', { stdin: POD }).stdout).toBe('pod/nginx created\n');
    expect(h.applied[1].fileName).toBe('STDIN');
  });

  it('missing files and missing -f', () => {
    const h = cluster();
    expect(kubectl(h, 'apply -f nope.yaml').stderr).toBe('error: the path "nope.yaml" does not exist\n');
    expect(kubectl(h, 'apply').stderr).toBe('error: must specify one of -f and -k\n');
  });
});

describe('get: errors and forms', () => {
  it('resource errors', () => {
    const h = cluster();
    expect(kubectl(h, 'get podz')).toEqual({ code: 1, stdout: '', stderr: 'error: the server doesn\'t have a resource type "podz"\n' });
    expect(kubectl(h, 'get pod x')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n' });
    expect(kubectl(h, 'get')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    });
  });

  it('TYPE/NAME, TYPE NAME1 NAME2, -o name, -l', () => {
    const h = cluster();
    expect(kubectl(h, 'get po/nginx -o name').stdout).toBe('pod/nginx\n');
    expect(kubectl(h, 'get pods nginx job -o name').stdout).toBe('pod/nginx\npod/job\n');
    expect(kubectl(h, 'get pods -l run=job -o name').stdout).toBe('pod/job\n');
    expect(kubectl(h, 'get pods -l run!=job -o name').stdout).toBe('pod/nginx\n');
  });

  it('-o json wraps several objects in a List, -o jsonpath', () => {
    const h = cluster();
    const j = JSON.parse(kubectl(h, 'get pods -o json').stdout);
    expect(j.kind).toBe('List');
    expect(j.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['job', 'nginx']);
    expect(kubectl(h, "get pod nginx -o jsonpath={.status.podIP}").stdout).toBe('172.17.125.8');
  });

  it('-w prints the history: the initial table, then one row per event with remembered widths', () => {
    const h = new FakeHost(NOW);
    const p0 = O.containerCreating(O.pod('nginx', NOW, { age: 0 }), NOW);
    h.objects.push(p0);
    h.revisions.push({ t: NOW - 10_000, type: 'ADDED', object: O.pod('nginx', NOW - 10_000, { age: 0 }) });
    h.revisions.push({ t: NOW - 9_000, type: 'MODIFIED', object: O.containerCreating(O.pod('nginx', NOW - 9_000, { age: 1 }), NOW - 9_000) });
    h.revisions.push({ t: NOW - 2_000, type: 'MODIFIED', object: O.running(O.pod('nginx', NOW - 2_000, { age: 8, ip: '172.17.125.8' }), NOW - 2_000) });
    expect(kubectl(h, 'get pods -w').stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n' +
        'nginx   0/1     Pending   0          0s\n' +
        'nginx   0/1     ContainerCreating   0          1s\n' +
        'nginx   1/1     Running             0          8s\n',
    );
  });
});

describe('logs and exec', () => {
  it('logs: text, --tail, -p and container errors', () => {
    const h = cluster();
    h.logTexts.set('default/nginx/nginx', 'a\nb\nc\n');
    expect(kubectl(h, 'logs nginx').stdout).toBe('a\nb\nc\n');
    expect(kubectl(h, 'logs nginx --tail=2').stdout).toBe('b\nc\n');
    expect(kubectl(h, 'logs nginx -p').stderr).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "nginx" not found\n');
    expect(kubectl(h, 'logs nginx -c foo').stderr).toBe('error: container foo is not valid for pod nginx\n');
    expect(kubectl(h, 'logs nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kubectl(h, 'logs').stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
  });

  it('exec: output, exit codes, the old form, a completed pod', () => {
    const h = cluster();
    h.execResults.set('default/nginx/nginx/cat /etc/hostname', { exitCode: 0, stdout: 'nginx\n', stderr: '', timedOut: false });
    h.execResults.set('default/nginx/nginx/ls /nope', { exitCode: 2, stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\n", timedOut: false });
    expect(kubectl(h, 'exec nginx -- cat /etc/hostname')).toEqual({ code: 0, stdout: 'nginx\n', stderr: '' });
    expect(kubectl(h, 'exec -ti nginx -- ls /nope')).toEqual({ code: 2, stdout: "ls: cannot access '/nope': No such file or directory\n", stderr: 'command terminated with exit code 2\n' });
    expect(kubectl(h, 'exec nginx -- ls /nope')).toEqual({ code: 2, stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n" });
    expect(kubectl(h, 'exec nginx cat /etc/hostname')).toEqual({
      code: 0,
      stdout: 'nginx\n',
      stderr: 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n',
    });
    expect(kubectl(h, 'exec nope -- ls').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kubectl(h, 'exec job -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
    expect(kubectl(h, 'exec nginx').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(kubectl(h, 'exec nginx -c foo -- ls').stderr).toBe('Error from server (BadRequest): container foo is not valid for pod nginx\n');
  });

  it('exec waits on the host Future: runKubectl returns a Future, the Program yields await', () => {
    const h = cluster();
    const fut = new ManualFuture<ExecResult>();
    h.execResults.set('default/nginx/nginx/sleep 5', fut);
    let stdout = '';
    const io = { write: (_s: string, t: string) => void (stdout += t), stdin: '', cwd: '/' };
    const r = runKubectl(['exec', 'nginx', '--', 'sleep', '5'], h, io);
    expect(typeof r).toBe('object');
    let code = -1;
    if (typeof r !== 'number') r.onSettle((c) => (code = c));
    fut.settle({ exitCode: 0, stdout: 'done\n', stderr: '', timedOut: false });
    expect(code).toBe(0);
    expect(stdout).toBe('done\n');

    const fut2 = new ManualFuture<ExecResult>();
    h.execResults.set('default/nginx/nginx/sleep 5', fut2);
    const written: string[] = [];
    const ctx = { argv: ['kubectl', 'exec', 'nginx', '--', 'sleep', '5'], stdin: '', cwd: '/root', fs: undefined, write: (_s: string, t: string) => written.push(t) } as unknown as ProcessContext;
    const gen = makeKubectlProgram(h)(ctx);
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(first.value).toEqual({ kind: 'await', future: fut2 });
    fut2.settle({ exitCode: 0, stdout: 'ok\n', stderr: '', timedOut: false });
    expect(gen.next(fut2.value)).toEqual({ done: true, value: 0 });
    expect(written).toEqual(['ok\n']);
  });
});

describe('delete', () => {
  it('prints `pod "nginx" deleted`, force-deletes with the warning, reports NotFound', () => {
    const h = cluster();
    expect(kubectl(h, 'delete pod nginx')).toEqual({ code: 0, stdout: 'pod "nginx" deleted\n', stderr: '' });
    const h2 = cluster();
    expect(kubectl(h2, 'delete po nginx --grace-period=0 --force')).toEqual({
      code: 0,
      stdout: 'pod "nginx" force deleted\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect(h2.deleted[0]).toBe('Pod/default/nginx/0/force');
    expect(kubectl(h2, 'delete pod nginx')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nginx" not found\n' });
    expect(kubectl(h2, 'delete pod x --force --grace-period=5').stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
  });
});

describe('explain (OpenAPI v3 plaintext template)', () => {
  function host() {
    const h = cluster();
    h.explain = OPENAPI_V1;
    return h;
  }

  it('kubectl explain pod.spec.restartPolicy: ENUM list, description wrapped at 76', () => {
    expect(kubectl(host(), 'explain pod.spec.restartPolicy').stdout).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n' +
        '    Restart policy for all containers within the pod. One of Always, OnFailure,\n' +
        '    Never. In some contexts, only a subset of those values may be permitted.\n' +
        '    Default to Always. More info:\n' +
        '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n' +
        '    \n    Possible enum values:\n     - `"Always"`\n     - `"Never"`\n     - `"OnFailure"`\n    \n\n',
    );
  });

  it('kubectl explain pods.spec.containers.image: two blank lines after FIELD without an enum', () => {
    expect(kubectl(host(), 'explain pods.spec.containers.image').stdout).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: image <string>\n\n\nDESCRIPTION:\n' +
        '    Container image name. More info:\n' +
        '    https://kubernetes.io/docs/concepts/containers/images This field is optional\n' +
        '    to allow higher level config management to default or override container\n' +
        '    images in workload controllers like Deployments and StatefulSets.\n    \n\n',
    );
  });

  it('kubectl explain pod.spec.containers: item descriptions, FIELDS with -required-', () => {
    const out = kubectl(host(), 'explain pod.spec.containers').stdout;
    expect(out).toContain(
      'DESCRIPTION:\n    List of containers belonging to the pod. Containers cannot currently be\n    added or removed. There must be at least one container in a Pod. Cannot be\n    updated.\n    A single application container that you want to run within a pod.\n    \nFIELDS:\n  command\t<[]string>\n',
    );
    expect(out).toContain('  name\t<string> -required-\n    Name of the container specified as a DNS_LABEL. Each container in a pod must\n    have a unique name (DNS_LABEL). Cannot be updated.\n\n\n');
  });

  it('--recursive lists nested fields with enums', () => {
    expect(kubectl(host(), 'explain pod --recursive').stdout).toContain(
      'FIELDS:\n  apiVersion\t<string>\n  kind\t<string>\n  metadata\t<ObjectMeta>\n    labels\t<map[string]string>\n    name\t<string>\n  spec\t<PodSpec>\n    containers\t<[]Container> -required-\n      command\t<[]string>\n      image\t<string>\n      name\t<string> -required-\n    restartPolicy\t<string>\n    enum: Always, Never, OnFailure\n\n',
    );
  });

  it('errors: unknown field (header already printed), unknown type (no `error:` prefix), no argument', () => {
    expect(kubectl(host(), 'explain pod.spec.foo')).toEqual({ code: 1, stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "foo" does not exist\n' });
    expect(kubectl(host(), 'explain podz')).toEqual({ code: 1, stdout: '', stderr: 'the server doesn\'t have a resource type "podz"\n' });
    expect(kubectl(host(), 'explain').stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect(kubectl(host(), 'explain a b').stderr).toBe('error: We accept only this format: explain RESOURCE\n');
  });
});

describe('cluster commands', () => {
  it('version, cluster-info, api-resources -o name, top', () => {
    const h = cluster();
    h.add(O.endpoints('kubernetes', 'default', NOW, 100, ['192.168.200.61'], [{ port: 6443, name: 'https' }]));
    h.add(
      O.service('kube-dns', 'kube-system', NOW, 100, '10.103.0.10', [{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, name: 'dns-tcp' }], { 'k8s-app': 'kube-dns' }, {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      }),
    );
    expect(kubectl(h, 'version').stdout).toBe('Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.2\n');
    expect(kubectl(h, 'version --client').stdout).toBe('Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n');
    expect(kubectl(h, 'cluster-info').stdout).toBe(
      'Kubernetes control plane is running at https://192.168.200.61:6443\nCoreDNS is running at https://192.168.200.61:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use \'kubectl cluster-info dump\'.\n',
    );
    const names = kubectl(h, 'api-resources -o name').stdout.split('\n');
    expect(names.slice(0, 3)).toEqual(['bindings', 'componentstatuses', 'configmaps']);
    expect(names).toContain('deployments.apps');
    expect(kubectl(h, 'api-resources --namespaced=false --api-group=apps').stdout).toBe('NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n');
    expect(kubectl(h, 'api-resources --api-group=apps --no-headers').stdout).toBe(
      'controllerrevisions            apps/v1   true   ControllerRevision\ndaemonsets            ds       apps/v1   true   DaemonSet\ndeployments           deploy   apps/v1   true   Deployment\nreplicasets           rs       apps/v1   true   ReplicaSet\nstatefulsets          sts      apps/v1   true   StatefulSet\n',
    );
    expect(kubectl(h, 'top pods')).toEqual({ code: 1, stdout: '', stderr: 'error: Metrics API not available\n' });
  });
});

describe('the command line', () => {
  it('unknown commands get cobra suggestions, unknown flags kubectl\'s usage hint', () => {
    const h = cluster();
    expect(kubectl(h, 'gett pods')).toEqual({ code: 1, stdout: '', stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n' });
    expect(kubectl(h, 'xyzzy')).toEqual({ code: 1, stdout: '', stderr: 'error: unknown command "xyzzy" for "kubectl"\n' });
    expect(kubectl(h, 'foo').stderr).toBe('error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n');
    expect(kubectl(h, 'get pods --foo')).toEqual({ code: 1, stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    expect(kubectl(h, 'get pods -z')).toEqual({ code: 1, stdout: '', stderr: "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n" });
    expect(kubectl(h, 'get pods -n')).toEqual({ code: 1, stdout: '', stderr: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n" });
  });

  it('global flags before the command, -n / --namespace forms', () => {
    const h = cluster();
    h.add(O.running(O.pod('coredns', NOW, { age: 100, ns: 'kube-system' }), NOW));
    for (const line of ['-n kube-system get pods -o name', 'get pods --namespace=kube-system -o name', 'get pods -nkube-system -oname', '--namespace kube-system get po -o=name']) {
      expect(kubectl(h, line).stdout).toBe('pod/coredns\n');
    }
  });

  it('never throws on arbitrary argv', () => {
    const h = cluster();
    h.explain = OPENAPI_V1;
    const word = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('get', 'describe', 'logs', 'exec', 'delete', 'create', 'apply', 'run', 'explain', 'api-resources', 'version', 'top', 'deployment', 'pods', 'po', 'svc', 'nginx', 'pod/nginx', '-o', 'yaml', 'wide', 'json', 'name', '-n', '-A', '-w', '-l', 'a=b', '--', '-f', '-', '--dry-run=client', '--image=nginx', '-c', '-p', '--tail=1', '-ti', 'pod.spec', '--recursive', 'help', '--help'),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        const r = runKubectl(argv, h, { write: () => undefined, stdin: 'x', cwd: '/' });
        expect(typeof r === 'number' || typeof r === 'object').toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
