// Browser tests of the console-block replay (<Replay>, content/replay/): press "在模拟集群中重现"
// under a block of the notes, see the simulated output under the notes' output.
import path from 'node:path';
import { assert, assertIncludes, PHONE } from './harness.mjs';

const isEngineUrl = (u) => /\/_astro\/(worker|replay)[^/]*\.js/.test(u);

async function replay(page, block, { tap = false } = {}) {
  const btn = `[data-replay="${block}"] .rp-btn`;
  await page.locator(btn).scrollIntoViewIfNeeded();
  if (tap) await page.tap(btn);
  else await page.click(btn);
  await page.waitForSelector(`[data-replay="${block}"] .rp-list`, { timeout: 30000 });
  const out = page.locator(`[data-replay="${block}"] .rp-out`);
  await out.scrollIntoViewIfNeeded();
  return out;
}

export function replayTests() {
  return [
    {
      name: 'replay (desktop): the 1.8 block runs its three commands at 0s, 41s and 2m29s',
      timeoutMs: 60000,
      async run(h) {
        const { ctx, page, requests, errors } = await h.open({ theme: 'light' });
        try {
          await page.goto(h.url('define-pod/'));
          assert(!requests.some(isEngineUrl), 'no replay code or engine before the click');
          const notes = await page.textContent('[data-replay="1.8-a"]');
          assert(!notes.includes('pod/nginx created'), 'panel empty before the click');
          const out = await replay(page, '1.8-a');
          const text = await out.textContent();
          assertIncludes(text, 'pod/nginx created', 'kubectl run output');
          assertIncludes(text, 'nginx   1/1     Running   0          41s', 'get pod at 41s');
          assertIncludes(text, '2m29s   172.17.125.8   k8s-node01', 'get pod -owide at 2m29s');
          assert((await out.locator('.rp-ok').count()) === 3, 'three commands match the notes');
          assert(requests.some(isEngineUrl), 'the engine loaded on click');
          // The notes' own output stays where it was, above the panel.
          const above = await page.evaluate(() => {
            const panel = document.querySelector('[data-replay="1.8-a"]');
            const pre = panel?.previousElementSibling;
            return pre?.textContent ?? '';
          });
          assertIncludes(above, 'nginx   1/1     Running   0          2m29s   172.17.125.8', 'notes output above the panel');
          await out.screenshot({ path: path.join(h.screenshotsDir, 'replay-desktop.png') });
          // A block whose command is the file's own create at t = 0 (a `run` request, not a `command`).
          const created = await (await replay(page, '1.8-c')).textContent();
          assertIncludes(created, 'pod/nginx created', 'the create of pod.yaml');
          assert((await page.locator('[data-replay="1.8-c"] .rp-ok').count()) === 1, 'the create matches the notes');
          assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
        } finally {
          await ctx.close();
        }
      },
    },
    {
      name: 'replay (phone): the 1.17 startup-probe describe at 2m58s, no horizontal page scroll',
      timeoutMs: 60000,
      async run(h) {
        const { ctx, page, errors } = await h.open({ ...PHONE, theme: 'dark' });
        try {
          await page.goto(h.url('probes/'));
          const out = await replay(page, '1.17-a', { tap: true });
          const text = await out.textContent();
          assertIncludes(text, 'Startup probe failed: dial tcp', 'the startup probe event');
          assertIncludes(text, '2m28s (x6 over 2m53s)', 'the notes\' moment');
          assert((await out.locator('.rp-ok').count()) === 1, 'the describe matches the notes');
          assertIncludes(text, '说明：', 'one-line note on what differs');
          assert((await out.locator('.rp-hit').count()) === 1, 'the notes\' event line is marked in the full describe');
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert(width <= 390 + 1, `no horizontal page scroll (scrollWidth ${width})`);
          await page.screenshot({ path: path.join(h.screenshotsDir, 'replay-phone.png') });
          // A second press folds the panel away.
          await page.tap('[data-replay="1.17-a"] .rp-btn');
          // The toggle runs once the (cached) replay module resolves: wait for it, as a reader would.
          await out.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
          assert(await out.isHidden(), 'second press hides the panel');
          assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
        } finally {
          await ctx.close();
        }
      },
    },
  ];
}
