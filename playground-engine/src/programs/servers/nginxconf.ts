/**
 * nginx configuration: a small reader of nginx.conf and its `include`d files — enough for
 * `worker_processes`, `pid`, `daemon`, and each server's `listen`, `root` and `index` — plus
 * the syntax errors `nginx -t` reports for unbalanced braces or a missing `;`.
 */
import type { FileSystem } from '../types';

export interface ServerConf {
  ports: Array<{ address: string; port: number }>;
  root: string;
  index: string[];
  serverName: string;
}

export interface NginxConf {
  workerProcesses: number | 'auto';
  pidFile: string;
  daemon: boolean;
  servers: ServerConf[];
}

export type ConfResult = { ok: true; conf: NginxConf } | { ok: false; error: string };

interface Tok {
  t: string;
  line: number;
}

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{' || c === '}' || c === ';') {
      out.push({ t: c, line });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        if (text[j] === '\n') line++;
        s += text[j++];
      }
      out.push({ t: s, line });
      i = j + 1;
    } else {
      let s = '';
      while (i < text.length && !/[\s;{}]/.test(text[i])) s += text[i++];
      out.push({ t: s, line });
    }
  }
  return out;
}

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
  file: string;
  line: number;
}

function parse(text: string, file: string): Directive[] | string {
  const toks = tokenize(text);
  let i = 0;
  const block = (depth: number): Directive[] | string => {
    const out: Directive[] = [];
    for (;;) {
      const t = toks[i];
      if (!t) return depth > 0 ? `unexpected end of file, expecting "}" in ${file}:${toks.length ? toks[toks.length - 1].line : 1}` : out;
      if (t.t === '}') {
        if (depth === 0) return `unexpected "}" in ${file}:${t.line}`;
        i++;
        return out;
      }
      if (t.t === '{' || t.t === ';') return `unexpected "${t.t}" in ${file}:${t.line}`;
      const d: Directive = { name: t.t, args: [], file, line: t.line };
      i++;
      for (;;) {
        const a = toks[i];
        if (!a) return `unexpected end of file, expecting ";" or "}" in ${file}:${t.line}`;
        if (a.t === ';') {
          i++;
          break;
        }
        if (a.t === '{') {
          i++;
          const inner = block(depth + 1);
          if (typeof inner === 'string') return inner;
          d.block = inner;
          break;
        }
        if (a.t === '}') return `unexpected "}" in ${file}:${a.line}`;
        d.args.push(a.t);
        i++;
      }
      out.push(d);
    }
  };
  return block(0);
}

function globFiles(fs: FileSystem, pattern: string): string[] {
  if (!pattern.includes('*')) return fs.exists(pattern) ? [pattern] : [];
  const dir = pattern.slice(0, pattern.lastIndexOf('/'));
  const re = new RegExp(`^${pattern.slice(pattern.lastIndexOf('/') + 1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (fs.list(dir) ?? []).filter((n) => re.test(n)).map((n) => `${dir}/${n}`);
}

export function readConf(fs: FileSystem, path: string, globalDirectives: string): ConfResult {
  const conf: NginxConf = { workerProcesses: 1, pidFile: '/var/run/nginx.pid', daemon: true, servers: [] };
  const text = fs.read(path);
  if (text === undefined) return { ok: false, error: `open() "${path}" failed (2: No such file or directory)` };
  let depth = 0;
  const walk = (ds: Directive[], ctx: 'main' | 'http' | 'server' | 'location' | 'other'): string | undefined => {
    for (const d of ds) {
      if (d.name === 'include') {
        if (++depth > 10) return `include depth exceeded in ${d.file}:${d.line}`;
        for (const f of globFiles(fs, d.args[0] ?? '')) {
          const t = fs.read(f) ?? '';
          const inner = parse(t, f);
          if (typeof inner === 'string') return inner;
          const e = walk(inner, ctx);
          if (e) return e;
        }
        depth--;
        continue;
      }
      if (ctx === 'main' && d.name === 'worker_processes') conf.workerProcesses = d.args[0] === 'auto' ? 'auto' : Number(d.args[0]) || 1;
      else if (ctx === 'main' && d.name === 'pid') conf.pidFile = d.args[0] ?? conf.pidFile;
      else if (ctx === 'main' && d.name === 'daemon') conf.daemon = d.args[0] !== 'off';
      else if (d.name === 'http' && d.block) {
        const e = walk(d.block, 'http');
        if (e) return e;
      } else if (d.name === 'server' && d.block && ctx === 'http') {
        const s: ServerConf = { ports: [], root: '/usr/share/nginx/html', index: ['index.html'], serverName: '' };
        for (const x of d.block) {
          if (x.name === 'listen') {
            const a = x.args[0] ?? '80';
            const m = /^(?:\[([^\]]*)\]:|([\d.]+|\*):)?(\d+)$/.exec(a);
            if (!m) return `invalid port in "${a}" of the "listen" directive in ${x.file}:${x.line}`;
            const address = m[1] !== undefined ? '0.0.0.0' : m[2] && m[2] !== '*' ? m[2] : '0.0.0.0';
            const port = Number(m[3]);
            if (!s.ports.some((p) => p.port === port && p.address === address)) s.ports.push({ address, port });
          } else if (x.name === 'server_name') s.serverName = x.args[0] ?? '';
          else if (x.name === 'root') s.root = x.args[0] ?? s.root;
          else if (x.name === 'index') s.index = x.args;
          else if (x.name === 'location' && x.block && x.args[x.args.length - 1] === '/') {
            for (const y of x.block) {
              if (y.name === 'root') s.root = y.args[0] ?? s.root;
              if (y.name === 'index') s.index = y.args;
            }
          }
        }
        if (!s.ports.length) s.ports.push({ address: '0.0.0.0', port: 80 });
        conf.servers.push(s);
      } else if (d.block && d.name === 'events') continue;
      else if (d.name === 'server' && ctx !== 'http') return `"server" directive is not allowed here in ${d.file}:${d.line}`;
    }
    return undefined;
  };
  const top = parse(text, path);
  if (typeof top === 'string') return { ok: false, error: top };
  const e = walk(top, 'main');
  if (e) return { ok: false, error: e };
  if (globalDirectives.trim()) {
    const g = parse(globalDirectives, 'command line');
    if (typeof g === 'string') return { ok: false, error: g.replace(/ in command line:\d+/, ' in command line') };
    const e2 = walk(g, 'main');
    if (e2) return { ok: false, error: e2 };
  }
  return { ok: true, conf };
}

/** nginx.conf of the official image (the directives that matter here; comments left out). */
export const NGINX_CONF = `user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;

    keepalive_timeout  65;

    include /etc/nginx/conf.d/*.conf;
}
`;

/** conf.d/default.conf as the nginx package ships it (comments left out). */
export const DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;
