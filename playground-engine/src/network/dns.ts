/**
 * Cluster DNS: CoreDNS's kubernetes plugin with kubeadm's Corefile (`pods insecure`, `ttl 30`,
 * everything outside cluster.local forwarded upstream), the pod's /etc/resolv.conf as the
 * kubelet asks containerd to write it (pkg/kubelet/network/dns/dns.go), /etc/hosts as the kubelet
 * writes it (pkg/kubelet/kubelet_pods.go managedHostsFileContent), and the resolver's search
 * walk (glibc / musl).
 *
 * Records (Kubernetes DNS specification, coredns plugin/kubernetes):
 * - `<svc>.<ns>.svc.<domain>` A: the ClusterIP; headless: one A per ready endpoint
 *   (NXDOMAIN when none); ExternalName: a CNAME to spec.externalName;
 * - `<hostname|a-b-c-d>.<svc>.<ns>.svc.<domain>`: a headless Service's endpoint;
 * - `<a-b-c-d>.<ns>.pod.<domain>`: the address itself (`pods insecure`);
 * - `_<port>._<proto>.<svc>.<ns>.svc.<domain>` SRV; PTR for ClusterIPs and endpoint IPs;
 * - a name that exists without records of the asked type: NOERROR with no answer (NODATA).
 */
import type { K8sObject } from '../types';
import type { DnsResolver } from '../node/runtime/types';
import { dashed, isIPv4 } from './ip';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN, NODE_GATEWAY, NODES, type ClusterNode } from './cluster';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const CLUSTER_TTL = 30;

export type QType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME';

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export type DnsAnswer =
  | { rcode: 'NOERROR'; ttl: number; a?: string[]; cname?: string; srv?: SrvRecord[]; ptr?: string[] }
  | { rcode: 'NXDOMAIN' }
  /** Outside the cluster zones: CoreDNS forwards it to the node's upstream resolver. */
  | { rcode: 'FORWARD' };

export interface CoreDnsInput {
  services: K8sObject[];
  endpointSlices: K8sObject[];
  pods?: K8sObject[];
  namespaces?: string[];
  domain?: string;
  podsMode?: 'insecure' | 'verified' | 'disabled';
}

interface Ep {
  ip: string;
  hostname?: string;
  ready: boolean;
  ports: Array<{ name: string; port: number; protocol: string }>;
}

const lower = (s: string) => s.toLowerCase();

export class CoreDns {
  readonly domain: string;
  private readonly services = new Map<string, K8sObject>(); // ns/name
  private readonly endpoints = new Map<string, Ep[]>(); // ns/name
  private readonly namespaces = new Set<string>();
  private readonly podIPs = new Map<string, Set<string>>(); // ns -> IPs
  private readonly podsMode: 'insecure' | 'verified' | 'disabled';

  constructor(input: CoreDnsInput) {
    this.domain = lower(input.domain ?? CLUSTER_DOMAIN);
    this.podsMode = input.podsMode ?? 'insecure';
    for (const ns of input.namespaces ?? []) this.namespaces.add(lower(ns));
    for (const s of input.services ?? []) {
      const ns = lower(s?.metadata?.namespace ?? 'default');
      if (!s?.metadata?.name) continue;
      this.services.set(`${ns}/${lower(s.metadata.name)}`, s);
      this.namespaces.add(ns);
    }
    for (const sl of input.endpointSlices ?? []) {
      const svc = sl?.metadata?.labels?.['kubernetes.io/service-name'];
      if (!svc || (sl?.addressType ?? 'IPv4') !== 'IPv4') continue;
      const key = `${lower(sl.metadata.namespace ?? 'default')}/${lower(svc)}`;
      const list = this.endpoints.get(key) ?? [];
      for (const ep of sl.endpoints ?? []) {
        const ip = ep?.addresses?.[0];
        if (typeof ip !== 'string') continue;
        list.push({
          ip,
          hostname: ep.hostname,
          ready: ep?.conditions?.ready !== false,
          ports: (sl.ports ?? []).map((p: Json) => ({ name: p?.name ?? '', port: p?.port, protocol: p?.protocol ?? 'TCP' })),
        });
      }
      this.endpoints.set(key, list);
    }
    for (const p of input.pods ?? []) {
      const ns = lower(p?.metadata?.namespace ?? 'default');
      const ip = p?.status?.podIP;
      if (typeof ip !== 'string' || !ip) continue;
      if (!this.podIPs.has(ns)) this.podIPs.set(ns, new Set());
      this.podIPs.get(ns)?.add(ip);
    }
  }

  private answer(rec: Omit<Extract<DnsAnswer, { rcode: 'NOERROR' }>, 'rcode' | 'ttl'>): DnsAnswer {
    return { rcode: 'NOERROR', ttl: CLUSTER_TTL, ...rec };
  }

  /** Ready endpoints of a Service (publishNotReadyAddresses makes the controller mark all ready). */
  private readyEndpoints(key: string): Ep[] {
    const seen = new Set<string>();
    return (this.endpoints.get(key) ?? []).filter((e) => e.ready && !seen.has(e.ip) && seen.add(e.ip));
  }

  /** Answer one query. `name` may carry a trailing dot. */
  query(name: string, qtype: QType = 'A'): DnsAnswer {
    const fqdn = lower(String(name).replace(/\.$/, ''));
    if (qtype === 'PTR' || fqdn.endsWith('.in-addr.arpa')) return this.ptr(fqdn);
    if (fqdn !== this.domain && !fqdn.endsWith(`.${this.domain}`)) return { rcode: 'FORWARD' };
    const labels = fqdn === this.domain ? [] : fqdn.slice(0, -(this.domain.length + 1)).split('.');
    if (labels.length === 0) return this.answer({}); // the zone apex (SOA/NS only)
    const zone = labels[labels.length - 1];
    if (zone === 'pod') return this.podRecord(labels.slice(0, -1), qtype);
    if (zone !== 'svc') return { rcode: 'NXDOMAIN' };
    const rest = labels.slice(0, -1);
    if (rest.length === 0) return this.answer({});
    const ns = rest[rest.length - 1];
    if (rest.length === 1) return this.namespaces.has(ns) ? this.answer({}) : { rcode: 'NXDOMAIN' };
    // SRV: _port._proto.svc.ns
    if (rest.length === 4 && rest[0].startsWith('_') && rest[1].startsWith('_')) return this.srv(rest[2], ns, rest[0].slice(1), rest[1].slice(1), qtype);
    const svcName = rest[rest.length - 2];
    const key = `${ns}/${svcName}`;
    const svc = this.services.get(key);
    if (!svc) return { rcode: 'NXDOMAIN' };
    if (rest.length === 3) return this.endpointRecord(key, rest[0], qtype);
    if (rest.length > 3) return { rcode: 'NXDOMAIN' };
    const spec: Json = svc.spec ?? {};
    if (spec.type === 'ExternalName') return this.answer({ cname: lower(String(spec.externalName ?? '')) });
    const fqdnOf = `${svcName}.${ns}.svc.${this.domain}`;
    if (qtype === 'SRV') return this.srvAll(svc, key, fqdnOf);
    if (qtype !== 'A') return this.answer({});
    if (spec.clusterIP && spec.clusterIP !== 'None') return this.answer({ a: [spec.clusterIP] });
    const eps = this.readyEndpoints(key);
    return eps.length ? this.answer({ a: eps.map((e) => e.ip) }) : { rcode: 'NXDOMAIN' };
  }

  private endpointRecord(key: string, label: string, qtype: QType): DnsAnswer {
    const eps = this.readyEndpoints(key).filter((e) => (e.hostname ? lower(e.hostname) : dashed(e.ip)) === label);
    if (!eps.length) return { rcode: 'NXDOMAIN' };
    return qtype === 'A' ? this.answer({ a: eps.map((e) => e.ip) }) : this.answer({});
  }

  private podRecord(labels: string[], qtype: QType): DnsAnswer {
    if (this.podsMode === 'disabled' || labels.length !== 2) return { rcode: 'NXDOMAIN' };
    const [ipLabel, ns] = labels;
    const ip = ipLabel.replace(/-/g, '.');
    if (!isIPv4(ip)) return { rcode: 'NXDOMAIN' };
    if (this.podsMode === 'verified' && !this.podIPs.get(ns)?.has(ip)) return { rcode: 'NXDOMAIN' };
    return qtype === 'A' ? this.answer({ a: [ip] }) : this.answer({});
  }

  private srv(svcName: string, ns: string, portName: string, proto: string, qtype: QType): DnsAnswer {
    const key = `${ns}/${svcName}`;
    const svc = this.services.get(key);
    if (!svc) return { rcode: 'NXDOMAIN' };
    const port = (svc.spec?.ports ?? []).find((p: Json) => lower(p?.name ?? '') === portName && lower(p?.protocol ?? 'TCP') === proto);
    if (!port) return { rcode: 'NXDOMAIN' };
    if (qtype !== 'SRV') return this.answer({});
    const fqdnOf = `${svcName}.${ns}.svc.${this.domain}`;
    return this.answer({ srv: this.srvTargets(svc, key, fqdnOf, port) });
  }

  private srvAll(svc: K8sObject, key: string, fqdnOf: string): DnsAnswer {
    const srv = (svc.spec?.ports ?? []).flatMap((p: Json) => this.srvTargets(svc, key, fqdnOf, p));
    return this.answer({ srv });
  }

  private srvTargets(svc: K8sObject, key: string, fqdnOf: string, port: Json): SrvRecord[] {
    const headless = svc.spec?.clusterIP === 'None';
    if (!headless) return [{ priority: 0, weight: 100, port: port.port, target: `${fqdnOf}.` }];
    const eps = this.readyEndpoints(key);
    const w = eps.length ? Math.floor(100 / eps.length) : 100;
    return eps.map((e) => {
      const p = e.ports.find((x) => x.name === (port.name ?? '') && x.protocol === (port.protocol ?? 'TCP'));
      return { priority: 0, weight: w, port: p?.port ?? port.port, target: `${e.hostname ?? dashed(e.ip)}.${fqdnOf}.` };
    });
  }

  private ptr(fqdn: string): DnsAnswer {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(fqdn);
    if (!m) return { rcode: 'NXDOMAIN' };
    const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
    const names: string[] = [];
    for (const [key, svc] of this.services) {
      const [ns, name] = key.split('/');
      if (svc.spec?.clusterIP === ip) names.push(`${name}.${ns}.svc.${this.domain}.`);
      for (const e of this.endpoints.get(key) ?? []) if (e.ip === ip) names.push(`${e.hostname ?? dashed(e.ip)}.${name}.${ns}.svc.${this.domain}.`);
    }
    // `fallthrough in-addr.arpa`: unknown addresses go to the next plugin (forward).
    return names.length ? this.answer({ ptr: [...new Set(names)] }) : { rcode: 'FORWARD' };
  }
}

/**
 * A DnsResolver (A records, or the PTR names of an `in-addr.arpa` name; undefined = NXDOMAIN)
 * over CoreDNS, following CNAMEs, with an
 * optional upstream for names CoreDNS forwards (the machines have no Internet: default none).
 */
export function dnsResolver(dns: CoreDns | (() => CoreDns), upstream?: (fqdn: string) => string[] | undefined): DnsResolver {
  return (fqdn: string) => {
    const d = typeof dns === 'function' ? dns() : dns;
    let name = fqdn;
    for (let hops = 0; hops < 8; hops++) {
      const a = d.query(name, 'A');
      if (a.rcode === 'FORWARD') return upstream ? upstream(name.replace(/\.$/, '')) : undefined;
      if (a.rcode === 'NXDOMAIN') return undefined;
      // A reverse name answers with its PTR names (what getnameinfo reads), without the root dot.
      if (a.ptr) return a.ptr.map((p) => p.replace(/\.$/, ''));
      if (a.cname) {
        name = a.cname;
        continue;
      }
      return a.a ?? [];
    }
    return undefined;
  };
}

// --- /etc/resolv.conf ---

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

export function parseResolvConf(text: string): ResolvConf {
  const out: ResolvConf = { nameservers: [], search: [], options: [] };
  for (const raw of String(text ?? '').split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [kw, ...rest] = line.split(/\s+/);
    if (kw === 'nameserver' && rest[0]) out.nameservers.push(rest[0]);
    else if (kw === 'search' || kw === 'domain') out.search = rest;
    else if (kw === 'options') out.options.push(...rest);
  }
  return out;
}

/** containerd's writer: `search …`, one `nameserver` per line, `options …`. */
export function formatResolvConf(c: ResolvConf): string {
  let s = '';
  if (c.search.length) s += `search ${c.search.join(' ')}\n`;
  if (c.nameservers.length) s += `nameserver ${c.nameservers.join('\nnameserver ')}\n`;
  if (c.options.length) s += `options ${c.options.join(' ')}\n`;
  return s;
}

const dedupe = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/** mergeDNSOptions: by option name, later values win (insertion order kept). */
function mergeOptions(existing: string[], extra: Array<{ name?: string; value?: string }>): string[] {
  const m = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) m.set(op.slice(0, i), op.slice(i + 1));
    else m.set(op, '');
  }
  for (const op of extra) if (op?.name) m.set(op.name, op.value ?? '');
  return [...m].map(([k, v]) => (v ? `${k}:${v}` : k));
}

export interface PodDnsOptions {
  clusterDns?: string[];
  clusterDomain?: string;
  /** The node's /etc/resolv.conf (kubelet --resolv-conf). */
  hostResolvConf?: string;
}

export const DEFAULT_HOST_RESOLV_CONF = `nameserver ${NODE_GATEWAY}\n`;

/** The pod's /etc/resolv.conf for its dnsPolicy and dnsConfig (GetPodDNS). */
export function podResolvConf(pod: K8sObject, opts: PodDnsOptions = {}): string {
  const domain = opts.clusterDomain ?? CLUSTER_DOMAIN;
  const clusterDns = opts.clusterDns ?? [CLUSTER_DNS_IP];
  const host = parseResolvConf(opts.hostResolvConf ?? DEFAULT_HOST_RESOLV_CONF);
  const spec: Json = pod?.spec ?? {};
  const ns = pod?.metadata?.namespace ?? 'default';
  let policy: string = spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && spec.hostNetwork === true) policy = 'Default';
  let conf: ResolvConf;
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    conf = { nameservers: [...clusterDns], search: dedupe([`${ns}.svc.${domain}`, `svc.${domain}`, domain, ...host.search]), options: ['ndots:5'] };
  } else if (policy === 'None') {
    conf = { nameservers: [], search: [], options: [] };
  } else {
    conf = { nameservers: [...host.nameservers], search: [...host.search], options: [...host.options] };
  }
  const dc: Json | undefined = spec.dnsConfig;
  if (dc) {
    conf.nameservers = dedupe([...conf.nameservers, ...(dc.nameservers ?? [])]);
    conf.search = dedupe([...conf.search, ...(dc.searches ?? [])]);
    conf.options = mergeOptions(conf.options, dc.options ?? []);
  }
  return formatResolvConf(conf);
}

/** The names getaddrinfo tries, in order (`glibc`: ≥ ndots dots → as-is first; `musl`: then never searched). */
export function searchCandidates(name: string, conf: ResolvConf, style: 'glibc' | 'musl' = 'glibc'): string[] {
  const n = String(name);
  if (n.endsWith('.')) return [n];
  const ndotsOpt = conf.options.find((o) => o.startsWith('ndots:'));
  const ndots = Math.min(15, ndotsOpt ? Number(ndotsOpt.slice(6)) || 0 : 1);
  const dots = (n.match(/\./g) ?? []).length;
  const searched = conf.search.map((d) => `${n}.${d}.`);
  if (dots >= ndots) return style === 'musl' ? [`${n}.`] : [`${n}.`, ...searched];
  return [...searched, `${n}.`];
}

export interface ResolveWalk {
  /** The name that answered, without the trailing dot. */
  name?: string;
  addresses: string[];
  /** Every candidate queried, with CoreDNS's answer. */
  queried: Array<{ name: string; rcode: 'NOERROR' | 'NXDOMAIN' | 'FORWARD'; answers: number }>;
}

/** Walk the candidates against CoreDNS until one has A records (what glibc/musl do). */
export function resolveWithSearch(name: string, conf: ResolvConf, dns: CoreDns, style: 'glibc' | 'musl' = 'glibc', upstream?: (fqdn: string) => string[] | undefined): ResolveWalk {
  const queried: ResolveWalk['queried'] = [];
  const resolver = dnsResolver(dns, upstream);
  for (const cand of searchCandidates(name, conf, style)) {
    const a = dns.query(cand, 'A');
    const addrs = resolver(cand) ?? [];
    queried.push({ name: cand, rcode: a.rcode, answers: addrs.length });
    if (addrs.length) return { name: cand.replace(/\.$/, ''), addresses: addrs, queried };
  }
  return { addresses: [], queried };
}

// --- /etc/hosts ---

const MANAGED_HEADER = '# Kubernetes-managed hosts file.\n';
const MANAGED_HEADER_HOST_NETWORK = '# Kubernetes-managed hosts file (host network).\n';

function hostAliasesBlock(aliases: Json[] | undefined): string {
  if (!aliases?.length) return '';
  let s = '\n# Entries added by HostAliases.\n';
  for (const a of aliases) s += `${a?.ip ?? ''}\t${(a?.hostnames ?? []).join('\t')}\n`;
  return s;
}

/** The pod's hostname as the kubelet computes it (spec.hostname or the name, ≤ 63 characters). */
export function podHostname(pod: K8sObject): string {
  let h: string = pod?.spec?.hostname || pod?.metadata?.name || '';
  if (h.length > 63) h = h.slice(0, 63).replace(/[-.]+$/, '');
  return h;
}

/** The node's /etc/hosts of the default cluster (CentOS 7 defaults + the cluster's machines). */
export function nodeHostsFile(nodes: readonly ClusterNode[] = NODES): string {
  return [
    '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4',
    '::1         localhost localhost.localdomain localhost6 localhost6.localdomain6',
    ...nodes.map((n) => `${n.ip} ${n.name}`),
  ].map((l) => `${l}\n`).join('');
}

/** /etc/hosts for a pod's containers (managedHostsFileContent / nodeHostsFileContent). */
export function podHostsFile(pod: K8sObject, podIPs: string[], opts: { clusterDomain?: string; nodeHosts?: string } = {}): string {
  const spec: Json = pod?.spec ?? {};
  if (spec.hostNetwork === true) return MANAGED_HEADER_HOST_NETWORK + (opts.nodeHosts ?? nodeHostsFile()) + hostAliasesBlock(spec.hostAliases);
  const domain = opts.clusterDomain ?? CLUSTER_DOMAIN;
  const hostName = podHostname(pod);
  const sub: string | undefined = spec.subdomain;
  const hostDomain = sub ? `${sub}.${pod?.metadata?.namespace ?? 'default'}.svc.${domain}` : '';
  let s = MANAGED_HEADER;
  s += '127.0.0.1\tlocalhost\n';
  s += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  s += 'fe00::0\tip6-localnet\n';
  s += 'fe00::0\tip6-mcastprefix\n';
  s += 'fe00::1\tip6-allnodes\n';
  s += 'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) s += hostDomain ? `${ip}\t${hostName}.${hostDomain}\t${hostName}\n` : `${ip}\t${hostName}\n`;
  return s + hostAliasesBlock(spec.hostAliases);
}
