/**
 * Text of the "why did this request fail" explanation and of the packet-path view, from the
 * engine's records (`TrafficFailure.steps`, `PacketPath`). Pure: the DOM code puts these lines
 * in the page with textContent; unit tests read them directly. The rule lines, virtual server
 * lines and conntrack entries are the engine's own text (as iptables-save, ipvsadm -Ln and
 * conntrack -L print them) and are never rewritten here.
 */
import type { ExplainStep, PacketPath, TrafficFailure } from '../../../playground-engine/src/trace';

/** Virtual time with millisecond precision: 43712 → "43.712 s". */
export function preciseSeconds(ms: number): string {
  return `${(Math.round(ms) / 1000).toFixed(3)} s`;
}

export interface ExplainLine {
  time: string;
  component: string;
  message: string;
}

/** A failure's steps in time order (stable for equal times: the engine's order). */
export function explainLines(f: TrafficFailure): ExplainLine[] {
  return f.steps
    .map((s: ExplainStep, i) => ({ s, i }))
    .sort((a, b) => a.s.t - b.s.t || a.i - b.i)
    .map(({ s }) => ({ time: preciseSeconds(s.t), component: s.component, message: s.message }));
}

/** One line heading a failure: when it was sent, the error, and the pod the connection went to. */
export function failureHeading(f: TrafficFailure): string {
  return `${preciseSeconds(f.t)} 发出的请求失败：${f.error}${f.pod ? `（连接被转到 Pod ${f.pod}）` : ''}`;
}

export interface PacketPathText {
  /** One line saying what the packet was and where it was handled. */
  title: string;
  /** Sections in the order the kernel took them. */
  sections: Array<{ heading: string; lines: string[]; chosen?: number }>;
}

const VERDICT: Record<PacketPath['verdict'], string> = {
  dnat: 'DNAT（改写目标地址）',
  reject: 'REJECT（拒绝：该 Service 没有可用的端点）',
  drop: 'DROP（丢弃）',
  none: '没有匹配任何 Service 规则',
};

export function packetPathText(p: PacketPath): PacketPathText {
  const mode = p.mode === 'ipvs' ? 'IPVS 模式' : 'iptables 模式';
  const title = `${preciseSeconds(p.t)}：${p.proto.toUpperCase()} ${p.src} → ${p.dst}:${p.dport}，由 ${p.node} 上的 kube-proxy 规则处理（${mode}）`;
  const sections: PacketPathText['sections'] = [];
  const byTable = new Map<string, string[]>();
  for (const r of p.rules) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.rule]);
  if (p.mode === 'ipvs' && p.ipvs) {
    if (p.ipvs.ipset) sections.push({ heading: 'ipset 匹配', lines: [p.ipvs.ipset] });
    for (const [table, lines] of byTable) sections.push({ heading: `经过的 ${table} 表规则（iptables-save 格式，按顺序）`, lines });
    const rs = p.ipvs.realServers;
    const chosen = p.ipvs.chosen !== undefined ? rs.indexOf(p.ipvs.chosen) : -1;
    sections.push({
      heading: `IPVS 虚拟服务器（ipvsadm -Ln），调度算法 ${p.ipvs.scheduler}`,
      lines: [p.ipvs.virtualServer, ...rs.map((r) => `  -> ${r}`)],
      ...(chosen >= 0 ? { chosen: chosen + 1 } : {}),
    });
  } else {
    for (const [table, lines] of byTable) sections.push({ heading: `经过的 ${table} 表规则（iptables-save 格式，按顺序）`, lines });
  }
  const verdict = [`结果：${VERDICT[p.verdict]}${p.to ? ` → ${p.to}` : ''}${p.pod ? `（Pod ${p.pod}）` : ''}`, p.masquerade ? '源地址伪装（MASQUERADE）：是' : '源地址伪装（MASQUERADE）：否'];
  sections.push({ heading: '结果', lines: verdict });
  if (p.conntrack) sections.push({ heading: 'conntrack 记录（conntrack -L）：这条连接后续的包都走同一个后端', lines: [p.conntrack] });
  return { title, sections };
}

/** The packet paths of one client second (the samples the engine kept), first first. */
export function pathsInSecond(paths: PacketPath[], t: number): PacketPath[] {
  return paths.filter((p) => p.t >= t && p.t < t + 1000).sort((a, b) => a.t - b.t);
}
