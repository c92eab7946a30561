/**
 * printf(1) formatting, shared by the shells' builtin and /usr/bin/printf: `%s %b %c %d %i
 * %u %o %x %X %e %f %g %%` with flags, width and precision; the format is reused while
 * arguments remain. Backslash escapes of the format (and of %b arguments) as POSIX lists them.
 */
export function backslashEscapes(s: string, forEcho = false): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length;
        break;
      }
      default:
        if (!forEcho && /[1-7]/.test(n)) {
          const m = /^[0-7]{1,3}/.exec(s.slice(i))![0];
          out += String.fromCharCode(parseInt(m, 8));
          i += m.length - 1;
        } else out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

export interface PrintfResult {
  out: string;
  /** Messages for arguments that are not numbers (`printf: 'x': expected a numeric value`). */
  errors: string[];
}

function num(arg: string, errors: string[], prog: string): number {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.charCodeAt(1) || 0;
  const t = arg.trim();
  if (/^[+-]?\d+$/.test(t)) return parseInt(t, 10);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  errors.push(`${prog}: ${arg}: invalid number`);
  const m = /^[+-]?\d+/.exec(t);
  return m ? parseInt(m[0], 10) : 0;
}

function pad(s: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (numeric && flags.includes('0')) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

export function formatPrintf(format: string, args: string[], prog = 'printf'): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  let loops = 0;
  do {
    let consumed = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|.)/s.exec(format.slice(i));
        const seq = m ? m[0] : '\\';
        out += backslashEscapes(seq).text;
        i += seq.length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([sbcdiuoxXeEfgG%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, w, p, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? num(args[ai++] ?? '', errors, prog) : w ? Number(w) : undefined;
      const prec = p === '*' ? num(args[ai++] ?? '', errors, prog) : p !== undefined ? Number(p || 0) : undefined;
      const arg = args[ai++];
      if (arg !== undefined) consumed = true;
      const a = arg ?? '';
      let s: string;
      switch (conv) {
        case 's':
          s = prec !== undefined ? a.slice(0, prec) : a;
          out += pad(s, flags, width, false);
          break;
        case 'b':
          s = backslashEscapes(a).text;
          out += pad(prec !== undefined ? s.slice(0, prec) : s, flags, width, false);
          break;
        case 'c':
          out += pad(a.slice(0, 1), flags, width, false);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const n = Math.trunc(num(a, errors, prog));
          s = String(Math.abs(n));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          out += pad(s, flags, width, prec === undefined);
          break;
        }
        case 'o':
        case 'x':
        case 'X': {
          const n = Math.trunc(num(a, errors, prog));
          s = (n >>> 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && n !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          out += pad(s, flags, width, true);
          break;
        }
        default: {
          const n = num(a, errors, prog);
          const pr = prec ?? 6;
          s = conv === 'f' ? n.toFixed(pr) : conv === 'e' || conv === 'E' ? n.toExponential(pr).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(n.toPrecision(pr || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (n >= 0 && flags.includes('+')) s = `+${s}`;
          out += pad(s, flags, width, true);
        }
      }
    }
    if (!consumed) break;
  } while (ai < args.length && ++loops < 10000);
  return { out, errors };
}
