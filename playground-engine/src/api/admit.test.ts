import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from './decode';
import { admit } from './admit';
import type { AdmitContext } from './types';
import type { K8sObject } from '../types';

const SEEDS = join(new URL('.', import.meta.url).pathname, '../../../tests/acceptance/seed-cases');
const CTX: AdmitContext = { operation: 'CREATE', namespace: 'default', nameSuffix: 'x7k2p' };

/** Decode one document (it must decode cleanly) and admit it. */
function run(yaml: string, ctx: AdmitContext = CTX) {
  const r = decode(yaml);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return admit(r.documents[0].object, ctx);
}

const podYaml = (containers: string, spec = '', meta = '  name: nginx\n') => `apiVersion: v1\nkind: Pod\nmetadata:\n${meta}spec:\n${spec}  containers:\n${containers}`;
const nginx = (extra = '') => `  - name: nginx\n    image: nginx:1.25\n${extra}`;

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('acceptance', () => {
  test('s16: liveness successThreshold must be 1', () => {
    const text = readFileSync(join(SEEDS, 's16-invalid-liveness-success', 'input.yaml'), 'utf8');
    const r = run(text);
    expect(r.ok).toBe(false);
    expect(r.message).toBe('The Pod "nginx" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1');
    expect(r.causes).toEqual([{ field: 'spec.containers[0].livenessProbe.successThreshold', text: 'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1' }]);
  });

  for (const c of readdirSync(SEEDS).sort().filter((c) => c !== 's16-invalid-liveness-success')) {
    test(`${c} is admitted`, () => {
      const r = run(readFileSync(join(SEEDS, c, 'input.yaml'), 'utf8'));
      expect(r.message).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.warnings).toEqual([]);
    });
  }
});

describe('Pod validation: one cause per case, exact text', () => {
  const cases: Array<[string, string, string]> = [
    ['pod name', podYaml(nginx(), '', '  name: My_Pod\n'), `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`],
    ['container name', podYaml('  - name: Web\n    image: nginx\n'), `spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`],
    ['container name with dots', podYaml('  - name: web.1\n    image: nginx\n'), 'spec.containers[0].name: Invalid value: "web.1": must not contain dots'],
    ['container name too long', podYaml(`  - name: ${'a'.repeat(64)}\n    image: nginx\n`), `spec.containers[0].name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
    ['duplicate container', podYaml(nginx() + nginx()), 'spec.containers[1].name: Duplicate value: "nginx"'],
    ['no image', podYaml('  - name: nginx\n'), 'spec.containers[0].image: Required value'],
    ['no containers', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers: []\n`, 'spec.containers: Required value'],
    ['containerPort range', podYaml(nginx('    ports:\n    - containerPort: 70000\n')), 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['containerPort missing', podYaml(nginx('    ports:\n    - name: http\n')), 'spec.containers[0].ports[0].containerPort: Required value'],
    ['hostPort range', podYaml(nginx('    ports:\n    - containerPort: 80\n      hostPort: -1\n')), 'spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive'],
    ['port protocol', podYaml(nginx('    ports:\n    - containerPort: 80\n      protocol: ICMP\n')), 'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ['duplicate port name', podYaml(nginx('    ports:\n    - containerPort: 80\n      name: http\n    - containerPort: 81\n      name: http\n')), 'spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ['duplicate host port', podYaml(nginx('    ports:\n    - containerPort: 80\n      hostPort: 8080\n    - containerPort: 81\n      hostPort: 8080\n')), 'spec.containers[0].ports[1].hostPort: Duplicate value: "TCP//8080"'],
    ['imagePullPolicy', podYaml(nginx('    imagePullPolicy: Sometimes\n')), 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ['restartPolicy', podYaml(nginx(), '  restartPolicy: Sometimes\n'), 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ['dnsPolicy', podYaml(nginx(), '  dnsPolicy: X\n'), 'spec.dnsPolicy: Unsupported value: "X": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ['env name', podYaml(nginx('    env:\n    - name: 1ABC\n      value: x\n')), "spec.containers[0].env[0].name: Invalid value: \"1ABC\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"],
    ['env valueFrom empty', podYaml(nginx('    env:\n    - name: A\n      valueFrom: {}\n')), 'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'],
    ['mount of an unknown volume', podYaml(nginx('    volumeMounts:\n    - name: data\n      mountPath: /data\n')), 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['probe without handler', podYaml(nginx('    livenessProbe:\n      periodSeconds: 5\n')), 'spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    ['probe with two handlers', podYaml(nginx('    livenessProbe:\n      httpGet:\n        port: 80\n      tcpSocket:\n        port: 80\n')), 'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ['negative probe period', podYaml(nginx('    readinessProbe:\n      tcpSocket:\n        port: 80\n      periodSeconds: -5\n')), 'spec.containers[0].readinessProbe.periodSeconds: Invalid value: -5: must be greater than or equal to 0'],
    ['startup successThreshold', podYaml(nginx('    startupProbe:\n      tcpSocket:\n        port: 80\n      successThreshold: 3\n')), 'spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1'],
    ['liveness probe grace 0', podYaml(nginx('    livenessProbe:\n      tcpSocket:\n        port: 80\n      terminationGracePeriodSeconds: 0\n')), 'spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0'],
    ['httpGet port 0', podYaml(nginx('    livenessProbe:\n      httpGet:\n        port: 0\n')), 'spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ['httpGet scheme', podYaml(nginx('    livenessProbe:\n      httpGet:\n        port: 80\n        scheme: FTP\n')), 'spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"'],
    ['httpGet named port', podYaml(nginx('    livenessProbe:\n      httpGet:\n        port: Http--Port\n')), 'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "Http--Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['httpGet header name', podYaml(nginx('    livenessProbe:\n      httpGet:\n        port: 80\n        httpHeaders:\n        - name: "bad header"\n          value: x\n')), "spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: \"bad header\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"],
    ['exec without command', podYaml(nginx('    livenessProbe:\n      exec: {}\n')), 'spec.containers[0].livenessProbe.exec.command: Required value'],
    ['grpc port', podYaml(nginx('    livenessProbe:\n      grpc:\n        port: 70000\n')), 'spec.containers[0].livenessProbe.grpc.port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['lifecycle sleep beyond the grace period', podYaml(nginx('    lifecycle:\n      preStop:\n        sleep:\n          seconds: 40\n')), 'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 40: must be greater than 0 and less than terminationGracePeriodSeconds (30)'],
    ['lifecycle hook without handler', podYaml(nginx('    lifecycle:\n      postStart: {}\n')), 'spec.containers[0].lifecycle.postStart: Required value: must specify a handler type'],
    ['restartPolicy on an app container', podYaml(nginx('    restartPolicy: Always\n')), 'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
    ['probe on a plain init container', podYaml(nginx(), '  initContainers:\n  - name: init\n    image: busybox\n    readinessProbe:\n      tcpSocket:\n        port: 80\n'), 'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    ['init container restartPolicy', podYaml(nginx(), '  initContainers:\n  - name: init\n    image: busybox\n    restartPolicy: Never\n'), 'spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['init container named like an app container', podYaml(nginx(), '  initContainers:\n  - name: nginx\n    image: busybox\n'), 'spec.initContainers[0].name: Duplicate value: "nginx"'],
    ['label value', podYaml(nginx(), '', '  name: nginx\n  labels:\n    app: "bad value"\n'), "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    ['label key prefix', podYaml(nginx(), '', '  name: nginx\n  labels:\n    Example.com/app: web\n'), `metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN_MSG}`],
    ['resources: request above limit', podYaml(nginx('    resources:\n      limits:\n        cpu: 500m\n      requests:\n        cpu: "1"\n')), 'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m'],
    ['resources: unknown name', podYaml(nginx('    resources:\n      limits:\n        gpu: "1"\n')), 'spec.containers[0].resources.limits[gpu]: Invalid value: gpu: must be a standard resource type or fully qualified'],
    ['activeDeadlineSeconds', podYaml(nginx(), '  activeDeadlineSeconds: 0\n'), 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    ['image with trailing space', podYaml('  - name: nginx\n    image: "nginx "\n'), 'spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace'],
  ];
  for (const [name, yaml, cause] of cases) {
    test(name, () => {
      const r = run(yaml);
      expect(r.ok).toBe(false);
      expect(r.causes.map((c) => c.text)[0]).toBe(cause);
      if (r.causes.length === 1) expect(r.message).toBe(`The Pod "${r.causes.length && yaml.includes('My_Pod') ? 'My_Pod' : 'nginx'}" is invalid: ${cause}`);
    });
  }

  test('several causes: prefix line with its trailing space, then `* ` lines, in the validator order', () => {
    const r = run(podYaml('  - name: nginx\n    livenessProbe:\n      tcpSocket:\n        port: 80\n      successThreshold: 2\n  - name: nginx\n    image: nginx\n'));
    expect(r.message).toBe(
      [
        'The Pod "nginx" is invalid: ',
        '* spec.containers[0].image: Required value',
        '* spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
        '* spec.containers[1].name: Duplicate value: "nginx"',
      ].join('\n'),
    );
  });

  test('readiness probe grace period: both rules apply', () => {
    const r = run(podYaml(nginx('    readinessProbe:\n      tcpSocket:\n        port: 80\n      terminationGracePeriodSeconds: -1\n')));
    expect(r.causes.map((c) => c.text)).toEqual([
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: -1: must be greater than 0',
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: -1: must not be set for readinessProbes',
    ]);
  });

  test('missing name', () => {
    const r = run(podYaml(nginx(), '', '  labels:\n    a: b\n'));
    expect(r.message).toBe('The Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  test('a port name with every rule broken', () => {
    const r = run(podYaml(nginx('    ports:\n    - containerPort: 80\n      name: "-1234567890123456-"\n')));
    expect(r.causes.map((c) => c.text)).toEqual([
      'spec.containers[0].ports[0].name: Invalid value: "-1234567890123456-": must be no more than 15 characters',
      'spec.containers[0].ports[0].name: Invalid value: "-1234567890123456-": must contain at least one letter (a-z)',
      'spec.containers[0].ports[0].name: Invalid value: "-1234567890123456-": must not begin or end with a hyphen',
    ]);
  });

  test('a sidecar (restartPolicy: Always init container) may have probes, and they are validated', () => {
    const r = run(podYaml(nginx(), '  initContainers:\n  - name: proxy\n    image: envoy\n    restartPolicy: Always\n    livenessProbe:\n      tcpSocket:\n        port: 80\n      successThreshold: 2\n'));
    expect(r.message).toBe('The Pod "nginx" is invalid: spec.initContainers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1');
  });

  test('negative grace period: admitted with the API warning', () => {
    const r = run(podYaml(nginx(), '  terminationGracePeriodSeconds: -5\n'));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(['spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1']);
  });
});

describe('Deployment, ReplicaSet, Service, and the simple kinds', () => {
  const deploy = (spec: string, name = 'web') => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
  const template = (labels = 'app: web', extra = '') => `  template:\n    metadata:\n      labels:\n        ${labels}\n    spec:\n${extra}      containers:\n      - name: web\n        image: nginx\n`;

  test('selector does not match the template labels', () => {
    const r = run(deploy(`  selector:\n    matchLabels:\n      app: x\n${template('app: web')}`));
    expect(r.message).toBe('The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
  });

  test('no selector (as a v1.26+ cluster answers: both causes)', () => {
    const r = run(deploy(template('run: app'), 'nginx'));
    expect(r.message).toBe('The Deployment "nginx" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"run":"app"}: `selector` does not match template `labels`');
  });

  test('template rules: restartPolicy Always, template labels path, template spec path', () => {
    const r = run(deploy(`  selector:\n    matchLabels:\n      app: web\n${template('app: web', '      restartPolicy: Never\n')}`));
    expect(r.causes.map((c) => c.text)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
    const bad = run(deploy(`  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        "a b": c\n    spec:\n      containers:\n      - name: Web\n        image: nginx\n`));
    expect(bad.causes.map((c) => c.field)).toEqual(['spec.template.labels', 'spec.template.spec.containers[0].name']);
  });

  test('rolling update parameters', () => {
    const r = run(deploy(`  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0\n${template()}`));
    expect(r.causes.map((c) => c.text)).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
    const p = run(deploy(`  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxSurge: 25x\n${template()}`));
    expect(p.causes.map((c) => c.text)).toEqual(["spec.strategy.rollingUpdate.maxSurge: Invalid value: 25x: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]);
  });

  test('ReplicaSet: empty selector message says deployment, as upstream', () => {
    const r = run(`apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  selector: {}\n${template()}`);
    expect(r.causes.map((c) => c.text)).toEqual(['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']);
  });

  const svc = (spec: string, name = 'web') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: web\n${spec}`;
  test('Service ports', () => {
    expect(run(svc('  ports:\n  - port: 80\n  - port: 443\n')).causes.map((c) => c.text)).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
    // targetPort defaults to the port, so it is reported too
    expect(run(svc('  ports:\n  - port: 0\n')).causes.map((c) => c.text)).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(run(svc('  ports:\n  - name: a\n    port: 80\n  - name: b\n    port: 80\n')).causes.map((c) => c.text)).toEqual([
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
    expect(run(svc('  ports:\n  - port: 80\n    targetPort: 0x1FFFF\n')).causes.map((c) => c.text)).toEqual(['spec.ports[0].targetPort: Invalid value: 131071: must be between 1 and 65535, inclusive']);
    expect(run(svc('  ports:\n  - port: 80\n    nodePort: 30080\n')).causes.map((c) => c.text)).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
    expect(run(svc('  type: Cluster\n  ports:\n  - port: 80\n')).causes.map((c) => c.text)).toEqual(['spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
  });

  test('Service name is a DNS-1035 label', () => {
    expect(run(svc('  ports:\n  - port: 80\n', '1web')).message).toBe(
      "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  test('ConfigMap and Secret keys, Namespace name', () => {
    expect(run('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  "a b": x\n').causes.map((c) => c.text)).toEqual([
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(run('apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: eA==\n').causes.map((c) => c.text)).toEqual(['data[tls.key]: Required value']);
    expect(run('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web.prod\n').causes.map((c) => c.text)).toEqual(['metadata.name: Invalid value: "web.prod": must not contain dots']);
  });
});

describe('updates', () => {
  const base = podYaml(nginx('    livenessProbe:\n      tcpSocket:\n        port: 80\n'));
  const created = run(base).object as K8sObject;
  const live = { ...created, metadata: { ...created.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(decode(base).documents[0].object) } }, spec: { ...created.spec, nodeName: 'k8s-node01' } };
  const update = (yaml: string) => run(yaml, { operation: 'UPDATE', existing: live, namespace: 'default', nameSuffix: 'zzzzz' });

  test('changing the image is allowed; server-set fields are kept by the apply merge', () => {
    const r = update(podYaml('  - name: nginx\n    image: nginx:1.26\n    livenessProbe:\n      tcpSocket:\n        port: 80\n'));
    expect(r.ok).toBe(true);
    expect(r.object?.spec.containers[0].image).toBe('nginx:1.26');
    expect(r.object?.spec.nodeName).toBe('k8s-node01');
    expect(r.object?.spec.volumes[0].name).toBe('kube-api-access-x7k2p');
  });

  test('unchanged manifest: no error, same spec', () => {
    const r = update(base);
    expect(r.ok).toBe(true);
    expect(r.object?.spec).toEqual(live.spec);
  });

  test('changing a probe is Forbidden, with the list of updatable fields and a spec diff', () => {
    const r = update(podYaml(nginx('    livenessProbe:\n      tcpSocket:\n        port: 80\n      periodSeconds: 5\n')));
    expect(r.ok).toBe(false);
    expect(r.causes).toHaveLength(1);
    expect(r.message).toMatch(
      /^The Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core\.PodSpec\{\n/,
    );
    expect(r.message).toContain('- \tContainers[0].LivenessProbe.PeriodSeconds: 10,\n+ \tContainers[0].LivenessProbe.PeriodSeconds: 5,');
  });

  test('removing a probe (present in the last applied configuration) is Forbidden too', () => {
    const r = update(podYaml(nginx()));
    expect(r.ok).toBe(false);
    expect(r.message).toContain('Containers[0].LivenessProbe');
  });

  test('adding a container is Forbidden', () => {
    const r = update(podYaml(nginx('    livenessProbe:\n      tcpSocket:\n        port: 80\n') + '  - name: sidecar\n    image: busybox\n'));
    expect(r.message).toBe('The Pod "nginx" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  test('kubectl replace sends the whole object: the new token volume makes it Forbidden', () => {
    const r = run(base, { operation: 'UPDATE', existing: live, namespace: 'default', nameSuffix: 'zzzzz', mode: 'replace' });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('spec: Forbidden: pod updates may not change fields other than');
  });

  test('a Deployment selector is immutable', () => {
    const d = (app: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;
    const old = run(d('web')).object as K8sObject;
    const r = run(d('api'), { operation: 'UPDATE', existing: old, namespace: 'default', mode: 'replace' });
    expect(r.message).toBe('The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"api"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });
});

describe('admit never throws', () => {
  test('garbage objects give an error, not an exception', () => {
    for (const o of [{}, { kind: 'Pod' }, { kind: 'Pod', spec: 5 }, { kind: 'Pod', metadata: [], spec: { containers: [null, 5, 'x'] } }, { kind: 'Deployment', spec: { template: 7 } }, { kind: 'Service', spec: { ports: 'x' } }]) {
      const r = admit(o as unknown as K8sObject, CTX);
      expect(typeof r.ok).toBe('boolean');
    }
  });
});
