// A tiny static server for the built site: serves `dist/` under a base path the way GitHub Pages
// serves a project site (`/<repo>/…`), with index.html for directories and 404.html otherwise.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
};

/** Serve `root` under `base` on 127.0.0.1. Resolves to { origin, url(rel), close() }. */
export async function serveDist(root, base = '/') {
  const absRoot = path.resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(base)) return void res.writeHead(404).end('not under base');
    let file;
    try {
      file = path.resolve(absRoot, decodeURIComponent(url.pathname.slice(base.length)));
    } catch {
      return void res.writeHead(400).end();
    }
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      const body = await readFile(path.join(absRoot, '404.html')).catch(() => 'not found');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (rel = '') => `${origin}${base}${rel}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
