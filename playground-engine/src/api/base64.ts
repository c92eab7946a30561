/**
 * Go's base64.StdEncoding decoding errors (encoding/base64 decodeQuantum): the API server
 * decodes `[]byte` fields (Secret.data, ConfigMap.binaryData) this way and reports
 * `illegal base64 data at input byte N` with N a byte offset in the UTF-8 text.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const PAD = 61; // '='
const isNl = (b: number) => b === 10 || b === 13;

function corrupt(at: number): string {
  return `illegal base64 data at input byte ${at}`;
}

/** The error Go reports for this text, or undefined when it decodes. */
export function base64DecodeError(text: string): string | undefined {
  const src = new TextEncoder().encode(text);
  let si = 0;
  while (si < src.length) {
    // one quantum of four symbols
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const c = src[si++];
      if (DECODE[c] >= 0) continue;
      if (isNl(c)) {
        j--;
        continue;
      }
      if (c !== PAD) return corrupt(si - 1);
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== PAD) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      if (si < src.length) return corrupt(si);
      return undefined;
    }
  }
  return undefined;
}
