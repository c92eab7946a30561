/**
 * Splits a text into YAML documents the way kubectl reads a file: apimachinery's YAMLReader
 * (pkg/util/yaml/decoder.go) cuts at lines that start with `---`; only spaces or a comment may
 * follow the separator, anything else is `invalid Yaml document separator: <rest>`. Empty
 * documents are skipped. Each chunk is then parsed on its own, so go-yaml's line numbers in
 * messages count from the chunk's first line.
 */

export interface Chunk {
  /** The document's text (without the separator line). */
  text: string;
  /** Offset of `text` in the whole input. */
  offset: number;
  /** 0-based line of `text`'s first line in the whole input. */
  firstLine: number;
}

export type SplitResult = { chunks: Chunk[]; error?: { message: string; line: number } };

export function splitDocuments(input: string): SplitResult {
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 0;
  let pos = 0;
  let line = 0;
  const flush = (end: number) => {
    if (end > start) chunks.push({ text: input.slice(start, end), offset: start, firstLine: startLine });
  };
  while (pos < input.length) {
    const nl = input.indexOf('\n', pos);
    const end = nl < 0 ? input.length : nl + 1;
    const text = input.slice(pos, end);
    if (text.startsWith('---')) {
      const rest = text.slice(3).trim();
      if (rest.length > 0 && rest[0] !== '#') {
        flush(pos);
        return { chunks, error: { message: `invalid Yaml document separator: ${rest}`, line } };
      }
      flush(pos);
      start = end;
      startLine = line + 1;
    }
    pos = end;
    line++;
  }
  flush(input.length);
  return { chunks };
}

/** True when a chunk holds nothing but blanks and comments (kubectl skips it: it decodes to null). */
export function isBlank(text: string): boolean {
  return text.split('\n').every((l) => /^\s*(#.*)?$/.test(l));
}
