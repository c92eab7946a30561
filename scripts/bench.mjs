#!/usr/bin/env node
// Playground budgets, measured on the built site (`npm run build:test && npm run bench`):
//   1. the JavaScript a chapter loads before the playground opens (gzip bytes: the chapter's module
//      scripts and their static imports, read from dist/), and that none of it is Monaco;
//   2. the bytes the editor adds when it opens, and the time to a ready editor (chromium);
//   3. the time from Run to the first result for each playground of the notes (chromium).
//   node scripts/bench.mjs [--dist dist] [--base /k8s-notes/] [--runs 3] [--part first,editor,run]
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/e2e/browser.mjs';
import { findChapters, reveal } from '../tests/e2e/playground.spec.mjs';
import { serveDist } from '../tests/e2e/server.mjs';
import { firstLoadScripts, isMonacoCode } from './bench-static.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = path.resolve(opt('dist', path.join(here, '../dist')));
const base = opt('base', process.env.BASE ?? '/k8s-notes/');
const repeats = Number(opt('runs', '3'));
// Which measurements to take (all by default): `first` load, `editor` open, `run` answers.
const parts = new Set(opt('part', 'first,editor,run').split(','));

const TARGET = { editorMs: 1000, runMs: 200, editorBytes: 1024 * 1024 };
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gz = async (file) => gzipSync(await readFile(file), { level: 9 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function table(rows, head) {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
  console.log('');
}

const chapters = await findChapters(dist);
console.log(`bench: ${dist}, base ${base}; machine load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs\n`);
if (!chapters.length) {
  console.error(`bench: no page with a playground under ${dist}`);
  process.exit(1);
}
const failures = [];

// 1. First load, from the files.
const firstRows = [];
for (const ch of parts.has('first') ? chapters : []) {
  const html = await readFile(path.join(dist, ch.page, 'index.html'), 'utf8');
  const { files, inlineBytes, inlineGz } = await firstLoadScripts(html, dist, base);
  let total = inlineGz;
  let raw = inlineBytes;
  let monaco = false;
  for (const f of files) {
    total += await gz(f);
    raw += (await readFile(f)).length;
    if (isMonacoCode(f, await readFile(f, 'utf8'))) monaco = true;
  }
  if (monaco) failures.push(`${ch.page}: Monaco code in the first load`);
  firstRows.push([`/${ch.page}`, files.length, kib(raw), kib(total), monaco ? 'YES (over budget)' : 'no']);
}
console.log('First load of a chapter (module scripts + static imports, before the playground opens)');
table(firstRows, ['chapter', 'files', 'raw', 'gzip', 'Monaco?']);
if (parts.has('first')) {
  const html = await readFile(path.join(dist, chapters[0].page, 'index.html'), 'utf8');
  const { files, inlineGz } = await firstLoadScripts(html, dist, base);
  const rows = [];
  for (const f of files) rows.push([path.relative(dist, f), kib(await gz(f))]);
  rows.push(['(inline module scripts)', kib(inlineGz)]);
  console.log(`Files of /${chapters[0].page}`);
  table(rows, ['file', 'gzip']);
}

// 2 and 3, in chromium.
const served = [];
const server = await serveDist(dist, base, (p) => served.push(p));
const browser = await launchBrowser();
const bytesOf = async (paths) => {
  let total = 0;
  for (const p of new Set(paths)) {
    if (!p.startsWith(base)) continue;
    try {
      total += await gz(path.join(dist, decodeURIComponent(p.slice(base.length))));
    } catch {
      /* directory index or 404 */
    }
  }
  return total;
};
let editorMs = NaN;
try {
  const ch = chapters[0];
  const id = ch.ids[0];
  const editorRows = [];
  const editorTimes = [];
  let editorBytes = 0;
  for (let i = 0; i < (parts.has('editor') ? repeats : 0); i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(server.url(ch.page), { waitUntil: 'networkidle' });
    // The playground in view starts the engine and runs its text ahead: not the editor's bytes.
    await page.waitForSelector(`#${id}[data-pg-ahead=ready]`, { timeout: 5000 }).catch(() => undefined);
    await page.waitForLoadState('networkidle');
    served.length = 0;
    // Measured inside the page: from the click on 编辑 to the first painted frame with editor lines.
    const wall = await page.evaluate(
      (pid) =>
        new Promise((resolve) => {
          const root = document.getElementById(pid);
          const t0 = performance.now();
          const done = () => requestAnimationFrame(() => resolve(Math.round(performance.now() - t0)));
          const check = () => root.querySelector('.monaco-editor .view-line') && (observer.disconnect(), done(), true);
          const observer = new MutationObserver(check);
          observer.observe(root, { childList: true, subtree: true });
          root.querySelector('[data-pg-act=edit]').click();
          window.__pgEditT0 = t0;
        }),
      id,
    );
    const evaluated = await page.evaluate(() => {
      const m = performance.getEntriesByName('pg:monaco-evaluated')[0];
      return m ? Math.round(m.startTime - window.__pgEditT0) : NaN;
    });
    // Let the yaml worker start (schema validation) before counting bytes.
    await page.waitForTimeout(1500);
    const inPage = Number(await page.getAttribute(`#${id}`, 'data-pg-editor-ms'));
    editorTimes.push(wall);
    if (i === 0) {
      // Focus entering the playground also warms the engine up (its worker and the results code):
      // those bytes come with any Run, not with the editor, and are listed apart.
      const engineSide = (p) => /\/_astro\/(worker|results)[-.][^/]*\.js$/.test(p);
      const warm = served.filter(engineSide);
      served.splice(0, served.length, ...served.filter((p) => !engineSide(p)));
      if (warm.length) console.log(`(engine warm-up on focus, not counted: ${[...new Set(warm)].map((p) => p.replace(base, '')).join(', ')}, ${kib(await bytesOf(warm))})`);
      const byFile = [];
      for (const p of new Set(served)) byFile.push([p.replace(base, ''), await bytesOf([p])]);
      byFile.sort((a, b) => b[1] - a[1]);
      editorBytes = await bytesOf(served);
      editorRows.push(...byFile.map(([p, b]) => [p, kib(b)]), ['total', kib(editorBytes)]);
    }
    console.log(`editor open #${i + 1}: ${wall} ms from click to painted lines (download + evaluate Monaco ${evaluated} ms; import + create ${inPage} ms)`);
    await ctx.close();
  }
  if (parts.has('editor')) {
    console.log('\nBytes the editor adds when it opens (gzip -9 of each file served)');
    table(editorRows, ['file', 'gzip']);
    editorMs = median(editorTimes);
    if (editorMs > TARGET.editorMs) failures.push(`editor opens in ${editorMs} ms (target ${TARGET.editorMs} ms)`);
    if (editorBytes > TARGET.editorBytes) failures.push(`the editor adds ${kib(editorBytes)} (target ${kib(TARGET.editorBytes)})`);
  }

  const runRows = [];
  let worst = 0;
  for (const c of parts.has('run') ? chapters : []) {
    for (const pid of c.ids) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(server.url(c.page), { waitUntil: 'networkidle' });
      // a lab shows one variant at a time: bring this one forward, as the reader's tab click does
      await reveal(page, pid);
      served.length = 0;
      // A reader scrolls to the playground before pressing Run: it comes into view (the page may
      // start the engine then), and the pointer moves to the button.
      await page.locator(`#${pid}`).scrollIntoViewIfNeeded();
      await page.hover(`#${pid} [data-pg-act=run]`);
      // …and reads it for a moment: the page simulates the text ahead of the click meanwhile.
      await page.waitForSelector(`#${pid}[data-pg-ahead=ready]`, { timeout: 5000 }).catch(() => undefined);
      const times = [];
      const engineTimes = [];
      for (let i = 0; i < repeats; i++) {
        await page.click(`#${pid} [data-pg-act=run]`);
        await page.waitForFunction(
          ([p, n]) => {
            const el = document.getElementById(p);
            return el && ['done', 'rejected', 'failed'].includes(el.dataset.pgState ?? '') && el.dataset.pgRuns === String(n);
          },
          [pid, i + 1],
          { timeout: 20000 },
        );
        times.push(Number(await page.getAttribute(`#${pid}`, 'data-pg-run-ms')));
        engineTimes.push(Number(await page.getAttribute(`#${pid}`, 'data-pg-engine-ms')));
      }
      const state = await page.getAttribute(`#${pid}`, 'data-pg-state');
      const firstBytes = await bytesOf(served);
      worst = Math.max(worst, median(times.slice(1).length ? times.slice(1) : times));
      runRows.push([`/${c.page}#${pid}`, state, `${times[0]} ms`, `${median(times.slice(1).length ? times.slice(1) : times)} ms`, `${median(engineTimes)} ms`, kib(firstBytes)]);
      await ctx.close();
    }
  }
  if (parts.has('run')) {
    console.log('Run → first result (click to rendered result, in the page)');
    table(runRows, ['playground', 'result', 'first run (worker start, run ahead)', `median of next ${repeats - 1}`, 'of which engine (median)', 'bytes on first Run']);
    if (worst > TARGET.runMs) failures.push(`a run answers in ${worst} ms (target ${TARGET.runMs} ms)`);
    const firstRunWorst = Math.max(...runRows.map((r) => parseInt(r[2], 10)));
    if (firstRunWorst > TARGET.runMs) failures.push(`a first run (with the worker's start) answers in ${firstRunWorst} ms (target ${TARGET.runMs} ms)`);
    console.log(`Targets: no Monaco in first load; editor ≤ ${TARGET.editorMs} ms (median ${editorMs} ms); run ≤ ${TARGET.runMs} ms (worst median ${worst} ms, worst first run incl. worker start ${firstRunWorst} ms)`);
  }
} finally {
  await browser.close();
  await server.close();
}
if (failures.length) {
  console.log(`bench: over budget: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('bench: all budgets met');
