import { describe, expect, test } from 'vitest';
import { base32, hex, md5, sha256 } from './hash';
import { endpointChain, portProtoHash, serviceChains } from './kube-proxy/chains';

describe('sha256 / md5 / base32', () => {
  test.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
  ])('sha256(%j)', (input, digest) => {
    expect(hex(sha256(input))).toBe(digest);
  });

  test.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
    ['a'.repeat(200), '887f30b43b2867f4a9accceee7d16e6c'],
  ])('md5(%j)', (input, digest) => {
    expect(hex(md5(input))).toBe(digest);
  });

  test('md5 of a multi-block message (RFC 1321 test suite)', () => {
    expect(hex(md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  test.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('base32(%j) (RFC 4648 vectors)', (input, out) => {
    expect(base32(new TextEncoder().encode(input))).toBe(out);
  });
});

describe('kube-proxy chain names (service-networking.md §1.2, real-cluster names)', () => {
  test.each([
    ['default/kubernetes:https', 'TCP', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'UDP', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'TCP', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    ['default/nginx', 'TCP', 'KUBE-SVC-2CMXP7HKUVJN7L6M'],
    ['default/web-service', 'TCP', 'KUBE-SVC-SZGXCNNBZLC4E3DM'],
    ['ns1/svc1', 'TCP', 'KUBE-SVC-AQI2S6QIMU7PVVRP'],
    ['default/nginx:http', 'TCP', 'KUBE-SVC-P4Q3KNUAWJVP4ILH'],
    ['kube-system/metrics-server:https', 'TCP', 'KUBE-SVC-Z4ANX4WAEWEBLCTM'],
  ])('%s/%s → %s', (spn, proto, chain) => {
    expect(serviceChains(spn, proto).svc).toBe(chain);
    const h = portProtoHash(spn, proto);
    expect(serviceChains(spn, proto)).toEqual({ svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` });
  });

  test.each([
    ['default/nginx', 'TCP', '10.244.0.20:80', 'KUBE-SEP-BRZDTZFF2SFWJV4H'],
    ['default/web-service', 'TCP', '10.244.1.10:80', 'KUBE-SEP-LJSFUGXYHK6BOCVT'],
    ['default/kubernetes:https', 'TCP', '172.18.0.2:6443', 'KUBE-SEP-V2PECCYPB6X2GSCW'],
    ['ns1/svc1', 'TCP', '10.0.1.1:80', 'KUBE-SEP-3JOIVZTXZZRGORX4'],
    ['default/nginx:http', 'TCP', '10.244.1.5:8080', 'KUBE-SEP-MWK3YV53DN5JODN3'],
    ['kube-system/metrics-server:https', 'TCP', '172.17.125.6:4443', 'KUBE-SEP-MEGRWB2R5YR2RB75'],
  ])('%s %s %s → %s', (spn, proto, ep, chain) => {
    expect(endpointChain(spn, proto, ep)).toBe(chain);
  });
});
