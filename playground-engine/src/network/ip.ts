/** IPv4 addresses and CIDRs as unsigned 32-bit integers (the simulated cluster is IPv4-only). */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
}

/** Parse a dotted quad; undefined when it is not a valid IPv4 address. */
export function parseIPv4(s: string): number | undefined {
  const str = typeof s === 'string' ? s : String(s);
  const hit = ipMemo.get(str);
  if (hit !== undefined) return hit === -1 ? undefined : hit;
  const n = parseDottedQuad(str.trim());
  if (ipMemo.size >= MEMO_MAX) ipMemo.clear();
  ipMemo.set(str, n === undefined ? -1 : n);
  return n;
}

/** Parsed addresses and CIDRs, remembered (a run sees few distinct ones; bounded). */
const MEMO_MAX = 4096;
const ipMemo = new Map<string, number>();
const cidrMemo = new Map<string, Cidr | null>();

/** 1–3 decimal digits per octet, no leading zero, at most 255, exactly four octets. */
function parseDottedQuad(t: string): number | undefined {
  let n = 0;
  let octets = 0;
  let i = 0;
  const len = t.length;
  while (octets < 4) {
    const start = i;
    let o = 0;
    while (i < len) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) break;
      o = o * 10 + (c - 48);
      i++;
    }
    const digits = i - start;
    if (digits < 1 || digits > 3 || o > 255 || (digits > 1 && t.charCodeAt(start) === 48)) return undefined;
    n = n * 256 + o;
    octets++;
    if (octets < 4) {
      if (t.charCodeAt(i) !== 46) return undefined;
      i++;
    }
  }
  return i === len ? n >>> 0 : undefined;
}

export function formatIPv4(n: number): string {
  n = n >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

export function parseCidr(s: string): Cidr | undefined {
  const str = typeof s === 'string' ? s : String(s);
  const hit = cidrMemo.get(str);
  if (hit !== undefined) return hit ?? undefined;
  const c = parseCidrUncached(str);
  if (cidrMemo.size >= MEMO_MAX) cidrMemo.clear();
  cidrMemo.set(str, c ? Object.freeze(c) : null);
  return c;
}

function parseCidrUncached(s: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const ip = parseIPv4(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  return { base: (ip & maskOf(prefix)) >>> 0, prefix };
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function cidrContains(c: Cidr, ip: string | number): boolean {
  const n = typeof ip === 'number' ? ip : parseIPv4(ip);
  if (n === undefined) return false;
  return ((n & maskOf(c.prefix)) >>> 0) === c.base;
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

/** The n-th address of a CIDR (0 = the network address). */
export function nthIp(c: Cidr, n: number): string {
  return formatIPv4(c.base + n);
}

/** Numeric comparison of two dotted quads (invalid addresses sort last, then by string). */
export function compareIPv4(a: string, b: string): number {
  const x = parseIPv4(a);
  const y = parseIPv4(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1-2-3-4` as used in pod A records and headless endpoint names. */
export function dashed(ip: string): string {
  return ip.replace(/\./g, '-');
}
