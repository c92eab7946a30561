/**
 * The machines of the simulated cluster: one containerd (NodeRuntime) and one host per node,
 * all on one packet-level network. The kubelet drives the runtimes; the reader's terminal
 * runs on a host (k8s-master01).
 */
import type { EventQueue } from '../../sim/queue';
import type { Prng } from '../../sim/prng';
import type { Host } from '../../programs/types';
import type { NodeRuntime } from './types';
import { Fabric } from '../../network/fabric';
import { ContainerdNode } from './node';
import { NodeHost, type HostPodProcesses } from './host';
import { PROGRAMS } from '../../programs/registry';
import { addFile, centosTree } from '../../programs/images/trees';
import type { ImageDef } from '../../programs/images/catalog';
import type { LogLine } from '../../trace';
import type { ExecResult } from './types';
import { Deferred } from './future';
import { LineInput } from './kernel';
import { nodeRoutes } from '../../programs/nodetools/routes';
import { hostIpProgram, hostRouteProgram } from '../../programs/nodetools/iproute';
import { nodeView, registerNodeTools } from '../../programs/nodetools/register';
import type { UnitInfo } from '../../programs/nodetools/view';

export interface WorldNode {
  name: string;
  ip: string;
  preloadedImages: string[];
  /** Address the node's packets to pods carry (Calico's tunnel address); default the node IP. */
  tunnelIp?: string;
  /** `uname -r`; default the notes' CentOS 7 upgraded kernel. */
  kernelRelease?: string;
  cpus?: number;
  /** The cluster's own images already in the node's store (its system pods' images). */
  systemImages?: ImageDef[];
  /** `route -e` rows for the host (optional). */
  routeTable?: string;
  /** The node's Calico IPAM block (its routes on every host, tunl0's address). */
  block?: string;
  /** Host-network pods' processes in the host's process table. */
  podProcesses?: HostPodProcesses[];
  /** Files of the node's installation (/etc/kubernetes: node/host-files.ts), written at `filesAt`. */
  files?: ReadonlyArray<{ readonly path: string; readonly content: string; readonly mode: number }>;
  filesAt?: number;
}

export interface WorldOptions {
  queue: EventQueue;
  prng: Prng;
  nodes: WorldNode[];
  /** Machines without a runtime (e.g. a jump host), addressable and with a shell. */
  hosts?: Array<{ name: string; ip: string }>;
  /** Upstream name server in the hosts' /etc/resolv.conf. */
  hostNameserver?: string;
  /** The machines' default gateway (default: the subnet's .2). */
  gateway?: string;
  /** Routes every machine carries besides the computed ones (the notes' `route -e`). */
  extraRoutes?: Array<{ dest: string; via: string }>;
  /** The container log lines the kubelet keeps (crictl logs). */
  logs?: () => readonly LogLine[];
  /** When the machines booted (their daemons' start). */
  bootMs?: number;
  /** A host service's journal (klog lines), e.g. the kubelet's from the run's record. */
  journal?: (node: string, unit: string, pid: number) => Array<{ t: number; text: string }>;
  /** The reader's terminal, while its session runs a line: an interactive login attaches to it. */
  terminalAttach?: () => ((input: LineInput) => void) | undefined;
}

export interface World {
  network: Fabric;
  node(name: string): NodeRuntime;
  host(name: string): Host;
}

/** The binary install's services (unit files as the install guide writes them). */
const UNITS: Record<string, { description: string; docs?: string; path: string }> = {
  containerd: { description: 'containerd container runtime', docs: 'https://containerd.io', path: '/usr/lib/systemd/system/containerd.service' },
  kubelet: { description: 'Kubernetes Kubelet', docs: 'https://github.com/kubernetes/kubernetes', path: '/usr/lib/systemd/system/kubelet.service' },
  'kube-proxy': { description: 'Kubernetes Kube Proxy', docs: 'https://github.com/kubernetes/kubernetes', path: '/usr/lib/systemd/system/kube-proxy.service' },
};

function hostUnits(host: NodeHost): UnitInfo[] {
  const out: UnitInfo[] = [];
  for (const p of host.kernel.processTable()) {
    const u = UNITS[p.comm];
    if (u && p.ppid === 1) out.push({ name: p.comm, ...u, mainPid: p.pid, comm: p.comm, cmdline: p.cmdline, since: p.startedAt });
  }
  return out;
}

export const DEFAULT_KERNEL = '4.19.12-1.el7.elrepo.x86_64';

export function createWorld(opts: WorldOptions): World {
  const fabric = new Fabric(opts.queue);
  const machines = [...opts.nodes.map((n) => ({ ...n, runtime: true })), ...(opts.hosts ?? []).map((h) => ({ ...h, preloadedImages: [] as string[], runtime: false }))];
  const hostsFile = `127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n${machines.map((m) => `${m.ip} ${m.name}`).join('\n')}\n`;
  const first = machines[0]?.ip ?? '192.168.0.1';
  const nameserver = opts.hostNameserver ?? first.replace(/\.\d+$/, '.2');
  const resolvConf = `nameserver ${nameserver}\n`;
  const runtimes = new Map<string, ContainerdNode>();
  const hosts = new Map<string, NodeHost>();
  for (const m of machines) {
    const w = m as WorldNode & { runtime: boolean };
    fabric.addNamespace({ id: `host:${m.name}`, ip: m.ip, node: m.name, kind: 'host', sourceIp: w.tunnelIp, resolvConf: () => resolvConf, hostsFile: () => hostsFile, ifName: 'ens32', prefix: 24, mac: '00:0c:29:00:00:00' });
    const kernelRelease = w.kernelRelease ?? DEFAULT_KERNEL;
    const cpus = w.cpus ?? 2;
    const tree = centosTree(-30 * 86_400_000, m.name, hostsFile, resolvConf);
    for (const f of w.files ?? []) addFile(tree, f.path, f.content, w.filesAt ?? 0, f.mode);
    hosts.set(m.name, new NodeHost(m.name, m.ip, { queue: opts.queue, fabric, programs: PROGRAMS, tree, kernelRelease, cpus, routeTable: w.routeTable, bootMs: opts.bootMs, podProcesses: w.podProcesses }));
    if (w.runtime) {
      runtimes.set(m.name, new ContainerdNode(m.name, { queue: opts.queue, prng: opts.prng.fork(`containerd/${m.name}`), fabric, programs: PROGRAMS, kernelRelease, cpus, preloadedImages: m.preloadedImages, systemImages: w.systemImages, hostProcesses: hosts.get(m.name) }));
    }
  }
  const gateway = opts.gateway ?? first.replace(/\.\d+$/, '.2');
  const subnet = first.replace(/\.\d+$/, '.0') + '/24';
  const blockNodes = opts.nodes.filter((n) => n.block).map((n) => ({ name: n.name, ip: n.ip, block: n.block as string }));
  for (const m of machines) {
    const host = hosts.get(m.name) as NodeHost;
    const rt = runtimes.get(m.name);
    const self = blockNodes.find((n) => n.name === m.name);
    const view = nodeView({
      name: m.name, ip: m.ip, runtime: rt, hostsFile, logs: opts.logs,
      routes: () => nodeRoutes({
        self: self ?? { name: m.name, ip: m.ip, block: `${m.ip}/32` },
        peers: blockNodes.filter((n) => n.name !== m.name),
        localPods: (rt?.sandboxes ?? []).filter((sb) => sb.ready && sb.ip !== m.ip).map((sb) => ({ namespace: sb.spec.namespace, name: sb.spec.podName, ip: sb.ip })),
        gateway,
        subnet,
        extra: self ? (opts.extraRoutes ?? []).filter((e) => !blockNodes.some((n) => n.name === m.name && e.via === n.ip)) : [],
      }),
      tunnelIp: self ? self.block.split('/')[0] : undefined,
      runOn: (name, line) => {
        const h = hosts.get(name);
        if (!h) return undefined;
        const d = new Deferred<ExecResult>(opts.queue, 'ssh');
        h.run(line, { timeoutMs: 60_000, remote: true }, (r) => d.settle(r));
        return d;
      },
      loginOn: (name) => {
        const h = hosts.get(name);
        if (!h) return 'no-host';
        const attach = opts.terminalAttach?.();
        const input = new LineInput(opts.queue);
        // without the page's terminal the input has already ended (as Ctrl-D at once)
        if (!attach) input.close();
        const d = new Deferred<ExecResult>(opts.queue, 'ssh');
        if (!h.login(input, (r) => d.settle(r))) return 'fork';
        if (attach) attach(input);
        return { future: d, attached: !!attach };
      },
      hostIp: (name) => machines.find((x) => x.name === name)?.ip,
      units: () => hostUnits(host),
      listeners: () => {
        const procs = host.kernel.processTable();
        return (fabric.namespace(`host:${m.name}`)?.listeners ?? []).filter((l) => !l.closed).map((l) => {
          const p = procs.find((x) => x.comm === l.spec.owner);
          return { address: l.address, port: l.port, ...(p ? { comm: p.comm, pid: p.pid } : {}) };
        });
      },
      journal: (unit, pid) => opts.journal?.(m.name, unit, pid) ?? [],
      bootTime: () => host.bootMs,
    });
    if (self) {
      host.register('route', hostRouteProgram(view), '/usr/sbin/route');
      host.register('ip', hostIpProgram(view), '/usr/sbin/ip');
    }
    registerNodeTools(host, view, !!rt);
  }
  return {
    network: fabric,
    node(name) {
      const r = runtimes.get(name);
      if (!r) throw new Error(`no node ${name}`);
      return r;
    },
    host(name) {
      const h = hosts.get(name);
      if (!h) throw new Error(`no host ${name}`);
      return h;
    },
  };
}
