import { describe, expect, test } from 'vitest';
import { decode } from './decode';
import { admit } from './admit';
import { imageTag } from './defaults';

const admitted = (yaml: string, nameSuffix = 'q8w2z') => {
  const r = admit(decode(yaml).documents[0].object, { operation: 'CREATE', namespace: 'default', nameSuffix });
  expect(r.message).toBeUndefined();
  return r.object!;
};

describe('imagePullPolicy from the image reference (parsers.ParseImageName)', () => {
  const cases: Array<[string, string]> = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'IfNotPresent'],
    ['nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'Always'],
    ['registry.local:5000/nginx', 'Always'],
    ['registry.local:5000/team/nginx:1.0', 'IfNotPresent'],
  ];
  for (const [image, policy] of cases) {
    test(image, () => {
      const pod = admitted(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: ${image}\n`);
      expect(pod.spec.containers[0].imagePullPolicy).toBe(policy);
    });
  }
  test('imageTag', () => expect(imageTag('a/b:c')).toBe('c'));
});

describe('Pod defaults and admission plugins', () => {
  const pod = admitted(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox\n  containers:\n  - name: c\n    image: nginx:1.25\n    ports:\n    - containerPort: 80\n    livenessProbe:\n      httpGet:\n        port: 80\n      periodSeconds: 0\n    readinessProbe:\n      grpc:\n        port: 9000\n      initialDelaySeconds: 5\n    resources:\n      limits:\n        cpu: 0.5\n        memory: 1.5Gi\n',
  );

  test('PodSpec defaults', () => {
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });

  test('container defaults', () => {
    expect(pod.spec.containers[0]).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(pod.spec.initContainers[0]).toMatchObject({ imagePullPolicy: 'Always', resources: {} });
  });

  test('probe defaults only where 0 or absent; httpGet path and scheme; gRPC service', () => {
    expect(pod.spec.containers[0].livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(pod.spec.containers[0].readinessProbe).toEqual({ grpc: { port: 9000, service: '' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  });

  test('requests default to limits; quantities in canonical form', () => {
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1536Mi' }, requests: { cpu: '500m', memory: '1536Mi' } });
  });

  test('service account token volume and mounts, deterministic suffix', () => {
    expect(pod.spec.volumes).toEqual([
      {
        name: 'kube-api-access-q8w2z',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
    for (const c of [...pod.spec.initContainers, ...pod.spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: 'kube-api-access-q8w2z', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    }
  });

  test('default tolerations', () => {
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  test('namespace from the request; generateName', () => {
    expect(pod.metadata.namespace).toBe('default');
    const g = admitted('apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    expect(g.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(g.metadata.name).toBe(admitted('apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\nspec:\n  containers:\n  - name: c\n    image: nginx\n').metadata.name);
  });

  test('automountServiceAccountToken: false mounts nothing', () => {
    const p = admitted('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: c\n    image: nginx\n');
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  test('a volume without a source is an emptyDir', () => {
    const p = admitted('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: data\n  containers:\n  - name: c\n    image: nginx\n    volumeMounts:\n    - name: data\n      mountPath: /data\n');
    expect(p.spec.volumes[0]).toEqual({ name: 'data', emptyDir: {} });
  });
});

describe('other kinds', () => {
  test('Deployment: replicas, strategy, history, deadline; template defaults without pod-only fields', () => {
    const d = admitted('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n');
    expect(d.spec).toMatchObject({ replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
    expect(d.spec.template.spec).toEqual({
      containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  test('Service: type, affinity, protocol, targetPort, families, internal traffic policy', () => {
    const s = admitted('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    const np = admitted('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    targetPort: http\n');
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }] });
  });

  test('Namespace label, Secret type and stringData', () => {
    expect(admitted('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n').metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'web' });
    const sec = admitted('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: héllo\n');
    expect(sec).toMatchObject({ type: 'Opaque', data: { password: 'aMOpbGxv' } });
    expect(sec.stringData).toBeUndefined();
  });
});
