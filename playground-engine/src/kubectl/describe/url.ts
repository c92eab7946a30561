/**
 * Go's net/url: the `http-get` URL kubectl's DescribeProbe prints is
 * `(&url.URL{Scheme, Host, Path}).String()`, whose path is escaped with escape(path, encodePath).
 */

const utf8 = new TextEncoder();

/** shouldEscape(c, encodePath): unreserved and the reserved characters a path keeps, except '?'. */
function keepInPath(c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  return '-_.~$&+,/:;=@'.includes(String.fromCharCode(c));
}

/** url.PathEscape-like escape(s, encodePath): every other byte as %XX (upper-case hex). */
export function escapePath(s: string): string {
  if (s === '*') return s;
  let out = '';
  for (const b of utf8.encode(s)) out += keepInPath(b) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** url.URL{Scheme, Host, Path}.String() for the fields DescribeProbe sets. */
export function urlString(scheme: string, host: string, path: string): string {
  let out = '';
  if (scheme !== '') out += `${scheme}:`;
  if (scheme !== '' || host !== '') {
    if (host !== '' || path !== '') out += '//';
    out += host;
  }
  const p = escapePath(path);
  if (p !== '' && p[0] !== '/' && host !== '') out += '/';
  if (out === '' && p.split('/', 1)[0].includes(':')) out += './';
  return out + p;
}
