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
import type { RouteObservation } from './kube-proxy/router';
import type { NamespaceSpec } from './fabric';
import type { PacketPath } from '../trace';
import { packetPathOf } from './packet-path';
import { TrafficClients } from './traffic';

const MASTER = 'k8s-master01';

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
  private podIndex?: Map<string, { name: string; namespace: string; terminating: boolean }>;
  private lastPodAt = new Map<string, { name: string; namespace: string; terminating: boolean }>();
  /** Set while a traffic client opens a connection: the router's decision lands here. */
  private routing?: { route?: RouteObservation };
  private capture?: PacketPath[];
  private traffic?: TrafficClients;

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
      (o) => this.observe(o),
    );
    d.network.watchListeners((e) => this.listenerChanged(e));
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
      this.podIndex = undefined;
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
  /** nodeOf's answers: NODES and their blocks are constants (every connection asks). */
  private nodeOfCache = new Map<string, ClusterNode | null>();

  private nodeOf(ip: string): ClusterNode | undefined {
    const known = this.nodeOfCache.get(ip);
    if (known !== undefined) return known ?? undefined;
    const n = this.findNode(ip);
    if (this.nodeOfCache.size >= 4096) this.nodeOfCache.clear();
    this.nodeOfCache.set(ip, n ?? null);
    return n;
  }

  private findNode(ip: string): ClusterNode | undefined {
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

  /** The pod that holds a pod IP now (not terminal), from an index rebuilt after Pod changes. */
  podAt(ip: string): { name: string; namespace: string; terminating: boolean } | undefined {
    if (!this.podIndex) {
      this.podIndex = new Map();
      const terminal: K8sObject[] = [];
      for (const p of this.d.store.peekList('Pod')) {
        const pip = p.status?.podIP;
        if (!pip || p.spec?.hostNetwork) continue;
        if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') terminal.push(p);
        else this.podIndex.set(pip, { name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? 'default', terminating: !!p.metadata.deletionTimestamp });
      }
      // A finished pod keeps its IP in the object until it is gone; a running one wins.
      for (const p of terminal) if (!this.podIndex.has(p.status.podIP)) this.podIndex.set(p.status.podIP, { name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? 'default', terminating: !!p.metadata.deletionTimestamp });
      for (const [k, v] of this.podIndex) this.lastPodAt.set(k, v);
    }
    // A deleted pod's address: the last pod seen holding it (rules may still send traffic there).
    return this.podIndex.get(ip) ?? this.lastPodAt.get(ip);
  }

  private observe(o: RouteObservation): void {
    if (this.routing) {
      this.routing.route = o;
      return;
    }
    // A connection opened by a command typed in the terminal (k8s-master01).
    if (this.capture && o.proxy === this.proxies.get(MASTER) && this.capture.length < 100) this.capture.push(packetPathOf(o, (ip) => this.podAt(ip)?.name));
  }

  /** Collect the packet paths of the connections the next terminal command opens to service addresses. */
  beginCapture(): void {
    this.capture = [];
  }

  endCapture(): PacketPath[] {
    const c = this.capture ?? [];
    this.capture = undefined;
    return c;
  }

  /** The component log's record of a pod's listening socket opening or closing (the kernel's view). */
  private listenerChanged(e: { open: boolean; ns: NamespaceSpec; address: string; port: number; owner?: string }): void {
    if (e.ns.kind !== 'pod') return;
    const pod = this.podAt(e.ns.ip);
    const who = `pod ${pod ? `${pod.namespace}/${pod.name}` : e.ns.id} (${e.ns.ip})`;
    const prog = e.owner ?? 'a process';
    this.d.log(`kernel/${e.ns.node}`, e.open
      ? `${who}: ${prog} opened a listening socket on ${e.address}:${e.port}; connections to ${e.ns.ip}:${e.port} are accepted`
      : `${who}: ${prog} closed its listening socket on ${e.address}:${e.port}; connections to ${e.ns.ip}:${e.port} are now refused`);
  }

  /** The Scenario's traffic clients (see traffic.ts). */
  startTraffic(specs: TrafficSpec[], trace: Trace): void {
    trace.proxyMode = this.mode;
    if (!specs.length) return;
    const master = NODES.find((n) => n.name === MASTER)!;
    this.traffic = new TrafficClients({
      queue: this.d.queue,
      net: this.d.network.api(`host:${master.name}`),
      clientNode: master.name,
      resolve: (name) => {
        const r = dnsResolver(() => this.coreDns());
        const fqdn = name.endsWith('.') ? name : `${name}.`;
        if (name.endsWith('.')) return r(fqdn);
        // The cluster resolver's search list (ndots:5): the namespace's domains first.
        for (const suffix of ['default.svc.cluster.local.', 'svc.cluster.local.', 'cluster.local.']) {
          const a = r(`${name}.${suffix}`);
          if (a && a.length) return a;
        }
        return r(fqdn);
      },
      beginRoute: () => {
        this.routing = {};
      },
      takeRoute: () => {
        const r = this.routing?.route;
        this.routing = undefined;
        return r;
      },
      podAt: (ip) => this.podAt(ip),
      closed: (o) => {
        if (o.decision.kind === 'backend') o.proxy.closeConnection(o.decision.connId, this.d.queue.now);
      },
    }, trace);
    this.traffic.start(specs);
  }

  /** Build the failures' explanations from the records so far (whenever the run pauses). */
  finishTraffic(): void {
    this.traffic?.explain();
  }
}
