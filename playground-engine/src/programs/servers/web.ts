/**
 * HTTP servers of the official and the docs' images: Apache httpd 2.4 (httpd-foreground,
 * files from htdocs, its start-up notices and common log), Tomcat (catalina.sh run, the 404
 * page of an empty webapps), traefik/whoami, hashicorp/http-echo, the Kubernetes docs'
 * serve_hostname, echoserver 1.4/1.10 and the google-samples hello-app.
 *
 * Texts: httpd's AH00558/AH00489/AH00094/AH00492 notices and pages; whoami's app.go and
 * http-echo's main.go/handlers.go (read from stored copies); serve-hostname from agnhost's
 * serve_hostname.go; echoserver's output as public transcripts of 1.4 and 1.10 show it.
 * Tomcat's log lines and 404 page are from memory (wording not verified).
 */
import type { Program, ProcessContext } from '../types';
import type { HttpRequest, HttpResponse } from '../net';
import { httpDate } from '../clock';
import { apacheErrTime, clfTime, execArgs, forever, goDefaultSignals, goLogTime, goText, header, tomcatTime, utf8Length, type Gen } from './kit';

function* sleep(ms: number): Gen<void> {
  yield { kind: 'sleep', ms };
}

function pathOnly(target: string): string {
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}

// ---- Apache httpd ---------------------------------------------------------------------------------

export function httpdForegroundProgram(): Program {
  return function* httpdForeground(ctx) {
    ctx.fs.remove('/usr/local/apache2/logs/httpd.pid');
    return yield* execArgs(ctx, ['httpd', '-DFOREGROUND', ...ctx.argv.slice(1)], ctx.argv[0], 7);
  };
}

const NOT_FOUND = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

function mimeOf(path: string): string {
  if (/\.html?$/.test(path)) return 'text/html';
  if (path.endsWith('.css')) return 'text/css';
  if (path.endsWith('.js')) return 'text/javascript';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.txt')) return 'text/plain';
  return 'text/plain';
}

export function httpdProgram(version: string): Program {
  return function* httpd(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('-v')) {
      ctx.write('stdout', `Server version: Apache/${version} (Unix)\nServer built:   Nov 14 2022 23:17:37\n`);
      return 0;
    }
    const tid = 140_231_415_299_400;
    const ip = ctx.net?.ip ?? '127.0.0.1';
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    const conf = ctx.fs.read('/usr/local/apache2/conf/httpd.conf') ?? '';
    const port = Number(/^Listen\s+(?:[\d.]+:)?(\d+)/m.exec(conf)?.[1] ?? 80);
    const docroot = /^DocumentRoot\s+"?([^"\n]+)"?/m.exec(conf)?.[1] ?? '/usr/local/apache2/htdocs';
    const hasServerName = /^ServerName\s/m.test(conf);
    if (!hasServerName) ctx.write('stderr', fqdn);
    const errLog = (module: string, text: string) => ctx.write('stderr', `[${apacheErrTime(ctx.now())}] [${module}] [pid ${ctx.pid}:tid ${tid}] ${text}\n`);
    const l = ctx.net?.listen({
      port,
      owner: 'httpd',
      http: (req, reply) => reply(serveFile(ctx, req, docroot, version)),
    });
    if (!l || 'error' in l) {
      ctx.write('stderr', `(98)Address in use: AH00072: make_sock: could not bind to address [::]:${port}\n(98)Address in use: AH00072: make_sock: could not bind to address 0.0.0.0:${port}\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n`);
      return 1;
    }
    if (!hasServerName) ctx.write('stderr', fqdn);
    errLog('mpm_event:notice', `AH00489: Apache/${version} (Unix) configured -- resuming normal operations`);
    errLog('core:notice', `AH00094: Command line: 'httpd -D FOREGROUND'`);
    ctx.onSignal('SIGWINCH', () => {
      errLog('mpm_event:notice', 'AH00492: caught SIGWINCH, shutting down gracefully');
      ctx.exit(0);
    });
    ctx.onSignal('SIGTERM', () => {
      errLog('mpm_event:notice', 'AH00491: caught SIGTERM, shutting down');
      ctx.exit(0);
    });
    ctx.onSignal('SIGHUP', () => errLog('mpm_event:notice', 'AH00493: SIGUSR1 received.  Doing graceful restart'));
    return yield* forever();
  };
}

function serveFile(ctx: ProcessContext, req: HttpRequest, docroot: string, version: string): HttpResponse {
  let path = decodeURIComponent(pathOnly(req.path));
  let full = `${docroot}${path}`;
  if (ctx.fs.isDir(full)) {
    if (!path.endsWith('/')) {
      const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="http://${header(req, 'host') ?? req.dstIp}${path}/">here</a>.</p>\n</body></html>\n`;
      return logged(ctx, req, { status: 301, reason: 'Moved Permanently', headers: [['Date', httpDate(ctx.now())], ['Server', `Apache/${version} (Unix)`], ['Location', `http://${header(req, 'host') ?? req.dstIp}${path}/`], ['Content-Length', String(body.length)], ['Content-Type', 'text/html; charset=iso-8859-1']], body });
    }
    path += 'index.html';
    full = `${docroot}${path}`;
  }
  const content = ctx.fs.read(full);
  if (content === undefined) {
    return logged(ctx, req, { status: 404, reason: 'Not Found', headers: [['Date', httpDate(ctx.now())], ['Server', `Apache/${version} (Unix)`], ['Content-Length', String(NOT_FOUND.length)], ['Content-Type', 'text/html; charset=iso-8859-1']], body: NOT_FOUND });
  }
  const st = ctx.fs.stat?.(full);
  const len = utf8Length(content);
  const etag = `"${len.toString(16)}-${Math.max(0, Math.floor((st?.mtime ?? 0) * 1000)).toString(16).slice(-13)}"`;
  return logged(ctx, req, {
    status: 200,
    reason: 'OK',
    headers: [['Date', httpDate(ctx.now())], ['Server', `Apache/${version} (Unix)`], ['Last-Modified', httpDate(st?.mtime ?? 0)], ['ETag', etag], ['Accept-Ranges', 'bytes'], ['Content-Length', String(len)], ['Content-Type', mimeOf(full)]],
    body: req.method === 'HEAD' ? '' : content,
  });
}

function logged(ctx: ProcessContext, req: HttpRequest, res: HttpResponse): HttpResponse {
  const len = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '-';
  ctx.write('stdout', `${req.srcIp} - - [${clfTime(ctx.now())}] "${req.method} ${req.path} ${req.version}" ${res.status} ${req.method === 'HEAD' ? '-' : len}\n`);
  return res;
}

// ---- Tomcat ---------------------------------------------------------------------------------------

export function catalinaProgram(version: string): Program {
  return function* catalina(ctx) {
    const cmd = ctx.argv[1];
    if (cmd === 'version') {
      ctx.write('stdout', `Server version: Apache Tomcat/${version}\nServer number:  ${version}.0\nOS Name:        Linux\nJVM Version:    17.0.5+8\n`);
      return 0;
    }
    if (cmd !== 'run') {
      ctx.write('stderr', 'Usage: catalina.sh ( commands ... )\ncommands:\n  run               Start Catalina in the current window\n  start             Start Catalina in a separate window\n  stop              Stop Catalina, waiting up to 5 seconds for the process to end\n  version           What version of tomcat are you running?\n');
      return 1;
    }
    // wording from memory (Tomcat's JULI one-line format)
    const info = (where: string, text: string) => ctx.write('stdout', `${tomcatTime(ctx.now())} INFO [main] ${where} ${text}\n`);
    info('org.apache.catalina.startup.VersionLoggerListener.log', `Server version name:   Apache Tomcat/${version}`);
    info('org.apache.catalina.startup.VersionLoggerListener.log', `Server number:         ${version}.0`);
    info('org.apache.catalina.startup.VersionLoggerListener.log', 'OS Name:               Linux');
    info('org.apache.catalina.startup.VersionLoggerListener.log', `CATALINA_HOME:         /usr/local/tomcat`);
    yield* sleep(300);
    info('org.apache.coyote.AbstractProtocol.init', 'Initializing ProtocolHandler ["http-nio-8080"]');
    info('org.apache.catalina.startup.Catalina.load', 'Server initialization in [412] milliseconds');
    info('org.apache.catalina.core.StandardService.startInternal', 'Starting service [Catalina]');
    info('org.apache.catalina.core.StandardEngine.startInternal', `Starting Servlet engine: [Apache Tomcat/${version}]`);
    yield* sleep(100);
    const page = `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title><style type="text/css">body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b {color:white;background-color:#525D76;} h1 {font-size:22px;} h2 {font-size:16px;} h3 {font-size:14px;} p {font-size:12px;} a {color:black;} .line {height:1px;background-color:#525D76;border:none;}</style></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p><p><b>Description</b> The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.</p><hr class="line" /><h3>Apache Tomcat/${version}</h3></body></html>`;
    const l = ctx.net?.listen({
      port: 8080,
      owner: 'java',
      http: (_req, reply) => reply({ status: 404, reason: '', headers: [['Content-Type', 'text/html;charset=utf-8'], ['Content-Language', 'en'], ['Content-Length', String(utf8Length(page))], ['Date', httpDate(ctx.now())]], body: page }),
    });
    if (!l || 'error' in l) {
      ctx.write('stdout', `${tomcatTime(ctx.now())} SEVERE [main] org.apache.catalina.core.StandardService.initInternal Failed to initialize connector [Connector[HTTP/1.1-8080]]\n`);
      return 1;
    }
    info('org.apache.coyote.AbstractProtocol.start', 'Starting ProtocolHandler ["http-nio-8080"]');
    info('org.apache.catalina.startup.Catalina.start', 'Server startup in [118] milliseconds');
    const stop = () => {
      info('org.apache.coyote.AbstractProtocol.pause', 'Pausing ProtocolHandler ["http-nio-8080"]');
      info('org.apache.catalina.core.StandardService.stopInternal', 'Stopping service [Catalina]');
      info('org.apache.coyote.AbstractProtocol.stop', 'Stopping ProtocolHandler ["http-nio-8080"]');
      info('org.apache.coyote.AbstractProtocol.destroy', 'Destroying ProtocolHandler ["http-nio-8080"]');
      ctx.exit(143);
    };
    ctx.onSignal('SIGTERM', stop);
    ctx.onSignal('SIGINT', stop);
    return yield* forever();
  };
}

// ---- traefik/whoami ---------------------------------------------------------------------------

/** An IPv6 link-local address from a MAC (EUI-64), as the kernel assigns to eth0. */
function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  if (b.length !== 6 || b.some((x) => Number.isNaN(x))) return 'fe80::1';
  b[0] ^= 2;
  const w = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${w.map((x) => x.toString(16)).join(':')}`;
}

function canonicalKey(k: string): string {
  return k
    .split('-')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

/** Go's Request.Write of the request the server received. */
function goRequestWrite(req: HttpRequest): string {
  const host = header(req, 'host') ?? '';
  const ua = header(req, 'user-agent') ?? 'Go-http-client/1.1';
  const skip = new Set(['Host', 'User-Agent', 'Content-Length', 'Transfer-Encoding', 'Trailer']);
  const rest = req.headers.map(([k, v]) => [canonicalKey(k), v] as const).filter(([k]) => !skip.has(k));
  rest.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${req.method} ${req.path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${ua}\r\n${rest.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

export function whoamiProgram(): Program {
  return function* whoami(ctx) {
    goDefaultSignals(ctx);
    const args = ctx.argv.slice(1);
    const flag = (name: string) => {
      const i = args.findIndex((a) => a === `-${name}` || a === `--${name}` || a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`));
      if (i < 0) return undefined;
      return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
    };
    const port = flag('port') ?? (ctx.env.get('WHOAMI_PORT_NUMBER') || '80');
    const name = flag('name') ?? ctx.env.get('WHOAMI_NAME') ?? '';
    const ok = ctx.net?.listen({
      port: Number(port),
      owner: 'whoami',
      http: (req, reply) => {
        const p = pathOnly(req.path);
        if (p === '/health') return reply(goText(ctx, 200, 'OK', ''));
        let body = name ? `Name: ${name}\n` : '';
        body += `Hostname: ${ctx.hostname}\n`;
        const ifs = ctx.net?.interfaces() ?? [];
        for (const i of ifs) {
          body += `IP: ${i.ip}\n`;
          body += i.name === 'lo' ? 'IP: ::1\n' : `IP: ${linkLocal(i.mac)}\n`;
        }
        body += `RemoteAddr: ${req.srcIp}:${req.srcPort}\n`;
        body += goRequestWrite(req);
        if (/[?&]env=(true|1|t)\b/i.test(req.path)) for (const [k, v] of ctx.env) body += `${k}=${v}\n`;
        reply(goText(ctx, 200, 'OK', body));
      },
    });
    ctx.write('stderr', `${goLogTime(ctx.now())} Starting up on port ${port}\n`);
    if (!ok || 'error' in ok) {
      ctx.write('stderr', `${goLogTime(ctx.now())} listen tcp :${port}: bind: address already in use\n`);
      return 1;
    }
    return yield* forever();
  };
}

// ---- hashicorp/http-echo ------------------------------------------------------------------------

export function httpEchoProgram(version: string): Program {
  return function* httpEcho(ctx) {
    const args = ctx.argv.slice(1);
    let listen = ':5678';
    let text = '';
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const m = /^--?(listen|text|version)(?:=(.*))?$/.exec(args[i]);
      if (!m) {
        if (args[i].startsWith('-')) {
          ctx.write('stderr', `flag provided but not defined: ${args[i].replace(/=.*$/, '')}\nUsage of /http-echo:\n  -listen string\n    \taddress and port to listen (default ":5678")\n  -text string\n    \ttext to put on the webpage\n  -version\n    \tdisplay version information\n`);
          return 2;
        }
        positional.push(args[i]);
        continue;
      }
      if (m[1] === 'version') {
        ctx.write('stderr', `http-echo v${version}\n`);
        return 0;
      }
      const v = m[2] ?? args[++i] ?? '';
      if (m[1] === 'listen') listen = v;
      else text = v;
    }
    if (!text) {
      ctx.write('stderr', 'Missing -text option!\n');
      return 127;
    }
    if (positional.length) {
      ctx.write('stderr', 'Too many arguments!\n');
      return 127;
    }
    const port = Number(listen.split(':').pop());
    const ok = ctx.net?.listen({
      port,
      owner: 'http-echo',
      http: (req, reply) => {
        const p = pathOnly(req.path);
        const extra: Array<[string, string]> = [['X-App-Name', 'http-echo'], ['X-App-Version', version]];
        if (p === '/health') return reply(goText(ctx, 200, 'OK', '{"status":"ok"}\n', 'text/plain; charset=utf-8', extra));
        const body = `${text}\n`;
        ctx.write('stdout', `${goLogTime(ctx.now())} ${header(req, 'host') ?? ''} ${req.srcIp}:${req.srcPort} "${req.method} ${p} ${req.version}" 200 ${utf8Length(body)} "${header(req, 'user-agent') ?? ''}" 29.4µs\n`);
        reply(goText(ctx, 200, 'OK', body, 'text/plain; charset=utf-8', extra));
      },
    });
    ctx.write('stderr', `${goLogTime(ctx.now())} [INFO] server is listening on ${listen}\n`);
    if (!ok || 'error' in ok) {
      ctx.write('stderr', `${goLogTime(ctx.now())} [ERR] server exited with: listen tcp ${listen}: bind: address already in use\n`);
      return 1;
    }
    goDefaultSignals(ctx);
    ctx.onSignal('SIGINT', () => {
      ctx.write('stderr', `${goLogTime(ctx.now())} [INFO] received interrupt, shutting down...\n`);
      ctx.exit(2);
    });
    return yield* forever();
  };
}

// ---- serve_hostname (and agnhost serve-hostname) ------------------------------------------------

export function* serveHostname(ctx: ProcessContext, port: number): Gen {
  const log = (s: string) => ctx.write('stderr', `${goLogTime(ctx.now())} ${s}\n`);
  const ok = ctx.net?.listen({
    port,
    owner: ctx.argv[0]?.split('/').pop(),
    http: (req, reply) => {
      log(`HTTP request from ${req.srcIp}:${req.srcPort}`);
      reply(goText(ctx, 200, 'OK', ctx.hostname));
    },
  });
  if (!ok || 'error' in ok) {
    log(`listen tcp :${port}: bind: address already in use`);
    return 1;
  }
  log(`Serving on port ${port}.`);
  let stopping = false;
  ctx.onSignal('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    log('Shutting down after receiving signal: terminated.');
    log('Awaiting pod deletion.');
  });
  for (;;) {
    const r = (yield { kind: 'pause' }) as { signal?: string } | undefined;
    if (r?.signal === 'SIGTERM' && stopping) {
      yield { kind: 'sleep', ms: 60_000 };
      return 0;
    }
  }
}

export function serveHostnameProgram(): Program {
  return function* serve(ctx) {
    const portArg = ctx.argv.slice(1).find((a) => a.startsWith('--port=') || a.startsWith('-port='));
    return yield* serveHostname(ctx, portArg ? Number(portArg.split('=')[1]) || 9376 : 9376);
  };
}

// ---- echoserver ----------------------------------------------------------------------------------

/** echoserver 1.4 (nginx 1.10 + lua) and 1.10 (nginx 1.13.3 + lua): the request as text, on 8080. */
export function echoserverProgram(version: string): Program {
  const v14 = version === '1.4';
  return function* echoserver(ctx) {
    if ((ctx.argv[0] ?? '').endsWith('run.sh')) return yield* execArgs(ctx, ['nginx', '-g', 'daemon off;'], ctx.argv[0], 4);
    const ok = ctx.net?.listen({
      port: 8080,
      owner: 'nginx',
      http: (req, reply) => {
        const host = (header(req, 'host') ?? req.dstIp).replace(/:\d+$/, '');
        const q = req.path.indexOf('?');
        const path = q < 0 ? req.path : req.path.slice(0, q);
        const query = q < 0 ? '' : req.path.slice(q + 1);
        const headers = req.headers.map(([k, v]) => [k.toLowerCase(), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const body = v14
          ? `CLIENT VALUES:\nclient_address=${req.srcIp}\ncommand=${req.method}\nreal path=${path}\nquery=${query || 'nil'}\nrequest_version=${req.version.slice(5)}\nrequest_uri=http://${host}:8080${req.path}\n\nSERVER VALUES:\nserver_version=nginx: 1.10.0 - lua: 10001\n\nHEADERS RECEIVED:\n${headers.map(([k, v]) => `${k}=${v}\n`).join('')}BODY:\n-no body in request-`
          : `\n\nHostname: ${ctx.hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address=${req.srcIp}\n\tmethod=${req.method}\n\treal path=${path}\n\tquery=${query}\n\trequest_version=${req.version.slice(5)}\n\trequest_scheme=http\n\trequest_uri=http://${host}:8080${req.path}\n\nRequest Headers:\n${headers.map(([k, v]) => `\t${k}=${v}\n`).join('')}\nRequest Body:\n\t-no body in request-\n\n`;
        ctx.write('stdout', `${req.srcIp} - - [${clfTime(ctx.now())}] "${req.method} ${req.path} ${req.version}" 200 ${utf8Length(body)} "-" "${header(req, 'user-agent') ?? '-'}"\n`);
        reply({ status: 200, reason: 'OK', headers: [['Server', v14 ? 'nginx/1.10.0' : 'echoserver'], ['Date', httpDate(ctx.now())], ['Content-Type', 'text/plain'], ['Transfer-Encoding', 'chunked'], ['Connection', 'keep-alive']], body });
      },
    });
    if (!ok || 'error' in ok) {
      ctx.write('stderr', 'nginx: [emerg] bind() to 0.0.0.0:8080 failed (98: Address already in use)\n');
      return 1;
    }
    if (!v14) ctx.net?.listen({ port: 8443, owner: 'nginx' });
    const stop = () => ctx.exit(0);
    ctx.onSignal('SIGQUIT', stop);
    ctx.onSignal('SIGTERM', stop);
    return yield* forever();
  };
}

// ---- google-samples hello-app ----------------------------------------------------------------------

export function helloAppProgram(version: string): Program {
  return function* helloApp(ctx) {
    goDefaultSignals(ctx);
    const port = ctx.env.get('PORT') || '8080';
    ctx.write('stderr', `${goLogTime(ctx.now())} Server listening on port ${port}\n`);
    const ok = ctx.net?.listen({
      port: Number(port),
      owner: 'hello-app',
      http: (req, reply) => {
        ctx.write('stderr', `${goLogTime(ctx.now())} Serving request: ${pathOnly(req.path)}\n`);
        reply(goText(ctx, 200, 'OK', `Hello, world!\nVersion: ${version}\nHostname: ${ctx.hostname}\n`));
      },
    });
    if (!ok || 'error' in ok) {
      ctx.write('stderr', `${goLogTime(ctx.now())} listen tcp :${port}: bind: address already in use\n`);
      return 1;
    }
    return yield* forever();
  };
}
