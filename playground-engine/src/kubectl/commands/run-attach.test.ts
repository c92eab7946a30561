/**
 * `kubectl run -i / --attach [--rm]` in the simulated cluster (run.go handleAttachPod, attach.go,
 * the kubelet's GetAttach). Texts: kubectl v1.30 and kubelet sources; a quick command is gone
 * before kubectl attaches, so its output comes through kubectl's logs fallback with the warning
 * real clusters print for it.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const SVC =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hostnames\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: hostnames}\n  template:\n    metadata:\n      labels: {app: hostnames}\n    spec:\n      containers:\n      - name: hostnames\n        image: registry.k8s.io/serve_hostname\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: hostnames\nspec:\n  selector: {app: hostnames}\n  ports:\n  - port: 80\n    targetPort: 9376\n';

function at(ms: number, line: string) {
  const run = simulateSources([{ fileName: 'svc.yaml', text: SVC }], { untilMs: ms });
  return runCommandsOn(run, [{ atMs: ms, line }])[0];
}

describe('kubectl run -i (attach)', () => {
  it('kubectl wakes when the pod is reported running (the watch): attached, its output streamed; then --rm deletes the pod', () => {
    const r = at(60_000, 'kubectl run -i --rm --restart=Never bb --image=busybox -- wget -qO- hostnames; echo rc=$?; kubectl get po bb');
    expect(r.stdout).toMatch(/^hostnames-[a-z0-9]+-[a-z0-9]{5}\npod "bb" deleted\nrc=0\n$/);
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\nError from server (NotFound): pods \"bb\" not found\n");
  });

  it('a command done before the kubelet reports it running: only its logs; output written before the attach is not seen', () => {
    expect(at(60_000, 'kubectl run -i --rm --restart=Never bb --image=busybox -- echo hi')).toMatchObject({ stdout: 'hi\npod "bb" deleted\n', stderr: '' });
    const r = at(60_000, 'kubectl run -i --rm --restart=Never bb --image=busybox -- sh -c "echo early; sleep 3; echo late"');
    expect(r).toMatchObject({ stdout: 'late\npod "bb" deleted\n', stderr: "If you don't see a command prompt, try pressing enter.\n" });
  });

  it('--pod-running-timeout: the wait ends at its deadline, not at the next poll', () => {
    const r = at(60_000, 'date +%s.%N; kubectl run -i --restart=Never --pod-running-timeout=700ms bb --image=busybox -- sleep 9; echo rc=$?; date +%s.%N');
    expect(r.stdout).toBe('1670499360.000000000\nrc=1\n1670499360.700000000\n');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
  });

  it('a running container: its output from the attach on; the exit code of a failed pod', () => {
    const r = at(60_000, 'kubectl run -i --restart=Never bb --image=busybox -- sh -c "sleep 2; echo out; echo err >&2; exit 3"; echo rc=$?');
    expect(r.stdout).toBe('out\nrc=3\n');
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\nerr\npod default/bb terminated (Error)\n");
  });

  it('-it in the reader\'s terminal: the container\'s shell until exit, then --rm', () => {
    const run = simulateSources([{ fileName: 'svc.yaml', text: SVC }], { untilMs: 30_000 });
    const o = runCommandsOn(run, ['kubectl run -it --rm t --image=busybox -- sh', 'echo hi; hostname', 'exit', 'kubectl get po t'].map((line) => ({ atMs: 30_000, line })));
    expect(o[0]).toMatchObject({ stdout: '', stderr: "If you don't see a command prompt, try pressing enter.\n", prompt: '/ # ' });
    expect(o[1]).toMatchObject({ stdout: 'hi\nt\n', prompt: '/ # ' });
    expect(o[2].stdout).toBe("Session ended, resume using 'kubectl attach t -c t -i -t' command when the pod is running\npod \"t\" deleted\n");
    expect(o[2].prompt).toBe('[root@k8s-master01 ~]# ');
    // run --rm does not wait for the deletion (its DeleteFlags default to no wait)
    expect(o[3].stdout).toMatch(/^NAME   READY   STATUS        RESTARTS   AGE\nt      0\/1     Terminating   0          \d+s\n$/);
  });

  it('kubectl attach: a container with stdin and tty takes the terminal; one without refuses the TTY', () => {
    const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n  - name: box\n    image: busybox\n    command: [sh]\n    stdin: true\n    tty: true\n  - name: plain\n    image: busybox\n    command: [sh, -c, "while true; do echo tick; sleep 5; done"]\n';
    const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
    const o = runCommandsOn(run, ['kubectl get po box', 'kubectl attach -it box -c box', 'echo $$', 'exit', 'kubectl attach box -c plain -t'].map((line) => ({ atMs: 30_000, line })));
    // a shell waiting at an open stdin keeps running (it would end at once on a closed one)
    expect(o[0].stdout).toMatch(/box    2\/2     Running   0 /);
    expect(o[1]).toMatchObject({ stderr: "If you don't see a command prompt, try pressing enter.\n", prompt: '/ # ' });
    expect(o[2].stdout).toBe('1\n');
    expect(o[3].stdout).toBe("Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\n");
    expect(o[4].stderr.startsWith("error: Unable to use a TTY - container plain did not allocate one\nIf you don't see a command prompt, try pressing enter.\n")).toBe(true);
    expect(o[4].stdout).toMatch(/^(tick\n)+\^C\n$|^(tick\n)+$/);
  });

  it('no `pod/x created` line with --attach, and --rm needs it', () => {
    expect(at(10_000, 'kubectl run bb --image=busybox --rm -- true').stderr).toBe('error: --rm should only be used for attached containers\n');
  });
});
