import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import {
  MAX_SHARED_TEXT_BYTES,
  base64urlDecode,
  base64urlEncode,
  decodeShare,
  encodeShare,
  inflateCapped,
} from '../../src/playground/client/share-codec';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.15.2   # 注释：中文
`;

const b64 = (bytes: Uint8Array) => base64urlEncode(bytes);
const deflate = (s: string | Uint8Array) => deflateSync(typeof s === 'string' ? new TextEncoder().encode(s) : s);

describe('base64url', () => {
  it('round-trips any bytes and matches Node for reference', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const enc = base64urlEncode(bytes);
        expect(enc).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlDecode(enc)).toEqual(bytes);
      }),
    );
  });
  it.each([['a'], ['abcde'], ['ab+c'], ['ab/c'], ['ab c'], ['%%%%'], ['é']])('rejects %j', (s) => {
    expect(base64urlDecode(s)).toBeNull();
  });
  it('accepts padding', () => {
    expect(base64urlDecode('YQ==')).toEqual(new Uint8Array([97]));
  });
});

describe('encodeShare / decodeShare', () => {
  it('round-trips text, id and time', () => {
    const fragment = encodeShare({ id: 'pg-probes-1', text: POD, t: 45 });
    expect(fragment).toMatch(/^pg=pg-probes-1&v1=[A-Za-z0-9_-]+&t=45$/);
    expect(decodeShare(`#${fragment}`)).toEqual({ ok: true, id: 'pg-probes-1', text: POD, t: 45 });
  });

  it('round-trips arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const r = decodeShare(encodeShare({ id: 'pg-x', text }));
        expect(r).toEqual({ ok: true, id: 'pg-x', text });
      }),
    );
  });

  it('keeps decoding a v1 link made today (frozen example)', () => {
    // Built once with: raw deflate (level 9) of "kind: Pod\n", base64url. Never change this test.
    const payload = Buffer.from(deflateSync(new TextEncoder().encode('kind: Pod\n'), { level: 9 })).toString('base64url');
    expect(decodeShare(`#pg=pg-a-1&v1=${payload}&t=7.5`)).toEqual({ ok: true, id: 'pg-a-1', text: 'kind: Pod\n', t: 7.5 });
    expect(decodeShare('#pg=pg-a-1&v1=y87MS7FSCMhP4QIA&t=3')).toEqual({ ok: true, id: 'pg-a-1', text: 'kind: Pod\n', t: 3 });
  });

  it('leaves heading anchors alone', () => {
    for (const h of ['', '#', '#114-pod-三种探针', '#v1=abc', '#top', '#pgx=1']) expect(decodeShare(h)).toBeNull();
  });

  it('ignores a malformed time but keeps the text', () => {
    const fragment = encodeShare({ id: 'pg-x', text: 'a' }).concat('&t=-5');
    expect(decodeShare(fragment)).toEqual({ ok: true, id: 'pg-x', text: 'a' });
    expect(decodeShare(encodeShare({ id: 'pg-x', text: 'a' }) + '&t=1e9')).toEqual({ ok: true, id: 'pg-x', text: 'a' });
  });

  const good = b64(deflate(POD));
  const bomb = b64(deflate(new Uint8Array(MAX_SHARED_TEXT_BYTES + 1).fill(32)));
  const hostile: Array<[string, string, string]> = [
    ['bad base64', `pg=pg-x&v1=@@@@`, 'base64'],
    ['impossible base64 length', `pg=pg-x&v1=abcde`, 'base64'],
    ['not deflate', `pg=pg-x&v1=${b64(new TextEncoder().encode('hello world, not deflated'))}`, 'deflate'],
    ['truncated deflate', `pg=pg-x&v1=${good.slice(0, good.length >> 1)}`, 'deflate'],
    ['zip bomb', `pg=pg-x&v1=${bomb}`, 'too-large'],
    ['huge payload', `pg=pg-x&v1=${'A'.repeat(200_000)}`, 'too-large'],
    ['invalid utf-8', `pg=pg-x&v1=${b64(deflate(new Uint8Array([0xff, 0xfe, 0x41])))}`, 'utf8'],
    ['unknown version', `pg=pg-x&v9=${good}`, 'version'],
    ['no payload', `pg=pg-x`, 'missing'],
    ['empty payload', `pg=pg-x&v1=`, 'missing'],
    ['hostile id', `pg=%3Cimg%20src%3Dx%3E&v1=${good}`, 'id'],
    ['broken percent escape', `pg=%E0%A4%A&v1=${good}`, 'id'],
    ['empty id', `pg=&v1=${good}`, 'id'],
  ];
  it.each(hostile)('rejects %s with a clear message', (_name, fragment, error) => {
    const r = decodeShare(`#${fragment}`);
    expect(r).not.toBeNull();
    expect(r!.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.error).toBe(error);
      expect(r.message).toMatch(/分享链接/);
    }
  });

  it('reports the id of a broken link so the page can reset that playground', () => {
    const r = decodeShare('#pg=pg-x&v1=@@');
    expect(r).toMatchObject({ ok: false, id: 'pg-x' });
  });

  it('never throws on random fragments', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        decodeShare(`#pg=pg-x&v1=${s}`);
        decodeShare(`#pg=${s}`);
      }),
    );
  });
});

describe('inflateCapped', () => {
  it('inflates up to the cap exactly and refuses one byte more', () => {
    const exact = new Uint8Array(1000).fill(65);
    const ok = inflateCapped(deflate(exact), 1000);
    expect(ok.ok && ok.bytes.length).toBe(1000);
    expect(inflateCapped(deflate(new Uint8Array(1001).fill(65)), 1000)).toEqual({ ok: false, error: 'too-large' });
  });
  it('stops a bomb early', () => {
    const bomb = deflate(new Uint8Array(16 * 1024 * 1024)); // 16 MiB of zeros, ~16 KiB compressed
    const started = performance.now();
    expect(inflateCapped(bomb, MAX_SHARED_TEXT_BYTES)).toEqual({ ok: false, error: 'too-large' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
