/**
 * `kubectl describe configmap` and `describe secret` (kubectl/pkg/describe/describe.go
 * describeConfigMap, describeSecret). kubectl ranges over Go maps there, so its key order
 * changes from run to run; the engine prints the keys sorted (one of the orders it prints).
 * A Secret's values are never shown: their length in bytes (a service account token's
 * `token` excepted).
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { printAnnotationsMultiline, printLabelsMultiline } from './common';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, PrefixWriter } from './writer';
import { decodeBase64 } from '../../node/base64';

/** Length in bytes of a base64 value once decoded. */
function decodedLength(b64: unknown): number {
  const s = String(b64 ?? '').replace(/[^A-Za-z0-9+/]/g, '');
  return Math.floor((s.length * 3) / 4);
}

export function describeConfigMap(cm: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, unknown> = cm.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${String(data[k] ?? '')}\n`);
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const bin: Record<string, unknown> = cm.binaryData ?? {};
  for (const k of Object.keys(bin).sort()) w.write(LEVEL_0, `${k}: ${decodedLength(bin[k])} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(searchEvents(host, { name: cm.metadata.name ?? '', namespace: cm.metadata.namespace ?? '', kind: 'ConfigMap', uid: cm.metadata.uid }), w, now);
  return w.finish();
}

export function describeSecret(secret: K8sObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${secret.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  const type = String((secret as { type?: string }).type ?? '');
  w.write(LEVEL_0, `\nType:\t${type}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, unknown> = secret.data ?? {};
  for (const k of Object.keys(data).sort()) {
    if (k === 'token' && type === 'kubernetes.io/service-account-token') {
      w.write(LEVEL_0, `${k}:\t${decodeBase64(String(data[k] ?? ''))}\n`);
    } else w.write(LEVEL_0, `${k}:\t${decodedLength(data[k])} bytes\n`);
  }
  return w.finish();
}
