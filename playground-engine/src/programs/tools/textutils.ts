/**
 * Text tools: head, tail (including `tail -f`, which blocks), wc, grep, sort, cut, tee, seq,
 * basename, dirname — GNU and BusyBox wordings.
 */
import type { Program, ProcessContext } from '../types';
import { abs, baseOf, err, out, parseShort, STRERROR, writeFileErr, type Flavor } from './common';
import { bbBanner } from './busybox-builds';
import { byteOrder, collateOf } from './collate';
import { byteLength, bytesOf, charsOf, textOfBytes, utf8Locale } from './bytes';

function inputs(ctx: ProcessContext, files: string[], tool: string, flavor: Flavor): { texts: Array<{ name: string; text: string }>; status: number } {
  if (!files.length) return { texts: [{ name: '-', text: ctx.stdin }], status: 0 };
  const texts: Array<{ name: string; text: string }> = [];
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      texts.push({ name: f, text: ctx.stdin });
      continue;
    }
    const p = abs(ctx, f);
    const t = ctx.fs.read(p);
    if (t === undefined) {
      const isDir = ctx.fs.isDir(p);
      if (tool === 'head' || tool === 'tail') {
        err(ctx, flavor === 'gnu' ? (isDir ? `${tool}: error reading '${f}': Is a directory` : `${tool}: cannot open '${f}' for reading: No such file or directory`) : `${tool}: ${f}: ${isDir ? 'Is a directory' : 'No such file or directory'}`);
      } else err(ctx, `${tool}: ${f}: ${isDir ? 'Is a directory' : 'No such file or directory'}`);
      status = tool === 'grep' ? 2 : 1;
      continue;
    }
    texts.push({ name: f, text: t });
  }
  return { texts, status };
}

function lines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function countArg(args: string[]): { n: number; rest: string[]; fromStart?: boolean; bytes?: boolean } {
  const rest: string[] = [];
  let n = 10;
  let fromStart = false;
  let bytes = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-n' || a === '-c') && args[i + 1] !== undefined) {
      const v = args[++i];
      fromStart = v.startsWith('+');
      n = Math.abs(parseInt(v, 10));
      bytes = a === '-c';
    } else if (/^-[nc][+-]?\d+$/.test(a) || /^--(lines|bytes)=[+-]?\d+$/.test(a)) {
      const v = a.startsWith('--') ? a.slice(a.indexOf('=') + 1) : a.slice(2);
      fromStart = v.startsWith('+');
      n = Math.abs(parseInt(v, 10));
      bytes = a[1] === 'c' || a.startsWith('--bytes');
    } else if (/^-\d+$/.test(a)) n = parseInt(a.slice(1), 10);
    else if (a === '-f' || a === '-F' || a === '-q') rest.push(a);
    else rest.push(a);
  }
  return { n, rest, fromStart, bytes };
}

export function head(flavor: Flavor): Program {
  return function* (ctx) {
    const { n, rest, bytes } = countArg(ctx.argv.slice(1));
    const files = rest.filter((a) => !a.startsWith('-') || a === '-');
    const { texts, status } = inputs(ctx, files, 'head', flavor);
    texts.forEach((t, i) => {
      if (texts.length > 1) out(ctx, `${i ? '\n' : ''}==> ${t.name === '-' ? 'standard input' : t.name} <==\n`);
      if (bytes) {
        // -c counts bytes: a character cut in two leaves its first bytes
        out(ctx, textOfBytes(bytesOf(t.text).slice(0, n)));
        return;
      }
      const ls = lines(t.text).slice(0, n);
      if (ls.length) out(ctx, `${ls.join('\n')}\n`);
    });
    return status;
  };
}

export function tail(flavor: Flavor): Program {
  return function* (ctx) {
    const { n, rest, fromStart, bytes } = countArg(ctx.argv.slice(1));
    const follow = rest.includes('-f') || rest.includes('-F');
    const files = rest.filter((a) => !a.startsWith('-') || a === '-');
    const { texts, status } = inputs(ctx, files, 'tail', flavor);
    texts.forEach((t, i) => {
      if (texts.length > 1) out(ctx, `${i ? '\n' : ''}==> ${t.name} <==\n`);
      if (bytes) {
        const b = bytesOf(t.text);
        out(ctx, textOfBytes(fromStart ? b.slice(Math.max(0, n - 1)) : n === 0 ? b.slice(b.length) : b.slice(-n)));
        return;
      }
      const all = lines(t.text);
      const ls = fromStart ? all.slice(Math.max(0, n - 1)) : n === 0 ? [] : all.slice(-n);
      if (ls.length) out(ctx, `${ls.join('\n')}\n`);
    });
    if (follow && files.length) {
      // `tail -f` never ends by itself (a common way to keep a container running); it checks
      // its files once a second and prints what was appended (-F: also a file that appears later).
      const seen = new Map(files.filter((f) => f !== '-').map((f) => [f, ctx.fs.read(f)?.length ?? 0]));
      if (!seen.size) {
        yield { kind: 'pause' };
        return 0;
      }
      for (;;) {
        yield { kind: 'sleep', ms: 1000 };
        for (const [f, at] of seen) {
          const text = ctx.fs.read(f);
          if (text === undefined) continue;
          const from = text.length < at ? 0 : at;
          if (text.length > from) out(ctx, text.slice(from));
          seen.set(f, text.length);
        }
      }
    }
    return status;
  };
}

export function wc(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    // GNU wc's columns: lines, words, characters (-m), bytes (-c). -m counts multibyte
    // characters only in a UTF-8 locale (MB_CUR_MAX > 1); in C a character is a byte.
    // unverified: BusyBox's -m without a UTF-8 LANG taken as bytes too.
    const want = { l: o.flags.has('l'), w: o.flags.has('w'), m: o.flags.has('m'), c: o.flags.has('c') };
    if (!want.l && !want.w && !want.m && !want.c) want.l = want.w = want.c = true;
    const multibyte = utf8Locale(ctx.env);
    const { texts, status } = inputs(ctx, o.operands, 'wc', flavor);
    const rows = texts.map((t) => ({
      name: t.name === '-' ? '' : t.name,
      counts: [
        want.l ? (t.text.match(/\n/g) ?? []).length : -1,
        want.w ? t.text.split(/\s+/).filter(Boolean).length : -1,
        want.m ? (multibyte ? [...charsOf(t.text)].filter((ch) => !/^[\udc80-\udcff]$/.test(ch)).length : byteLength(t.text)) : -1,
        want.c ? byteLength(t.text) : -1,
      ].filter((x) => x >= 0),
    }));
    if (rows.length > 1) rows.push({ name: 'total', counts: rows[0].counts.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0)) });
    const single = rows.length === 1 && rows[0].counts.length === 1;
    const fromStdin = o.operands.length === 0;
    const width = flavor === 'busybox' ? 9 : single ? 0 : fromStdin ? 7 : Math.max(1, ...rows.flatMap((r) => r.counts.map((c) => String(c).length)));
    for (const r of rows) {
      const cs = single && flavor === 'busybox' ? [String(r.counts[0])] : r.counts.map((c) => String(c).padStart(width));
      out(ctx, `${cs.join(' ')}${r.name ? ` ${r.name}` : ''}\n`);
    }
    return status;
  };
}

/** POSIX basic regular expression to a JavaScript one. */
export function breToJs(p: string): string {
  let outp = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      if ('(){}|+?'.includes(n)) outp += n;
      else outp += `\\${n}`;
      continue;
    }
    if ('(){}|+?'.includes(c)) outp += `\\${c}`;
    else outp += c;
  }
  return outp;
}

export function grep(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1), 'eAmBC');
    const ops = [...o.operands];
    const pattern = o.values.get('e') ?? ops.shift();
    if (pattern === undefined) {
      err(ctx, flavor === 'gnu' ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information." : `${bbBanner(ctx)}\n\nUsage: grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n`);
      return 2;
    }
    const f = o.flags;
    // every -e pattern is one alternative (GNU grep and BusyBox alike)
    const patterns = o.lists.get('e') ?? [pattern];
    const one = (pt: string) => (f.has('F') ? pt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.has('E') ? pt : breToJs(pt));
    let src = patterns.length > 1 ? patterns.map((pt) => `(?:${one(pt)})`).join('|') : one(pattern);
    if (f.has('w')) src = `\\b(?:${src})\\b`;
    if (f.has('x')) src = `^(?:${src})$`;
    let re: RegExp;
    try {
      re = new RegExp(src, f.has('i') ? 'i' : '');
    } catch {
      err(ctx, flavor === 'gnu' ? 'grep: Unmatched ( or \\(' : `grep: bad regex '${pattern}'`);
      return 2;
    }
    const { texts, status } = inputs(ctx, ops, 'grep', flavor);
    const many = texts.length > 1 && !f.has('h');
    let matched = false;
    const max = o.values.has('m') ? Number(o.values.get('m')) : Infinity;
    // Context lines (-A/-B/-C): printed with `-` after the file name and line number, and a
    // `--` line between groups that are not adjacent (GNU grep and BusyBox alike).
    const num = (k: string) => (o.values.has(k) ? Math.max(0, parseInt(o.values.get(k)!, 10) || 0) : undefined);
    const after = num('A') ?? num('C') ?? 0;
    const before = num('B') ?? num('C') ?? 0;
    const context = (after > 0 || before > 0) && !f.has('c') && !f.has('l') && !f.has('q');
    let lastPrinted = -1;
    let anyPrinted = false;
    for (const t of texts) {
      let count = 0;
      const ls = lines(t.text);
      const fileName = t.name === '-' ? '(standard input)' : t.name;
      let afterLeft = 0;
      lastPrinted = -1;
      const printContext = (j: number) => {
        if (anyPrinted && lastPrinted !== j - 1) out(ctx, '--\n');
        out(ctx, `${many ? `${fileName}-` : ''}${f.has('n') ? `${j + 1}-` : ''}${ls[j]}\n`);
        lastPrinted = j;
        anyPrinted = true;
      };
      for (let i = 0; i < ls.length; i++) {
        const hit = count < max && re.test(ls[i]) !== f.has('v');
        if (!hit) {
          if (context && afterLeft > 0) {
            printContext(i);
            afterLeft--;
          }
          if (count >= max && afterLeft === 0) break;
          continue;
        }
        count++;
        matched = true;
        if (f.has('q')) return 0;
        if (f.has('c') || f.has('l')) continue;
        if (context) {
          for (let j = Math.max(lastPrinted + 1, i - before); j < i; j++) printContext(j);
          if (anyPrinted && lastPrinted !== i - 1) out(ctx, '--\n');
          lastPrinted = i;
          anyPrinted = true;
          afterLeft = after;
        }
        const prefix = `${many ? `${fileName}:` : ''}${f.has('n') ? `${i + 1}:` : ''}`;
        if (f.has('o') && !f.has('v')) {
          const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
          for (const m of ls[i].matchAll(g)) if (m[0]) out(ctx, `${prefix}${m[0]}\n`);
        } else out(ctx, `${prefix}${ls[i]}\n`);
      }
      if (f.has('c')) out(ctx, `${many ? `${t.name}:` : ''}${count}\n`);
      if (f.has('l') && count) out(ctx, `${t.name === '-' ? '(standard input)' : t.name}\n`);
    }
    if (status && !matched) return 2;
    return matched ? (status && !f.has('s') ? 2 : 0) : 1;
  };
}

/** A `-k` key: fields N..M (1-based; M = 0 for the end of the line), with its own ordering flags. */
interface SortKey {
  from: number;
  to: number;
  flags: string;
}

function parseKey(spec: string): SortKey | undefined {
  const m = /^(\d+)(?:\.\d+)?([bdfhgnrMV]*)(?:,(\d+)(?:\.\d+)?([bdfhgnrMV]*))?$/.exec(spec);
  if (!m || Number(m[1]) < 1) return undefined;
  return { from: Number(m[1]), to: m[3] ? Number(m[3]) : 0, flags: (m[2] ?? '') + (m[4] ?? '') };
}

/** Leading number of a key as `sort -n` reads it (blanks skipped; no number sorts as 0). */
function numPrefix(s: string): number {
  const m = /^\s*(-?\d*\.?\d+)/.exec(s);
  return m ? parseFloat(m[1]) : 0;
}

export function sort(flavor: Flavor): Program {
  return function* (ctx) {
    // Options may repeat (`-k 2,2 -k 1`): read them in order.
    const keys: SortKey[] = [];
    const flags = new Set<string>();
    let sep: string | undefined;
    const operands: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (!a.startsWith('-') || a === '-') {
        operands.push(a);
        continue;
      }
      if (a.startsWith('--')) {
        if (a === '--reverse') flags.add('r');
        else if (a === '--numeric-sort') flags.add('n');
        else if (a === '--unique') flags.add('u');
        else if (a.startsWith('--key=')) {
          const k = parseKey(a.slice(6));
          if (k) keys.push(k);
        } else if (a.startsWith('--field-separator=')) sep = a.slice(18);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'k' || c === 't') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) {
            err(ctx, flavor === 'gnu' ? `sort: option requires an argument -- '${c}'\nTry 'sort --help' for more information.` : `sort: option requires an argument -- '${c}'`);
            return 2;
          }
          if (c === 't') sep = v;
          else {
            const k = parseKey(v);
            if (!k) {
              err(ctx, `sort: invalid number at field start: invalid count at start of '${v}'`);
              return 2;
            }
            keys.push(k);
          }
          break;
        }
        flags.add(c);
      }
    }
    const { texts, status } = inputs(ctx, operands, 'sort', flavor);
    let ls = texts.flatMap((t) => lines(t.text));
    const fieldsOf = (l: string): string[] => {
      if (sep !== undefined) return l.split(sep);
      // Without -t a field is its leading blanks and the non-blanks after them.
      return l.match(/\s*\S+/g) ?? [];
    };
    const keyText = (l: string, k: SortKey): string => {
      const fs = fieldsOf(l);
      const to = k.to === 0 ? fs.length : Math.min(k.to, fs.length);
      const t = fs.slice(k.from - 1, to).join(sep ?? '');
      return k.flags.includes('b') || sep === undefined ? t.replace(/^\s+/, '') : t;
    };
    // GNU sort compares keys and whole lines with strcoll in the process's locale
    // (xmemcoll0 when hard_LC_COLLATE), bytes in C; BusyBox sort uses strcmp.
    const coll = flavor === 'gnu' ? collateOf(ctx.env) : byteOrder;
    const cmpText = (a: string, b: string, f: string): number => {
      if (f.includes('n')) return numPrefix(a) - numPrefix(b);
      if (f.includes('V')) return a.localeCompare(b, 'en', { numeric: true });
      if (f.includes('f')) {
        a = a.toUpperCase();
        b = b.toUpperCase();
      }
      return coll(a, b);
    };
    const global = [...flags].join('');
    const allKeys = keys.length ? keys.map((k) => ({ ...k, flags: k.flags.replace(/[b]/g, '') || global })) : [{ from: 0, to: 0, flags: global }];
    const compareKeys = (a: string, b: string): number => {
      for (const k of allKeys) {
        const ka = k.from === 0 ? a : keyText(a, k);
        const kb = k.from === 0 ? b : keyText(b, k);
        let c = cmpText(ka, kb, k.flags);
        if (k.flags.includes('r')) c = -c;
        if (c) return c;
      }
      return 0;
    };
    ls = ls.map((l, i) => ({ l, i })).sort((x, y) => {
      const c = compareKeys(x.l, y.l);
      if (c || flags.has('u') || flags.has('s')) return c || x.i - y.i;
      // GNU's last resort: the whole line, collated (reversed too by -r).
      const last = coll(x.l, y.l);
      return (flags.has('r') ? -last : last) || x.i - y.i;
    }).map((x) => x.l);
    if (flags.has('u')) ls = ls.filter((l, i) => i === 0 || compareKeys(l, ls[i - 1]) !== 0);
    if (ls.length) out(ctx, `${ls.join('\n')}\n`);
    return status;
  };
}

export function cut(flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1), 'dfcb');
    const { texts, status } = inputs(ctx, o.operands, 'cut', flavor);
    const spec = o.values.get('f') ?? o.values.get('c') ?? o.values.get('b');
    // -b picks bytes. -c picks characters where cut knows multibyte characters: GNU cut with
    // the i18n patch CentOS builds coreutils with, in a UTF-8 locale; elsewhere (upstream GNU
    // as in Debian, BusyBox, the C locale) -c is -b. unverified: Debian images that set a
    // UTF-8 LANG (upstream cut, bytes) get characters here.
    const byBytes = o.values.has('b') || (o.values.has('c') && !(flavor === 'gnu' && utf8Locale(ctx.env)));
    if (!spec) {
      err(ctx, flavor === 'gnu' ? "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information." : 'cut: expected a list of bytes, characters, or fields');
      return 1;
    }
    const want = (n: number) =>
      spec.split(',').some((r) => {
        const m = /^(\d*)(-?)(\d*)$/.exec(r);
        if (!m) return false;
        const a = m[1] ? Number(m[1]) : 1;
        const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
        return n >= a && n <= b;
      });
    for (const t of texts) {
      for (const l of lines(t.text)) {
        if (byBytes) {
          out(ctx, `${textOfBytes(bytesOf(l).filter((_, i) => want(i + 1)))}\n`);
          continue;
        }
        if (o.values.has('c')) {
          out(ctx, `${[...charsOf(l)].filter((_, i) => want(i + 1)).join('')}\n`);
          continue;
        }
        const d = o.values.get('d') ?? '\t';
        if (!l.includes(d)) {
          out(ctx, `${l}\n`);
          continue;
        }
        out(ctx, `${l.split(d).filter((_, i) => want(i + 1)).join(d)}\n`);
      }
    }
    return status;
  };
}

export function tee(_flavor: Flavor): Program {
  return function* (ctx) {
    const o = parseShort(ctx.argv.slice(1));
    // each file is opened before the copy: one that cannot be is reported (coreutils
    // `error (0, errno, "%s", quotef (file))`, busybox fopen_or_warn) and the status is 1
    let status = 0;
    for (const f of o.operands) {
      const e = writeFileErr(ctx.fs, abs(ctx, f), ctx.stdin, o.flags.has('a'));
      if (e) {
        // unverified: coreutils quotes names with special characters (quotef); plain names shown as is
        err(ctx, `tee: ${f}: ${STRERROR[e]}`);
        status = 1;
      }
    }
    out(ctx, ctx.stdin);
    return status;
  };
}

export function seq(flavor: Flavor): Program {
  return function* (ctx) {
    const nums = ctx.argv.slice(1).map(Number);
    if (!nums.length || nums.some((n) => Number.isNaN(n))) {
      err(ctx, flavor === 'gnu' ? "seq: missing operand\nTry 'seq --help' for more information." : 'seq: invalid number');
      return 1;
    }
    const [first, inc, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
    let s = '';
    let count = 0;
    for (let v = first; inc > 0 ? v <= last : v >= last; v += inc) {
      s += `${v}\n`;
      if (++count > 100_000 || inc === 0) break;
    }
    out(ctx, s);
    return 0;
  };
}

export function basename(_flavor: Flavor): Program {
  return function* (ctx) {
    const [p, suffix] = ctx.argv.slice(1);
    if (p === undefined) {
      err(ctx, "basename: missing operand\nTry 'basename --help' for more information.");
      return 1;
    }
    let b = baseOf(p);
    if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
    out(ctx, `${b}\n`);
    return 0;
  };
}

export function dirname(_flavor: Flavor): Program {
  return function* (ctx) {
    const p = ctx.argv[1];
    if (p === undefined) {
      err(ctx, "dirname: missing operand\nTry 'dirname --help' for more information.");
      return 1;
    }
    const t = p.replace(/\/+$/, '');
    const i = t.lastIndexOf('/');
    out(ctx, `${i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i)}\n`);
    return 0;
  };
}
