/**
 * Go-style durations as a reader writes them: `90`, `90s`, `1.5s`, `2m`, `1h30m`, `500ms`.
 * A plain number is seconds. Returns undefined for anything else (or absurd values).
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_MS = 7 * 24 * 3_600_000;

export function parseDurationMs(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 && input * 1000 <= MAX_MS ? Math.round(input * 1000) : undefined;
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseDurationMs(Number(s));
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  total = Math.round(total);
  return total <= MAX_MS ? total : undefined;
}
