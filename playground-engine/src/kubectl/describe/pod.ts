/**
 * `kubectl describe pod` (describePod): header fields, containers, readiness gates, conditions
 * (`Type Status` with a trailing space in each cell), volumes, QoS class, node selectors,
 * tolerations, events.
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { since } from '../duration';
import { parseQuantity } from '../quantity';
import { type Any, controllerOf, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123 } from './common';
import { describeContainers, type EnvResolver } from './containers';
import { describeEvents, searchEvents } from './events';
import { describeVolumes } from './volumes';
import { formatLabelSelector } from '../labels';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

/** qos.GetPodQOS over containers and init containers (cpu and memory only). */
export function podQOS(pod: Any): string {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  const all: Any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    for (const [name, raw] of Object.entries(c.resources?.requests ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(raw);
      if (q && q.nanos > 0n) requests.set(name, (requests.get(name) ?? 0n) + q.nanos);
    }
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(c.resources?.limits ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(raw);
      if (q && q.nanos > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + q.nanos);
      }
    }
    if (!found.has('memory') || !found.has('cpu')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/**
 * EnvValueRetriever: kubectl converts the field path with its own scheme, which knows only the
 * default field labels (metadata.name, metadata.namespace); every other path fails to convert
 * and prints an empty value (`NODE_NAME:   (v1:spec.nodeName)`).
 */
export function envResolverFor(pod: Any): EnvResolver {
  return (e: Any) => {
    switch (e.valueFrom?.fieldRef?.fieldPath ?? '') {
      case 'metadata.name': return pod.metadata?.name ?? '';
      case 'metadata.namespace': return pod.metadata?.namespace ?? '';
      default: return '';
    }
  };
}

/** LabelSelectorAsSelector(sel).String(): an empty selector selects everything and prints as "". */
function labelSelectorString(sel: Any): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

export function describePod(pod: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const p: Any = pod;
  const spec: Any = p.spec ?? {};
  const status: Any = p.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pod.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: Any[] = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = controllerOf(p);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const resolve = envResolverFor(p);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, resolve, w, '');
  describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolve, w, '');
  if ((spec.ephemeralContainers ?? []).length > 0) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, resolve, w, '');
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${status.qosClass || podQOS(p)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  const tscs: Any[] = [...(spec.topologySpreadConstraints ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : 1));
  if (tscs.length > 0) {
    w.write(LEVEL_0, 'Topology Spread Constraints:\t');
    tscs.forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`);
      if (t.labelSelector) w.write(LEVEL_0, ` for selector ${labelSelectorString(t.labelSelector)}`);
      w.write(LEVEL_0, '\n');
    });
  }
  // the pod's reference with Kind cleared: events match on name, namespace and uid
  const events = searchEvents(host, { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', uid: pod.metadata.uid });
  describeEvents(events, w, now);
  return w.finish();
}
