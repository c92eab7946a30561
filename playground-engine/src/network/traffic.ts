/**
 * The Scenario's traffic clients: `curl -sS -f -m 5 URL` sent from k8s-master01 at a fixed rate,
 * each request a new TCP connection through the cluster network as the kernel would take it:
 * the name resolved by the cluster DNS, the first packet through k8s-master01's kube-proxy rules
 * of that moment (the fabric's ServiceRouter), the pod network, the backend's listening socket.
 * Nothing here decides an outcome: a request fails only when the components made it fail.
 *
 * Results: one bucket per client and second (by the second the request was sent), per-client
 * totals, sample packet paths (the first per client, second and backend), and the first failed
 * requests of each second with their explanation, built from the run's component log.
 *
 * The node's own /etc/resolv.conf names the upstream resolver (a real `curl http://web/` typed on
 * k8s-master01 cannot resolve it); the traffic client is a client configured with the cluster's
 * resolver (kube-dns, search default.svc.cluster.local svc.cluster.local cluster.local).
 */
import type { EventQueue } from '../sim/queue';
import type { TrafficSpec } from '../api/types';
import type { ComponentLog, ExplainStep, PacketPath, Trace, TrafficBucket, TrafficFailure, TrafficSummary } from '../trace';
import type { VirtualMs } from '../types';
import type { HttpOutcome, NetApi } from '../programs/net';
import type { RouteObservation } from './kube-proxy/router';
import { curlFailure, curlHttpErrorMessage, curlResolveMessage } from '../programs/nettools/curl';
import { packetPathOf } from './packet-path';

/** The CentOS 7 hosts' curl. */
export const TRAFFIC_CURL_VERSION = '7.29.0';
/** `-m 5`: the client gives up on a request after 5 s. */
export const TRAFFIC_TIMEOUT_S = 5;
/** Explained failures: at most this many per client and second, and in all. */
export const FAILURES_PER_SECOND = 5;
export const MAX_FAILURES = 300;
/** Sample packet paths kept in all (first per client, second and backend). */
export const MAX_PACKET_PATHS = 3000;

export interface TrafficDeps {
  queue: EventQueue;
  /** The client host's sockets (k8s-master01). */
  net: NetApi;
  clientNode: string;
  /** Cluster DNS: the A records of a name (search list applied), or undefined. */
  resolve(name: string): string[] | undefined;
  /** Route the next connection's decision here (set just before the call, synchronously read). */
  takeRoute(): RouteObservation | undefined;
  beginRoute(): void;
  /** The pod (name, uid, deletion) holding a pod IP now. */
  podAt(ip: string): { name: string; namespace: string; terminating: boolean } | undefined;
  /** Close an ipvs connection when the exchange ends (ActiveConn → InActConn). */
  closed(o: RouteObservation): void;
}

interface Client {
  index: number;
  spec: TrafficSpec;
  scheme: string;
  host: string;
  port: number;
  path: string;
  buckets: Map<VirtualMs, TrafficBucket>;
  summary: TrafficSummary;
  /** Keys `second/backend` of packet paths already sampled in the current second. */
  sampled: Set<string>;
  sampledSecond: VirtualMs;
  failuresIn: Map<VirtualMs, number>;
}

interface RawFailure {
  f: TrafficFailure;
  podIp?: string;
  podPort?: number;
  namespace?: string;
  service?: string;
  lastSync?: VirtualMs;
}

export class TrafficClients {
  private clients: Client[] = [];
  private raw: RawFailure[] = [];

  constructor(private d: TrafficDeps, private trace: Trace) {}

  start(specs: TrafficSpec[]): void {
    this.trace.trafficSummary = [];
    this.trace.trafficFailures = [];
    this.trace.packetPaths = [];
    specs.forEach((spec, index) => {
      const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^#]*)$/.exec(spec.url);
      const scheme = m?.[1] ?? 'http';
      const summary: TrafficSummary = { client: index, url: spec.url, sent: 0, ok: 0, failed: 0 };
      this.trace.trafficSummary!.push(summary);
      const c: Client = {
        index,
        spec,
        scheme,
        host: m?.[2] ?? '',
        port: Number(m?.[3] ?? (scheme === 'https' ? 443 : 80)),
        path: m?.[4] || '/',
        buckets: new Map(),
        summary,
        sampled: new Set(),
        sampledSecond: -1,
        failuresIn: new Map(),
      };
      this.clients.push(c);
      const interval = 1000 / spec.rps;
      let n = 0;
      const tick = () => {
        const t = this.d.queue.now;
        if (spec.toMs !== undefined && t > spec.toMs) return;
        this.send(c);
        n++;
        this.d.queue.at(spec.fromMs + Math.round(n * interval), tick, `traffic ${index}`);
      };
      this.d.queue.at(spec.fromMs, tick, `traffic ${index}`);
    });
  }

  private bucket(c: Client, t: VirtualMs): TrafficBucket {
    const s = Math.floor(t / 1000) * 1000;
    let b = c.buckets.get(s);
    if (!b) {
      b = { t: s, client: c.index, url: c.spec.url };
      c.buckets.set(s, b);
      this.trace.traffic.push(b);
    }
    return b;
  }

  private send(c: Client): void {
    const t = this.d.queue.now;
    const b = this.bucket(c, t);
    c.summary.sent++;
    const fail = (error: string, route?: RouteObservation) => {
      c.summary.failed++;
      const errors = (b.errors ??= {});
      errors[error] = (errors[error] ?? 0) + 1;
      this.noteFailure(c, t, error, route);
    };
    let ip = c.host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
      const a = this.d.resolve(c.host);
      if (!a || !a.length) return fail(`curl: (6) ${curlResolveMessage(TRAFFIC_CURL_VERSION, c.host)}`);
      ip = a[0];
    }
    const hostHeader = c.port === (c.scheme === 'https' ? 443 : 80) ? c.host : `${c.host}:${c.port}`;
    this.d.beginRoute();
    const f = this.d.net.http({
      ip,
      port: c.port,
      path: c.path,
      headers: [['Host', hostHeader], ['User-Agent', `curl/${TRAFFIC_CURL_VERSION}`], ['Accept', '*/*']],
      timeoutMs: TRAFFIC_TIMEOUT_S * 1000,
    });
    const route = this.d.takeRoute();
    if (route) this.sample(c, t, route);
    f.onSettle((o: HttpOutcome) => {
      if (route) this.d.closed(route);
      if (!o.ok) {
        const e = curlFailure(TRAFFIC_CURL_VERSION, o, { host: c.host, port: c.port, maxTime: TRAFFIC_TIMEOUT_S });
        return fail(`curl: (${e.code}) ${e.message}`, route);
      }
      if (c.scheme === 'https') return fail('curl: (35) error:1408F10B:SSL routines:ssl3_get_record:wrong version number', route); // wording not verified for 7.29 (NSS build)
      if (o.response.status >= 400) return fail(`curl: (22) ${curlHttpErrorMessage(TRAFFIC_CURL_VERSION, o.response.status, o.response.reason)}`, route);
      c.summary.ok++;
      const backend = route?.decision.kind === 'backend' ? route.decision.ip : o.peerIp;
      const name = this.d.podAt(backend)?.name ?? backend;
      const ok = (b.ok ??= {});
      ok[name] = (ok[name] ?? 0) + 1;
    });
  }

  private sample(c: Client, t: VirtualMs, route: RouteObservation): void {
    const paths = this.trace.packetPaths!;
    if (paths.length >= MAX_PACKET_PATHS) return;
    const s = Math.floor(t / 1000) * 1000;
    if (c.sampledSecond !== s) {
      c.sampled.clear();
      c.sampledSecond = s;
    }
    const backend = route.decision.kind === 'backend' ? `${route.decision.ip}:${route.decision.port}` : route.decision.kind;
    if (c.sampled.has(backend)) return;
    c.sampled.add(backend);
    paths.push(this.pathOf(route));
  }

  pathOf(route: RouteObservation): PacketPath {
    return packetPathOf(route, (ip) => this.d.podAt(ip)?.name);
  }

  private noteFailure(c: Client, t: VirtualMs, error: string, route?: RouteObservation): void {
    if (this.raw.length >= MAX_FAILURES) return;
    const s = Math.floor(t / 1000) * 1000;
    const n = c.failuresIn.get(s) ?? 0;
    if (n >= FAILURES_PER_SECOND) return;
    c.failuresIn.set(s, n + 1);
    const f: TrafficFailure = { t, client: c.index, url: c.spec.url, error, steps: [] };
    const r: RawFailure = { f };
    if (route) {
      f.path = this.pathOf(route);
      r.lastSync = route.proxy.lastSync;
      r.service = route.decision.servicePort;
      if (route.decision.kind === 'backend') {
        r.podIp = route.decision.ip;
        r.podPort = route.decision.port;
        // The pod as it was when the request was sent (the explanation is built at the end).
        const pod = this.d.podAt(route.decision.ip);
        if (pod) {
          f.pod = pod.name;
          r.namespace = pod.namespace;
          f.cause = pod.terminating ? 'terminating' : 'starting';
        } else f.cause = 'other';
      } else f.cause = 'no-endpoints';
    } else f.cause = 'other';
    this.raw.push(r);
  }

  /** Build the explanations from the component log (idempotent; called whenever a run pauses). */
  explain(): void {
    const log = this.trace.components;
    this.trace.trafficFailures = this.raw.map((r) => ({ ...r.f, steps: explainSteps(r, log, this.d.clientNode) }));
  }
}

const lastBefore = (log: ComponentLog[], t: VirtualMs, p: (c: ComponentLog) => boolean): ComponentLog | undefined => {
  for (let i = log.length - 1; i >= 0; i--) if (log[i].t <= t && p(log[i])) return log[i];
  return undefined;
};
const firstAfter = (log: ComponentLog[], t: VirtualMs, p: (c: ComponentLog) => boolean): ComponentLog | undefined => {
  for (const c of log) if (c.t > t && p(c)) return c;
  return undefined;
};

/** Does an endpoints/EndpointSlice record list `ip` among the ready addresses? */
function listsReady(message: string, ip: string): boolean {
  const m = /ready: \[([^\]]*)\]/.exec(message);
  return !!m && m[1].split(' ').includes(ip);
}

function explainSteps(r: RawFailure, log: ComponentLog[], clientNode: string): ExplainStep[] {
  const f = r.f;
  const steps: ExplainStep[] = [];
  const add = (c: ComponentLog | undefined) => {
    if (c && !steps.some((s) => s.t === c.t && s.component === c.component && s.message === c.message)) steps.push({ t: c.t, component: c.component, message: c.message });
  };
  const pod = f.pod;
  const ip = r.podIp;
  const proxyComponent = `kube-proxy/${clientNode}`;
  const isProxySync = (c: ComponentLog) => c.component === proxyComponent || c.component === 'kube-proxy';
  const isEndpoints = (c: ComponentLog) => c.component === 'kube-controller-manager' && /^endpoint(slice|s) controller: (updated|created)/.test(c.message);
  if (pod && ip) {
    const mentions = (c: ComponentLog) => c.message.includes(pod);
    if (f.cause === 'terminating') {
      add(lastBefore(log, f.t, (c) => c.component === 'kube-apiserver' && c.message.startsWith(`DELETE pods/${pod}:`)));
      const deletedAt = steps[0]?.t ?? 0;
      // The endpoint records from the deletion on: left the ready set (terminating / removed).
      add(firstAfter(log, deletedAt - 1, (c) => isEndpoints(c) && c.message.startsWith('endpointslice') && !listsReady(c.message, ip) && c.t >= deletedAt));
      add(firstAfter(log, deletedAt - 1, (c) => isEndpoints(c) && c.message.startsWith('endpoints') && !listsReady(c.message, ip) && c.t >= deletedAt));
      for (const c of log) {
        if (c.t < deletedAt || c.t > f.t + 5000) continue;
        if (c.component.startsWith('kubelet/') && mentions(c) && /Killing container|preStop|PreStop|sandbox removed/.test(c.message)) add(c);
        if (c.component.startsWith('containerd/') && mentions(c)) add(c);
        if (c.component.startsWith('kernel/') && mentions(c) && c.t <= f.t) add(c);
      }
    } else {
      add(lastBefore(log, f.t, (c) => c.component.startsWith('kubelet/') && c.message.startsWith(`started container ${pod}/`)));
      add(lastBefore(log, f.t, (c) => isEndpoints(c) && c.message.startsWith('endpointslice') && listsReady(c.message, ip)));
      add(lastBefore(log, f.t, (c) => isEndpoints(c) && c.message.startsWith('endpoints') && listsReady(c.message, ip)));
      add(lastBefore(log, f.t, (c) => c.component.startsWith('kernel/') && mentions(c)));
      add(firstAfter(log, f.t, (c) => c.component.startsWith('kernel/') && mentions(c) && c.message.includes('opened')));
    }
  } else if (f.cause === 'no-endpoints') {
    const svc = r.service?.split(':')[0];
    if (svc) add(lastBefore(log, f.t, (c) => isEndpoints(c) && c.message.includes(` ${svc}`)));
  }
  if (r.lastSync !== undefined) add(lastBefore(log, r.lastSync, (c) => isProxySync(c) && c.t === r.lastSync));
  if (r.lastSync !== undefined && f.cause === 'terminating') add(firstAfter(log, f.t, isProxySync));
  const target = f.path?.to ? ` → ${f.path.to}${f.pod ? ` (pod ${f.pod})` : ''}` : '';
  const via = f.path ? ` via ${f.path.mode} on ${f.path.node}: ${f.path.dst}:${f.path.dport}${target}` : '';
  steps.push({ t: f.t, component: 'client', message: `GET ${f.url}${via}: ${f.error}` });
  return steps.sort((a, b) => a.t - b.t);
}
