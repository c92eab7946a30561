/**
 * The hosts' node tools over the simulated cluster's real state: route/ip (Calico routes),
 * crictl and ctr (containerd's sandboxes, containers and images), ssh between machines.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';
import { sha1Hex, caliName } from './sha1';
import { tabwrite, humanDuration, humanSize } from './tabwriter';
import { nodeRoutes, formatRoute } from './routes';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';

function at(ms: number, ...lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: ms });
  return runCommandsOn(run, lines.map((line) => ({ atMs: ms, line })));
}

describe('helpers', () => {
  it('sha1 and Calico interface names', () => {
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('The quick brown fox jumps over the lazy dog')).toBe('2fd4e1c67a2d28fced849ee1bb76e7391b93eb12');
    expect(caliName('default', 'nginx')).toMatch(/^cali[0-9a-f]{11}$/);
  });

  it('tabwriter, HumanDuration, HumanSizeWithPrecision', () => {
    expect(tabwrite(['A\tBB\t', 'CCCCC\tD\t'], 4, 4)).toBe('A        BB    \nCCCCC    D     \n');
    expect(tabwrite(['A\tB', 'CC\tD'], 20, 3)).toBe(`A${' '.repeat(19)}B\nCC${' '.repeat(18)}D\n`);
    expect([500, 1000, 30_000, 90_000, 30 * 60_000, 3_600_000, 33 * 3_600_000, 3 * 86_400_000].map(humanDuration)).toEqual(['Less than a second', '1 second', '30 seconds', 'About a minute', '30 minutes', 'About an hour', '33 hours', '3 days']);
    expect([56939212, 321520, 755000, 100_000_000].map(humanSize)).toEqual(['56.9MB', '322kB', '755kB', '100MB']);
  });
});

describe('route and ip on the hosts', () => {
  it('route -e on k8s-master01: the notes table (12 rows), from the cluster addresses', () => {
    const [r] = at(30_000, 'route -e');
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('Kernel IP routing table');
    expect(lines[1]).toBe('Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface');
    const rows = lines.slice(2);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 7)).toEqual([
      'default         gateway         0.0.0.0         UG        0 0          0 ens32',
      'link-local      0.0.0.0         255.255.0.0     U         0 0          0 ens32',
      '172.17.0.0      k8s-node02      255.255.0.0     UG        0 0          0 tunl0',
      '172.17.125.0    k8s-node01      255.255.255.192 UG        0 0          0 tunl0',
      '172.18.195.0    k8s-master03    255.255.255.192 UG        0 0          0 tunl0',
      '172.25.92.64    k8s-master02    255.255.255.192 UG        0 0          0 tunl0',
      '172.25.244.192  0.0.0.0         255.255.255.192 U         0 0          0 *',
    ]);
    // The three pods on k8s-master01 (coredns x2, calico-kube-controllers) at .199-.201.
    for (const [i, row] of rows.slice(7, 10).entries()) expect(row).toMatch(new RegExp(`^172\\.25\\.244\\.${199 + i}  0\\.0\\.0\\.0         255\\.255\\.255\\.255 UH        0 0          0 cali[0-9a-f]{11}$`));
    expect(rows.slice(10)).toEqual([
      '172.27.14.192   k8s-node02      255.255.255.192 UG        0 0          0 tunl0',
      '192.168.200.0   0.0.0.0         255.255.255.0   U         0 0          0 ens32',
    ]);
  });

  it("a reader's pod adds its cali route on its node, and ip route / route -n agree", () => {
    const [ip] = at(30_000, 'kubectl get po nginx -o jsonpath={.status.podIP}');
    const [r, n, iproute] = at(30_000, 'ssh k8s-node01 route -e', 'ssh k8s-node01 route -n', 'ssh k8s-node01 ip route');
    expect(r.stdout).toContain(`${ip.stdout.padEnd(15)} 0.0.0.0         255.255.255.255 UH        0 0          0 ${caliName('default', 'nginx')}\n`);
    expect(r.stdout).toContain('172.17.125.0    0.0.0.0         255.255.255.192 U         0 0          0 *\n');
    expect(r.stdout).toContain('172.25.244.192  k8s-master01    255.255.255.192 UG        0 0          0 tunl0\n');
    expect(n.stdout).toContain('0.0.0.0         192.168.200.2   0.0.0.0         UG    100    0        0 ens32\n');
    expect(iproute.stdout).toContain(`${ip.stdout} dev ${caliName('default', 'nginx')} scope link \n`);
    expect(iproute.stdout).toContain('blackhole 172.17.125.0/26 proto bird \n');
    expect(iproute.stdout).toContain('192.168.200.0/24 dev ens32 proto kernel scope link src 192.168.200.64 metric 100 \n');
  });

  it('formatRoute sorts by address and names only default and link-local', () => {
    const routes = nodeRoutes({ self: { name: 'a', ip: '10.0.0.1', block: '172.16.0.0/26' }, peers: [], localPods: [], gateway: '10.0.0.2', subnet: '10.0.0.0/24' });
    expect(formatRoute(routes, { numeric: false, extended: false, hostName: () => undefined }).split('\n')[2]).toBe('default         gateway         0.0.0.0         UG    100    0        0 ens32');
  });

  it('ip a lists tunl0 with the tunnel address and a cali interface per local pod', () => {
    const [r] = at(30_000, 'ip a');
    expect(r.stdout).toContain('3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n    inet 172.25.244.192/32 scope global tunl0\n');
    expect(r.stdout.match(/^\d+: cali[0-9a-f]{11}@if3: /gm)).toHaveLength(3);
  });
});

describe('crictl, ctr and ssh', () => {
  it('crictl ps on k8s-node01: the reader pod and the system pods, from containerd', () => {
    const [r] = at(30_000, 'ssh k8s-node01 crictl ps');
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^CONTAINER {11}IMAGE {15}CREATED {13}STATE {15}NAME {24}ATTEMPT {13}POD ID {14}POD$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}\d\d seconds ago {6}Running {13}nginx {23}0 {19}[0-9a-f]{13} {7}nginx$/);
    expect(lines.some((l) => /23 hours ago {8}Running {13}metrics-server {14}5 {19}[0-9a-f]{13} {7}metrics-server-6c48d8f6d6-8m5qg$/.test(l))).toBe(true);
    expect(lines).toHaveLength(4);
  });

  it('crictl ps ids are the containerIDs of the pods, crictl pods / images / logs', () => {
    const [cid, pods, images, ps] = at(30_000, 'kubectl get po nginx -o jsonpath={.status.containerStatuses[0].containerID}', 'ssh k8s-node01 crictl pods', 'ssh k8s-node01 crictl images', 'ssh k8s-node01 crictl ps -q');
    const id = cid.stdout.replace('containerd://', '');
    expect(ps.stdout.split('\n')).toContain(id);
    expect(pods.stdout.split('\n')[0]).toMatch(/^POD ID {14}CREATED {13}STATE {15}NAME {3,}NAMESPACE {3,}ATTEMPT {13}RUNTIME$/);
    expect(pods.stdout).toMatch(/\n[0-9a-f]{13} {7}\d\d seconds ago {6}Ready {15}nginx {3,}default {3,}0 {19}\(default\)\n/);
    expect(images.stdout).toMatch(/\ndocker\.io\/library\/nginx {3,}1\.23 {16}[0-9a-f]{13} {7}57MB\n/);
    expect(images.stdout).toContain('registry.cn-hangzhou.aliyuncs.com/google_containers/pause');
    const ms = ps.stdout.split('\n').filter(Boolean);
    const [logs] = at(30_000, ...ms.map((m) => `ssh k8s-node01 crictl logs ${m.slice(0, 13)}`));
    expect(logs.exitCode).toBe(0);
  });

  it('crictl logs of metrics-server shows its start-up lines', () => {
    const [ps] = at(30_000, 'ssh k8s-node01 crictl ps --name metrics-server');
    const rows = ps.stdout.split('\n').filter(Boolean);
    expect(rows).toHaveLength(2);
    const id = rows.find((l) => l.includes('metrics-server-6c48d8f6d6-8m5qg'))?.slice(0, 13) ?? '';
    const [logs, missing] = at(30_000, `ssh k8s-node01 crictl logs ${id}`, 'ssh k8s-node01 crictl logs 0000000000000');
    expect(logs.stderr).toContain('Serving securely on [::]:4443\n');
    expect(missing.exitCode).toBe(1);
  });

  it('ctr -n k8s.io c ls: containers and pause sandboxes, sorted by id; default namespace empty (block 7)', () => {
    const [r, def] = at(30_000, 'ssh k8s-node01 ctr -n k8s.io c ls', 'ssh k8s-node01 ctr c ls');
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe(`CONTAINER${' '.repeat(59)}IMAGE${' '.repeat(60)}RUNTIME${' '.repeat(18)}`);
    const ids = lines.slice(1).map((l) => l.slice(0, 64));
    expect(ids).toEqual([...ids].sort());
    expect(lines).toHaveLength(1 + 3 * 2);
    expect(lines.filter((l) => l.includes('/pause:3.9 '))).toHaveLength(3);
    expect(lines.every((l, i) => i === 0 || /^[0-9a-f]{64} {4}\S+ +io\.containerd\.runc\.v2 {4}$/.test(l))).toBe(true);
    expect(def.stdout).toBe(`CONTAINER    IMAGE    RUNTIME    \n`);
  });

  it('ssh runs on the other host and returns its status; unknown hosts fail as ssh does', () => {
    const [h, bad, code] = at(5_000, 'ssh k8s-node01 hostname', 'ssh nosuch hostname', 'ssh k8s-node02 false; echo $?');
    expect(h.stdout).toBe('k8s-node01\n');
    expect(bad.stderr).toBe('ssh: Could not resolve hostname nosuch: Name or service not known\r\n');
    expect(bad.exitCode).toBe(255);
    expect(code.stdout).toBe('1\n');
  });

  it('ss -lnt / -lntp and netstat -lntp list the host daemons that really listen', () => {
    const [ss, ssp, ns, health] = at(5_000, 'ss -lnt', 'ss -lntp', 'netstat -lntp', 'curl -s 127.0.0.1:10248/healthz');
    expect(ss.stdout.split('\n')[0]).toBe('State      Recv-Q Send-Q Local Address:Port               Peer Address:Port              ');
    expect(ss.stdout).toContain('\nLISTEN     0      128          *:22                       *:*');
    expect(ss.stdout).toContain('\nLISTEN     0      128    127.0.0.1:10249                    *:*');
    expect(ssp.stdout).toContain('*:*                  users:(("kubelet",pid=901,fd=3))\n');
    expect(ns.stdout).toContain('tcp        0      0 127.0.0.1:10248         0.0.0.0:*               LISTEN      901/kubelet');
    expect(health.stdout).toBe('ok');
  });

  it('crictl ps --name: a regexp; a pattern with nested repetition matches literally (never hangs)', () => {
    const [a, b] = at(5_000, "ssh k8s-node01 crictl ps -q --name '^metrics-s'", "ssh k8s-node01 crictl ps -q --name '(a+)+$'");
    expect(a.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(b.stdout).toBe('');
  });
});
