/**
 * Architecture rules of the engine, checked over its source (the Starlight-style test that
 * fails with a fix-it message): determinism and portability come from what the code may use.
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('.', import.meta.url).pathname;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Strip comments and string contents so that prose about `Date` does not trip the rules. */
function code(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\.|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\])*'/g, "''")
    .replace(/"(?:\\.|[^"\\])*"/g, '""');
}

const all = files(ROOT).filter((f) => !relative(ROOT, f).startsWith('cli/') && !relative(ROOT, f).includes('/generated/'));

const RULES: Array<{ name: string; re: RegExp; why: string; except?: string[] }> = [
  { name: 'Date', re: /\bDate\s*[.(]|\bnew\s+Date\b/, why: 'virtual time only: use the EventQueue clock and sim/time.ts' },
  { name: 'Math.random', re: /\bMath\.random\b/, why: 'use the seeded Prng from sim/prng.ts' },
  { name: 'timers', re: /\b(setTimeout|setInterval|setImmediate|queueMicrotask|requestAnimationFrame)\s*\(/, why: 'schedule on the EventQueue' },
  // The worker adapter measures the wall time a run took, outside the engine's run.
  { name: 'performance.now', re: /\bperformance\.now\b/, why: 'wall time is not part of a run', except: ['worker.ts'] },
  { name: 'DOM', re: /(?<![.\w$])(document|window|localStorage|sessionStorage|navigator)\s*\.|\bHTMLElement\b/, why: 'the engine runs in a worker and in Node: no DOM' },
  { name: 'Node API', re: /from\s+['"]node:|require\(/, why: 'the core is portable: Node APIs only in src/cli/' },
];

describe('engine architecture', () => {
  test('there are engine sources to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  for (const rule of RULES) {
    test(`no ${rule.name} in the engine core`, () => {
      const offenders = all
        .filter((f) => !rule.except?.includes(relative(ROOT, f)))
        .filter((f) => rule.re.test(code(readFileSync(f, 'utf8'))))
        .map((f) => relative(ROOT, f));
      expect(offenders, `${rule.name} found; ${rule.why}`).toEqual([]);
    });
  }
});
