/**
 * The pod network end to end: nginx serving 200/404, the kubelet's probe clients and their
 * Go error texts (pkg/probe/{http,tcp,grpc}), Service VIPs through the router hook, DNS
 * through the resolver hook, and what curl, wget, nslookup and ping print in each image.
 */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../sim/queue';
import { Prng } from '../sim/prng';
import { createWorld } from '../node/runtime/world';
import type { ContainerHandle, ExecResult, ImageConfig } from '../node/runtime/types';

function cluster() {
  const queue = new EventQueue();
  const world = createWorld({
    queue,
    prng: new Prng(3),
    nodes: [
      { name: 'k8s-master01', ip: '192.168.200.61', preloadedImages: [] },
      { name: 'k8s-node01', ip: '192.168.200.64', preloadedImages: ['nginx:1.23', 'nginx:1.23.2-alpine', 'busybox:1.28', 'busybox', 'registry.cn-hangzhou.aliyuncs.com/google_containers/etcd:3.5.1-0', 'registry.k8s.io/liveness'], tunnelIp: '172.17.125.0' },
    ],
  });
  const rt = world.node('k8s-node01');
  const logs: string[] = [];
  let n = 0;
  const pod = (image: string, argv?: string[], ip = `172.17.125.${8 + n}`) => {
    n++;
    const cfg = rt.imageConfig(image) as ImageConfig;
    const sb = rt.createSandbox({
      podUid: `u${n}`,
      podName: `p${n}`,
      namespace: 'default',
      hostname: `p${n}`,
      ip,
      resolvConf: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.103.0.10\noptions ndots:5\n',
      hosts: `127.0.0.1\tlocalhost\n${ip}\tp${n}\n`,
    });
    const c = sb.createContainer({ name: 'c', image: cfg, argv: argv ?? [...cfg.entrypoint, ...cfg.cmd], env: cfg.env.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)] as [string, string]), workingDir: '/', attempt: 0 });
    c.start({ onExit: () => undefined, onLog: (_s, l) => logs.push(l) });
    return { c, ip, sb };
  };
  const until = (t: number) => queue.runUntil({ untilMs: t, maxTasks: 500_000 });
  const exec = (c: ContainerHandle, argv: string[]) => {
    const box: { r?: ExecResult } = {};
    c.exec(argv, {}, (r) => (box.r = r));
    until(queue.now + 30_000);
    return box.r!;
  };
  const hostRun = (line: string, within = 30_000) => {
    const box: { r?: ExecResult } = {};
    world.host('k8s-master01').run(line, {}, (r) => (box.r = r));
    until(queue.now + within);
    return box.r!;
  };
  const probe = (kind: 'http' | 'tcp' | 'grpc', ip: string, port: number, path = '/', timeoutMs = 1000) => {
    const box: { o?: unknown } = {};
    if (kind === 'http') world.network.httpGet('k8s-node01', { scheme: 'HTTP', host: ip, port, path, headers: [] }, timeoutMs, 'kube-probe/1.30', (o) => (box.o = o));
    else if (kind === 'tcp') world.network.dialTcp('k8s-node01', ip, port, timeoutMs, (o) => (box.o = o));
    else world.network.grpcHealth('k8s-node01', ip, port, '', timeoutMs, (o) => (box.o = o));
    until(queue.now + timeoutMs + 10);
    return box.o as Record<string, unknown>;
  };
  return { queue, world, pod, until, exec, hostRun, probe, logs };
}

describe('nginx over the pod network', () => {
  it('serves the default page, then 404 once index.html is removed, logging like the official image', () => {
    const k = cluster();
    const { c, ip } = k.pod('nginx:1.23');
    k.until(1_000);
    const ok = k.probe('http', ip, 80, '/index.html');
    expect(ok).toMatchObject({ ok: true, status: 200 });
    expect(String(ok.body)).toContain('<title>Welcome to nginx!</title>');
    expect(String(ok.body).length).toBe(615);
    expect(k.exec(c, ['rm', '-f', '/usr/share/nginx/html/index.html'])).toMatchObject({ exitCode: 0 });
    const nf = k.probe('http', ip, 80, '/index.html');
    expect(nf).toMatchObject({ ok: true, status: 404 });
    expect(nf.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.23.4</center>\r\n</body>\r\n</html>\r\n');
    const access = k.logs.filter((l) => l.includes('kube-probe'));
    expect(access).toEqual([
      `172.17.125.0 - - [08/Dec/2022:11:35:01 +0000] "GET /index.html HTTP/1.1" 200 615 "-" "kube-probe/1.30" "-"`,
      `172.17.125.0 - - [08/Dec/2022:11:35:32 +0000] "GET /index.html HTTP/1.1" 404 153 "-" "kube-probe/1.30" "-"`,
    ]);
    expect(k.logs).toContain(`2022/12/08 11:35:32 [error] 2#2: *2 open() "/usr/share/nginx/html/index.html" failed (2: No such file or directory), client: 172.17.125.0, server: localhost, request: "GET /index.html HTTP/1.1", host: "${ip}:80"`);
  });

  it('SIGTERM is a fast shutdown (exiting) and nginx -s reload restarts the workers', () => {
    const k = cluster();
    const { c } = k.pod('nginx:1.23');
    k.until(1_000);
    expect(k.exec(c, ['nginx', '-t']).stderr).toBe('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    k.exec(c, ['nginx', '-s', 'reload']);
    expect(k.logs.some((l) => /\[notice\] 1#1: signal 1 \(SIGHUP\) received from \d+, reconfiguring$/.test(l))).toBe(true);
    expect(c.hasProcess('nginx')).toBe(true);
    c.signal('SIGTERM');
    k.until(k.queue.now + 100);
    expect(c.state).toBe('exited');
    expect(c.exitCode).toBe(0);
    expect(k.logs).toContain('2022/12/08 11:36:01 [notice] 1#1: signal 15 (SIGTERM) received, exiting');
  });
});

describe("the kubelet's probe clients (Go error texts)", () => {
  it('http: refused, timeout (no such host), status codes', () => {
    const k = cluster();
    const { ip } = k.pod('busybox', ['sleep', '1000']);
    k.until(100);
    expect(k.probe('http', ip, 80, '/index.html')).toEqual({ ok: false, error: `Get "http://${ip}:80/index.html": dial tcp ${ip}:80: connect: connection refused`, timedOut: false });
    expect(k.probe('http', '172.17.125.99', 80, '/', 2000)).toEqual({ ok: false, error: 'Get "http://172.17.125.99:80/": dial tcp 172.17.125.99:80: i/o timeout (Client.Timeout exceeded while awaiting headers)', timedOut: true });
  });

  it('http: a server that does not answer in time', () => {
    const k = cluster();
    const { ip } = k.pod('busybox', ['sh', '-c', 'while true; do sleep 1; done']);
    k.until(100);
    // A listener that accepts and never replies.
    k.world.network.api(k.world.network.idOf(ip)!).listen({ port: 8080, http: () => undefined });
    expect(k.probe('http', ip, 8080, '/healthz', 1000)).toEqual({ ok: false, error: `Get "http://${ip}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, timedOut: true });
  });

  it('tcp: refused and timeout', () => {
    const k = cluster();
    const { ip } = k.pod('nginx:1.23');
    k.until(100);
    expect(k.probe('tcp', ip, 80)).toEqual({ ok: true });
    expect(k.probe('tcp', ip, 81)).toEqual({ ok: false, error: `dial tcp ${ip}:81: connect: connection refused`, timedOut: false });
    expect(k.probe('tcp', '172.17.125.77', 80, '/', 2000)).toEqual({ ok: false, error: 'dial tcp 172.17.125.77:80: i/o timeout', timedOut: true });
  });

  it('grpc: etcd answers SERVING once it has a leader; a closed port waits for the deadline', () => {
    const k = cluster();
    const { ip } = k.pod('registry.cn-hangzhou.aliyuncs.com/google_containers/etcd:3.5.1-0', ['/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd', '--listen-client-urls', 'http://0.0.0.0:2379', '--advertise-client-urls', 'http://127.0.0.1:2379', '--log-level', 'debug']);
    k.until(200);
    expect(k.probe('grpc', ip, 2379)).toEqual({ ok: true, status: 'NOT_SERVING' });
    k.until(3_000);
    expect(k.probe('grpc', ip, 2379)).toEqual({ ok: true, status: 'SERVING' });
    const t0 = k.queue.now;
    expect(k.probe('grpc', ip, 2380 + 5)).toEqual({ ok: false, error: `timeout: failed to connect service "${ip}:2385" within 1s: context deadline exceeded` });
    expect(k.queue.now - t0).toBeGreaterThanOrEqual(1000);
    expect(k.probe('http', ip, 2379, '/health')).toMatchObject({ ok: true, status: 200, body: '{"health":"true","reason":""}' });
    expect(k.logs[0]).toMatch(/^\{"level":"info","ts":"2022-12-08T11:35:00\.000Z","caller":"etcdmain\/etcd\.go:72","msg":"Running: ","args":\["\/usr\/local\/bin\/etcd","--data-dir"/);
  });

  it('the docs\' liveness server: 200 for 10 s, then 500', () => {
    const k = cluster();
    const { ip } = k.pod('registry.k8s.io/liveness', ['/server']);
    k.until(3_000);
    expect(k.probe('http', ip, 8080, '/healthz')).toMatchObject({ ok: true, status: 200, body: 'ok' });
    k.until(12_000);
    expect(k.probe('http', ip, 8080, '/healthz')).toMatchObject({ ok: true, status: 500, body: 'error: 12' });
  });
});

describe('Services and DNS through the hooks', () => {
  it('a VIP with endpoints reaches the backend; REJECT is refused; names resolve through the search list', () => {
    const k = cluster();
    const web = k.pod('nginx:1.23');
    const client = k.pod('busybox', ['sleep', '100000']);
    k.world.network.setServiceRouter((ip, port) => (ip === '10.103.7.7' ? { backendIp: web.ip, backendPort: 80 } : ip === '10.103.8.8' ? { reject: true } : undefined));
    k.world.network.setDnsResolver((name) => (name === 'nginx.default.svc.cluster.local' ? ['10.103.7.7'] : name === 'kube-dns.kube-system.svc.cluster.local' ? ['10.103.0.10'] : undefined));
    k.world.network.setServiceRouter((ip, port, proto) =>
      ip === '10.103.7.7' ? { backendIp: web.ip, backendPort: 80 } : ip === '10.103.8.8' ? { reject: true } : ip === '10.103.0.10' && port === 53 && proto === 'UDP' ? { backendIp: '172.17.125.2', backendPort: 53 } : undefined,
    );
    k.until(1_000);
    const r = k.exec(client.c, ['wget', '-q', '-O', '-', 'http://nginx/']);
    expect(r.stdout).toContain('Welcome to nginx!');
    expect(k.exec(client.c, ['wget', '-O', '-', 'http://10.103.8.8/'])).toMatchObject({ exitCode: 1, stderr: "Connecting to 10.103.8.8 (10.103.8.8:80)\nwget: can't connect to remote host (10.103.8.8): Connection refused\n" });
    expect(k.exec(client.c, ['wget', 'http://nosuch/'])).toMatchObject({ exitCode: 1, stderr: "wget: bad address 'nosuch'\n" });
    expect(k.exec(client.c, ['nslookup', 'nginx']).stdout).toBe(
      // BusyBox 1.35: A then AAAA in each search domain; CoreDNS answers cluster names
      // authoritatively, an AAAA question with NODATA (an empty line).
      'Server:\t\t10.103.0.10\nAddress:\t10.103.0.10:53\n\nName:\tnginx.default.svc.cluster.local\nAddress: 10.103.7.7\n\n** server can\'t find nginx.svc.cluster.local: NXDOMAIN\n\n** server can\'t find nginx.cluster.local: NXDOMAIN\n\n\n** server can\'t find nginx.svc.cluster.local: NXDOMAIN\n\n** server can\'t find nginx.cluster.local: NXDOMAIN\n\n',
    );
  });
});

describe('clients in each image', () => {
  it('curl: CentOS 7 node (7.29), nginx:1.23 / Debian 11 (7.74), Alpine (7.83) wordings for a refused port', () => {
    const k = cluster();
    const d = k.pod('nginx:1.23');
    const a = k.pod('nginx:1.23.2-alpine');
    const target = k.pod('busybox', ['sleep', '100000']);
    k.until(1_000);
    expect(k.hostRun(`curl ${target.ip}`)).toMatchObject({ exitCode: 7, stderr: `curl: (7) Failed connect to ${target.ip}:80; Connection refused\n` });
    expect(k.exec(d.c, ['curl', '-sS', `http://${target.ip}`])).toMatchObject({ exitCode: 7, stderr: `curl: (7) Failed to connect to ${target.ip} port 80: Connection refused\n` });
    expect(k.exec(a.c, ['curl', '-sS', `${target.ip}`])).toMatchObject({ exitCode: 7, stderr: `curl: (7) Failed to connect to ${target.ip} port 80 after 0 ms: Connection refused\n` });
    const head = k.hostRun(`curl -I ${d.ip}`);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.23\.4\r\nDate: Thu, 08 Dec 2022 11:\d\d:\d\d GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\nLast-Modified: [^\r]+ GMT\r\nConnection: keep-alive\r\nETag: "[0-9a-f]+-267"\r\nAccept-Ranges: bytes\r\n\r\n$/);
    expect(k.exec(a.c, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `http://${d.ip}/nope`]).stdout).toBe('404');
  });

  it('ping from the node: ttl 63 across the tunnel, iputils format', () => {
    const k = cluster();
    const p = k.pod('busybox', ['sleep', '100000']);
    k.until(100);
    const r = k.hostRun(`ping -c 2 ${p.ip}`);
    expect(r.stdout.split('\n')[0]).toBe(`PING ${p.ip} (${p.ip}) 56(84) bytes of data.`);
    expect(r.stdout).toMatch(new RegExp(`64 bytes from ${p.ip.replace(/\./g, '\\.')}: icmp_seq=1 ttl=63 time=[\\d.]+ ms`));
    expect(r.stdout).toContain('2 packets transmitted, 2 received, 0% packet loss');
  });

  it('the node shell words errors like an interactive bash', () => {
    const k = cluster();
    expect(k.hostRun('foo')).toMatchObject({ exitCode: 127, stderr: '-bash: foo: command not found\n' });
    expect(k.hostRun('echo $(hostname)')).toMatchObject({ exitCode: 0, stdout: 'k8s-master01\n' });
  });
});
