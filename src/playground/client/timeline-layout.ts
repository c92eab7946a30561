/**
 * Layout of the timeline picture: pure geometry from the engine's Timeline to boxes, marks and
 * axis ticks in pixels. The SVG renderer only draws what this returns, so the math is testable.
 */
import type { Interval, Timeline, TimelineContainer, TimelinePod } from '../../../playground-engine/src/trace';
import { PROBE_LABEL, RESULT_LABEL, STATE_LABEL, rangeLabel, seconds, secondsLabel } from './format';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  /** CSS class naming what the box means (`st-running`, `ready-true`, `ep-ready` …). */
  cls: string;
  /** Text drawn inside when it fits. */
  label?: string;
  /** Tooltip / accessible title. */
  title: string;
}

export interface Mark {
  x: number;
  y: number;
  h: number;
  cls: string;
  title: string;
}

export interface RowLabel {
  y: number;
  h: number;
  text: string;
  /** Secondary line (node and IP of a pod). */
  sub?: string;
  /** The untruncated text (tooltip). */
  full?: string;
  cls: string;
}

export interface AxisTick {
  x: number;
  ms: number;
  label: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  plot: { x0: number; x1: number; y0: number; y1: number };
  horizonMs: number;
  labels: RowLabel[];
  boxes: Box[];
  marks: Mark[];
  ticks: AxisTick[];
  /** Vertical lines across a pod's rows (deletion requested). */
  lines: Mark[];
  /**
   * Where a limit cut the run: the end line at `x`, the part of the axis not simulated from `x`
   * to the plot's right edge, and the label that says so.
   */
  cut?: { x: number; atMs: number; label: string; title: string };
}

export interface LayoutOptions {
  /** Total width in CSS pixels. */
  width: number;
  /** The run was cut at `atMs` (= the timeline's horizon), asked to reach `untilMs`. */
  cut?: { atMs: number; untilMs?: number };
}

/**
 * The axis of a cut run: past the cut by a fifth of it (so the end is visibly not the end of the
 * axis, without squeezing what was simulated), never past the horizon that was asked for.
 */
export function cutAxisMs(atMs: number, untilMs: number | undefined): number {
  const past = Math.max(atMs * 1.2, atMs + 1000);
  return untilMs !== undefined && untilMs > atMs ? Math.min(untilMs, past) : past;
}

export const ROW = {
  pod: 26,
  container: 18,
  probeRow: 11,
  ready: 14,
  endpoints: 14,
  gap: 10,
  axis: 26,
  top: 6,
};

const PROBE_ORDER = ['startup', 'liveness', 'readiness'] as const;

/** A "nice" tick step in seconds so that about `target` ticks fit the horizon. */
export function niceStepSeconds(horizonSec: number, target: number): number {
  const steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  const raw = horizonSec / Math.max(1, target);
  return steps.find((s) => s >= raw) ?? steps[steps.length - 1];
}

/** Approximate rendered width of a label at 11px (CJK characters are wide). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 11 : 6.2;
  return w;
}

/** Shorten a label with an ellipsis so it fits `maxWidth` (by the textWidth estimate). */
export function fitText(text: string, maxWidth: number): string {
  if (textWidth(text) <= maxWidth) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`) > maxWidth) break;
    out += ch;
  }
  return `${out}…`;
}

export function xScale(horizonMs: number, x0: number, x1: number): (ms: number) => number {
  const span = Math.max(1, horizonMs);
  return (ms: number) => x0 + (Math.min(Math.max(ms, 0), span) / span) * (x1 - x0);
}

export function axisTicks(horizonMs: number, x0: number, x1: number): AxisTick[] {
  const x = xScale(horizonMs, x0, x1);
  const horizonSec = horizonMs / 1000;
  const step = niceStepSeconds(horizonSec, Math.max(2, Math.floor((x1 - x0) / 56)));
  const ticks: AxisTick[] = [];
  for (let s = 0; s <= horizonSec + 1e-9; s += step) ticks.push({ x: x(s * 1000), ms: s * 1000, label: seconds(s * 1000) });
  // Label the horizon too when the last whole step falls short of it and there is room.
  const last = ticks[ticks.length - 1];
  if (last.ms < horizonMs && x1 - last.x >= 28) ticks.push({ x: x1, ms: horizonMs, label: seconds(horizonMs) });
  return ticks;
}

function stateText(v: TimelineContainer['states'][number]['value']): string {
  const base = v.reason ?? STATE_LABEL[v.state];
  return v.exitCode !== undefined && v.state === 'terminated' ? `${base} (${v.exitCode})` : base;
}

/**
 * Boxes for a list of intervals on one row, clipped to the horizon, at least 1px wide. The label
 * is kept only when it fits inside the box.
 */
function intervalBoxes<T>(
  intervals: Interval<T>[],
  horizonMs: number,
  x: (ms: number) => number,
  y: number,
  h: number,
  describe: (v: T) => { cls: string; label?: string; title: string } | null,
): Box[] {
  const boxes: Box[] = [];
  for (const iv of intervals) {
    const d = describe(iv.value);
    if (!d) continue;
    const to = iv.to ?? horizonMs;
    if (to < iv.from) continue;
    const x0 = x(iv.from);
    const w = Math.max(1, x(to) - x0);
    const label = d.label !== undefined && textWidth(d.label) + 6 <= w ? d.label : undefined;
    boxes.push({ x: x0, y, w, h, cls: d.cls, ...(label !== undefined ? { label } : {}), title: `${d.title}：${rangeLabel(iv.from, iv.to)}` });
  }
  return boxes;
}

/**
 * Probe results as ticks: one row per probe kind the container has, results that fall on the same
 * pixel merged (a failure wins, so a failure is never hidden by a success next to it).
 */
function probeMarks(c: TimelineContainer, x: (ms: number) => number, y: number): { marks: Mark[]; kinds: Array<(typeof PROBE_ORDER)[number]> } {
  const kinds = PROBE_ORDER.filter((k) => c.probes.some((p) => p.probe === k));
  const marks: Mark[] = [];
  kinds.forEach((kind, row) => {
    const buckets = new Map<number, { ok: number; bad: number; err: number; first: number; last: number }>();
    for (const p of c.probes) {
      if (p.probe !== kind) continue;
      const px = Math.round(x(p.t));
      const b = buckets.get(px) ?? { ok: 0, bad: 0, err: 0, first: p.t, last: p.t };
      if (p.result === 'failure') b.bad++;
      else if (p.result === 'error') b.err++;
      else b.ok++;
      b.last = p.t;
      buckets.set(px, b);
    }
    for (const [px, b] of buckets) {
      const outcome = b.bad > 0 ? 'failure' : b.err > 0 ? 'error' : 'success';
      const n = b.ok + b.bad + b.err;
      const title =
        n === 1
          ? `${PROBE_LABEL[kind]}${RESULT_LABEL[outcome]}：${secondsLabel(b.first)}`
          : `${PROBE_LABEL[kind]}：成功 ${b.ok} 次，失败 ${b.bad} 次${b.err ? `，出错 ${b.err} 次` : ''}（${rangeLabel(b.first, b.last)}）`;
      marks.push({ x: px, y: y + row * ROW.probeRow + 1, h: ROW.probeRow - 2, cls: `probe probe-${kind} probe-${outcome}`, title });
    }
  });
  return { marks, kinds };
}

function podSub(p: TimelinePod): string | undefined {
  const parts = [p.node, p.ip].filter((s): s is string => !!s);
  return parts.length ? parts.join(' · ') : undefined;
}

/** The picture's width and plot columns (shared with the traffic chart, so both line up). */
export function plotColumns(widthPx: number): { width: number; x0: number; x1: number } {
  const width = Math.max(240, Math.floor(widthPx));
  return { width, x0: Math.round(Math.min(150, Math.max(84, width * 0.26))), x1: width - 14 };
}

export function layoutTimeline(tl: Timeline, opts: LayoutOptions): TimelineLayout {
  const { width, x0: labelWidth, x1 } = plotColumns(opts.width);
  const plot = { x0: labelWidth, x1, y0: ROW.top, y1: 0 };
  // Boxes still open end at the run's end (the cut); the axis may go on past it.
  const horizonMs = Math.max(1000, tl.horizonMs);
  const axisMs = opts.cut ? cutAxisMs(tl.horizonMs, opts.cut.untilMs) : horizonMs;
  const x = xScale(axisMs, plot.x0, plot.x1);
  const labels: RowLabel[] = [];
  const boxes: Box[] = [];
  const marks: Mark[] = [];
  const lines: Mark[] = [];
  let y = plot.y0;

  for (const pod of tl.pods) {
    const podTop = y;
    const ns = pod.namespace && pod.namespace !== 'default' ? `${pod.namespace}/` : '';
    const sub = podSub(pod);
    labels.push({ y, h: ROW.pod, text: fitText(`${ns}${pod.name}`, labelWidth - 10), ...(sub ? { sub: fitText(sub, (labelWidth - 10) * 1.1) } : {}), full: `Pod ${ns}${pod.name}${sub ? `（${sub}）` : ''}`, cls: 'lbl-pod' });
    boxes.push(
      ...intervalBoxes(pod.status, horizonMs, x, y + 3, ROW.pod - 6, (v) => ({ cls: `status status-${statusClass(v)}`, label: v, title: `${pod.name} 状态 ${v}` })),
    );
    y += ROW.pod;

    for (const c of pod.containers) {
      const probeY = y + ROW.container + 1;
      const { marks: ticks, kinds } = probeMarks(c, x, probeY);
      const rows = kinds.length;
      const h = ROW.container + rows * ROW.probeRow + (rows ? 2 : 0);
      kinds.forEach((kind, row) => labels.push({ y: probeY + row * ROW.probeRow, h: ROW.probeRow, text: PROBE_LABEL[kind], cls: 'lbl-probe' }));
      const cname = `${c.init ? '初始化容器' : '容器'} ${c.name}`;
      labels.push({ y, h: ROW.container, text: fitText(cname, labelWidth - 10), full: cname, cls: 'lbl-container' });
      boxes.push(
        ...intervalBoxes(c.states, horizonMs, x, y + 2, ROW.container - 4, (v) => ({
          cls: `st-${v.state}${(v.state === 'terminated' && v.exitCode) || (v.state === 'waiting' && isProblemReason(v.reason)) ? ' st-failed' : ''}`,
          label: stateText(v),
          title: `容器 ${c.name} ${STATE_LABEL[v.state]}${v.reason ? `（${stateText(v)}）` : v.exitCode !== undefined ? `（退出码 ${v.exitCode}）` : ''}`,
        })),
      );
      marks.push(...ticks);
      c.restarts.forEach((t, i) => {
        marks.push({ x: x(t), y: y, h: ROW.container, cls: 'restart', title: `容器 ${c.name} 第 ${i + 1} 次重启：${secondsLabel(t)}` });
      });
      y += h;
    }

    labels.push({ y, h: ROW.ready, text: '就绪 Ready', cls: 'lbl-ready' });
    boxes.push(
      ...intervalBoxes(pod.ready, horizonMs, x, y + 2, ROW.ready - 4, (v) => ({
        cls: v ? 'ready-true' : 'ready-false',
        label: v ? 'True' : 'False',
        title: `${pod.name} Ready=${v ? 'True' : 'False'}`,
      })),
    );
    y += ROW.ready;

    for (const ep of pod.endpoints) {
      const ename = `端点 ${ep.service}`;
      labels.push({ y, h: ROW.endpoints, text: fitText(ename, labelWidth - 10), full: `Service ${ep.service} 的端点`, cls: 'lbl-endpoints' });
      boxes.push(
        ...intervalBoxes(ep.intervals, horizonMs, x, y + 2, ROW.endpoints - 4, (v) => ({
          cls: v === 'ready' ? 'ep-ready' : 'ep-not-ready',
          label: v === 'ready' ? '在端点中' : '未就绪地址',
          title: `${pod.name} 在 Service ${ep.service} 的端点中（${v === 'ready' ? 'addresses' : 'notReadyAddresses'}）`,
        })),
      );
      y += ROW.endpoints;
    }

    if (pod.deletingMs !== undefined) {
      lines.push({ x: x(pod.deletingMs), y: podTop, h: y - podTop, cls: 'deleting', title: `${pod.name} 开始删除：${secondsLabel(pod.deletingMs)}` });
    }
    if (pod.deletedMs !== undefined) {
      lines.push({ x: x(pod.deletedMs), y: podTop, h: y - podTop, cls: 'deleted', title: `${pod.name} 已删除：${secondsLabel(pod.deletedMs)}` });
    }
    y += ROW.gap;
  }

  plot.y1 = Math.max(y - (tl.pods.length ? ROW.gap : 0), plot.y0 + 8);
  const ticks = axisTicks(axisMs, plot.x0, plot.x1);
  const cut = opts.cut
    ? {
        x: x(tl.horizonMs),
        atMs: tl.horizonMs,
        label: `截断于 ${secondsLabel(tl.horizonMs)}`,
        title: `运行在虚拟时间 ${secondsLabel(tl.horizonMs)} 处被截断${opts.cut.untilMs !== undefined && opts.cut.untilMs > tl.horizonMs ? `（请求模拟到 ${secondsLabel(opts.cut.untilMs)}）` : ''}：之后的时间没有模拟`,
      }
    : undefined;
  return { width, height: plot.y1 + ROW.axis, plot, horizonMs: axisMs, labels, boxes, marks, ticks, lines, ...(cut ? { cut } : {}) };
}

/** A waiting reason that means something went wrong (drawn in the failure colour). */
export function isProblemReason(reason: string | undefined): boolean {
  return !!reason && /BackOff|^Err|Error|Invalid|Failed/.test(reason);
}

/** A CSS-safe class for a STATUS column value. */
export function statusClass(status: string): string {
  if (status === 'Running') return 'running';
  if (status === 'Completed' || status === 'Succeeded') return 'completed';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing' || /^Init:/.test(status)) return 'pending';
  if (status === 'Terminating') return 'terminating';
  return 'problem';
}
