/**
 * strcoll in glibc 2.17's en_US.UTF-8 (the CentOS 7 hosts' LANG) against listings printed by
 * real machines; the C order stays in images that set no LANG.
 */
import { describe, expect, it } from 'vitest';
import { sh } from '../testkit';
import { runCommands } from '../../index';
import { byteOrder, collateOf, strcollEnUS } from './collate';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.23\n';
const host = (line: string, atMs = 10_000) => runCommands(POD, [{ atMs, line }])[0];
const sorted = (names: string[]) => [...names].sort(strcollEnUS);

describe('glibc en_US.UTF-8 collation', () => {
  it('orders kubeadm\'s pki files as `ls` prints them (kubernetes/website#21016)', () => {
    const real = ['apiserver.crt', 'apiserver-etcd-client.crt', 'apiserver-etcd-client.csr', 'apiserver-etcd-client.key', 'apiserver.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key', 'ca.crt', 'ca.key', 'etcd', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub'];
    expect(sorted([...real].sort())).toEqual(real);
  });

  it('ignores dots at the first level and folds case: a home directory\'s `ls -a`', () => {
    const real = ['.', '..', '.bash_logout', '.bash_profile', '.bashrc', 'data', '.lesshst', '.mozilla', 'shakespeare', '.ssh', '.Xauthority'];
    expect(sorted([...real].sort())).toEqual(real);
  });

  it('puts lower case first, then punctuation by position and weight', () => {
    expect(sorted(['B', 'b', 'A', 'a', '1', '_a'])).toEqual(['1', 'a', '_a', 'A', 'b', 'B']);
    expect(sorted(['kubelet-conf.yml', 'kubelet.conf'])).toEqual(['kubelet.conf', 'kubelet-conf.yml']);
    // punctuation later in the string sorts after punctuation earlier; then the table order (- before .)
    expect(sorted(['ab-', 'a-b', '-ab'])).toEqual(['-ab', 'a-b', 'ab-']);
    expect(sorted(['a.b', 'a-b', 'a_b', 'a b'])).toEqual(['a b', 'a_b', 'a-b', 'a.b']);
    expect(sorted(['crontab', 'cron.weekly', 'cron.monthly', 'cron.d'])).toEqual(['cron.d', 'cron.monthly', 'crontab', 'cron.weekly']);
  });

  it('follows LC_ALL, then LC_COLLATE, then LANG', () => {
    const env = (kv: Record<string, string>) => ({ get: (k: string) => kv[k] });
    expect(collateOf(env({ LANG: 'en_US.UTF-8' }))).toBe(strcollEnUS);
    expect(collateOf(env({ LANG: 'en_US.utf8' }))).toBe(strcollEnUS);
    expect(collateOf(env({ LANG: 'en_US.UTF-8', LC_ALL: 'C' }))).toBe(byteOrder);
    expect(collateOf(env({ LANG: 'C.UTF-8' }))).toBe(byteOrder);
    expect(collateOf(env({}))).toBe(byteOrder);
  });
});

describe('ls and sort collate in the locale', () => {
  it('on the CentOS hosts (LANG=en_US.UTF-8)', () => {
    expect(host('ls /etc/kubernetes').stdout).toBe(
      'admin.conf               kubelet.conf      manifests  scheduler.conf\ncontroller-manager.conf  kubelet-conf.yml  pki        super-admin.conf\n',
    );
    // a name without punctuation before the same name with it
    expect(host('cd /tmp && touch b B a A _c c.d cd && ls -1').stdout).toBe('a\nA\nb\nB\n_c\ncd\nc.d\n');
    expect(host('cd /tmp && touch b a && ls -r | cat').stdout).toBe('b\na\n');
    expect(host('cd /tmp && touch b a && ls -d b a').stdout).toBe('a  b\n');
    expect(host("printf 'b\\nB\\na\\nA\\n.c\\n' | sort").stdout).toBe('a\nA\nb\nB\n.c\n');
    expect(host("printf 'x b\\ny a\\nz B\\n' | sort -k2").stdout).toBe('y a\nx b\nz B\n');
    expect(host("printf 'b\\nB\\na\\n' | LC_ALL=C sort").stdout).toBe('B\na\nb\n');
    // bash sorts a glob's names in its locale too
    expect(host('cd /tmp && touch B a c.d cd && echo *; LC_ALL=C; echo *').stdout).toBe('a B cd c.d\nB a c.d cd\n');
  });

  it('in images without LANG: bytes (GNU in Debian, BusyBox in Alpine)', () => {
    for (const os of ['debian', 'alpine'] as const) {
      expect(sh(os, 'mkdir -p /tmp/w && cd /tmp/w && touch b B a A _c c.d cd && ls').stdout).toBe('A\nB\n_c\na\nb\nc.d\ncd\n');
      expect(sh(os, 'cd /tmp/w && touch b a && ls b a').stdout).toBe('a\nb\n');
      expect(sh(os, "printf 'b\\nB\\na\\n.c\\n' | sort").stdout).toBe('.c\nB\na\nb\n');
      expect(sh(os, 'mkdir -p /tmp/w && cd /tmp/w && touch b B a A _c c.d cd && echo *').stdout).toBe('A B _c a b c.d cd\n');
    }
  });
});
