/**
 * The text tools people pipe into, in a Debian image (GNU) and an Alpine one (BusyBox).
 * Expected texts are GNU grep/sed/coreutils/findutils/util-linux behaviour.
 */
import { describe, expect, it } from 'vitest';
import { sh } from '../testkit';
import { runCommands } from '../../index';
import { watchHeader } from './textproc';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.23\n';
const host = (line: string, atMs = 10_000) => runCommands(POD, [{ atMs, line }])[0];

const LOG = 'printf "a1\\nb2\\nerr3\\nc4\\nd5\\ne6\\nerr7\\nf8\\n" > log; ';

describe('grep', () => {
  it('prints context with -A/-B/-C and -- between groups', () => {
    for (const os of ['debian', 'alpine'] as const) {
      expect(sh(os, `${LOG}grep -A1 err log`).stdout).toBe('err3\nc4\n--\nerr7\nf8\n');
      expect(sh(os, `${LOG}grep -B1 -n err log`).stdout).toBe('2-b2\n3:err3\n--\n6-e6\n7:err7\n');
      expect(sh(os, `${LOG}grep -C2 err log`).stdout).toBe('a1\nb2\nerr3\nc4\nd5\ne6\nerr7\nf8\n');
      expect(sh(os, `${LOG}grep -c err log; grep -v -c err log; grep -q err log && echo yes`).stdout).toBe('2\n6\nyes\n');
      expect(sh(os, `${LOG}grep -o -E '[0-9]+' log | head -n 2; grep -w -i ERR3 log`).stdout).toBe('1\n2\nerr3\n');
      expect(sh(os, `${LOG}grep -e a1 -e f8 log; grep -v -e err -e '[a-d]' log`).stdout).toBe('a1\nf8\ne6\nf8\n');
    }
  });
});

describe('sort, cut, uniq, tr, column', () => {
  it('sorts by keys, numbers, in reverse, uniquely', () => {
    const data = 'printf "web 3 x\\ndb 10 y\\napi 3 z\\nweb 1 w\\n" > t; ';
    expect(sh('debian', `${data}sort -k2,2n t`).stdout).toBe('web 1 w\napi 3 z\nweb 3 x\ndb 10 y\n');
    expect(sh('debian', `${data}sort -k2 -n -r t`).stdout).toBe('db 10 y\nweb 3 x\napi 3 z\nweb 1 w\n');
    expect(sh('debian', `${data}sort -u -k1,1 t | cut -d' ' -f1`).stdout).toBe('api\ndb\nweb\n');
    expect(sh('debian', `printf 'b:2\\na:10\\n' | sort -t: -k2n`).stdout).toBe('b:2\na:10\n');
    expect(sh('debian', `printf 'abcdef\\n' | cut -c2-4; printf 'a:b:c\\n' | cut -d: -f1,3`).stdout).toBe('bcd\na:c\n');
  });

  it('uniq -c counts, tr translates, deletes and squeezes', () => {
    for (const os of ['debian', 'alpine'] as const) {
      expect(sh(os, `printf 'b\\na\\nb\\nb\\n' | sort | uniq -c`).stdout).toBe('      1 a\n      3 b\n');
      expect(sh(os, `printf 'a\\na\\nb\\n' | uniq -d; printf 'a\\na\\nb\\n' | uniq -u`).stdout).toBe('a\nb\n');
      expect(sh(os, `echo Hello | tr a-z A-Z; echo Hello | tr '[:upper:]' '[:lower:]'; echo 'a  b   c' | tr -s ' '; echo a1b2 | tr -d 0-9`).stdout).toBe('HELLO\nhello\na b c\nab\n');
    }
    expect(sh('debian', 'tr a').stderr).toBe("tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n");
  });

  it('column -t aligns columns two spaces apart (util-linux, on the hosts)', () => {
    expect(host(`printf 'NAME READY STATUS\\nnginx-abc 1/1 Running\\n\\nx y\\n' | column -t`).stdout).toBe('NAME       READY  STATUS\nnginx-abc  1/1    Running\nx          y\n');
    expect(host(`kubectl get po --no-headers | awk '{print $1, $3}' | column -t`).stdout).toBe('web  Running\n');
    expect(host(`printf 'a:b\\ncc:d\\n' | column -t -s:`).stdout).toBe('a   b\ncc  d\n');
  });

  it('column is not in Debian slim images', () => {
    const r = sh('debian', `printf 'NAME READY\\nnginx-abc 1/1\\n\\nx y\\n' > f; /usr/bin/column -t f 2>&1 || echo absent`);
    // Debian's slim images have no util-linux column (bsdextrautils).
    expect(r.stdout).toContain('absent');
  });
});

describe('xargs', () => {
  it('runs echo by default, -n batches, -I replaces', () => {
    for (const os of ['debian', 'alpine'] as const) {
      expect(sh(os, `printf 'a b\\nc\\n' | xargs`).stdout).toBe('a b c\n');
      expect(sh(os, `printf 'a b\\nc\\n' | xargs -n 2 echo x`).stdout).toBe('x a b\nx c\n');
      expect(sh(os, `printf 'one\\ntwo\\n' | xargs -I {} echo "<{}>"`).stdout).toBe('<one>\n<two>\n');
      expect(sh(os, `echo f1 f2 | xargs touch; ls f1 f2`).stdout).toBe('f1\nf2\n');
    }
    expect(sh('debian', `echo x | xargs false; echo $?`).stdout).toBe('123\n');
    expect(sh('debian', `echo x | xargs nosuch; echo $?`)).toMatchObject({ stdout: '127\n', stderr: 'xargs: nosuch: No such file or directory\n' });
  });
});

describe('sed', () => {
  const s = (script: string, input = 'one two\nthree four\nfive six\n') => sh('debian', `printf '${input.replace(/\n/g, '\\n')}' | sed ${script}`);
  it('substitutes with &, groups, flags', () => {
    expect(s(`'s/o/0/g'`).stdout).toBe('0ne tw0\nthree f0ur\nfive six\n');
    expect(s(`'s/o/0/'`).stdout).toBe('0ne two\nthree f0ur\nfive six\n');
    expect(s(`'s/o/0/2'`).stdout).toBe('one tw0\nthree four\nfive six\n');
    expect(s(`'s/[a-z]*/[&]/'`).stdout).toBe('[one] two\n[three] four\n[five] six\n');
    expect(s(`'s/\\([a-z]*\\) \\([a-z]*\\)/\\2 \\1/'`).stdout).toBe('two one\nfour three\nsix five\n');
    expect(s(`-E 's/(\\w+) (\\w+)/\\2-\\1/'`).stdout).toBe('two-one\nfour-three\nsix-five\n');
    expect(s(`'s|one|1|;s|six|6|'`).stdout).toBe('1 two\nthree four\nfive 6\n');
  });

  it('addresses, ranges, -n p, d, -e, q, a/i/c, y, =', () => {
    expect(s(`-n '2p'`).stdout).toBe('three four\n');
    expect(s(`-n '/three/,$p'`).stdout).toBe('three four\nfive six\n');
    expect(s(`'2d'`).stdout).toBe('one two\nfive six\n');
    expect(s(`'/one/,/three/d'`).stdout).toBe('five six\n');
    expect(s(`'$!d'`).stdout).toBe('five six\n');
    expect(s(`-e 's/one/1/' -e 's/two/2/'`).stdout).toBe('1 2\nthree four\nfive six\n');
    expect(s(`2q`).stdout).toBe('one two\nthree four\n');
    expect(s(`'1i header'`).stdout).toBe('header\none two\nthree four\nfive six\n');
    expect(s(`'$a end'`).stdout).toBe('one two\nthree four\nfive six\nend\n');
    expect(s(`'2c changed'`).stdout).toBe('one two\nchanged\nfive six\n');
    expect(s(`'y/abc/xyz/'`, 'aabbcc\n').stdout).toBe('xxyyzz\n');
    expect(s(`-n '$='`).stdout).toBe('3\n');
    expect(s(`-n '/two/{s/two/2/;p}'`).stdout).toBe('one 2\n');
  });

  it('-i edits files in place; errors are GNU sed\'s', () => {
    expect(sh('debian', `printf 'image: nginx:1.23\\n' > p.yaml; sed -i 's/1.23/1.25/' p.yaml; cat p.yaml`).stdout).toBe('image: nginx:1.25\n');
    expect(sh('debian', `echo x > f; sed -i.bak 's/x/y/' f; cat f f.bak`).stdout).toBe('y\nx\n');
    expect(sh('debian', `echo x | sed 's/x/y'`)).toMatchObject({ stderr: "sed: -e expression #1, char 5: unterminated `s' command\n", exitCode: 1 });
    expect(sh('debian', `echo x | sed 'k'`)).toMatchObject({ stderr: "sed: -e expression #1, char 1: unknown command: `k'\n", exitCode: 1 });
    expect(sh('debian', `sed p nofile`)).toMatchObject({ stderr: "sed: can't read nofile: No such file or directory\n", exitCode: 2 });
  });
});

describe('watch', () => {
  it('reruns the command every interval under the procps-ng header, until the terminal stops it', () => {
    const r = host('watch -n 20 kubectl get po web');
    expect(r.exitCode).toBe(0); // the terminal's Ctrl-C: procps-ng watch exits through its handler
    const frames = r.stdout.split('Every 20.0s: kubectl get po web').slice(1);
    expect(frames.length).toBe(4);
    expect(r.stdout.startsWith('Every 20.0s: kubectl get po web')).toBe(true);
    expect(r.stdout.split('\n')[0]).toHaveLength(80);
    expect(r.stdout.split('\n')[0].endsWith('Thu Dec  8 19:35:10 2022')).toBe(true);
    expect(frames[0]).toContain('web    1/1     Running');
  });
});

describe('watch header (procps-ng 3.3.10 output_header)', () => {
  it('puts ctime at column width - 24 and cuts a command that does not fit with "... "', () => {
    const ts = 'Thu Dec  8 19:35:10 2022';
    expect(watchHeader(2, 'date', ts)).toBe(`Every 2.0s: date${' '.repeat(40)}${ts}`);
    const long = 'kubectl get pods --all-namespaces -o wide --show-labels';
    const h = watchHeader(2, long, ts);
    expect(h).toHaveLength(80);
    expect(h).toBe(`Every 2.0s: ${long.slice(0, 39)}...  ${ts}`);
    // exactly fitting: the command ends right before the time's column
    const fit = 'x'.repeat(80 - 25 - 'Every 2.0s: '.length);
    expect(watchHeader(2, fit, ts)).toBe(`Every 2.0s: ${fit} ${ts}`);
  });
});

describe('full-screen programs', () => {
  it('vi and less say plainly that the terminal cannot show them', () => {
    const r = sh('alpine', 'vi /etc/hosts');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('hint: vi is a full-screen editor, which this simulated terminal cannot show; to change a file use sed -i, or cat > FILE <<EOF … EOF\n');
    expect(sh('debian', 'less /etc/hosts')).toMatchObject({ stderr: 'sh: 1: less: not found\n', exitCode: 127 });
  });
});
