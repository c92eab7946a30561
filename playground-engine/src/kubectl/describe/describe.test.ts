/**
 * kubectl describe pod, checked against describe.go's layout (v1.30) and the notes' Events
 * tables.
 */
import { describe, expect, it } from 'vitest';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';

const NOW = 100_000_000;

function probePod(h: FakeHost) {
  const p = O.running(O.pod('nginx', NOW, { age: 7, ip: '172.27.14.198', node: 'k8s-node02', ports: [80] }), NOW);
  const c = p.spec.containers[0];
  c.readinessProbe = { httpGet: { path: '/index.html', port: 80, scheme: 'HTTP' }, initialDelaySeconds: 10, timeoutSeconds: 2, periodSeconds: 5, successThreshold: 1, failureThreshold: 2 };
  c.livenessProbe = { tcpSocket: { port: 80 }, initialDelaySeconds: 10, timeoutSeconds: 2, periodSeconds: 5, successThreshold: 1, failureThreshold: 2 };
  c.command = ['sh', '-c', 'sleep 10; nginx -g "daemon off;"'];
  p.status.hostIP = '192.168.200.65';
  h.add(p);
  return p;
}

const NOTES_EVENTS =
  'Events:\n' +
  '  Type    Reason     Age   From               Message\n' +
  '  ----    ------     ----  ----               -------\n' +
  '  Normal  Scheduled  7s    default-scheduler  Successfully assigned default/nginx to k8s-node02\n' +
  '  Normal  Pulled     7s    kubelet            Container image "nginx:1.23" already present on machine\n' +
  '  Normal  Created    7s    kubelet            Created container nginx\n' +
  '  Normal  Started    6s    kubelet            Started container nginx\n';

describe('kubectl describe pod', () => {
  it('prints the full v1.30 layout with probes and the Events table of the notes', () => {
    const h = new FakeHost(NOW);
    probePod(h);
    h.add(
      O.event(NOW, { pod: 'nginx', reason: 'Scheduled', message: 'Successfully assigned default/nginx to k8s-node02', from: 'default-scheduler', firstAgo: 7, lastAgo: 7 }),
      O.event(NOW, { pod: 'nginx', reason: 'Pulled', message: 'Container image "nginx:1.23" already present on machine', from: 'kubelet', firstAgo: 7, lastAgo: 7, seq: 1 }),
      O.event(NOW, { pod: 'nginx', reason: 'Created', message: 'Created container nginx', from: 'kubelet', firstAgo: 7, lastAgo: 7, seq: 2 }),
      O.event(NOW, { pod: 'nginx', reason: 'Started', message: 'Started container nginx', from: 'kubelet', firstAgo: 6, lastAgo: 6, seq: 3 }),
    );
    const r = kubectl(h, 'describe pod nginx');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Name:             nginx\n' +
        'Namespace:        default\n' +
        'Priority:         0\n' +
        'Service Account:  default\n' +
        'Node:             k8s-node02/192.168.200.65\n' +
        'Start Time:       Fri, 09 Dec 2022 23:21:33 +0800\n' +
        'Labels:           run=nginx\n' +
        'Annotations:      <none>\n' +
        'Status:           Running\n' +
        'IP:               172.27.14.198\n' +
        'IPs:\n' +
        '  IP:  172.27.14.198\n' +
        'Containers:\n' +
        '  nginx:\n' +
        '    Container ID:  containerd://5a8d2c6ef6c3c3a8c7b1e7b0b5b4f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b\n' +
        '    Image:         nginx:1.23\n' +
        '    Image ID:      docker.io/library/nginx:1.23@sha256:aa0afebbb3cfa473099a62c4b32e9b3fb73ed23f2a75a65ce1d4b4f55a5c2ef2\n' +
        '    Port:          80/TCP\n' +
        '    Host Port:     0/TCP\n' +
        '    Command:\n' +
        '      sh\n' +
        '      -c\n' +
        '      sleep 10; nginx -g "daemon off;"\n' +
        '    State:          Running\n' +
        '      Started:      Fri, 09 Dec 2022 23:20:40 +0800\n' +
        '    Ready:          True\n' +
        '    Restart Count:  0\n' +
        '    Liveness:       tcp-socket :80 delay=10s timeout=2s period=5s #success=1 #failure=2\n' +
        '    Readiness:      http-get http://:80/index.html delay=10s timeout=2s period=5s #success=1 #failure=2\n' +
        '    Environment:    <none>\n' +
        '    Mounts:\n' +
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)\n' +
        'Conditions:\n' +
        '  Type                        Status\n' +
        '  PodReadyToStartContainers   True \n' +
        '  Initialized                 True \n' +
        '  Ready                       True \n' +
        '  ContainersReady             True \n' +
        '  PodScheduled                True \n' +
        'Volumes:\n' +
        '  kube-api-access-abcde:\n' +
        '    Type:                    Projected (a volume that contains injected data from multiple sources)\n' +
        '    TokenExpirationSeconds:  3607\n' +
        '    ConfigMapName:           kube-root-ca.crt\n' +
        '    ConfigMapOptional:       <nil>\n' +
        '    DownwardAPI:             true\n' +
        'QoS Class:                   BestEffort\n' +
        'Node-Selectors:              <none>\n' +
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n' +
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n' +
        NOTES_EVENTS,
    );
  });

  it('repeated events read `76s (x3 over 81s)`; no events read `Events:  <none>` in the last block', () => {
    const h = new FakeHost(NOW);
    probePod(h);
    expect(kubectl(h, 'describe pod nginx').stdout).toMatch(/\nEvents:                      <none>\n$/);
    h.add(
      O.event(NOW, { pod: 'nginx', type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 404', from: 'kubelet', firstAgo: 81, lastAgo: 76, count: 3, seq: 1 }),
      O.event(NOW, { pod: 'nginx', type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 404', from: 'kubelet', firstAgo: 81, lastAgo: 76, count: 2, seq: 2 }),
    );
    expect(kubectl(h, 'describe pod nginx').stdout).toContain(
      '  Type     Reason     Age                From     Message\n' +
        '  ----     ------     ----               ----     -------\n' +
        '  Warning  Unhealthy  76s (x3 over 81s)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 404\n' +
        '  Warning  Unhealthy  76s (x2 over 81s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404\n',
    );
  });

  it('a pod being deleted: Terminating (lasts <invalid>) and its grace period', () => {
    const h = new FakeHost(NOW).add(O.terminating(O.pod('nginx', NOW, { age: 100, ip: '172.17.125.10' }), NOW, 30));
    const out = kubectl(h, 'describe pod nginx').stdout;
    expect(out).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
  });

  it('Last State of a restarted container and the waiting reason', () => {
    const h = new FakeHost(NOW).add(O.crashLoop(O.pod('nginx', NOW, { age: 56 * 60, ip: '172.27.14.198' }), NOW, 3, 40));
    const out = kubectl(h, 'describe pod nginx').stdout;
    expect(out).toContain(
      '    State:          Waiting\n' +
        '      Reason:       CrashLoopBackOff\n' +
        '    Last State:     Terminated\n' +
        '      Reason:       Completed\n' +
        '      Exit Code:    0\n' +
        '      Started:      Fri, 09 Dec 2022 23:20:50 +0800\n' +
        '      Finished:     Fri, 09 Dec 2022 23:21:00 +0800\n' +
        '    Ready:          False\n' +
        '    Restart Count:  3\n',
    );
  });

  it('errors: not found, no type', () => {
    const h = new FakeHost(NOW);
    expect(kubectl(h, 'describe pod nope')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(kubectl(h, 'describe')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee \'kubectl describe -h\' for help and examples\n',
    });
  });
});
