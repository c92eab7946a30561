/**
 * `kubectl describe node` (describeNode): roles, labels, taints, the node's Lease from
 * kube-node-lease, conditions, addresses, capacity, system info, the non-terminated pods with
 * their requests and limits as a share of allocatable, allocated resources, events.
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { since } from '../duration';
import { findNodeRoles } from '../printers/node';
import { addQuantity, formatQuantity, milliValue, parseQuantity, type Quantity, value, zeroQuantity } from '../quantity';
import { type Any, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123 } from './common';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

type ResourceMap = Map<string, Quantity>;

function addAll(into: ResourceMap, list: Record<string, unknown> | undefined): void {
  for (const [k, raw] of Object.entries(list ?? {})) {
    const q = parseQuantity(raw);
    if (!q) continue;
    into.set(k, into.has(k) ? addQuantity(into.get(k) as Quantity, q) : q);
  }
}

/** resourcehelper.PodRequestsAndLimits: app containers summed, each init container as a floor. */
function podRequestsAndLimits(pod: Any): [ResourceMap, ResourceMap] {
  const reqs: ResourceMap = new Map();
  const limits: ResourceMap = new Map();
  for (const c of pod.spec?.containers ?? []) {
    addAll(reqs, c.resources?.requests);
    addAll(limits, c.resources?.limits);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [target, list] of [[reqs, c.resources?.requests], [limits, c.resources?.limits]] as const) {
      for (const [k, raw] of Object.entries((list ?? {}) as Record<string, unknown>)) {
        const q = parseQuantity(raw);
        if (q && (!target.has(k) || (target.get(k) as Quantity).nanos < q.nanos)) target.set(k, q);
      }
    }
  }
  addAll(reqs, pod.spec?.overhead);
  addAll(limits, pod.spec?.overhead);
  return [reqs, limits];
}

function get(m: ResourceMap, k: string): Quantity {
  return m.get(k) ?? zeroQuantity();
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}

export function describeNode(node: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const n: Any = node;
  const w = new PrefixWriter();
  const name = node.metadata.name ?? '';
  w.write(LEVEL_0, `Name:\t${name}\n`);
  const roles = findNodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', n.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${n.spec?.unschedulable === true}\n`);
  const lease: Any = host.get('Lease', 'kube-node-lease', name);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  }
  const conditions: Any[] = n.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of n.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, unknown>) => {
    for (const k of Object.keys(list).sort()) w.write(LEVEL_0, `  ${k}:\t${formatQuantity(parseQuantity(list[k]) ?? zeroQuantity())}\n`);
  };
  const capacity: Record<string, unknown> = n.status?.capacity ?? {};
  const allocatableRaw: Record<string, unknown> = n.status?.allocatable ?? {};
  if (Object.keys(capacity).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(capacity);
  }
  if (Object.keys(allocatableRaw).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(allocatableRaw);
  }
  const info: Any = n.status?.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (n.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${n.spec.podCIDR}\n`);
  if ((n.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${n.spec.podCIDRs.join(',')}\n`);
  if (n.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${n.spec.providerID}\n`);

  // non-terminated pods bound to this node
  const pods = host.list('Pod').filter((p: Any) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc: ResourceMap = new Map();
  addAll(alloc, Object.keys(allocatableRaw).length > 0 ? allocatableRaw : capacity);
  const allocCpu = milliValue(get(alloc, 'cpu'));
  const allocMem = value(get(alloc, 'memory'));
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalReqs: ResourceMap = new Map();
  const totalLimits: ResourceMap = new Map();
  for (const pod of pods) {
    const [reqs, limits] = podRequestsAndLimits(pod);
    for (const [k, q] of reqs) totalReqs.set(k, totalReqs.has(k) ? addQuantity(totalReqs.get(k) as Quantity, q) : q);
    for (const [k, q] of limits) totalLimits.set(k, totalLimits.has(k) ? addQuantity(totalLimits.get(k) as Quantity, q) : q);
    const cr = get(reqs, 'cpu');
    const cl = get(limits, 'cpu');
    const mr = get(reqs, 'memory');
    const ml = get(limits, 'memory');
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${formatQuantity(cr)} (${pct(milliValue(cr), allocCpu)}%)\t${formatQuantity(cl)} (${pct(milliValue(cl), allocCpu)}%)\t${formatQuantity(mr)} (${pct(value(mr), allocMem)}%)\t${formatQuantity(ml)} (${pct(value(ml), allocMem)}%)\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const allocEph = value(get(alloc, 'ephemeral-storage'));
  for (const [res, whole, unit] of [['cpu', allocCpu, milliValue], ['memory', allocMem, value], ['ephemeral-storage', allocEph, value]] as const) {
    const r = get(totalReqs, res);
    const l = get(totalLimits, res);
    w.write(LEVEL_1, `${res}\t${formatQuantity(r)} (${pct(unit(r), whole)}%)\t${formatQuantity(l)} (${pct(unit(l), whole)}%)\n`);
  }
  const hugePages = Object.keys(Object.fromEntries(alloc)).filter((k) => k.startsWith('hugepages-')).sort();
  for (const res of hugePages) {
    const r = get(totalReqs, res);
    const l = get(totalLimits, res);
    const whole = value(get(alloc, res));
    w.write(LEVEL_1, `${res}\t${formatQuantity(r)} (${pct(value(r), whole)}%)\t${formatQuantity(l)} (${pct(value(l), whole)}%)\n`);
  }
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const ext = [...alloc.keys()].filter((k) => !standard.has(k) && !k.startsWith('hugepages-') && !k.startsWith('requests.') && !k.startsWith('limits.')).sort();
  for (const res of ext) w.write(LEVEL_1, `${res}\t${formatQuantity(get(totalReqs, res))}\t${formatQuantity(get(totalLimits, res))}\n`);

  // events about the node: by its uid, and by its name as the kubelet records them
  const byUid = searchEvents(host, { name, namespace: '', kind: 'Node', uid: node.metadata.uid });
  const byName = searchEvents(host, { name, namespace: '', kind: 'Node', uid: name });
  describeEvents([...byUid, ...byName.filter((e) => !byUid.includes(e))], w, now);
  return w.finish();
}
