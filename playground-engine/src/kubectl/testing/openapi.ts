/**
 * A trimmed OpenAPI v3 document (api/v1 shape, descriptions from the v1.30 spec) for the explain
 * tests: Pod, PodSpec (containers, restartPolicy), Container (name, image, command), ObjectMeta.
 */
export const OPENAPI_V1 = {
  openapi: '3.0.0',
  components: {
    schemas: {
      'io.k8s.api.core.v1.Pod': {
        description: 'Pod is a collection of containers that can run on your hosts. This resource is created by clients and scheduled onto hosts.',
        type: 'object',
        properties: {
          apiVersion: {
            description:
              'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
            type: 'string',
          },
          kind: {
            description:
              'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
            type: 'string',
          },
          metadata: {
            allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
            default: {},
            description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
          },
          spec: {
            allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }],
            default: {},
            description: 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
          },
        },
        'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
      },
      'io.k8s.api.core.v1.PodSpec': {
        description: 'PodSpec is a description of a pod.',
        type: 'object',
        required: ['containers'],
        properties: {
          containers: {
            description:
              'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
            type: 'array',
            items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} },
            'x-kubernetes-list-map-keys': ['name'],
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-patch-merge-key': 'name',
            'x-kubernetes-patch-strategy': 'merge',
          },
          restartPolicy: {
            description:
              'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n\nPossible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"`',
            enum: ['Always', 'Never', 'OnFailure'],
            type: 'string',
          },
        },
      },
      'io.k8s.api.core.v1.Container': {
        description: 'A single application container that you want to run within a pod.',
        type: 'object',
        required: ['name'],
        properties: {
          command: {
            description:
              "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment.",
            type: 'array',
            items: { type: 'string', default: '' },
            'x-kubernetes-list-type': 'atomic',
          },
          image: {
            description:
              'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
            type: 'string',
          },
          name: {
            description: 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.',
            type: 'string',
            default: '',
          },
        },
      },
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
        description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
        type: 'object',
        properties: {
          labels: {
            description: 'Map of string keys and values that can be used to organize and categorize (scope and select) objects.',
            type: 'object',
            additionalProperties: { type: 'string', default: '' },
          },
          name: { description: 'Name must be unique within a namespace.', type: 'string' },
        },
      },
    },
  },
};
