/**
 * GNU od (coreutils src/od.c, as CentOS 7's coreutils 8.22 has it): the traditional format
 * options (-a -b -c -d -i -l -o -s -x and their undocumented aliases), `-t TYPE` (a, c, d/o/u/x
 * with a size in bytes or C/S/I/L, the `z` trailer), -A [doxn], -j, -N, -v, -w[BYTES], -S
 * strings, several files read as one input. The output is od.c's: the address (7 octal or
 * decimal digits, 6 hex ones, or none), one line per format, fields padded so that the formats'
 * columns line up (main's width_per_block / pad_width, PRINT_FIELDS's pad distribution), `*`
 * for repeated 16-byte blocks, the zero-padded last block, the final address.
 *
 * Not modelled (said on stderr with a hint, exit 1): floating point types (-f, -t f), the
 * --traditional offset and label operands, --help.
 */
import type { Program, ProcessContext } from '../types';
import { abs, err, out } from './common';
import { bytesOf } from './bytes';

type Fmt = 'a' | 'c' | 'd' | 'o' | 'u' | 'x';

interface Spec {
  fmt: Fmt;
  /** Bytes per value. */
  size: number;
  /** Minimum width of a field, excluding the leading space. */
  width: number;
  pad: number;
  trailer: boolean;
}

const OCT_DIGITS = [0, 3, 6, 8, 11, 14, 16, 19, 22];
const SDEC_DIGITS = [1, 4, 6, 8, 11, 13, 16, 18, 20];
const UDEC_DIGITS = [0, 3, 5, 8, 10, 13, 15, 17, 20];
const HEX_DIGITS = [0, 2, 4, 6, 8, 10, 12, 14, 16];
/** x86_64: char 1, short 2, int 4, long 8 (long long 8). */
const NAMED_SIZE: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 };

const CHARNAME = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];

/** The traditional options and the type strings they stand for (main's CASE_OLD_ARG). */
const OLD: Record<string, string> = { a: 'a', b: 'o1', c: 'c', D: 'u4', d: 'u2', F: 'fD', e: 'fD', f: 'fF', X: 'x4', H: 'x4', i: 'dI', I: 'dL', L: 'dL', l: 'dL', O: 'o4', B: 'o2', o: 'o2', s: 'd2', h: 'x2', x: 'x2' };

class Fatal {
  constructor(readonly message: string, readonly tryHelp = false) {}
}

/** What this od does not model: a `hint:` line, exit 1. */
class NotModelled extends Fatal {}

const VERSION = 'od (GNU coreutils) 8.22\nCopyright (C) 2013 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Jim Meyering.\n';

export function od(): Program {
  return function* (ctx) {
    try {
      return run(ctx);
    } catch (e) {
      if (!(e instanceof Fatal)) throw e;
      err(ctx, e instanceof NotModelled ? `hint: ${e.message}` : `od: ${e.message}`);
      if (e.tryHelp) err(ctx, "Try 'od --help' for more information.");
      return 1;
    }
  };
}

/** quote(): ‘…’ in a UTF-8 locale (gnulib quotearg's locale quoting style), '…' in the C locale. */
function quote(ctx: ProcessContext, s: string): string {
  const loc = ctx.env.get('LC_ALL') || ctx.env.get('LC_CTYPE') || ctx.env.get('LANG') || '';
  return /utf-?8/i.test(loc) ? `\u2018${s}\u2019` : `'${s}'`;
}

/** xstrtoumax with od's multiplier suffixes (b 512, k/K 1024, KB 1000, M, MB, G...); undefined when invalid. */
function parseBytes(s: string): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([bkKMGTPEZY]?)(B|iB)?$/.exec(s);
  if (!m) return undefined;
  let n = m[1].startsWith('0x') || m[1].startsWith('0X') ? parseInt(m[1].slice(2), 16) : m[1].startsWith('0') && m[1].length > 1 ? parseInt(m[1], 8) : Number(m[1]);
  const suf = m[2];
  if (suf) {
    if (suf === 'b') n *= 512;
    else {
      const base = m[3] === 'B' ? 1000 : 1024;
      const pow = 'kKMGTPEZY'.indexOf(suf);
      n *= base ** (suf === 'k' || suf === 'K' ? 1 : pow);
    }
  } else if (m[3]) return undefined;
  return Number.isSafeInteger(n) ? n : undefined;
}

function decodeFormat(ctx: ProcessContext, orig: string, specs: Spec[]): void {
  let s = orig;
  while (s.length) {
    const c = s[0];
    let size: number;
    let width: number;
    let fmt: Fmt;
    if ('doux'.includes(c)) {
      fmt = c as Fmt;
      s = s.slice(1);
      if (s[0] && s[0] in NAMED_SIZE) {
        size = NAMED_SIZE[s[0]];
        s = s.slice(1);
      } else {
        const m = /^\d+/.exec(s);
        if (!m) size = 4;
        else {
          size = Number(m[0]);
          if (![1, 2, 4, 8].includes(size)) throw new Fatal(`invalid type string ${quote(ctx, orig)};\nthis system doesn't provide a ${size}-byte integral type`);
          s = s.slice(m[0].length);
        }
      }
      width = (fmt === 'd' ? SDEC_DIGITS : fmt === 'o' ? OCT_DIGITS : fmt === 'u' ? UDEC_DIGITS : HEX_DIGITS)[size];
    } else if (c === 'a' || c === 'c') {
      fmt = c;
      size = 1;
      width = 3;
      s = s.slice(1);
    } else if (c === 'f') {
      throw new NotModelled('floating point formats (-f, -t f) are not modelled by this simulated od');
    } else {
      throw new Fatal(`invalid character '${c}' in type string ${quote(ctx, orig)}`);
    }
    const trailer = s[0] === 'z';
    if (trailer) s = s.slice(1);
    specs.push({ fmt, size, width, pad: 0, trailer });
  }
}

function run(ctx: ProcessContext): number {
  const specs: Spec[] = [];
  let radix = 8;
  let addrLen = 7;
  let skip = 0;
  let limit: number | undefined;
  let dupes = true;
  let strings: number | undefined;
  let width: number | undefined;
  const files: string[] = [];
  const args = ctx.argv.slice(1);
  const optionArg = (name: string, value: string | undefined): string => {
    if (value === undefined) throw new Fatal(`option requires an argument -- '${name}'`, true);
    return value;
  };
  const bytesArg = (opt: string, v: string): number => {
    const n = parseBytes(v);
    // gnulib xstrtol_fatal (2013): "invalid %s%s argument '%s'"
    if (n === undefined) throw new Fatal(`invalid ${opt} argument '${v}'`);
    return n;
  };
  const apply = (opt: string, v: string | undefined, shown: string): void => {
    switch (opt) {
      case 'A':
        switch (v?.[0]) {
          case 'd': radix = 10; addrLen = 7; break;
          case 'o': radix = 8; addrLen = 7; break;
          case 'x': radix = 16; addrLen = 6; break;
          case 'n': radix = 0; addrLen = 0; break;
          default: throw new Fatal(`invalid output address radix '${v?.[0] ?? ''}'; it must be one character from [doxn]`);
        }
        break;
      case 'j': skip = bytesArg(shown, v ?? ''); break;
      case 'N': limit = bytesArg(shown, v ?? ''); break;
      case 'S': strings = v === undefined ? 3 : bytesArg(shown, v); break;
      case 't': decodeFormat(ctx, v ?? '', specs); break;
      case 'v': dupes = false; break;
      case 'w': {
        if (v === undefined) width = 32;
        else {
          if (!/^\d+$/.test(v) || Number(v) <= 0) throw new Fatal(`invalid ${shown} argument '${v}'`);
          width = Number(v);
        }
        break;
      }
      default: decodeFormat(ctx, OLD[opt], specs);
    }
  };
  const LONG: Record<string, string> = { 'skip-bytes': 'j', 'address-radix': 'A', 'read-bytes': 'N', format: 't', 'output-duplicates': 'v', strings: 'S', width: 'w', traditional: '', help: '?', version: 'V' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const matches = Object.keys(LONG).filter((k) => k.startsWith(name));
      const key = LONG[name] !== undefined ? name : matches.length === 1 ? matches[0] : undefined;
      if (key === undefined) {
        if (matches.length > 1) throw new Fatal(`option '${a}' is ambiguous; possibilities:${matches.map((m) => ` '--${m}'`).join('')}`, true);
        throw new Fatal(`unrecognized option '${a}'`, true);
      }
      const opt = LONG[key];
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (opt === 'V') {
        out(ctx, VERSION);
        return 0;
      }
      if (opt === '?') throw new NotModelled('od --help is not modelled by this simulated od; see od(1)');
      if (opt === '') continue; // --traditional: its operand forms are not modelled
      if (opt === 'v') {
        if (inline !== undefined) throw new Fatal(`option '--${key}' doesn't allow an argument`, true);
        apply(opt, undefined, `--${key}`);
      } else if (opt === 'S' || opt === 'w') apply(opt, inline, `--${key}`);
      else apply(opt, inline ?? optionArg(`--${key}`, args[++i]), `--${key}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if ('AjNSt'.includes(c)) {
          apply(c, a.slice(j + 1) || optionArg(c, args[++i]), `-${c}`);
          break;
        }
        if (c === 'w') {
          apply(c, a.slice(j + 1) || undefined, '-w');
          break;
        }
        if (c === 'v' || c in OLD) {
          apply(c, undefined, `-${c}`);
          continue;
        }
        throw new Fatal(`invalid option -- '${c}'`, true);
      }
      continue;
    }
    files.push(a);
  }
  if (strings !== undefined && specs.length) throw new Fatal('no type may be specified when dumping strings');
  if (!specs.length) decodeFormat(ctx, 'oS', specs);

  // The input: the files' bytes in order (a missing file is said and skipped).
  let status = 0;
  const chunks: Uint8Array[] = [];
  for (const f of files.length ? files : ['-']) {
    if (f === '-') {
      chunks.push(bytesOf(ctx.stdin));
      continue;
    }
    const p = abs(ctx, f);
    const t = ctx.fs.read(p);
    if (t === undefined) {
      err(ctx, `od: ${f}: ${ctx.fs.isDir(p) ? 'Is a directory' : 'No such file or directory'}`);
      status = 1;
      continue;
    }
    chunks.push(bytesOf(t));
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  if (skip > all.length) {
    err(ctx, 'od: cannot skip past end of combined input');
    return 1;
  }
  const end = limit === undefined ? all.length : Math.min(all.length, skip + limit);
  const data = all.subarray(skip, end);

  const address = (n: number): string => (radix === 0 ? '' : n.toString(radix).padStart(addrLen, '0'));
  const text: string[] = [];
  if (strings !== undefined) {
    dumpStrings(data, skip, strings, address, text);
    out(ctx, text.join(''));
    return status;
  }

  // Output block length: a multiple of the formats' sizes' least common multiple.
  const lcm = specs.reduce((l, s) => (l * s.size) / gcd(l, s.size), 1);
  let perBlock: number;
  if (width !== undefined) {
    if (width % lcm === 0) perBlock = width;
    else {
      err(ctx, `od: warning: invalid width ${width}; using ${lcm} instead`);
      perBlock = lcm;
    }
  } else perBlock = lcm < 16 ? lcm * Math.floor(16 / lcm) : lcm;
  let widthPerBlock = 0;
  for (const s of specs) widthPerBlock = Math.max(widthPerBlock, (s.width + 1) * (perBlock / s.size));
  for (const s of specs) s.pad = widthPerBlock - s.width * (perBlock / s.size);

  let prev: Uint8Array | undefined;
  let prevEqual = false;
  for (let off = 0; off < data.length; off += perBlock) {
    const n = Math.min(perBlock, data.length - off);
    const block = new Uint8Array(perBlock);
    block.set(data.subarray(off, off + n));
    if (dupes && prev && n === perBlock && prev.every((b, k) => b === block[k])) {
      if (!prevEqual) text.push('*\n');
      prevEqual = true;
      prev = block;
      continue;
    }
    prevEqual = false;
    specs.forEach((s, i) => {
      const fields = perBlock / s.size;
      const blank = Math.floor((perBlock - n) / s.size);
      let line = i === 0 ? address(skip + off) : ' '.repeat(addrLen);
      line += fieldsOf(s, fields, blank, block);
      if (s.trailer) {
        line += ' '.repeat(blank * s.width + Math.floor((s.pad * blank) / fields));
        line += `  >${[...block.subarray(0, n)].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('')}<`;
      }
      text.push(`${line}\n`);
    });
    prev = block;
  }
  if (radix !== 0) text.push(`${address(skip + data.length)}\n`);
  out(ctx, text.join(''));
  return status;
}

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

/** PRINT_FIELDS: each field right-aligned, the block's padding spread over the fields. */
function fieldsOf(s: Spec, fields: number, blank: number, block: Uint8Array): string {
  let r = '';
  let padRemaining = s.pad;
  for (let i = fields, k = 0; i > blank; i--, k++) {
    const nextPad = Math.floor((s.pad * (i - 1)) / fields);
    const w = padRemaining - nextPad + s.width;
    r += valueOf(s, block, k * s.size).padStart(w);
    padRemaining = nextPad;
  }
  return r;
}

function valueOf(s: Spec, block: Uint8Array, at: number): string {
  if (s.fmt === 'a') {
    const c = block[at] & 0x7f;
    return c === 127 ? 'del' : c <= 0x20 ? CHARNAME[c] : String.fromCharCode(c);
  }
  if (s.fmt === 'c') {
    const c = block[at];
    const esc: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
    if (esc[c] !== undefined) return esc[c];
    return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c.toString(8).padStart(3, '0');
  }
  // little-endian (x86_64)
  let v = 0n;
  for (let k = s.size - 1; k >= 0; k--) v = (v << 8n) | BigInt(block[at + k]);
  if (s.fmt === 'd' && v >= 1n << BigInt(s.size * 8 - 1)) v -= 1n << BigInt(s.size * 8);
  if (s.fmt === 'o') return v.toString(8).padStart(s.width, '0');
  if (s.fmt === 'x') return v.toString(16).padStart(s.width, '0');
  return v.toString(10);
}

/** -S: NUL-terminated runs of at least `min` printable characters, each with its address. */
function dumpStrings(data: Uint8Array, base: number, min: number, address: (n: number) => string, text: string[]): void {
  const printable = (c: number) => c >= 0x20 && c < 0x7f; // isprint in the C and UTF-8 locales, byte by byte
  let start = 0;
  while (start < data.length) {
    let i = start;
    while (i < data.length && printable(data[i])) i++;
    if (i < data.length && data[i] === 0 && i - start >= min) {
      const s = String.fromCharCode(...data.subarray(start, i));
      const a = address(base + start);
      text.push(`${a}${a ? ' ' : ''}${s}\n`);
    }
    start = i + 1;
  }
}
