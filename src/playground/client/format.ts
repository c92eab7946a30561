/** Small formatting helpers for virtual times (Chinese labels). */

/** Seconds with at most one decimal: 12000 → "12", 12500 → "12.5". */
export function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

/** "12 秒". */
export function secondsLabel(ms: number): string {
  return `${seconds(ms)} 秒`;
}

/** "2–45 秒", or "2 秒起" for an interval still open at the horizon. */
export function rangeLabel(from: number, to: number | undefined): string {
  return to === undefined ? `${seconds(from)} 秒起` : `${seconds(from)}–${seconds(to)} 秒`;
}

export const STATE_LABEL = { waiting: '等待', running: '运行', terminated: '已终止' } as const;
export const PROBE_LABEL = { startup: '启动探针', liveness: '存活探针', readiness: '就绪探针' } as const;
export const RESULT_LABEL = { success: '成功', failure: '失败', warning: '成功（警告）', error: '出错' } as const;
