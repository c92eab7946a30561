/**
 * `kubectl events` (kubectl/pkg/cmd/events v1.30); the table is checked byte for byte against the
 * real kubectl in oracle-kinds.test.ts; here what needs the simulated cluster's time: -w, and
 * GNU timeout ending it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const CRASH = readFileSync(new URL('../../../../content/manifests/1.10-command.yaml', import.meta.url), 'utf8');

function at(ms: number, lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: CRASH }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

describe('kubectl events', () => {
  it('the table, --types, and the empty answers', () => {
    const o = at(5000, ['kubectl events', 'kubectl events --types=Warning', 'kubectl events -A --types=Warning', 'kubectl events --types=Bad']);
    expect(o[0].stdout.split('\n')[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT      MESSAGE');
    expect(o[0].stdout).toContain('4s          Normal   Scheduled   Pod/nginx   Successfully assigned default/nginx to k8s-node01\n');
    expect(o[1]).toMatchObject({ stdout: '', stderr: 'No events found in default namespace.\n', exitCode: 0 });
    expect(o[2]).toMatchObject({ stdout: '', stderr: 'No events found.\n' });
    expect(o[3]).toMatchObject({ stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 });
  });

  it('-w: the current events, then each new or updated one as it comes, the columns widening as they grow; timeout ends it with 124', () => {
    const [r] = at(5000, ['timeout 40 kubectl events -w --for pod/nginx']);
    expect(r.exitCode).toBe(124);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5).map((l) => l.split(/\s{2,}/)[2])).toEqual(['REASON', 'Scheduled', 'Pulled', 'Created', 'Started']);
    expect(lines[5]).toBe('0s (x2 over 10s)   Normal   Pulled      Pod/nginx   Container image "nginx:1.23" already present on machine');
    expect(lines).toContain('0s                 Warning   BackOff     Pod/nginx   Back-off restarting failed container nginx in pod nginx_default(f91edf84-7524-4521-ba92-4e7907873cb7)');
  });
});

describe('GNU timeout (coreutils 8.22 on the hosts)', () => {
  it('exit 124 after the duration; the command\'s own status otherwise; its errors', () => {
    const o = at(1000, ['date +%s; timeout 2 sleep 10; echo rc=$?; date +%s', 'timeout 5 sh -c "exit 3"; echo rc=$?', 'timeout 1 nope; echo rc=$?', 'timeout x sleep 1; echo rc=$?', 'timeout -s KILL 1 sleep 5; echo rc=$?', 'timeout --preserve-status 1 sleep 5; echo rc=$?']);
    expect(o[0].stdout).toBe('1670499301\nrc=124\n1670499303\n');
    expect(o[1].stdout).toBe('rc=3\n');
    expect(o[2]).toMatchObject({ stdout: 'rc=127\n', stderr: 'timeout: failed to run command ‘nope’: No such file or directory\n' });
    expect(o[3]).toMatchObject({ stdout: 'rc=125\n', stderr: "timeout: invalid time interval ‘x’\nTry 'timeout --help' for more information.\n" });
    expect(o[4].stdout).toBe('rc=137\n');
    expect(o[5].stdout).toBe('rc=143\n');
  });
});
