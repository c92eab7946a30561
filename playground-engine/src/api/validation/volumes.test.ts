/**
 * The API server's validation of volume sources and downward API references
 * (pkg/apis/core/validation/validation.go v1.30: validateKeyToPath,
 * validateLocalNonReservedPath, validateHostPathType, validateDownwardAPIVolumeFile — which is
 * handed the volume source's path, not the item's — validateObjectFieldSelector with
 * pods.ConvertDownwardAPIFieldLabel, validateContainerResourceFieldSelector).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../index';

const BAD = `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: app
    image: busybox:1.28
    env:
    - name: X
      valueFrom: {fieldRef: {fieldPath: spec.bogus}}
    - name: W
      valueFrom: {resourceFieldRef: {resource: limits.foo}}
    - name: V
      valueFrom: {fieldRef: {fieldPath: status.phase}}
  volumes:
  - name: a
    configMap: {name: x, defaultMode: 1000, items: [{key: k, path: ../x}, {key: '', path: /abs}, {key: k, path: ..x}]}
  - name: b
    hostPath: {path: /a/../b, type: Weird}
  - name: d
    downwardAPI:
      items:
      - path: x
        fieldRef: {fieldPath: status.podIP}
      - path: yy
        resourceFieldRef: {resource: limits.cpu}
      - path: zz
`;

describe('volume and downward API validation', () => {
  it('reports every error in the API server\'s order and words', () => {
    const r = simulate(BAD);
    expect(r.accepted).toBe(false);
    expect(r.rejection).toBe(`The Pod "bad" is invalid: 
* spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive
* spec.volumes[0].configMap.items[0].path: Invalid value: "../x": must not contain '..'
* spec.volumes[0].configMap.items[1].key: Required value
* spec.volumes[0].configMap.items[1].path: Invalid value: "/abs": must be a relative path
* spec.volumes[0].configMap.items[2].path: Invalid value: "..x": must not start with '..'
* spec.volumes[1].hostPath.path: Invalid value: "/a/../b": must not contain '..'
* spec.volumes[1].hostPath.type: Unsupported value: "Weird": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"
* spec.volumes[2].downwardAPI.fieldRef.fieldPath: Unsupported value: "status.podIP": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"
* spec.volumes[2].downwardAPI.resourceFieldRef.containerName: Required value
* spec.volumes[2].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required
* spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.bogus": error converting fieldPath: field label not supported: spec.bogus
* spec.containers[0].env[1].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.foo": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"
* spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`);
  });
});
