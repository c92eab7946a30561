// Screenshots of built pages at desktop (1280x800) and phone (390x844) sizes, light and dark, for a
// visual check and for docs/screenshot.png. Uses Debian's chromium through playwright-core.
//   node scripts/site-screenshots.mjs [--base /k8s-notes/] [--out test-results/site-screenshots] [--full] page/ …
//   node scripts/site-screenshots.mjs --selector 'figure.flow' lifecycle/   # one element only
//   node scripts/site-screenshots.mjs --readme     # writes docs/screenshot.png (desktop, light, probes/)
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist } from '../tests/e2e/server.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args.splice(i, 1), true) : false;
};
const base = opt('base', process.env.BASE ?? '/k8s-notes/');
const out = opt('out', 'test-results/site-screenshots');
const fullPage = flag('full');
const readme = flag('readme');
const selector = opt('selector', '');
const pages = args.length ? args : ['', 'probes/', 'lifecycle/', 'pod-status/', 'full/'];

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const server = await serveDist('dist', base);
const profile = await mkdtemp(path.join(tmpdir(), 'site-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const shots = readme
    ? [{ page: 'probes/', vp: 'desktop', theme: 'light', file: 'docs/screenshot.png' }]
    : pages.flatMap((page) =>
        Object.keys(VIEWPORTS).flatMap((vp) =>
          ['light', 'dark'].map((theme) => ({
            page, vp, theme,
            file: path.join(out, `${(page || 'home').replace(/[/#]+/g, '_').replace(/_$/, '')}-${vp}-${theme}.png`),
          })),
        ),
      );
  for (const s of shots) {
    const page = await context.newPage();
    await page.setViewportSize(VIEWPORTS[s.vp]);
    await page.emulateMedia({ colorScheme: s.theme });
    await page.addInitScript((theme) => localStorage.setItem('starlight-theme', theme), s.theme);
    await page.goto(server.url(s.page), { waitUntil: 'networkidle' });
    await mkdir(path.dirname(s.file), { recursive: true });
    if (selector) await page.locator(selector).first().screenshot({ path: s.file });
    else await page.screenshot({ path: s.file, fullPage });
    console.log(`wrote ${s.file}`);
    await page.close();
  }
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
