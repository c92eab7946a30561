/**
 * `kubectl port-forward` (kubectl v1.30 portforward.go, client-go tools/portforward, containerd
 * 1.7's PortForward). The error texts of kubectl's own checks were compared with the real kubectl
 * 1.30 against the fake API server (kubectl-oracle's fakeapi.py serving these objects); the klog
 * line's site (portforward.go:413) is read from the v1.30 binary's line table.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources, type SimRun } from '../../engine';
import type { GrpcOutcome } from '../../programs/net';

const FILES = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels: {app: nginx}
spec:
  containers:
  - name: nginx
    image: nginx:1.23
    ports:
    - {name: http, containerPort: 80}
    - {name: dns, containerPort: 53, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: nginx}
  ports:
  - {name: web, port: 8000, targetPort: http}
  - {name: plain, port: 8001}
---
apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis:7.0
---
apiVersion: v1
kind: Pod
metadata:
  name: pending
spec:
  nodeSelector: {nope: nope}
  containers:
  - name: c
    image: nginx:1.23
`;

function session(lines: string[], at = 30_000, text = FILES): { run: SimRun; out: ReturnType<typeof runCommandsOn> } {
  const run = simulateSources([{ fileName: 'pf.yaml', text }], { untilMs: at });
  return { run, out: runCommandsOn(run, lines.map((line) => ({ atMs: at, line }))) };
}

describe('kubectl port-forward', () => {
  it('in the background (&): the listeners on 127.0.0.1 and [::1], then curl on the next line goes to the pod\'s port 80', () => {
    const { out } = session(['kubectl port-forward pod/nginx 8080:80 &', 'curl -s localhost:8080 | head -4', 'ss -lntp | grep kubectl']);
    // the interactive shell announces the job (bash jobs.c)
    expect(out[0]).toMatchObject({ stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n', exitCode: 0 });
    expect(out[0].stderr).toMatch(/^\[1\] \d+\n$/);
    expect(out[1].stdout).toBe('Handling connection for 8080\n<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    // the kubectl process holds the sockets on the master (the IPv6 one listed after the IPv4 ones)
    expect(out[2].stdout).toMatch(/^LISTEN +0 +128 +127\.0\.0\.1:8080 +\*:\* +users:\(\("kubectl",pid=(\d+),fd=3\)\)\nLISTEN +0 +128 +::1:8080 +:::\* +users:\(\("kubectl",pid=\1,fd=3\)\)\n$/);
  });

  it('a Scenario\'s steps share the terminal too: the background kubectl\'s line shows in the later step', () => {
    const SCENARIO = `${FILES}---\napiVersion: playground/v1\nkind: Scenario\nspec:\n  duration: 20s\n  steps:\n  - at: 10s\n    run: kubectl port-forward pod/nginx 8080:80 &\n  - at: 12s\n    run: curl -s localhost:8080 | head -1\n`;
    const run = simulateSources([{ fileName: 'pf.yaml', text: SCENARIO }]);
    expect(run.trace.steps.slice(1).map((s) => s.stdout)).toEqual(['Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n', 'Handling connection for 8080\n<!DOCTYPE html>\n']);
  });

  it('the pod sees the connection from its own localhost (containerd dials inside its namespace)', () => {
    const { out } = session(['kubectl port-forward nginx 8080:80 &', 'curl -s localhost:8080/x >/dev/null; kubectl logs nginx | tail -1']);
    expect(out[1].stdout).toMatch(/^Handling connection for 8080\n127\.0\.0\.1 - - \[08\/Dec\/2022:11:35:30 \+0000\] "GET \/x HTTP\/1\.1" 404 153 "-" "curl\/7\.29\.0" "-"\n$/);
  });

  it('a Service: the pod its selector picks, the service port translated to the targetPort (named or numeric); \':PORT\' takes a port from the kernel', () => {
    const { out } = session(['kubectl port-forward svc/web :8000 &', 'kubectl port-forward service/web 9000:web 8001 &', 'curl -s localhost:9000 | head -2; curl -s localhost:32769 | wc -l']);
    expect(out[0].stdout).toBe('Forwarding from 127.0.0.1:32769 -> 80\nForwarding from [::1]:32769 -> 80\n');
    expect(out[1].stdout).toBe('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\nForwarding from 127.0.0.1:8001 -> 8001\nForwarding from [::1]:8001 -> 8001\n');
    expect(out[2].stdout).toBe('Handling connection for 9000\n<!DOCTYPE html>\n<html>\nHandling connection for 32769\n23\n');
  });

  it('a port nothing listens on in the pod: containerd\'s dial error on the error stream, logged by klog; the client gets an empty reply and kubectl exits: lost connection to pod', () => {
    const { out } = session(['kubectl port-forward nginx 7000:81 &', 'curl localhost:7000; echo rc=$?; sleep 1', 'curl localhost:7000']);
    expect(out[1].stdout).toBe('Handling connection for 7000\nrc=52\n');
    const lines = out[1].stderr.split('\n');
    expect(lines[0]).toMatch(/^E1208 19:35:30\.\d{3}000 +\d+ portforward\.go:413\] an error occurred forwarding 7000 -> 81: error forwarding port 81 to pod ([0-9a-f]{64}), uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": failed to connect to localhost:81 inside namespace "\1", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/);
    // kubectl exited: its job's notice comes before the next prompt
    expect(lines.slice(1)).toEqual(['error: lost connection to pod', 'curl: (52) Empty reply from server', '[1]+  Exit 1                  kubectl port-forward nginx 7000:81', '']);
    // the listeners went with kubectl
    expect(out[2].stderr).toBe('curl: (7) Failed connect to localhost:7000; Connection refused\n');
  });

  it('the pod goes away: nothing until the next connection, whose stream finds no sandbox', () => {
    const { out } = session(['kubectl port-forward nginx 8080:80 &', 'kubectl delete pod nginx', 'curl -s localhost:8080; echo rc=$?; sleep 1']);
    expect(out[1].stdout).toBe('pod "nginx" deleted\n');
    expect(out[2].stdout).toBe('Handling connection for 8080\nrc=52\n');
    expect(out[2].stderr).toMatch(/^E1208 \S+ +\d+ portforward\.go:413\] an error occurred forwarding 8080 -> 80: error forwarding port 80 to pod ([0-9a-f]{64}), uid : failed to find sandbox "\1" in store: not found\nerror: lost connection to pod\n\[1\]\+  Exit 1 {18}kubectl port-forward nginx 8080:80\n$/);
  });

  it('in the foreground it runs until the terminal\'s Ctrl-C, which kubectl catches: status 0', () => {
    const { out } = session(['kubectl port-forward nginx 8080:80; echo rc=$?']);
    expect(out[0].stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nrc=0\n');
    expect(out[0].interrupts?.length).toBe(1);
  });

  it('the local port is taken: every listener fails, then kubectl gives up', () => {
    const { out } = session(['kubectl port-forward nginx 8080:80 &', 'kubectl port-forward nginx 8080:80']);
    expect(out[1]).toMatchObject({
      stdout: '',
      stderr: 'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n',
      exitCode: 1,
    });
  });

  it('--address: an IP of the master (0.0.0.0 for all) is reachable from the pod network: a plain TCP exchange (redis PING) goes through', () => {
    const { out } = session(['kubectl port-forward --address 0.0.0.0 pod/redis 6380:6379 &', 'kubectl exec redis -- redis-cli -h 192.168.200.61 -p 6380 ping', 'kubectl port-forward --address 10.1.2.3 nginx 80']);
    expect(out[0].stdout).toBe('Forwarding from 0.0.0.0:6380 -> 6379\n');
    expect(out[1].stdout).toBe('Handling connection for 6380\nPONG\n');
    expect(out[2].stderr).toBe('Unable to listen on port 80: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 10.1.2.3:80: bind: cannot assign requested address]\nerror: unable to listen on any of the requested ports: [{80 80}]\n');
  });

  it('gRPC health through the forwarded port: the pod\'s answer', () => {
    const ETCD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\nspec:\n  containers:\n  - image: registry.cn-hangzhou.aliyuncs.com/google_containers/etcd:3.5.1-0\n    name: etcd\n    command: ["/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379"]\n';
    const { run, out } = session(['kubectl port-forward etcd 12379:2379 &'], 30_000, ETCD);
    expect(out[0].stdout).toBe('Forwarding from 127.0.0.1:12379 -> 2379\nForwarding from [::1]:12379 -> 2379\n');
    const f = run.sim.world.network.api('host:k8s-master01').grpcHealth('127.0.0.1', 12379, '', 1000);
    run.sim.runUntil(run.sim.queue.now + 10);
    expect(f.value as GrpcOutcome).toMatchObject({ ok: true, status: 'SERVING' });
  });

  it('kubectl\'s checks, in its order and words (as the real kubectl 1.30 prints them for these objects)', () => {
    const cases: Array<[string, string]> = [
      ['kubectl port-forward nginx', "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"],
      ['kubectl port-forward svc/web 9000', 'error: Service web does not have a service port 9000\n'],
      ['kubectl port-forward svc/web 8000:nope', "error: Service 'web' does not have a named port 'nope'\n"],
      ['kubectl port-forward nginx 53', 'error: UDP protocol is not supported for 53\n'],
      ['kubectl port-forward nginx 80:x', "error: Pod 'nginx' does not have a named port 'x'\n"],
      // checkUDPPortInPod looks the empty name up before convertPodNamedPortToNumber could say it is empty
      ['kubectl port-forward nginx 80:', "error: Pod 'nginx' does not have a named port ''\n"],
      ['kubectl port-forward nginx x:80', 'error: error parsing local port \'x\': strconv.ParseUint: parsing "x": invalid syntax\n'],
      ['kubectl port-forward nginx 70000', 'error: error parsing local port \'70000\': strconv.ParseUint: parsing "70000": value out of range\n'],
      ['kubectl port-forward nginx 0', 'error: remote port must be > 0\n'],
      ['kubectl port-forward nginx 80 --address foo', 'error: foo is not a valid IP\n'],
      ['kubectl port-forward pending 80', 'error: unable to forward port because pod is not running. Current status=Pending\n'],
      ['kubectl port-forward deploy/x 1', 'Error from server (NotFound): deployments.apps "x" not found\n'],
      ['kubectl port-forward nginx 8080 --pod-running-timeout=0s', "error: --pod-running-timeout must be higher than zero\nSee 'kubectl port-forward -h' for help and examples\n"],
      ['kubectl port-forward nginx 8080 --pod-running-timeout=x', 'error: invalid argument "x" for "--pod-running-timeout" flag: time: invalid duration "x"\nSee \'kubectl port-forward --help\' for usage.\n'],
    ];
    const { out } = session(cases.map(([line]) => line));
    out.forEach((o, i) => expect({ line: cases[i][0], stderr: o.stderr, exitCode: o.exitCode }).toEqual({ line: cases[i][0], stderr: cases[i][1], exitCode: 1 }));
  });

  it('a selector: the most active of its pods (ready before not ready, whatever the names); none yet: the first one to appear within --pod-running-timeout', () => {
    const PODS = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a-unready\n  labels: {app: x}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.23\n    readinessProbe:\n      exec:\n        command: ["false"]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b-ready\n  labels: {app: x}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.23\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selector: {app: x}\n  ports:\n  - port: 80\n';
    const { out } = session(['kubectl port-forward svc/x 8080:80 &', 'curl -s localhost:8080 >/dev/null; kubectl logs b-ready | grep -c 127.0.0.1; kubectl logs a-unready | grep -c 127.0.0.1', 'kubectl create deploy e --image=nginx:1.23 --replicas=0 >/dev/null; kubectl port-forward deploy/e 8081:80 --pod-running-timeout=2s; echo rc=$?'], 30_000, PODS);
    expect(out[0].stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(out[1].stdout).toBe('Handling connection for 8080\n1\n0\n');
    expect(out[2].stderr).toBe('error: timed out waiting for the condition\n');
    expect(out[2].stdout).toMatch(/rc=1\n$/);
  });
});
