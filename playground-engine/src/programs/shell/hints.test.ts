import { describe, expect, it } from 'vitest';
import { runCommands } from '../../index';
import { closestCommands } from './hints';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.23\n';

describe('a command the simulated machine lacks', () => {
  it("keeps bash's answer and adds the simulator's hint as data", () => {
    const [r] = runCommands(POD, [{ atMs: 1000, line: 'grpe x /etc/hosts' }]);
    expect(r).toMatchObject({ stdout: '', stderr: '-bash: grpe: command not found\n', exitCode: 127 });
    expect(r.notices).toEqual([
      {
        kind: 'command-not-found',
        command: 'grpe',
        message: 'This simulated cluster has no command "grpe" on k8s-master01 (a real machine may have it installed); close commands it has: grep',
        closest: ['grep'],
      },
    ]);
  });

  it('names each missing command once, and nothing for commands that ran', () => {
    const [r] = runCommands(POD, [{ atMs: 1000, line: 'kubectll get po; htop; htop; kubectl get po >/dev/null' }]);
    expect(r.stderr).toBe('-bash: kubectll: command not found\n-bash: htop: command not found\n-bash: htop: command not found\n');
    expect(r.notices?.map((n) => [n.command, n.closest])).toEqual([['kubectll', ['kubectl']], ['htop', ['top']]]);
    expect(r.notices?.[1].message).toBe('This simulated cluster has no command "htop" on k8s-master01 (a real machine may have it installed); close commands it has: top');
    const [far] = runCommands(POD, [{ atMs: 1000, line: 'zzzqqq' }]);
    expect(far.notices?.[0].message).toBe('This simulated cluster has no command "zzzqqq" on k8s-master01 (a real machine may have it installed)');
    const [ok] = runCommands(POD, [{ atMs: 1000, line: 'kubectl get po' }]);
    expect(ok.notices).toBeUndefined();
  });

  it('a nested shell or a container does not produce the hint (only the login shell)', () => {
    const [r] = runCommands(POD, [{ atMs: 5000, line: "bash -c foo; kubectl exec web -- sh -c foo" }]);
    expect(r.stderr).toBe('bash: line 1: foo: command not found\nsh: 1: foo: not found\ncommand terminated with exit code 127\n');
    expect(r.notices).toBeUndefined();
  });

  it('ranks close names by edit distance', () => {
    const table = ['cat', 'cut', 'sed', 'sort', 'seq', 'tac', 'kubectl'];
    expect(closestCommands('cta', table)).toEqual(['cat']);
    expect(closestCommands('kubect', table)).toEqual(['kubectl']);
    expect(closestCommands('srot', table)).toEqual(['sort']);
    expect(closestCommands('x', table)).toEqual([]);
  });
});
