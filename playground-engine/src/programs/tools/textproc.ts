/**
 * More text tools people pipe into: tr, uniq, xargs, column, watch; and the full-screen
 * programs (vi, less, nano…) that a line-oriented terminal cannot run. GNU (coreutils,
 * findutils, util-linux, procps-ng) and BusyBox wordings.
 */
import type { Program, ProcessContext } from '../types';
import type { ExecResult } from '../../node/runtime/types';
import { abs, err, out, type Flavor } from './common';
import { strftime } from './sysutils';
import { bbBanner } from './busybox-builds';

function linesOf(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function readInputs(ctx: ProcessContext, files: string[], tool: string): { text: string; status: number } {
  if (!files.length) return { text: ctx.stdin, status: 0 };
  let text = '';
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      text += ctx.stdin;
      continue;
    }
    const t = ctx.fs.read(abs(ctx, f));
    if (t === undefined) {
      err(ctx, `${tool}: ${f}: ${ctx.fs.isDir(abs(ctx, f)) ? 'Is a directory' : 'No such file or directory'}`);
      status = 1;
      continue;
    }
    text += t;
  }
  return { text, status };
}

// ---- tr ------------------------------------------------------------------------------------

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  space: '\t\n\v\f\r ',
  blank: '\t ',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
};

/** A tr SET: ranges `a-z`, classes `[:upper:]`, escapes `\n \t \\ \NNN`. */
function expandSet(s: string): string {
  const chars: string[] = [];
  let i = 0;
  const one = (): string => {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1];
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
      if (oct) {
        i += 1 + oct[0].length;
        return String.fromCharCode(parseInt(oct[0], 8));
      }
      i += 2;
      return { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', a: '\x07', b: '\b', '\\': '\\' }[n] ?? n;
    }
    i++;
    return c;
  };
  while (i < s.length) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
    if (cls && CLASSES[cls[1]] !== undefined) {
      chars.push(...CLASSES[cls[1]]);
      i += cls[0].length;
      continue;
    }
    const a = one();
    if (s[i] === '-' && i + 1 < s.length) {
      i++;
      const b = one();
      const from = a.charCodeAt(0);
      const to = b.charCodeAt(0);
      for (let c = from; c <= to && c - from < 65536; c++) chars.push(String.fromCharCode(c));
      continue;
    }
    chars.push(a);
  }
  return chars.join('');
}

export function tr(flavor: Flavor): Program {
  return function* (ctx) {
    const flags = new Set<string>();
    const sets: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (sets.length === 0 && /^-[cdsCt]+$/.test(a)) for (const c of a.slice(1)) flags.add(c === 'C' ? 'c' : c);
      else sets.push(a);
    }
    const del = flags.has('d');
    const squeeze = flags.has('s');
    if (!sets.length || (!del && !squeeze && sets.length < 2)) {
      if (flavor === 'gnu') {
        if (!sets.length) err(ctx, "tr: missing operand\nTry 'tr --help' for more information.");
        else err(ctx, `tr: missing operand after '${sets[0]}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.`);
      } else err(ctx, `${bbBanner(ctx)}\n\nUsage: tr [-cds] STRING1 [STRING2]\n`); // wording not verified (usage text)
      return 1;
    }
    const s1 = expandSet(sets[0]);
    const in1 = (c: string) => s1.includes(c) !== flags.has('c');
    let text = ctx.stdin;
    if (del) {
      text = [...text].filter((c) => !in1(c)).join('');
      if (squeeze && sets[1] !== undefined) {
        const s2 = expandSet(sets[1]);
        text = text.replace(/([\s\S])\1+/g, (m, c: string) => (s2.includes(c) ? c : m));
      }
    } else if (sets.length >= 2) {
      const s2 = expandSet(sets[1]);
      const map = new Map<string, string>();
      if (flags.has('c')) {
        // Complement: every character not in SET1 becomes SET2's last character.
        const last = s2[s2.length - 1] ?? '';
        text = [...text].map((c) => (in1(c) ? last : c)).join('');
      } else {
        for (let i = 0; i < s1.length; i++) map.set(s1[i], s2[Math.min(i, s2.length - 1)] ?? s1[i]);
        text = [...text].map((c) => map.get(c) ?? c).join('');
      }
      if (squeeze) text = text.replace(/([\s\S])\1+/g, (m, c: string) => (s2.includes(c) ? c : m));
    } else if (squeeze) {
      text = text.replace(/([\s\S])\1+/g, (m, c: string) => (in1(c) ? c : m));
    }
    out(ctx, text);
    return 0;
  };
}

// ---- uniq ----------------------------------------------------------------------------------

export function uniq(flavor: Flavor): Program {
  return function* (ctx) {
    const flags = new Set<string>();
    const files: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (/^-[cdui]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
      else if (a === '--count') flags.add('c');
      else files.push(a);
    }
    const { text, status } = readInputs(ctx, files.slice(0, 1), 'uniq');
    if (status) return 1;
    const ls = linesOf(text);
    const same = (a: string, b: string) => (flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
    let o = '';
    for (let i = 0; i < ls.length; ) {
      let j = i + 1;
      while (j < ls.length && same(ls[j], ls[i])) j++;
      const n = j - i;
      if (!(flags.has('d') && n < 2) && !(flags.has('u') && n > 1)) o += `${flags.has('c') ? `${String(n).padStart(7)} ` : ''}${ls[i]}\n`;
      i = j;
    }
    if (files[1] !== undefined) ctx.fs.write(abs(ctx, files[1]), o);
    else out(ctx, o);
    void flavor;
    return 0;
  };
}

// ---- column --------------------------------------------------------------------------------

/** util-linux `column -t [-s SEP] [-o SEP]`: a table, each column padded to its widest cell plus two spaces. */
export function column(_flavor: Flavor): Program {
  return function* (ctx) {
    let table = false;
    let seps = ' \t';
    let outSep = '  ';
    const files: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-t' || a === '--table') table = true;
      else if (a === '-s' || a === '-o') {
        const v = args[++i] ?? '';
        if (a === '-s') seps = v;
        else outSep = v;
      } else if (/^-s./.test(a)) seps = a.slice(2);
      else if (/^-o./.test(a)) outSep = a.slice(2);
      else if (/^-t[s]/.test(a)) {
        table = true;
        seps = a.slice(3) || args[++i] || seps;
      } else files.push(a);
    }
    const { text, status } = readInputs(ctx, files, 'column');
    const ls = linesOf(text).filter((l) => l.trim() !== '');
    if (!table) {
      if (ls.length) out(ctx, `${ls.join('\n')}\n`);
      return status;
    }
    const splitRe = new RegExp(`[${seps.replace(/[\]\\^-]/g, '\\$&')}]+`);
    const rows = ls.map((l) => l.split(splitRe).filter((c, i, all) => c !== '' || (i > 0 && i < all.length - 1)));
    const widths: number[] = [];
    for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
    for (const r of rows) out(ctx, `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]) + outSep)).join('')}\n`);
    return status;
  };
}

// ---- xargs ---------------------------------------------------------------------------------

/** xargs' words: blanks and newlines separate; quotes and backslashes group, as POSIX says. */
function xargsWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const e = text.indexOf(c, i + 1);
      cur += text.slice(i + 1, e < 0 ? text.length : e);
      has = true;
      i = e < 0 ? text.length : e;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

export function xargs(flavor: Flavor): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    let maxArgs = 0;
    let replace: string | undefined;
    let noEmpty = false;
    let trace = false;
    let nul = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-n' || a === '-L') maxArgs = parseInt(args[++i] ?? '', 10);
      else if (/^-[nL]\d+$/.test(a)) maxArgs = parseInt(a.slice(2), 10);
      else if (a === '-I') replace = args[++i];
      else if (a.startsWith('-I')) replace = a.slice(2);
      else if (a === '-i' || a === '--replace') replace = '{}';
      else if (a === '-r' || a === '--no-run-if-empty') noEmpty = true;
      else if (a === '-t' || a === '--verbose') trace = true;
      else if (a === '-0' || a === '--null') nul = true;
      else if (/^-[rt0]+$/.test(a)) {
        noEmpty ||= a.includes('r');
        trace ||= a.includes('t');
        nul ||= a.includes('0');
      } else {
        err(ctx, flavor === 'gnu' ? `xargs: invalid option -- '${a.replace(/^-+/, '')[0]}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.` : `xargs: invalid option -- '${a.replace(/^-+/, '')[0]}'`);
        return 1;
      }
      if (Number.isNaN(maxArgs)) {
        err(ctx, `xargs: invalid number "${args[i]}" for -n option`); // wording not verified
        return 1;
      }
    }
    const cmd = args.slice(i).length ? args.slice(i) : ['echo'];
    const batches: string[][] = [];
    if (replace !== undefined) {
      // -I: one command per input line, the line (leading blanks removed) replacing every REPLACE.
      for (const l of linesOf(ctx.stdin)) {
        const line = l.replace(/^\s+/, '');
        if (!line) continue;
        batches.push(cmd.map((w) => w.split(replace!).join(line)));
      }
    } else {
      const words = nul ? ctx.stdin.split('\0').filter((w, k, all) => w !== '' || k < all.length - 1) : xargsWords(ctx.stdin);
      const n = maxArgs > 0 ? maxArgs : Math.max(1, words.length);
      for (let k = 0; k < words.length; k += n) batches.push([...cmd, ...words.slice(k, k + n)]);
      if (!words.length && !noEmpty) batches.push([...cmd]);
    }
    let status = 0;
    for (const argv of batches.slice(0, 10_000)) {
      if (trace) err(ctx, argv.join(' '));
      const found = ctx.sys?.which(argv[0], ctx.env.get('PATH'));
      if (found === undefined || typeof found !== 'string') {
        err(ctx, flavor === 'gnu' ? `xargs: ${argv[0]}: ${found === undefined ? 'No such file or directory' : 'Permission denied'}` : `xargs: can't execute '${argv[0]}': ${found === undefined ? 'No such file or directory' : 'Permission denied'}`); // busybox wording not verified
        return found === undefined ? 127 : 126;
      }
      const fut = ctx.spawn(argv, { stdout: 'stdout', stderr: 'stderr', cwd: ctx.cwd, env: ctx.env });
      const r = (yield { kind: 'await', future: fut }) as ExecResult;
      const code = r && 'exitCode' in r ? r.exitCode : 1;
      if (code === 255) {
        err(ctx, `xargs: ${argv[0]}: exited with status 255; aborting`);
        return 124;
      }
      if (code >= 128) {
        err(ctx, `xargs: ${argv[0]}: terminated by signal ${code - 128}`);
        return 125;
      }
      if (code !== 0) status = 123;
    }
    return status;
  };
}

// ---- watch ---------------------------------------------------------------------------------

/**
 * procps-ng watch: runs the command every N seconds (default 2) until interrupted, each time
 * under the header `Every 2.0s: COMMAND` with the time at the right of an 80-column line. The
 * terminal has no screen to redraw, so each run's output follows the last one; the terminal's
 * wait (its Ctrl-C, or the step's horizon) ends it.
 */
export function watch(flavor: Flavor): Program {
  return function* (ctx) {
    // procps-ng watch ends on Ctrl-C through its handler, with status 0 (watch.c: die → do_exit(EXIT_SUCCESS));
    // BusyBox's watch keeps the default action.
    if (flavor !== 'busybox') ctx.onSignal('SIGINT', () => ctx.exit(0));
    const args = ctx.argv.slice(1);
    let interval = 2;
    let header = true;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '-n' || a === '--interval') interval = parseFloat(args[++i] ?? '');
      else if (/^-n[\d.]+$/.test(a)) interval = parseFloat(a.slice(2));
      else if (a.startsWith('--interval=')) interval = parseFloat(a.slice(11));
      else if (a === '-t' || a === '--no-title') header = false;
      else if (a === '-d' || a === '--differences' || a === '-x' || a === '--exec') continue;
      else if (a === '--') {
        i++;
        break;
      } else break;
    }
    const cmd = args.slice(i);
    if (!cmd.length) {
      err(ctx, '\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -c, --color            interpret ANSI color and style sequences\n  -d, --differences[=<permanent>]\n                         highlight changes between updates\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -n, --interval <secs>  seconds to wait between updates\n  -p, --precise          attempt run command in precise intervals\n  -t, --no-title         turn off header\n  -x, --exec             pass command to exec instead of "sh -c"\n\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n\nFor more details see watch(1).'); // wording not verified (procps-ng 3.3.10 usage)
      return 1;
    }
    if (!(interval >= 0.1)) interval = 0.1;
    const line = cmd.join(' ');
    for (let n = 0; n < 100_000; n++) {
      if (header) out(ctx, `${watchHeader(interval, line, strftime('%a %b %e %H:%M:%S %Y', ctx, false))}\n\n`);
      const fut = ctx.spawn(['sh', '-c', line], { stdout: 'stdout', stderr: 'stderr', cwd: ctx.cwd, env: ctx.env });
      yield { kind: 'await', future: fut };
      out(ctx, '\n');
      yield { kind: 'sleep', ms: Math.round(interval * 1000) };
    }
    return 0;
  };
}

/**
 * procps-ng 3.3.10 watch.c output_header() on an 80-column screen: `Every %.1fs: ` and the
 * command from the left, ctime() (24 characters and its newline, so tsl = 25) from column
 * width - tsl + 1; a command that does not fit before it is cut, with `... ` at width - tsl - 4.
 * No hostname (later procps-ng releases put `host: ` before the time; CentOS 7 screens show
 * none). Columns are counted in characters (watch8bit counts wcswidth).
 */
export function watchHeader(interval: number, command: string, ctime: string, width = 80): string {
  const tsl = ctime.length + 1;
  const header = `Every ${interval.toFixed(1)}s: `;
  const room = width - tsl - header.length;
  const left = command.length <= room ? header + command : header + command.slice(0, Math.max(0, room - 4)) + '... ';
  return left.padEnd(width - tsl + 1) + ctime;
}

// ---- full-screen programs ------------------------------------------------------------------

/** vi, vim, nano, less, more, top: a terminal of lines cannot show them; say so plainly. */
export function fullScreen(name: string): Program {
  return function* (ctx) {
    const what = name === 'less' || name === 'more' ? 'a pager' : name === 'top' ? 'a full-screen monitor' : 'a full-screen editor';
    const instead = name === 'less' || name === 'more' ? 'to read a file use cat, head, tail or grep' : name === 'top' ? 'use ps or kubectl top' : 'to change a file use sed -i, or cat > FILE <<EOF … EOF';
    err(ctx, `hint: ${name} is ${what}, which this simulated terminal cannot show; ${instead}`);
    return 1;
  };
}
