/**
 * The ServiceRouter hook of the pod network (node/runtime/types.ts) backed by kube-proxy's
 * state: a new connection is routed by the kube-proxy of the node it leaves from (nat OUTPUT
 * or PREROUTING there); a connection to another node's address (NodePort) that the source
 * node leaves untouched is then handled by that node's kube-proxy as it arrives (PREROUTING).
 */
import type { ServiceRouter } from '../../node/runtime/types';
import type { VirtualMs } from '../../types';
import type { Prng } from '../../sim/prng';
import type { KubeProxy, RouteDecision } from './kube-proxy';

/** One routing decision of a node's kube-proxy for a new connection to a service address. */
export interface RouteObservation {
  proxy: KubeProxy;
  decision: Exclude<RouteDecision, { kind: 'none' }>;
  dstIp: string;
  dstPort: number;
  protocol: 'TCP' | 'UDP';
  srcIp: string;
  srcPort?: number;
  t: VirtualMs;
}

export function makeServiceRouter(
  /** The kube-proxy of the node a source address lives on (pod IP or node IP). */
  proxyFor: (srcIp: string) => KubeProxy | undefined,
  prng: Prng,
  clock: () => VirtualMs,
  /** The kube-proxy of the node that owns an address (for NodePorts on other nodes). */
  proxyAt?: (dstIp: string) => KubeProxy | undefined,
  /** Told of every decision for a service address (the packet-path view and the traffic clients read it). */
  observe?: (o: RouteObservation) => void,
): ServiceRouter {
  const rand = () => prng.nextU32();
  return (dstIp, dstPort, protocol, srcIp, srcPort) => {
    const src = proxyFor(srcIp);
    let d: RouteDecision = src ? src.route(dstIp, dstPort, protocol, srcIp, rand, clock()) : { kind: 'none' };
    let owner = src;
    if (d.kind === 'none' && proxyAt) {
      const dst = proxyAt(dstIp);
      if (dst && dst !== src) {
        d = dst.route(dstIp, dstPort, protocol, srcIp, rand, clock(), { local: false });
        owner = dst;
        if (d.kind !== 'none') observe?.({ proxy: dst, decision: d, dstIp, dstPort, protocol, srcIp, srcPort, t: clock() });
      }
    } else if (d.kind !== 'none' && src) observe?.({ proxy: src, decision: d, dstIp, dstPort, protocol, srcIp, srcPort, t: clock() });
    switch (d.kind) {
      case 'backend': {
        const connId = d.connId;
        return {
          backendIp: d.ip,
          backendPort: d.port,
          masquerade: d.masquerade,
          ...(connId !== undefined && owner ? { close: () => owner.closeConnection(connId, clock()) } : {}),
        };
      }
      case 'reject':
        return { reject: true };
      case 'drop':
        return { reject: true, drop: true };
      default:
        return undefined;
    }
  };
}
