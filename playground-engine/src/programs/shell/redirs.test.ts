/**
 * Redirections with a descriptor number and here-documents, in the three shells: bash (the
 * nodes' login shell), dash (Debian images) and BusyBox ash (Alpine, busybox).
 */
import { describe, expect, it } from 'vitest';
import { machine, runProcess, sh } from '../testkit';
import { Proc } from '../../node/runtime/kernel';
import type { ExecResult } from '../../node/runtime/types';

/** bash -c (non-interactive) in a Debian image, or as the reader's login shell (`-bash`). */
function bash(script: string, login = false): ExecResult {
  const m = machine('debian');
  if (!login) return runProcess(m, ['bash', '-c', script]);
  const p = m.kernel.start('/bin/bash', ['-bash', '-c', script], { ppid: 0, env: new Map([['PATH', '/usr/local/bin:/usr/bin:/bin'], ['HOME', '/root']]), cwd: '/tmp/w', stdout: 'capture', stderr: 'capture' });
  if (!(p instanceof Proc)) throw new Error(p.error);
  let r: ExecResult | undefined;
  p.exit.onSettle((x) => (r = x));
  while (!r && m.queue.peekTime() !== undefined) m.queue.runUntil({ untilMs: m.queue.peekTime()!, maxTasks: 100_000 });
  return r!;
}

const both = "{ echo out; echo err >&2; }";

describe('descriptor redirections', () => {
  it('2>&1, 2>/dev/null, 2>file, 2>>file in every shell', () => {
    for (const run of [(s: string) => bash(s), (s: string) => sh('debian', s), (s: string) => sh('alpine', s)]) {
      expect(run(`${both} 2>&1`)).toMatchObject({ stdout: 'out\nerr\n', stderr: '', exitCode: 0 });
      expect(run(`${both} 2>/dev/null`)).toMatchObject({ stdout: 'out\n', stderr: '' });
      expect(run(`${both} 2>e; ${both} 2>>e; cat e`)).toMatchObject({ stdout: 'out\nout\nerr\nerr\n', stderr: '' });
      expect(run(`echo a 1>&2; echo b >&2`)).toMatchObject({ stdout: '', stderr: 'a\nb\n' });
      expect(run(`ls /nope 2>&1 | wc -l`).stdout.trim()).toBe('1');
    }
  });

  it('applies redirections left to right, as POSIX says', () => {
    expect(sh('debian', `${both} >f 2>&1; cat f`)).toMatchObject({ stdout: 'out\nerr\n', stderr: '' });
    expect(sh('debian', `${both} 2>&1 >f; echo ---; cat f`)).toMatchObject({ stdout: 'err\n---\nout\n', stderr: '' });
    // The classic swap through a spare descriptor.
    expect(bash(`${both} 3>&1 1>&2 2>&3`)).toMatchObject({ stdout: 'err\n', stderr: 'out\n' });
    expect(sh('alpine', `${both} 3>&1 1>&2 2>&3 3>&-`)).toMatchObject({ stdout: 'err\n', stderr: 'out\n' });
    // exec keeps a descriptor open for the rest of the script.
    expect(sh('debian', `exec 3>log; echo one >&3; echo two >&3; cat log`)).toMatchObject({ stdout: 'one\ntwo\n' });
  });

  it('N>&- closes, <file reads, N<&0 duplicates input', () => {
    expect(sh('debian', `echo hidden >&-; echo shown`)).toMatchObject({ stdout: 'shown\n' });
    expect(sh('debian', `printf 'x\\ny\\n' >in; wc -l <in; cat 0<&0 <in`)).toMatchObject({ stdout: '2\nx\ny\n' });
    expect(sh('debian', `cat <missing`)).toMatchObject({ stdout: '', stderr: 'sh: 1: cannot open missing: No such file\n', exitCode: 2 });
  });

  it('an unopened descriptor is a bad file descriptor', () => {
    expect(bash('echo hi >&5; echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: line 1: 5: Bad file descriptor\n' });
    expect(bash('echo hi >&5', true)).toMatchObject({ stderr: '-bash: 5: Bad file descriptor\n', exitCode: 1 });
    expect(sh('debian', 'echo hi >&5')).toMatchObject({ stderr: 'sh: 1: 5: Bad file descriptor\n' });
  });

  it('&> and &>> are bash only; dash and ash run the command in the background', () => {
    expect(bash(`${both} &>f; ${both} &>>f; cat f`)).toMatchObject({ stdout: 'out\nerr\nout\nerr\n', stderr: '' });
    const d = sh('debian', `echo hi &>f; wait; cat f; echo end`);
    expect(d).toMatchObject({ stdout: 'hi\nend\n', stderr: '' });
    expect(sh('alpine', `echo hi &>f; wait; wc -c <f`).stdout).toBe('hi\n0\n');
  });
});

describe('here-documents and here-strings', () => {
  it('expands an unquoted here-document, not a quoted one', () => {
    for (const run of [(s: string) => bash(s), (s: string) => sh('debian', s), (s: string) => sh('alpine', s)]) {
      expect(run('x=5\ncat <<EOF\nx=$x $((x+1)) $(echo sub) \\$x\n"q" \'s\'\nEOF\necho after').stdout).toBe('x=5 6 sub $x\n"q" \'s\'\nafter\n');
      expect(run("cat <<'EOF'\n$HOME `x`\nEOF").stdout).toBe('$HOME `x`\n');
      expect(run('cat <<"END"\n$HOME\nEND').stdout).toBe('$HOME\n');
      expect(run('cat <<-EOF\n\t\tindented $HOME\n\tEOF\necho next').stdout).toBe('indented /root\nnext\n');
    }
  });

  it('feeds loops, pipelines and kubectl-style apply lines', () => {
    expect(sh('debian', 'while read a b; do echo "$b-$a"; done <<EOF\n1 one\n2 two\nEOF').stdout).toBe('one-1\ntwo-2\n');
    expect(bash('cat <<EOF | grep -c o\none\ntwo\nthree\nEOF').stdout).toBe('2\n');
    expect(bash('cat > pod.yaml <<EOF\napiVersion: v1\nkind: Pod\nEOF\ncat pod.yaml').stdout).toBe('apiVersion: v1\nkind: Pod\n');
    expect(bash('cat <<A; cat <<B\na\nA\nb\nB').stdout).toBe('a\nb\n');
  });

  it('ends a here-document at the end of the text (bash warns)', () => {
    expect(bash('cat <<EOF\nline', true)).toMatchObject({ stdout: 'line\n', stderr: "-bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n" });
    expect(sh('debian', 'cat <<EOF\nline')).toMatchObject({ stdout: 'line\n', stderr: '' });
  });

  it('here-strings are bash only', () => {
    expect(bash('x="a b"; cat <<< "$x"; cat <<<hello')).toMatchObject({ stdout: "a b\nhello\n" });
    expect(sh('debian', 'cat <<< hi')).toMatchObject({ stdout: '', stderr: 'sh: 1: Syntax error: redirection unexpected\n', exitCode: 2 });
  });
});

describe('through the terminal (one multi-line command text)', () => {
  it('runs a here-document typed in the page terminal on k8s-master01', async () => {
    const { runCommands } = await import('../../index');
    const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.23\n';
    const line = 'cat > svc.yaml <<EOF\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\nEOF\nkubectl apply -f svc.yaml 2>&1 | grep -c created';
    const [r] = runCommands(POD, [{ atMs: 5000, line }]);
    expect(r).toMatchObject({ stdout: '1\n', stderr: '', exitCode: 0 });
    const [e] = runCommands(POD, [{ atMs: 5000, line: "kubectl exec web -- sh -c 'cat <<X\n$HOSTNAME\nX'" }]);
    expect(e).toMatchObject({ stdout: 'web\n', exitCode: 0 });
  });
});
