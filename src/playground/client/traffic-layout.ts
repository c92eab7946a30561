/**
 * Layout of the traffic chart: pure geometry from the engine's per-second traffic buckets to
 * stacked bars in pixels, aligned with the timeline picture (same plot columns, same time
 * scale). Successes are stacked per backend pod, pods grouped by their ReplicaSet (old version
 * first, new version last); failures are stacked per client error text. Nothing here decides
 * whether a request succeeds: the engine's trace does.
 */
import type { TrafficBucket, TrafficFailure, TrafficSummary } from '../../../playground-engine/src/trace';
import { seconds } from './format';
import { axisTicks, plotColumns, xScale, type AxisTick } from './timeline-layout';

/** `web-85475759cc-p66gp` → `web-85475759cc` (a Deployment's pod name without its last suffix). */
export function replicaSetOf(pod: string): string {
  const i = pod.lastIndexOf('-');
  return i > 0 ? pod.slice(0, i) : pod;
}

export interface Series {
  /** Pod name or error text. */
  key: string;
  kind: 'ok' | 'error';
  /** CSS class: `ok-old-<n>`, `ok-new-<n>`, `ok-only-<n>` or `err-<n>`. */
  cls: string;
  /** The pod's ReplicaSet (ok series). */
  group?: string;
  /** `old` / `new` version (ok series; `only` when a single ReplicaSet answered). */
  version?: 'old' | 'new' | 'only';
}

const SHADES = 4;
const ERROR_SHADES = 4;

/**
 * The chart's series for one client, in stacking order (bottom first): the answering pods, grouped
 * by ReplicaSet in order of first answer (the last group to appear is the new version), then the
 * client's errors in order of first appearance.
 */
export function seriesOf(buckets: TrafficBucket[]): Series[] {
  const podFirst = new Map<string, number>();
  const errFirst = new Map<string, number>();
  for (const b of [...buckets].sort((a, c) => a.t - c.t)) {
    for (const pod of Object.keys(b.ok ?? {}).sort()) if (!podFirst.has(pod)) podFirst.set(pod, b.t);
    for (const err of Object.keys(b.errors ?? {}).sort()) if (!errFirst.has(err)) errFirst.set(err, b.t);
  }
  const groupFirst = new Map<string, number>();
  for (const [pod, t] of podFirst) {
    const g = replicaSetOf(pod);
    const prev = groupFirst.get(g);
    if (prev === undefined || t < prev) groupFirst.set(g, t);
  }
  const groups = [...groupFirst].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([g]) => g);
  const out: Series[] = [];
  groups.forEach((g, gi) => {
    const version: Series['version'] = groups.length === 1 ? 'only' : gi === groups.length - 1 ? 'new' : 'old';
    const pods = [...podFirst].filter(([p]) => replicaSetOf(p) === g).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    pods.forEach(([pod], pi) => out.push({ key: pod, kind: 'ok', cls: `ok-${version}-${pi % SHADES}`, group: g, version }));
  });
  [...errFirst]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .forEach(([err], i) => out.push({ key: err, kind: 'error', cls: `err-${i % ERROR_SHADES}` }));
  return out;
}

export interface Segment {
  x: number;
  y: number;
  w: number;
  h: number;
  cls: string;
  /** Second's start, ms. */
  t: number;
  count: number;
  title: string;
}

export interface SecondColumn {
  t: number;
  x: number;
  w: number;
  ok: number;
  failed: number;
}

export interface TrafficLayout {
  width: number;
  height: number;
  plot: { x0: number; x1: number; y0: number; y1: number };
  horizonMs: number;
  /** Largest number of requests in one second (the y scale's top). */
  maxPerSecond: number;
  segments: Segment[];
  /** One per second with requests, for hit-testing clicks (failed seconds are clickable). */
  columns: SecondColumn[];
  ticks: AxisTick[];
  series: Series[];
}

export const CHART = { height: 96, top: 8, axis: 26 };

/** Stacked bars for one client's buckets over the run's horizon, at the timeline's width. */
export function layoutTraffic(buckets: TrafficBucket[], horizonMs: number, width: number): TrafficLayout {
  const cols = plotColumns(width);
  const plot = { x0: cols.x0, x1: cols.x1, y0: CHART.top, y1: CHART.top + CHART.height };
  const span = Math.max(1000, horizonMs);
  const x = xScale(span, plot.x0, plot.x1);
  const series = seriesOf(buckets);
  const order = new Map(series.map((s, i) => [`${s.kind}:${s.key}`, i]));
  let maxPerSecond = 0;
  for (const b of buckets) maxPerSecond = Math.max(maxPerSecond, total(b.ok) + total(b.errors));
  const yMax = Math.max(1, maxPerSecond);
  const unit = (plot.y1 - plot.y0) / yMax;
  const segments: Segment[] = [];
  const columns: SecondColumn[] = [];
  for (const b of [...buckets].sort((a, c) => a.t - c.t)) {
    if (b.t > span) continue; // a bucket starting at the horizon is drawn as a sliver, never dropped
    const x0 = x(b.t);
    const x1 = x(Math.min(span, b.t + 1000));
    const w = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 0.5 : 0));
    const parts = [
      ...Object.entries(b.ok ?? {}).map(([k, n]) => ({ key: `ok:${k}`, n, label: k, kind: 'ok' as const })),
      ...Object.entries(b.errors ?? {}).map(([k, n]) => ({ key: `error:${k}`, n, label: k, kind: 'error' as const })),
    ]
      .filter((p) => p.n > 0)
      .sort((p, q) => (order.get(p.key) ?? 0) - (order.get(q.key) ?? 0));
    let y = plot.y1;
    for (const p of parts) {
      const h = p.n * unit;
      y -= h;
      const s = series[order.get(p.key) ?? 0];
      segments.push({
        x: x0,
        y,
        w,
        h,
        cls: s.cls,
        t: b.t,
        count: p.n,
        title: `${seconds(b.t)}–${seconds(b.t + 1000)} 秒：${p.kind === 'ok' ? `${p.label} 成功响应` : `失败「${p.label}」`} ${p.n} 个`,
      });
    }
    columns.push({ t: b.t, x: x0, w, ok: total(b.ok), failed: total(b.errors) });
  }
  return { width: cols.width, height: plot.y1 + CHART.axis, plot, horizonMs: span, maxPerSecond, segments, columns, ticks: axisTicks(span, plot.x0, plot.x1), series };
}

function total(m: Record<string, number> | undefined): number {
  let n = 0;
  for (const v of Object.values(m ?? {})) n += v;
  return n;
}

/** The clients of a run, in Scenario order. */
export function clientsOf(buckets: TrafficBucket[], summaries: TrafficSummary[]): Array<{ client: number; url: string }> {
  const seen = new Map<number, string>();
  for (const s of summaries) if (!seen.has(s.client)) seen.set(s.client, s.url);
  for (const b of buckets) if (!seen.has(b.client)) seen.set(b.client, b.url);
  return [...seen].sort((a, b) => a[0] - b[0]).map(([client, url]) => ({ client, url }));
}

/**
 * A client's totals: the engine's `trafficSummary` entry. (A run of an engine without summaries
 * is added up from its buckets, which is the same count.)
 */
export function summaryOf(client: number, buckets: TrafficBucket[], summaries: TrafficSummary[]): TrafficSummary {
  const s = summaries.find((x) => x.client === client);
  if (s) return s;
  let ok = 0;
  let failed = 0;
  let url = '';
  for (const b of buckets) {
    if (b.client !== client) continue;
    url = b.url;
    ok += total(b.ok);
    failed += total(b.errors);
  }
  return { client, url, sent: ok + failed, ok, failed };
}

/** `发出 2400 个请求：成功 2376 个，失败 24 个` */
export function summaryText(s: TrafficSummary): string {
  return `发出 ${s.sent} 个请求：成功 ${s.ok} 个，失败 ${s.failed} 个`;
}

/** The failures sent in the second starting at `t`. */
export function failuresInSecond(failures: TrafficFailure[], client: number, t: number): TrafficFailure[] {
  return failures.filter((f) => f.client === client && f.t >= t && f.t < t + 1000);
}

/** A legend entry per ReplicaSet (its pods' swatches) and per error: what the colours mean. */
export function legendOf(series: Series[]): Array<{ classes: string[]; text: string; title: string }> {
  const out: Array<{ classes: string[]; text: string; title: string }> = [];
  const groups = new Map<string, Series[]>();
  for (const s of series) if (s.kind === 'ok') groups.set(s.group!, [...(groups.get(s.group!) ?? []), s]);
  for (const [g, list] of groups) {
    const v = list[0].version;
    const tag = v === 'old' ? '旧版本' : v === 'new' ? '新版本' : '成功';
    out.push({ classes: list.map((s) => s.cls), text: `${tag} ${g}-*`, title: `${tag}：${list.map((s) => s.key).join('、')}（每个 Pod 一种深浅）` });
  }
  for (const s of series) if (s.kind === 'error') out.push({ classes: [s.cls], text: `失败：${s.key}`, title: `客户端报错：${s.key}` });
  return out;
}
