/**
 * The namespace controller of kube-controller-manager (pkg/controller/namespace): a Terminating
 * namespace (its content already deleted by the DELETE) is removed once no workload remains in it,
 * i.e. after its pods have finished their graceful termination. Events, Endpoints, EndpointSlices
 * and the like left behind go with it.
 */
import type { EventQueue, Timer } from '../sim/queue';
import type { Store } from '../store/store';
import type { K8sObject } from '../types';
import { rootCaConfigMap } from '../network/cluster-ca';
import { CONTROLLER_DELAY_MS } from './workloads';

/** Kinds whose remaining objects keep a Terminating namespace (the others are swept at the end). */
const CONTENT = ['Pod', 'ReplicaSet', 'Deployment', 'Job', 'CronJob', 'DaemonSet', 'StatefulSet', 'Service'];

export interface NamespaceDeps {
  queue: EventQueue;
  store: Store;
  finalize(name: string): void;
  log(message: string): void;
  /**
   * Create an object through the API server: for a new namespace, the serviceaccounts-controller's
   * `default` ServiceAccount and the root-ca-cert-publisher's `kube-root-ca.crt` ConfigMap.
   */
  create?(obj: K8sObject): void;
}

export class NamespaceController {
  private pending = new Map<string, Timer>();

  constructor(private d: NamespaceDeps) {
    d.store.watch('Namespace', (type, ns) => {
      if (type !== 'DELETED' && ns.metadata.deletionTimestamp) this.enqueue(ns.metadata.name ?? '');
      else if (type === 'ADDED' && d.create) this.populate(ns.metadata.name ?? '');
    });
    d.store.watch('Pod', (type, pod) => {
      if (type !== 'DELETED') return;
      const ns = d.store.peek('Namespace', undefined, pod.metadata.namespace ?? '');
      if (ns?.metadata.deletionTimestamp) this.enqueue(ns.metadata.name ?? '');
    });
  }

  /** serviceaccounts-controller and root-ca-cert-publisher: what every namespace holds. */
  private populate(name: string): void {
    this.d.queue.after(CONTROLLER_DELAY_MS, () => {
      const ns = this.d.store.peek('Namespace', undefined, name);
      if (!ns || ns.metadata.deletionTimestamp || !this.d.create) return;
      if (!this.d.store.peek('ServiceAccount', name, 'default')) this.d.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } } as K8sObject);
      if (!this.d.store.peek('ConfigMap', name, 'kube-root-ca.crt')) this.d.create(rootCaConfigMap(name) as K8sObject);
    }, 'namespace content');
  }

  private enqueue(name: string): void {
    if (this.pending.has(name)) return;
    this.pending.set(name, this.d.queue.after(CONTROLLER_DELAY_MS, () => {
      this.pending.delete(name);
      this.sync(name);
    }, 'namespace controller'));
  }

  private sync(name: string): void {
    const ns = this.d.store.peek('Namespace', undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    const remaining = CONTENT.filter((k) => this.d.store.peekList(k, name).length > 0);
    if (remaining.length) return; // woken again when the last pod goes
    this.d.log(`namespace-controller: namespace ${name} is empty, removing it`);
    this.d.finalize(name);
  }
}
