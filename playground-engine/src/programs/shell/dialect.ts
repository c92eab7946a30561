/**
 * The three shells a reader meets, and how each words its errors:
 * - `dash` (Debian's /bin/sh: the nginx, debian, ubuntu images): `sh: 1: foo: not found`;
 * - `ash` (BusyBox, Alpine's /bin/sh: busybox, nginx:*-alpine, alpine): `sh: foo: not found`;
 * - `bash` (the nodes' login shell, CentOS 7; the etcd image's bash-static /bin/sh):
 *   `-bash: foo: command not found`, `sh: line 1: foo: command not found`.
 *
 * Texts were checked by running Debian 12's dash 0.5.12, BusyBox 1.35.0 and bash 5.2.15 on the
 * same command lines (see dialect.test.ts). They also decide whether the last simple command
 * of `sh -c` replaces the shell (BusyBox ash: yes; dash: no, so `sh -c 'sleep 10; nginx …'`
 * keeps sh as PID 1 in Debian images).
 */
import type { ShellSyntaxError } from './parser';

export type DialectId = 'dash' | 'ash' | 'bash';

export interface ErrorSite {
  /** $0 of the shell (`sh`, `/bin/sh`, `-bash`). */
  arg0: string;
  line: number;
  /** An interactive login shell (the reader's terminal): bash prints no line numbers. */
  interactive: boolean;
}

export interface Dialect {
  id: DialectId;
  /** `sh -c 'a; b'`: does the last command replace the shell (exec without fork)? */
  execsLastCommand: boolean;
  /** dash's echo always interprets backslash escapes and only knows -n. */
  echoEscapes: 'always' | 'with-e';
  /** Status when a redirection cannot be opened. */
  redirFailStatus: number;
  /** Prefix of the shell's own messages. */
  prefix(site: ErrorSite): string;
  /** Full text (with newline) of a syntax error. */
  syntax(e: ShellSyntaxError, site: ErrorSite): string;
  notFound(cmd: string): string;
  permissionDenied(cmd: string): string;
  cannotCreate(path: string, reason: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS'): string;
  cannotOpen(path: string): string;
  /** A builtin's error: `cd: can't cd to /x` (dash), `cd: line 0: …` (ash), `cd: …` (bash). */
  builtin(site: ErrorSite, name: string, msg: string): string;
  cdFailed(dir: string): string;
  illegalNumber(name: string, arg: string): string;
  /** The `[`/test message for a non-number operand. */
  testBadNumber(site: ErrorSite, arg: string): string;
  /** `kill` with a PID that does not exist. */
  killNoSuchProcess(site: ErrorSite, pid: string): string;
  arithError(site: ErrorSite, expr: string, what: 'syntax' | 'divzero'): string;
}

const dashSyntax = (e: ShellSyntaxError): string => {
  switch (e.kind) {
    case 'unterminated-quote':
      return 'Syntax error: Unterminated quoted string';
    case 'missing-brace':
      return "Syntax error: Missing '}'";
    case 'missing-arith':
      return "Syntax error: Missing '))'";
    case 'eof-backquote':
      return 'Syntax error: EOF in backquote substitution';
    case 'bad-substitution':
      return 'Bad substitution';
    case 'redirection':
      return 'Syntax error: redirection unexpected';
    default: {
      const tok = e.token === undefined ? 'end of file' : `"${e.token}"`;
      return `Syntax error: ${tok} unexpected${e.expecting ? ` (expecting "${e.expecting}")` : ''}`;
    }
  }
};

const ashSyntax = (e: ShellSyntaxError): string => {
  switch (e.kind) {
    case 'unterminated-quote':
      return 'syntax error: unterminated quoted string';
    case 'missing-brace':
      return "syntax error: missing '}'";
    case 'missing-arith':
      return "syntax error: missing '))'";
    case 'eof-backquote':
      return 'syntax error: EOF in backquote substitution';
    case 'bad-substitution':
      return 'syntax error: bad substitution';
    case 'redirection':
      return 'syntax error: unexpected redirection'; // wording not verified
    default: {
      const tok = e.token === undefined ? 'end of file' : `"${e.token}"`;
      return `syntax error: unexpected ${tok}${e.expecting ? ` (expecting "${e.expecting}")` : ''}`;
    }
  }
};

export const DASH: Dialect = {
  id: 'dash',
  execsLastCommand: false,
  echoEscapes: 'always',
  redirFailStatus: 2,
  prefix: (s) => `${s.arg0}: ${s.line}: `,
  syntax: (e, s) => `${s.arg0}: ${e.line}: ${dashSyntax(e)}\n`,
  notFound: (c) => `${c}: not found`,
  permissionDenied: (c) => `${c}: Permission denied`,
  cannotCreate: (p, r) => `cannot create ${p}: ${r === 'EISDIR' ? 'Is a directory' : r === 'EROFS' ? 'Read-only file system' : 'Directory nonexistent'}`,
  cannotOpen: (p) => `cannot open ${p}: No such file`,
  builtin: (s, name, msg) => `${s.arg0}: ${s.line}: ${name}: ${msg}\n`,
  cdFailed: (d) => `can't cd to ${d}`,
  illegalNumber: (_n, a) => `Illegal number: ${a}`,
  testBadNumber: (s, a) => `${s.arg0}: ${s.line}: [: Illegal number: ${a}\n`,
  killNoSuchProcess: (s) => `${s.arg0}: ${s.line}: kill: No such process\n\n`,
  arithError: (s, expr, what) =>
    `${s.arg0}: ${s.line}: arithmetic expression: ${what === 'divzero' ? 'division by zero' : 'expecting primary'}: "${expr}"\n`,
};

export const ASH: Dialect = {
  id: 'ash',
  execsLastCommand: true,
  echoEscapes: 'with-e',
  redirFailStatus: 1,
  prefix: (s) => `${s.arg0}: `,
  syntax: (e, s) => `${s.arg0}: ${ashSyntax(e)}\n`,
  notFound: (c) => `${c}: not found`,
  permissionDenied: (c) => `${c}: Permission denied`,
  cannotCreate: (p, r) => `can't create ${p}: ${r === 'EISDIR' ? 'Is a directory' : r === 'EROFS' ? 'Read-only file system' : 'nonexistent directory'}`,
  cannotOpen: (p) => `can't open ${p}: no such file`,
  builtin: (s, name, msg) => `${s.arg0}: ${name}: line 0: ${msg}\n`,
  cdFailed: (d) => `can't cd to ${d}: No such file or directory`,
  illegalNumber: (_n, a) => `Illegal number: ${a}`,
  testBadNumber: (_s, a) => `sh: ${a}: bad number\n`,
  killNoSuchProcess: (_s, pid) => `sh: can't kill pid ${pid}: No such process\n`,
  arithError: (s, _e, what) => `${s.arg0}: ${what === 'divzero' ? 'divide by zero' : 'arithmetic syntax error'}\n`,
};

const bashPrefix = (s: ErrorSite) => (s.interactive ? `${s.arg0}: ` : `${s.arg0}: line ${s.line}: `);

export const BASH: Dialect = {
  id: 'bash',
  execsLastCommand: true,
  echoEscapes: 'with-e',
  redirFailStatus: 1,
  prefix: bashPrefix,
  syntax: (e, s) => {
    const where = s.interactive ? `${s.arg0}: ` : `${s.arg0}: -c: line ${e.line}: `;
    switch (e.kind) {
      case 'unterminated-quote':
        return `${where}unexpected EOF while looking for matching \`${e.lineText.includes("'") && !e.lineText.includes('"') ? "'" : '"'}'\n`;
      case 'bad-substitution':
        return `${bashPrefix(s)}\${}: bad substitution\n`;
      case 'unexpected':
        if (e.token === undefined) return `${where}syntax error: unexpected end of file\n`;
        return `${where}syntax error near unexpected token \`${e.token}'\n${s.interactive ? '' : `${where}\`${e.lineText}'\n`}`;
      default:
        return `${where}syntax error: unexpected end of file\n`;
    }
  },
  notFound: (c) => `${c}: command not found`,
  permissionDenied: (c) => `${c}: Permission denied`,
  cannotCreate: (p, r) => `${p}: ${r === 'EISDIR' ? 'Is a directory' : r === 'EROFS' ? 'Read-only file system' : 'No such file or directory'}`,
  cannotOpen: (p) => `${p}: No such file or directory`,
  builtin: (s, name, msg) => `${bashPrefix(s)}${name}: ${msg}\n`,
  cdFailed: (d) => `${d}: No such file or directory`,
  illegalNumber: (_n, a) => `${a}: numeric argument required`,
  testBadNumber: (s, a) => `${bashPrefix(s)}[: ${a}: integer expression expected\n`,
  killNoSuchProcess: (s, pid) => `${bashPrefix(s)}kill: (${pid}) - No such process\n`,
  arithError: (s, expr, what) =>
    `${bashPrefix(s)}${expr}: ${what === 'divzero' ? 'division by 0 (error token is "' + expr.split('/').pop() + '")' : 'syntax error: operand expected'}\n`,
};

export function dialectById(id: DialectId): Dialect {
  return id === 'dash' ? DASH : id === 'ash' ? ASH : BASH;
}
