// The browser-test harness: a static server for dist/ under the base path, Debian's chromium,
// one fresh context per test with a guard that fails any request leaving localhost, and a plain
// summary line.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { serveDist } from './server.mjs';

export class AssertionError extends Error {}

export function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}

export function assertIncludes(haystack, needle, what) {
  assert(String(haystack).includes(needle), `${what}: expected to contain ${JSON.stringify(needle)}, got ${JSON.stringify(String(haystack).slice(0, 400))}`);
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

export async function startHarness({ dist, base, screenshots }) {
  const server = await serveDist(dist, base);
  const browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
  const external = [];

  /** A fresh context (empty storage) whose requests must all stay on the local server. */
  async function open(opts = {}) {
    const { theme, ...contextOptions } = opts;
    const ctx = await browser.newContext({ ...DESKTOP, ...contextOptions });
    if (theme) await ctx.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const requests = [];
    const errors = [];
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    ctx.on('request', (r) => requests.push(r.url()));
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('worker', (w) => requests.push(w.url()));
    return { ctx, page, requests, errors };
  }

  async function shot(page, name) {
    await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: false });
  }

  return {
    server,
    url: (p) => server.url(p),
    open,
    shot,
    screenshotsDir: screenshots,
    external,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Run tests in order, each with a timeout; print one line per test and a summary. A browser test
 * that fails is run once more in a fresh context (a shared, loaded machine can starve a frame);
 * one that passes only then is reported by name as flaky in the summary, never silently.
 */
export async function runTests(tests, harness, { only, retries = 1 } = {}) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  const flaky = [];
  const attempt = async (t) => {
    let timer;
    try {
      await Promise.race([
        t.run(harness),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs ?? 60000} ms`)), t.timeoutMs ?? 60000);
        }),
      ]);
      return null;
    } catch (e) {
      return e ?? new Error('failed');
    } finally {
      clearTimeout(timer);
    }
  };
  const trace = (e) => String(e?.stack ?? e).split('\n').slice(0, 4).join('\n       ');
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    let tries = 0;
    for (;;) {
      const started = Date.now();
      const error = await attempt(t);
      if (!error) {
        passed++;
        if (tries > 0) flaky.push(t.name);
        console.log(`  ok   ${t.name} (${Date.now() - started} ms)${tries > 0 ? ' — passed on retry' : ''}`);
        break;
      }
      if (tries < retries) {
        tries++;
        console.log(`  RETRY ${t.name} (${Date.now() - started} ms)\n       ${trace(error)}`);
        continue;
      }
      failed++;
      failures.push(t.name);
      console.log(`  FAIL ${t.name} (${Date.now() - started} ms)\n       ${trace(error)}`);
      break;
    }
  }
  return { passed, failed, failures, flaky };
}
