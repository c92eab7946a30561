/**
 * tar's error paths as BusyBox (archival/tar.c tar_main, writeTarFile) and GNU tar print them.
 */
import { describe, expect, it } from 'vitest';
import { sh } from '../testkit';

describe('BusyBox tar', () => {
  it('without c, x or t: getopt32 fails into the usage text', () => {
    const r = sh('alpine', 'tar -f x.tar');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith('BusyBox v1.35.0 (2022-11-19 10:13:10 UTC) multi-call binary.\n\nUsage: tar c|x|t [')).toBe(true);
  });

  it('"empty archive" before -C is tried; a missing member, then the delayed exit', () => {
    expect(sh('alpine', 'tar -cf x.tar -C /nonexistent')).toMatchObject({ stderr: 'tar: empty archive\n', exitCode: 1 });
    expect(sh('alpine', 'tar -cf x.tar nofile')).toMatchObject({ stderr: 'tar: nofile: No such file or directory\ntar: error exit delayed from previous errors\n', exitCode: 1 });
    expect(sh('alpine', 'tar -cf x.tar -C /nonexistent f')).toMatchObject({ stderr: "tar: can't change directory to '/nonexistent': No such file or directory\n", exitCode: 1 });
  });
});
