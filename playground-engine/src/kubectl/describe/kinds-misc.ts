/**
 * `kubectl describe` of Namespace, ServiceAccount and EndpointSlice (kubectl/pkg/describe/
 * describe.go: describeNamespace, describeServiceAccount, describeEndpointSliceV1). Each layout
 * was compared byte for byte with the real kubectl v1.30 (oracle-kinds.test.ts).
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { type Any, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './writer';

/** describeNamespace: no Events; the cluster holds no ResourceQuota or LimitRange objects. */
export function describeNamespace(ns: K8sObject, host: KubectlHost): string {
  const o: Any = ns;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${o.status?.phase ?? ''}\n`);
  const conds: Any[] = o.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.lastTransitionTime ?? ''}\t${c.reason ?? ''}\t${c.message ?? ''}\n`); // wording not verified (a Terminating namespace has no conditions in the engine)
  }
  // DescribeResourceQuotas / DescribeLimitRanges of the namespace's (empty) lists
  const name = ns.metadata.name ?? '';
  const quotas = host.list('ResourceQuota', name);
  const limits = host.list('LimitRange', name);
  w.write(LEVEL_0, '\n');
  if (quotas.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
  w.write(LEVEL_0, '\n');
  if (limits.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
  return w.finish();
}

/** describeServiceAccount: the three secret lists (headers in sorted order), then events. */
export function describeServiceAccount(sa: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const o: Any = sa;
  const ns = sa.metadata.namespace ?? '';
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const secrets = host.list('Secret', ns);
  const have = new Set(secrets.map((s) => s.metadata.name));
  // token secrets: type kubernetes.io/service-account-token naming this account
  const tokens = secrets
    .filter((s: Any) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name)
    .map((s) => s.metadata.name ?? '');
  const mountable: string[] = (o.secrets ?? []).map((s: Any) => s.name ?? '');
  const missing = new Set(mountable.filter((n) => !have.has(n)));
  const groups: Array<[string, string[]]> = [
    ['Image pull secrets:', (o.imagePullSecrets ?? []).map((s: Any) => s.name ?? '')],
    ['Mountable secrets: ', mountable],
    ['Tokens:' + ' '.repeat(12), tokens],
  ];
  const empty = ' '.repeat(19);
  for (const [header, names] of groups) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
      prefix = empty;
    }
  }
  describeEvents(searchEvents(host, { name: sa.metadata.name ?? '', namespace: ns, kind: 'ServiceAccount', uid: sa.metadata.uid }), w, now);
  return w.finish();
}

/** describeEndpointSliceV1. */
export function describeEndpointSlice(eps: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const o: Any = eps;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${eps.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', eps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${o.addressType ?? ''}\n`);
  const ports: Any[] = o.ports ?? [];
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) w.write(LEVEL_1, `${p.name ? p.name : '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  const eps2: Any[] = o.endpoints ?? [];
  if (eps2.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of eps2) {
      const addrs = (e.addresses ?? []).join(', ');
      w.write(LEVEL_1, `- Addresses:\t${addrs || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      const ready = e.conditions?.ready;
      w.write(LEVEL_3, `Ready:\t${ready === undefined || ready === null ? '<unset>' : String(ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(searchEvents(host, { name: eps.metadata.name ?? '', namespace: eps.metadata.namespace ?? '', kind: 'EndpointSlice', uid: eps.metadata.uid }), w, now);
  return w.finish();
}
