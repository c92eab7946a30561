/**
 * nginx (1.14–1.25 as the official images ship it): a master process that reads its
 * configuration, listens, and starts `worker_processes` workers; static files from `root`
 * with 200 / 301 / 403 / 404 / 405; the access log in the `main` format on stdout and the
 * error log on stderr (the images link both to /dev/stdout and /dev/stderr).
 *
 * Signals as nginx documents them: TERM/INT fast shutdown, QUIT graceful shutdown (both exit
 * 0), HUP reload, USR1 reopen logs. `nginx -s stop|quit|reload|reopen` signals the master
 * named in the pid file; without `daemon off;` the master forks into the background.
 * Log texts were checked against real container logs quoted in public material (startup
 * notices, `signal 3 (SIGQUIT) received, shutting down`, worker exit lines, the `open()`
 * error line, the 153-byte 404 page).
 */
import type { ChildHandle, ExecError, FileStat, Future, Program, ProcessContext } from '../types';
import type { ExecResult } from '../../node/runtime/types';
import type { HttpRequest, HttpResponse, Listener } from '../net';
import { readConf, type NginxConf, type ServerConf } from './nginxconf';
import { anyOf } from '../futures';
import { defaultBase, nginxBuildInfo, type NginxBase } from './nginx-builds';
import { httpDate, nginxLocalTime, slashLocalTime, tzOf, unixMs } from '../clock';

type Gen<T> = Generator<import('../types').Effect, T, unknown>;

const CRLF = '\r\n';
const SIGNAL_LOG: Record<string, string> = { SIGHUP: 'signal 1 (SIGHUP)', SIGINT: 'signal 2 (SIGINT)', SIGQUIT: 'signal 3 (SIGQUIT)', SIGTERM: 'signal 15 (SIGTERM)', SIGUSR1: 'signal 10 (SIGUSR1)', SIGUSR2: 'signal 12 (SIGUSR2)' };

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed' };

const MIME: Record<string, string> = {
  html: 'text/html', htm: 'text/html', shtml: 'text/html', css: 'text/css', xml: 'text/xml', txt: 'text/plain', js: 'application/javascript', json: 'application/json',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', ico: 'image/x-icon', svg: 'image/svg+xml',
};

interface Build {
  version: string;
  /** `built by gcc …` line (with the trailing space real nginx prints). */
  gcc: string;
  /** `built with OpenSSL …` line of `nginx -V`. */
  openssl: string;
  /** What `nginx -V` prints after `configure arguments:`. */
  configure: string;
  /** 1.14 pages had `<body bgcolor="white">`. */
  oldPages: boolean;
}

/**
 * The build behind a program name: `1.23.2`, `1.23.2-alpine`, or with the image's base and
 * build day as the catalog names them, `1.19.7~buster~2021-02-17` (nginx-builds.ts).
 */
export function nginxBuild(id: string): Build {
  const [version, baseName, day] = id.split('~');
  const alpine = version.includes('alpine');
  const v = version.replace(/-alpine$/, '');
  const [maj, min] = v.split('.').map(Number);
  const base = (baseName as NginxBase | undefined) ?? defaultBase(v, alpine);
  const info = nginxBuildInfo(base, v, day ?? '2022-12-08');
  return { version: v, gcc: info.gcc, openssl: info.openssl, configure: info.configure, oldPages: maj === 1 && min < 17 };
}

/** nginx's built-in error page (ngx_http_special_response.c). */
export function errorPage(status: number, reason: string, b: Build): string {
  const body = b.oldPages ? '<body bgcolor="white">' : '<body>';
  return `<html>${CRLF}<head><title>${status} ${reason}</title></head>${CRLF}${body}${CRLF}<center><h1>${status} ${reason}</h1></center>${CRLF}<hr><center>nginx/${b.version}</center>${CRLF}</body>${CRLF}</html>${CRLF}`;
}

/**
 * The last text of a pure time format, per whole second (a server answering many requests in
 * one second formats its time once; same input, same text).
 */
function perSecond(format: (ms: number, offsetMin: number) => string): (ms: number, offsetMin?: number) => string {
  let sec = Number.NaN;
  let off = Number.NaN;
  let text = '';
  return (ms, offsetMin = 0) => {
    const s = Math.floor(ms / 1000);
    if (s !== sec || offsetMin !== off) {
      text = format(ms, offsetMin);
      sec = s;
      off = offsetMin;
    }
    return text;
  };
}
const dateHeader = perSecond((ms) => httpDate(ms));
const accessLogTime = perSecond(nginxLocalTime);

function hex(n: number): string {
  return Math.max(0, Math.floor(n)).toString(16);
}

interface Shared {
  ctx: ProcessContext;
  build: Build;
  conf: NginxConf;
  conn: number;
  workers: Array<{ pid: number; exit: Future<ExecResult> }>;
  quitting: boolean;
}

function errLog(s: Shared, level: string, pid: number, msg: string): void {
  const tz = tzOf(s.ctx);
  s.ctx.write('stderr', `${slashLocalTime(s.ctx.now(), tz.offsetMin)} [${level}] ${pid}#${pid}: ${msg}\n`);
}

/** Last-Modified of the last file served (the same file answers most requests: probes). */
let lastMtime = Number.NaN;
let lastMtimeText = '';
function lastModified(mtime: number): string {
  if (mtime !== lastMtime) {
    lastMtimeText = httpDate(mtime);
    lastMtime = mtime;
  }
  return lastMtimeText;
}

/** The error log's context. */
function where(server: ServerConf, req: HttpRequest, requestLine: string, hostH: string): string {
  return `client: ${req.srcIp}, server: ${server.serverName}, request: "${requestLine}"${hostH ? `, host: "${hostH}"` : ''}`;
}

/** The first two headers of every answer. */
function baseHeaders(s: Shared): Array<[string, string]> {
  return [['Server', `nginx/${s.build.version}`], ['Date', dateHeader(s.ctx.now())]];
}

function page(s: Shared, status: number): HttpResponse {
  const reason = REASONS[status];
  const body = errorPage(status, reason, s.build);
  return { status, reason, headers: [...baseHeaders(s), ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body };
}

/**
 * The last 200 answer built from a file (a pure function of these inputs): the probes of every
 * pod ask for the same index.html again and again, within the same second of the Date header.
 * Answers are never changed once built (HEAD answers get a copy), so the same object is reused.
 */
let lastFile: { version: string; path: string; body: string; mtime: number; date: string; res: HttpResponse } | undefined;

function file(s: Shared, path: string, known?: FileStat): HttpResponse {
  const fs = s.ctx.fs;
  const body = fs.read(path) ?? '';
  const st = known ?? fs.stat?.(path);
  const mtime = st?.mtime ?? 0;
  const date = dateHeader(s.ctx.now());
  const version = s.build.version;
  const last = lastFile;
  if (last && last.body === body && last.mtime === mtime && last.path === path && last.version === version) {
    if (last.date === date) return last.res;
    // The same file in a later second: only the Date header differs (the other texts are kept).
    const headers = last.res.headers.slice();
    headers[1] = ['Date', date];
    const res: HttpResponse = { status: 200, reason: 'OK', headers, body };
    lastFile = { version, path, body, mtime, date, res };
    return res;
  }
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const unixSecs = Math.floor(unixMs(mtime) / 1000);
  const res: HttpResponse = {
    status: 200,
    reason: 'OK',
    headers: [
      ['Server', `nginx/${version}`],
      ['Date', date],
      ['Content-Type', MIME[ext] ?? 'application/octet-stream'],
      ['Content-Length', String(body.length)],
      ['Last-Modified', lastModified(mtime)],
      ['Connection', 'keep-alive'],
      ['ETag', `"${hex(unixSecs)}-${hex(body.length)}"`],
      ['Accept-Ranges', 'bytes'],
    ],
    body,
  };
  lastFile = { version, path, body, mtime, date, res };
  return res;
}

/** Lower-case names of the usual header spellings (no new string per header per request). */
const HEADER_LOWER = new Map(['Host', 'User-Agent', 'Accept', 'Connection', 'Referer', 'X-Forwarded-For'].map((k) => [k, k.toLowerCase()]));

/**
 * The index file candidates of a directory URI, kept per server for the last URI asked (a
 * probe asks for the same one every period): the same path strings, so no new key per look-up.
 */
const lastIndex = new WeakMap<ServerConf, { root: string; uri: string; index: string[]; dir: string; files: string[] }>();

function indexPaths(server: ServerConf, root: string, uri: string): { dir: string; files: string[] } {
  const last = lastIndex.get(server);
  if (last && last.root === root && last.uri === uri && last.index === server.index && sameList(last.files, server.index, last.dir)) return last;
  const dir = root + uri;
  const e = { root, uri, index: server.index, dir, files: server.index.map((f) => dir + f) };
  lastIndex.set(server, e);
  return e;
}

/** Whether `files` are still `dir` + each name of `index` (the array could change in place). */
function sameList(files: string[], index: string[], dir: string): boolean {
  if (files.length !== index.length) return false;
  for (let i = 0; i < index.length; i++) if (files[i].length !== dir.length + index[i].length || !files[i].endsWith(index[i])) return false;
  return true;
}

/** `GET / HTTP/1.1`: the last one is kept (the same request comes every probe period), with whether it holds a newline. */
let lastRequest: { method: string; path: string; version: string; line: string; nl: boolean } | undefined;

function requestLineOf(req: HttpRequest): string {
  const l = lastRequest;
  if (l && l.path === req.path && l.method === req.method && l.version === req.version) return l.line;
  const line = `${req.method} ${req.path} ${req.version}`;
  lastRequest = { method: req.method, path: req.path, version: req.version, line, nl: line.includes('\n') };
  return line;
}

/** The access log line up to the request line: `ADDR - - [TIME] "`, kept for the last address and second. */
const lastHead = { srcIp: '', time: '', text: '' };

function accessHead(srcIp: string, time: string): string {
  if (lastHead.srcIp !== srcIp || lastHead.time !== time || !lastHead.text) {
    lastHead.srcIp = srcIp;
    lastHead.time = time;
    lastHead.text = `${srcIp} - - [${time}] "`;
  }
  return lastHead.text;
}

/** The access log line after the request line: `" STATUS BYTES "REFERER" "UA" "XFF"` (no line end), the last one kept. */
let lastTail: { status: number; sent: number; referer: string; ua: string; xff: string; text: string; nl: boolean } | undefined;

function accessTail(status: number, sent: number, referer: string, ua: string, xff: string): string {
  const l = lastTail;
  if (l && l.status === status && l.sent === sent && l.ua === ua && l.referer === referer && l.xff === xff) return l.text;
  const text = `" ${status} ${sent} "${referer}" "${ua}" "${xff}"`;
  lastTail = { status, sent, referer, ua, xff, text, nl: text.includes('\n') };
  return text;
}

/** Serve one request from the filesystem, log it, and answer (no closures: every probe comes here). */
function serve(s: Shared, server: ServerConf, req: HttpRequest): HttpResponse {
  const ctx = s.ctx;
  const conn = ++s.conn;
  const worker = s.workers[0]?.pid ?? ctx.pid;
  // The first of each header (one pass: every probe and request comes through here).
  let hostH: string | undefined;
  let ua: string | undefined;
  let referer: string | undefined;
  let xff: string | undefined;
  for (let i = 0; i < req.headers.length; i++) {
    const h = req.headers[i];
    const lk = HEADER_LOWER.get(h[0]) ?? h[0].toLowerCase();
    if (lk === 'host') hostH ??= h[1];
    else if (lk === 'user-agent') ua ??= h[1];
    else if (lk === 'referer') referer ??= h[1];
    else if (lk === 'x-forwarded-for') xff ??= h[1];
  }
  hostH ??= '';
  const requestLine = requestLineOf(req);
  let res: HttpResponse;
  const query = req.path.indexOf('?');
  let uri = query >= 0 ? req.path.slice(0, query) : req.path;
  if (uri.includes('%')) {
    try {
      uri = decodeURIComponent(uri);
    } catch {
      // keep it raw
    }
  }
  const root = server.root.endsWith('/') ? server.root.slice(0, -1) : server.root;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res = page(s, 405);
  } else if (uri.endsWith('/')) {
    const paths = indexPaths(server, root, uri);
    const dir = paths.dir;
    let index: string | undefined;
    let indexStat: FileStat | undefined;
    for (let i = 0; i < server.index.length && index === undefined; i++) {
      const p = paths.files[i];
      // One look-up (stat follows symlinks as exists/isDir do) where the file system has stat.
      if (ctx.fs.stat) {
        const st = ctx.fs.stat(p);
        if (st && st.type !== 'dir') (index = p), (indexStat = st);
      } else if (ctx.fs.exists(p) && !ctx.fs.isDir(p)) index = p;
    }
    if (index) res = file(s, index, indexStat);
    else if (ctx.fs.isDir(dir)) {
      errLog(s, 'error', worker, `*${conn} directory index of "${dir}" is forbidden, ${where(server, req, requestLine, hostH)}`);
      res = page(s, 403);
    } else {
      errLog(s, 'error', worker, `*${conn} "${dir}${server.index[0] ?? 'index.html'}" is not found (2: No such file or directory), ${where(server, req, requestLine, hostH)}`);
      res = page(s, 404);
    }
  } else {
    const path = root + uri;
    if (ctx.fs.isDir(path)) {
      res = page(s, 301);
      res.headers.splice(4, 0, ['Location', `http://${hostH || req.dstIp}${uri}/`]);
    } else if (ctx.fs.exists(path)) res = file(s, path);
    else {
      errLog(s, 'error', worker, `*${conn} open() "${path}" failed (2: No such file or directory), ${where(server, req, requestLine, hostH)}`);
      res = page(s, 404);
    }
  }
  const sent = req.method === 'HEAD' ? 0 : res.body.length;
  // tzOf(ctx).offsetMin without the object (one access log line per request).
  const offsetMin = ctx.sys?.os?.tzOffsetMin ?? 0;
  // `${srcIp} - - [${time}] "${requestLine}" ${status} ${sent} "${referer}" "${ua}" "${xff}"\n`,
  // from a head and a tail that repeat from request to request (one string built, not a dozen).
  // One line: the container log takes it as it is (the pieces were looked at for line ends once, when made).
  const line = accessHead(req.srcIp, accessLogTime(ctx.now(), offsetMin)) + requestLine + accessTail(res.status, sent, referer ?? '-', ua ?? '-', xff ?? '-');
  if (ctx.writeLine && !lastRequest?.nl && !lastTail?.nl && !req.srcIp.includes('\n')) ctx.writeLine('stdout', line);
  else ctx.write('stdout', `${line}\n`);
  if (req.method === 'HEAD') res = { ...res, body: '' };
  return res;
}

function workerCount(conf: NginxConf, ctx: ProcessContext): number {
  return conf.workerProcesses === 'auto' ? ctx.sys?.os.cpus ?? 2 : conf.workerProcesses;
}

function* worker(ctx: ProcessContext): Gen<number> {
  ctx.sys?.setTitle('nginx: worker process');
  ctx.sys?.setUid?.(101);
  let graceful = false;
  ctx.onSignal('SIGQUIT', () => {
    graceful = true;
  });
  ctx.onSignal('SIGTERM', () => undefined);
  ctx.onSignal('SIGINT', () => undefined);
  const mpid = Number(ctx.env.get('__NGINX_MASTER') ?? 0);
  const log = (msg: string) => {
    const tz = tzOf(ctx);
    ctx.write('stderr', `${slashLocalTime(ctx.now(), tz.offsetMin)} [notice] ${ctx.pid}#${ctx.pid}: ${msg}\n`);
  };
  void mpid;
  for (;;) {
    yield { kind: 'pause' };
    if (graceful) log('gracefully shutting down');
    log('exiting');
    log('exit');
    return 0;
  }
}

function* startWorkers(s: Shared, n: number): Gen<void> {
  const ctx = s.ctx;
  for (let i = 0; i < n; i++) {
    const env = new Map(ctx.env);
    env.set('__NGINX_MASTER', String(ctx.pid));
    const h = ctx.sys?.start(['nginx'], { env, stdout: 'stdout', stderr: 'stderr' });
    if (h && 'pid' in h) {
      s.workers.push(h as ChildHandle);
      errLog(s, 'notice', ctx.pid, `start worker process ${h.pid}`);
    }
  }
}

export function nginxProgram(version: string): Program {
  const build = nginxBuild(version);
  return function* nginx(ctx) {
    if (ctx.env.get('__NGINX_MASTER') && ctx.argv.length === 1) return yield* worker(ctx);
    const args = ctx.argv.slice(1);
    let globals = '';
    let signal: string | undefined;
    let test = false;
    let confPath = '/etc/nginx/nginx.conf';
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-g') globals = args[++i] ?? '';
      else if (a === '-s') signal = args[++i];
      else if (a === '-t' || a === '-T') test = true;
      else if (a === '-c') confPath = args[++i] ?? confPath;
      else if (a === '-v' || a === '-V') {
        ctx.write('stderr', `nginx version: nginx/${build.version}\n`);
        // ngx_show_version_info: the compiler line keeps gcc's trailing space.
        if (a === '-V') ctx.write('stderr', `${build.gcc}\n${build.openssl}\nTLS SNI support enabled\nconfigure arguments: ${build.configure}\n`);
        return 0;
      } else if (a === '-q' || a === '-p' || a === '-e') {
        if (a !== '-q') i++;
      } else {
        ctx.write('stderr', `nginx: invalid option: "${a.replace(/^-/, '')}"\n`);
        return 1;
      }
    }
    const r = readConf(ctx.fs, confPath, globals);
    if (!r.ok) {
      ctx.write('stderr', `nginx: [emerg] ${r.error}\n`);
      if (test) ctx.write('stderr', `nginx: configuration file ${confPath} test failed\n`);
      return 1;
    }
    const conf = r.conf;
    if (test) {
      ctx.write('stderr', `nginx: the configuration file ${confPath} syntax is ok\nnginx: configuration file ${confPath} test is successful\n`);
      return 0;
    }
    if (signal) {
      const sig = { stop: 'SIGTERM', quit: 'SIGQUIT', reload: 'SIGHUP', reopen: 'SIGUSR1' }[signal] as import('../../node/runtime/types').Signal | undefined;
      if (!sig) {
        ctx.write('stderr', `nginx: invalid option: "-s ${signal}"\n`);
        return 1;
      }
      const tz = tzOf(ctx);
      ctx.write('stderr', `${slashLocalTime(ctx.now(), tz.offsetMin)} [notice] ${ctx.pid}#${ctx.pid}: signal process started\n`);
      const pidText = ctx.fs.read(conf.pidFile);
      if (pidText === undefined) {
        ctx.write('stderr', `${slashLocalTime(ctx.now(), tz.offsetMin)} [error] ${ctx.pid}#${ctx.pid}: open() "${conf.pidFile}" failed (2: No such file or directory)\nnginx: [error] open() "${conf.pidFile}" failed (2: No such file or directory)\n`);
        return 1;
      }
      const pid = Number(pidText.trim());
      if (ctx.sys?.kill(pid, sig) !== 'ok') {
        ctx.write('stderr', `${slashLocalTime(ctx.now(), tz.offsetMin)} [alert] ${ctx.pid}#${ctx.pid}: kill(${pid}, ${sig === 'SIGTERM' ? 15 : sig === 'SIGQUIT' ? 3 : sig === 'SIGHUP' ? 1 : 10}) failed (3: No such process)\nnginx: [alert] kill(${pid}, ${sig === 'SIGTERM' ? 15 : sig === 'SIGQUIT' ? 3 : sig === 'SIGHUP' ? 1 : 10}) failed (3: No such process)\n`);
        return 1;
      }
      return 0;
    }
    if (conf.daemon && !ctx.env.get('__NGINX_DAEMON')) {
      // nginx binds its sockets before it daemonises, so a busy port is reported here.
      for (let attempt = 0; ; attempt++) {
        const busy = probeBind(ctx, conf);
        if (!busy) break;
        ctx.write('stderr', `nginx: [emerg] ${busy}\n`);
        if (attempt === 4) {
          ctx.write('stderr', 'nginx: [emerg] still could not bind()\n');
          return 1;
        }
        yield { kind: 'sleep', ms: 500 };
      }
      // Daemonise: the parent returns at once, the child carries on as the master.
      const env = new Map(ctx.env);
      env.set('__NGINX_DAEMON', '1');
      const h = ctx.sys?.start(['nginx', ...args], { env, stdout: 'stdout', stderr: 'stderr' });
      if (!h || !('pid' in h)) return 1;
      return 0;
    }
    return yield* master(ctx, build, conf, confPath, globals);
  };
}

/** Try every listen address of the configuration and release it again; the error of the first busy one. */
function probeBind(ctx: ProcessContext, conf: NginxConf): string | undefined {
  const held: Listener[] = [];
  try {
    for (const srv of conf.servers) {
      for (const p of srv.ports) {
        if (held.some((l) => l.port === p.port)) continue;
        const l = ctx.net?.listen({ port: p.port, address: p.address });
        if (!l) return undefined;
        if ('error' in l) return `bind() to ${p.address}:${p.port} failed (${l.error === 'EADDRINUSE' ? '98: Address already in use' : '99: Cannot assign requested address'})`;
        held.push(l);
      }
    }
    return undefined;
  } finally {
    for (const l of held) l.close();
  }
}

function* master(ctx: ProcessContext, build: Build, conf: NginxConf, confPath: string, globals: string): Gen<number> {
  const s: Shared = { ctx, build, conf, conn: 0, workers: [], quitting: false };
  const pid = ctx.pid;
  // Bind every listen address first (nginx retries a busy port 5 times, 500 ms apart).
  const listeners: Listener[] = [];
  const bind = (c: NginxConf): string | undefined => {
    for (const srv of c.servers) {
      for (const p of srv.ports) {
        if (listeners.some((l) => l.port === p.port)) continue;
        const l = ctx.net?.listen({ port: p.port, address: p.address, owner: 'nginx', http: (req, reply) => reply(serve(s, srv, req)) });
        if (!l) return undefined;
        if ('error' in l) return `bind() to ${p.address}:${p.port} failed (${l.error === 'EADDRINUSE' ? '98: Address already in use' : '99: Cannot assign requested address'})`;
        listeners.push(l);
      }
    }
    return undefined;
  };
  for (let attempt = 0; ; attempt++) {
    const e = bind(conf);
    if (!e) break;
    ctx.write('stderr', `nginx: [emerg] ${e}\n`);
    if (attempt === 4) {
      ctx.write('stderr', 'nginx: [emerg] still could not bind()\n');
      for (const l of listeners) l.close();
      return 1;
    }
    yield { kind: 'sleep', ms: 500 };
  }
  const os = ctx.sys?.os;
  errLog(s, 'notice', pid, 'using the "epoll" event method');
  errLog(s, 'notice', pid, `nginx/${build.version}`);
  errLog(s, 'notice', pid, build.gcc);
  errLog(s, 'notice', pid, `OS: Linux ${os?.kernel ?? '4.19.12-1.el7.elrepo.x86_64'}`);
  errLog(s, 'notice', pid, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  ctx.fs.write(conf.pidFile, `${pid}\n`);
  ctx.sys?.setTitle(`nginx: master process ${ctx.argv.join(' ')}`);
  errLog(s, 'notice', pid, 'start worker processes');
  yield* startWorkers(s, workerCount(conf, ctx));

  let pending: { sig: string; from: number } | undefined;
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1'] as const) {
    ctx.onSignal(sig, (info) => {
      pending = { sig, from: info?.fromPid ?? 0 };
    });
  }
  const reap = function* (w: { pid: number; exit: Future<ExecResult> }): Gen<void> {
    const r = (yield { kind: 'await', future: w.exit }) as ExecResult | { signal: string };
    if (r && 'exitCode' in r) {
      errLog(s, 'notice', pid, `signal 17 (SIGCHLD) received from ${w.pid}`);
      errLog(s, 'notice', pid, r.signal ? `worker process ${w.pid} exited on signal ${r.exitCode - 128}` : `worker process ${w.pid} exited with code ${r.exitCode}`);
    }
  };
  for (;;) {
    const v = s.workers.length
      ? ((yield { kind: 'await', future: anyOf(s.workers.map((w) => w.exit)) }) as { index: number; value: ExecResult } | { signal: string })
      : ((yield { kind: 'pause' }) as { signal: string });
    if (v && 'index' in v) {
      // A worker died on its own (kill -9 of a worker): log it and start a new one.
      const w = s.workers.splice(v.index, 1)[0];
      errLog(s, 'notice', pid, `signal 17 (SIGCHLD) received from ${w.pid}`);
      errLog(s, 'alert', pid, v.value.signal ? `worker process ${w.pid} exited on signal ${v.value.exitCode - 128}` : `worker process ${w.pid} exited with code ${v.value.exitCode}`);
      if (!s.quitting) yield* startWorkers(s, 1);
      continue;
    }
    const p = pending;
    pending = undefined;
    if (!p) continue;
    const from = p.from ? ` received from ${p.from}` : ' received';
    if (p.sig === 'SIGHUP') {
      errLog(s, 'notice', pid, `${SIGNAL_LOG[p.sig]}${from}, reconfiguring`);
      errLog(s, 'notice', pid, 'reconfiguring');
      const nr = readConf(ctx.fs, confPath, globals);
      if (!nr.ok) {
        errLog(s, 'emerg', pid, nr.error);
        continue;
      }
      for (const l of listeners.splice(0)) l.close();
      s.conf = nr.conf;
      const e = bind(nr.conf);
      if (e) errLog(s, 'emerg', pid, e);
      errLog(s, 'notice', pid, 'using the "epoll" event method');
      errLog(s, 'notice', pid, 'start worker processes');
      const old = s.workers.splice(0);
      yield* startWorkers(s, workerCount(nr.conf, ctx));
      for (const w of old) ctx.sys?.kill(w.pid, 'SIGQUIT');
      for (const w of old) yield* reap(w);
      continue;
    }
    if (p.sig === 'SIGUSR1') {
      errLog(s, 'notice', pid, `${SIGNAL_LOG[p.sig]}${from}, reopening logs`);
      errLog(s, 'notice', pid, 'reopening logs');
      continue;
    }
    // TERM/INT: fast shutdown; QUIT: graceful shutdown (in-flight requests are answered at once here).
    s.quitting = true;
    const graceful = p.sig === 'SIGQUIT';
    errLog(s, 'notice', pid, `${SIGNAL_LOG[p.sig]}${from}, ${graceful ? 'shutting down' : 'exiting'}`);
    for (const l of listeners.splice(0)) l.close();
    const ws = s.workers.splice(0);
    for (const w of ws) ctx.sys?.kill(w.pid, graceful ? 'SIGQUIT' : 'SIGTERM');
    for (const w of ws) yield* reap(w);
    errLog(s, 'notice', pid, 'exit');
    ctx.fs.remove(conf.pidFile);
    return 0;
  }
}

export type { ExecError };
