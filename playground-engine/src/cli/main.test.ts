import { describe, expect, it } from 'vitest';
import { main } from './main';

const SCENARIO = `apiVersion: playground/v1
kind: Scenario
metadata:
  name: order
spec:
  duration: 5s
  steps:
  - at: 1s
    run: "echo one; ls /nope; echo two >&2; echo three"
`;

async function cli(argv: string[]): Promise<{ code: number; chunks: Array<[string, string]> }> {
  const chunks: Array<[string, string]> = [];
  const code = await main(argv, { readFile: async () => SCENARIO, stdout: (s) => chunks.push(['out', s]), stderr: (s) => chunks.push(['err', s]) });
  return { code, chunks };
}

describe('k8s-sim prints what a command wrote in the order it wrote it', () => {
  it('run: a step interleaves stdout and stderr', async () => {
    const { code, chunks } = await cli(['run', 's.yaml']);
    expect(code).toBe(0);
    const text = chunks.filter(([k]) => k === 'out').map(([, s]) => s).join('');
    expect(text).toContain("# echo one; ls /nope; echo two >&2; echo three\none\nls: cannot access /nope: No such file or directory\ntwo\nthree\n");
  });

  it('run --json keeps stdout and stderr apart', async () => {
    const { chunks } = await cli(['run', 's.yaml', '--json']);
    const j = JSON.parse(chunks.map(([, s]) => s).join(''));
    expect(j.steps[0]).toMatchObject({ stdout: 'one\nthree\n', stderr: "ls: cannot access /nope: No such file or directory\ntwo\n", exitCode: 0 });
  });

  it('sh: each chunk goes to its own stream, in order', async () => {
    const { code, chunks } = await cli(['sh', '--at', '1s', 's.yaml', '--', 'echo a; echo b >&2; echo c']);
    expect(code).toBe(0);
    expect(chunks).toEqual([['out', 'a\n'], ['err', 'b\n'], ['out', 'c\n']]);
  });
});
