// The built site as the checks see it: every HTML page of dist/ with its URL under the base, parsed
// into a hast tree, plus helpers to query it. The base is read from the build itself (the path in
// front of `_astro/` in the home page), so the checks work for any BASE.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';

export { select, selectAll };

/** Text content of a node, with all whitespace removed (the checks compare text, not layout). */
export function squash(text) {
  return text.replace(/[\s\u3000]+/g, '');
}

export function textOf(node) {
  return node ? toText(node, { whitespace: 'pre' }) : '';
}

/** Fail clearly when there is no build to check. */
export function requireDist(dist = 'dist') {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html not found: build the site first (npm run build:test).`);
  }
  return dist;
}

/** The base path the build used, e.g. `/k8s-notes/` (overridable with env BASE_CHECK). */
export function detectBase(dist = 'dist') {
  if (process.env.BASE_CHECK) return process.env.BASE_CHECK;
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const m = /(?:href|src)="([^"]*?\/)_astro\//.exec(html);
  if (!m) throw new Error('cannot tell the base path from dist/index.html (no /_astro/ reference)');
  return new URL(m[1], 'http://x').pathname;
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * @typedef {object} Page
 * @property {string} file   path under dist/
 * @property {string} url    URL path under the base, as a reader requests it (`/k8s-notes/probes/`)
 * @property {string} html
 * @property {import('hast').Root} tree
 * @property {Set<string>} ids
 */

/** Load every HTML page of the build. 404.html is given a deep URL: it is served for any path. */
export function loadSite(dist = 'dist') {
  requireDist(dist);
  const base = detectBase(dist);
  const files = walk(dist);
  /** @type {Map<string, Page>} */
  const pages = new Map();
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const rel = path.relative(dist, file).split(path.sep).join('/');
    const url =
      rel === '404.html'
        ? `${base}no/such/page/`
        : base + (rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
    const html = readFileSync(file, 'utf8');
    const tree = fromHtml(html);
    const ids = new Set(selectAll('[id]', tree).map((n) => String(n.properties.id)));
    pages.set(url, { file: rel, url, html, tree, ids });
  }
  return { dist, base, files, pages };
}

/** The page for a base-relative path (`probes/`, `` for home, `full/`). */
export function pageAt(site, rel) {
  const page = site.pages.get(site.base + rel);
  if (!page) throw new Error(`no built page at ${site.base}${rel}`);
  return page;
}

/** Map a URL path under the base to a file in dist/, the way GitHub Pages does. */
export function fileForPath(site, pathname) {
  if (!pathname.startsWith(site.base)) return undefined;
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(site.base.length));
  } catch {
    return undefined;
  }
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`, `${rel}.html`];
  for (const c of candidates) {
    const p = path.join(site.dist, c);
    if (existsSync(p) && statSync(p).isFile()) return c;
  }
  return undefined;
}
