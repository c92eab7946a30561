// Search check: runs the Pagefind index the build wrote (dist/pagefind/) through Pagefind's own
// search code, in Node, with the ranking the site's search box uses. Key Chinese and English terms
// must find the right chapter first, and the full-text page must not be in the index.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chapters } from '../../src/utils/book.mjs';
import { pagefindRanking } from '../../src/utils/search.mjs';
import { requireDist, detectBase } from './lib/dist.mjs';
import { Report } from './lib/report.mjs';

/** term → the chapter it must find first. */
export const EXPECTED = [
  ['探针', 'probes'],
  ['就绪', 'probes'],
  ['存活探针', 'probes'],
  ['就绪探针', 'probes'],
  ['启动探针', 'probes'],
  ['startupProbe', 'probes'],
  ['重启策略', 'policies'],
  ['镜像拉取策略', 'policies'],
  ['kube-proxy', 'node-components'],
  ['iptables', 'node-components'],
  ['ipvs', 'node-components'],
  ['CoreDNS', 'node-components'],
  ['CrashLoopBackOff', 'pod-status'],
  ['ImagePullBackOff', 'pod-status'],
  ['preStop', 'lifecycle'],
  ['选主', 'leader-election'],
];

/** Load dist/pagefind/pagefind.js in Node: its fetches of index files are served from disk. */
async function loadPagefind(dist) {
  const bundle = path.resolve(dist, 'pagefind');
  const previousFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : (input.url ?? String(input));
    if (!url.startsWith('file:')) return previousFetch(input, init);
    const file = fileURLToPath(url.split('?')[0]);
    try {
      const body = await readFile(file);
      const type = file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
      return new Response(body, { status: 200, headers: { 'content-type': type } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
  const pagefind = await import(pathToFileURL(path.join(bundle, 'pagefind.js')).href);
  return { pagefind, restore: () => (globalThis.fetch = previousFetch) };
}

export async function checkSearch(dist = 'dist') {
  const report = new Report('search');
  requireDist(dist);
  const base = detectBase(dist);
  const entry = JSON.parse(await readFile(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8'));
  const languages = Object.keys(entry.languages ?? {});
  report.check(languages.length === 1 && languages[0] === 'zh-cn', `the index should be one zh-cn index, is ${JSON.stringify(languages)}`);
  const pageCount = Object.values(entry.languages ?? {}).reduce((n, l) => n + l.page_count, 0);
  report.check(pageCount === chapters.length, `the index should hold the ${chapters.length} chapters only, holds ${pageCount} pages`);

  const { pagefind, restore } = await loadPagefind(dist);
  try {
    await pagefind.options({ basePath: pathToFileURL(path.resolve(dist, 'pagefind') + path.sep).href, baseUrl: base, ranking: pagefindRanking });
    await pagefind.init();
    const seenUrls = new Set();
    for (const [term, chapter] of EXPECTED) {
      const search = await pagefind.search(term);
      const urls = (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url);
      urls.forEach((u) => seenUrls.add(u));
      const want = `${base}${chapter}/`;
      const rank = urls.indexOf(want) + 1;
      report.check(rank === 1, `“${term}” should find ${want} first; got ${urls.length ? urls.slice(0, 3).join(', ') : 'nothing'}`);
    }
    report.check(![...seenUrls].some((u) => u.startsWith(`${base}full/`)), 'the full-text page turned up in search results');
    for (const u of seenUrls) {
      report.check(chapters.some((c) => u === `${base}${c.slug}/`), `search result ${u} is not a chapter page`);
    }
    report.note(`${EXPECTED.length} terms searched in a ${pageCount}-page zh-cn index (ranking ${JSON.stringify(pagefindRanking)})`);
  } finally {
    await pagefind.destroy?.();
    restore();
  }
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await checkSearch();
  report.print();
  process.exitCode = report.ok ? 0 : 1;
}
