/**
 * Pod volumes (the kubelet's volume manager): one directory per pod volume shared by the
 * containers that mount it (emptyDir), ConfigMap / Secret / downwardAPI volumes written by the
 * atomic writer (`..data` and one symlink per key, modes from defaultMode / items), hostPath on
 * the node, and the FailedMount events of a volume that cannot be set up.
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHARED = `apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  containers:
  - name: writer
    image: busybox:1.28
    command: ['sh', '-c', 'echo hello from writer > /data/msg; sleep 3600']
    volumeMounts:
    - {name: data, mountPath: /data}
  - name: reader
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 3; cat /in/msg; sleep 3600']
    volumeMounts:
    - {name: data, mountPath: /in}
  volumes:
  - name: data
    emptyDir: {}
`;

describe('emptyDir', () => {
  const [logs, ls, later] = runCommands(SHARED, [
    { atMs: 10_000, line: 'kubectl logs shared -c reader' },
    { atMs: 10_000, line: 'kubectl exec shared -c reader -- ls -ld /in' },
    { atMs: 10_000, line: 'kubectl exec shared -c reader -- sh -c "echo back > /in/reply; cat /in/reply"' },
  ]);
  it('is one directory shared by the containers that mount it', () => {
    expect(logs.stdout).toBe('hello from writer\n');
    expect(later.stdout).toBe('back\n');
  });
  it('is created with mode 0777', () => {
    expect(ls.stdout).toMatch(/^drwxrwxrwx\s+2 root\s+root\s+\d+ Dec  8 11:35 \/in\n$/);
  });
});

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  game.properties: |
    lives=3
  ui.properties: color=blue
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: s3cret
---
apiVersion: v1
kind: Pod
metadata:
  name: cfg
  labels: {app: cfg, tier: web}
spec:
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 3600']
    resources:
      limits: {memory: 64Mi, cpu: 500m}
    env:
    - name: LIVES
      valueFrom: {configMapKeyRef: {name: app-config, key: ui.properties}}
    - name: PASSWORD
      valueFrom: {secretKeyRef: {name: creds, key: password}}
    - name: MEM_LIMIT_MI
      valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
    - name: CPU_LIMIT
      valueFrom: {resourceFieldRef: {resource: limits.cpu}}
    envFrom:
    - prefix: CFG_
      configMapRef: {name: app-config}
    volumeMounts:
    - {name: config, mountPath: /etc/config}
    - {name: items, mountPath: /etc/items}
    - {name: secret, mountPath: /etc/secret, readOnly: true}
    - {name: podinfo, mountPath: /etc/podinfo}
    - {name: config, mountPath: /etc/game.properties, subPath: game.properties}
  volumes:
  - name: config
    configMap: {name: app-config}
  - name: items
    configMap:
      name: app-config
      defaultMode: 0400
      items:
      - {key: ui.properties, path: nested/ui.conf}
  - name: secret
    secret: {secretName: creds}
  - name: podinfo
    downwardAPI:
      items:
      - path: labels
        fieldRef: {fieldPath: metadata.labels}
      - path: mem
        resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}
`;

describe('ConfigMap, Secret and downwardAPI volumes and env', () => {
  const cmds = [
    'ls /etc/config',
    'ls -la /etc/config',
    'cat /etc/config/game.properties',
    'ls -l /etc/items/nested/ui.conf',
    'cat /etc/items/nested/ui.conf',
    'cat /etc/secret/password',
    'cat /etc/podinfo/labels',
    'cat /etc/podinfo/mem',
    'cat /etc/game.properties',
    'env',
  ];
  const out = runCommands(CONFIG, cmds.map((c) => ({ atMs: 10_000, line: `kubectl exec cfg -- ${c}` })));
  const [ls, lsa, game, items, nested, secret, labels, mem, sub, env] = out.map((o) => o.stdout);
  it('writes one file per key behind the atomic writer\'s symlinks', () => {
    expect(ls).toBe('game.properties\nui.properties\n');
    const lines = lsa.split('\n');
    expect(lines.some((l) => /^lrwxrwxrwx .* \.\.data -> \.\.2022_12_08_11_35_0\d\.\d+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^lrwxrwxrwx .* game\.properties -> \.\.data\/game\.properties$/.test(l))).toBe(true);
    expect(game).toBe('lives=3\n');
  });
  it('maps items to paths with defaultMode', () => {
    expect(items).toBe('-r--------    1 root     root            10 Dec  8 11:35 /etc/items/nested/ui.conf\n');
    expect(nested).toBe('color=blue');
  });
  it('decodes the Secret, formats the downward API, copies a subPath file', () => {
    expect(secret).toBe('s3cret');
    expect(labels).toBe('app="cfg"\ntier="web"');
    expect(mem).toBe('64');
    expect(sub).toBe('lives=3\n');
  });
  it('fills env from valueFrom and envFrom', () => {
    const vars = new Map(env.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]));
    expect(vars.get('LIVES')).toBe('color=blue');
    expect(vars.get('PASSWORD')).toBe('s3cret');
    expect(vars.get('MEM_LIMIT_MI')).toBe('64');
    expect(vars.get('CPU_LIMIT')).toBe('1');
    expect(vars.get('CFG_ui.properties')).toBe('color=blue');
  });
});

const MISSING = `apiVersion: v1
kind: Pod
metadata:
  name: needs-config
spec:
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'cat /etc/config/a; echo; sleep 3600']
    volumeMounts:
    - {name: config, mountPath: /etc/config}
  volumes:
  - name: config
    configMap: {name: later-config}
---
apiVersion: v1
kind: Pod
metadata:
  name: needs-env
spec:
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 3600']
    env:
    - name: X
      valueFrom: {secretKeyRef: {name: nope, key: x}}
---
apiVersion: playground/v1
kind: Scenario
spec:
  duration: 60s
  steps:
  - at: 30s
    run: kubectl create configmap later-config --from-literal=a=found
`;

describe('missing ConfigMaps and Secrets', () => {
  const [get, events, get2, logs] = runCommands(MISSING, [
    { atMs: 20_000, line: 'kubectl get pods' },
    { atMs: 20_000, line: 'kubectl get events -o json' },
    { atMs: 60_000, line: 'kubectl get pod needs-config' },
    { atMs: 60_000, line: 'kubectl logs needs-config' },
  ]);
  const items: Json[] = JSON.parse(events.stdout).items;
  it('a volume: FailedMount, retried with back-off, the pod stays ContainerCreating', () => {
    expect(get.stdout).toMatch(/\nneeds-config\s+0\/1\s+ContainerCreating\s+0\s+20s\n/);
    const fm = items.filter((e) => e.reason === 'FailedMount');
    expect(fm).toHaveLength(1);
    expect(fm[0]).toMatchObject({ type: 'Warning', message: 'MountVolume.SetUp failed for volume "config" : configmap "later-config" not found', source: { component: 'kubelet', host: 'k8s-node01' } });
    expect(fm[0].count).toBeGreaterThanOrEqual(5);
    expect(fm[0].involvedObject.fieldPath).toBeUndefined();
  });
  it('then mounts once the ConfigMap exists', () => {
    expect(get2.stdout).toMatch(/\nneeds-config\s+1\/1\s+Running\s+0\s+60s\n/);
    expect(logs.stdout).toBe('found\n');
  });
  it('env: CreateContainerConfigError with the kubelet\'s message', () => {
    expect(get.stdout).toMatch(/\nneeds-env\s+0\/1\s+CreateContainerConfigError\s+0\s+20s\n/);
    const failed = items.filter((e) => e.reason === 'Failed' && e.involvedObject.name === 'needs-env');
    expect(failed[0]).toMatchObject({ type: 'Warning', message: 'Error: secret "nope" not found' });
    expect(failed[0].involvedObject.fieldPath).toBe('spec.containers{app}');
  });
});

const HOSTPATH = `apiVersion: v1
kind: Pod
metadata:
  name: host
spec:
  nodeName: k8s-node01
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'echo from-pod > /host-tmp/pod-was-here; sleep 3600']
    volumeMounts:
    - {name: etc, mountPath: /host-etc}
    - {name: tmp, mountPath: /host-tmp}
  volumes:
  - name: etc
    hostPath: {path: /etc, type: Directory}
  - name: tmp
    hostPath: {path: /tmp/k8s-sim-data, type: DirectoryOrCreate}
---
apiVersion: v1
kind: Pod
metadata:
  name: host-reader
spec:
  nodeName: k8s-node01
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 3600']
    volumeMounts:
    - {name: tmp, mountPath: /data}
  volumes:
  - name: tmp
    hostPath: {path: /tmp/k8s-sim-data}
---
apiVersion: v1
kind: Pod
metadata:
  name: bad-host
spec:
  containers:
  - name: app
    image: busybox:1.28
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - name: data
    hostPath: {path: /no/such/dir, type: Directory}
`;

describe('hostPath', () => {
  const [hostname, written, events] = runCommands(HOSTPATH, [
    { atMs: 10_000, line: 'kubectl exec host -- cat /host-etc/hostname' },
    { atMs: 10_000, line: 'kubectl exec host-reader -- cat /data/pod-was-here' },
    { atMs: 10_000, line: 'kubectl get events -o json' },
  ]);
  it('shows the node\'s own files, and another pod on the node sees what the pod writes', () => {
    expect(hostname.stdout).toBe('k8s-node01\n');
    expect(written.stdout).toBe('from-pod\n');
  });
  it('checks the type', () => {
    const fm = JSON.parse(events.stdout).items.find((e: Json) => e.reason === 'FailedMount' && e.involvedObject.name === 'bad-host');
    expect(fm.message).toBe('MountVolume.SetUp failed for volume "data" : hostPath type check failed: /no/such/dir is not a directory');
  });
});

const READ_ONLY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
---
apiVersion: v1
kind: Pod
metadata:
  name: ro
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
    volumeMounts:
    - name: cfg
      mountPath: /etc/cfg
    - name: data
      mountPath: /data
      readOnly: true
    - name: rw
      mountPath: /rw
    - name: cfg
      mountPath: /etc/a.conf
      subPath: a
  - name: web
    image: nginx:1.23
    volumeMounts:
    - name: cfg
      mountPath: /etc/cfg
    - name: cfg
      mountPath: /etc/a.conf
      subPath: a
  volumes:
  - name: cfg
    configMap:
      name: cfg
  - name: data
    emptyDir: {}
  - name: rw
    emptyDir: {}
`;

describe('read-only mounts: readOnly: true, and configMap / secret / downwardAPI / projected volumes', () => {
  it('writes fail with EROFS in each shell and tool\'s words (a subPath file too; tee says which file, touch of an existing file is refused); a writable emptyDir still takes them', () => {
    const [ash, bash, dash, ashSub, bashSub] = runCommands(READ_ONLY, [
      { atMs: 20_000, line: "kubectl exec ro -c c -- sh -c 'echo x > /etc/cfg/b; echo x >> /data/f; touch /data/g; mkdir /data/d; rm /etc/cfg/a; cat /etc/cfg/a; echo ok > /rw/f; cat /rw/f; echo y > /var/run/secrets/kubernetes.io/serviceaccount/x'" },
      { atMs: 20_000, line: "kubectl exec ro -c web -- bash -c 'echo x > /etc/cfg/b; touch /etc/cfg/c; mkdir /etc/cfg/d; rm /etc/cfg/a'" },
      { atMs: 20_000, line: "kubectl exec ro -c web -- sh -c 'echo x > /etc/cfg/b'" },
      { atMs: 20_000, line: "kubectl exec ro -c c -- sh -c 'echo y | tee /etc/a.conf /rw/t; echo tee=$?; cat /rw/t /etc/a.conf; echo; touch /etc/a.conf /etc/cfg/a; echo touch=$?; touch /rw/t'" },
      { atMs: 20_000, line: "kubectl exec ro -c web -- bash -c 'echo x > /etc/a.conf; echo y | tee -a /etc/a.conf; echo tee=$?; touch /etc/a.conf; cat /etc/a.conf'" },
    ]);
    expect([ashSub.stdout, ashSub.stderr]).toEqual(['y\ntee=1\ny\n1\ntouch=1\n', 'tee: /etc/a.conf: Read-only file system\ntouch: /etc/a.conf: Read-only file system\ntouch: /etc/cfg/a: Read-only file system\n']);
    expect([bashSub.stdout, bashSub.stderr]).toEqual(['y\ntee=1\n1', "bash: line 1: /etc/a.conf: Read-only file system\ntee: /etc/a.conf: Read-only file system\ntouch: cannot touch '/etc/a.conf': Read-only file system\n"]);
    // the ConfigMap's value "1" has no newline, so cat's output runs into the next line's
    expect(ash.stdout).toBe('1ok\n');
    expect(ash.stderr).toBe([
      "sh: can't create /etc/cfg/b: Read-only file system",
      "sh: can't create /data/f: Read-only file system",
      'touch: /data/g: Read-only file system',
      "mkdir: can't create directory '/data/d': Read-only file system",
      "rm: can't remove '/etc/cfg/a': Read-only file system",
      "sh: can't create /var/run/secrets/kubernetes.io/serviceaccount/x: Read-only file system",
      'command terminated with exit code 1',
      '',
    ].join('\n'));
    expect(bash.stderr).toBe([
      'bash: line 1: /etc/cfg/b: Read-only file system',
      "touch: cannot touch '/etc/cfg/c': Read-only file system",
      "mkdir: cannot create directory '/etc/cfg/d': Read-only file system",
      "rm: cannot remove '/etc/cfg/a': Read-only file system",
      'command terminated with exit code 1',
      '',
    ].join('\n'));
    expect(dash.stderr).toBe('sh: 1: cannot create /etc/cfg/b: Read-only file system\ncommand terminated with exit code 2\n');
  });

  it('a subPath file is a mount point (rm: EBUSY); chmod on a read-only mount is refused', () => {
    const [ash, bash] = runCommands(READ_ONLY, [
      { atMs: 20_000, line: "kubectl exec ro -c c -- sh -c 'rm /etc/a.conf; chmod 600 /etc/cfg/a; chmod 600 /rw; echo $?'" },
      { atMs: 20_000, line: "kubectl exec ro -c web -- bash -c 'rm -f /etc/a.conf; chmod 600 /etc/a.conf; echo $?'" },
    ]);
    expect(ash.stderr).toBe("rm: can't remove '/etc/a.conf': Device or resource busy\nchmod: /etc/cfg/a: Read-only file system\n");
    expect(ash.stdout).toBe('0\n');
    expect(bash.stderr).toBe("rm: cannot remove '/etc/a.conf': Device or resource busy\nchmod: changing permissions of '/etc/a.conf': Read-only file system\n");
    expect(bash.stdout).toBe('1\n');
  });
});
