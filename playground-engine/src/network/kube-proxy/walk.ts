/**
 * The first packet of a new connection through netfilter, over the very rules `iptables-save`
 * prints: nat PREROUTING (or OUTPUT for a process on the node) → KUBE-SERVICES → … → DNAT,
 * then POSTROUTING's masquerade decision, then the filter table (KUBE-SERVICES REJECT/DROP for
 * Services without endpoints). The nat table sees only the first packet of a connection, so
 * the random choice is per connection; callers keep the result for the flow (conntrack).
 * `rulesInspected` counts every rule compared: the O(n) walk of KUBE-SERVICES.
 */
import type { VirtualMs } from '../../types';
import { cidrContains, parseCidr } from '../ip';
import { statisticMatches } from './statistic';
import type { IptTable, Match, Rule, TableName } from './rules';
import type { IptablesRuleset } from './iptables';

export interface Packet {
  src: string;
  dst: string;
  dport: number;
  /** Lowercase protocol as iptables writes it. */
  proto: string;
  /** Sent by a process of this node (OUTPUT hook) rather than routed in (PREROUTING). */
  local: boolean;
  /** This node's addresses (addrtype LOCAL). */
  localAddrs: ReadonlySet<string>;
}

/** ipset membership for `-m set --match-set NAME FLAGS` (ipvs mode); absent = never matches. */
export type SetMatcher = (name: string, flags: string, pkt: { src: string; dst: string; dport: number; proto: string }) => boolean;

export interface WalkResult {
  verdict: 'dnat' | 'reject' | 'drop' | 'none';
  to?: { ip: string; port: number };
  /** KUBE-MARK-MASQ ran: POSTROUTING masquerades the source. */
  masquerade: boolean;
  rulesInspected: number;
  /** Chains entered, in order (for the packet-walk view). */
  chains: string[];
  /** The KUBE-SEP chain that did the DNAT. */
  endpointChain?: string;
  /**
   * Every rule that matched and jumped or acted, in the kernel's order: nat OUTPUT/PREROUTING,
   * filter, then nat POSTROUTING (the masquerade decision). The Rule objects are the very ones
   * `iptables-save` renders (renderRule), so the packet-path view prints the saved lines.
   */
  crossed: Array<{ table: TableName; rule: Rule }>;
}

/** The kernel's `recent` lists, one per KUBE-SEP chain (session affinity). */
export class RecentLists {
  private lists = new Map<string, Map<string, VirtualMs>>();
  /** How many times the lists were read or written (a walk that touched them depends on time). */
  uses = 0;

  check(name: string, src: string, seconds: number, now: VirtualMs): boolean {
    this.uses++;
    const l = this.lists.get(name);
    if (!l) return false;
    // --reap: entries older than --seconds are purged.
    for (const [ip, t] of [...l]) if (now - t > seconds * 1000) l.delete(ip);
    return l.has(src);
  }

  set(name: string, src: string, now: VirtualMs): void {
    this.uses++;
    let l = this.lists.get(name);
    if (!l) this.lists.set(name, (l = new Map()));
    l.set(src, now);
  }

  /** Drop lists of chains that no longer exist (their rules were removed). */
  retain(chains: ReadonlySet<string>): void {
    for (const name of [...this.lists.keys()]) if (!chains.has(name)) this.lists.delete(name);
  }
}

function inCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr.includes('/') ? cidr : `${cidr}/32`);
  return c ? cidrContains(c, ip) : false;
}

interface State {
  pkt: Packet;
  dst: string;
  dport: number;
  mark: number;
  dnat: boolean;
  inspected: number;
  chains: string[];
  sep?: string;
  crossed: Array<{ table: TableName; rule: Rule }>;
  rand: () => number;
  recent: RecentLists;
  now: VirtualMs;
  sets?: SetMatcher;
}

function matchOne(m: Match, s: State): boolean {
  switch (m.kind) {
    case 'comment':
      return true;
    case 'l4':
      return m.proto === s.pkt.proto && (m.dport === undefined || m.dport === s.dport);
    case 'statistic':
      return statisticMatches(m.stored, s.rand());
    case 'recent-check':
      return s.recent.check(m.name, s.pkt.src, m.seconds, s.now);
    case 'recent-set':
      s.recent.set(m.name, s.pkt.src, s.now);
      return true;
    case 'addrtype': {
      const ip = m.type === 'dst' ? s.dst : s.pkt.src;
      return s.pkt.localAddrs.has(ip) !== Boolean(m.neg);
    }
    case 'mark':
      return ((s.mark & m.mask) === m.value) !== m.neg;
    case 'conntrack': {
      const states = new Set(['NEW', ...(s.dnat ? ['DNAT'] : [])]);
      const hit = m.states.split(',').some((x) => states.has(x));
      return hit !== Boolean(m.neg);
    }
    case 'set':
      return s.sets ? s.sets(m.name, m.flags, { src: s.pkt.src, dst: s.dst, dport: s.dport, proto: s.pkt.proto }) : false;
  }
}

function ruleMatches(r: Rule, s: State): boolean {
  if (r.src && inCidr(s.pkt.src, r.src) === Boolean(r.srcNeg)) return false;
  if (r.dst && inCidr(s.dst, r.dst) === Boolean(r.dstNeg)) return false;
  if (r.proto && r.proto !== s.pkt.proto) return false;
  for (const m of r.matches) if (!matchOne(m, s)) return false;
  return true;
}

type Outcome = 'continue' | 'return' | 'dnat' | 'accept' | 'drop' | 'reject';

function runChain(table: IptTable, chain: string, s: State, depth: number): Outcome {
  if (depth > 32) return 'continue';
  s.chains.push(chain);
  for (const r of table.chain(chain)) {
    s.inspected++;
    if (!ruleMatches(r, s)) continue;
    const t = r.target;
    if (!t) continue;
    s.crossed.push({ table: table.name, rule: r });
    switch (t.kind) {
      case 'jump': {
        const o = runChain(table, t.chain, s, depth + 1);
        if (o !== 'continue' && o !== 'return') return o;
        break;
      }
      case 'MARK':
        s.mark = t.op === 'or' ? s.mark | t.value : s.mark ^ t.value;
        break;
      case 'DNAT': {
        const i = t.to.lastIndexOf(':');
        s.dst = t.to.slice(0, i);
        s.dport = Number(t.to.slice(i + 1));
        s.dnat = true;
        s.sep = chain;
        return 'dnat';
      }
      case 'RETURN':
        return 'return';
      case 'ACCEPT':
        return 'accept';
      case 'DROP':
        return 'drop';
      case 'REJECT':
        return 'reject';
      case 'MASQUERADE':
        break;
    }
  }
  return 'continue';
}

/** Walk a new connection's first packet through the node's rules. `rand` gives 32 random bits. */
export function walkPacket(rules: IptablesRuleset, pkt: Packet, rand: () => number, recent: RecentLists, now: VirtualMs, sets?: SetMatcher): WalkResult {
  const s: State = { pkt, dst: pkt.dst, dport: pkt.dport, mark: 0, dnat: false, inspected: 0, chains: [], crossed: [], rand, recent, now, sets };
  const natOutcome = runChain(rules.nat, pkt.local ? 'OUTPUT' : 'PREROUTING', s, 0);
  const masquerade = (s.mark & 0x4000) !== 0;
  const filterHook = pkt.localAddrs.has(s.dst) ? 'INPUT' : pkt.local ? 'OUTPUT' : 'FORWARD';
  const filterOutcome = natOutcome === 'drop' ? 'drop' : runChain(rules.filter, filterHook, s, 0);
  const base = { masquerade, rulesInspected: s.inspected, chains: s.chains, crossed: s.crossed };
  if (natOutcome !== 'drop' && filterOutcome !== 'drop' && filterOutcome !== 'reject') {
    // nat POSTROUTING (KUBE-POSTROUTING: RETURN, or MARK + MASQUERADE): recorded for the view
    // only; the masquerade decision is the mark above, and the O(n) count stays the nat walk's.
    const inspected = s.inspected;
    const chains = s.chains.length;
    runChain(rules.nat, 'POSTROUTING', s, 0);
    s.inspected = inspected;
    s.chains.length = chains;
  }
  if (filterOutcome === 'reject') return { ...base, verdict: 'reject' };
  if (filterOutcome === 'drop') return { ...base, verdict: 'drop' };
  if (natOutcome === 'dnat') return { ...base, verdict: 'dnat', to: { ip: s.dst, port: s.dport }, endpointChain: s.sep };
  return { ...base, verdict: 'none' };
}
