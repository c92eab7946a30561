// Renders the site's raster images from HTML with Debian's chromium: public/og.png (1200x630, the
// preview a wiki or chat shows for a link) and public/favicon.png (32x32, next to favicon.svg).
//   node scripts/site-images.mjs
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const svg = await readFile('public/favicon.svg', 'utf8');
const font = `'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif`;

const og = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
  body { margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column; justify-content: center;
    padding: 0 96px; box-sizing: border-box; font-family: ${font}; color: #e6e9f2;
    background: linear-gradient(135deg, #17191e 0%, #1f2a44 60%, #326ce5 140%); }
  .logo { width: 120px; height: 120px; margin-bottom: 40px; }
  h1 { margin: 0; font-size: 84px; font-weight: 700; letter-spacing: 2px; color: #fff; }
  p { margin: 28px 0 0; font-size: 36px; line-height: 1.5; color: #c3cbe0; }
  .tag { align-self: flex-start; margin-top: 40px; padding: 8px 22px; border: 2px solid #6d93f0; border-radius: 12px;
    font-size: 28px; color: #c9d7ff; }
</style><body><div class="logo">${svg}</div><h1>Kubernetes 基础笔记</h1>
<p>K8s基础篇-基本概念 · 11 章 · 1.1–1.20</p><span class="tag">每章都能在浏览器里的模拟集群中运行</span></body></html>`;

const icon = `<!doctype html><style>html,body{margin:0;background:transparent}svg{width:32px;height:32px;display:block}</style>${svg}`;

const profile = await mkdtemp(path.join(tmpdir(), 'site-images-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1200, height: 630 });
  await page.setContent(og);
  await page.screenshot({ path: 'public/og.png' });
  await page.setViewportSize({ width: 32, height: 32 });
  await page.setContent(icon);
  await page.screenshot({ path: 'public/favicon.png', omitBackground: true });
  console.log('wrote public/og.png, public/favicon.png');
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
