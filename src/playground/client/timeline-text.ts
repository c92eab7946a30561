/**
 * The timeline in words: the text alternative to the SVG picture (one line per pod and per
 * container), for screen readers and for readers who prefer text.
 */
import type { Timeline, TimelineContainer, TimelinePod } from '../../../playground-engine/src/trace';
import { PROBE_LABEL, STATE_LABEL, rangeLabel, secondsLabel } from './format';

function containerLine(c: TimelineContainer): string {
  const states = c.states
    .map((s) => {
      const what = s.value.reason ? `${STATE_LABEL[s.value.state]}（${s.value.reason}${s.value.exitCode !== undefined ? `，退出码 ${s.value.exitCode}` : ''}）` : s.value.exitCode !== undefined ? `${STATE_LABEL[s.value.state]}（退出码 ${s.value.exitCode}）` : STATE_LABEL[s.value.state];
      return `${rangeLabel(s.from, s.to)} ${what}`;
    })
    .join('；');
  const probes = (['startup', 'liveness', 'readiness'] as const)
    .map((kind) => {
      const mine = c.probes.filter((p) => p.probe === kind);
      if (!mine.length) return '';
      const ok = mine.filter((p) => p.result === 'success' || p.result === 'warning').length;
      const failed = mine.filter((p) => p.result === 'failure');
      const firstFail = failed.length ? `，首次失败于 ${secondsLabel(failed[0].t)}` : '';
      return `${PROBE_LABEL[kind]}成功 ${ok} 次、失败 ${failed.length} 次${firstFail}`;
    })
    .filter(Boolean);
  const restarts = c.restarts.length ? `重启 ${c.restarts.length} 次（${c.restarts.map(secondsLabel).join('、')}）` : '未重启';
  return [`${c.init ? '初始化容器' : '容器'} ${c.name}：${states || '无状态记录'}`, ...probes, restarts].join('。') + '。';
}

function podLines(p: TimelinePod): string[] {
  const where = [p.node && `节点 ${p.node}`, p.ip && `IP ${p.ip}`].filter(Boolean).join('，');
  const status = p.status.map((s) => `${rangeLabel(s.from, s.to)} ${s.value}`).join('；');
  const ready = p.ready.map((r) => `${rangeLabel(r.from, r.to)} ${r.value ? '就绪' : '未就绪'}`).join('；');
  const head = `Pod ${p.namespace && p.namespace !== 'default' ? `${p.namespace}/` : ''}${p.name}（${[`创建于 ${secondsLabel(p.createdMs)}`, where, p.deletingMs !== undefined ? `${secondsLabel(p.deletingMs)} 开始删除` : '', p.deletedMs !== undefined ? `${secondsLabel(p.deletedMs)} 已删除` : ''].filter(Boolean).join('，')}）：状态 ${status || '无'}。Ready：${ready || '无记录'}。`;
  const endpoints = p.endpoints.map((e) => `Service ${e.service} 的端点：${e.intervals.map((i) => `${rangeLabel(i.from, i.to)} ${i.value === 'ready' ? '在端点中' : '在未就绪地址中'}`).join('；') || '从未加入'}。`);
  return [head, ...p.containers.map(containerLine), ...endpoints];
}

export function describeTimeline(tl: Timeline): string[] {
  if (tl.pods.length === 0) return [`在 ${secondsLabel(tl.horizonMs)} 内没有 Pod。`];
  return tl.pods.flatMap(podLines);
}

/** One sentence for the SVG's <desc>. */
export function summarizeTimeline(tl: Timeline): string {
  const pods = tl.pods.length;
  const restarts = tl.pods.reduce((n, p) => n + p.containers.reduce((m, c) => m + c.restarts.length, 0), 0);
  return `0 到 ${secondsLabel(tl.horizonMs)} 的虚拟时间线：${pods} 个 Pod，共重启 ${restarts} 次。详细文字说明见图下方。`;
}

function valueAt<T>(intervals: Array<{ from: number; to?: number; value: T }>, ms: number): T | undefined {
  let found: T | undefined;
  for (const iv of intervals) if (iv.from <= ms && (iv.to === undefined || ms < iv.to)) found = iv.value;
  return found;
}

/** The pods at a virtual time in one line: "45 秒时：nginx Running，已就绪，重启 1 次". */
export function statusAt(tl: Timeline, ms: number): string {
  const parts = tl.pods
    .filter((p) => p.createdMs <= ms && (p.deletedMs === undefined || ms < p.deletedMs))
    .map((p) => {
      const status = valueAt(p.status, ms) ?? 'Pending';
      const ready = valueAt(p.ready, ms) ? '已就绪' : '未就绪';
      const restarts = p.containers.reduce((n, c) => n + c.restarts.filter((t) => t <= ms).length, 0);
      return `${p.name} ${status}，${ready}，重启 ${restarts} 次`;
    });
  return `${secondsLabel(ms)}时：${parts.length ? parts.join('；') : '没有 Pod'}`;
}
