/** The syntax tree of the POSIX shell language (the subset dash and busybox ash share). */

export type WordPart =
  /** Unquoted text (globbing applies; `quoted` marks backslash-escaped characters). */
  | { t: 'lit'; v: string; quoted?: boolean }
  /** '…' or backslash-escaped text inside double quotes: taken literally. */
  | { t: 'sq'; v: string }
  | { t: 'dq'; parts: WordPart[] }
  | { t: 'param'; name: string; op?: ParamOp; colon?: boolean; arg?: Word }
  | { t: 'cmd'; body: List; src: string }
  | { t: 'arith'; expr: Word }
  | { t: 'tilde'; user: string };

export type ParamOp = '-' | '=' | '?' | '+' | '#' | '##' | '%' | '%%' | 'len';

export interface Word {
  parts: WordPart[];
  /** The word as written (for messages and for `case`). */
  raw: string;
}

export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '>|' | '<>' | '&>' | '&>>' | '<<' | '<<-' | '<<<';
  /** For `<<` and `<<-`: the here-document's body (filled in when its lines have been read). */
  target: Word;
}

export type Command =
  | { t: 'simple'; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirs: Redir[]; line: number }
  | { t: 'if'; clauses: Array<{ cond: List; body: List }>; elseBody?: List; redirs: Redir[]; line: number }
  | { t: 'loop'; until: boolean; cond: List; body: List; redirs: Redir[]; line: number }
  | { t: 'for'; name: string; items?: Word[]; body: List; redirs: Redir[]; line: number }
  | { t: 'case'; word: Word; items: Array<{ patterns: Word[]; body: List }>; redirs: Redir[]; line: number }
  | { t: 'subshell'; body: List; redirs: Redir[]; line: number }
  | { t: 'group'; body: List; redirs: Redir[]; line: number }
  | { t: 'func'; name: string; body: Command; line: number };

export interface Pipeline {
  negate: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; p: Pipeline }>;
}

export interface ListItem {
  andOr: AndOr;
  background: boolean;
  /** Source text of the item (what a background job runs in its own shell). */
  src: string;
}

export type List = ListItem[];
