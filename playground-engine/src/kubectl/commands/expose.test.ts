/**
 * kubectl expose / create service / run --expose. Expected texts are the real kubectl v1.30's
 * output for the same objects (kubectl-oracle fake API server, `--dry-run=client`).
 */
import { describe, expect, it } from 'vitest';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';

const NOW = 100_000_000;

function cluster(): FakeHost {
  const h = new FakeHost(NOW);
  h.add(O.running(O.pod('nginx', NOW, { age: 60, labels: { app: 'nginx' }, ports: [80] }), NOW));
  h.add(O.running(O.pod('nolabel', NOW, { age: 60, labels: {} }), NOW));
  const multi = O.pod('multi', NOW, { age: 60, labels: { app: 'm' } });
  multi.spec.containers[0].ports = [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }];
  h.add(multi);
  h.add({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, uid: 'd1', creationTimestamp: '2022-12-08T11:35:00Z' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.23' }] } } },
  });
  h.add(O.node('k8s-node01', NOW, 100, '192.168.200.64', false));
  return h;
}

const SVC_NGINX =
  'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: nginx\n  name: nginx\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: nginx\nstatus:\n  loadBalancer: {}\n';

describe('kubectl expose', () => {
  it('a pod: selector and labels from the pod, the port from --port or its container port', () => {
    expect(kubectl(cluster(), 'expose pod nginx --port=80 --dry-run=client -o yaml').stdout).toBe(SVC_NGINX);
    expect(kubectl(cluster(), 'expose pod nginx --dry-run=client -o yaml').stdout).toBe(SVC_NGINX);
    expect(kubectl(cluster(), 'expose pod nginx --port=80 --dry-run=client').stdout).toBe('service/nginx exposed (dry run)\n');
  });

  it('several container ports become port-1, port-2 with their protocols', () => {
    expect(kubectl(cluster(), 'expose pod multi --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: m\n  name: multi\nspec:\n  ports:\n  - name: port-1\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  - name: port-2\n    port: 53\n    protocol: UDP\n    targetPort: 53\n  selector:\n    app: m\nstatus:\n  loadBalancer: {}\n',
    );
  });

  it('a deployment with --target-port, --type and --name', () => {
    expect(kubectl(cluster(), 'expose deployment web --port=80 --target-port=8080 --type=NodePort --name=websvc --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: websvc\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    );
  });

  it('-o json is the Go struct (kind first, ServicePort order)', () => {
    const out = kubectl(cluster(), 'expose pod nginx --port 80 --dry-run=client -o json').stdout;
    expect(out).toBe(
      '{\n    "kind": "Service",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "nginx",\n        "creationTimestamp": null,\n        "labels": {\n            "app": "nginx"\n        }\n    },\n    "spec": {\n        "ports": [\n            {\n                "protocol": "TCP",\n                "port": 80,\n                "targetPort": 80\n            }\n        ],\n        "selector": {\n            "app": "nginx"\n        }\n    },\n    "status": {\n        "loadBalancer": {}\n    }\n}\n',
    );
  });

  it('creates through the host and prints `exposed`', () => {
    const h = cluster();
    expect(kubectl(h, 'expose pod nginx --port=80 --type=NodePort')).toEqual({ code: 0, stdout: 'service/nginx exposed\n', stderr: '' });
    expect(h.created[0].spec).toEqual({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'nginx' }, type: 'NodePort' });
  });

  it("kubectl's errors", () => {
    const h = cluster();
    expect(kubectl(h, 'expose pod nolabel --port=80').stderr).toBe("error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n");
    expect(kubectl(h, 'expose deployment web').stderr).toBe("error: couldn't find port via --port flag or introspection\n");
    expect(kubectl(h, 'expose pod nope --port=80').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kubectl(h, 'expose node k8s-node01 --port=80').stderr).toBe('error: cannot expose a Node\n');
    expect(kubectl(h, 'expose pod nginx --port=abc').stderr).toBe('error: strconv.Atoi: parsing "abc": invalid syntax\n');
    expect(kubectl(h, 'expose').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(h.created).toEqual([]);
  });
});

describe('kubectl create service', () => {
  it('clusterip with PORT:TARGET pairs', () => {
    expect(kubectl(cluster(), 'create service clusterip my-svc --tcp=80:8080,443:8443 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my-svc\n  name: my-svc\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  - name: 443-8443\n    port: 443\n    protocol: TCP\n    targetPort: 8443\n  selector:\n    app: my-svc\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    );
    expect(kubectl(cluster(), 'create service clusterip my-svc --clusterip=None --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my-svc\n  name: my-svc\nspec:\n  clusterIP: None\n  selector:\n    app: my-svc\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    );
  });

  it('nodeport with --node-port', () => {
    expect(kubectl(cluster(), 'create service nodeport my-np --tcp=80 --node-port=30080 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my-np\n  name: my-np\nspec:\n  ports:\n  - name: "80"\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: my-np\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    );
    const h = cluster();
    expect(kubectl(h, 'create svc nodeport my-np --tcp=80:8080').stdout).toBe('service/my-np created\n');
    expect(h.created[0].spec.type).toBe('NodePort');
  });

  it("create service's errors", () => {
    const h = cluster();
    expect(kubectl(h, 'create service clusterip my-svc').stderr).toBe('error: at least one tcp port specifier must be provided\n');
    expect(kubectl(h, 'create service clusterip my-svc --tcp=abc').stderr).toBe('error: strconv.ParseUint: parsing "abc": invalid syntax\n');
    expect(kubectl(h, 'create service clusterip a --tcp=99999').stderr).toBe('error: strconv.ParseUint: parsing "99999": value out of range\n');
    expect(kubectl(h, 'create service clusterip --tcp=80').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples\n");
    expect(kubectl(h, 'create service').code).toBe(1);
  });
});

describe('kubectl run --expose', () => {
  it('creates the Service first, then the Pod', () => {
    expect(kubectl(cluster(), 'run web --image=nginx --port=80 --expose --dry-run=client').stdout).toBe('service/web created (dry run)\npod/web created (dry run)\n');
    expect(kubectl(cluster(), 'run web --image=nginx --port=80 --expose --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: web\nstatus:\n  loadBalancer: {}\n---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: web\n  name: web\nspec:\n  containers:\n  - image: nginx\n    name: web\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    const h = cluster();
    expect(kubectl(h, 'run web --image=nginx --port=80 --expose').stdout).toBe('service/web created\npod/web created\n');
    expect(h.created.map((o) => o.kind)).toEqual(['Service', 'Pod']);
    expect(kubectl(h, 'run web2 --image=nginx --expose').stderr).toBe("error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n");
  });
});
