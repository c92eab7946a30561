/**
 * Share links: a playground's text and virtual time in the URL fragment, so nothing is sent to
 * a server. Format: `#pg=<id>&v1=<base64url(raw deflate of UTF-8 text)>&t=<seconds>`.
 *
 * `v1` must keep decoding forever (links live in wikis). A later format gets a new key (`v2=`);
 * the decoder reads the newest version it knows and reports an unknown one clearly.
 */
import { Inflate, deflateSync } from 'fflate';

/** Largest text a link may carry once inflated (also the zip-bomb cap). */
export const MAX_SHARED_TEXT_BYTES = 256 * 1024;
/** Longest encoded payload accepted before any decoding work is done. */
export const MAX_PAYLOAD_CHARS = 128 * 1024;

export interface SharedState {
  id: string;
  text: string;
  /** Virtual time in seconds, when the link carries one. */
  t?: number;
}

export type ShareError = 'missing' | 'version' | 'base64' | 'deflate' | 'too-large' | 'utf8' | 'id';

export type ShareDecodeResult =
  | ({ ok: true } & SharedState)
  | { ok: false; id?: string; error: ShareError; message: string };

const MESSAGES: Record<ShareError, string> = {
  missing: '分享链接不完整：缺少 YAML 内容。',
  version: '分享链接的格式版本无法识别（可能来自更新版本的网站）。',
  base64: '分享链接已损坏：内容不是有效的 base64url 编码。',
  deflate: '分享链接已损坏：内容无法解压。',
  'too-large': `分享链接的内容过大（解压后超过 ${MAX_SHARED_TEXT_BYTES / 1024} KiB），已拒绝。`,
  utf8: '分享链接已损坏：内容不是有效的 UTF-8 文本。',
  id: '分享链接缺少有效的 Playground 编号。',
};

export function shareErrorMessage(error: ShareError): string {
  return MESSAGES[error];
}

// --- base64url ---------------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP: Record<string, number> = Object.fromEntries([...ALPHABET].map((c, i) => [c, i]));

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decode unpadded (or `=`-padded) base64url; null when the text is not valid base64url. */
export function base64urlDecode(text: string): Uint8Array | null {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    const len = Math.min(4, s.length - i);
    for (let k = 0; k < 4; k++) {
      const c = k < len ? LOOKUP[s[i + k]] : 0;
      if (c === undefined) return null;
      n = (n << 6) | c;
    }
    out[o++] = (n >> 16) & 255;
    if (len > 2) out[o++] = (n >> 8) & 255;
    if (len > 3) out[o++] = n & 255;
  }
  return out;
}

// --- inflate with a cap ------------------------------------------------------------------------

class TooLarge extends Error {}

/**
 * Inflate raw deflate data, giving up as soon as the output passes `maxBytes`. The input is fed
 * in small chunks so a bomb never expands far beyond the cap in memory.
 */
export function inflateCapped(data: Uint8Array, maxBytes: number): { ok: true; bytes: Uint8Array } | { ok: false; error: 'deflate' | 'too-large' } {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    parts.push(chunk);
    if (final) ended = true;
  });
  const CHUNK = 256;
  try {
    if (data.length === 0) return { ok: false, error: 'deflate' };
    for (let i = 0; i < data.length; i += CHUNK) {
      inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    }
  } catch (e) {
    return { ok: false, error: e instanceof TooLarge ? 'too-large' : 'deflate' };
  }
  if (!ended) return { ok: false, error: 'deflate' };
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return { ok: true, bytes };
}

// --- fragment ----------------------------------------------------------------------------------

const ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/** The fragment (without `#`) that reopens a playground with this text and time. */
export function encodeShare(state: SharedState): string {
  const bytes = new TextEncoder().encode(state.text);
  const payload = base64urlEncode(deflateSync(bytes, { level: 9 }));
  let fragment = `pg=${encodeURIComponent(state.id)}&v1=${payload}`;
  if (state.t !== undefined && Number.isFinite(state.t) && state.t >= 0) fragment += `&t=${Math.round(state.t * 10) / 10}`;
  return fragment;
}

/** Parse `a=b&c=d` without URLSearchParams' `+`-as-space rule (base64url never has `+`, ids neither). */
function params(fragment: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (!map.has(key)) map.set(key, value);
  }
  return map;
}

function decodeV1(payload: string): { ok: true; text: string } | { ok: false; error: ShareError } {
  if (payload.length === 0) return { ok: false, error: 'missing' };
  if (payload.length > MAX_PAYLOAD_CHARS) return { ok: false, error: 'too-large' };
  const bytes = base64urlDecode(payload);
  if (!bytes) return { ok: false, error: 'base64' };
  const inflated = inflateCapped(bytes, MAX_SHARED_TEXT_BYTES);
  if (!inflated.ok) return inflated;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes) };
  } catch {
    return { ok: false, error: 'utf8' };
  }
}

/**
 * Decode a URL fragment (with or without `#`). Returns null when the fragment is not a
 * playground link at all (a heading anchor, say), so the page leaves it alone.
 */
export function decodeShare(hash: string): ShareDecodeResult | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith('pg=')) return null;
  const p = params(fragment);
  let id: string;
  try {
    id = decodeURIComponent(p.get('pg') ?? '');
  } catch {
    id = '';
  }
  const fail = (error: ShareError, withId = true): ShareDecodeResult => ({ ok: false, ...(withId ? { id } : {}), error, message: MESSAGES[error] });
  if (!ID_PATTERN.test(id)) return fail('id', false);

  let decoded: { ok: true; text: string } | { ok: false; error: ShareError };
  if (p.has('v1')) decoded = decodeV1(p.get('v1')!);
  else if ([...p.keys()].some((k) => /^v\d+$/.test(k))) return fail('version');
  else return fail('missing');
  if (!decoded.ok) return fail(decoded.error);

  const result: ShareDecodeResult = { ok: true, id, text: decoded.text };
  const t = p.get('t');
  if (t !== undefined && /^\d{1,6}(\.\d+)?$/.test(t)) result.t = Number(t);
  return result;
}
