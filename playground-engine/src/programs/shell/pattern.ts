/**
 * Shell patterns (`*`, `?`, `[…]`) for `case`, `${x#pat}` and pathname expansion. A pattern
 * is given as text plus a mask of quoted characters, which always match literally.
 */
export interface Pat {
  text: string;
  /** quoted[i]: character i came from quotes or a backslash. */
  quoted: boolean[];
}

export function hasGlob(p: Pat): boolean {
  for (let i = 0; i < p.text.length; i++) if (!p.quoted[i] && '*?['.includes(p.text[i])) return true;
  return false;
}

const esc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** Regular expression source for a pattern; `slash` false makes wildcards stop at `/`. */
export function patternSource(p: Pat, slash = true): string {
  const any = slash ? '[\\s\\S]' : '[^/]';
  let out = '';
  const t = p.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (p.quoted[i]) {
      out += esc(c);
      continue;
    }
    if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '[') {
      let j = i + 1;
      let neg = false;
      if (t[j] === '!' || t[j] === '^') {
        neg = true;
        j++;
      }
      let body = '';
      if (t[j] === ']') {
        body += '\\]';
        j++;
      }
      while (j < t.length && t[j] !== ']') {
        if (t[j] === '[' && t[j + 1] === ':') {
          const e = t.indexOf(':]', j + 2);
          if (e > 0) {
            const cls = t.slice(j + 2, e);
            body += { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~' }[cls] ?? '';
            j = e + 2;
            continue;
          }
        }
        body += t[j] === '\\' || t[j] === ']' || t[j] === '^' ? `\\${t[j]}` : t[j];
        j++;
      }
      if (j >= t.length) {
        out += '\\[';
        continue;
      }
      out += `[${neg ? '^' : ''}${body}]`;
      i = j;
    } else out += esc(c);
  }
  return out;
}

export function matchPattern(p: Pat, s: string): boolean {
  try {
    return new RegExp(`^${patternSource(p)}$`).test(s);
  } catch {
    return p.text === s;
  }
}

/** `${x#p}` (shortest prefix), `##` (longest), `%`, `%%`. */
export function trimPattern(value: string, p: Pat, op: '#' | '##' | '%' | '%%'): string {
  let re: RegExp;
  try {
    re = new RegExp(`^${patternSource(p)}$`);
  } catch {
    return value;
  }
  if (op === '#') {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '##') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '%') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}
