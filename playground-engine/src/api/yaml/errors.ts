/**
 * Rewrites a syntax error of the `yaml` package in go-yaml v2's words, as kubectl prints it
 * (`yaml: line 7: mapping values are not allowed in this context`). go-yaml (a libyaml port)
 * reports scanner errors at the 1-based line of the problem, and parser errors at the problem's
 * 0-based line (gopkg.in/yaml.v2 yaml.go `parser.fail`, "Scanner errors don't iterate line"),
 * so a parser error is reported one line above the offending line; a 0 line is left out. The
 * problems recognised are the common ones of hand-written manifests (scannerc.go, parserc.go);
 * other errors keep the `yaml` package's own message.
 */
import type { YAMLError } from 'yaml';

export interface GoYamlError {
  /** `yaml: line 7: …` or `yaml: …` */
  message: string;
  /** Offsets in the chunk of what is highlighted. */
  start: number;
  end: number;
}

interface Line {
  text: string;
  start: number;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const l of text.split('\n')) {
    out.push({ text: l, start });
    start += l.length + 1;
  }
  return out;
}

function lineOf(lines: Line[], offset: number): number {
  let i = 0;
  while (i + 1 < lines.length && lines[i + 1].start <= offset) i++;
  return i; // 0-based
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const isContent = (l: string) => l.trim() !== '' && !l.trimStart().startsWith('#');

function withLine(line: number, problem: string): string {
  return line > 0 ? `yaml: line ${line}: ${problem}` : `yaml: ${problem}`;
}

/** The next `: ` (or `:` at the end of a line) outside quotes, from an offset. */
function nextMappingColon(text: string, from: number, to: number): number {
  let quote = '';
  for (let i = from; i < Math.min(to, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl;
    } else if (c === ':' && (i + 1 >= text.length || /[\s]/.test(text[i + 1]))) return i;
  }
  return -1;
}

/**
 * An indentation problem at a 0-based line: inside a block sequence whose `-` is at the same
 * column go-yaml wants another `-`; otherwise it wanted a mapping key.
 */
function indentationProblem(lines: Line[], at: number): string {
  const line = lines[at]?.text ?? '';
  const col = indentOf(line);
  for (let i = at - 1; i >= 0; i--) {
    const l = lines[i].text;
    if (!isContent(l)) continue;
    const c = indentOf(l);
    if (c > col) continue;
    if (c === col && l.trimStart().startsWith('-') && !line.trimStart().startsWith('-')) return "did not find expected '-' indicator";
    return 'did not find expected key';
  }
  return 'did not find expected key';
}

export function goYamlError(text: string, e: YAMLError): GoYamlError {
  const lines = splitLines(text);
  const [p0, p1] = e.pos;
  const at = lineOf(lines, p0);
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const eofLine = lineOf(lines, text.length);

  switch (e.code) {
    case 'TAB_AS_INDENT':
      return { message: withLine(at + 1, 'found character that cannot start any token'), start: p0, end: p1 };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (/block sequence may not be used as an implicit map key/.test(first)) {
        return { message: withLine(at, indentationProblem(lines, at)), start: lines[at].start, end: lines[at].start + lines[at].text.length };
      }
      const colon = nextMappingColon(text, p0 + 1, Math.max(p1, lines[Math.min(at + 1, lines.length - 1)].start + (lines[at + 1]?.text.length ?? 0)) + 1);
      const before = lines[at].text.slice(0, p0 - lines[at].start);
      const afterKey = /:(\s|$)/.test(before);
      if (colon >= 0 && !afterKey && lineOf(lines, colon) > at) {
        // a plain scalar that starts a line and a key on the next line: the scalar was the
        // previous key's value, and the parser meets a new mapping where it wanted a key
        const l = lineOf(lines, colon);
        return { message: withLine(l, indentationProblem(lines, l)), start: lines[l].start, end: lines[l].start + lines[l].text.length };
      }
      if (colon >= 0) return { message: withLine(lineOf(lines, colon) + 1, 'mapping values are not allowed in this context'), start: colon, end: colon + 1 };
      const endLine = lineOf(lines, p1);
      return { message: withLine(endLine + 1, "could not find expected ':'"), start: p0, end: p1 };
    }
    case 'MISSING_CHAR':
      if (/closing .?quote/i.test(first)) {
        return { message: withLine(eofLine + 1, 'found unexpected end of stream'), start: p0, end: p1 };
      }
      if (/map values/.test(first)) {
        return { message: withLine(lineOf(lines, p1) + 1, "could not find expected ':'"), start: p0, end: p1 };
      }
      return { message: withLine(at, indentationProblem(lines, at)), start: lines[at].start, end: lines[at].start + lines[at].text.length };
    case 'BAD_INDENT':
      if (/^Flow sequence/.test(first)) return { message: withLine(eofLine, "did not find expected ',' or ']'"), start: p0, end: p1 };
      if (/^Flow mapping/.test(first)) return { message: withLine(eofLine, "did not find expected ',' or '}'"), start: p0, end: p1 };
      return { message: withLine(at, indentationProblem(lines, at)), start: lines[at].start, end: lines[at].start + lines[at].text.length };
    case 'UNEXPECTED_TOKEN':
      if (/^Unexpected flow-seq-end/.test(first) || /^Unexpected flow-map-end/.test(first) || /^Unexpected , in/.test(first)) {
        return { message: withLine(at + 1, 'did not find expected node content'), start: p0, end: p1 };
      }
      return { message: withLine(at, indentationProblem(lines, at)), start: p0, end: p1 };
    case 'BAD_SCALAR_START':
      return { message: withLine(at + 1, 'found character that cannot start any token'), start: p0, end: p1 };
    case 'BAD_DQ_ESCAPE':
      return { message: withLine(at + 1, 'found unknown escape character'), start: p0, end: p1 };
    default: {
      const msg = first.charAt(0).toLowerCase() + first.slice(1);
      return { message: withLine(at + 1, msg), start: p0, end: p1 };
    }
  }
}
