/**
 * Bytes against characters: `wc -c`, `head -c`, `tail -c`, `cut -b` count bytes (UTF-8), `wc -m`
 * characters in a UTF-8 locale; a byte cut out of a character stays that byte.
 */
import { describe, expect, it } from 'vitest';
import { sh } from '../testkit';
import { runCommands } from '../../index';
import { bytesOf, textOfBytes } from './bytes';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.23\n';
const host = (line: string, atMs = 10_000) => runCommands(POD, [{ atMs, line }])[0];

describe('bytes of a text', () => {
  it('reads printf\'s bytes and characters alike, and escapes a stray byte', () => {
    expect([...bytesOf('\u00c3\u00a9')]).toEqual([0xc3, 0xa9]);
    expect([...bytesOf('é')]).toEqual([0xc3, 0xa9]);
    expect(textOfBytes(Uint8Array.from([0x68, 0xc3, 0xa9]))).toBe('hé');
    const cut = textOfBytes(Uint8Array.from([0x68, 0xc3]));
    expect(cut).toBe('h\udcc3');
    expect([...bytesOf(`${cut}é`)]).toEqual([0x68, 0xc3, 0xc3, 0xa9]);
  });
});

describe('wc, head, tail and cut count bytes', () => {
  it('on the CentOS hosts (LANG=en_US.UTF-8: -m counts characters)', () => {
    expect(host("printf '\\303\\251' | wc -c; printf 'é' | wc -c; printf '\\303\\251\\n' | wc -m; printf 'é\\n' | wc -cm").stdout).toBe('2\n2\n2\n      2       3\n');
    expect(host('echo é > /tmp/f; wc -c /tmp/f; ls -l /tmp/f | cut -d" " -f5').stdout).toBe('3 /tmp/f\n3\n');
    expect(host("printf 'héllo\\n' | head -c 3 | od -An -c; printf 'héllo\\n' | head -c 2 | od -An -tx1").stdout).toBe('   h 303 251\n 68 c3\n');
    expect(host("printf 'héllo\\n' | cut -b 1-3; printf 'héllo\\n' | cut -c 1-3; printf 'héllo\\n' | cut -b 2 | od -An -tx1").stdout).toBe('hé\nhél\n c3 0a\n');
    expect(host("printf 'abcé' | tail -c 3; echo; printf 'abcdef' | head -c2; echo; printf 'abcdef' | tail -c +5").stdout).toBe('cé\nab\nef');
    expect(host("printf 'h\\303\\251llo\\n' | head --bytes=3 | wc -m").stdout).toBe('2\n');
  });

  it('the terminal decodes the bytes a tool wrote, pipes keep them', () => {
    expect(host("printf 'caf\\303\\251\\n'; printf '\\303\\251' | od -An -c").stdout).toBe('café\n 303 251\n');
    expect(host("printf '\\303\\251' > /tmp/e; cat /tmp/e; echo; ssh k8s-node01 \"printf '\\303\\251'\" | wc -c").stdout).toBe('é\n2\n');
  });

  it('in images without LANG: -m and -c count bytes alike (the C locale)', () => {
    for (const os of ['debian', 'alpine'] as const) {
      expect(sh(os, "printf 'h\\303\\251\\n' | wc -c; printf 'hé\\n' | wc -m; printf 'hé\\n' | cut -c 1-2 | wc -c").stdout).toBe('4\n4\n3\n');
    }
  });
});
