/**
 * sed: the one-liners people type — `s///` (flags g, p, N, I; `&`, `\1`…`\9` in the
 * replacement), `d`, `p`, `q`, `=`, `y///`, `a`/`i`/`c` text, addresses (N, `$`, `/re/`,
 * ranges `A,B`, `!`), `{…}` groups, several `-e`, `-n`, `-E`/`-r`, `-i[SUFFIX]` on files.
 * Messages are GNU sed 4.x's (`sed: -e expression #1, char 5: unterminated `s' command`).
 */
import type { Program, ProcessContext } from '../types';
import { abs, err, out, type Flavor } from './common';
import { breToJs } from './textutils';
import { bbBanner } from './busybox-builds';

type Addr = { k: 'line'; n: number } | { k: 'last' } | { k: 're'; re: RegExp };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  name: string;
  re?: RegExp;
  rep?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  /** For `{`: the index after its matching `}`. */
  end?: number;
  /** Range state. */
  active?: boolean;
  endLine?: number;
}

class SedError {
  constructor(readonly msg: string) {}
}

function compile(scripts: string[], ere: boolean, flavor: Flavor): Cmd[] {
  const cmds: Cmd[] = [];
  const opens: number[] = [];
  scripts.forEach((src, exprIndex) => {
    let i = 0;
    const fail = (what: string): never => {
      throw new SedError(flavor === 'gnu' ? `sed: -e expression #${exprIndex + 1}, char ${Math.min(i, src.length)}: ${what}` : `sed: ${what}`); // busybox wording not verified
    };
    const toRe = (pat: string, flags: string): RegExp => {
      try {
        return new RegExp(ere ? pat : breToJs(pat), flags);
      } catch {
        return fail('Invalid preceding regular expression');
      }
    };
    /** Text up to an unescaped delimiter; `\delim` becomes delim, `\n` a newline. */
    const delimited = (delim: string, what: string): string => {
      let s = '';
      for (;;) {
        if (i >= src.length) {
          i = src.length;
          fail(what);
        }
        const c = src[i];
        if (c === '\\' && i + 1 < src.length) {
          const n = src[i + 1];
          s += n === delim ? n : n === 'n' ? '\n' : `\\${n}`;
          i += 2;
          continue;
        }
        if (c === '\n' && what !== '') fail(what);
        if (c === delim) {
          i++;
          return s;
        }
        s += c;
        i++;
      }
    };
    const addr = (): Addr | undefined => {
      const m = /^\d+/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        return { k: 'line', n: Number(m[0]) };
      }
      if (src[i] === '$') {
        i++;
        return { k: 'last' };
      }
      if (src[i] === '/' || src[i] === '\\') {
        const d = src[i] === '\\' ? src[i + 1] : '/';
        i += src[i] === '\\' ? 2 : 1;
        const pat = delimited(d, 'unterminated address regex');
        let flags = '';
        if (src[i] === 'I') {
          flags = 'i';
          i++;
        }
        return { k: 're', re: toRe(pat, flags) };
      }
      return undefined;
    };
    const skip = () => {
      while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
    };
    while (i < src.length) {
      while (i < src.length && /[\s;]/.test(src[i])) i++;
      if (i >= src.length) break;
      if (src[i] === '#') {
        while (i < src.length && src[i] !== '\n') i++;
        continue;
      }
      const cmd: Cmd = { neg: false, name: '' };
      cmd.a1 = addr();
      if (cmd.a1 && src[i] === ',') {
        i++;
        cmd.a2 = addr();
        if (!cmd.a2) fail('unexpected `,\'');
      }
      skip();
      if (src[i] === '!') {
        cmd.neg = true;
        i++;
        skip();
      }
      const name = src[i++];
      if (name === undefined) fail('missing command');
      cmd.name = name;
      switch (name) {
        case '{':
          opens.push(cmds.length);
          break;
        case '}':
          if (!opens.length) fail('unexpected `}\'');
          cmds[opens.pop()!].end = cmds.length + 1;
          break;
        case 'd':
        case 'D':
        case 'p':
        case 'P':
        case '=':
        case 'n':
        case 'N':
        case 'h':
        case 'H':
        case 'g':
        case 'G':
        case 'x':
          break;
        case 'q':
        case 'Q': {
          skip();
          const m = /^\d+/.exec(src.slice(i));
          if (m) {
            cmd.nth = Number(m[0]);
            i += m[0].length;
          }
          break;
        }
        case 'a':
        case 'i':
        case 'c': {
          // `a\` newline text, or GNU's one-liner `a text`.
          if (src[i] === '\\') {
            i++;
            if (src[i] === '\n') i++;
          } else skip();
          let t = '';
          while (i < src.length && src[i] !== '\n') {
            if (src[i] === '\\' && i + 1 < src.length) {
              t += src[i + 1];
              i += 2;
              continue;
            }
            t += src[i++];
          }
          cmd.text = t;
          break;
        }
        case 's': {
          const d = src[i++];
          if (d === undefined || d === '\n' || d === '\\') fail('unterminated `s\' command');
          const pat = delimited(d, 'unterminated `s\' command');
          const rep = delimited(d, 'unterminated `s\' command');
          let flags = '';
          cmd.global = false;
          while (i < src.length && /[gpiIme0-9]/.test(src[i])) {
            const c = src[i++];
            if (c === 'g') cmd.global = true;
            else if (c === 'p') cmd.print = true;
            else if (c === 'i' || c === 'I') flags += 'i';
            else if (/\d/.test(c)) cmd.nth = (cmd.nth ?? 0) * 10 + Number(c);
          }
          skip();
          if (i < src.length && !/[;\n}#]/.test(src[i])) fail('unknown option to `s\'');
          cmd.re = toRe(pat, `${flags}g`);
          cmd.rep = rep;
          break;
        }
        case 'y': {
          const d = src[i++];
          const from = delimited(d, 'unterminated `y\' command');
          const to = delimited(d, 'unterminated `y\' command');
          if ([...from].length !== [...to].length) fail('strings for `y\' command are different lengths');
          cmd.from = from;
          cmd.to = to;
          break;
        }
        default:
          fail(`unknown command: \`${name}'`);
      }
      cmds.push(cmd);
    }
  });
  if (opens.length) throw new SedError(flavor === 'gnu' ? `sed: -e expression #1, char 0: unmatched \`{'` : 'sed: unmatched {'); // busybox wording not verified
  return cmds;
}

/** Apply a replacement: `&` the match, `\1`…`\9` groups, `\n` newline, `\&` a literal `&`. */
function expandRep(rep: string, m: RegExpExecArray): string {
  let o = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i];
      if (/\d/.test(n)) o += m[Number(n)] ?? '';
      else o += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else if (c === '&') o += m[0];
    else o += c;
  }
  return o;
}

function substitute(line: string, c: Cmd): { text: string; done: boolean } {
  const re = c.re!;
  re.lastIndex = 0;
  let o = '';
  let last = 0;
  let count = 0;
  let done = false;
  for (;;) {
    const m = re.exec(line);
    if (!m) break;
    count++;
    const want = c.nth ? (c.global ? count >= c.nth : count === c.nth) : c.global || count === 1;
    if (want) {
      o += line.slice(last, m.index) + expandRep(c.rep!, m);
      last = m.index + m[0].length;
      done = true;
    }
    if (m[0] === '') re.lastIndex++;
    if (!c.global && (c.nth ? count >= c.nth : count >= 1)) break;
    if (re.lastIndex > line.length) break;
  }
  return { text: done ? o + line.slice(last) : line, done };
}

function run(cmds: Cmd[], text: string, quiet: boolean): { out: string; quit?: number } {
  for (const c of cmds) {
    c.active = false;
    c.endLine = undefined;
  }
  const hadNewline = text.endsWith('\n');
  const lines = text === '' ? [] : (hadNewline ? text.slice(0, -1) : text).split('\n');
  let o = '';
  let hold = '';
  const emit = (s: string, isLast: boolean) => {
    o += s + (isLast && !hadNewline ? '' : '\n');
  };
  const matchOne = (a: Addr, n: number, line: string, isLast: boolean) => (a.k === 'line' ? a.n === n : a.k === 'last' ? isLast : (a.re.lastIndex = 0, a.re.test(line)));
  const selected = (c: Cmd, n: number, line: string, isLast: boolean): boolean => {
    let hit: boolean;
    if (!c.a1) hit = true;
    else if (!c.a2) hit = matchOne(c.a1, n, line, isLast);
    else if (c.active) {
      hit = true;
      const a2 = c.a2;
      if (a2.k === 'line' ? n >= a2.n : matchOne(a2, n, line, isLast)) c.active = false;
    } else if (matchOne(c.a1, n, line, isLast)) {
      hit = true;
      const a2 = c.a2;
      // A line-number end at or before the start ends the range at once.
      c.active = a2.k === 'line' ? a2.n > n : a2.k === 'last' ? !isLast : true;
    } else hit = false;
    return hit !== c.neg;
  };
  for (let ln = 0; ln < lines.length; ln++) {
    let pat = lines[ln];
    const n = ln + 1;
    let isLast = ln === lines.length - 1;
    let deleted = false;
    let append = '';
    let quit: number | undefined;
    let quietQuit = false;
    let subst = false;
    for (let pc = 0; pc < cmds.length; pc++) {
      const c = cmds[pc];
      if (c.name === '}') continue;
      if (!selected(c, n, pat, isLast)) {
        if (c.name === '{') pc = c.end! - 1;
        continue;
      }
      switch (c.name) {
        case '{':
          break;
        case 'd':
          deleted = true;
          break;
        case 'D': {
          deleted = true;
          break;
        }
        case 'p':
          emit(pat, false);
          break;
        case 'P':
          emit(pat.split('\n')[0], false);
          break;
        case '=':
          o += `${n}\n`;
          break;
        case 'q':
          quit = c.nth ?? 0;
          break;
        case 'Q':
          quit = c.nth ?? 0;
          quietQuit = true;
          break;
        case 'a':
          append += `${c.text}\n`;
          break;
        case 'i':
          o += `${c.text}\n`;
          break;
        case 'c':
          if (!c.a2 || !c.active) o += `${c.text}\n`;
          deleted = true;
          break;
        case 's': {
          const r = substitute(pat, c);
          if (r.done) {
            pat = r.text;
            subst = true;
            if (c.print) emit(pat, false);
          }
          break;
        }
        case 'y':
          pat = [...pat].map((ch) => {
            const k = [...c.from!].indexOf(ch);
            return k < 0 ? ch : [...c.to!][k];
          }).join('');
          break;
        case 'h':
          hold = pat;
          break;
        case 'H':
          hold += `\n${pat}`;
          break;
        case 'g':
          pat = hold;
          break;
        case 'G':
          pat += `\n${hold}`;
          break;
        case 'x':
          [pat, hold] = [hold, pat];
          break;
        case 'n':
          if (!quiet) emit(pat, isLast);
          if (ln + 1 >= lines.length) {
            return { out: o + append };
          }
          ln++;
          pat = lines[ln];
          isLast = ln === lines.length - 1;
          break;
        case 'N':
          if (ln + 1 >= lines.length) {
            if (!quiet) emit(pat, isLast);
            return { out: o + append };
          }
          ln++;
          pat += `\n${lines[ln]}`;
          isLast = ln === lines.length - 1;
          break;
        default:
      }
      if (deleted || quit !== undefined) break;
    }
    void subst;
    if (!deleted && !quiet && !quietQuit) emit(pat, isLast);
    o += append;
    if (quit !== undefined) return { out: o, quit };
  }
  return { out: o };
}

export function sed(flavor: Flavor): Program {
  return function* (ctx: ProcessContext) {
    const args = ctx.argv.slice(1);
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let ere = false;
    let inPlace: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        files.push(...args.slice(i + 1));
        break;
      }
      if (a === '-e' || a === '--expression') {
        if (args[i + 1] === undefined) {
          err(ctx, flavor === 'gnu' ? "sed: option requires an argument -- 'e'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]..." : "sed: option requires an argument -- 'e'");
          return 1;
        }
        scripts.push(args[++i]);
      } else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
      else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') ere = true;
      else if (a.startsWith('-i') || a.startsWith('--in-place')) inPlace = a.startsWith('-i') ? a.slice(2) : a.slice(11);
      else if (/^-[nErs]+$/.test(a) || /^-[nEr]+i/.test(a)) {
        quiet ||= a.includes('n');
        ere ||= a.includes('E') || a.includes('r');
        const k = a.indexOf('i');
        if (k > 0) inPlace = a.slice(k + 1);
        if (a.includes('e')) scripts.push(args[++i] ?? '');
      } else if (/^-[nErs]*e$/.test(a)) {
        quiet ||= a.includes('n');
        ere ||= a.includes('E') || a.includes('r');
        scripts.push(args[++i] ?? '');
      } else if (a.startsWith('-') && a !== '-') {
        err(ctx, flavor === 'gnu' ? `sed: invalid option -- '${a[1]}'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...` : `sed: invalid option -- '${a[1]}'`);
        return 1;
      } else files.push(a);
    }
    if (!scripts.length) {
      if (!files.length) {
        err(ctx, flavor === 'gnu' ? 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n' : `${bbBanner(ctx)}\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n`); // usage text shortened
        return 1;
      }
      scripts.push(files.shift()!);
    }
    let cmds: Cmd[];
    try {
      cmds = compile(scripts, ere, flavor);
    } catch (e) {
      if (e instanceof SedError) {
        err(ctx, e.msg);
        return 1;
      }
      throw e;
    }
    const cantRead = (f: string) => err(ctx, flavor === 'gnu' ? `sed: can't read ${f}: No such file or directory` : `sed: ${f}: No such file or directory`);
    let status = 0;
    if (inPlace !== undefined) {
      if (!files.length) {
        err(ctx, 'sed: no input files');
        return flavor === 'gnu' ? 1 : 4;
      }
      for (const f of files) {
        const p = abs(ctx, f);
        const t = ctx.fs.read(p);
        if (t === undefined) {
          if (ctx.fs.isDir(p)) err(ctx, `sed: couldn't edit ${f}: not a regular file`);
          else cantRead(f);
          status = 4;
          continue;
        }
        const r = run(cmds, t, quiet);
        if (inPlace) ctx.fs.write(`${p}${inPlace}`, t);
        ctx.fs.write(p, r.out);
        if (r.quit !== undefined) return r.quit;
      }
      return status;
    }
    let text = '';
    if (!files.length) text = ctx.stdin;
    for (const f of files) {
      if (f === '-') {
        text += ctx.stdin;
        continue;
      }
      const t = ctx.fs.read(abs(ctx, f));
      if (t === undefined) {
        if (ctx.fs.isDir(abs(ctx, f))) err(ctx, `sed: read error on ${f}: Is a directory`);
        else cantRead(f);
        status = 2;
        continue;
      }
      text += t && !t.endsWith('\n') && f !== files[files.length - 1] ? `${t}\n` : t;
    }
    const r = run(cmds, text, quiet);
    out(ctx, r.out);
    return r.quit ?? status;
  };
}
