/**
 * The pod sandbox (the pause container): a network namespace with the pod's IP, its
 * /etc/hosts, /etc/resolv.conf and hostname, shared by the pod's containers.
 */
import type { ContainerSpec, Sandbox, SandboxSpec } from './types';
import type { Fabric } from '../../network/fabric';
import { Container } from './container';
import type { NodeContext } from './node';
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
    this.nsId = `pod:${spec.podUid || `${spec.namespace}/${spec.podName}`}:${node.prng.hex(8)}`;
    this.id = fakeDigest(`sandbox:${node.name}:${this.nsId}`);
    this.createdAt = node.queue.now;
    const mac = `ee:ee:ee:ee:ee:ee`;
    fabric.addNamespace({ id: this.nsId, ip: spec.ip, node: node.name, kind: 'pod', resolvConf: () => spec.resolvConf, hostsFile: () => spec.hosts, mac, ifName: 'eth0', prefix: 32 });
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
      },
      spec,
    );
    if (this.destroyed) c.state = 'exited';
    this.containers.push(c);
    return c;
  }

  get ready(): boolean {
    return !this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const c of this.containers) c.kill();
    this.node.fabric.removeNamespace(this.nsId);
  }
}
