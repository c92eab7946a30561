/**
 * The API resources of the simulated cluster (`kubectl api-resources` on a v1.30 cluster with
 * metrics-server), and which kinds the simulator actually stores.
 */
import type { ResourceInfo } from '../kubectl/types';

const ROWS = `bindings||v1|true|Binding
componentstatuses|cs|v1|false|ComponentStatus
configmaps|cm|v1|true|ConfigMap
endpoints|ep|v1|true|Endpoints
events|ev|v1|true|Event
limitranges|limits|v1|true|LimitRange
namespaces|ns|v1|false|Namespace
nodes|no|v1|false|Node
persistentvolumeclaims|pvc|v1|true|PersistentVolumeClaim
persistentvolumes|pv|v1|false|PersistentVolume
pods|po|v1|true|Pod
podtemplates||v1|true|PodTemplate
replicationcontrollers|rc|v1|true|ReplicationController
resourcequotas|quota|v1|true|ResourceQuota
secrets||v1|true|Secret
serviceaccounts|sa|v1|true|ServiceAccount
services|svc|v1|true|Service
mutatingwebhookconfigurations||admissionregistration.k8s.io/v1|false|MutatingWebhookConfiguration
validatingadmissionpolicies||admissionregistration.k8s.io/v1|false|ValidatingAdmissionPolicy
validatingadmissionpolicybindings||admissionregistration.k8s.io/v1|false|ValidatingAdmissionPolicyBinding
validatingwebhookconfigurations||admissionregistration.k8s.io/v1|false|ValidatingWebhookConfiguration
customresourcedefinitions|crd,crds|apiextensions.k8s.io/v1|false|CustomResourceDefinition
apiservices||apiregistration.k8s.io/v1|false|APIService
controllerrevisions||apps/v1|true|ControllerRevision
daemonsets|ds|apps/v1|true|DaemonSet
deployments|deploy|apps/v1|true|Deployment
replicasets|rs|apps/v1|true|ReplicaSet
statefulsets|sts|apps/v1|true|StatefulSet
selfsubjectreviews||authentication.k8s.io/v1|false|SelfSubjectReview
tokenreviews||authentication.k8s.io/v1|false|TokenReview
localsubjectaccessreviews||authorization.k8s.io/v1|true|LocalSubjectAccessReview
selfsubjectaccessreviews||authorization.k8s.io/v1|false|SelfSubjectAccessReview
selfsubjectrulesreviews||authorization.k8s.io/v1|false|SelfSubjectRulesReview
subjectaccessreviews||authorization.k8s.io/v1|false|SubjectAccessReview
horizontalpodautoscalers|hpa|autoscaling/v2|true|HorizontalPodAutoscaler
cronjobs|cj|batch/v1|true|CronJob
jobs||batch/v1|true|Job
certificatesigningrequests|csr|certificates.k8s.io/v1|false|CertificateSigningRequest
leases||coordination.k8s.io/v1|true|Lease
endpointslices||discovery.k8s.io/v1|true|EndpointSlice
events|ev|events.k8s.io/v1|true|Event
flowschemas||flowcontrol.apiserver.k8s.io/v1|false|FlowSchema
prioritylevelconfigurations||flowcontrol.apiserver.k8s.io/v1|false|PriorityLevelConfiguration
nodes||metrics.k8s.io/v1beta1|false|NodeMetrics
pods||metrics.k8s.io/v1beta1|true|PodMetrics
ingressclasses||networking.k8s.io/v1|false|IngressClass
ingresses|ing|networking.k8s.io/v1|true|Ingress
networkpolicies|netpol|networking.k8s.io/v1|true|NetworkPolicy
runtimeclasses||node.k8s.io/v1|false|RuntimeClass
poddisruptionbudgets|pdb|policy/v1|true|PodDisruptionBudget
clusterrolebindings||rbac.authorization.k8s.io/v1|false|ClusterRoleBinding
clusterroles||rbac.authorization.k8s.io/v1|false|ClusterRole
rolebindings||rbac.authorization.k8s.io/v1|true|RoleBinding
roles||rbac.authorization.k8s.io/v1|true|Role
priorityclasses|pc|scheduling.k8s.io/v1|false|PriorityClass
csidrivers||storage.k8s.io/v1|false|CSIDriver
csinodes||storage.k8s.io/v1|false|CSINode
csistoragecapacities||storage.k8s.io/v1|true|CSIStorageCapacity
storageclasses|sc|storage.k8s.io/v1|false|StorageClass
volumeattachments||storage.k8s.io/v1|false|VolumeAttachment`;

function singular(kind: string): string {
  return kind.toLowerCase();
}

export const API_RESOURCES: ResourceInfo[] = ROWS.split('\n').map((line) => {
  const [name, short, apiVersion, namespaced, kind] = line.split('|');
  return { name, shortNames: short ? short.split(',') : [], apiVersion, namespaced: namespaced === 'true', kind, singular: singular(kind) };
});

/** Kinds the simulator stores (others exist in discovery but are always empty). */
export const STORED_KINDS = new Set([
  'Pod', 'Service', 'Endpoints', 'EndpointSlice', 'Namespace', 'Node', 'Event', 'ConfigMap', 'Secret',
  'ServiceAccount', 'Deployment', 'ReplicaSet', 'Lease', 'Job', 'CronJob', 'DaemonSet', 'StatefulSet',
]);

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return API_RESOURCES.find((r) => r.kind === kind && !r.apiVersion.startsWith('metrics') && !(kind === 'Event' && r.apiVersion !== 'v1'));
}

/** The plural resource name kubectl prints in messages (`pods "nginx" not found`). */
export function pluralOf(kind: string): string {
  return resourceForKind(kind)?.name ?? `${kind.toLowerCase()}s`;
}
