import { describe, expect, test } from 'vitest';
import type { K8sObject } from '../types';
import { Prng } from '../sim/prng';
import { parseTime } from '../sim/time';
import {
  electionStep, holderHost, leaseWithRecord, microTime, newElector, nextWakeup, recordFromLease, release, steadyElectors,
  tryAcquireOrRenew, type Elector, type ElectionLog, type HostHealth,
} from './leader-election';

const HOSTS = ['k8s-master01', 'k8s-master02', 'k8s-master03'];

/** Run the election on the virtual clock until `until`, with host health as a function of time. */
function simulate(lease: K8sObject | undefined, electors: Elector[], from: number, until: number, health: (host: string, t: number) => HostHealth, seed = 1) {
  const prng = new Prng(seed);
  const logs: ElectionLog[] = [];
  const holders: Array<{ t: number; holder: string; transitions: number }> = [];
  let t = from;
  for (let guard = 0; guard < 10_000; guard++) {
    const next = nextWakeup(electors);
    // Dead processes wake up when their host comes back: poll host changes every 500 ms.
    t = Math.max(t, Math.min(next ?? t + 500, t + 500));
    if (t > until) break;
    const r = electionStep('kube-scheduler', lease, electors, t, (h) => health(h, t), prng);
    electors = r.electors;
    logs.push(...r.logs);
    for (const w of r.writes) {
      const prev = lease?.spec?.holderIdentity;
      lease = w.lease;
      if (w.lease.spec.holderIdentity !== prev) holders.push({ t, holder: w.lease.spec.holderIdentity, transitions: w.lease.spec.leaseTransitions });
    }
  }
  return { lease, electors, logs, holders };
}

describe('tryAcquireOrRenew (client-go leaderelection.go)', () => {
  test('no lease: create it and lead, leaseTransitions 0, MicroTime timestamps', () => {
    const e = newElector('k8s-master01', new Prng(1), 0);
    const r = tryAcquireOrRenew('kube-scheduler', undefined, e, 1_500);
    expect(r.ok && r.created).toBe(true);
    expect(r.write?.spec).toEqual({ holderIdentity: e.identity, leaseDurationSeconds: 15, acquireTime: '2022-12-08T11:35:01.500000Z', renewTime: '2022-12-08T11:35:01.500000Z', leaseTransitions: 0 });
    expect(e.identity).toMatch(/^k8s-master01_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('held by another and not expired in my own clock: refused, even if renewTime looks old', () => {
    const lease = leaseWithRecord('kube-scheduler', { holderIdentity: 'k8s-master01_x', leaseDurationSeconds: 15, acquireTime: -100_000, renewTime: -100_000, leaseTransitions: 0 });
    const e = newElector('k8s-master02', new Prng(2), 0);
    const r = tryAcquireOrRenew('kube-scheduler', lease, e, 0);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('lock is held by k8s-master01_x and has not yet expired');
    // 15 s later without any change seen: take over, transitions + 1.
    const r2 = tryAcquireOrRenew('kube-scheduler', lease, r.elector, 15_000);
    expect(r2.ok).toBe(true);
    expect(recordFromLease(r2.write)).toEqual({ holderIdentity: e.identity, leaseDurationSeconds: 15, acquireTime: 15_000, renewTime: 15_000, leaseTransitions: 1 });
  });

  test('the holder renews: acquireTime and leaseTransitions kept', () => {
    const e = newElector('k8s-master01', new Prng(3), 0);
    const c = tryAcquireOrRenew('kube-scheduler', undefined, e, 0);
    const r = tryAcquireOrRenew('kube-scheduler', c.write, c.elector, 2_000);
    expect(recordFromLease(r.write)).toMatchObject({ acquireTime: 0, renewTime: 2_000, leaseTransitions: 0 });
  });

  test('MicroTime for negative virtual times', () => {
    expect(microTime(-310)).toBe('2022-12-08T11:34:59.690000Z');
    expect(parseTime(microTime(-310))).toBe(-310);
  });
});

describe('failover on the virtual clock', () => {
  const start = () => {
    const lease = leaseWithRecord('kube-scheduler', { holderIdentity: 'k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc', leaseDurationSeconds: 15, acquireTime: -100_000, renewTime: -1_234, leaseTransitions: 0 });
    const ids = { 'k8s-master01': 'k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc' };
    return { lease, electors: steadyElectors(lease, HOSTS, ids, 0, new Prng(9)) };
  };

  test('all up: the holder renews every 2 s and keeps the lease', () => {
    const { lease, electors } = start();
    const r = simulate(lease, electors, 0, 60_000, () => 'up');
    expect(r.holders).toEqual([]);
    expect(holderHost(r.lease)).toBe('k8s-master01');
    expect(recordFromLease(r.lease)?.renewTime).toBeGreaterThan(56_000);
    expect(r.logs.filter((l) => l.v === 0)).toEqual([]);
  });

  test.each([1, 2, 3, 4, 5])('k8s-master01 powered off at 10 s: a standby takes over 15–23.8 s after the last renew (seed %i)', (seed) => {
    const { lease, electors } = start();
    const r = simulate(lease, electors, 0, 60_000, (h, t) => (h === 'k8s-master01' && t >= 10_000 ? 'down' : 'up'), seed);
    expect(r.holders).toHaveLength(1);
    const lastRenew = 8_766; // the holder's 2 s grid from its renew at -1.234 s
    expect(r.holders[0].t - lastRenew).toBeGreaterThanOrEqual(15_000);
    expect(r.holders[0].t - lastRenew).toBeLessThanOrEqual(23_800);
    expect(r.holders[0].transitions).toBe(1);
    expect(r.holders[0].holder).not.toMatch(/^k8s-master01_/);
    expect(r.logs).toContainEqual(expect.objectContaining({ v: 0, message: 'successfully acquired lease kube-system/kube-scheduler' }));
  });

  test('the old leader cut off from the API server steps down after renewDeadline (10 s); nobody leads before 15 s', () => {
    const { lease, electors } = start();
    const r = simulate(lease, electors, 0, 60_000, (h, t) => (h === 'k8s-master01' && t >= 10_000 ? 'partitioned' : 'up'));
    const lost = r.logs.find((l) => l.message.startsWith('failed to renew lease kube-system/kube-scheduler'));
    expect(lost?.message).toBe('failed to renew lease kube-system/kube-scheduler: context deadline exceeded');
    expect(lost && lost.t <= 10_766 + 10_000).toBe(true);
    expect(r.logs).toContainEqual(expect.objectContaining({ hostname: 'k8s-master01', message: 'leaderelection lost' }));
    expect(r.holders[0].t).toBeGreaterThanOrEqual(8_766 + 15_000);
  });

  test.each([1, 2, 3])('a clean stop releases the lease: a standby takes over 0–4.4 s later (seed %i)', (seed) => {
    const { lease, electors } = start();
    const r = simulate(lease, electors, 0, 30_000, (h, t) => (h === 'k8s-master01' && t >= 10_000 ? 'stopped' : 'up'), seed);
    expect(r.holders.map((h) => h.holder)).toEqual(['', expect.stringMatching(/^k8s-master0[23]_/)]);
    const releasedAt = r.holders[0].t;
    expect(releasedAt).toBeGreaterThanOrEqual(10_000); // noticed at the next step of the driver
    expect(releasedAt).toBeLessThan(10_600);
    expect(r.holders[1].t - releasedAt).toBeLessThanOrEqual(4_400);
    expect(r.holders[1].transitions).toBe(1);
  });

  test('release(): an empty holder with leaseDurationSeconds 1', () => {
    const { lease, electors } = start();
    const holder = electors.find((e) => e.leading)!;
    expect(release('kube-scheduler', lease, holder, 5_000).write?.spec).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 0 });
  });

  test('a restarted host comes back with a new identity and stands by', () => {
    const { lease, electors } = start();
    const r = simulate(lease, electors, 0, 90_000, (h, t) => (h === 'k8s-master01' && t >= 10_000 && t < 50_000 ? 'down' : 'up'));
    const m1 = r.electors.find((e) => e.hostname === 'k8s-master01')!;
    expect(m1.identity).not.toBe('k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc');
    expect(m1.leading).toBe(false);
    expect(r.holders).toHaveLength(1);
  });

  test('deterministic for a seed', () => {
    const run = () => {
      const { lease, electors } = start();
      return JSON.stringify(simulate(lease, electors, 0, 60_000, (h, t) => (h === 'k8s-master01' && t >= 10_000 ? 'down' : 'up'), 4));
    };
    expect(run()).toBe(run());
  });
});
