/** IPv4 addresses and CIDRs as unsigned 32-bit integers (the simulated cluster is IPv4-only). */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
}

/** Parse a dotted quad; undefined when it is not a valid IPv4 address. */
export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(String(s).trim());
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255 || (m[i].length > 1 && m[i][0] === '0')) return undefined;
    n = n * 256 + o;
  }
  return n >>> 0;
}

export function formatIPv4(n: number): string {
  n = n >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

export function parseCidr(s: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(String(s).trim());
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
