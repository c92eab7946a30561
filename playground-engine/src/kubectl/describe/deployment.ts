/**
 * `kubectl describe deployment` and `describe replicaset` (describeDeployment,
 * describeReplicaSet, DescribePodTemplate): replica counts, strategy, the pod template with
 * its containers, conditions, old and new ReplicaSets, events.
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { formatLabelSelector } from '../labels';
import { type Any, controllerOf, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123 } from './common';
import { describeContainers } from './containers';
import { describeEvents, searchEvents } from './events';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

export function describePodTemplate(template: Any, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations);
  const spec: Any = template.spec ?? {};
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

function ownedBy(obj: Any, owner: Any): boolean {
  return (obj.metadata?.ownerReferences ?? []).some((r: Any) => r.controller === true && r.uid === owner.metadata?.uid);
}

function withoutHash(template: Any): string {
  const t = JSON.parse(JSON.stringify(template ?? {}));
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return JSON.stringify(t);
}

function rsList(list: Any[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s === '' ? '<none>' : s;
}

export function describeDeployment(d: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const dep: Any = d;
  const spec: Any = dep.spec ?? {};
  const status: Any = dep.status ?? {};
  const w = new PrefixWriter();
  const ns = d.metadata.namespace ?? '';
  w.write(LEVEL_0, `Name:\t${d.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector).replace(/^<none>$/, '')}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(spec.template, w);
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const owned = host.list('ReplicaSet', ns).filter((rs) => ownedBy(rs, dep));
  const target = withoutHash(spec.template);
  const newRS = owned.filter((rs: Any) => withoutHash(rs.spec?.template) === target).slice(0, 1);
  const oldRSs = owned.filter((rs) => !newRS.includes(rs));
  if (owned.length > 0) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS)}\n`);
  }
  describeEvents(searchEvents(host, { name: d.metadata.name ?? '', namespace: ns, kind: 'Deployment', uid: d.metadata.uid }), w, now);
  return w.finish();
}

export function describeReplicaSet(rs: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const r: Any = rs;
  const spec: Any = r.spec ?? {};
  const w = new PrefixWriter();
  const ns = rs.metadata.namespace ?? '';
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const pod of host.list('Pod', ns)) {
    if (!ownedBy(pod, r)) continue;
    const phase = (pod as Any).status?.phase;
    if (phase in counts) counts[phase]++;
  }
  w.write(LEVEL_0, `Name:\t${rs.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const controller = controllerOf(r);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  w.write(LEVEL_0, `Replicas:\t${r.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
  describePodTemplate(spec.template, w);
  if ((r.status?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of r.status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(searchEvents(host, { name: rs.metadata.name ?? '', namespace: ns, kind: 'ReplicaSet', uid: rs.metadata.uid }), w, now);
  return w.finish();
}
