/**
 * Table printers against kubectl's layout: the notes' real outputs (shared/seed/k8s-basics.md)
 * and the pod STATUS / READY / RESTARTS rules of printPod.
 */
import { describe, expect, it } from 'vitest';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';
import { formatEndpoints } from './endpoints';
import { podSummary } from './pod';

const NOW = 100_000_000;

function notesCluster(): FakeHost {
  const h = new FakeHost(NOW);
  h.add(O.running(O.pod('nginx', NOW, { age: 149, ip: '172.17.125.8', node: 'k8s-node01' }), NOW));
  h.add(O.service('calico-typha', 'kube-system', NOW, 32 * 3600, '10.103.6.32', [{ port: 5473, name: 'calico-typha' }]));
  h.add(
    O.service('kube-dns', 'kube-system', NOW, 33 * 3600, '10.103.0.10', [{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, name: 'dns-tcp' }, { port: 9153, name: 'metrics' }], { 'k8s-app': 'kube-dns' }, {
      'k8s-app': 'kube-dns',
      'kubernetes.io/cluster-service': 'true',
      'kubernetes.io/name': 'CoreDNS',
    }),
  );
  h.add(O.service('metrics-server', 'kube-system', NOW, 32 * 3600, '10.103.119.223', [{ port: 443, name: 'https', targetPort: 'https' }]));
  h.add(O.endpoints('metrics-server', 'kube-system', NOW, 46 * 3600, ['172.17.125.6'], [{ port: 4443, name: 'https' }]));
  h.add(O.lease('kube-controller-manager', 'kube-system', NOW, 32 * 3600, 'k8s-master02_19bdfcd2-9dcb-4bd3-9f6e-7dafc7b9da7d'));
  h.add(O.lease('kube-scheduler', 'kube-system', NOW, 32 * 3600, 'k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc'));
  return h;
}

describe("the notes' outputs", () => {
  it('kubectl get pod -owide', () => {
    expect(kubectl(notesCluster(), 'get pod -owide').stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE     IP             NODE         NOMINATED NODE   READINESS GATES\n' +
        'nginx   1/1     Running   0          2m29s   172.17.125.8   k8s-node01   <none>           <none>\n',
    );
  });

  it('kubectl get svc -n kube-system', () => {
    expect(kubectl(notesCluster(), 'get svc -n kube-system').stdout).toBe(
      'NAME             TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)                  AGE\n' +
        'calico-typha     ClusterIP   10.103.6.32      <none>        5473/TCP                 32h\n' +
        'kube-dns         ClusterIP   10.103.0.10      <none>        53/UDP,53/TCP,9153/TCP   33h\n' +
        'metrics-server   ClusterIP   10.103.119.223   <none>        443/TCP                  32h\n',
    );
  });

  it('kubectl get ep metrics-server -n kube-system', () => {
    expect(kubectl(notesCluster(), 'get ep metrics-server -n kube-system').stdout).toBe('NAME             ENDPOINTS           AGE\nmetrics-server   172.17.125.6:4443   46h\n');
  });

  it('kubectl get leases -n kube-system', () => {
    expect(kubectl(notesCluster(), 'get leases -n kube-system').stdout).toBe(
      'NAME                      HOLDER                                              AGE\n' +
        'kube-controller-manager   k8s-master02_19bdfcd2-9dcb-4bd3-9f6e-7dafc7b9da7d   32h\n' +
        'kube-scheduler            k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc   32h\n',
    );
  });

  it('kubectl get pod -owide for the CrashLoopBackOff of `command: [sleep, 10]`', () => {
    const h = new FakeHost(NOW).add(O.crashLoop(O.pod('nginx', NOW, { age: 56 * 60, ip: '172.27.14.198', node: 'k8s-node02' }), NOW, 3, 40));
    expect(kubectl(h, 'get pod -owide').stdout).toBe(
      'NAME    READY   STATUS             RESTARTS      AGE   IP              NODE         NOMINATED NODE   READINESS GATES\n' +
        'nginx   0/1     CrashLoopBackOff   3 (40s ago)   56m   172.27.14.198   k8s-node02   <none>           <none>\n',
    );
  });

  it('kubectl get pod for the Completed pod between restarts', () => {
    const h = new FakeHost(NOW).add(O.completed(O.pod('nginx', NOW, { age: 89, ip: '172.27.14.198', node: 'k8s-node02' }), NOW, 3, 44));
    expect(kubectl(h, 'get pod').stdout).toBe('NAME    READY   STATUS      RESTARTS      AGE\nnginx   0/1     Completed   3 (44s ago)   89s\n');
  });

  it('kubectl api-resources | grep pod: the line as the full table lays it out', () => {
    const out = kubectl(new FakeHost(NOW), 'api-resources').stdout;
    const line = out.split('\n').find((l) => l.startsWith('pods ') && l.includes(' v1 '));
    // The notes show `pods      po           v1                     true         Pod`: the same
    // cells; its NAME and APIVERSION widths were shortened by hand (a full table pads NAME to
    // the longest resource name, validatingadmissionpolicybindings).
    expect(line).toBe('pods                                po           v1                                true         Pod');
    expect(line?.split(/\s+/)).toEqual('pods      po           v1                     true         Pod'.split(/\s+/));
  });
});

describe('pod STATUS, READY and RESTARTS (printPod)', () => {
  const cases: Array<[string, ReturnType<typeof O.pod>, string, string, string]> = [
    ['ContainerCreating', O.containerCreating(O.pod('a', NOW, { age: 5 }), NOW), '0/1', 'ContainerCreating', '0'],
    ['Running 1/1', O.running(O.pod('a', NOW, { age: 5 }), NOW), '1/1', 'Running', '0'],
    ['Running after restarts', O.running(O.pod('a', NOW, { age: 3600 }), NOW, { restarts: 2, lastExitAgo: 300 }), '1/1', 'Running', '2 (5m ago)'],
    ['CrashLoopBackOff', O.crashLoop(O.pod('a', NOW, { age: 60 }), NOW, 3, 40), '0/1', 'CrashLoopBackOff', '3 (40s ago)'],
    ['Completed', O.completed(O.pod('a', NOW, { age: 60 }), NOW, 0, 0), '0/1', 'Completed', '0'],
    ['Terminating', O.terminating(O.pod('a', NOW, { age: 60 }), NOW, 30), '1/1', 'Terminating', '0'],
    ['Init:0/1', O.withInit(O.pod('a', NOW, { age: 60 }), NOW), '0/1', 'Init:0/1', '0'],
    ['ErrImagePull', O.imagePull(O.pod('a', NOW, { age: 60 }), NOW, 'ErrImagePull'), '0/1', 'ErrImagePull', '0'],
    ['ImagePullBackOff', O.imagePull(O.pod('a', NOW, { age: 60 }), NOW, 'ImagePullBackOff'), '0/1', 'ImagePullBackOff', '0'],
  ];
  for (const [name, p, ready, status, restarts] of cases) {
    it(name, () => expect(podSummary(p, NOW)).toEqual({ ready, status, restarts }));
  }

  it('a failed init container reads Init:<reason> or Init:ExitCode:N', () => {
    const p = O.withInit(O.pod('a', NOW, { age: 60 }), NOW);
    p.status.initContainerStatuses[0].state = { terminated: { exitCode: 2, reason: 'Error' } };
    expect(podSummary(p, NOW).status).toBe('Init:Error');
    p.status.initContainerStatuses[0].state = { terminated: { exitCode: 2 } };
    expect(podSummary(p, NOW).status).toBe('Init:ExitCode:2');
    p.status.initContainerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    expect(podSummary(p, NOW).status).toBe('Init:CrashLoopBackOff');
  });

  it('a succeeded pod being deleted keeps its phase (not Terminating)', () => {
    const p = O.completed(O.pod('a', NOW, { age: 60, restartPolicy: 'Never' }), NOW, 0, 0);
    p.status.phase = 'Succeeded';
    p.metadata.deletionTimestamp = O.pod('x', NOW, { age: 0 }).metadata.creationTimestamp;
    expect(podSummary(p, NOW).status).toBe('Completed');
  });
});

describe('formatEndpoints', () => {
  it('lists ip:port, caps at three with `+ N more...`, <none> when empty', () => {
    const ep = O.endpoints('web', 'default', NOW, 10, ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'], [{ port: 80 }]);
    expect(formatEndpoints(ep)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
    expect(formatEndpoints(O.endpoints('web', 'default', NOW, 10, [], []))).toBe('<none>');
    expect(formatEndpoints(O.endpoints('web', 'default', NOW, 10, ['10.0.0.1'], [{ port: 80, name: 'http' }, { port: 443, name: 'https' }]))).toBe('10.0.0.1:80,10.0.0.1:443');
  });
});

describe('other kinds', () => {
  it('nodes: NAME STATUS ROLES AGE VERSION, and -o wide', () => {
    const h = new FakeHost(NOW).add(O.node('k8s-master01', NOW, 33 * 3600, '192.168.200.61', true), O.node('k8s-node01', NOW, 33 * 3600, '192.168.200.64', false));
    expect(kubectl(h, 'get nodes').stdout).toBe(
      'NAME           STATUS   ROLES           AGE   VERSION\n' + 'k8s-master01   Ready    control-plane   33h   v1.30.2\n' + 'k8s-node01     Ready    <none>          33h   v1.30.2\n',
    );
    expect(kubectl(h, 'get no -o wide').stdout).toBe(
      'NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP      EXTERNAL-IP   OS-IMAGE                KERNEL-VERSION                CONTAINER-RUNTIME\n' +
        'k8s-master01   Ready    control-plane   33h   v1.30.2   192.168.200.61   <none>        CentOS Linux 7 (Core)   4.19.12-1.el7.elrepo.x86_64   containerd://1.7.13\n' +
        'k8s-node01     Ready    <none>          33h   v1.30.2   192.168.200.64   <none>        CentOS Linux 7 (Core)   4.19.12-1.el7.elrepo.x86_64   containerd://1.7.13\n',
    );
  });

  it('deployments and replicasets', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', namespace: 'default', creationTimestamp: O.pod('x', NOW, { age: 120 }).metadata.creationTimestamp },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.23' }] } } },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'nginx-7c5ddbdf54', namespace: 'default', creationTimestamp: d.metadata.creationTimestamp },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.23' }] } } },
      status: { replicas: 3, readyReplicas: 2 },
    };
    const h = new FakeHost(NOW).add(d, rs);
    expect(kubectl(h, 'get deploy').stdout).toBe('NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nnginx   2/3     3            2           2m\n');
    expect(kubectl(h, 'get deploy -owide').stdout).toBe(
      'NAME    READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nnginx   2/3     3            2           2m    nginx        nginx:1.23   app=nginx\n',
    );
    expect(kubectl(h, 'get rs').stdout).toBe('NAME               DESIRED   CURRENT   READY   AGE\nnginx-7c5ddbdf54   3         3         2       2m\n');
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    const h = new FakeHost(NOW).add(
      O.event(NOW, { pod: 'nginx', reason: 'Scheduled', message: 'Successfully assigned default/nginx to k8s-node02', from: 'default-scheduler', firstAgo: 7, lastAgo: 7 }),
      O.event(NOW, { pod: 'nginx', type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 404', from: 'kubelet', firstAgo: 81, lastAgo: 76, count: 3, seq: 1 }),
    );
    expect(kubectl(h, 'get events').stdout).toBe(
      'LAST SEEN   TYPE      REASON      OBJECT      MESSAGE\n' +
        '7s          Normal    Scheduled   pod/nginx   Successfully assigned default/nginx to k8s-node02\n' +
        '76s         Warning   Unhealthy   pod/nginx   Readiness probe failed: HTTP probe failed with statuscode: 404\n',
    );
  });

  it('namespaces, configmaps, -A adds NAMESPACE, empty lists say so on stderr', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: O.pod('x', NOW, { age: 33 * 3600 }).metadata.creationTimestamp }, status: { phase: 'Active' } };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default', creationTimestamp: ns.metadata.creationTimestamp }, data: { 'ca.crt': 'x' } };
    const h = new FakeHost(NOW).add(ns, cm);
    expect(kubectl(h, 'get ns').stdout).toBe('NAME      STATUS   AGE\ndefault   Active   33h\n');
    expect(kubectl(h, 'get cm').stdout).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      33h\n');
    expect(kubectl(h, 'get cm -A').stdout).toBe('NAMESPACE   NAME               DATA   AGE\ndefault     kube-root-ca.crt   1      33h\n');
    expect(kubectl(h, 'get pods')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(kubectl(h, 'get pods -A')).toEqual({ code: 0, stdout: '', stderr: 'No resources found\n' });
  });
});
