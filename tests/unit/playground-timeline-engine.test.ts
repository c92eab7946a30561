/**
 * The playground's picture agrees with kubectl: for every manifest of the notes, the pod STATUS
 * the timeline shows at a time (and the summary line under the scrubber) is the STATUS column
 * `kubectl get pods` prints at that time, and READY says Ready exactly when the picture does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, timelineOf, viewAt } from '../../playground-engine/src/index';
import { statusAt } from '../../src/playground/client/timeline-text';

const dir = new URL('../../content/manifests/', import.meta.url);
const manifests = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

function table(stdout: string): Array<Record<string, string>> {
  const lines = stdout.split('\n').filter((l) => l.trim());
  if (!lines.length) return [];
  const cols = lines[0].trim().split(/\s{2,}/);
  return lines.slice(1).map((l) => Object.fromEntries(l.trim().split(/\s{2,}/).map((v, i) => [cols[i], v])));
}

describe.each(manifests)('%s', (file) => {
  const result = simulate(readFileSync(new URL(file, dir), 'utf8'));
  const tl = timelineOf(result.trace);
  const times = [0, 1000, 5000, 15000, 30000, 45000, 60000, 90000, 120000, 200000, 300000].filter((t) => t <= result.trace.horizonMs);

  it.each(times)('at %i ms the picture and kubectl get pods agree', (t) => {
    const [out] = viewAt(result.trace, t, ['kubectl get pods']);
    const rows = table(out.stdout);
    const summary = statusAt(tl, t);
    for (const row of rows) {
      expect(summary, `${row.NAME} in ${JSON.stringify(summary)}`).toContain(`${row.NAME} ${row.STATUS}，${row.READY.startsWith('0/') || row.READY.split('/')[0] !== row.READY.split('/')[1] ? '未就绪' : '已就绪'}`);
    }
  });
});
