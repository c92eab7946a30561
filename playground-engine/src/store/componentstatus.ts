/**
 * The API server's `componentstatuses` REST storage (pkg/registry/core/componentstatus): not
 * stored in etcd, computed on every read by probing the scheduler and controller-manager
 * (`/healthz`: `ok`) and each etcd server of --etcd-servers (kubeadm's stacked etcd: one,
 * `https://127.0.0.1:2379`, so `etcd-0`; etcd 3.5's /health body). The control plane of the
 * simulated cluster is healthy throughout.
 */
import type { K8sObject } from '../types';

const COMPONENTS: Array<[string, string]> = [
  ['scheduler', 'ok'],
  ['controller-manager', 'ok'],
  ['etcd-0', '{"health":"true","reason":""}'],
];

export function componentStatuses(): K8sObject[] {
  return COMPONENTS.map(([name, message]) => ({
    apiVersion: 'v1',
    kind: 'ComponentStatus',
    metadata: { name, creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: 'True', message }],
  }) as unknown as K8sObject);
}
