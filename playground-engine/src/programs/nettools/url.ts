/** URL splitting as curl and wget do it (scheme optional, default http and port 80). */
export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  /** True when the URL named the port. */
  explicitPort: boolean;
  path: string;
}

export function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(raw.trim());
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = `/${path}`;
  path = path.replace(/#.*$/, '') || '/';
  return { scheme, host: m[2], port, explicitPort: !!m[3], path };
}

export const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);
