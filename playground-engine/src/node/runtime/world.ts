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
import { NodeHost } from './host';
import { PROGRAMS } from '../../programs/registry';
import { centosTree } from '../../programs/images/trees';
import type { ImageDef } from '../../programs/images/catalog';

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
}

export interface WorldOptions {
  queue: EventQueue;
  prng: Prng;
  nodes: WorldNode[];
  /** Machines without a runtime (e.g. a jump host), addressable and with a shell. */
  hosts?: Array<{ name: string; ip: string }>;
  /** Upstream name server in the hosts' /etc/resolv.conf. */
  hostNameserver?: string;
}

export interface World {
  network: Fabric;
  node(name: string): NodeRuntime;
  host(name: string): Host;
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
    hosts.set(m.name, new NodeHost(m.name, m.ip, { queue: opts.queue, fabric, programs: PROGRAMS, tree: centosTree(-30 * 86_400_000, m.name, hostsFile, resolvConf), kernelRelease, cpus, routeTable: w.routeTable }));
    if (w.runtime) {
      runtimes.set(m.name, new ContainerdNode(m.name, { queue: opts.queue, prng: opts.prng.fork(`containerd/${m.name}`), fabric, programs: PROGRAMS, kernelRelease, cpus, preloadedImages: m.preloadedImages, systemImages: w.systemImages }));
    }
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
