// The JavaScript a page loads up front, read from the built files: its module scripts (external
// and inline) and everything they import statically. Dynamic `import()` is not followed: that is
// code loaded later (the editor, the results UI, the search UI on idle).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Static import specifiers of a (minified) ES module. */
export function staticImports(code) {
  const specs = new Set();
  // `import{a as b}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`, `export*from"./x.js"`.
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) specs.add(m[1]);
  return [...specs];
}

/** Module scripts of an HTML page: external src URLs and inline bodies. */
export function moduleScripts(html) {
  const external = [];
  const inline = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1];
    if (!/type=["']?module/.test(attrs)) continue;
    const src = attrs.match(/\bsrc=["']([^"']+)["']/);
    if (src) external.push(src[1]);
    else inline.push(m[2]);
  }
  return { external, inline };
}

function toFile(url, fromFile, dist, base) {
  if (/^[a-z]+:/i.test(url)) return null;
  if (url.startsWith(base)) return path.join(dist, url.slice(base.length));
  if (url.startsWith('/')) return null;
  return path.resolve(path.dirname(fromFile), url);
}

/** The files (and inline bytes) a page loads before any dynamic import. */
export async function firstLoadScripts(html, dist, base) {
  const { external, inline } = moduleScripts(html);
  const seen = new Set();
  const queue = [];
  const pageFile = path.join(dist, 'index.html');
  for (const src of external) {
    const f = toFile(src, pageFile, dist, base);
    if (f) queue.push(f);
  }
  for (const code of inline) for (const s of staticImports(code)) {
    const f = toFile(s, pageFile, dist, base);
    if (f) queue.push(f);
  }
  while (queue.length) {
    const f = queue.shift();
    if (seen.has(f)) continue;
    seen.add(f);
    const code = await readFile(f, 'utf8');
    for (const s of staticImports(code)) {
      const g = toFile(s, f, dist, base);
      if (g && !seen.has(g)) queue.push(g);
    }
  }
  const inlineText = inline.join('\n');
  return {
    files: [...seen],
    inlineBytes: Buffer.byteLength(inlineText),
    inlineGz: inline.reduce((n, code) => n + gzipSync(code, { level: 9 }).length, 0),
  };
}

/** True for Monaco's code (the editor chunk or its workers). */
export function isMonacoCode(file, code) {
  return /(^|\/)(monaco|editor\.worker|yaml\.worker)[^/]*\.js$/.test(file) || code.includes('monaco-editor') || code.includes('MonacoEnvironment');
}
