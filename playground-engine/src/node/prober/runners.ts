/**
 * One runner per handler type (pkg/kubelet/prober/prober.go runProbe and pkg/probe/{exec,http,
 * tcp,grpc}): each turns a probe into a raw outcome with the output text the kubelet puts
 * into its `Unhealthy` events.
 */
import type { ContainerHandle, HttpRequestSpec, Network } from '../runtime/types';
import type { K8sObject } from '../../types';
import { resolvePort } from '../hooks';

/** probe.Result plus the output string and, when the prober itself failed, an error. */
export type RawOutcome =
  | { result: 'success' | 'warning' | 'failure' | 'unknown'; output: string }
  | { result: 'unknown'; output: string; error: string };

export interface RunnerContext {
  network: Network;
  nodeName: string;
  podIP: string;
  /** kube-probe/<major>.<minor> */
  userAgent: string;
}

const MAX_READ = 10 * 1024;

export function runProbe(
  ctx: RunnerContext,
  probe: K8sObject['spec'],
  container: K8sObject['spec'],
  handle: ContainerHandle,
  done: (o: RawOutcome) => void,
): void {
  const timeoutMs = Number(probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const cmd: string[] = probe.exec.command ?? [];
    handle.exec(cmd, { timeoutMs }, (r) => {
      if (r.startError) {
        done({ result: 'unknown', output: '', error: r.startError });
      } else if (r.timedOut) {
        done({ result: 'failure', output: `command ${goQuote(cmd.join(' '))} timed out` });
      } else {
        const output = (r.stdout + r.stderr).slice(0, MAX_READ);
        done({ result: r.exitCode === 0 ? 'success' : 'failure', output });
      }
    });
    return;
  }
  if (probe.httpGet) {
    const hg = probe.httpGet;
    const port = resolvePort(hg.port, container);
    if (port === undefined) {
      done({ result: 'unknown', output: '', error: `couldn't find port: ${String(hg.port)} in container "${container.name}"` });
      return;
    }
    const host = hg.host || ctx.podIP;
    ctx.network.httpGet(ctx.nodeName, httpRequestOf(hg, host, port), timeoutMs, ctx.userAgent, (o) => {
      if (!o.ok) {
        done({ result: 'failure', output: o.error });
        return;
      }
      const body = o.body.slice(0, MAX_READ);
      if (o.status >= 200 && o.status < 400) {
        if (o.status >= 300) done({ result: 'warning', output: `Probe terminated redirects, Response body: ${body}` });
        else done({ result: 'success', output: body });
      } else {
        done({ result: 'failure', output: `HTTP probe failed with statuscode: ${o.status}` });
      }
    });
    return;
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    if (port === undefined) {
      done({ result: 'unknown', output: '', error: `couldn't find port: ${String(probe.tcpSocket.port)} in container "${container.name}"` });
      return;
    }
    const host = probe.tcpSocket.host || ctx.podIP;
    ctx.network.dialTcp(ctx.nodeName, host, port, timeoutMs, (o) => {
      done(o.ok ? { result: 'success', output: '' } : { result: 'failure', output: o.error });
    });
    return;
  }
  if (probe.grpc) {
    const port = Number(probe.grpc.port);
    const service = probe.grpc.service ?? '';
    ctx.network.grpcHealth(ctx.nodeName, ctx.podIP, port, service, timeoutMs, (o) => {
      if (!o.ok) done({ result: 'failure', output: o.error });
      else if (o.status === 'SERVING') done({ result: 'success', output: 'service healthy' });
      else done({ result: 'failure', output: `service unhealthy (responded with "${o.status}")` });
    });
    return;
  }
  done({ result: 'unknown', output: '', error: 'missing probe handler' });
}

/**
 * The request of an httpGet probe, kept per probe spec (the spec objects are replaced, never
 * changed, when the pod is): every period sends the same one. Only read by the network.
 */
const httpRequests = new WeakMap<object, { host: string; port: number; scheme: unknown; path: unknown; given: unknown; n: number; req: HttpRequestSpec }>();

function httpRequestOf(hg: K8sObject['spec'], host: string, port: number): HttpRequestSpec {
  const known = httpRequests.get(hg);
  if (known && known.host === host && known.port === port && known.scheme === hg.scheme && known.path === hg.path && known.given === hg.httpHeaders && known.n === (hg.httpHeaders?.length ?? 0)) return known.req;
  const headers: Array<[string, string]> = (hg.httpHeaders ?? []).map((h: { name: string; value: string }) => [h.name, h.value]);
  const req: HttpRequestSpec = { scheme: hg.scheme ?? 'HTTP', host, port, path: hg.path ?? '/', headers };
  httpRequests.set(hg, { host, port, scheme: hg.scheme, path: hg.path, given: hg.httpHeaders, n: hg.httpHeaders?.length ?? 0, req });
  return req;
}

/** Go's %q for a plain string. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
