/** `kubectl describe endpoints` (describeEndpoints): addresses, not-ready addresses and ports per subset. */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { type Any, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './writer';

export function describeEndpoints(ep: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const e: Any = ep;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ep.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ep.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const ss of e.subsets ?? []) {
    const addrs = (ss.addresses ?? []).map((a: Any) => a.ip).join(',');
    w.write(LEVEL_1, `Addresses:\t${addrs || '<none>'}\n`);
    const notReady = (ss.notReadyAddresses ?? []).map((a: Any) => a.ip).join(',');
    w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
    if ((ss.ports ?? []).length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  describeEvents(searchEvents(host, { name: ep.metadata.name ?? '', namespace: ep.metadata.namespace ?? '', kind: 'Endpoints', uid: ep.metadata.uid }), w, now);
  return w.finish();
}
