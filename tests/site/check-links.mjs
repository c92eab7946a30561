// Link check of the built site: every internal link, every #anchor and every asset (scripts, styles,
// images, fonts, favicon, og:image, url() in CSS) of every page resolves inside dist/ under the
// base path. Playground share links (`#pg=<id>&v1=…`) must name a playground of the target page.
// Also: no duplicate ids on a page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileForPath, loadSite, selectAll } from './lib/dist.mjs';
import { Report } from './lib/report.mjs';

const SKIP_SCHEMES = /^(mailto:|tel:|javascript:|data:|blob:|about:)/i;

/** Every URL-bearing attribute of a page: [kind, url, element description]. */
function referencesOf(tree) {
  const refs = [];
  const add = (kind, value, where) => {
    if (value === undefined || value === null || value === '') return;
    refs.push({ kind, url: String(value).trim(), where });
  };
  for (const el of selectAll('a[href], area[href]', tree)) add('link', el.properties.href, `<${el.tagName}>`);
  for (const el of selectAll('link[href]', tree)) {
    const rel = [].concat(el.properties.rel ?? []).join(' ');
    if (/preconnect|dns-prefetch/.test(rel)) continue;
    add(rel === 'canonical' || rel === 'alternate' ? 'link' : 'asset', el.properties.href, `<link rel="${rel}">`);
  }
  for (const el of selectAll('script[src], img[src], source[src], video[src], audio[src], iframe[src], embed[src]', tree)) {
    add('asset', el.properties.src, `<${el.tagName}>`);
  }
  for (const el of selectAll('img[srcset], source[srcset]', tree)) {
    for (const part of String(el.properties.srcSet ?? '').split(',')) add('asset', part.trim().split(/\s+/)[0], `<${el.tagName} srcset>`);
  }
  for (const el of selectAll('use, image', tree)) add('asset', el.properties.href ?? el.properties.xLinkHref, `<${el.tagName}>`);
  for (const el of selectAll('meta[property="og:image"], meta[name="twitter:image"]', tree)) add('asset', el.properties.content, '<meta og:image>');
  for (const el of selectAll('meta[property="og:url"]', tree)) add('link', el.properties.content, '<meta og:url>');
  return refs;
}

/** `pg=<id>&v1=…` → the playground id, or undefined for a plain anchor. */
function playgroundIdOf(fragment) {
  if (!fragment.startsWith('pg=')) return undefined;
  const id = fragment.slice(3).split('&')[0];
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

export function checkLinks(site = loadSite()) {
  const report = new Report('links');
  const origin = 'http://site.invalid';
  // Absolute URLs to the deployed site (og:url, canonical) count as internal.
  const home = site.pages.get(site.base);
  const canonical = home && selectAll('link[rel=canonical]', home.tree)[0]?.properties.href;
  const siteOrigin = canonical ? new URL(String(canonical)).origin : undefined;
  const counts = { link: 0, anchor: 0, asset: 0, external: 0, css: 0 };
  const byFile = new Map([...site.pages.values()].map((p) => [p.file, p]));

  const resolve = (ref, pageUrl) => {
    const u = new URL(ref, origin + pageUrl);
    if (u.origin === origin) return u;
    if (siteOrigin && u.origin === siteOrigin) return new URL(u.pathname + u.search + u.hash, origin);
    return undefined;
  };

  for (const page of site.pages.values()) {
    // Duplicate ids break anchors.
    const seen = new Map();
    for (const el of selectAll('[id]', page.tree)) {
      const id = String(el.properties.id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    for (const [id, n] of seen) report.check(n === 1, `${page.file}: id "${id}" appears ${n} times`);

    for (const ref of referencesOf(page.tree)) {
      if (SKIP_SCHEMES.test(ref.url)) continue;
      // The 404 page is served for any missing path; its own canonical URL is not a real page.
      if (page.file === '404.html' && /canonical|og:url/.test(ref.where)) continue;
      const u = resolve(ref.url, page.url);
      if (!u) {
        counts.external += 1;
        continue;
      }
      counts[ref.kind] += 1;
      let targetFile = u.pathname === page.url ? page.file : undefined;
      if (!targetFile) {
        if (!u.pathname.startsWith(site.base)) {
          report.fail(`${page.file}: ${ref.where} ${ref.url} points outside the base ${site.base}`);
          continue;
        }
        targetFile = fileForPath(site, u.pathname);
      }
      if (!report.check(Boolean(targetFile), `${page.file}: ${ref.where} ${ref.url} → ${u.pathname} not found in dist/`)) continue;
      const fragment = u.hash.slice(1);
      if (!fragment || fragment === '_top') continue;
      const targetPage = byFile.get(targetFile);
      if (!targetPage) {
        report.fail(`${page.file}: ${ref.url} has a #fragment but ${targetFile} is not an HTML page`);
        continue;
      }
      counts.anchor += 1;
      const pg = playgroundIdOf(fragment);
      let id = pg;
      if (id === undefined) {
        try {
          id = decodeURIComponent(fragment);
        } catch {
          id = fragment;
        }
      }
      report.check(
        targetPage.ids.has(id),
        `${page.file}: ${ref.where} ${decodeURI(ref.url).slice(0, 120)} → no ${pg ? 'playground' : 'element'} with id "${id}" in ${targetPage.file}`,
      );
    }
  }

  // url(...) in the built CSS (fonts, images), relative to the CSS file.
  for (const file of site.files.filter((f) => f.endsWith('.css'))) {
    const rel = path.relative(site.dist, file).split(path.sep).join('/');
    const css = readFileSync(file, 'utf8');
    for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      const ref = m[2];
      if (SKIP_SCHEMES.test(ref) || ref.startsWith('#')) continue;
      const u = resolve(ref, site.base + rel);
      if (!u) continue;
      counts.css += 1;
      report.check(Boolean(fileForPath(site, u.pathname)), `${rel}: url(${ref}) → ${u.pathname} not found in dist/`);
    }
  }

  // Files the search box loads from script (not visible as attributes).
  for (const f of ['pagefind/pagefind.js', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-entry.json']) {
    report.check(Boolean(fileForPath(site, site.base + f)), `search bundle file ${f} missing from dist/`);
  }

  report.note(
    `${site.pages.size} pages under ${site.base}: ${counts.link} links, ${counts.anchor} anchors, ${counts.asset} assets, ` +
      `${counts.css} CSS url()s checked; ${counts.external} external links not followed`,
  );
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = checkLinks();
  report.print();
  process.exitCode = report.ok ? 0 : 1;
}
