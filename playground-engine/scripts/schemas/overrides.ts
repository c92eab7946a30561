/**
 * What the TypeScript declarations cannot say and the Go types do (k8s.io/api v0.30.0,
 * core/v1/types.go and apps/v1/types.go; apimachinery meta/v1/types.go): which numbers are
 * int64 (all others are int32), which string maps hold `[]byte` (base64 in JSON), and the
 * `+enum` value sets that the OpenAPI v3 schema lists (sorted, as kube-openapi emits them).
 */

/** `Type.field` → Go int64 (pointer or not). Every other integer field of the closure is int32. */
export const INT64_FIELDS = new Set([
  'ObjectMeta.generation',
  'ObjectMeta.deletionGracePeriodSeconds',
  'Condition.observedGeneration',
  'PodSpec.terminationGracePeriodSeconds',
  'PodSpec.activeDeadlineSeconds',
  'Probe.terminationGracePeriodSeconds',
  'SleepAction.seconds',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.fsGroup',
  'PodSecurityContext.supplementalGroups',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'Toleration.tolerationSeconds',
  'ServiceAccountTokenProjection.expirationSeconds',
  'DeploymentStatus.observedGeneration',
  'ReplicaSetStatus.observedGeneration',
]);

/** `map[string][]byte` fields: values are base64 strings in JSON. */
export const BYTES_MAP_FIELDS = new Set(['Secret.data', 'ConfigMap.binaryData']);

/** `Type.field` → enum values (for arrays: of the items). */
export const ENUMS: Record<string, string[]> = {
  'Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'Container.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'ContainerPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'ServicePort.protocol': ['SCTP', 'TCP', 'UDP'],
  'PortStatus.protocol': ['SCTP', 'TCP', 'UDP'],
  'HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'PodSpec.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'PodStatus.phase': ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
  'PodStatus.qosClass': ['BestEffort', 'Burstable', 'Guaranteed'],
  'PodSecurityContext.fsGroupChangePolicy': ['Always', 'OnRootMismatch'],
  'SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'AppArmorProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'Toleration.operator': ['Equal', 'Exists'],
  'Toleration.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'NodeSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
  'VolumeMount.mountPropagation': ['Bidirectional', 'HostToContainer', 'None'],
  'HostPathVolumeSource.type': ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
  'ContainerResizePolicy.restartPolicy': ['NotRequired', 'RestartContainer'],
  'ServiceSpec.type': ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  'ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.ipFamilyPolicy': ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  'LoadBalancerIngress.ipMode': ['Proxy', 'VIP'],
  'DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
};

/** The kinds the playground simulates, with strict field checking (root type ids). */
export const SIMULATED_KINDS: Array<[apiVersion: string, kind: string, id: string]> = [
  ['v1', 'Pod', 'core.v1.Pod'],
  ['v1', 'Service', 'core.v1.Service'],
  ['v1', 'Namespace', 'core.v1.Namespace'],
  ['v1', 'ConfigMap', 'core.v1.ConfigMap'],
  ['v1', 'Secret', 'core.v1.Secret'],
  ['v1', 'ServiceAccount', 'core.v1.ServiceAccount'],
  ['apps/v1', 'Deployment', 'apps.v1.Deployment'],
  ['apps/v1', 'ReplicaSet', 'apps.v1.ReplicaSet'],
  ['apps/v1', 'DaemonSet', 'apps.v1.DaemonSet'],
  ['apps/v1', 'StatefulSet', 'apps.v1.StatefulSet'],
  ['batch/v1', 'Job', 'batch.v1.Job'],
  ['batch/v1', 'CronJob', 'batch.v1.CronJob'],
];

/** Kinds of the editor schema's `if/then` dispatch (the Scenario is added separately). */
export const EDITOR_KINDS = ['core.v1.Pod', 'apps.v1.Deployment', 'apps.v1.ReplicaSet', 'apps.v1.DaemonSet', 'apps.v1.StatefulSet', 'batch.v1.Job', 'batch.v1.CronJob', 'core.v1.Service', 'core.v1.Namespace', 'core.v1.ConfigMap', 'core.v1.Secret'];

/**
 * Served versions of a v1.30 cluster that the types package does not mark GA but that a real
 * cluster maps (kubectl's RESTMapper accepts them): none are simulated; this list only avoids a
 * false "no matches for kind" on them.
 */
export const EXTRA_SERVED_VERSIONS = ['flowcontrol.apiserver.k8s.io/v1beta3'];

/**
 * The `Possible enum values:` paragraph kube-openapi appends to an enum field's description
 * (from the Go constants' comments), which kubernetes-types leaves out. Only fields whose text
 * was checked against kubectl v1.30 explain output / the v1.30 OpenAPI are listed; the value's
 * text is '' when its constant has no comment (PodSpec.restartPolicy).
 */
export const ENUM_DOCS: Record<string, Array<[string, string]>> = {
  'Container.imagePullPolicy': [
    ['Always', 'means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.'],
    ['IfNotPresent', "means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails."],
    ['Never', "means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present"],
  ],
  'Container.terminationMessagePolicy': [
    ['FallbackToLogsOnError', 'will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.'],
    ['File', "is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits."],
  ],
  'ContainerPort.protocol': [
    ['SCTP', 'is the SCTP protocol.'],
    ['TCP', 'is the TCP protocol.'],
    ['UDP', 'is the UDP protocol.'],
  ],
  'ServicePort.protocol': [
    ['SCTP', 'is the SCTP protocol.'],
    ['TCP', 'is the TCP protocol.'],
    ['UDP', 'is the UDP protocol.'],
  ],
  'HTTPGetAction.scheme': [
    ['HTTP', 'means that the scheme used will be http://'],
    ['HTTPS', 'means that the scheme used will be https://'],
  ],
  'PodSpec.restartPolicy': [
    ['Always', ''],
    ['Never', ''],
    ['OnFailure', ''],
  ],
  'PodSpec.dnsPolicy': [
    ['ClusterFirst', 'indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.'],
    ['ClusterFirstWithHostNet', 'indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.'],
    ['Default', 'indicates that the pod should use the default (as determined by kubelet) DNS settings.'],
    ['None', 'indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.'],
  ],
  'PodSpec.preemptionPolicy': [
    ['Never', 'means that pod never preempts other pods with lower priority.'],
    ['PreemptLowerPriority', 'means that pod can preempt other pods with lower priority.'],
  ],
  'ServiceSpec.type': [
    ['ClusterIP', 'means a service will only be accessible inside the cluster, via the cluster IP.'],
    ['ExternalName', 'means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.'],
    ['LoadBalancer', "means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type."],
    ['NodePort', "means a service will be exposed on one port of every node, in addition to 'ClusterIP' type."],
  ],
  'ServiceSpec.sessionAffinity': [
    ['ClientIP', 'is the Client IP based.'],
    ['None', '- no session affinity.'],
  ],
  'ServiceSpec.internalTrafficPolicy': [
    ['Cluster', 'routes traffic to all endpoints.'],
    ['Local', 'routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints).'],
  ],
  'ServiceSpec.ipFamilyPolicy': [
    ['PreferDualStack', 'indicates that this service prefers dual-stack when the cluster is configured for dual-stack. If the cluster is not configured for dual-stack the service will be assigned a single IPFamily. If the IPFamily is not set in service.spec.ipFamilies then the service will be assigned the default IPFamily configured on the cluster'],
    ['RequireDualStack', 'indicates that this service requires dual-stack. Using IPFamilyPolicyRequireDualStack on a single stack cluster will result in validation errors. The IPFamilies (and their order) assigned to this service is based on service.spec.ipFamilies. If service.spec.ipFamilies was not provided then it will be assigned according to how they are configured on the cluster. If service.spec.ipFamilies has only one entry then the alternative IPFamily will be added by apiserver'],
    ['SingleStack', 'indicates that this service is required to have a single IPFamily. The IPFamily assigned is based on the default IPFamily used by the cluster or as identified by service.spec.ipFamilies field'],
  ],
  'DeploymentStrategy.type': [
    ['Recreate', 'Kill all existing pods before creating new ones.'],
    ['RollingUpdate', 'Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.'],
  ],
};

/** A field description with its `Possible enum values:` paragraph, when ENUM_DOCS has one. */
export function withEnumDoc(owner: string, field: string, description: string): string {
  const values = ENUM_DOCS[`${owner}.${field}`];
  if (!values) return description;
  const lines = values.map(([v, text]) => ` - \`"${v}"\`${text ? ' ' + text : ''}`);
  return `${description}\n\nPossible enum values:\n${lines.join('\n')}`;
}
