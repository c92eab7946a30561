#!/usr/bin/env node
// Browser tests of the built site: `npm run build:test && npm run test:e2e`.
// Serves dist/ under /k8s-notes/ itself, drives Debian's chromium, prints `e2e: N passed, M failed`.
//   node tests/e2e/run.mjs [--dist dist] [--base /k8s-notes/] [--only <name part>]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests, startHarness } from './harness.mjs';
import { findChapters, playgroundTests } from './playground.spec.mjs';
import { replayTests } from './replay.spec.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = path.resolve(opt('dist', path.join(here, '../../dist')));
const base = opt('base', process.env.BASE ?? '/k8s-notes/');
const only = opt('only');

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`e2e: no built site at ${dist} (run \`npm run build:test\` first)`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

const chapters = await findChapters(dist);
if (chapters.length === 0) {
  console.error(`e2e: no page with a playground under ${dist}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}
console.log(`e2e: ${chapters.length} chapter page(s) with playgrounds, base ${base}`);
const harness = await startHarness({ dist, base, screenshots: path.join(here, 'screenshots') });
let result;
try {
  result = await runTests([...playgroundTests(chapters), ...replayTests()], harness, { only });
} finally {
  await harness.close();
}
if (result.failed) console.log(`failed: ${result.failures.join(' | ')}`);
if (result.flaky.length) console.log(`flaky (failed once, passed on the retry): ${result.flaky.join(' | ')}`);
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
