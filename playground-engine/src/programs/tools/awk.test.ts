import { describe, expect, it } from 'vitest';
import { sh } from '../testkit';

const PODS = 'NAME READY STATUS RESTARTS AGE\\nweb-1 1/1 Running 0 5m\\nweb-2 0/1 CrashLoopBackOff 4 5m\\ndb-0 1/1 Running 2 9m\\n';
const awk = (prog: string, input = PODS, opts = '') => sh('alpine', `printf '${input}' | awk ${opts} '${prog}'`);

describe('awk one-liners', () => {
  it('prints fields, NR, NF, $NF', () => {
    expect(awk('{print $1}').stdout).toBe('NAME\nweb-1\nweb-2\ndb-0\n');
    expect(awk('NR>1 {print $1, $3}').stdout).toBe('web-1 Running\nweb-2 CrashLoopBackOff\ndb-0 Running\n');
    expect(awk('NR==2 {print NF, $NF, $(NF-1)}').stdout).toBe('5 5m 0\n');
    expect(awk('{print}', 'a b\\n').stdout).toBe('a b\n');
    expect(sh('debian', `echo 'a b c' | awk '{print $2}'`).stdout).toBe('b\n');
  });

  it('patterns: regex, comparisons, negation, ranges', () => {
    expect(awk('/Crash/').stdout).toBe('web-2 0/1 CrashLoopBackOff 4 5m\n');
    expect(awk('$4>0 && NR>1 {print $1}').stdout).toBe('web-2\ndb-0\n');
    expect(awk('$3 !~ /Running/ {print $1}').stdout).toBe('NAME\nweb-2\n');
    expect(awk('$1 == "db-0"').stdout).toBe('db-0 1/1 Running 2 9m\n');
    expect(awk('/web-1/,/web-2/ {print $1}').stdout).toBe('web-1\nweb-2\n');
    expect(awk('!/web/').stdout).toBe('NAME READY STATUS RESTARTS AGE\ndb-0 1/1 Running 2 9m\n');
  });

  it('-F, -v, BEGIN/END, sums, printf', () => {
    expect(awk('{print $1}', 'root:x:0\\nnginx:x:101\\n', '-F:').stdout).toBe('root\nnginx\n');
    expect(awk('BEGIN{FS=":"} {print $3}', 'root:x:0\\n').stdout).toBe('0\n');
    expect(awk('NR>1 {s+=$4} END {print "restarts:", s}').stdout).toBe('restarts: 6\n');
    expect(awk('{print x, $1}', 'a\\n', '-v x=pre').stdout).toBe('pre a\n');
    expect(awk('NR>1 {printf "%-6s|%3d|%s\\n", $1, $4, $3}').stdout).toBe('web-1 |  0|Running\nweb-2 |  4|CrashLoopBackOff\ndb-0  |  2|Running\n');
    expect(awk('END {print NR}').stdout).toBe('4\n');
    expect(awk('BEGIN {print 1/3, 10/2, 2^10, int(7.9), length("abc")}', '').stdout).toBe('0.333333 5 1024 7 3\n');
  });

  it('arrays with counts, for-in in insertion order, builtins', () => {
    expect(awk('NR>1 {a[$3]++} END {for (k in a) print k, a[k]}').stdout).toBe('Running 2\nCrashLoopBackOff 1\n');
    expect(awk('{n=split($1, p, "-"); print n, p[1], toupper(p[2])}', 'web-1\\n').stdout).toBe('2 web 1\n');
    expect(awk('{gsub(/o/, "0"); print; print substr($0, 2, 3), index($0, "w")}', 'foo bow\\n').stdout).toBe('f00 b0w\n00  7\n');
    expect(awk('{ if ($1 > 2) print "big"; else print "small" }', '1\\n3\\n').stdout).toBe('small\nbig\n');
    expect(awk('{ for (i = NF; i > 0; i--) printf "%s ", $i; print "" }', 'a b c\\n').stdout).toBe('c b a \n');
    expect(awk('NR==1 {next} {print $1} NR==3 {exit}').stdout).toBe('web-1\nweb-2\n');
  });

  it('bad programs and endless loops end with a message', () => {
    const r = awk('{print $1');
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('awk: cmd. line:1:');
    const loop = awk('BEGIN { while (1) x++ }', '');
    expect(loop.exitCode).toBe(2);
    expect(loop.stderr).toContain('step limit');
  });
});
