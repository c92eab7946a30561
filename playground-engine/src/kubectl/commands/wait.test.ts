/**
 * `kubectl wait` in the simulated cluster (kubectl/pkg/cmd/wait/wait.go v1.30): conditions,
 * jsonpath, delete; one deadline; woken by the kind's watch, so it returns at the virtual time
 * the condition is met. Texts from wait.go; option errors checked against the real kubectl v1.30.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.23\n';

function at(ms: number, lines: string[]) {
  const run = simulateSources([{ fileName: 'web.yaml', text: DEPLOY }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

describe('kubectl wait', () => {
  it('--for=condition: returns when the condition is met, at that virtual time', () => {
    const [r] = at(1000, ['date +%T.%N; kubectl wait --for=condition=Available deployment/web; date +%T.%N']);
    expect(r.stdout).toBe('19:35:01.000000000\ndeployment.apps/web condition met\n19:35:01.740000000\n');
  });

  it('label selectors, --all, jsonpath with and without a value, -o name', () => {
    const o = at(5000, ['kubectl wait --for=condition=Ready pods -l app=web', "kubectl wait --for=jsonpath='{.status.phase}'=Running pods --all", 'kubectl wait --for=jsonpath={.spec.replicas}=2 deploy/web -o name', "kubectl wait --for=jsonpath='{.status.podIP}' pods --all --timeout=0"]);
    expect(o[0].stdout).toMatch(/^pod\/web-\w+-\w+ condition met\npod\/web-\w+-\w+ condition met\n$/);
    expect(o[1].stdout).toBe(o[0].stdout);
    expect(o[2].stdout).toBe('deployment.apps/web\n');
    expect(o[3].stdout).toBe(o[0].stdout);
  });

  it('timeouts: one deadline, exit 1; --timeout=0 checks once', () => {
    const o = at(5000, ['date +%T; kubectl wait --for=condition=Ready=false pod -l app=web --timeout=3s; echo rc=$?; date +%T', 'kubectl wait --for=condition=Ready=false pod -l app=web --timeout=0']);
    expect(o[0].stdout).toBe('19:35:05\nrc=1\n19:35:08\n');
    expect(o[0].stderr).toMatch(/^error: timed out waiting for the condition on pods\/web-\w+-\w+\n$/);
    expect(o[1].stderr).toMatch(/^error: condition not met for pods\/web-\w+-\w+\n$/);
  });

  it('--for=delete: met once the object is gone; a name that does not exist is no error', () => {
    const o = at(5000, ['kubectl delete pod -l app=web --wait=false >/dev/null; kubectl wait --for=delete pods -l app=web; echo rc=$?', 'kubectl wait --for=delete pod/nope; echo rc=$?']);
    expect(o[0].stdout).toMatch(/^pod\/web-\w+-\w+ condition met\npod\/web-\w+-\w+ condition met\nrc=0\n$/);
    expect(o[1]).toMatchObject({ stdout: 'rc=0\n', stderr: '' });
  });

  it('errors in kubectl\'s words', () => {
    const o = at(5000, ['kubectl wait --for=bogus pod/x', 'kubectl wait pod/x', "kubectl wait --for=jsonpath='{.x}=' pod/x", 'kubectl wait --for=condition=Ready pod/nope', 'kubectl wait --for=condition=Ready pods -l app=nope', 'kubectl wait --for=condition=Ready pods', 'kubectl wait --for=condition=Ready pods --all --timeout=x']);
    expect(o.map((r) => r.stderr)).toEqual([
      'error: unrecognized condition: "bogus"\n',
      'error: unrecognized condition: ""\n',
      "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
      'Error from server (NotFound): pods "nope" not found\n',
      'error: no matching resources found\n',
      'error: resource(s) were provided, but no name was specified\n',
      'error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\n',
    ]);
  });

  it('a command this simulation lacks says so whatever its flags', () => {
    expect(at(1000, ['kubectl debug nginx -it --image=busybox'])[0].stderr).toBe('error: "kubectl debug" is not available in this simulated cluster\n');
  });
});
