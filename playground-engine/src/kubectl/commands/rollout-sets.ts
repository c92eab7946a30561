/**
 * `kubectl rollout status` for DaemonSets and StatefulSets (DaemonSetStatusViewer,
 * StatefulSetStatusViewer of kubectl/pkg/polymorphichelpers/rollout_status.go).
 */
import type { K8sObject } from '../../types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface RolloutStatus { msg: string; done: boolean; error?: string }

export function daemonSetStatusMessage(ds: K8sObject): RolloutStatus {
  const o: Any = ds;
  if (o.spec?.updateStrategy?.type !== 'RollingUpdate') return { msg: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = o.status ?? {};
  if (Number(o.metadata.generation ?? 0) <= Number(st.observedGeneration ?? 0)) {
    const desired = Number(st.desiredNumberScheduled ?? 0);
    const updated = Number(st.updatedNumberScheduled ?? 0);
    if (updated < desired) return { msg: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
    const available = Number(st.numberAvailable ?? 0);
    if (available < desired) return { msg: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
    return { msg: `daemon set "${o.metadata.name}" successfully rolled out\n`, done: true };
  }
  return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

export function statefulSetStatusMessage(sts: K8sObject): RolloutStatus {
  const o: Any = sts;
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  if (spec.updateStrategy?.type !== 'RollingUpdate') return { msg: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  if (!st.observedGeneration || Number(o.metadata.generation ?? 0) > Number(st.observedGeneration)) return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = Number(spec.replicas ?? 1);
  const ready = Number(st.readyReplicas ?? 0);
  if (ready < replicas) return { msg: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const updated = Number(st.updatedReplicas ?? 0);
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (spec.updateStrategy?.rollingUpdate) {
    if (partition !== undefined && partition !== null && updated < replicas - Number(partition)) {
      return { msg: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - Number(partition)} new pods have been updated...\n`, done: false };
    }
    return { msg: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) return { msg: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...\n`, done: false };
  return { msg: `statefulset rolling update complete ${Number(st.currentReplicas ?? 0)} pods at revision ${st.currentRevision}...\n`, done: true };
}
