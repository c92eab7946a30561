/**
 * Leader election of kube-scheduler and kube-controller-manager over a coordination.k8s.io/v1
 * Lease (client-go tools/leaderelection/leaderelection.go, resourcelock/leaselock.go), as pure
 * functions over explicit state so the engine can run it on its virtual clock.
 *
 * - Identity `<hostname>_<uuid>`, a fresh UUID per process start (makeLeaderElectionConfig).
 * - Defaults (component-base): leaseDuration 15 s, renewDeadline 10 s, retryPeriod 2 s.
 * - tryAcquireOrRenew: a candidate never trusts the lease's timestamps; it remembers when it
 *   last *saw the record change* (observedTime) and takes over only once that is more than
 *   leaseDuration ago; a new holder increments leaseTransitions; the holder keeps acquireTime.
 * - Loops: candidates poll with JitterUntil(retryPeriod, 1.2) — every 2.0–4.4 s; the leader
 *   renews every retryPeriod and gives up after renewDeadline without a successful renew, then
 *   the process exits ("leaderelection lost") and the kubelet restarts it with a new identity.
 */
import type { K8sObject, VirtualMs } from '../types';
import type { Prng } from '../sim/prng';
import { parseTime, rfc3339 } from '../sim/time';
import { stableJson } from './endpoints';

export interface LeaderElectionConfig {
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  /** wait.JitterUntil factor of the acquire loop. */
  jitterFactor: number;
  /** Write an empty holder (leaseDurationSeconds 1) on a clean stop (kube-scheduler sets it). */
  releaseOnCancel: boolean;
}

export const DEFAULT_LEADER_ELECTION: LeaderElectionConfig = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
  jitterFactor: 1.2,
  releaseOnCancel: true,
};

export const LEASE_NAMESPACE = 'kube-system';

/** LeaderElectionRecord, times in virtual ms. */
export interface LeaseRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: VirtualMs;
  renewTime: VirtualMs;
  leaseTransitions: number;
}

/** metav1.MicroTime as JSON: RFC 3339 with 6 fractional digits, UTC (correct for negative times too). */
export function microTime(ms: VirtualMs): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const frac = Math.round(ms - whole) % 1000;
  return `${rfc3339(whole).slice(0, -1)}.${String(frac * 1000).padStart(6, '0')}Z`;
}

export function recordFromLease(lease: K8sObject | undefined): LeaseRecord | undefined {
  const spec = lease?.spec;
  if (!spec) return undefined;
  const t = (s: unknown) => {
    const v = typeof s === 'string' ? parseTime(s) : Number.NaN;
    return Number.isFinite(v) ? v : 0;
  };
  return {
    holderIdentity: typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '',
    leaseDurationSeconds: Number(spec.leaseDurationSeconds ?? 0) || 0,
    acquireTime: t(spec.acquireTime),
    renewTime: t(spec.renewTime),
    leaseTransitions: Number(spec.leaseTransitions ?? 0) || 0,
  };
}

/** LeaderElectionRecordToLeaseSpec, on top of an existing Lease (metadata kept) or a new one. */
export function leaseWithRecord(name: string, rec: LeaseRecord, base?: K8sObject): K8sObject {
  const lease: K8sObject = base
    ? { ...base, metadata: { ...base.metadata } }
    : { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: LEASE_NAMESPACE } };
  lease.spec = {
    holderIdentity: rec.holderIdentity,
    leaseDurationSeconds: rec.leaseDurationSeconds,
    acquireTime: microTime(rec.acquireTime),
    renewTime: microTime(rec.renewTime),
    leaseTransitions: rec.leaseTransitions,
  };
  return lease;
}

/** One LeaderElector (a kube-scheduler or kube-controller-manager process). */
export interface Elector {
  hostname: string;
  identity: string;
  /** The last record this process saw, its raw form, and when it saw it change (its own clock). */
  observed?: LeaseRecord;
  observedRaw?: string;
  observedTime?: VirtualMs;
  /** In the renew loop (holds the lease). */
  leading: boolean;
  /** The process is not running (its node is down). */
  dead: boolean;
  nextAttemptAt: VirtualMs;
  /** While leading: when the current renew attempt series started (for renewDeadline). */
  renewStartedAt?: VirtualMs;
}

export function newElector(hostname: string, prng: Prng, now: VirtualMs): Elector {
  return { hostname, identity: `${hostname}_${prng.uuid()}`, leading: false, dead: false, nextAttemptAt: now };
}

export interface TryResult {
  ok: boolean;
  /** The Lease to write (create when `created`), when the attempt writes. */
  write?: K8sObject;
  created?: boolean;
  elector: Elector;
  /** klog text at V(4) when the lock is held by someone else. */
  reason?: string;
}

function isLeaseValid(el: Elector, now: VirtualMs): boolean {
  if (!el.observed || el.observedTime === undefined) return false;
  return el.observedTime + el.observed.leaseDurationSeconds * 1000 > now;
}

/** tryAcquireOrRenew against the current Lease (undefined = not found). Pure. */
export function tryAcquireOrRenew(name: string, current: K8sObject | undefined, elector: Elector, now: VirtualMs, cfg: LeaderElectionConfig = DEFAULT_LEADER_ELECTION): TryResult {
  const el: Elector = { ...elector };
  const desired: LeaseRecord = {
    holderIdentity: el.identity,
    leaseDurationSeconds: Math.floor(cfg.leaseDurationMs / 1000),
    acquireTime: now,
    renewTime: now,
    leaseTransitions: 0,
  };
  const isLeader = () => el.observed?.holderIdentity === el.identity;
  const currentRaw = current ? stableJson(current.spec ?? {}) : undefined;

  // 1. Fast path: the leader updates optimistically (conflicts if the lease changed meanwhile).
  if (isLeader() && isLeaseValid(el, now) && current && currentRaw === el.observedRaw) {
    const rec = { ...desired, acquireTime: el.observed!.acquireTime, leaseTransitions: el.observed!.leaseTransitions };
    return commit(name, current, rec, el, now, false);
  }
  // 2. Get or create.
  if (!current) {
    return commit(name, undefined, desired, el, now, true);
  }
  const old = recordFromLease(current) as LeaseRecord;
  // 3. A changed record restarts this candidate's own expiry clock.
  if (currentRaw !== el.observedRaw) {
    el.observed = old;
    el.observedRaw = currentRaw;
    el.observedTime = now;
  }
  if (old.holderIdentity.length > 0 && isLeaseValid(el, now) && !isLeader()) {
    return { ok: false, elector: el, reason: `lock is held by ${old.holderIdentity} and has not yet expired` };
  }
  const rec: LeaseRecord = isLeader()
    ? { ...desired, acquireTime: old.acquireTime, leaseTransitions: old.leaseTransitions }
    : { ...desired, leaseTransitions: old.leaseTransitions + 1 };
  return commit(name, current, rec, el, now, false);
}

function commit(name: string, base: K8sObject | undefined, rec: LeaseRecord, el: Elector, now: VirtualMs, created: boolean): TryResult {
  const write = leaseWithRecord(name, rec, base);
  el.observed = rec;
  el.observedRaw = stableJson(write.spec);
  el.observedTime = now;
  return { ok: true, write, created, elector: el };
}

/** release(): an empty holder with leaseDurationSeconds 1, so others take over at their next poll. */
export function release(name: string, current: K8sObject | undefined, elector: Elector, now: VirtualMs): TryResult {
  const el = { ...elector, leading: false };
  if (!current || el.observed?.holderIdentity !== el.identity) return { ok: true, elector: el };
  const rec: LeaseRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: el.observed.leaseTransitions };
  return commit(name, current, rec, el, now, false);
}

/**
 * What happens to a candidate's host: running, powered off (the process dies without a word),
 * cut off from the API server, or its process stopped cleanly (it releases the lease first).
 */
export type HostHealth = 'up' | 'down' | 'partitioned' | 'stopped';

export interface ElectionLog {
  t: VirtualMs;
  identity: string;
  hostname: string;
  /** klog verbosity (0 = shown by default). */
  v: number;
  message: string;
}

export interface ElectionStepResult {
  lease: K8sObject | undefined;
  electors: Elector[];
  /** Lease writes in order (create/update), for the store. */
  writes: Array<{ created: boolean; lease: K8sObject }>;
  logs: ElectionLog[];
  /** Events the lock records on the Lease: `<identity> became leader` / `stopped leading`. */
  events: Array<{ t: VirtualMs; identity: string; reason: 'LeaderElection'; message: string }>;
}

/** The earliest time any running candidate wants to act. */
export function nextWakeup(electors: Elector[]): VirtualMs | undefined {
  let t: VirtualMs | undefined;
  for (const e of electors) if (!e.dead && (t === undefined || e.nextAttemptAt < t)) t = e.nextAttemptAt;
  return t;
}

/**
 * Advance every candidate whose next attempt is due at `now` (in due-time order), against the
 * current Lease. `health(hostname)` says whether each process can run and reach the API
 * server; a host that comes back up starts a new process (new identity) that begins acquiring.
 */
export function electionStep(
  name: string,
  lease: K8sObject | undefined,
  electors: Elector[],
  now: VirtualMs,
  health: (hostname: string) => HostHealth,
  prng: Prng,
  cfg: LeaderElectionConfig = DEFAULT_LEADER_ELECTION,
): ElectionStepResult {
  const desc = `${LEASE_NAMESPACE}/${name}`;
  const out: ElectionStepResult = { lease, electors: electors.map((e) => ({ ...e })), writes: [], logs: [], events: [] };
  const log = (e: Elector, message: string, v = 0) => out.logs.push({ t: now, identity: e.identity, hostname: e.hostname, v, message });
  const jitter = () => cfg.retryPeriodMs + Math.floor(prng.next() * cfg.jitterFactor * cfg.retryPeriodMs);
  // renewDeadline passed: the leader gives up and exits; the kubelet restarts the static pod, so
  // a new process (new identity) starts acquiring.
  const loseLeadership = (i: number, e: Elector) => {
    log(e, `failed to renew lease ${desc}: context deadline exceeded`);
    out.events.push({ t: now, identity: e.identity, reason: 'LeaderElection', message: `${e.identity} stopped leading` });
    log(e, 'leaderelection lost');
    const fresh = newElector(e.hostname, prng, now + cfg.retryPeriodMs);
    out.electors[i] = fresh;
    log(fresh, `attempting to acquire leader lease ${desc}...`);
  };

  // Processes on hosts that went down die (a clean stop releases the lease first); hosts back up
  // start a fresh process.
  out.electors = out.electors.map((e) => {
    const h = health(e.hostname);
    if (h === 'stopped' && !e.dead) {
      if (e.leading && cfg.releaseOnCancel) {
        const r = release(name, out.lease, e, now);
        if (r.write) {
          out.lease = r.write;
          out.writes.push({ created: false, lease: r.write });
        }
      }
      return { ...e, dead: true, leading: false };
    }
    if (h === 'down' && !e.dead) return { ...e, dead: true, leading: false };
    if (h !== 'down' && h !== 'stopped' && e.dead) {
      const fresh = newElector(e.hostname, prng, now);
      log(fresh, `attempting to acquire leader lease ${desc}...`);
      return fresh;
    }
    return e;
  });

  const due = out.electors
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => !e.dead && e.nextAttemptAt <= now)
    .sort((a, b) => a.e.nextAttemptAt - b.e.nextAttemptAt || a.i - b.i);

  for (const { i } of due) {
    let e = out.electors[i];
    const reachable = health(e.hostname) === 'up';
    if (!reachable) {
      if (e.leading) {
        const started = e.renewStartedAt ?? now;
        if (now - started >= cfg.renewDeadlineMs) {
          loseLeadership(i, e);
          continue;
        }
        out.electors[i] = { ...e, renewStartedAt: started, nextAttemptAt: now + cfg.retryPeriodMs };
      } else {
        out.electors[i] = { ...e, nextAttemptAt: now + jitter() };
      }
      continue;
    }
    const r = tryAcquireOrRenew(name, out.lease, e, now, cfg);
    e = r.elector;
    if (r.write) {
      out.lease = r.write;
      out.writes.push({ created: Boolean(r.created), lease: r.write });
    }
    if (e.leading) {
      if (r.ok) {
        e = { ...e, renewStartedAt: undefined, nextAttemptAt: now + cfg.retryPeriodMs };
      } else {
        const started = e.renewStartedAt ?? now;
        if (now - started >= cfg.renewDeadlineMs) {
          loseLeadership(i, e);
          continue;
        }
        e = { ...e, renewStartedAt: started, nextAttemptAt: now + cfg.retryPeriodMs };
      }
    } else if (r.ok) {
      log(e, `successfully acquired lease ${desc}`);
      out.events.push({ t: now, identity: e.identity, reason: 'LeaderElection', message: `${e.identity} became leader` });
      e = { ...e, leading: true, renewStartedAt: undefined, nextAttemptAt: now + cfg.retryPeriodMs };
    } else {
      if (r.reason) log(e, r.reason, 4);
      log(e, `failed to acquire lease ${desc}`, 4);
      e = { ...e, nextAttemptAt: now + jitter() };
    }
    out.electors[i] = e;
  }
  return out;
}

/**
 * Candidates of a cluster that has been running for a while: the holder is leading and renews
 * next at its 2 s grid; the others saw the lease change at its last renew and poll at jittered
 * times. `identities` gives each host's process identity (the holder's must match the lease).
 */
export function steadyElectors(lease: K8sObject, hostnames: string[], identities: Record<string, string>, now: VirtualMs, prng: Prng, cfg: LeaderElectionConfig = DEFAULT_LEADER_ELECTION): Elector[] {
  const rec = recordFromLease(lease) as LeaseRecord;
  const raw = stableJson(lease.spec ?? {});
  return hostnames.map((h) => {
    const identity = identities[h] ?? `${h}_${prng.uuid()}`;
    const leading = identity === rec.holderIdentity;
    const sinceRenew = Math.max(0, now - rec.renewTime);
    return {
      hostname: h,
      identity,
      observed: rec,
      observedRaw: raw,
      observedTime: rec.renewTime,
      leading,
      dead: false,
      nextAttemptAt: leading
        ? rec.renewTime + cfg.retryPeriodMs * (Math.floor(sinceRenew / cfg.retryPeriodMs) + 1)
        : now + Math.floor(prng.next() * (cfg.retryPeriodMs + cfg.jitterFactor * cfg.retryPeriodMs)),
    };
  });
}

/** The holder's hostname (`k8s-master01_<uuid>` → `k8s-master01`). */
export function holderHost(lease: K8sObject | undefined): string | undefined {
  const id: string | undefined = lease?.spec?.holderIdentity;
  if (!id) return undefined;
  const i = id.lastIndexOf('_');
  return i > 0 ? id.slice(0, i) : id;
}
