/**
 * Service networking put to work in the simulation: ClusterIP/NodePort allocation for the API
 * server, one kube-proxy per node kept in sync with Services and EndpointSlices (watches, with
 * iptables' minSyncPeriod of 1 s), the ServiceRouter and DnsResolver hooks of the pod network,
 * `iptables-save` / `ipvsadm` / `curl 127.0.0.1:10249/proxyMode` on every node, and the
 * Scenario's traffic clients.
 */
import type { EventQueue, Timer } from '../sim/queue';
import type { Prng } from '../sim/prng';
import type { Store } from '../store/store';
import type { K8sObject, VirtualMs } from '../types';
import type { Host } from '../programs/types';
import type { Fabric } from './fabric';
import type { TrafficSpec } from '../api/types';
import type { Trace } from '../trace';
import { KubeProxy, type ProxyMode } from './kube-proxy/kube-proxy';
import { makeServiceRouter } from './kube-proxy/router';
import { iptablesSaveProgram, ipvsadmProgram, proxyModeHandler } from './kube-proxy/programs';
import { CoreDns, dnsResolver } from './dns';
import { NodePortAllocator, type ClusterIpAllocator } from './service-ip';
import { NODES, POD_CIDR, tunnelIp, type ClusterNode } from './cluster';
import { cidrContains, parseCidr } from './ip';

/** iptables mode: at most one sync per second (minSyncPeriod). */
export const IPTABLES_MIN_SYNC_MS = 1000;
/** A sync takes this long to program the rules after the change was seen. */
export const PROXY_SYNC_LATENCY_MS = 50;
export const IPVS_SWEEP_MS = 60_000;

export interface ServiceNetworkDeps {
  queue: EventQueue;
  store: Store;
  network: Fabric;
  clusterIps: ClusterIpAllocator;
  proxyMode: ProxyMode;
  prng: Prng;
  hosts(name: string): Host;
  log(component: string, message: string): void;
}

export class ServiceNetwork {
  private proxies = new Map<string, KubeProxy>();
  private mode: ProxyMode;
  private nodePorts: NodePortAllocator;
  private syncTimer?: Timer;
  private lastSync = Number.NEGATIVE_INFINITY;
  private sweepTimer?: Timer;
  private dns?: CoreDns;
  private routePrng: Prng;

  constructor(private d: ServiceNetworkDeps) {
    this.mode = d.proxyMode;
    this.nodePorts = new NodePortAllocator(d.prng.fork('nodeports'));
    this.routePrng = d.prng.fork('routes');
    this.buildProxies();
    const router = makeServiceRouter(
      (src) => this.proxyForAddress(src),
      this.routePrng,
      () => d.queue.now,
      (dst) => this.proxyOwning(dst),
    );
    d.network.setServiceRouter(router);
    d.network.setDnsResolver(dnsResolver(() => this.coreDns()));
    for (const n of NODES) {
      const host = d.hosts(n.name);
      host.register('iptables-save', iptablesSaveProgram((h) => this.proxies.get(h)));
      host.register('ipvsadm', ipvsadmProgram((h) => this.proxies.get(h)));
      host.serveHttp('127.0.0.1', 10249, proxyModeHandler(() => this.mode));
    }
    d.store.watch('Service', () => this.changed());
    d.store.watch('EndpointSlice', () => this.changed());
    d.store.watch('Pod', () => {
      this.dns = undefined;
    });
    this.changed();
  }

  get proxyMode(): ProxyMode {
    return this.mode;
  }

  /** Switch the proxy mode (the Scenario's proxyMode, before anything runs). */
  setMode(mode: ProxyMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.buildProxies();
    this.syncNow();
  }

  private buildProxies(): void {
    this.proxies.clear();
    for (const n of NODES) {
      this.proxies.set(n.name, new KubeProxy({ mode: this.mode, nodeName: n.name, nodeIPs: [n.ip, tunnelIp(n)], clusterCIDR: POD_CIDR }));
    }
  }

  /** The Service REST storage's allocation: spec.clusterIP(s) and NodePorts. Returns `Reason: message` on failure. */
  allocate(svc: K8sObject): string | undefined {
    const spec = (svc.spec ??= {});
    const r = this.d.clusterIps.forService(spec);
    if (!r.ok) return `Invalid: Service "${svc.metadata.name}" is invalid: spec.clusterIPs: Invalid value: []string{${JSON.stringify(spec.clusterIP ?? '')}}: failed to allocate IP ${spec.clusterIP ?? ''}: ${r.error}`;
    if (r.value) {
      spec.clusterIP = r.value;
      spec.clusterIPs = [r.value];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const p of spec.ports ?? []) {
        const n = p.nodePort ? this.nodePorts.allocate(p.nodePort) : this.nodePorts.allocateNext();
        if (!n.ok) {
          if (r.value && r.value !== 'None') this.d.clusterIps.release(r.value);
          return `Invalid: Service "${svc.metadata.name}" is invalid: spec.ports[0].nodePort: Invalid value: ${p.nodePort ?? 0}: ${n.error}`;
        }
        p.nodePort = n.value;
      }
    }
    return undefined;
  }

  release(svc: K8sObject): void {
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None') this.d.clusterIps.release(ip);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) this.nodePorts.release(p.nodePort);
  }

  private changed(): void {
    this.dns = undefined;
    if (this.syncTimer && !this.syncTimer.cancelled) return;
    const now = this.d.queue.now;
    const earliest = this.mode === 'iptables' ? this.lastSync + IPTABLES_MIN_SYNC_MS : now;
    this.syncTimer = this.d.queue.at(Math.max(now + PROXY_SYNC_LATENCY_MS, earliest), () => {
      this.syncTimer = undefined;
      this.syncNow();
    }, 'kube-proxy sync');
  }

  private syncNow(): void {
    const services = this.d.store.peekList('Service');
    const slices = this.d.store.peekList('EndpointSlice');
    const now = this.d.queue.now;
    let summary = '';
    for (const [name, p] of this.proxies) {
      const r = p.sync(services, slices, now);
      if (name === 'k8s-node01') summary = `${r.servicePorts} service ports, ${r.natRules} nat rules, ${r.filterRules} filter rules`;
    }
    this.lastSync = now;
    this.d.log('kube-proxy', `${this.mode} proxier synced on every node: ${summary}`);
    if (this.mode === 'ipvs' && !this.sweepTimer) {
      this.sweepTimer = this.d.queue.after(IPVS_SWEEP_MS, () => {
        this.sweepTimer = undefined;
        for (const p of this.proxies.values()) p.gracefulSweep(this.d.queue.now);
      }, 'ipvs graceful termination sweep');
    }
  }

  private coreDns(): CoreDns {
    if (!this.dns) {
      this.dns = new CoreDns({
        services: this.d.store.peekList('Service'),
        endpointSlices: this.d.store.peekList('EndpointSlice'),
        pods: this.d.store.peekList('Pod'),
        namespaces: this.d.store.peekList('Namespace').map((n) => n.metadata.name ?? ''),
      });
    }
    return this.dns;
  }

  /** The node an address lives on (node IP, tunnel IP, or a pod IP in the node's Calico block). */
  private nodeOf(ip: string): ClusterNode | undefined {
    for (const n of NODES) {
      if (n.ip === ip || tunnelIp(n) === ip) return n;
      const block = parseCidr(n.block);
      if (block && cidrContains(block, ip)) return n;
    }
    return undefined;
  }

  private proxyForAddress(ip: string): KubeProxy | undefined {
    const n = this.nodeOf(ip);
    return n ? this.proxies.get(n.name) : undefined;
  }

  private proxyOwning(ip: string): KubeProxy | undefined {
    const n = NODES.find((x) => x.ip === ip);
    return n ? this.proxies.get(n.name) : undefined;
  }

  /** The Scenario's traffic clients: GET requests from k8s-master01, counted per backend pod each second. */
  startTraffic(specs: TrafficSpec[], trace: Trace): void {
    specs.forEach((spec, i) => {
      const interval = Math.max(10, Math.round(1000 / Math.max(0.001, spec.rps)));
      const tick = (t: VirtualMs) => {
        if (spec.toMs !== undefined && t > spec.toMs) return;
        this.request(spec.url, (outcome) => {
          const bucketT = Math.floor(this.d.queue.now / 1000) * 1000;
          let b = trace.traffic.find((x) => x.t === bucketT && x.client === i);
          if (!b) {
            b = { t: bucketT, client: i, url: spec.url };
            trace.traffic.push(b);
          }
          // Placeholder split until the client reports its own error texts.
          const ok = !/^(refused|timeout|dns-error|bad-url|http-)/.test(outcome);
          const m = ok ? (b.ok ??= {}) : (b.errors ??= {});
          m[outcome] = (m[outcome] ?? 0) + 1;
        });
        this.d.queue.at(t + interval, () => tick(t + interval), `traffic ${i}`);
      };
      this.d.queue.at(spec.fromMs, () => tick(spec.fromMs), `traffic ${i}`);
    });
  }

  private request(url: string, done: (outcome: string) => void): void {
    const m = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!m) return done('bad-url');
    const scheme = m[1] === 'https' ? 'HTTPS' : 'HTTP';
    const port = Number(m[3] ?? (scheme === 'HTTPS' ? 443 : 80));
    let ip = m[2];
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
      const fqdn = ip.endsWith('.') ? ip : `${ip}.`;
      const a = dnsResolver(() => this.coreDns())(fqdn) ?? dnsResolver(() => this.coreDns())(`${ip}.default.svc.cluster.local.`);
      if (!a || !a.length) return done('dns-error');
      ip = a[0];
    }
    const master = NODES[0];
    const proxy = this.proxies.get(master.name);
    const d = proxy?.route(ip, port, 'TCP', master.ip, () => this.routePrng.nextU32(), this.d.queue.now);
    let target = { ip, port };
    if (d?.kind === 'reject' || d?.kind === 'drop') return done('refused');
    if (d?.kind === 'backend') target = { ip: d.ip, port: d.port };
    const pod = this.d.store.peekList('Pod').find((p) => p.status?.podIP === target.ip && !['Succeeded', 'Failed'].includes(p.status?.phase));
    const path = m[4] ?? '/';
    this.d.network.httpGet(master.name, { scheme, host: target.ip, port: target.port, path, headers: [] }, 5000, 'curl/7.29.0', (o) => {
      if (d?.kind === 'backend') proxy?.closeConnection(d.connId, this.d.queue.now);
      if (!o.ok) done(o.timedOut ? 'timeout' : 'refused');
      else done(o.status >= 200 && o.status < 400 ? (pod?.metadata.name ?? target.ip) : `http-${o.status}`);
    });
  }
}
