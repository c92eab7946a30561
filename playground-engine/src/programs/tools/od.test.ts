/**
 * GNU od (coreutils 8.22 on the CentOS 7 hosts): formats, alignment of several formats, the
 * address radixes, duplicate blocks, the last partial block, -j/-N/-w/-S, and its errors.
 * Expected texts follow coreutils src/od.c.
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../../index';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n';
/** On k8s-master01 (CentOS 7, LANG=en_US.UTF-8). */
const host = (line: string) => runCommands(NS, [{ atMs: 1_000, line }])[0];

describe('od on the hosts', () => {
  it('the default format: octal 2-byte units, octal addresses, the final address', () => {
    expect(host('echo hello | od').stdout).toBe('0000000 062550 066154 005157\n0000006\n');
    expect(host('printf "" | od').stdout).toBe('0000000\n');
  });

  it('-c, -x, -t x1, -A', () => {
    expect(host('echo hello | od -c').stdout).toBe('0000000   h   e   l   l   o  \\n\n0000006\n');
    expect(host('echo hello | od -x').stdout).toBe('0000000 6568 6c6c 0a6f\n0000006\n');
    expect(host('echo hello | od -t x1').stdout).toBe('0000000 68 65 6c 6c 6f 0a\n0000006\n');
    expect(host('echo hello | od -A x -t x1').stdout).toBe('000000 68 65 6c 6c 6f 0a\n000006\n');
    expect(host('echo hello | od -A d -c').stdout).toBe('0000000   h   e   l   l   o  \\n\n0000006\n');
    expect(host('echo hello | od -An -t x1').stdout).toBe(' 68 65 6c 6c 6f 0a\n');
    // bytes beyond ASCII are octal escapes; control characters C escapes or octal
    expect(host("printf '\\303\\251\\t\\001\\000' | od -c").stdout).toBe('0000000 303 251  \\t 001  \\0\n0000005\n');
  });

  it('several formats are aligned on one column grid', () => {
    expect(host('echo hello | od -t x1 -c').stdout).toBe('0000000  68  65  6c  6c  6f  0a\n          h   e   l   l   o  \\n\n0000006\n');
    expect(host('echo hello | od -a -b').stdout).toBe('0000000   h   e   l   l   o  nl\n        150 145 154 154 157 012\n0000006\n');
    expect(host('echo hello | od -t d4 -t u2').stdout).toBe('0000000  1819043176        2671\n        25960 27756  2671\n0000006\n');
  });

  it('repeated 16-byte blocks are one `*` unless -v; -w sets the bytes per line', () => {
    const abc = 'printf "abcdefghijklmnopabcdefghijklmnopabcdefghijklmnopXYZ"';
    expect(host(`${abc} | od -c`).stdout).toBe('0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n*\n0000060   X   Y   Z\n0000063\n');
    expect(host(`${abc} | od -v -An -c | wc -l`).stdout).toBe('4\n');
    expect(host('echo hello world | od -w4 -c').stdout).toBe('0000000   h   e   l   l\n0000004   o       w   o\n0000010   r   l   d  \\n\n0000014\n');
    const bad = host('echo hi | od -w3 -x');
    expect(bad.stderr).toBe('od: warning: invalid width 3; using 2 instead\n');
    expect(bad.stdout).toBe('0000000 6968\n0000002 000a\n0000003\n');
  });

  it('-j, -N, the z trailer, -S', () => {
    expect(host('echo hello | od -j 2 -N 3 -c').stdout).toBe('0000002   l   l   o\n0000005\n');
    expect(host('echo hello | od -A x -t x1z').stdout).toBe(`000000 68 65 6c 6c 6f 0a${' '.repeat(32)}>hello.<\n000006\n`);
    expect(host("printf 'ab\\000hello\\000xy' | od -S 3").stdout).toBe('0000003 hello\n');
  });

  it("the files' errors and the usage errors, in 8.22's words (‘’ quotes in the UTF-8 locale)", () => {
    const missing = host('od -c /etc/hostname nofile');
    expect(missing.stdout).toBe('0000000   k   8   s   -   m   a   s   t   e   r   0   1  \\n\n0000015\n');
    expect(missing.stderr).toBe('od: nofile: No such file or directory\n');
    expect(missing.exitCode).toBe(1);
    expect(host('echo hi | od -t q').stderr).toBe("od: invalid character 'q' in type string \u2018q\u2019\n");
    expect(host('echo hi | od -t x3').stderr).toBe("od: invalid type string \u2018x3\u2019;\nthis system doesn't provide a 3-byte integral type\n");
    expect(host('echo hi | od -A q').stderr).toBe("od: invalid output address radix 'q'; it must be one character from [doxn]\n");
    expect(host('echo hi | od -j 9').stderr).toBe('od: cannot skip past end of combined input\n');
    const opt = host('od -q');
    expect(opt.stderr).toBe("od: invalid option -- 'q'\nTry 'od --help' for more information.\n");
    expect(opt.exitCode).toBe(1);
    expect(host('od -t').stderr).toBe("od: option requires an argument -- 't'\nTry 'od --help' for more information.\n");
    expect(host('od --version | head -1').stdout).toBe('od (GNU coreutils) 8.22\n');
  });
});
