// The link checker on a tiny built site: it must pass a correct site and name every kind of break.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkLinks } from '../site/check-links.mjs';
import { loadSite } from '../site/lib/dist.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Write a dist/ with the given files (path → content). */
function fixture(files: Record<string, string>) {
  const dist = mkdtempSync(path.join(tmpdir(), 'site-links-'));
  dirs.push(dist);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
    writeFileSync(path.join(dist, rel), content);
  }
  return dist;
}

const page = (body: string, head = '') =>
  `<!doctype html><html lang="zh-CN"><head><link rel="canonical" href="https://example.github.io/x/">` +
  `<script type="module" src="/x/_astro/app.js"></script>${head}</head><body>${body}</body></html>`;

const good = {
  'index.html': page(
    '<a href="/x/probes/#114-pod-三种探针">探针</a> <a href="probes/">相对链接</a> <a href="#top">顶部</a>' +
      '<h2 id="top">top</h2> <a href="https://kubernetes.io/zh-cn/">外部</a> <img src="/x/og.png">',
    '<meta property="og:image" content="https://example.github.io/x/og.png"><link rel="stylesheet" href="/x/_astro/a.css">',
  ),
  'probes/index.html': page('<h2 id="114-pod-三种探针">1.14</h2><section id="pg-probes-1" data-playground></section>'),
  'full/index.html': page('<a href="/x/probes/#pg=pg-probes-1&v1=abc">运行</a>'),
  '404.html': page('<a href="/x/">首页</a>'),
  '_astro/app.js': '',
  '_astro/a.css': 'body{background:url(../og.png)}',
  'og.png': '',
  'pagefind/pagefind.js': '',
  'pagefind/pagefind-ui.js': '',
  'pagefind/pagefind-entry.json': '{}',
};

describe('checkLinks', () => {
  test('passes a site whose links, anchors and assets all resolve under the base', () => {
    const report = checkLinks(loadSite(fixture(good)));
    expect(report.failures).toEqual([]);
    expect(report.checked).toBeGreaterThan(10);
  });

  test.each([
    ['a missing page', '<a href="/x/nope/">x</a>', /\/x\/nope\/ not found/],
    ['a missing anchor', '<a href="/x/probes/#115-nope">x</a>', /no element with id "115-nope" in probes\/index.html/],
    ['a share link to a playground the page lacks', '<a href="/x/probes/#pg=pg-probes-9&v1=abc">x</a>', /no playground with id "pg-probes-9"/],
    ['a link outside the base', '<a href="/probes/">x</a>', /points outside the base \/x\//],
    ['a missing image', '<img src="/x/missing.png">', /missing.png not found/],
    ['a relative link that misses', '<a href="probe/">x</a>', /probe\/ → \/x\/probe\/ not found/],
    ['a relative link that climbs out of the base', '<a href="../probes/">x</a>', /\.\.\/probes\/ points outside the base/],
    ['a duplicate id', '<p id="top">again</p>', /id "top" appears 2 times/],
  ])('reports %s', (_, extra, message) => {
    const files = { ...good, 'index.html': good['index.html'].replace('</body>', `${extra}</body>`) };
    const report = checkLinks(loadSite(fixture(files)));
    expect(report.failures.join('\n')).toMatch(message);
  });

  test('reports a missing og:image and a font missing from CSS', () => {
    const files = { ...good, 'og.png': undefined as unknown as string };
    delete (files as Record<string, string>)['og.png'];
    const report = checkLinks(loadSite(fixture(files)));
    expect(report.failures.join('\n')).toMatch(/<meta og:image> https:\/\/example.github.io\/x\/og.png/);
    expect(report.failures.join('\n')).toMatch(/a.css: url\(..\/og.png\)/);
  });

  test('resolves the 404 page\'s links from any depth, as GitHub Pages serves it anywhere', () => {
    const files = { ...good, '404.html': page('<a href="probes/">relative</a>') };
    const report = checkLinks(loadSite(fixture(files)));
    expect(report.failures.join('\n')).toMatch(/404.html: <a> probes\/ → \/x\/no\/such\/page\/probes\/ not found/);
  });
});
