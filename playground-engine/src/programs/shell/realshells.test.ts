/**
 * The shell against the real ones: every row was produced by running the same `sh -c` line
 * with Debian 12's dash 0.5.12 (+ GNU coreutils 9.1, LANG=C) and BusyBox 1.35.0's ash and
 * applets, in an empty working directory. The simulated Debian image runs dash, the Alpine
 * image runs ash.
 */
import { describe, expect, it } from 'vitest';
import { sh, type Os } from '../testkit';

const CASES: Array<[Os, string, string, string, number]> = [
 [
  "debian",
  "echo hello world",
  "hello world\n",
  "",
  0
 ],
 [
  "alpine",
  "echo hello world",
  "hello world\n",
  "",
  0
 ],
 [
  "debian",
  "echo \"a  b\"   c",
  "a  b c\n",
  "",
  0
 ],
 [
  "alpine",
  "echo \"a  b\"   c",
  "a  b c\n",
  "",
  0
 ],
 [
  "debian",
  "echo 'single $HOME'",
  "single $HOME\n",
  "",
  0
 ],
 [
  "alpine",
  "echo 'single $HOME'",
  "single $HOME\n",
  "",
  0
 ],
 [
  "debian",
  "echo \"home=$HOME\"",
  "home=/root\n",
  "",
  0
 ],
 [
  "alpine",
  "echo \"home=$HOME\"",
  "home=/root\n",
  "",
  0
 ],
 [
  "debian",
  "x=5; echo \"${x}px\"",
  "5px\n",
  "",
  0
 ],
 [
  "alpine",
  "x=5; echo \"${x}px\"",
  "5px\n",
  "",
  0
 ],
 [
  "debian",
  "echo ${UNSET:-default} ${UNSET-other}",
  "default other\n",
  "",
  0
 ],
 [
  "alpine",
  "echo ${UNSET:-default} ${UNSET-other}",
  "default other\n",
  "",
  0
 ],
 [
  "debian",
  "v=abc.tar.gz; echo ${v%.gz} ${v%%.*} ${v#*.} ${#v}",
  "abc.tar abc tar.gz 10\n",
  "",
  0
 ],
 [
  "alpine",
  "v=abc.tar.gz; echo ${v%.gz} ${v%%.*} ${v#*.} ${#v}",
  "abc.tar abc tar.gz 10\n",
  "",
  0
 ],
 [
  "debian",
  "echo $((1+2*3)) $((10/3)) $((10%3)) $(( (1+2)*3 ))",
  "7 3 1 9\n",
  "",
  0
 ],
 [
  "alpine",
  "echo $((1+2*3)) $((10/3)) $((10%3)) $(( (1+2)*3 ))",
  "7 3 1 9\n",
  "",
  0
 ],
 [
  "debian",
  "echo $((1/0))",
  "",
  "sh: 1: arithmetic expression: division by zero: \"1/0\"\n",
  2
 ],
 [
  "alpine",
  "echo $((1/0))",
  "",
  "sh: divide by zero\n",
  2
 ],
 [
  "debian",
  "a=1; a=$((a+1)); echo $a",
  "2\n",
  "",
  0
 ],
 [
  "alpine",
  "a=1; a=$((a+1)); echo $a",
  "2\n",
  "",
  0
 ],
 [
  "debian",
  "echo $(echo sub) `echo back`",
  "sub back\n",
  "",
  0
 ],
 [
  "alpine",
  "echo $(echo sub) `echo back`",
  "sub back\n",
  "",
  0
 ],
 [
  "debian",
  "x=$(printf 'a\\n\\n'); echo \"[$x]\"",
  "[a]\n",
  "",
  0
 ],
 [
  "alpine",
  "x=$(printf 'a\\n\\n'); echo \"[$x]\"",
  "[a]\n",
  "",
  0
 ],
 [
  "debian",
  "foo",
  "",
  "sh: 1: foo: not found\n",
  127
 ],
 [
  "alpine",
  "foo",
  "",
  "sh: foo: not found\n",
  127
 ],
 [
  "debian",
  "foo; echo \"status=$?\"",
  "status=127\n",
  "sh: 1: foo: not found\n",
  0
 ],
 [
  "alpine",
  "foo; echo \"status=$?\"",
  "status=127\n",
  "sh: foo: not found\n",
  0
 ],
 [
  "debian",
  "true && echo yes || echo no",
  "yes\n",
  "",
  0
 ],
 [
  "alpine",
  "true && echo yes || echo no",
  "yes\n",
  "",
  0
 ],
 [
  "debian",
  "false && echo yes || echo no",
  "no\n",
  "",
  0
 ],
 [
  "alpine",
  "false && echo yes || echo no",
  "no\n",
  "",
  0
 ],
 [
  "debian",
  "! true; echo $?",
  "1\n",
  "",
  0
 ],
 [
  "alpine",
  "! true; echo $?",
  "1\n",
  "",
  0
 ],
 [
  "debian",
  "false; echo $?",
  "1\n",
  "",
  0
 ],
 [
  "alpine",
  "false; echo $?",
  "1\n",
  "",
  0
 ],
 [
  "debian",
  "exit 7",
  "",
  "",
  7
 ],
 [
  "alpine",
  "exit 7",
  "",
  "",
  7
 ],
 [
  "debian",
  "exit abc",
  "",
  "sh: 1: exit: Illegal number: abc\n",
  2
 ],
 [
  "alpine",
  "exit abc",
  "",
  "sh: exit: line 0: Illegal number: abc\n",
  2
 ],
 [
  "debian",
  "for i in 1 2 3; do echo \"i=$i\"; done",
  "i=1\ni=2\ni=3\n",
  "",
  0
 ],
 [
  "alpine",
  "for i in 1 2 3; do echo \"i=$i\"; done",
  "i=1\ni=2\ni=3\n",
  "",
  0
 ],
 [
  "debian",
  "for i in a b; do for j in 1 2; do echo $i$j; done; done",
  "a1\na2\nb1\nb2\n",
  "",
  0
 ],
 [
  "alpine",
  "for i in a b; do for j in 1 2; do echo $i$j; done; done",
  "a1\na2\nb1\nb2\n",
  "",
  0
 ],
 [
  "debian",
  "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done",
  "0\n1\n2\n",
  "",
  0
 ],
 [
  "alpine",
  "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done",
  "0\n1\n2\n",
  "",
  0
 ],
 [
  "debian",
  "i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done",
  "u0\nu1\n",
  "",
  0
 ],
 [
  "alpine",
  "i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done",
  "u0\nu1\n",
  "",
  0
 ],
 [
  "debian",
  "for i in 1 2 3 4; do if [ $i -eq 3 ]; then break; fi; echo $i; done",
  "1\n2\n",
  "",
  0
 ],
 [
  "alpine",
  "for i in 1 2 3 4; do if [ $i -eq 3 ]; then break; fi; echo $i; done",
  "1\n2\n",
  "",
  0
 ],
 [
  "debian",
  "for i in 1 2 3; do if [ $i -eq 2 ]; then continue; fi; echo $i; done",
  "1\n3\n",
  "",
  0
 ],
 [
  "alpine",
  "for i in 1 2 3; do if [ $i -eq 2 ]; then continue; fi; echo $i; done",
  "1\n3\n",
  "",
  0
 ],
 [
  "debian",
  "case hello in h*) echo starts-h;; *) echo other;; esac",
  "starts-h\n",
  "",
  0
 ],
 [
  "alpine",
  "case hello in h*) echo starts-h;; *) echo other;; esac",
  "starts-h\n",
  "",
  0
 ],
 [
  "debian",
  "case x in a|b) echo ab;; x|y) echo xy;; esac",
  "xy\n",
  "",
  0
 ],
 [
  "alpine",
  "case x in a|b) echo ab;; x|y) echo xy;; esac",
  "xy\n",
  "",
  0
 ],
 [
  "debian",
  "case foo in bar) echo no;; esac; echo after",
  "after\n",
  "",
  0
 ],
 [
  "alpine",
  "case foo in bar) echo no;; esac; echo after",
  "after\n",
  "",
  0
 ],
 [
  "debian",
  "if [ -z \"\" ]; then echo empty; else echo nonempty; fi",
  "empty\n",
  "",
  0
 ],
 [
  "alpine",
  "if [ -z \"\" ]; then echo empty; else echo nonempty; fi",
  "empty\n",
  "",
  0
 ],
 [
  "debian",
  "if false; then echo a; elif true; then echo b; else echo c; fi",
  "b\n",
  "",
  0
 ],
 [
  "alpine",
  "if false; then echo a; elif true; then echo b; else echo c; fi",
  "b\n",
  "",
  0
 ],
 [
  "debian",
  "[ 1 -eq a ]",
  "",
  "sh: 1: [: Illegal number: a\n",
  2
 ],
 [
  "alpine",
  "[ 1 -eq a ]",
  "",
  "sh: a: bad number\n",
  2
 ],
 [
  "debian",
  "[ abc = abc ] && echo eq",
  "eq\n",
  "",
  0
 ],
 [
  "alpine",
  "[ abc = abc ] && echo eq",
  "eq\n",
  "",
  0
 ],
 [
  "debian",
  "[ -n x -a -z \"\" ] && echo both",
  "both\n",
  "",
  0
 ],
 [
  "alpine",
  "[ -n x -a -z \"\" ] && echo both",
  "both\n",
  "",
  0
 ],
 [
  "debian",
  "test 3 -gt 2; echo $?",
  "0\n",
  "",
  0
 ],
 [
  "alpine",
  "test 3 -gt 2; echo $?",
  "0\n",
  "",
  0
 ],
 [
  "debian",
  "[ a",
  "",
  "sh: 1: [: missing ]\n",
  2
 ],
 [
  "alpine",
  "[ a",
  "",
  "sh: missing ]\n",
  2
 ],
 [
  "debian",
  "f() { echo \"f:$1:$#\"; }; f x y",
  "f:x:2\n",
  "",
  0
 ],
 [
  "alpine",
  "f() { echo \"f:$1:$#\"; }; f x y",
  "f:x:2\n",
  "",
  0
 ],
 [
  "debian",
  "g() { return 3; }; g; echo $?",
  "3\n",
  "",
  0
 ],
 [
  "alpine",
  "g() { return 3; }; g; echo $?",
  "3\n",
  "",
  0
 ],
 [
  "debian",
  "echo one; echo two >&2; echo three",
  "one\nthree\n",
  "two\n",
  0
 ],
 [
  "alpine",
  "echo one; echo two >&2; echo three",
  "one\nthree\n",
  "two\n",
  0
 ],
 [
  "debian",
  "echo out > f.txt; cat f.txt",
  "out\n",
  "",
  0
 ],
 [
  "alpine",
  "echo out > f.txt; cat f.txt",
  "out\n",
  "",
  0
 ],
 [
  "debian",
  "echo a > f.txt; echo b >> f.txt; cat f.txt",
  "a\nb\n",
  "",
  0
 ],
 [
  "alpine",
  "echo a > f.txt; echo b >> f.txt; cat f.txt",
  "a\nb\n",
  "",
  0
 ],
 [
  "debian",
  "cat < nonexist.txt",
  "",
  "sh: 1: cannot open nonexist.txt: No such file\n",
  2
 ],
 [
  "alpine",
  "cat < nonexist.txt",
  "",
  "sh: can't open nonexist.txt: no such file\n",
  1
 ],
 [
  "debian",
  "echo x > nodir/f.txt",
  "",
  "sh: 1: cannot create nodir/f.txt: Directory nonexistent\n",
  2
 ],
 [
  "alpine",
  "echo x > nodir/f.txt",
  "",
  "sh: can't create nodir/f.txt: nonexistent directory\n",
  1
 ],
 [
  "debian",
  "echo x > nodir/f.txt; echo after $?",
  "after 2\n",
  "sh: 1: cannot create nodir/f.txt: Directory nonexistent\n",
  0
 ],
 [
  "alpine",
  "echo x > nodir/f.txt; echo after $?",
  "after 1\n",
  "sh: can't create nodir/f.txt: nonexistent directory\n",
  0
 ],
 [
  "debian",
  "printf '%s-%d|%5s|%-5s|%03d\\n' a 7 r l 5",
  "a-7|    r|l    |005\n",
  "",
  0
 ],
 [
  "alpine",
  "printf '%s-%d|%5s|%-5s|%03d\\n' a 7 r l 5",
  "a-7|    r|l    |005\n",
  "",
  0
 ],
 [
  "debian",
  "printf '%s\\n' one two three",
  "one\ntwo\nthree\n",
  "",
  0
 ],
 [
  "alpine",
  "printf '%s\\n' one two three",
  "one\ntwo\nthree\n",
  "",
  0
 ],
 [
  "debian",
  "printf 'no newline'",
  "no newline",
  "",
  0
 ],
 [
  "alpine",
  "printf 'no newline'",
  "no newline",
  "",
  0
 ],
 [
  "debian",
  "echo a b c | wc -w",
  "3\n",
  "",
  0
 ],
 [
  "alpine",
  "echo a b c | wc -w",
  "3\n",
  "",
  0
 ],
 [
  "debian",
  "echo hello | grep -c l",
  "1\n",
  "",
  0
 ],
 [
  "alpine",
  "echo hello | grep -c l",
  "1\n",
  "",
  0
 ],
 [
  "debian",
  "printf 'b\\na\\nc\\n' | sort",
  "a\nb\nc\n",
  "",
  0
 ],
 [
  "alpine",
  "printf 'b\\na\\nc\\n' | sort",
  "a\nb\nc\n",
  "",
  0
 ],
 [
  "debian",
  "printf 'x\\ny\\nz\\n' | head -n 2",
  "x\ny\n",
  "",
  0
 ],
 [
  "alpine",
  "printf 'x\\ny\\nz\\n' | head -n 2",
  "x\ny\n",
  "",
  0
 ],
 [
  "debian",
  "printf 'x\\ny\\nz\\n' | tail -n 1",
  "z\n",
  "",
  0
 ],
 [
  "alpine",
  "printf 'x\\ny\\nz\\n' | tail -n 1",
  "z\n",
  "",
  0
 ],
 [
  "debian",
  "mkdir -p d/e; touch d/e/f; ls d/e",
  "f\n",
  "",
  0
 ],
 [
  "alpine",
  "mkdir -p d/e; touch d/e/f; ls d/e",
  "f\n",
  "",
  0
 ],
 [
  "debian",
  "mkdir d2; mkdir d2",
  "",
  "mkdir: cannot create directory 'd2': File exists\n",
  1
 ],
 [
  "alpine",
  "mkdir d2; mkdir d2",
  "",
  "mkdir: can't create directory 'd2': File exists\n",
  1
 ],
 [
  "debian",
  "rm nofile",
  "",
  "rm: cannot remove 'nofile': No such file or directory\n",
  1
 ],
 [
  "alpine",
  "rm nofile",
  "",
  "rm: can't remove 'nofile': No such file or directory\n",
  1
 ],
 [
  "debian",
  "rm -f nofile; echo rc=$?",
  "rc=0\n",
  "",
  0
 ],
 [
  "alpine",
  "rm -f nofile; echo rc=$?",
  "rc=0\n",
  "",
  0
 ],
 [
  "debian",
  "mkdir dd; rm dd",
  "",
  "rm: cannot remove 'dd': Is a directory\n",
  1
 ],
 [
  "alpine",
  "mkdir dd; rm dd",
  "",
  "rm: 'dd' is a directory\n",
  1
 ],
 [
  "debian",
  "ls nofile",
  "",
  "ls: cannot access 'nofile': No such file or directory\n",
  2
 ],
 [
  "alpine",
  "ls nofile",
  "",
  "ls: nofile: No such file or directory\n",
  1
 ],
 [
  "debian",
  "cat nofile",
  "",
  "cat: nofile: No such file or directory\n",
  1
 ],
 [
  "alpine",
  "cat nofile",
  "",
  "cat: can't open 'nofile': No such file or directory\n",
  1
 ],
 [
  "debian",
  "touch nodir/x",
  "",
  "touch: cannot touch 'nodir/x': No such file or directory\n",
  1
 ],
 [
  "alpine",
  "touch nodir/x",
  "",
  "touch: nodir/x: No such file or directory\n",
  1
 ],
 [
  "debian",
  "sleep abc",
  "",
  "sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n",
  1
 ],
 [
  "alpine",
  "sleep abc",
  "",
  "sleep: invalid number 'abc'\n",
  1
 ],
 [
  "debian",
  "set -- a b c; echo $# $1 $3; shift; echo $@",
  "3 a c\nb c\n",
  "",
  0
 ],
 [
  "alpine",
  "set -- a b c; echo $# $1 $3; shift; echo $@",
  "3 a c\nb c\n",
  "",
  0
 ],
 [
  "debian",
  "set -e; false; echo not-reached",
  "",
  "",
  1
 ],
 [
  "alpine",
  "set -e; false; echo not-reached",
  "",
  "",
  1
 ],
 [
  "debian",
  "x=1; (x=2; echo in $x); echo out $x",
  "in 2\nout 1\n",
  "",
  0
 ],
 [
  "alpine",
  "x=1; (x=2; echo in $x); echo out $x",
  "in 2\nout 1\n",
  "",
  0
 ],
 [
  "debian",
  "{ echo g1; echo g2; } > g.txt; cat g.txt",
  "g1\ng2\n",
  "",
  0
 ],
 [
  "alpine",
  "{ echo g1; echo g2; } > g.txt; cat g.txt",
  "g1\ng2\n",
  "",
  0
 ],
 [
  "debian",
  "echo $(( 2 > 1 )) $(( 1 == 2 ))",
  "1 0\n",
  "",
  0
 ],
 [
  "alpine",
  "echo $(( 2 > 1 )) $(( 1 == 2 ))",
  "1 0\n",
  "",
  0
 ],
 [
  "debian",
  "fi",
  "",
  "sh: 1: Syntax error: \"fi\" unexpected\n",
  2
 ],
 [
  "alpine",
  "fi",
  "",
  "sh: syntax error: unexpected \"fi\"\n",
  2
 ],
 [
  "debian",
  "if true; then echo x",
  "",
  "sh: 1: Syntax error: end of file unexpected (expecting \"fi\")\n",
  2
 ],
 [
  "alpine",
  "if true; then echo x",
  "",
  "sh: syntax error: unexpected end of file (expecting \"fi\")\n",
  2
 ],
 [
  "debian",
  "echo \"unterminated",
  "",
  "sh: 1: Syntax error: Unterminated quoted string\n",
  2
 ],
 [
  "alpine",
  "echo \"unterminated",
  "",
  "sh: syntax error: unterminated quoted string\n",
  2
 ],
 [
  "debian",
  "echo 'unterminated",
  "",
  "sh: 1: Syntax error: Unterminated quoted string\n",
  2
 ],
 [
  "alpine",
  "echo 'unterminated",
  "",
  "sh: syntax error: unterminated quoted string\n",
  2
 ],
 [
  "debian",
  "( echo sub",
  "",
  "sh: 1: Syntax error: end of file unexpected (expecting \")\")\n",
  2
 ],
 [
  "alpine",
  "( echo sub",
  "",
  "sh: syntax error: unexpected end of file (expecting \")\")\n",
  2
 ],
 [
  "debian",
  "echo a |",
  "",
  "sh: 1: Syntax error: end of file unexpected\n",
  2
 ],
 [
  "alpine",
  "echo a |",
  "",
  "sh: syntax error: unexpected end of file\n",
  2
 ],
 [
  "debian",
  "&& echo x",
  "",
  "sh: 1: Syntax error: \"&&\" unexpected\n",
  2
 ],
 [
  "alpine",
  "&& echo x",
  "",
  "sh: syntax error: unexpected \"&&\"\n",
  2
 ],
 [
  "debian",
  "echo ${",
  "",
  "sh: 1: Syntax error: Missing '}'\n",
  2
 ],
 [
  "alpine",
  "echo ${",
  "",
  "sh: syntax error: missing '}'\n",
  2
 ],
 [
  "debian",
  "echo $(fi)",
  "",
  "sh: 1: Syntax error: \"fi\" unexpected (expecting \")\")\n",
  2
 ],
 [
  "alpine",
  "echo $(fi)",
  "",
  "sh: syntax error: unexpected \"fi\" (expecting \")\")\n",
  2
 ],
 [
  "debian",
  "{ echo a",
  "",
  "sh: 1: Syntax error: end of file unexpected (expecting \"}\")\n",
  2
 ],
 [
  "alpine",
  "{ echo a",
  "",
  "sh: syntax error: unexpected end of file (expecting \"}\")\n",
  2
 ],
 [
  "debian",
  "while true; do echo x",
  "",
  "sh: 1: Syntax error: end of file unexpected (expecting \"done\")\n",
  2
 ],
 [
  "alpine",
  "while true; do echo x",
  "",
  "sh: syntax error: unexpected end of file (expecting \"done\")\n",
  2
 ],
 [
  "debian",
  "if; then fi",
  "",
  "sh: 1: Syntax error: \";\" unexpected\n",
  2
 ],
 [
  "alpine",
  "if; then fi",
  "",
  "sh: syntax error: unexpected \";\"\n",
  2
 ],
 [
  "debian",
  "cd /nonexistent",
  "",
  "sh: 1: cd: can't cd to /nonexistent\n",
  2
 ],
 [
  "alpine",
  "cd /nonexistent",
  "",
  "sh: cd: line 0: can't cd to /nonexistent: No such file or directory\n",
  2
 ],
 [
  "debian",
  "cd /tmp; pwd",
  "/tmp\n",
  "",
  0
 ],
 [
  "alpine",
  "cd /tmp; pwd",
  "/tmp\n",
  "",
  0
 ],
 [
  "debian",
  "echo -n no-nl; echo end",
  "no-nlend\n",
  "",
  0
 ],
 [
  "alpine",
  "echo -n no-nl; echo end",
  "no-nlend\n",
  "",
  0
 ],
 [
  "debian",
  "unset x; x=1; unset x; echo \"[${x}]\"",
  "[]\n",
  "",
  0
 ],
 [
  "alpine",
  "unset x; x=1; unset x; echo \"[${x}]\"",
  "[]\n",
  "",
  0
 ],
 [
  "debian",
  "export A=1; printenv A",
  "1\n",
  "",
  0
 ],
 [
  "debian",
  "A=2 printenv A; echo \"[$A]\"",
  "2\n[]\n",
  "",
  0
 ],
 [
  "debian",
  "echo $0",
  "sh\n",
  "",
  0
 ],
 [
  "alpine",
  "echo $0",
  "sh\n",
  "",
  0
 ],
 [
  "debian",
  "IFS=:; set -- a:b:c; echo $2",
  "\n",
  "",
  0
 ],
 [
  "alpine",
  "IFS=:; set -- a:b:c; echo $2",
  "\n",
  "",
  0
 ],
 [
  "debian",
  "read line < f0; echo \"r=$?\"",
  "r=2\n",
  "sh: 1: cannot open f0: No such file\n",
  0
 ],
 [
  "alpine",
  "read line < f0; echo \"r=$?\"",
  "r=1\n",
  "sh: can't open f0: no such file\n",
  0
 ],
 [
  "debian",
  "printf 'l1\\nl2\\n' > in.txt; while read -r l; do echo \"got $l\"; done < in.txt",
  "got l1\ngot l2\n",
  "",
  0
 ],
 [
  "alpine",
  "printf 'l1\\nl2\\n' > in.txt; while read -r l; do echo \"got $l\"; done < in.txt",
  "got l1\ngot l2\n",
  "",
  0
 ],
 [
  "debian",
  "kill -9 999999",
  "",
  "sh: 1: kill: No such process\n\n",
  1
 ],
 [
  "alpine",
  "kill -9 999999",
  "",
  "sh: can't kill pid 999999: No such process\n",
  1
 ],
 [
  "debian",
  "echo `echo nested \\`echo deep\\``",
  "nested deep\n",
  "",
  0
 ],
 [
  "alpine",
  "echo `echo nested \\`echo deep\\``",
  "nested deep\n",
  "",
  0
 ],
 [
  "debian",
  "a=x; case $a in x) echo matched-x;; esac",
  "matched-x\n",
  "",
  0
 ],
 [
  "alpine",
  "a=x; case $a in x) echo matched-x;; esac",
  "matched-x\n",
  "",
  0
 ],
 [
  "debian",
  "echo $((0x10 + 010))",
  "24\n",
  "",
  0
 ],
 [
  "alpine",
  "echo $((0x10 + 010))",
  "24\n",
  "",
  0
 ],
 [
  "debian",
  "trap 'echo trapped' EXIT; echo body",
  "body\ntrapped\n",
  "",
  0
 ],
 [
  "alpine",
  "trap 'echo trapped' EXIT; echo body",
  "body\ntrapped\n",
  "",
  0
 ],
 [
  "debian",
  "type cd",
  "cd is a shell builtin\n",
  "",
  0
 ],
 [
  "alpine",
  "type cd",
  "cd is a shell builtin\n",
  "",
  0
 ],
 [
  "debian",
  "command -v cd",
  "cd\n",
  "",
  0
 ],
 [
  "alpine",
  "command -v cd",
  "cd\n",
  "",
  0
 ]
];

describe('sh -c, compared with real dash and busybox ash', () => {
  it.each(CASES)('%s: %s', (os, script, stdout, stderr, code) => {
    const r = sh(os, script);
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code });
  });
});
