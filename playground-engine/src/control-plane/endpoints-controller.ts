/**
 * The endpoints and EndpointSlice controllers of kube-controller-manager: they watch Services
 * and Pods through the store and keep each Service's Endpoints object and EndpointSlices in
 * step with the ready (and not-ready, and terminating) pods its selector matches. The pure
 * reconcilers live in endpoints.ts and endpoints-slices.ts.
 */
import type { EventQueue } from '../sim/queue';
import type { Store } from '../store/store';
import type { K8sObject } from '../types';
import { syncEndpoints } from './endpoints';
import { reconcileEndpointSlices } from './endpoints-slices';
import { Prng } from '../sim/prng';
import { rfc3339 } from '../sim/time';

/** Controllers react to watch events after a short processing delay. */
export const ENDPOINTS_SYNC_DELAY_MS = 20;

export interface EndpointsControllerDeps {
  queue: EventQueue;
  store: Store;
  log(message: string): void;
}

export class EndpointsController {
  private pending = new Set<string>();
  private lastChange = new Map<string, number>();
  private names = new Prng('endpointslice-names');

  constructor(private d: EndpointsControllerDeps) {
    d.store.watch('Service', (type, svc) => this.touch(svc.metadata.namespace ?? 'default', svc.metadata.name ?? '', type === 'DELETED'));
    d.store.watch('Pod', (_type, pod, old) => {
      const ns = pod.metadata.namespace ?? 'default';
      for (const svc of d.store.peekList('Service', ns)) {
        const sel = svc.spec?.selector;
        if (!sel) continue;
        if (matches(sel, pod.metadata.labels) || (old && matches(sel, old.metadata.labels))) this.touch(ns, svc.metadata.name ?? '', false);
      }
    });
  }

  private touch(ns: string, name: string, deleted: boolean): void {
    const key = `${ns}/${name}`;
    this.lastChange.set(key, this.d.queue.now);
    if (deleted) {
      this.d.store.remove('Endpoints', ns, name);
      for (const s of this.d.store.peekList('EndpointSlice', ns)) {
        if (s.metadata.labels?.['kubernetes.io/service-name'] === name) this.d.store.remove('EndpointSlice', ns, s.metadata.name ?? '');
      }
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.d.queue.after(ENDPOINTS_SYNC_DELAY_MS, () => {
      this.pending.delete(key);
      this.sync(ns, name);
    }, 'endpoints controller');
  }

  private sync(ns: string, name: string): void {
    const svc = this.d.store.peek('Service', ns, name);
    if (!svc) return;
    const pods = this.d.store.peekList('Pod', ns);
    const trigger = rfc3339(this.lastChange.get(`${ns}/${name}`) ?? this.d.queue.now);
    const ep = syncEndpoints(svc, pods, this.d.store.peek('Endpoints', ns, name), trigger);
    if (ep.desired && ep.action === 'create') {
      this.d.store.create(ep.desired);
      this.d.log(`endpoints controller: created Endpoints ${ns}/${name}`);
    } else if (ep.desired && ep.action === 'update') {
      this.d.store.update(ep.desired);
      this.d.log(`endpoints controller: updated Endpoints ${ns}/${name} (${describe(ep.desired)})`);
    }
    const existing = this.d.store.peekList('EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    const r = reconcileEndpointSlices({
      service: svc,
      pods,
      nodes: this.d.store.peekList('Node'),
      existing,
      triggerTime: trigger,
      nameSuffix: () => this.names.nameSuffix(),
    });
    for (const s of r.delete) this.d.store.remove('EndpointSlice', ns, s.metadata.name ?? '');
    for (const s of r.update) {
      this.d.store.update(s);
      this.d.log(`endpointslice controller: updated EndpointSlice ${ns}/${s.metadata.name} (${describeSlice(s)})`);
    }
    for (const s of r.create) {
      s.metadata.uid = s.metadata.uid ?? this.names.uuid();
      this.d.store.create(s);
      this.d.log(`endpointslice controller: created EndpointSlice ${ns}/${s.metadata.name} (${describeSlice(s)})`);
    }
  }
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const keys = Object.keys(selector);
  if (!keys.length) return false;
  return keys.every((k) => labels?.[k] === selector[k]);
}

/** `ready: [...], not ready: [...], terminating: [...]` of a slice's endpoints (their conditions). */
function describeSlice(s: K8sObject): string {
  const eps: Array<{ addresses?: string[]; conditions?: { ready?: boolean; terminating?: boolean } }> = s.endpoints ?? [];
  const pick = (f: (c: { ready?: boolean; terminating?: boolean }) => boolean) => eps.filter((e) => f(e.conditions ?? {})).flatMap((e) => e.addresses ?? []).join(' ');
  return `ready: [${pick((c) => c.ready !== false)}], not ready: [${pick((c) => c.ready === false)}], terminating: [${pick((c) => c.terminating === true)}]`;
}

function describe(ep: K8sObject): string {
  const ready = (ep.subsets ?? []).flatMap((s: { addresses?: Array<{ ip: string }> }) => (s.addresses ?? []).map((a) => a.ip));
  const notReady = (ep.subsets ?? []).flatMap((s: { notReadyAddresses?: Array<{ ip: string }> }) => (s.notReadyAddresses ?? []).map((a) => a.ip));
  return `ready: [${ready.join(' ')}], not ready: [${notReady.join(' ')}]`;
}
