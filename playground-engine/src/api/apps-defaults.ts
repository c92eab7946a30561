/**
 * SetDefaults_DaemonSet and SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go, v1.30, with
 * StatefulSetAutoDeletePVC on as it is by default) and the template's PodSpec defaults.
 */
import { defaultPodSpec } from './defaults';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const unset = (v: unknown) => v === undefined || v === null;

function template(s: Obj): void {
  if (!isObj(s.template)) s.template = {};
  if (!isObj(s.template.spec)) s.template.spec = {};
  defaultPodSpec(s.template.spec);
}

export function defaultDaemonSet(ds: Obj): void {
  if (!isObj(ds.spec)) ds.spec = {};
  const s = ds.spec;
  if (!isObj(s.updateStrategy)) s.updateStrategy = {};
  if (!s.updateStrategy.type) s.updateStrategy.type = 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    if (!isObj(s.updateStrategy.rollingUpdate)) s.updateStrategy.rollingUpdate = {};
    if (unset(s.updateStrategy.rollingUpdate.maxUnavailable)) s.updateStrategy.rollingUpdate.maxUnavailable = 1;
    if (unset(s.updateStrategy.rollingUpdate.maxSurge)) s.updateStrategy.rollingUpdate.maxSurge = 0;
  }
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  template(s);
}

export function defaultStatefulSet(sts: Obj): void {
  if (!isObj(sts.spec)) sts.spec = {};
  const s = sts.spec;
  if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
  if (!isObj(s.updateStrategy)) s.updateStrategy = {};
  if (!s.updateStrategy.type) s.updateStrategy.type = 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    if (!isObj(s.updateStrategy.rollingUpdate)) s.updateStrategy.rollingUpdate = {};
    if (unset(s.updateStrategy.rollingUpdate.partition)) s.updateStrategy.rollingUpdate.partition = 0;
  }
  if (!isObj(s.persistentVolumeClaimRetentionPolicy)) s.persistentVolumeClaimRetentionPolicy = {};
  if (!s.persistentVolumeClaimRetentionPolicy.whenDeleted) s.persistentVolumeClaimRetentionPolicy.whenDeleted = 'Retain';
  if (!s.persistentVolumeClaimRetentionPolicy.whenScaled) s.persistentVolumeClaimRetentionPolicy.whenScaled = 'Retain';
  if (unset(s.replicas)) s.replicas = 1;
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  template(s);
}
