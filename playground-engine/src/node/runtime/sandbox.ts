/**
 * The pod sandbox (the pause container): a network namespace with the pod's IP, its
 * /etc/hosts, /etc/resolv.conf and hostname, shared by the pod's containers.
 */
import type { ContainerSpec, Sandbox, SandboxSpec } from './types';
import type { Fabric } from '../../network/fabric';
import { Container } from './container';
import type { HostProcessTable, NodeContext } from './node';
import { fakeDigest } from '../../programs/images/catalog';

export class PodSandbox implements Sandbox {
  readonly ip: string;
  /** The containers created in this sandbox, in creation order (crictl ps, ctr c ls). */
  readonly containers: Container[] = [];
  private nsId: string;
  private destroyed = false;
  /** The pause container's id (64 hex), as crictl pods / ctr c ls show it. */
  readonly id: string;
  /** When RunPodSandbox ran (virtual ms; before t = 0 for the system pods). */
  createdAt: number;

  constructor(private node: NodeContext, readonly spec: SandboxSpec, fabric: Fabric) {
    this.ip = spec.ip;
    const own = `pod:${spec.podUid || `${spec.namespace}/${spec.podName}`}:${node.prng.hex(8)}`;
    // A pod on the host network joins the node's namespace (the CNI plugin is not called).
    this.nsId = spec.hostNetwork ? `host:${node.name}` : own;
    this.id = fakeDigest(`sandbox:${node.name}:${own}`);
    this.createdAt = node.queue.now;
    const mac = `ee:ee:ee:ee:ee:ee`;
    if (spec.hostNetwork) node.hostProcesses?.sandboxStarted(this.id, this.createdAt);
    else fabric.addNamespace({ id: this.nsId, ip: spec.ip, node: node.name, kind: 'pod', resolvConf: () => spec.resolvConf, hostsFile: () => spec.hosts, mac, ifName: 'eth0', prefix: 32 });
  }

  createContainer(spec: ContainerSpec): Container {
    const def = this.node.imageDef(spec.image.fullRef);
    const c = new Container(
      {
        queue: this.node.queue,
        id: spec.id ?? `containerd://${this.node.prng.hex(64)}`,
        tree: def.tree(),
        os: this.node.osInfo(def),
        programs: this.node.programs,
        net: this.node.fabric.api(this.nsId),
        hostname: this.spec.hostname,
        mounts: { '/etc/hosts': this.spec.hosts, '/etc/resolv.conf': this.spec.resolvConf, '/etc/hostname': `${this.spec.hostname}\n` },
        ...(this.spec.hostNetwork && this.node.hostProcesses ? this.hostHooks(this.node.hostProcesses, spec) : {}),
      },
      spec,
    );
    if (this.destroyed) c.state = 'exited';
    this.containers.push(c);
    return c;
  }

  /** A host-network container's processes are seen in the host's process table while it runs. */
  private hostHooks(t: HostProcessTable, spec: ContainerSpec): { onStart: (c: Container) => void; onExit: () => void } {
    return {
      onStart: (c) => t.containerStarted(this.id, spec.argv, spec.image.fullRef, c.startedAt ?? this.node.queue.now),
      onExit: () => t.containerExited(this.id),
    };
  }

  /** The network namespace's id in the fabric (the node's `host:NODE` on the host network). */
  get netns(): string {
    return this.nsId;
  }

  /**
   * The namespace's path as containerd names it: `/var/run/netns/cni-` and 16 bytes in hex
   * (random there; derived from the sandbox id here), `host` on the host network.
   */
  get netnsPath(): string {
    if (this.spec.hostNetwork) return 'host';
    const h = fakeDigest(`netns:${this.id}`).replace(/^sha256:/, '');
    return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  /** Torn down (StopPodSandbox and its removal): containerd no longer has it. */
  get removed(): boolean {
    return this.destroyed;
  }

  get ready(): boolean {
    return !this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const c of this.containers) c.kill();
    if (!this.spec.hostNetwork) this.node.fabric.removeNamespace(this.nsId);
    else this.node.hostProcesses?.sandboxRemoved(this.id);
  }
}
