import { describe, expect, test } from 'vitest';
import { Prng } from '../sim/prng';
import { AllocationBlock, CalicoIpam, defaultIpam } from './ipam';
import { ClusterIpAllocator, NodePortAllocator } from './service-ip';
import { NODES, tunnelIp } from './cluster';

describe('Calico allocation block (libcalico-go ipam_block.go)', () => {
  test('hands out ordinals in order; a released address goes to the end of the free list', () => {
    const b = new AllocationBlock('172.17.125.0/26');
    expect([b.autoAssign('tunnel'), b.autoAssign('p1'), b.autoAssign('p2')]).toEqual(['172.17.125.0', '172.17.125.1', '172.17.125.2']);
    b.release('172.17.125.1');
    expect(b.autoAssign('p3')).toBe('172.17.125.3');
    // The freed .1 comes back only after .4 … .63.
    const rest = Array.from({ length: 60 }, (_, i) => b.autoAssign(`q${i}`));
    expect(rest[59]).toBe('172.17.125.63');
    expect(b.autoAssign('last')).toBe('172.17.125.1');
    expect(b.autoAssign('full')).toBeUndefined();
  });

  test('releaseByHandle frees in ordinal order; assign takes a specific address', () => {
    const b = new AllocationBlock('10.0.0.0/30');
    expect(b.assign('10.0.0.2', 'h')).toBe(true);
    expect(b.assign('10.0.0.2', 'h2')).toBe(false);
    b.autoAssign('h');
    expect(b.releaseByHandle('h')).toEqual(['10.0.0.0', '10.0.0.2']);
    expect(b.unallocated).toEqual([1, 3, 0, 2]);
  });
});

describe('the notes cluster IPAM', () => {
  test('each node has its /26 from the notes, first address = tunl0', () => {
    const ipam = defaultIpam();
    for (const n of NODES) {
      expect(ipam.blocksOf(n.name).map((b) => b.cidrString)).toEqual([n.block]);
      expect(ipam.inUse(n.name)[0]).toBe(tunnelIp(n));
    }
  });

  test('sequence on k8s-node01: .8, .9, .10 — a deleted pod’s IP is not reused soon (notes: .8 → .11 → .12 → .14)', () => {
    const ipam = defaultIpam();
    const node01 = ipam.ipamFor('k8s-node01');
    const a = node01.allocate('default/nginx');
    expect(a).toBe('172.17.125.8');
    node01.release(a);
    expect(node01.allocate('default/nginx')).toBe('172.17.125.9');
    expect(node01.allocate('default/nginx2')).toBe('172.17.125.10');
    expect(ipam.ipamFor('k8s-node02').allocate('default/nginx')).toBe('172.27.14.198');
    expect(ipam.ipamFor('k8s-master01').allocate('kube-system/x')).toBe('172.25.244.202');
  });

  test('a full node claims another /26 of the pool', () => {
    const ipam = new CalicoIpam();
    ipam.claimBlock('n1', '172.16.0.0/26');
    const ips = Array.from({ length: 65 }, (_, i) => ipam.allocate('n1', `p${i}`));
    expect(ips[64]).toBe('172.16.0.64');
    expect(ipam.blocksOf('n1').map((b) => b.cidrString)).toEqual(['172.16.0.0/26', '172.16.0.64/26']);
  });
});

describe('ClusterIP allocation (ipallocator with static/dynamic bands)', () => {
  test('the notes addresses are in range; kube-dns is in the static band; dynamic picks avoid it and taken IPs', () => {
    const a = new ClusterIpAllocator(new Prng(1));
    expect(a.staticBand).toEqual(['10.103.0.1', '10.103.1.0']);
    for (const ip of ['10.103.0.1', '10.103.0.10', '10.103.6.32', '10.103.119.223']) expect(a.allocate(ip)).toEqual({ ok: true, value: ip });
    expect(a.allocate('10.103.0.10')).toEqual({ ok: false, error: 'provided IP is already allocated' });
    expect(a.allocate('10.96.0.10')).toEqual({ ok: false, error: 'the provided IP (10.96.0.10) is not in the valid range. The range of valid IPs is 10.103.0.0/16' });
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const r = a.allocateNext();
      expect(r.ok).toBe(true);
      if (r.ok) {
        const [, , x, y] = r.value.split('.').map(Number);
        expect(x * 256 + y).toBeGreaterThan(256); // upper band
        expect(seen.has(r.value)).toBe(false);
        seen.add(r.value);
      }
    }
  });

  test('deterministic for a seed; headless and ExternalName', () => {
    const pick = () => {
      const a = new ClusterIpAllocator(new Prng(5));
      return [a.allocateNext(), a.allocateNext(), a.forService({ clusterIP: 'None' }), a.forService({ type: 'ExternalName' })];
    };
    expect(pick()).toEqual(pick());
    expect(pick()[2]).toEqual({ ok: true, value: 'None' });
    expect(pick()[3]).toEqual({ ok: true, value: undefined });
  });

  test('a tiny range fills up and falls back to the lower band', () => {
    const a = new ClusterIpAllocator(new Prng(2), '10.0.0.0/28'); // 14 usable, too small for bands
    const got = Array.from({ length: 14 }, () => a.allocateNext());
    expect(got.every((r) => r.ok)).toBe(true);
    expect(a.allocateNext()).toEqual({ ok: false, error: 'range is full' });
  });
});

describe('NodePort allocation', () => {
  test('range 30000-32767, errors as the allocator words them', () => {
    const n = new NodePortAllocator(new Prng(3));
    expect(n.allocate(30080)).toEqual({ ok: true, value: 30080 });
    expect(n.allocate(30080)).toEqual({ ok: false, error: 'provided port is already allocated' });
    expect(n.allocate(80)).toEqual({ ok: false, error: 'provided port is not in the valid range. The range of valid ports is 30000-32767' });
    const r = n.allocateNext();
    expect(r.ok && r.value >= 30086 && r.value <= 32767).toBe(true);
  });
});
