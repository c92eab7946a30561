/**
 * The small servers of the Kubernetes docs' task pages:
 * - `registry.k8s.io/liveness` (`/server`) and `agnhost liveness`: /healthz answers 200 `ok`
 *   for the first 10 s, then 500 `error: <seconds>` (docs page configure-liveness-readiness-
 *   startup-probes, server.go quoted there); port 8080;
 * - `registry.k8s.io/goproxy:0.1`: an HTTP proxy on 8080 (only the TCP port matters in the
 *   docs' example; a plain request gets goproxy's non-proxy error);
 * - agnhost: `netexec`, `serve-hostname`, `test-webserver`, `pause`, `liveness`.
 */
import type { Program, ProcessContext } from '../types';
import type { HttpResponse } from '../net';
import { httpDate } from '../clock';
import { serveHostname } from './web';

function text(ctx: ProcessContext, status: number, reason: string, body: string, type = 'text/plain; charset=utf-8'): HttpResponse {
  return { status, reason, headers: [['Date', httpDate(ctx.now())], ['Content-Length', String(body.length)], ['Content-Type', type]], body };
}

/**
 * A Go program that does not call signal.Notify: the Go runtime still catches SIGTERM, SIGINT
 * and SIGHUP and re-raises them with the default action; as a container's PID 1 the kernel
 * ignores that, so the runtime falls back to exit(2) (runtime.dieFromSignal). Elsewhere the
 * process dies from the signal (128 + n).
 */
export function goRuntimeSignals(ctx: ProcessContext): void {
  const n = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    ctx.onSignal(sig, () => ctx.exit(ctx.pid === 1 ? 2 : 128 + n[sig]));
  }
}

function* serveForever(ctx: ProcessContext, port: number, handler: (path: string) => HttpResponse): Generator<import('../types').Effect, number, unknown> {
  goRuntimeSignals(ctx);
  const l = ctx.net?.listen({ port, owner: ctx.argv[0], http: (req, reply) => reply(handler(req.path)) });
  if (!l || 'error' in l) {
    ctx.write('stderr', `listen tcp :${port}: bind: address already in use\n`);
    return 1;
  }
  for (;;) yield { kind: 'pause' };
}

function* liveness(ctx: ProcessContext): Generator<import('../types').Effect, number, unknown> {
  const started = ctx.now();
  return yield* serveForever(ctx, 8080, (path) => {
    const secs = (ctx.now() - started) / 1000;
    if (path.startsWith('/healthz')) return secs > 10 ? text(ctx, 500, 'Internal Server Error', `error: ${secs}`) : text(ctx, 200, 'OK', 'ok');
    if (path.startsWith('/started')) return text(ctx, 200, 'OK', `${secs}`);
    return text(ctx, 404, 'Not Found', '404 page not found\n');
  });
}

export function livenessProgram(): Program {
  return liveness;
}

export function goproxyProgram(): Program {
  return function* goproxy(ctx) {
    return yield* serveForever(ctx, 8080, () => text(ctx, 500, 'Internal Server Error', 'This is a proxy server. Does not respond to non-proxy requests.\n'));
  };
}

export function agnhostProgram(version: string): Program {
  return function* agnhost(ctx) {
    const [sub, ...rest] = ctx.argv.slice(1);
    const flag = (name: string, def: string) => rest.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
    switch (sub) {
      case 'liveness':
        return yield* liveness(ctx);
      case 'pause':
        // test/images/agnhost/pause/pause.go: os.Exit(1) on SIGINT, os.Exit(2) on SIGTERM.
        ctx.onSignal('SIGINT', () => ctx.exit(1));
        ctx.onSignal('SIGTERM', () => ctx.exit(2));
        ctx.write('stdout', 'Paused\n');
        for (;;) yield { kind: 'pause' };
      case 'serve-hostname':
        return yield* serveHostname(ctx, Number(flag('port', '9376')) || 9376);
      case 'test-webserver':
        // test/images/agnhost/test-webserver: http.FileServer(http.Dir("/")) on --port (80).
        return yield* serveForever(ctx, Number(flag('port', '80')) || 80, (path) => {
          const p = decodeURIComponent(path.split('?')[0]);
          if (ctx.fs.isDir(p)) {
            const names = (ctx.fs.list(p) ?? []).map((n) => (ctx.fs.isDir(`${p.replace(/\/$/, '')}/${n}`) ? `${n}/` : n));
            return text(ctx, 200, 'OK', `<pre>\n${names.map((n) => `<a href="${n}">${n}</a>\n`).join('')}</pre>\n`, 'text/html; charset=utf-8');
          }
          const body = ctx.fs.read(p);
          return body === undefined ? text(ctx, 404, 'Not Found', '404 page not found\n') : text(ctx, 200, 'OK', body);
        });
      case 'netexec':
        return yield* serveForever(ctx, Number(flag('http-port', '8080')), (path) => {
          if (path.startsWith('/hostname')) return text(ctx, 200, 'OK', ctx.hostname);
          if (path.startsWith('/echo')) return text(ctx, 200, 'OK', decodeURIComponent((/[?&]msg=([^&]*)/.exec(path) ?? [])[1] ?? ''));
          if (path.startsWith('/healthz')) return text(ctx, 200, 'OK', '');
          if (path.startsWith('/clientip')) return text(ctx, 200, 'OK', '');
          return text(ctx, 200, 'OK', `NOW: ${httpDate(ctx.now())}`);
        });
      case undefined:
        ctx.write('stdout', `agnhost ${version}\nUsage:\n  agnhost [command]\n`);
        return 0;
      default:
        ctx.write('stderr', `Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
        return 1;
    }
  };
}
