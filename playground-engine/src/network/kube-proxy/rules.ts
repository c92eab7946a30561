/**
 * iptables rules as data, rendered the way `iptables-save` (v1.8.x) prints them: the built-in
 * matches first (`[!] -s`, `[!] -d` with /32 added to bare addresses, `-p`), then the `-m`
 * modules in the order kube-proxy wrote them, then the target in its saved form
 * (`--or-mark` → `--set-xmark 0x4000/0x4000`, `--xor-mark` → `--set-xmark 0x4000/0x0`,
 * REJECT gains `--reject-with icmp-port-unreachable`, comments always quoted).
 * The same data drives the packet walk (walk.ts).
 */
import { savedProbability as savedProbabilityOf } from './statistic';

export type Match =
  | { kind: 'comment'; text: string }
  /** `-m tcp|udp|sctp [--dport N]`. */
  | { kind: 'l4'; proto: string; dport?: number }
  /** `--probability` as kube-proxy wrote it and the value iptables stores. */
  | { kind: 'statistic'; written: string; stored: number }
  | { kind: 'recent-set'; name: string }
  | { kind: 'recent-check'; name: string; seconds: number }
  | { kind: 'addrtype'; type: 'dst' | 'src'; neg?: boolean; value: 'LOCAL' }
  | { kind: 'mark'; neg: boolean; value: number; mask: number }
  | { kind: 'conntrack'; neg?: boolean; states: string }
  | { kind: 'set'; name: string; flags: string };

export type Target =
  | { kind: 'jump'; chain: string }
  | { kind: 'MARK'; op: 'or' | 'xor'; value: number }
  | { kind: 'DNAT'; to: string }
  | { kind: 'MASQUERADE'; randomFully: boolean }
  | { kind: 'REJECT' }
  | { kind: 'DROP' }
  | { kind: 'ACCEPT' }
  | { kind: 'RETURN' };

export interface Rule {
  chain: string;
  src?: string;
  srcNeg?: boolean;
  dst?: string;
  dstNeg?: boolean;
  proto?: string;
  matches: Match[];
  target?: Target;
}

export type TableName = 'nat' | 'filter' | 'mangle' | 'raw';

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** One table: user chains (declared) and rules in per-chain order. */
export class IptTable {
  readonly chains = new Set<string>();
  readonly rules: Rule[] = [];
  private readonly byChain = new Map<string, Rule[]>();

  constructor(readonly name: TableName) {}

  declare(chain: string): void {
    if (!BUILTIN_CHAINS[this.name].includes(chain)) this.chains.add(chain);
  }

  add(rule: Rule): void {
    this.declare(rule.chain);
    this.rules.push(rule);
    const list = this.byChain.get(rule.chain);
    if (list) list.push(rule);
    else this.byChain.set(rule.chain, [rule]);
  }

  /** Rules of a chain in order. */
  chain(name: string): readonly Rule[] {
    return this.byChain.get(name) ?? [];
  }

  /** Chains in iptables-save order: built-ins in kernel order, then user chains by name. */
  chainOrder(): string[] {
    return [...BUILTIN_CHAINS[this.name], ...[...this.chains].sort()];
  }
}

const hexMark = (v: number) => `0x${v.toString(16)}`;

function addr(a: string): string {
  return a.includes('/') ? a : `${a}/32`;
}

function renderMatch(m: Match): string {
  switch (m.kind) {
    case 'comment':
      return `-m comment --comment "${m.text}"`;
    case 'l4':
      return m.dport === undefined ? `-m ${m.proto}` : `-m ${m.proto} --dport ${m.dport}`;
    case 'statistic':
      return `-m statistic --mode random --probability ${savedProbabilityOf(m.stored)}`;
    case 'recent-set':
      return `-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'recent-check':
      return `-m recent --rcheck --seconds ${m.seconds} --reap --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'addrtype':
      return `-m addrtype ${m.neg ? '! ' : ''}--${m.type}-type ${m.value}`;
    case 'mark':
      return `-m mark ${m.neg ? '! ' : ''}--mark ${hexMark(m.value)}/${hexMark(m.mask)}`;
    case 'conntrack':
      return `-m conntrack ${m.neg ? '! ' : ''}--ctstate ${m.states}`;
    case 'set':
      return `-m set --match-set ${m.name} ${m.flags}`;
  }
}

function renderTarget(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`;
    case 'MARK':
      return t.op === 'or' ? `-j MARK --set-xmark ${hexMark(t.value)}/${hexMark(t.value)}` : `-j MARK --set-xmark ${hexMark(t.value)}/0x0`;
    case 'DNAT':
      return `-j DNAT --to-destination ${t.to}`;
    case 'MASQUERADE':
      return t.randomFully ? '-j MASQUERADE --random-fully' : '-j MASQUERADE';
    case 'REJECT':
      return '-j REJECT --reject-with icmp-port-unreachable';
    case 'DROP':
    case 'ACCEPT':
    case 'RETURN':
      return `-j ${t.kind}`;
  }
}


/** A rule as `iptables-save` prints it. */
export function renderRule(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.srcNeg ? '! ' : ''}-s ${addr(r.src)}`);
  if (r.dst) parts.push(`${r.dstNeg ? '! ' : ''}-d ${addr(r.dst)}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(renderMatch(m));
  if (r.target) parts.push(renderTarget(r.target));
  return parts.join(' ');
}

/** `iptables -S`-style listing of one table (no header, `-P`/`-N` lines). */
export function renderSpec(t: IptTable): string {
  const lines: string[] = [];
  for (const c of BUILTIN_CHAINS[t.name]) lines.push(`-P ${c} ACCEPT`);
  for (const c of [...t.chains].sort()) lines.push(`-N ${c}`);
  for (const c of t.chainOrder()) for (const r of t.chain(c)) lines.push(renderRule(r));
  return lines.map((l) => `${l}\n`).join('');
}

/** The table block of `iptables-save` (from `*table` to `COMMIT`). */
export function renderTable(t: IptTable, counters = false): string {
  const lines = [`*${t.name}`];
  for (const c of BUILTIN_CHAINS[t.name]) lines.push(`:${c} ACCEPT [0:0]`);
  for (const c of [...t.chains].sort()) lines.push(`:${c} - [0:0]`);
  for (const c of t.chainOrder()) for (const r of t.chain(c)) lines.push(counters ? `[0:0] ${renderRule(r)}` : renderRule(r));
  lines.push('COMMIT');
  return lines.map((l) => `${l}\n`).join('');
}
