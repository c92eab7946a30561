/**
 * Bytes and characters of the engine's texts. The engine keeps text as characters, and what
 * tools wrote as raw bytes (printf's octal escapes, tar's archives, a byte range cut out of a
 * character) as one character per byte: a text of characters below 256 whose high ones form
 * UTF-8 sequences is such bytes; anything else is encoded in UTF-8. A byte that is no part of
 * a UTF-8 character (`head -c 1` of `é`) is kept as a lone low surrogate U+DC80..U+DCFF (as
 * Python's surrogateescape does), so that it stays that byte through pipes and files.
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes a text stands for. */
export function bytesOf(t: string): Uint8Array {
  let high = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 0xff) return encodeEscaped(t);
    if (c >= 0x80) high = true;
  }
  const raw = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) raw[i] = t.charCodeAt(i);
  if (!high) return raw;
  try {
    decoder.decode(raw);
    return raw;
  } catch {
    return new TextEncoder().encode(t);
  }
}

function encodeEscaped(t: string): Uint8Array {
  if (!/[\udc80-\udcff]/.test(t)) return new TextEncoder().encode(t);
  const out: number[] = [];
  const enc = new TextEncoder();
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && t.charCodeAt(i - 1) >= 0xd800 && t.charCodeAt(i - 1) <= 0xdbff);
    if (!lone) continue;
    out.push(...enc.encode(t.slice(from, i)), c - 0xdc00);
    from = i + 1;
  }
  out.push(...enc.encode(t.slice(from)));
  return Uint8Array.from(out);
}

/** Recent answers of byteLength (a server stats the same files at every request). */
const lengths = new Map<string, number>();

/** How many bytes a text stands for (file sizes, `wc -c`), without copying an ASCII text. */
export function byteLength(t: string): number {
  // small texts are quick to scan; large ones (a growing log) are not kept alive here
  if (t.length < 64 || t.length > 65_536) return byteLengthOf(t);
  let n = lengths.get(t);
  if (n === undefined) {
    if (lengths.size >= 256) lengths.clear();
    lengths.set(t, (n = byteLengthOf(t)));
  }
  return n;
}

function byteLengthOf(t: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(t) ? bytesOf(t).length : t.length;
}

/** A run of bytes as the engine keeps it: the characters when they are UTF-8, else one character per byte. */
export function textOfBytes(b: Uint8Array): string {
  try {
    return decoder.decode(b);
  } catch {
    // UTF-8 characters as characters, every other byte escaped
    let s = '';
    let i = 0;
    while (i < b.length) {
      const x = b[i];
      const n = x >= 0xf0 && x <= 0xf4 ? 4 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xc2 && x <= 0xdf ? 2 : 1;
      if (x >= 0x80 && n > 1 && i + n <= b.length) {
        try {
          s += decoder.decode(b.subarray(i, i + n));
          i += n;
          continue;
        } catch {
          // not a character: escape the lead byte
        }
      }
      s += x < 0x80 ? String.fromCharCode(x) : String.fromCharCode(0xdc00 + x);
      i++;
    }
    return s;
  }
}

/** The characters a text stands for (a text of UTF-8 bytes decoded; stray bytes stay escaped). */
export function charsOf(t: string): string {
  return textOfBytes(bytesOf(t));
}

/** Whether the process's LC_CTYPE is a UTF-8 one (multibyte characters), as setlocale reads it. */
export function utf8Locale(env: { get(k: string): string | undefined }): boolean {
  const loc = env.get('LC_ALL') || env.get('LC_CTYPE') || env.get('LANG') || '';
  return /\.utf-?8$/i.test(loc);
}

/**
 * What a terminal shows of a text: the bytes a tool wrote (a run of characters U+0080..U+00FF
 * that forms UTF-8, as printf's `\303\251`) decoded as the terminal decodes UTF-8 (`é`); other
 * characters as they are.
 */
export function displayOf(t: string): string {
  if (!/[\x80-\xff]{2}/.test(t)) return t;
  return t.replace(/[\x80-\xff]{2,}/g, (run) => {
    const raw = Uint8Array.from(run, (c) => c.charCodeAt(0));
    try {
      return decoder.decode(raw);
    } catch {
      return run;
    }
  });
}
