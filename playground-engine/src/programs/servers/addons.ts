/**
 * The servers of the notes' system pods (CoreDNS, metrics-server, the dashboard and its
 * metrics scraper, calico-kube-controllers): each listens on its image's ports and then idles
 * (a paused process costs the simulation nothing per virtual second).
 *
 * These containers started days before t = 0, so their start-up lines are not written when the
 * simulated process starts; `addonStartupLog` gives the lines the program wrote when it really
 * started, and the engine seeds them into the container's log at that time.
 *
 * Log texts: CoreDNS prints the server block, the reload plugin's configuration hash, its
 * version and the Go version/commit (as quoted in coredns issues); metrics-server and the
 * dashboard log through klog / Go's log package.
 */
import type { Program, ProcessContext } from '../types';
import { listenOn, goDefaultSignals, forever, goText } from './kit';
import { unixMs } from '../clock';
import { civil, p2 } from '../tools/common';
import { fakeDigest } from '../images/catalog';

export type AddonKind = 'coredns' | 'metrics-server' | 'dashboard' | 'metrics-scraper' | 'calico-kube-controllers' | 'calico-node';

/** The ports each server listens on (TCP). */
export const ADDON_PORTS: Record<AddonKind, number[]> = {
  coredns: [53, 8080, 8181, 9153],
  'metrics-server': [4443],
  dashboard: [8443],
  'metrics-scraper': [8000],
  'calico-kube-controllers': [],
  // unverified: felix's health port (9099) and BIRD's BGP port (179) are not modelled, as for
  // the seeded calico-node processes on the hosts
  'calico-node': [],
};

export function addonProgram(kind: string): Program {
  return function* addon(ctx: ProcessContext) {
    goDefaultSignals(ctx);
    const k = (kind in ADDON_PORTS ? kind : 'calico-kube-controllers') as AddonKind;
    for (const port of ADDON_PORTS[k]) {
      listenOn(ctx, {
        port,
        // metrics-server (--secure-port=4443) and the dashboard (--auto-generate-certificates) serve HTTPS.
        ...(k === 'metrics-server' || k === 'dashboard' ? { tls: true } : {}),
        http: (req, reply) => {
          // CoreDNS's health (8080 /health) and ready (8181 /ready) plugins answer `OK`.
          if (k === 'coredns' && ((port === 8080 && req.path === '/health') || (port === 8181 && req.path === '/ready'))) reply(goText(ctx, 200, 'OK', 'OK'));
          else if (k === 'metrics-scraper' && req.path === '/') reply(goText(ctx, 200, 'OK', 'URL: / \n')); // wording not verified
          else if (k === 'metrics-server') {
            const path = req.path.split('?')[0];
            // The aggregated API server's health endpoints are open; everything else needs a user.
            if (['/livez', '/readyz', '/healthz'].includes(path)) reply(goText(ctx, 200, 'OK', 'ok'));
            else reply(goText(ctx, 403, 'Forbidden', `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`, 'application/json', [['Audit-Id', ''], ['Cache-Control', 'no-cache, private'], ['X-Content-Type-Options', 'nosniff']]));
          } else if (k === 'dashboard' && req.path === '/') {
            // wording not verified: the dashboard's index page, abridged.
            reply(goText(ctx, 200, 'OK', '<!--\nCopyright 2017 The Kubernetes Authors.\n-->\n<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n  <meta charset="utf-8">\n  <title>Kubernetes Dashboard</title>\n</head>\n<body>\n  <kd-root></kd-root>\n</body>\n</html>\n', 'text/html; charset=utf-8'));
          }
          else reply(goText(ctx, 404, 'Not Found', '404 page not found\n'));
        },
      });
    }
    // its start-up lines, at the times they come after the start
    const t0 = ctx.now();
    for (const l of addonStartupLog(k, t0, { configHash: COREFILE_SHA512 })) {
      if (l.t > ctx.now()) yield { kind: 'sleep', ms: l.t - ctx.now() };
      ctx.write(l.stream, `${l.text}\n`);
    }
    if (k === 'calico-node') {
      // calico/node's CMD start_runit execs runsvdir, which exits 0 at once on SIGTERM (runsvdir(8));
      // its services go with the container.
      let stop = false;
      ctx.onSignal('SIGTERM', () => {
        stop = true;
      });
      while (!stop) yield { kind: 'pause' };
      return 0;
    }
    if (k !== 'coredns') return yield* forever();
    // CoreDNS on SIGTERM: the kubeadm Corefile's `health { lameduck 5s }` keeps it serving 5 s, then it exits 0.
    let term = false;
    ctx.onSignal('SIGTERM', () => {
      term = true;
    });
    while (!term) yield { kind: 'pause' };
    ctx.write('stdout', '[INFO] SIGTERM: Shutting down servers then terminating\n');
    ctx.write('stdout', '[INFO] plugin/health: Going into lameduck mode for 5s\n');
    yield { kind: 'sleep', ms: 5_000 };
    return 0;
  };
}

/** Both CoreDNS replicas load the same Corefile (one ConfigMap): one configuration hash. */
export const COREFILE_SHA512 = fakeDigest('coredns/Corefile') + fakeDigest('coredns/Corefile#2');

/** klog's header: `I1207 10:05:04.123456       1 file.go:123] `. */
function klog(ms: number, severity: 'I' | 'W' | 'E', where: string, msg: string): string {
  const t = civil(unixMs(ms));
  const us = String((ms % 1000 + 1000) % 1000).padStart(3, '0') + '123';
  return `${severity}${p2(t.month)}${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}.${us}       1 ${where}] ${msg}`;
}

/** Go's log package default: `2022/12/07 10:05:04 `. */
function goLog(ms: number, msg: string): string {
  const t = civil(unixMs(ms));
  return `${t.year}/${p2(t.month)}/${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)} ${msg}`;
}

/** What the server wrote (stdout/stderr) when it started at `startedAt`. */
export function addonStartupLog(kind: string, startedAt: number, opts: { configHash?: string } = {}): Array<{ stream: 'stdout' | 'stderr'; text: string; t: number }> {
  const at = (d: number, stream: 'stdout' | 'stderr', text: string) => ({ stream, text, t: startedAt + d });
  switch (kind) {
    case 'coredns':
      // wording not verified: the Go version and commit of the v1.11.1 build.
      return [
        at(5, 'stdout', '.:53'),
        at(5, 'stdout', `[INFO] plugin/reload: Running configuration SHA512 = ${opts.configHash ?? ''}`),
        at(5, 'stdout', 'CoreDNS-1.11.1'),
        at(5, 'stdout', 'linux/amd64, go1.20.7, ae2bbc2'),
      ];
    case 'metrics-server':
      // wording not verified: the source line numbers of the 0.7.1 build.
      return [
        at(310, 'stderr', klog(startedAt + 310, 'I', 'serving.go:374', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)')),
        at(820, 'stderr', klog(startedAt + 820, 'I', 'handler.go:275', 'Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager')),
        at(931, 'stderr', klog(startedAt + 931, 'I', 'secure_serving.go:213', 'Serving securely on [::]:4443')),
      ];
    case 'dashboard':
      // wording not verified
      return [
        at(2, 'stdout', goLog(startedAt + 2, 'Starting overwatch')),
        at(3, 'stdout', goLog(startedAt + 3, 'Using namespace: kubernetes-dashboard')),
        at(4, 'stdout', goLog(startedAt + 4, 'Using in-cluster config to connect to apiserver')),
        at(120, 'stdout', goLog(startedAt + 120, 'Successful initial request to the apiserver, version: v1.30.2')),
        at(130, 'stdout', goLog(startedAt + 130, 'Auto-generating certificates')),
        at(480, 'stdout', goLog(startedAt + 480, 'Successfully created certificates')),
        at(481, 'stdout', goLog(startedAt + 481, 'Serving securely on HTTPS port: 8443')),
      ];
    case 'metrics-scraper':
      // wording not verified
      return [
        at(10, 'stderr', `{"level":"info","msg":"Kubernetes host: https://10.103.0.1:443","time":"${iso(startedAt + 10)}"}`),
        at(12, 'stderr', `{"level":"info","msg":"Namespace(s): []","time":"${iso(startedAt + 12)}"}`),
      ];
    default:
      return [];
  }
}

function iso(ms: number): string {
  const t = civil(unixMs(ms));
  return `${t.year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}Z`;
}
