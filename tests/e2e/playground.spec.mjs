// Browser tests of the playground against the built site (see run.mjs).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { assert, assertIncludes, PHONE } from './harness.mjs';

const STATES = '[data-pg-state=done], [data-pg-state=rejected], [data-pg-state=failed]';

/** Every built page that holds a playground: `[{ page: 'probes/', ids: ['pg-probes-1', …] }]`. */
export async function findChapters(dist) {
  const out = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.name === 'index.html') {
        const html = await readFile(p, 'utf8');
        const ids = [...html.matchAll(/<section[^>]*\bid="([^"]+)"[^>]*\bdata-playground\b/g)].map((m) => m[1]);
        const page = path.relative(dist, path.dirname(p)).split(path.sep).join('/');
        if (ids.length) out.push({ page: page ? `${page}/` : '', ids, hasOpenLinks: html.includes('data-pg-open') });
      }
    }
  }
  await walk(dist);
  return out.sort((a, b) => a.page.localeCompare(b.page));
}

/** A lab shows one variant at a time: bring this playground's variant forward (no run). */
export async function reveal(page, id) {
  await page.evaluate((i) => {
    const pg = document.getElementById(i);
    if (pg?.hidden) pg.dispatchEvent(new CustomEvent('pg-reveal', { bubbles: true }));
  }, id);
}

async function run(page, id, timeout = 20000) {
  await reveal(page, id);
  await page.click(`#${id} [data-pg-act=run]`);
  await page.waitForSelector(`#${id}:is(${STATES})`, { timeout });
  return page.getAttribute(`#${id}`, 'data-pg-state');
}

const status = (page, id) => page.textContent(`#${id} [data-pg-status]`);
const viewText = (page, id) => page.textContent(`#${id}-view`);
const isMonacoUrl = (u) => /\/_astro\/(monaco|editor\.worker|yaml\.worker)[^/]*\.js/.test(u);

/** Parse a `kubectl get pods` table: [{ NAME, STATUS, … }]. */
function parseTable(text) {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('[root@'));
  const headerAt = lines.findIndex((l) => /^NAME\s/.test(l) || /^NAMESPACE\s/.test(l));
  if (headerAt < 0) return [];
  const cols = lines[headerAt].trim().split(/\s{2,}/);
  return lines.slice(headerAt + 1).map((l) => Object.fromEntries(l.trim().split(/\s{2,}/).map((v, i) => [cols[i], v])));
}

/** Type a line at the top of a Monaco editor (single keys: Monaco auto-indents pasted newlines). */
async function typeAtTop(page, id, line) {
  await page.click(`#${id} .monaco-editor .view-lines`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function openMonaco(page, id) {
  await reveal(page, id);
  await page.click(`#${id} [data-pg-act=edit]`);
  await page.waitForSelector(`#${id}[data-pg-editor=monaco] .monaco-editor .view-lines`, { timeout: 20000 });
}

/** A container that prints without pause, asked to run for the longest horizon (24 h). */
const BUSY_24H = `apiVersion: v1
kind: Pod
metadata:
  name: busy
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sh", "-c", "while true; do echo tick; done"]
---
apiVersion: playground/v1
kind: Scenario
metadata:
  name: day
spec:
  duration: 24h
`;

/**
 * A cut run shows where it ends: the status line starts with the cut and names the limit, the
 * timeline has its end line (the rest hatched, labelled) at the cut, and the scrubber stops there.
 */
async function assertCutShown(page, id, limitWords) {
  const line = await status(page, id);
  assert(/^模拟在虚拟 [\d.]+ 秒 处被截断：触及/.test(line), `status line starts with the cut: ${line}`);
  assertIncludes(line, limitWords, 'status line names the limit');
  assert(!line.includes('模拟完成'), 'a cut run is not reported as complete');
  const cut = await page.evaluate((i) => {
    const g = document.querySelector(`#${i} svg.pg-tl g.cut`);
    const line = g?.querySelector('line.cut-line');
    const area = g?.querySelector('rect.cut-area');
    const scrub = document.getElementById(`${i}-scrub`);
    const section = document.getElementById(i);
    return {
      at: Number(g?.getAttribute('data-pg-cut-at')),
      x: Number(line?.getAttribute('x1')),
      areaX: Number(area?.getAttribute('x')),
      areaW: Number(area?.getAttribute('width')),
      label: g?.querySelector('text.cut-label')?.textContent ?? '',
      max: Number(scrub?.getAttribute('max')),
      scrubNote: section?.querySelector('.pg-scrub-cut:not([hidden])')?.textContent ?? '',
    };
  }, id);
  assert(cut.at > 0, `timeline cut mark at ${cut.at}`);
  assert(cut.x > 0 && cut.areaX === cut.x && cut.areaW > 0, `end line and hatched rest: ${JSON.stringify(cut)}`);
  assertIncludes(cut.label, '截断于', 'timeline label');
  assert(cut.max === cut.at, `scrubber ends at the cut (${cut.max} vs ${cut.at})`);
  assertIncludes(cut.scrubNote, '截断于', 'scrubber says where it stops');
  // The scrubber cannot go past the cut.
  await page.focus(`#${id}-scrub`);
  await page.keyboard.press('End');
  assert(Number(await page.inputValue(`#${id}-scrub`)) <= cut.at, 'End stops at the cut');
}

export function playgroundTests(chapters) {
  const first = chapters[0];
  const firstId = first?.ids[0];
  const tests = [];

  for (const ch of chapters) {
    tests.push({
      name: `chapter ${ch.page}: playgrounds render and run (${ch.ids.length})`,
      timeoutMs: 30000 + ch.ids.length * 25000,
      async run(h) {
        const { ctx, page, requests, errors } = await h.open();
        try {
          await page.goto(h.url(ch.page));
          for (const id of ch.ids) {
            const section = `#${id}`;
            assert((await page.locator(`${section}[data-pagefind-ignore]`).count()) === 1, `${id}: section with data-pagefind-ignore`);
            assert((await page.locator(`${section} [data-pg-code] .line`).count()) > 3, `${id}: highlighted manifest lines`);
            assert((await page.textContent(`${section} [data-pg-act=run]`)).trim() === '运行', `${id}: run button says 运行`);
          }
          for (const id of ch.ids) {
            const state = await run(page, id);
            const s = await status(page, id);
            assert(state === 'done' || state === 'rejected', `${id}: run ended in ${state}: ${s}`);
            if (state === 'rejected') {
              assertIncludes(s, '清单被拒绝', `${id} status`);
              assert(await page.isVisible(`#${id} .pg-rejection`), `${id}: rejection shown`);
              continue;
            }
            assertIncludes(s, '模拟完成', `${id} status`);
            assert((await page.locator(`#${id} svg.pg-tl[role=img] title`).count()) > 0, `${id}: timeline svg with a title`);
            await page.waitForFunction((i) => document.getElementById(`${i}-view`)?.textContent?.includes('kubectl get pods'), id);
            const view = await viewText(page, id);
            assert(parseTable(view).length > 0 || view.includes('No resources found'), `${id}: a kubectl table: ${view.slice(0, 300)}`);
            // The picture's summary and kubectl's STATUS column agree at the chosen time.
            const rows = parseTable(view);
            const summary = await page.textContent(`#${id} .pg-at-summary`);
            for (const r of rows) assertIncludes(summary, `${r.NAME} ${r.STATUS}`, `${id} summary vs get pods`);
          }
          assert(!requests.some(isMonacoUrl), 'no editor code loaded before editing');
          assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
        } finally {
          await ctx.close();
        }
      },
    });
  }

  if (!first) return tests;
  const page0 = first.page;

  tests.push({
    name: 'editor: Monaco opens on demand, schema markers, hover, completion, theme follows the site',
    async run(h) {
      const { ctx, page, requests, errors } = await h.open({ theme: 'dark' });
      try {
        await page.goto(h.url(page0));
        assert(!requests.some(isMonacoUrl), 'no editor code on first load');
        await openMonaco(page, firstId);
        assert(requests.some(isMonacoUrl), 'editor code loaded when editing');
        const ms = Number(await page.getAttribute(`#${firstId}`, 'data-pg-editor-ms'));
        // How fast is a benchmark figure (npm run bench), not a test: here only that the page measured it.
        assert(Number.isFinite(ms) && ms > 0, `editor load time recorded (${ms})`);
        assert((await page.locator(`#${firstId} .monaco-editor.vs-dark`).count()) === 1, 'dark editor on dark site');
        await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
        await page.waitForSelector(`#${firstId} .monaco-editor.vs`, { timeout: 3000 });
        await typeAtTop(page, firstId, 'bogusField: 1');
        await page.waitForSelector(`#${firstId} :is(.squiggly-warning, .squiggly-error)`, { timeout: 10000 });
        // Hover documentation from the bundled schema.
        await page.hover(`#${firstId} .view-line >> text=kind`);
        await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 8000 });
        // Completion at the top level.
        await page.keyboard.press('Escape');
        await page.click(`#${firstId} .monaco-editor .view-lines`);
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('Enter');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('Control+Space');
        await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 8000 });
        await page.keyboard.press('Escape');
        await h.shot(page, 'editor-markers-light');
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'editor: typing starts at the click, before Monaco is ready; text, cursor and autosave carry over',
    async run(h) {
      const { ctx, page, errors } = await h.open();
      try {
        // Hold Monaco's chunk back, so the typing below surely happens before it is ready.
        let release;
        const held = new Promise((r) => (release = r));
        await page.route(/\/_astro\/monaco[^/]*\.js/, async (route) => {
          await held;
          await route.fallback();
        });
        await page.goto(h.url(page0));
        const line = page.locator(`#${firstId} [data-pg-code] .line`).nth(2);
        const lineText = await line.textContent();
        // Click just left of the line's first character: the cursor goes to the start of line 3.
        await line.click({ position: { x: 1, y: 5 } });
        await page.keyboard.type('zz');
        assert((await page.getAttribute(`#${firstId}`, 'data-pg-editor')) === 'instant', 'the instant editor takes the typing');
        assert((await page.locator(`#${firstId} .monaco-editor`).count()) === 0, 'Monaco is not there yet');
        const typed = await page.inputValue(`#${firstId} textarea.pg-instant`);
        assert(typed.split('\n')[2] === `zz${lineText}`, `typed at the click: ${JSON.stringify(typed.split('\n')[2])}`);
        await h.shot(page, 'editor-instant');
        release();
        await page.waitForSelector(`#${firstId}[data-pg-editor=monaco] .monaco-editor .view-lines`, { timeout: 20000 });
        // The cursor carried over (and the focus): more typing continues where it was.
        await page.keyboard.type('yy');
        // Monaco draws the view at its next animation frame: wait for it (a loaded machine is slow)
        const squash = (t) => t.replace(/[\s\u00a0]+/g, ' ');
        const want = squash(`zzyy${lineText}`);
        const shown = await page
          .waitForFunction(
            ([i, w]) => {
              const t = document.querySelectorAll(`#${i} .monaco-editor .view-line`)[2]?.textContent ?? '';
              return t.replace(/[\s\u00a0]+/g, ' ') === w;
            },
            [firstId, want],
            { timeout: 5000 },
          )
          .then(() => true, () => false);
        const third = await page.locator(`#${firstId} .monaco-editor .view-line`).nth(2).textContent();
        assert(shown, `line 3 in Monaco: ${JSON.stringify(third)}`);
        await h.shot(page, 'editor-instant-monaco');
        // Autosave kept working across the swap: a reload shows the edited text.
        await page.waitForTimeout(600);
        await page.reload();
        await page.waitForSelector(`#${firstId} [data-pg-notice]:not([hidden])`);
        assertIncludes(await page.textContent(`#${firstId} [data-pg-code]`), `zzyy${lineText}`, 'restored text');
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'run: the engine starts as the playground comes into view; a Run on a fresh page answers',
    async run(h) {
      const { ctx, page, requests, errors } = await h.open();
      try {
        await page.goto(h.url(page0));
        await page.locator(`#${firstId}`).scrollIntoViewIfNeeded();
        await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/_astro\/worker[^/]*\.js/.test(e.name)), null, { timeout: 10000 });
        assert(!requests.some(isMonacoUrl), 'no editor code when the engine warms up');
        const state = await run(page, firstId);
        assert(state === 'done' || state === 'rejected', `first run ended in ${state}`);
        const ms = Number(await page.getAttribute(`#${firstId}`, 'data-pg-run-ms'));
        // The figure itself is a benchmark (npm run bench); here: the page answered and measured it.
        assert(Number.isFinite(ms) && ms > 0, `first run answered (${ms} ms)`);
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'run: a run cut by a limit says which limit and when, and keeps its results',
    async run(h) {
      const { ctx, page, errors } = await h.open();
      try {
        await page.goto(`${h.url(page0)}?pg-test-max-tasks=60`);
        const state = await run(page, firstId);
        assert(state === 'done', `cut run ended in ${state}`);
        assert((await page.getAttribute(`#${firstId}`, 'data-pg-cut')) === 'tasks', 'the cut limit on the section');
        const banner = await page.textContent(`#${firstId} .pg-cut`);
        assertIncludes(banner, '被截断', 'banner');
        assertIncludes(banner, '引擎任务数上限', 'banner names the limit');
        assertIncludes(banner, 'after 60 engine tasks', 'banner shows the engine message');
        assertIncludes(await status(page, firstId), '被截断', 'status line');
        await assertCutShown(page, firstId, '引擎任务数上限');
        // The results up to the cut are there: the timeline and the kubectl views.
        assert((await page.locator(`#${firstId} svg.pg-tl`).count()) > 0, 'timeline drawn');
        await page.waitForFunction((i) => document.getElementById(`${i}-view`)?.textContent?.includes('kubectl get pods'), firstId);
        await page.locator(`#${firstId} .pg-cut`).scrollIntoViewIfNeeded();
        await h.shot(page, 'run-cut');
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'run: a run cut by the record cap (memory) says so on the page',
    async run(h) {
      const { ctx, page, errors } = await h.open();
      try {
        await page.route(/\/_astro\/monaco[^/]*\.js/, () => {});
        await page.goto(`${h.url(page0)}?pg-test-max-records=50`);
        await reveal(page, firstId);
        await page.locator(`#${firstId} [data-pg-code] .line`).first().click({ position: { x: 1, y: 5 } });
        // A busy container fills the record (its log lines) long before the wall budget runs out.
        await page.fill(`#${firstId} textarea.pg-instant`, BUSY_24H);
        const state = await run(page, firstId);
        assert(state === 'done', `cut run ended in ${state}`);
        assert((await page.getAttribute(`#${firstId}`, 'data-pg-cut')) === 'memory', 'cut by the record cap');
        assertIncludes(await page.textContent(`#${firstId} .pg-cut`), 'grew past 50 entries', 'banner shows the engine message');
        await assertCutShown(page, firstId, '记录大小上限');
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'run: a 24 h run of a busy manifest is cut by the wall budget, and the page says so',
    async run(h) {
      const { ctx, page, errors } = await h.open();
      try {
        // Hold Monaco back: the instant editor takes the whole text at once (no auto-indent).
        await page.route(/\/_astro\/monaco[^/]*\.js/, () => {});
        await page.goto(h.url(page0));
        await reveal(page, firstId);
        await page.locator(`#${firstId} [data-pg-code] .line`).first().click({ position: { x: 1, y: 5 } });
        await page.fill(`#${firstId} textarea.pg-instant`, BUSY_24H);
        const state = await run(page, firstId, 30000);
        assert(state === 'done', `cut run ended in ${state}`);
        assert((await page.getAttribute(`#${firstId}`, 'data-pg-cut')) === 'wall', 'cut by the wall budget');
        assertIncludes(await page.textContent(`#${firstId} .pg-cut`), '单次运行的时间预算', 'banner names the limit');
        const line = await status(page, firstId);
        assertIncludes(line, '请求模拟到 86400 秒', 'status line says what was asked');
        await assertCutShown(page, firstId, '单次运行的时间预算');
        await page.locator(`#${firstId} svg.pg-tl`).scrollIntoViewIfNeeded();
        await h.shot(page, 'run-cut-wall');
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: `schema: the notes' manifests open in the editor without schema markers (${chapters.length} chapters)`,
    timeoutMs: 20000 * chapters.length,
    async run(h) {
      const { ctx, page } = await h.open({ viewport: { width: 1280, height: 2400 } });
      try {
        const flagged = [];
        for (const ch of chapters) {
          await page.goto(h.url(ch.page));
          for (const id of ch.ids) await openMonaco(page, id);
          await page.waitForTimeout(2500); // the yaml worker validates asynchronously
          for (const id of ch.ids) {
            const n = await page.locator(`#${id} :is(.squiggly-warning, .squiggly-error)`).count();
            // A manifest the notes show as invalid on purpose may be flagged (the API server rejects it too).
            if (n && (await run(page, id)) !== 'rejected') flagged.push(`${id}: ${n}`);
          }
        }
        assert(flagged.length === 0, `schema markers on original manifests: ${flagged.join(', ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'editor: an invalid spec gives engine markers and words under the editor',
    async run(h) {
      const { ctx, page } = await h.open();
      try {
        await page.goto(h.url(page0));
        await openMonaco(page, firstId);
        await typeAtTop(page, firstId, 'bogusField: 1');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector(`#${firstId}:is(${STATES})`, { timeout: 20000 });
        assert((await page.getAttribute(`#${firstId}`, 'data-pg-state')) === 'rejected', 'the API server rejects the unknown field');
        assertIncludes(await page.textContent(`#${firstId} .pg-rejection`), 'bogusField', 'kubectl error shown');
        await page.waitForSelector(`#${firstId} .pg-diags li`, { timeout: 5000 });
        assertIncludes(await page.textContent(`#${firstId} .pg-diags`), 'bogusField', 'diagnostics under the editor');
        assertIncludes(await page.textContent(`#${firstId} .pg-diags`), '第 1 行', 'diagnostic line');
        assert((await page.locator(`#${firstId} .squiggly-error`).count()) > 0, 'engine marker in the editor');
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'scrubber: keyboard moves virtual time and every view follows',
    async run(h) {
      const { ctx, page } = await h.open();
      try {
        await page.goto(h.url(page0));
        const state = await run(page, firstId);
        assert(state === 'done', `run ended in ${state}`);
        const scrub = `#${firstId}-scrub`;
        const cursorX = () => page.getAttribute(`#${firstId} line.cursor`, 'x1');
        await page.focus(scrub);
        await page.keyboard.press('Home');
        assert((await page.textContent(`#${firstId} .pg-scrub-out`)) === '0 s', 'time 0 after Home');
        const x0 = await cursorX();
        await page.waitForFunction((i) => document.getElementById(`${i}-view`)?.textContent?.includes('kubectl get pods'), firstId);
        for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
        const out = await page.textContent(`#${firstId} .pg-scrub-out`);
        assert(out !== '0 s', `time moved (${out})`);
        assert((await cursorX()) !== x0, 'timeline cursor moved');
        assertIncludes(await page.getAttribute(scrub, 'aria-valuetext'), '秒', 'aria-valuetext');
        assertIncludes(await page.textContent(`#${firstId} .pg-at-summary`), `${out.replace(' s', '')} 秒时`, 'summary at the time');
        // The describe tab, by keyboard.
        await page.focus(`#${firstId}-tab-wide`);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        assert((await page.getAttribute(`#${firstId}-tab-describe`, 'aria-selected')) === 'true', 'describe tab selected by arrow keys');
        await page.waitForFunction((i) => /kubectl describe pod|没有 Pod/.test(document.getElementById(`${i}-view`)?.textContent ?? ''), firstId, { timeout: 8000 });
        // Play moves time forward.
        await page.keyboard.press('Home');
        await page.click(`#${firstId} .pg-play`);
        await page.waitForTimeout(600);
        await page.click(`#${firstId} .pg-play`);
        const played = Number(await page.inputValue(scrub));
        assert(played > 0, `play advanced time (${played})`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'terminal: commands, history and chips',
    async run(h) {
      const { ctx, page } = await h.open();
      try {
        await page.goto(h.url(page0));
        await run(page, firstId);
        const input = `#${firstId}-term-in`;
        await page.fill(input, 'kubectl get pods -o wide');
        await page.press(input, 'Enter');
        await page.waitForFunction((i) => document.getElementById(`${i}-term-out`)?.textContent?.includes('# kubectl get pods -o wide'), firstId, { timeout: 10000 });
        const out = await page.textContent(`#${firstId}-term-out`);
        assertIncludes(out, '[root@k8s-master01 ~]# kubectl get pods -o wide', 'prompt echo');
        assert(parseTable(out).length > 0 || out.includes('No resources found'), `a pod table: ${out}`);
        await page.press(input, 'ArrowUp');
        assert((await page.inputValue(input)) === 'kubectl get pods -o wide', 'history recalls the command');
        await page.fill(input, '');
        const chips = page.locator(`#${firstId} .pg-chip:not(:has-text("<"))`);
        if ((await chips.count()) > 0) {
          const chip = (await chips.first().textContent()).trim();
          await chips.first().click();
          await page.waitForFunction(([i, c]) => document.getElementById(`${i}-term-out`)?.textContent?.includes(`# ${c}`), [firstId, chip], { timeout: 10000 });
        }
        assert((await page.getAttribute(`#${firstId} .pg-term-log`, 'role')) === 'log', 'terminal output is a log region');
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'autosave: a reload keeps the edit, with a way back to the original',
    async run(h) {
      const { ctx, page } = await h.open();
      try {
        await page.goto(h.url(page0));
        await openMonaco(page, firstId);
        await typeAtTop(page, firstId, '# my edit 1');
        await page.waitForTimeout(600);
        await page.reload();
        await page.waitForSelector(`#${firstId} [data-pg-notice]:not([hidden])`);
        assertIncludes(await page.textContent(`#${firstId} [data-pg-notice]`), '已恢复你上次', 'restore notice');
        assertIncludes(await page.textContent(`#${firstId} [data-pg-code]`), '# my edit 1', 'edit shown');
        await page.click(`#${firstId} [data-pg-notice] button >> text=恢复原文`);
        assert(!(await page.textContent(`#${firstId} [data-pg-code]`)).includes('# my edit 1'), 'original back');
        await page.reload();
        assert(await page.isHidden(`#${firstId} [data-pg-notice]`), 'nothing restored after reset');
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'share: the link reopens the playground with the text and the time, keeping saved edits',
    async run(h) {
      let link;
      {
        const { ctx, page } = await h.open();
        try {
          await page.goto(h.url(page0));
          await openMonaco(page, firstId);
          await typeAtTop(page, firstId, '# shared edit');
          await run(page, firstId);
          await page.focus(`#${firstId}-scrub`);
          await page.keyboard.press('Home');
          for (let i = 0; i < 3; i++) await page.keyboard.press('PageUp');
          const t = await page.inputValue(`#${firstId}-scrub`);
          await page.click(`#${firstId} [data-pg-act=share]`);
          await page.waitForSelector(`#${firstId} .pg-share-url`);
          link = await page.inputValue(`#${firstId} .pg-share-url`);
          assert(link.startsWith(h.url(page0)), `link under the base path: ${link}`);
          assert(new RegExp(`#pg=${firstId}&v1=[A-Za-z0-9_-]+&t=${Number(t) / 1000}$`).test(link), `link format: ${link}`);
        } finally {
          await ctx.close();
        }
      }
      const { ctx, page } = await h.open();
      try {
        // The reader has an edit of their own saved.
        await page.goto(h.url(page0));
        await openMonaco(page, firstId);
        await typeAtTop(page, firstId, '# my own edit');
        await page.waitForTimeout(600);
        await page.goto('about:blank');
        await page.goto(link);
        await page.waitForSelector(`#${firstId}:is(${STATES})`, { timeout: 20000 });
        assertIncludes(await page.textContent(`#${firstId} [data-pg-code]`), '# shared edit', 'shared text shown');
        assertIncludes(await page.textContent(`#${firstId} [data-pg-notice]`), '分享链接', 'share notice');
        const t = Number(new URL(link).hash.match(/t=([\d.]+)/)[1]);
        if ((await page.getAttribute(`#${firstId}`, 'data-pg-state')) === 'done') assert(Number(await page.inputValue(`#${firstId}-scrub`)) === t * 1000, 'time restored');
        assert(new URL(page.url()).hash === `#${firstId}`, `fragment replaced by the anchor: ${page.url()}`);
        await page.click(`#${firstId} [data-pg-notice] button >> text=恢复你保存的版本`);
        assertIncludes(await page.textContent(`#${firstId} [data-pg-code]`), '# my own edit', 'own edit restored');
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'share: broken and hostile links get a clear message and the original manifest',
    async run(h) {
      const bomb = (await import('fflate')).deflateSync(new Uint8Array(4 * 1024 * 1024).fill(32));
      const cases = [
        [`#pg=${firstId}&v1=@@@@`, 'base64'],
        [`#pg=${firstId}&v1=${Buffer.from('not deflate at all').toString('base64url')}`, '无法解压'],
        [`#pg=${firstId}&v1=${Buffer.from(bomb).toString('base64url')}`, '过大'],
        [`#pg=${firstId}&v7=abc`, '格式版本'],
        ['#pg=pg-no-such-playground&v1=abc', '不在本页'],
        ['#pg=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&v1=abc', 'Playground'],
      ];
      const { ctx, page, errors } = await h.open();
      try {
        for (const [hash, words] of cases) {
          await page.goto('about:blank');
          await page.goto(h.url(page0) + hash);
          await page.waitForFunction(() => document.querySelector('.pg-toast, [data-pg-notice]:not([hidden])'), null, { timeout: 5000 });
          const text = await page.evaluate(() => [...document.querySelectorAll('.pg-toast, [data-pg-notice]:not([hidden])')].map((e) => e.textContent).join(' '));
          assertIncludes(text, words, `message for ${hash.slice(0, 40)}`);
          assert((await page.locator(`#${firstId} [data-pg-code] pre.astro-code`).count()) === 1, 'original highlighted manifest shown');
          assert(!(await page.evaluate(() => !!document.querySelector('.pg-toast img, [data-pg-notice] img'))), 'message is text only');
        }
        assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'anchors: heading links keep working next to share links',
    async run(h) {
      const html = await (await fetch(h.url(page0))).text();
      const heading = html.match(/<h2 id="([^"]+)"/)?.[1];
      assert(heading, 'the chapter has an h2 with an id');
      const { ctx, page } = await h.open();
      try {
        await page.goto(`${h.url(page0)}#${heading}`);
        await page.waitForTimeout(300);
        assert((await page.locator('.pg-toast, [data-pg-notice]:not([hidden])').count()) === 0, 'no playground message');
        const top = await page.evaluate((id) => document.getElementById(decodeURIComponent(id)).getBoundingClientRect().top, heading);
        assert(top >= -5 && top < 300, `heading scrolled into view (top ${top})`);
        assert(new URL(page.url()).hash === `#${heading}`, 'fragment untouched');
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'watchdog: a hung worker is replaced, the reader is told, the run is retried',
    timeoutMs: 45000,
    async run(h) {
      const { ctx, page } = await h.open();
      try {
        await page.goto(`${h.url(page0)}?pg-test-hang`);
        await page.click(`#${firstId} [data-pg-act=run]`);
        await page.waitForFunction((i) => document.querySelector(`#${i} [data-pg-status]`)?.textContent?.includes('没有响应'), firstId, { timeout: 8000 });
        await page.waitForSelector(`#${firstId}:is(${STATES})`, { timeout: 15000 });
        const state = await page.getAttribute(`#${firstId}`, 'data-pg-state');
        assert(state === 'done' || state === 'rejected', `retried run ended in ${state}`);
        if (state === 'done') assertIncludes(await status(page, firstId), '引擎曾无响应', 'status mentions the restart');
        // The page stayed responsive all along.
        assert((await page.evaluate(() => 1 + 1)) === 2, 'page responsive');
      } finally {
        await ctx.close();
      }
    },
  });

  const withLinks = chapters.find((c) => c.hasOpenLinks);
  tests.push({
    name: 'open in playground: a YAML block of the notes loads into its playground and runs',
    async run(h) {
      let target = null;
      const { ctx, page } = await h.open();
      try {
        for (const ch of withLinks ? [withLinks] : chapters) {
          await page.goto(h.url(ch.page));
          if ((await page.locator('[data-pg-open]').count()) > 0) {
            target = ch;
            break;
          }
        }
        if (!target) return; // no chapter uses OpenInPlayground
        const link = page.locator('[data-pg-open]').first();
        const id = await link.getAttribute('data-pg-open');
        await link.click();
        await page.waitForSelector(`#${id}:is(${STATES})`, { timeout: 20000 });
        const top = await page.evaluate((i) => document.getElementById(i).getBoundingClientRect().top, id);
        assert(top > -50 && top < 400, `playground scrolled into view (top ${top})`);
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'keyboard only: Tab to 运行, Enter runs; Ctrl+Enter runs from the text',
    async run(h) {
      const { ctx, page } = await h.open();
      try {
        await page.goto(h.url(page0));
        let found = false;
        for (let i = 0; i < 80 && !found; i++) {
          await page.keyboard.press('Tab');
          found = await page.evaluate((id) => document.activeElement?.matches?.(`#${id} [data-pg-act=run]`) ?? false, firstId);
        }
        assert(found, 'the run button is reachable with Tab');
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
        assert(outline !== 'none', 'focus is visible');
        await page.keyboard.press('Enter');
        await page.waitForSelector(`#${firstId}:is(${STATES})`, { timeout: 20000 });
        assert((await page.getAttribute(`#${firstId} [data-pg-status]`, 'aria-live')) === 'polite', 'status is announced');
      } finally {
        await ctx.close();
      }
    },
  });

  tests.push({
    name: 'phone: stacked layout, plain textarea editor on touch, run and diagnostics',
    async run(h) {
      const { ctx, page, requests } = await h.open({ ...PHONE, theme: 'light' });
      try {
        await page.goto(h.url(page0));
        await page.tap(`#${firstId} [data-pg-act=edit]`);
        await page.waitForSelector(`#${firstId}[data-pg-editor=textarea] textarea`);
        assert(!requests.some(isMonacoUrl), 'no Monaco on touch');
        await page.focus(`#${firstId} textarea`);
        await page.keyboard.press('Control+Home');
        await page.keyboard.type('# edited on a phone\n');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector(`#${firstId}:is(${STATES})`, { timeout: 20000 });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 390 + 1, `no horizontal page scroll (scrollWidth ${width})`);
        const overflow = await page.evaluate((id) => getComputedStyle(document.getElementById(`${id}-view`)).overflowX, firstId);
        assert(overflow === 'auto' || overflow === 'scroll', `output scrolls horizontally (${overflow})`);
      } finally {
        await ctx.close();
      }
    },
  });

  // Screenshots of a chapter with probes when there is one (more to see), else the first.
  const shotChapter = chapters.find((c) => c.page.startsWith('probes')) ?? first;
  const shotId = shotChapter.ids[0];
  for (const [name, opts] of [
    ['desktop-light', { theme: 'light' }],
    ['desktop-dark', { theme: 'dark' }],
    ['phone-light', { ...PHONE, theme: 'light' }],
    ['phone-dark', { ...PHONE, theme: 'dark' }],
  ]) {
    tests.push({
      name: `screenshot ${name}`,
      async run(h) {
        const { ctx, page } = await h.open(opts);
        try {
          await page.goto(h.url(shotChapter.page));
          await page.evaluate((id) => {
            document.getElementById(id).scrollIntoView({ block: 'start' });
            window.scrollBy(0, -80);
          }, shotId);
          await h.shot(page, `${name}-first-load`);
          await run(page, shotId);
          await page.focus(`#${shotId}-scrub`);
          await page.keyboard.press('Home');
          for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
          await page.fill(`#${shotId}-term-in`, 'kubectl get pods -o wide');
          await page.press(`#${shotId}-term-in`, 'Enter');
          await page.waitForTimeout(400);
          await page.evaluate((id) => document.querySelector(`#${id} .pg-results`).scrollIntoView({ block: 'start' }), shotId);
          await page.evaluate(() => window.scrollBy(0, -60));
          await h.shot(page, `${name}-results`);
        } finally {
          await ctx.close();
        }
      },
    });
  }

  tests.push(...trafficTests(chapters));
  tests.push(...execSessionTests(chapters), ...sshEditTests(chapters));

  tests.push({
    name: 'network: no request left localhost',
    async run(h) {
      assert(h.external.length === 0, `external requests: ${h.external.join(', ')}`);
    },
  });
  return tests;
}

// --- the rollout lab (lifecycle 1.19) and kube-proxy's paths (node-components 1.5) ------------

const here = path.dirname(new URL(import.meta.url).pathname);
let engineLib = null;
/** The engine library in Node (tsx compiles it), to count what the page must show. */
async function engineSimulate(text) {
  if (!engineLib) {
    const { register } = await import('tsx/esm/api');
    register();
    engineLib = await import(path.join(here, '../../playground-engine/src/index.ts'));
  }
  return engineLib.simulate(text, {});
}

/** Totals of the first traffic client of a run, as the engine reports them. */
async function engineTotals(file) {
  const text = await readFile(path.join(here, '../../content/manifests', file), 'utf8');
  const { trace } = await engineSimulate(text);
  const s = (trace.trafficSummary ?? []).find((x) => x.client === 0);
  if (s) return { sent: s.sent, ok: s.ok, failed: s.failed };
  let ok = 0;
  let failed = 0;
  for (const b of trace.traffic.filter((x) => x.client === 0)) {
    for (const n of Object.values(b.ok ?? {})) ok += n;
    for (const n of Object.values(b.errors ?? {})) failed += n;
  }
  return { sent: ok + failed, ok, failed };
}

async function pageTotals(page, id) {
  const el = page.locator(`#${id} [data-pg-traffic-summary]`).first();
  return { sent: Number(await el.getAttribute('data-sent')), ok: Number(await el.getAttribute('data-ok')), failed: Number(await el.getAttribute('data-failed')) };
}

const LAB = [
  ['pg-lifecycle-2', '1.19-rollout-1-no-probes.yaml'],
  ['pg-lifecycle-3', '1.19-rollout-2-readiness.yaml'],
  ['pg-lifecycle-4', '1.19-rollout-3-prestop.yaml'],
];

/** Click a variant's tab; it runs by itself once another variant has run, else press 运行. */
async function runVariant(page, id) {
  const runsBefore = Number((await page.getAttribute(`#${id}`, 'data-pg-runs')) ?? 0);
  await page.click(`[data-pg-variant-tab="${id}"]`);
  assert(await page.isVisible(`#${id}`), `${id}: shown after its tab was clicked`);
  if (!(await page.getAttribute(`#${id}`, 'data-pg-state'))) await page.click(`#${id} [data-pg-act=run]`);
  await page.waitForFunction(([i, n]) => Number(document.getElementById(i)?.dataset.pgRuns ?? 0) > n, [id, runsBefore], { timeout: 30000 });
  assert((await page.getAttribute(`#${id}`, 'data-pg-state')) === 'done', `${id}: run done`);
}

function trafficTests(chapters) {
  const tests = [];
  const lab = chapters.find((c) => c.page.startsWith('lifecycle'));
  const nodes = chapters.find((c) => c.page.startsWith('node-components'));
  if (lab && LAB.every(([id]) => lab.ids.includes(id))) {
    for (const [name, opts] of [
      ['desktop', { theme: 'dark' }],
      ['phone', { ...PHONE, theme: 'light' }],
    ]) {
      tests.push({
        name: `rollout lab (${name}): each variant runs; chart and summary agree with the engine; a failure is explained`,
        timeoutMs: 150000,
        async run(h) {
          const { ctx, page, errors } = await h.open(opts);
          try {
            await page.goto(h.url(lab.page));
            assert((await page.locator('[data-pg-lab] [role=tab]').count()) === 3, 'three variant tabs');
            assert(await page.isVisible('#pg-lifecycle-2'), 'variant 1 shown first');
            assert(!(await page.isVisible('#pg-lifecycle-3')) && !(await page.isVisible('#pg-lifecycle-4')), 'other variants hidden');
            const totals = [];
            for (const [id, file] of LAB) {
              await runVariant(page, id);
              const shown = await pageTotals(page, id);
              const expected = await engineTotals(file);
              assert(JSON.stringify(shown) === JSON.stringify(expected), `${id}: page shows ${JSON.stringify(shown)}, engine counts ${JSON.stringify(expected)}`);
              assertIncludes(await page.textContent(`#${id} [data-pg-traffic-summary]`), `发出 ${expected.sent} 个请求`, `${id} summary`);
              // The bars add up to the same numbers (every request drawn once).
              const drawn = await page.evaluate((i) => {
                let n = 0;
                for (const t of document.querySelectorAll(`#${i} .pg-tr .hit title`)) {
                  const m = /成功 (\d+)，失败 (\d+)/.exec(t.textContent ?? '');
                  if (m) n += Number(m[1]) + Number(m[2]);
                }
                return n;
              }, id);
              assert(drawn === expected.sent, `${id}: bars count ${drawn}, engine sent ${expected.sent}`);
              totals.push(expected);
              if (name === 'phone') {
                const width = await page.evaluate(() => document.documentElement.scrollWidth);
                assert(width <= 390 + 1, `${id}: no horizontal page scroll (scrollWidth ${width})`);
              }
            }
            assert(totals[0].failed > 0, `variant 1 loses requests (${totals[0].failed})`);
            assert(totals[2].failed === 0, `variant 3 loses none (${totals[2].failed})`);
            assert(totals[1].failed <= totals[0].failed, `variant 2 loses no more than variant 1 (${totals[1].failed} vs ${totals[0].failed})`);
            // Why did this request fail? Back to variant 1, click a failed second in the chart.
            await page.click('[data-pg-variant-tab="pg-lifecycle-2"]');
            const failedBar = page.locator('#pg-lifecycle-2 .pg-tr .hit.failed').first();
            await failedBar.scrollIntoViewIfNeeded();
            await failedBar.click({ force: true });
            await page.waitForSelector('#pg-lifecycle-2 [data-pg-explain]:not([hidden]) .pg-explain-steps li', { timeout: 5000 });
            const steps = await page.locator('#pg-lifecycle-2 .pg-explain-steps li').count();
            assert(steps >= 2, `explanation has steps (${steps})`);
            // …and from the list of failures.
            await page.click('#pg-lifecycle-2 [data-pg-failures] summary');
            await page.locator('#pg-lifecycle-2 .pg-fail-second').last().click();
            await page.waitForSelector('#pg-lifecycle-2 [data-pg-explain]:not([hidden]) .pg-explain-head', { timeout: 5000 });
            await page.evaluate(() => document.querySelector('#pg-lifecycle-2 [data-pg-traffic]').scrollIntoView({ block: 'start' }));
            await h.shot(page, `lab-${name}-${opts.theme}`);
            await page.evaluate(() => document.querySelector('#pg-lifecycle-2 [data-pg-explain]').scrollIntoView({ block: 'start' }));
            await h.shot(page, `lab-${name}-${opts.theme}-explain`);
            assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
          } finally {
            await ctx.close();
          }
        },
      });
    }
  }
  if (nodes) {
    const id = nodes.ids[0];
    for (const [name, opts] of [
      ['desktop', { theme: 'light' }],
      ['phone', { ...PHONE, theme: 'dark' }],
    ]) {
      tests.push({
        name: `kube-proxy (${name}): mode switch reruns; the packet path of a sample and of a curl`,
        timeoutMs: 90000,
        async run(h) {
          const { ctx, page, errors } = await h.open(opts);
          try {
            await page.goto(h.url(nodes.page));
            await run(page, id);
            assert(await page.isVisible(`#${id} [data-pg-proxy-mode]`), 'mode switch shown for a run with a Service');
            const modes = {};
            for (const mode of ['iptables', 'ipvs']) {
              const runs = Number(await page.getAttribute(`#${id}`, 'data-pg-runs'));
              await page.check(`#${id}-proxy-mode-${mode}`);
              await page.waitForFunction(([i, n]) => Number(document.getElementById(i)?.dataset.pgRuns ?? 0) > n && document.getElementById(i)?.dataset.pgState === 'done', [id, runs], { timeout: 30000 });
              assert((await page.getAttribute(`#${id} [data-pg-proxy-mode]`, 'data-mode')) === mode, `run used ${mode}`);
              // A traffic second: its sample packet path.
              const bar = page.locator(`#${id} .pg-tr .hit`).nth(3);
              await bar.scrollIntoViewIfNeeded();
              await bar.click({ force: true });
              await page.waitForSelector(`#${id} [data-pg-traffic] [data-pg-packet]:not([hidden]) .pg-packet-path[data-mode=${mode}]`, { timeout: 5000 });
              modes[mode] = await page.textContent(`#${id} [data-pg-traffic] [data-pg-packet]`);
              await h.shot(page, `packet-${name}-${mode}`);
            }
            assertIncludes(modes.iptables, '-A KUBE-SERVICES', 'iptables path: the KUBE-SERVICES rule');
            assertIncludes(modes.iptables, 'DNAT', 'iptables path: DNAT');
            assertIncludes(modes.ipvs, 'rr', 'ipvs path: the scheduler');
            assertIncludes(modes.ipvs, 'KUBE-CLUSTER-IP', 'ipvs path: the ipset');
            // A curl typed in the terminal: its own path.
            await page.fill(`#${id}-term-in`, 'curl 10.103.5.16');
            await page.press(`#${id}-term-in`, 'Enter');
            await page.waitForSelector(`#${id} > [data-pg-results] > [data-pg-packet]:not([hidden]) .pg-packet-path`, { timeout: 10000 });
            assertIncludes(await page.textContent(`#${id} > [data-pg-results] > [data-pg-packet]`), '10.103.5.16:80', 'curl path: the ClusterIP');
            if (name === 'phone') {
              const width = await page.evaluate(() => document.documentElement.scrollWidth);
              assert(width <= 390 + 1, `no horizontal page scroll (scrollWidth ${width})`);
            }
            assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
          } finally {
            await ctx.close();
          }
        },
      });
    }
  }
  return tests;
}

/** The playground's terminal: its selectors, and `type` (a line, Enter, then wait for `waitFor` in the output). */
function terminalOf(page, id) {
  const input = `#${id}-term-in`;
  const prompt = `#${id} .pg-prompt`;
  const termOut = `#${id}-term-out`;
  const type = async (line, waitFor) => {
    await page.fill(input, line);
    await page.press(input, 'Enter');
    await page.waitForFunction(([o, w]) => document.querySelector(o)?.textContent?.includes(w), [termOut, waitFor], { timeout: 20000 });
  };
  return { input, prompt, termOut, type };
}

// --- interactive exec in the terminal (notes block 22: exec into nginx, rm index.html, exit, describe) ---

function execSessionTests(chapters) {
  const probes = chapters.find((c) => c.page.startsWith('probes'));
  const id = 'pg-probes-2';
  if (!probes || !probes.ids.includes(id)) return [];
  const out = [];
  for (const [name, opts] of [
    ['desktop', {}],
    ['phone', { ...PHONE, theme: 'light' }],
  ]) {
    out.push({
      name: `terminal: kubectl exec -ti nginx -- sh session, block 22 as typed (${name})`,
      timeoutMs: 90000,
      async run(h) {
        const { ctx, page, errors } = await h.open(opts);
        try {
          await page.goto(h.url(probes.page));
          const state = await run(page, id);
          assert(state === 'done', `run ended in ${state}`);
          const { input, prompt, termOut, type } = terminalOf(page, id);
          await type('kubectl exec -ti nginx -- sh', '# kubectl exec -ti nginx -- sh');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '/ #', prompt, { timeout: 20000 });
          await type('rm -rf /usr/share/nginx/html/index.html', '/ # rm -rf /usr/share/nginx/html/index.html');
          await type('cd /usr/share/nginx/html; ls', '/ # cd /usr/share/nginx/html; ls');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '/usr/share/nginx/html #', prompt, { timeout: 20000 });
          const listing = await page.textContent(termOut);
          assertIncludes(listing, '50x.html', 'ls inside the container');
          assert(!listing.slice(listing.lastIndexOf('# cd /usr/share/nginx/html; ls')).includes('index.html\n'), 'index.html is gone');
          await h.shot(page, `exec-session-${name}`);
          await type('exit', '/usr/share/nginx/html # exit');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '[root@k8s-master01 ~]#', prompt, { timeout: 20000 });
          await type('kubectl describe pod nginx', '[root@k8s-master01 ~]# kubectl describe pod nginx');
          await page.waitForFunction((o) => /Events:/.test(document.querySelector(o)?.textContent ?? ''), termOut, { timeout: 20000 });
          await type('kubectl exec nginx -- ls /usr/share/nginx/html', '# kubectl exec nginx -- ls /usr/share/nginx/html');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').trimEnd().endsWith('50x.html'), termOut, { timeout: 20000 });
          await h.shot(page, `exec-session-${name}-after`);
          // a throwaway pod's shell: kubectl run -it --rm (the terminal is the container's PID 1 shell)
          await type('kubectl run -it --rm tmp --image=busybox -- sh', '# kubectl run -it --rm tmp --image=busybox -- sh');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '/ #', prompt, { timeout: 20000 });
          assertIncludes(await page.textContent(termOut), "If you don't see a command prompt, try pressing enter.", 'attach notice');
          await type('echo pid=$$ host=$(hostname)', '/ # echo pid=$$ host=$(hostname)');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').includes('pid=1 host=tmp'), termOut, { timeout: 20000 });
          await type('exit', '/ # exit');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').includes('pod "tmp" deleted'), termOut, { timeout: 20000 });
          assertIncludes(await page.textContent(termOut), "Session ended, resume using 'kubectl attach tmp -c tmp -i -t' command when the pod is running", 'session end');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '[root@k8s-master01 ~]#', prompt, { timeout: 20000 });
          // -o go-template, as the docs' Debug Services page uses it
          await type(`kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}={{.status.phase}}{{"\\n"}}{{end}}'`, '{{end}}');
          await page.waitForFunction((o) => /nginx=Running\n/.test(document.querySelector(o)?.textContent ?? ''), termOut, { timeout: 20000 });
          await h.shot(page, `run-it-session-${name}`);
          // the login shell keeps its state from line to line: an alias, the directory in the prompt
          await type('alias k=kubectl; cd /tmp', '# alias k=kubectl; cd /tmp');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '[root@k8s-master01 tmp]#', prompt, { timeout: 20000 });
          await type('k get po nginx -o name; pwd', '[root@k8s-master01 tmp]# k get po nginx -o name; pwd');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').endsWith('pod/nginx\n/tmp\n'), termOut, { timeout: 20000 });
          assert((await page.getAttribute(`#${id} .pg-terminal`, 'data-pg-inside')) === 'false', 'a directory in the host prompt is still the host');
          await type('sleep 30 &', '[root@k8s-master01 tmp]# sleep 30 &');
          await page.waitForFunction((o) => /\[1\] \d+\n$/.test(document.querySelector(o)?.textContent ?? ''), termOut, { timeout: 20000 });
          await type('jobs; kill %1', '[root@k8s-master01 tmp]# jobs; kill %1');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').endsWith('[1]+  Terminated              sleep 30\n'), termOut, { timeout: 20000 });
          await h.shot(page, `shell-state-${name}`);
          assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
        } finally {
          await ctx.close();
        }
      },
    });
  }
  return out;
}

// --- ssh to a node, and kubectl edit with the reader's editor, in the terminal ---

function sshEditTests(chapters) {
  const probes = chapters.find((c) => c.page.startsWith('probes'));
  const id = 'pg-probes-2';
  if (!probes || !probes.ids.includes(id)) return [];
  return [
    ['desktop', {}],
    ['phone', { ...PHONE, theme: 'dark' }],
  ].map(([label, opts]) => ({
      name: `terminal: ssh k8s-node01 opens a login shell there; kubectl edit opens the file, saving applies it (${label})`,
      timeoutMs: 90000,
      async run(h) {
        const { ctx, page, errors } = await h.open(opts);
        try {
          await page.goto(h.url(probes.page));
          const state = await run(page, id);
          assert(state === 'done', `run ended in ${state}`);
          const { input, prompt, termOut, type } = terminalOf(page, id);
          const text = () => page.textContent(termOut);
          await type('ssh k8s-node01', '# ssh k8s-node01');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '[root@k8s-node01 ~]#', prompt, { timeout: 20000 });
          await type('hostname', '[root@k8s-node01 ~]# hostname');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').trimEnd().endsWith('k8s-node01'), termOut, { timeout: 20000 });
          await type('exit', '[root@k8s-node01 ~]# exit');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').includes('Connection to k8s-node01 closed.'), termOut, { timeout: 20000 });
          assertIncludes(await text(), 'logout', 'bash says logout');
          await page.waitForFunction((p) => document.querySelector(p)?.textContent === '[root@k8s-master01 ~]#', prompt, { timeout: 20000 });

          await type('kubectl edit pod nginx', '# kubectl edit pod nginx');
          const area = `#${id}-edit-text`;
          await page.waitForSelector(area, { timeout: 20000 });
          assert(await page.isHidden(input), 'the prompt waits while the editor is open');
          const buffer = await page.inputValue(area);
          assert(buffer.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,"), 'kubectl header');
          assert(/\n {2}(- | {2})image: nginx:[^\n]+\n/.test(buffer), `the live pod in the file: ${buffer.slice(0, 300)}`);
          await h.shot(page, `kubectl-edit-open-${label}`);
          // an invalid change first: the file reopens with the API server's cause in its header
          await page.fill(area, buffer.replace(/(\n {4}name: )nginx\n/, '$1web\n'));
          await page.click(`#${id} .pg-edit-save`);
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').includes('error: pods "nginx" is invalid'), termOut, { timeout: 20000 });
          await page.waitForFunction((a) => (document.querySelector(a)?.value ?? '').includes('# pods "nginx" was not valid:'), area, { timeout: 20000 });
          // then a valid change: the image
          const reopened = await page.inputValue(area);
          const image = reopened.match(/\n {2}(?:- | {2})image: (nginx:[^\n]+)\n/)[1];
          await page.fill(area, reopened.replace(/(\n {4}name: )web\n/, '$1nginx\n').replace(`image: ${image}\n`, 'image: nginx:1.23.4\n'));
          await page.keyboard.press('Control+s');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').includes('pod/nginx edited'), termOut, { timeout: 20000 });
          await page.waitForSelector(area, { state: 'detached', timeout: 20000 });
          const all = await text();
          assert(all.split('error: pods "nginx" is invalid').length === 2, 'the earlier round\'s output is not printed twice');
          await type("kubectl get pod nginx -o jsonpath='{.spec.containers[0].image}'", "jsonpath='{.spec.containers[0].image}'");
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').trimEnd().endsWith('nginx:1.23.4'), termOut, { timeout: 20000 });
          // Esc quits without saving: no change
          await type('kubectl edit pod nginx', '# kubectl edit pod nginx');
          await page.waitForSelector(area, { timeout: 20000 });
          await page.focus(area);
          await page.keyboard.press('Escape');
          await page.waitForFunction((o) => (document.querySelector(o)?.textContent ?? '').includes('Edit cancelled, no changes made.'), termOut, { timeout: 20000 });
          await h.shot(page, `kubectl-edit-done-${label}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert(width <= (opts.viewport?.width ?? 1280) + 1, `no horizontal page scroll (scrollWidth ${width})`);
          assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
        } finally {
          await ctx.close();
        }
      },
  }));
}

