import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../playground-engine/src/index';
import type { PacketPath, TrafficBucket, TrafficFailure, TrafficSummary } from '../../playground-engine/src/trace';
import { layoutTimeline } from '../../src/playground/client/timeline-layout';
import {
  clientsOf,
  failuresInSecond,
  layoutTraffic,
  legendOf,
  replicaSetOf,
  seriesOf,
  summaryOf,
  summaryText,
} from '../../src/playground/client/traffic-layout';
import { explainLines, failureHeading, packetPathText, pathsInSecond, preciseSeconds } from '../../src/playground/client/traffic-text';

const URL_ = 'http://web.default.svc.cluster.local/';
const OLD = ['web-85475759cc-kxzm7', 'web-85475759cc-p66gp', 'web-85475759cc-zlnlg'];
const NEW = ['web-bb487c5d5-tdzgl', 'web-bb487c5d5-zvfrh'];

/** A rollout in miniature, shaped like the engine's contract (trace.ts). */
const buckets: TrafficBucket[] = [
  { t: 20000, client: 0, url: URL_, ok: { [OLD[0]]: 7, [OLD[1]]: 7, [OLD[2]]: 6 } },
  { t: 21000, client: 0, url: URL_, ok: { [OLD[1]]: 6, [OLD[0]]: 7 }, errors: { 'curl: (7) Failed connect to web.default.svc.cluster.local:80; Connection refused': 7 } },
  { t: 22000, client: 0, url: URL_, ok: { [NEW[0]]: 10, [OLD[0]]: 8 }, errors: { 'curl: (56) Recv failure: Connection reset by peer': 2 } },
  { t: 23000, client: 0, url: URL_, ok: { [NEW[1]]: 10, [NEW[0]]: 10 } },
];
const summaries: TrafficSummary[] = [{ client: 0, url: URL_, sent: 80, ok: 71, failed: 9 }];

const iptablesPath: PacketPath = {
  t: 21250,
  node: 'k8s-master01',
  mode: 'iptables',
  src: '192.168.200.61',
  dst: '10.103.5.16',
  dport: 80,
  proto: 'tcp',
  rules: [
    { table: 'nat', chain: 'OUTPUT', rule: '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES' },
    { table: 'nat', chain: 'KUBE-SERVICES', rule: '-A KUBE-SERVICES -d 10.103.5.16/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G' },
    { table: 'nat', chain: 'KUBE-SVC-LOLE4ISW44XBNF3G', rule: '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 172.17.125.8:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-AAA' },
    { table: 'nat', chain: 'KUBE-SEP-AAA', rule: '-A KUBE-SEP-AAA -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 172.17.125.8:80' },
  ],
  verdict: 'dnat',
  to: '172.17.125.8:80',
  pod: OLD[1],
  masquerade: true,
  conntrack: 'tcp      6 119 SYN_SENT src=192.168.200.61 dst=10.103.5.16 sport=40000 dport=80 [UNREPLIED] src=172.17.125.8 dst=192.168.200.61 sport=80 dport=40000 mark=0 use=1',
};
const ipvsPath: PacketPath = {
  ...iptablesPath,
  mode: 'ipvs',
  rules: [{ table: 'nat', chain: 'KUBE-SERVICES', rule: '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ' }],
  ipvs: { ipset: 'KUBE-CLUSTER-IP 10.103.5.16,tcp:80', virtualServer: 'TCP  10.103.5.16:80 rr', scheduler: 'rr', realServers: ['172.17.125.8:80', '172.17.125.9:80', '172.27.14.199:80'], chosen: '172.17.125.9:80' },
};

const failure: TrafficFailure = {
  t: 21250,
  client: 0,
  url: URL_,
  error: 'curl: (7) Failed connect to web.default.svc.cluster.local:80; Connection refused',
  pod: OLD[1],
  path: iptablesPath,
  steps: [
    { t: 21250, component: 'client', message: 'connect to 172.17.125.8:80: Connection refused' },
    { t: 20730, component: 'kube-controller-manager', message: 'deleted pod web-85475759cc-p66gp' },
    { t: 20750, component: 'endpointslice-controller', message: 'removed 172.17.125.8 from web-plf7k' },
    { t: 20730, component: 'kubelet/k8s-node01', message: 'Killing container nginx' },
  ],
};

describe('traffic chart layout', () => {
  it('groups pods by their ReplicaSet', () => {
    expect(replicaSetOf('web-85475759cc-kxzm7')).toBe('web-85475759cc');
    expect(replicaSetOf('nginx')).toBe('nginx');
    expect(replicaSetOf('web-1')).toBe('web');
  });

  it('stacks the old version, then the new one, then the errors in order of first appearance', () => {
    const s = seriesOf(buckets);
    expect(s.map((x) => x.key)).toEqual([...OLD, ...NEW, Object.keys(buckets[1].errors!)[0], Object.keys(buckets[2].errors!)[0]]);
    expect(s.filter((x) => x.version === 'old').every((x) => x.cls.startsWith('ok-old-'))).toBe(true);
    expect(s.filter((x) => x.version === 'new').every((x) => x.cls.startsWith('ok-new-'))).toBe(true);
    expect(s.filter((x) => x.kind === 'error').map((x) => x.cls)).toEqual(['err-0', 'err-1']);
    // One ReplicaSet alone is neither old nor new.
    expect(seriesOf([buckets[0]]).every((x) => x.version === 'only')).toBe(true);
  });

  it('lines up with the timeline and scales bars to the busiest second', () => {
    for (const width of [360, 640, 1100]) {
      const L = layoutTraffic(buckets, 60000, width);
      const T = layoutTimeline({ horizonMs: 60000, pods: [] }, { width });
      expect([L.plot.x0, L.plot.x1, L.width]).toEqual([T.plot.x0, T.plot.x1, T.width]);
      expect(L.maxPerSecond).toBe(20);
      for (const col of L.columns) {
        const segs = L.segments.filter((s) => s.t === col.t);
        const height = segs.reduce((n, s) => n + s.h, 0);
        expect(height).toBeCloseTo(((col.ok + col.failed) / 20) * (L.plot.y1 - L.plot.y0), 6);
        // stacked without gaps from the baseline up
        const sorted = [...segs].sort((a, b) => b.y - a.y);
        expect(sorted[0].y + sorted[0].h).toBeCloseTo(L.plot.y1, 6);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i].y + sorted[i].h).toBeCloseTo(sorted[i - 1].y, 6);
        expect(col.x).toBeCloseTo(L.plot.x0 + (col.t / 60000) * (L.plot.x1 - L.plot.x0), 6);
      }
    }
  });

  it('marks the seconds with failures', () => {
    const L = layoutTraffic(buckets, 60000, 640);
    expect(L.columns.map((c) => [c.t, c.ok, c.failed])).toEqual([
      [20000, 20, 0],
      [21000, 13, 7],
      [22000, 18, 2],
      [23000, 20, 0],
    ]);
    expect(L.segments.filter((s) => s.cls.startsWith('err-')).map((s) => s.count)).toEqual([7, 2]);
  });

  it('ignores buckets beyond the horizon and survives empty input', () => {
    expect(layoutTraffic(buckets, 20500, 640).columns.map((c) => c.t)).toEqual([20000]);
    expect(layoutTraffic(buckets, 21000, 640).columns.map((c) => c.t)).toEqual([20000, 21000]);
    const empty = layoutTraffic([], 0, 10);
    expect(empty.segments).toEqual([]);
    expect(empty.maxPerSecond).toBe(0);
  });

  it('names the colours per version and per error', () => {
    const legend = legendOf(seriesOf(buckets));
    expect(legend.map((l) => l.text)).toEqual([
      '旧版本 web-85475759cc-*',
      '新版本 web-bb487c5d5-*',
      `失败：${Object.keys(buckets[1].errors!)[0]}`,
      `失败：${Object.keys(buckets[2].errors!)[0]}`,
    ]);
    expect(legend[0].classes).toHaveLength(3);
  });
});

describe('traffic summary', () => {
  it("takes the engine's totals", () => {
    expect(summaryOf(0, buckets, summaries)).toBe(summaries[0]);
    expect(summaryText(summaries[0])).toBe('发出 80 个请求：成功 71 个，失败 9 个');
  });
  it('adds up the buckets when a run carries no totals', () => {
    expect(summaryOf(0, buckets, [])).toEqual({ client: 0, url: URL_, sent: 80, ok: 71, failed: 9 });
  });
  it('lists the clients in Scenario order', () => {
    expect(clientsOf([{ ...buckets[0], client: 1, url: 'http://b/' }, ...buckets], [])).toEqual([
      { client: 0, url: URL_ },
      { client: 1, url: 'http://b/' },
    ]);
  });
});

describe('why did this request fail', () => {
  it('finds the failures of a second', () => {
    expect(failuresInSecond([failure], 0, 21000)).toEqual([failure]);
    expect(failuresInSecond([failure], 0, 22000)).toEqual([]);
    expect(failuresInSecond([failure], 1, 21000)).toEqual([]);
  });
  it('lists the steps in time order, keeping the engine order for equal times', () => {
    const lines = explainLines(failure);
    expect(lines.map((l) => l.time)).toEqual(['20.730 s', '20.730 s', '20.750 s', '21.250 s']);
    expect(lines.map((l) => l.component)).toEqual(['kube-controller-manager', 'kubelet/k8s-node01', 'endpointslice-controller', 'client']);
    expect(failureHeading(failure)).toBe(`21.250 s 发出的请求失败：${failure.error}（连接被转到 Pod ${OLD[1]}）`);
    expect(preciseSeconds(1)).toBe('0.001 s');
  });
});

describe('packet path', () => {
  it('iptables mode: the nat rules as iptables-save prints them, in order, then masquerade and conntrack', () => {
    const p = packetPathText(iptablesPath);
    expect(p.title).toContain('TCP 192.168.200.61 → 10.103.5.16:80');
    expect(p.title).toContain('k8s-master01');
    const rules = p.sections.find((s) => s.heading.includes('nat 表'));
    expect(rules?.lines).toEqual(iptablesPath.rules.map((r) => r.rule));
    const result = p.sections.find((s) => s.heading === '结果')!;
    expect(result.lines[0]).toContain('172.17.125.8:80');
    expect(result.lines[1]).toContain('是');
    expect(p.sections[p.sections.length - 1].lines).toEqual([iptablesPath.conntrack]);
    expect(p.sections.some((s) => s.heading.includes('IPVS'))).toBe(false);
  });
  it('ipvs mode: ipset, virtual server, the chosen real server', () => {
    const p = packetPathText(ipvsPath);
    expect(p.sections[0]).toEqual({ heading: 'ipset 匹配', lines: ['KUBE-CLUSTER-IP 10.103.5.16,tcp:80'] });
    const vs = p.sections.find((s) => s.heading.includes('IPVS'))!;
    expect(vs.heading).toContain('rr');
    expect(vs.lines[0]).toBe('TCP  10.103.5.16:80 rr');
    expect(vs.lines[vs.chosen!]).toContain('172.17.125.9:80');
  });
  it('picks the samples of a second', () => {
    expect(pathsInSecond([ipvsPath, { ...iptablesPath, t: 21100 }, { ...iptablesPath, t: 25000 }], 21000).map((p) => p.t)).toEqual([21100, 21250]);
  });
});

describe('the lab manifests through the engine', () => {
  const dir = new URL('../../content/manifests/', import.meta.url);
  it.each(['1.19-rollout-1-no-probes.yaml', '1.19-rollout-2-readiness.yaml', '1.19-rollout-3-prestop.yaml', 'node-service-two-pods.yaml'])(
    '%s: the chart and the summary count what the engine counted',
    (file) => {
      const r = simulate(readFileSync(new URL(file, dir), 'utf8'), {});
      expect(r.accepted).toBe(true);
      const tr = r.trace;
      expect(tr.traffic.length).toBeGreaterThan(0);
      const L = layoutTraffic(tr.traffic.filter((b) => b.client === 0), tr.horizonMs, 640);
      const s = summaryOf(0, tr.traffic, tr.trafficSummary ?? []);
      expect(L.columns.reduce((n, c) => n + c.ok, 0)).toBe(s.ok);
      expect(L.columns.reduce((n, c) => n + c.failed, 0)).toBe(s.failed);
      expect(s.ok + s.failed).toBe(s.sent);
      expect(s.sent).toBeGreaterThan(0);
    },
  );
});
