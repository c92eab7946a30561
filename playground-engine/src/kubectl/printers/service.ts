/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (+ SELECTOR with -o wide), as printService
 * in pkg/printers/internalversion/printers.go.
 */
import { since } from '../duration';
import { formatLabels } from '../labels';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const LOAD_BALANCER_WIDTH = 16;

function loadBalancerStatus(svc: Any, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

function externalIP(svc: Any, wide: boolean): string {
  const externalIPs: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(ports: Any[]): string {
  return ports
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

export const servicePrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Type', priority: 0 },
    { name: 'Cluster-IP', priority: 0 },
    { name: 'External-IP', priority: 0 },
    { name: 'Port(s)', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Selector', priority: 1 },
  ],
  row(svc, { wide, now }) {
    const spec: Any = svc.spec ?? {};
    const cells = [
      svc.metadata.name ?? '',
      spec.type ?? '',
      spec.clusterIP || '<none>',
      externalIP(svc, wide),
      portString(spec.ports ?? []) || '<none>',
      since(svc.metadata.creationTimestamp, now),
    ];
    if (wide) cells.push(formatLabels(spec.selector));
    return cells;
  },
};
