import { describe, expect, test } from 'vitest';
import { inColumns } from './fileutils';

describe('ls on a terminal prints columns (GNU ls.c calculate_columns, BusyBox showfiles)', () => {
  test('BusyBox: alpine / in two rows of equal-width columns', () => {
    const root = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
    expect(inColumns(root, 80, 'busybox')).toBe('bin    etc    lib    mnt    proc   run    srv    tmp    var\ndev    home   media  opt    root   sbin   sys    usr\n');
  });
  test('GNU: each column as wide as its longest name + 2, the most columns that fit', () => {
    const names = ['bin', 'boot', 'dev', 'docker-entrypoint.d', 'docker-entrypoint.sh', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
    expect(inColumns(names, 80, 'gnu')).toBe(
      'bin   docker-entrypoint.d   home   media  proc  sbin  tmp\nboot  docker-entrypoint.sh  lib    mnt    root  srv   usr\ndev   etc                   lib64  opt    run   sys   var\n',
    );
    // a column is at least 3 wide (MIN_COLUMN_WIDTH): 75 + 2 + 3 = 80 does not stay under the line
    expect(inColumns(['x'.repeat(75), 'b'], 80, 'gnu')).toBe(`${'x'.repeat(75)}\nb\n`);
    expect(inColumns(['x'.repeat(74), 'b'], 80, 'gnu')).toBe(`${'x'.repeat(74)}  b\n`);
  });
});
