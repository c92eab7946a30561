/**
 * The master's control-plane ports, as `ss -ltn` and `curl -k` without credentials see them
 * (the API server's anonymous answers: health endpoints, /version, otherwise RBAC's 403).
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';

function on(lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 10_000 });
  return runCommandsOn(run, lines.map((line) => ({ atMs: 10_000, line })));
}

describe('control-plane ports on k8s-master01', () => {
  it('listening as their flags say', () => {
    const [r] = on(["ss -ltn | awk 'NR>1{print $4}'"]);
    expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['*:6443', '127.0.0.1:2379', '192.168.200.61:2379', '192.168.200.61:2380', '127.0.0.1:2381', '127.0.0.1:10257', '127.0.0.1:10259']));
  });

  it('curl -k without credentials: ok, the v1.30.2 build, and the authorizer\'s 403 for system:anonymous', () => {
    const o = on(['curl -sk https://127.0.0.1:6443/healthz', 'curl -sk https://127.0.0.1:6443/version', 'curl -sk https://127.0.0.1:6443/api/v1/namespaces/default/pods/nginx', 'curl -sk https://127.0.0.1:6443/api', 'curl -s http://127.0.0.1:2381/health', 'curl -sk https://127.0.0.1:10259/healthz']);
    expect(o[0].stdout).toBe('ok');
    expect(JSON.parse(o[1].stdout)).toMatchObject({ gitVersion: 'v1.30.2', gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed', buildDate: '2024-06-11T20:21:00Z', goVersion: 'go1.22.4' });
    expect(o[1].stdout.split('\n')[1]).toBe('  "major": "1",');
    expect(JSON.parse(o[2].stdout)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nginx" is forbidden: User "system:anonymous" cannot get resource "pods" in API group "" in the namespace "default"', reason: 'Forbidden', details: {}, code: 403 });
    expect(JSON.parse(o[3].stdout).message).toBe('forbidden: User "system:anonymous" cannot get path "/api"');
    expect(o[4].stdout).toBe('{"health":"true","reason":""}');
    expect(o[5].stdout).toBe('ok');
  });

  it('kubectl version: the full version.Info, two-space JSON as kubectl prints it', () => {
    const [r] = on(['kubectl version -o json']);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['{', '  "clientVersion": {', '    "major": "1",']);
    expect(JSON.parse(r.stdout).serverVersion).toMatchObject({ gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed', platform: 'linux/amd64' });
  });
});
