/**
 * Go struct field order of the API types kubectl itself builds (k8s.io/api core/v1 and apps/v1
 * types.go). `-o json` of a typed object (`kubectl run --dry-run=client -o json`) is
 * json.MarshalIndent of the Go struct, so fields come in declaration order (`kind` before
 * `apiVersion`), unlike objects read back from the server (unstructured maps: sorted keys).
 * Unknown fields keep their relative order after the known ones.
 */

type FieldTypes = Record<string, string | undefined>;

interface StructType {
  order: string[];
  children?: FieldTypes;
}

const META = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

const TYPES: Record<string, StructType> = {
  Pod: { order: ['kind', 'apiVersion', 'metadata', 'spec', 'status'], children: { metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus' } },
  Deployment: { order: ['kind', 'apiVersion', 'metadata', 'spec', 'status'], children: { metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'DeploymentStatus' } },
  Namespace: { order: ['kind', 'apiVersion', 'metadata', 'spec', 'status'], children: { metadata: 'ObjectMeta', status: 'NamespaceStatus' } },
  ConfigMap: { order: ['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'binaryData'], children: { metadata: 'ObjectMeta' } },
  Service: { order: ['kind', 'apiVersion', 'metadata', 'spec', 'status'], children: { metadata: 'ObjectMeta', spec: 'ServiceSpec' } },
  ServiceSpec: {
    order: [
      'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName',
      'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy',
      'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution',
    ],
    children: { ports: 'ServicePort' },
  },
  ServicePort: { order: ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'] },
  ObjectMeta: { order: META },
  NamespaceStatus: { order: ['phase', 'conditions'] },
  PodTemplateSpec: { order: ['metadata', 'spec'], children: { metadata: 'ObjectMeta', spec: 'PodSpec' } },
  DeploymentSpec: {
    order: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
    children: { selector: 'LabelSelector', template: 'PodTemplateSpec' },
  },
  DeploymentStatus: { order: ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'conditions', 'collisionCount'] },
  LabelSelector: { order: ['matchLabels', 'matchExpressions'] },
  PodSpec: {
    order: [
      'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy',
      'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC',
      'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases',
      'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead',
      'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims',
    ],
    children: { initContainers: 'Container', containers: 'Container' },
  },
  Container: {
    order: [
      'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices',
      'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext',
      'stdin', 'stdinOnce', 'tty',
    ],
    children: { ports: 'ContainerPort', env: 'EnvVar' },
  },
  ContainerPort: { order: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'] },
  EnvVar: { order: ['name', 'value', 'valueFrom'] },
  EventList: { order: ['kind', 'apiVersion', 'metadata', 'items'], children: { metadata: 'ListMeta', items: 'Event' } },
  ListMeta: { order: ['selfLink', 'resourceVersion', 'continue', 'remainingItemCount'] },
  Event: {
    order: ['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'series', 'action', 'related', 'reportingComponent', 'reportingInstance'],
    children: { metadata: 'ObjectMeta', involvedObject: 'ObjectReference', source: 'EventSource', series: 'EventSeries', related: 'ObjectReference' },
  },
  ObjectReference: { order: ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] },
  EventSource: { order: ['component', 'host'] },
  EventSeries: { order: ['count', 'lastObservedTime'] },
  PodStatus: {
    order: ['phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass', 'ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses'],
  },
};

function reorder(value: unknown, typeName: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, typeName));
  if (typeof value !== 'object' || value === null || !typeName) return value;
  const t = TYPES[typeName];
  if (!t) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of t.order) if (k in obj) out[k] = reorder(obj[k], t.children?.[k]);
  for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k];
  return out;
}

/** The object with its keys in Go struct order, for the kinds kubectl's generators build. */
export function inStructOrder<T>(obj: T & { kind?: string }): T {
  return reorder(obj, obj.kind) as T;
}
