/**
 * `kubectl describe service` (describeService, 1.30: endpoints read from the Endpoints object of
 * the same name): selector, type, IP families, cluster IPs, one Port/TargetPort/Endpoints block
 * per port, session affinity, external traffic policy (the internal one only from v1.31), events.
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { formatLabels } from '../labels';
import { formatEndpoints } from '../printers/endpoints';
import { type Any, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, PrefixWriter } from './writer';

export function describeService(svc: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const s: Any = svc;
  const spec: Any = s.spec ?? {};
  const w = new PrefixWriter();
  const ns = svc.metadata.namespace ?? '';
  const endpoints = host.get('Endpoints', ns, svc.metadata.name ?? '');
  w.write(LEVEL_0, `Name:\t${svc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  const families: string[] = spec.ipFamilies ?? [];
  w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  const ips: string[] = spec.clusterIPs ?? [];
  w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress: Any[] = s.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    const list = ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : i.hostname ?? '')).join(', ');
    w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
  }
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? ''}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? sp.port}/${sp.protocol ?? ''}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? ''}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints, new Set([sp.name ?? '']))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  // `Internal Traffic Policy:` is printed by kubectl only from v1.31 on (kubernetes/kubernetes#124294)
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  const events = searchEvents(host, { name: svc.metadata.name ?? '', namespace: ns, kind: 'Service', uid: svc.metadata.uid });
  describeEvents(events, w, now);
  return w.finish();
}
