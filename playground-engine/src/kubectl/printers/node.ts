/**
 * Nodes: NAME STATUS ROLES AGE VERSION (+ INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME with -o wide), as printNode: only the Ready condition decides STATUS,
 * `SchedulingDisabled` is appended for cordoned nodes, roles come from node-role labels.
 */
import type { K8sObject } from '../../types';
import { since } from '../duration';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: sorted, deduplicated. */
export function findNodeRoles(node: K8sObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function address(node: Any, type: string): string {
  return (node.status?.addresses ?? []).find((a: Any) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Status', priority: 0 },
    { name: 'Roles', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Version', priority: 0 },
    { name: 'Internal-IP', priority: 1 },
    { name: 'External-IP', priority: 1 },
    { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 },
    { name: 'Container-Runtime', priority: 1 },
  ],
  row(node, { wide, now }) {
    const n: Any = node;
    const status: string[] = [];
    const ready = (n.status?.conditions ?? []).find((c: Any) => c.type === 'Ready');
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (n.spec?.unschedulable) status.push('SchedulingDisabled');
    const roles = findNodeRoles(node).join(',') || '<none>';
    const info: Any = n.status?.nodeInfo ?? {};
    const cells = [node.metadata.name ?? '', status.join(','), roles, since(node.metadata.creationTimestamp, now), info.kubeletVersion ?? ''];
    if (wide) {
      cells.push(
        address(n, 'InternalIP'),
        address(n, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  },
};
