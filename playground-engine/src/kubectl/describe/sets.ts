/**
 * `kubectl describe daemonset` and `describe statefulset` (describeDaemonSet,
 * describeStatefulSet, getPodStatusForController of kubectl/pkg/describe/describe.go).
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { formatLabelSelector, formatLabels } from '../labels';
import { type Any, printAnnotationsMultiline, printLabelsMultiline, rfc1123 } from './common';
import { describePodTemplate } from './deployment';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

/** getPodStatusForController: the owner's pods by phase (Pending counts as Waiting). */
function podStatus(host: KubectlHost, owner: K8sObject): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of host.list('Pod', owner.metadata.namespace)) {
    if (!(p.metadata.ownerReferences ?? []).some((r: Any) => r.controller === true && r.uid === owner.metadata.uid)) continue;
    const phase = (p as Any).status?.phase;
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

export function describeDaemonSet(o: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const ds: Any = o;
  const st: Any = ds.status ?? {};
  const w = new PrefixWriter();
  // DaemonSetDescriber prints no Namespace line (kubectl v1.30, checked with the real binary)
  w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podStatus(host, o)}\n`);
  describePodTemplate(ds.spec?.template, w);
  describeEvents(searchEvents(host, { name: o.metadata.name ?? '', namespace: o.metadata.namespace ?? '', kind: 'DaemonSet', uid: o.metadata.uid }), w, now);
  return w.finish();
}

export function describeStatefulSet(o: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const sts: Any = o;
  const spec: Any = sts.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(o.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  // the Update Strategy / Partition lines: kubectl's layout as remembered, wording not verified against the v1.30 source
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podStatus(host, o)}\n`);
  describePodTemplate(spec.template, w);
  if (!(spec.volumeClaimTemplates ?? []).length) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of spec.volumeClaimTemplates) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(searchEvents(host, { name: o.metadata.name ?? '', namespace: o.metadata.namespace ?? '', kind: 'StatefulSet', uid: o.metadata.uid }), w, now);
  return w.finish();
}
