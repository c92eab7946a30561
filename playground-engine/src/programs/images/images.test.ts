/**
 * The image registry a reader expects: every image of the catalog is complete (its programs
 * exist, its entrypoint resolves), tags resolve as the registries did in December 2022, and
 * the images behave as the real ones do inside the simulated cluster: servers answer their
 * protocol, databases refuse to start without their password variables with the
 * entrypoints' own text, tool images run the command they are given.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG, fakeDigest } from './catalog';
import { resolveRef } from './resolve';
import { PROGRAMS } from '../registry';
import { simulateSources, runCommandsOn, type SimRun } from '../../engine';
import { EventQueue } from '../../sim/queue';
import { Fabric } from '../../network/fabric';
import { machine } from '../testkit';
import { Proc } from '../../node/runtime/kernel';
import type { TcpOutcome } from '../net';
import { encode, parseCommands } from '../servers/redis';
import { editDistance, imageNotice } from './suggest';
import { main } from '../../cli/main';
import { nginxBuild } from '../servers/nginx';

const digest = (d: (typeof CATALOG)[number]) => fakeDigest(`${d.repo}:${d.sizeBytes}`);

describe('catalog', () => {
  it('has each repository:tag once', () => {
    const seen = new Set<string>();
    const dups = CATALOG.map((d) => `${d.repo}:${d.tag}`).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
    expect(dups).toEqual([]);
  });

  it('every executable of every image runs a known program, and the entrypoint resolves in the image', () => {
    const missing: string[] = [];
    for (const d of CATALOG) {
      const t = d.tree();
      for (const [path, node] of t.nodes) if (node.kind === 'file' && node.program && !PROGRAMS.get(node.program)) missing.push(`${d.repo}:${d.tag} ${path} → ${node.program}`);
      const argv0 = d.entrypoint[0] ?? d.cmd[0];
      const dirs = (d.env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/bin:/bin').split(':');
      const resolve = (p: string): boolean => {
        const full = p.startsWith('/') ? p : p.startsWith('./') ? `${d.workingDir.replace(/\/$/, '')}/${p.slice(2)}` : undefined;
        if (full) {
          let n = t.nodes.get(full);
          for (let i = 0; n?.kind === 'symlink' && i < 5; i++) n = t.nodes.get(n.target.startsWith('/') ? n.target : `${full.slice(0, full.lastIndexOf('/'))}/${n.target}`);
          return !!n || ['/bin', '/sbin'].some((b) => full.startsWith(`${b}/`) && t.nodes.get(b)?.kind === 'symlink' && t.nodes.has(`/usr${full}`));
        }
        return dirs.some((dir) => resolve(`${dir}/${p}`));
      };
      if (argv0 && !resolve(argv0)) missing.push(`${d.repo}:${d.tag} entrypoint ${argv0}`);
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['redis', 'REDIS_VERSION=7.0.5'],
    ['redis:alpine', 'REDIS_VERSION=7.0.5'],
    ['redis:7.0.4', 'REDIS_VERSION=7.0.4'],
    ['redis:6.2.6-bullseye', 'REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-6.2.6.tar.gz'],
    ['mysql', 'MYSQL_VERSION=8.0.31-1.el8'],
    ['mysql:5.7', 'MYSQL_VERSION=5.7.40-1.el7'],
    ['postgres', 'PG_VERSION=15.1-1.pgdg110+1'],
    ['python', 'PYTHON_VERSION=3.11.1'],
    ['node', 'NODE_VERSION=19.2.0'],
    ['node:lts', 'NODE_VERSION=18.12.1'],
    ['golang', 'GOLANG_VERSION=1.19.4'],
    ['httpd', 'HTTPD_VERSION=2.4.54'],
    ['mongo', 'MONGO_VERSION=6.0.3'],
    ['memcached', 'MEMCACHED_VERSION=1.6.17'],
    ['rabbitmq', 'RABBITMQ_VERSION=3.11.4'],
    ['tomcat', 'TOMCAT_VERSION=10.1.2'],
    ['eclipse-temurin:17', 'JAVA_VERSION=jdk-17.0.5+8'],
    ['nginx:1.16.1', 'NGINX_VERSION=1.16.1'],
  ])('%s resolves to the December 2022 release (%s)', (ref, env) => {
    const r = resolveRef(ref, digest);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.def.env).toContain(env);
  });

  it.each([
    // [tag, ENV as the tag's amd64 image has it (repo-info snapshot named in nginx-releases.ts), STOPSIGNAL, entrypoint]
    ['nginx:1.14.0', ['NGINX_VERSION=1.14.0-1~stretch', 'NJS_VERSION=1.14.0.0.2.0-1~stretch'], 'SIGTERM', []],
    ['nginx:1.15.12', ['NGINX_VERSION=1.15.12-1~stretch', 'NJS_VERSION=1.15.12.0.3.1-1~stretch'], 'SIGTERM', []],
    ['nginx:1.15', ['NGINX_VERSION=1.15.12-1~stretch', 'NJS_VERSION=1.15.12.0.3.1-1~stretch'], 'SIGTERM', []],
    ['nginx:1.16.0', ['NGINX_VERSION=1.16.0', 'NJS_VERSION=0.3.1', 'PKG_RELEASE=1~stretch'], 'SIGTERM', []],
    ['nginx:1.17.10', ['NGINX_VERSION=1.17.10', 'NJS_VERSION=0.3.9', 'PKG_RELEASE=1~buster'], 'SIGTERM', []],
    ['nginx:1.18.0', ['NGINX_VERSION=1.18.0', 'NJS_VERSION=0.4.0', 'PKG_RELEASE=1~buster'], 'SIGTERM', []],
    ['nginx:1.18', ['NGINX_VERSION=1.18.0', 'NJS_VERSION=0.4.0', 'PKG_RELEASE=1~buster'], 'SIGTERM', []],
    ['nginx:1.19.2', ['NGINX_VERSION=1.19.2', 'NJS_VERSION=0.4.3', 'PKG_RELEASE=1~buster'], 'SIGTERM', ['/docker-entrypoint.sh']],
    ['nginx:1.19.6', ['NGINX_VERSION=1.19.6', 'NJS_VERSION=0.5.0', 'PKG_RELEASE=1~buster'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.20.1', ['NGINX_VERSION=1.20.1', 'NJS_VERSION=0.5.3', 'PKG_RELEASE=1~buster'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.21.1', ['NGINX_VERSION=1.21.1', 'NJS_VERSION=0.6.1', 'PKG_RELEASE=1~buster'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.23.1', ['NGINX_VERSION=1.23.1', 'NJS_VERSION=0.7.6', 'PKG_RELEASE=1~bullseye'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    // Found in older versions of the forks' files (issue 9).
    ['nginx:1.15.0', ['NGINX_VERSION=1.15.0-1~stretch', 'NJS_VERSION=1.15.0.0.2.1-1~stretch'], 'SIGTERM', []],
    ['nginx:1.15.1', ['NGINX_VERSION=1.15.1-1~stretch', 'NJS_VERSION=1.15.1.0.2.2-1~stretch'], 'SIGTERM', []],
    ['nginx:1.15.11', ['NGINX_VERSION=1.15.11-1~stretch', 'NJS_VERSION=1.15.11.0.3.0-1~stretch'], 'SIGTERM', []],
    ['nginx:1.19.7', ['NGINX_VERSION=1.19.7', 'NJS_VERSION=0.5.1', 'PKG_RELEASE=1~buster'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.21.5', ['NGINX_VERSION=1.21.5', 'NJS_VERSION=0.7.1', 'PKG_RELEASE=1~bullseye'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    // Variants (NGINX_VARIANTS): -perl keeps the Debian config, -alpine has PKG_RELEASE=1.
    ['nginx:1.21.5-perl', ['NGINX_VERSION=1.21.5', 'NJS_VERSION=0.7.1', 'PKG_RELEASE=1~bullseye'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.22.0-perl', ['NGINX_VERSION=1.22.0', 'NJS_VERSION=0.7.4', 'PKG_RELEASE=1~bullseye'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.23.1-perl', ['NGINX_VERSION=1.23.1', 'NJS_VERSION=0.7.6', 'PKG_RELEASE=1~bullseye'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.22.0-alpine', ['NGINX_VERSION=1.22.0', 'NJS_VERSION=0.7.5', 'PKG_RELEASE=1'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.23.0-alpine', ['NGINX_VERSION=1.23.0', 'NJS_VERSION=0.7.5', 'PKG_RELEASE=1'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.23.1-alpine', ['NGINX_VERSION=1.23.1', 'NJS_VERSION=0.7.6', 'PKG_RELEASE=1'], 'SIGQUIT', ['/docker-entrypoint.sh']],
    ['nginx:1.23.1-alpine-perl', ['NGINX_VERSION=1.23.1', 'NJS_VERSION=0.7.6', 'PKG_RELEASE=1'], 'SIGQUIT', ['/docker-entrypoint.sh']],
  ])('%s has the real image\'s ENV, STOPSIGNAL and entrypoint', (ref, env, stopSignal, entrypoint) => {
    const r = resolveRef(ref, digest);
    if (!r.ok) throw new Error(r.error);
    expect(r.def.env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...env]);
    expect(r.def).toMatchObject({ stopSignal, entrypoint, cmd: ['nginx', '-g', 'daemon off;'] });
  });

  it('nginx images carry the files of their release: curl from 1.18.0, 30-tune-worker-processes.sh from 1.19.7, Debian 9 under 1.15', () => {
    const tree = (ref: string) => {
      const r = resolveRef(ref, digest);
      if (!r.ok) throw new Error(r.error);
      return r.def.tree();
    };
    expect(tree('nginx:1.17.10').nodes.has('/usr/bin/curl')).toBe(false);
    expect(tree('nginx:1.18.0').nodes.get('/usr/bin/curl')).toMatchObject({ program: 'curl@7.64.0' });
    expect([...tree('nginx:1.19.6').nodes.keys()].filter((p) => p.startsWith('/docker-entrypoint.d/'))).toEqual(['/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '/docker-entrypoint.d/20-envsubst-on-templates.sh']);
    expect(tree('nginx:1.19.8').nodes.has('/docker-entrypoint.d/30-tune-worker-processes.sh')).toBe(true);
    expect(tree('nginx:1.19.7').nodes.has('/docker-entrypoint.d/30-tune-worker-processes.sh')).toBe(true);
    expect(tree('nginx:1.21.5').nodes.get('/etc/os-release')).toMatchObject({ content: expect.stringContaining('VERSION_ID="11"') });
    const osRelease = tree('nginx:1.15.12').nodes.get('/etc/os-release');
    expect(osRelease?.kind === 'file' ? osRelease.content : '').toContain('VERSION_ID="9"');
  });

  it.each([
    // [ref, amd64 size of the repo-info snapshot (official.ts BUSYBOX_RELEASES)]
    ['busybox:1.29.3', 727962],
    ['busybox:1.30.1', 755901],
    ['busybox:1.31.1', 760984],
    ['busybox:1.33.1', 767322],
    ['busybox:1.34.0', 772887],
    ['busybox:1.35.0-uclibc', 778018],
    ['busybox:1.36.0', 2592244],
    ['busybox:1.36.0-glibc', 2592244],
    ['busybox:1.36.0-musl', 854860],
    ['busybox:1.36.0-uclibc', 777659],
    // The bare tags: the amd64 default variant (glibc for 1.35.0 after 2022-12-06, uclibc before).
    ['busybox:latest', 2588339],
    ['busybox:1.35', 2588339],
    ['busybox:musl', 848353],
    ['busybox:uclibc', 773560],
    ['busybox:1.34', 772822],
    ['busybox:1.30', 755901],
    ['busybox:1.28', 723146],
    ['busybox:1.27', 715296],
  ])('%s resolves to the snapshot\'s image (CMD ["sh"], %i bytes)', (ref, size) => {
    const r = resolveRef(ref, digest);
    if (!r.ok) throw new Error(r.error);
    expect(r.def).toMatchObject({ sizeBytes: size, cmd: ['sh'], entrypoint: [], os: 'busybox' });
  });

  it.each([
    ['httpd:2.4.52', '0127f7dc497e9983e9c51474bed75e45607f2f870a7675a86dc90af6d572f5c9', 56401328],
    ['httpd:2.4.53-bullseye', 'd0bbd1121a57b5f2a6ff92d7b96f8050c5a45d3f14db118f64979d525858db63', 56434466],
    ['httpd:2.4.54', 'eb397feeefccaf254f8d45de3768d9d68e8e73851c49afd5b7176d1ecf80c340', 55002891],
  ])('%s has the snapshot\'s ENV, STOPSIGNAL and size', (ref, sha, size) => {
    const r = resolveRef(ref, digest);
    if (!r.ok) throw new Error(r.error);
    const v = ref.split(':')[1].replace('-bullseye', '');
    expect(r.def.env).toEqual(['PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HTTPD_PREFIX=/usr/local/apache2', `HTTPD_VERSION=${v}`, `HTTPD_SHA256=${sha}`, 'HTTPD_PATCHES=']);
    expect(r.def).toMatchObject({ sizeBytes: size, stopSignal: 'SIGWINCH', cmd: ['httpd-foreground'], workingDir: '/usr/local/apache2', osVersion: '11' });
  });

  it('a patch tag nginx never had, and releases no stored snapshot shows, still fail as the registry answers', () => {
    const r = resolveRef('nginx:1.18.1', digest);
    expect(r.ok ? '' : r.error).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.18.1": failed to resolve reference "docker.io/library/nginx:1.18.1": docker.io/library/nginx:1.18.1: not found');
    expect(resolveRef('nginx:1.23.5', digest).ok).toBe(false);
    // No snapshot with an amd64 image (official.ts).
    expect(resolveRef('busybox:1.32.1', digest).ok).toBe(false);
    // Variants of older Alpine bases are left out (nginx-releases.ts).
    expect(resolveRef('nginx:1.17.5-alpine', digest).ok).toBe(false);
    // Existed, but no snapshot keeps its size (nginx-releases.ts).
    expect(resolveRef('nginx:1.17.5', digest).ok).toBe(false);
    expect(resolveRef('nginx:1.21.2', digest).ok).toBe(false);
  });

  it('keeps the registries\' errors for unknown tags and repositories', () => {
    const tag = resolveRef('redis:9.9', digest);
    expect(tag.ok ? '' : tag.error).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/redis:9.9": failed to resolve reference "docker.io/library/redis:9.9": docker.io/library/redis:9.9: not found');
    const repo = resolveRef('rediss', digest);
    expect(repo.ok ? '' : repo.error).toContain('pull access denied, repository does not exist or may require authorization');
    expect(resolveRef('openjdk', digest).ok).toBe(false);
  });

  it('carries the Dockerfiles\' configs', () => {
    const cfg = (ref: string) => {
      const r = resolveRef(ref, digest);
      if (!r.ok) throw new Error(r.error);
      return r.def;
    };
    expect(cfg('redis')).toMatchObject({ entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], workingDir: '/data', exposedPorts: ['6379/tcp'] });
    expect(cfg('postgres')).toMatchObject({ stopSignal: 'SIGINT', cmd: ['postgres'], exposedPorts: ['5432/tcp'] });
    expect(cfg('httpd')).toMatchObject({ stopSignal: 'SIGWINCH', cmd: ['httpd-foreground'], workingDir: '/usr/local/apache2' });
    expect(cfg('memcached')).toMatchObject({ user: 'memcache', exposedPorts: ['11211/tcp'] });
    expect(cfg('registry.k8s.io/serve_hostname')).toMatchObject({ entrypoint: ['/serve_hostname'], exposedPorts: ['9376/tcp'] });
    expect(cfg('golang')).toMatchObject({ workingDir: '/go', cmd: ['bash'] });
  });
});

const POD = (name: string, image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}
    image: ${image}
${extra}---
`;

const SLEEP = '    command: ["sleep", "3600"]\n';

function run(manifest: string, until: number): SimRun {
  const r = simulateSources([{ fileName: 'pods.yaml', text: manifest }], { untilMs: until });
  expect(r.accepted).toBe(true);
  return r;
}

describe('servers answer their protocol in the cluster', () => {
  const manifest = [
    POD('redis', 'redis'),
    POD('httpd', 'httpd:2.4'),
    POD('web', 'registry.k8s.io/serve_hostname'),
    POD('echo', 'registry.k8s.io/echoserver:1.4'),
    POD('echo10', 'k8s.gcr.io/echoserver:1.10'),
    POD('whoami', 'traefik/whoami'),
    POD('hello', 'hashicorp/http-echo', '    args: ["-text=hello"]\n'),
    POD('noecho', 'hashicorp/http-echo'),
    POD('mongo', 'mongo'),
    POD('agn', 'registry.k8s.io/e2e-test-images/agnhost:2.39', '    args: ["netexec", "--http-port=8080"]\n'),
    POD('app', 'gcr.io/google-samples/hello-app:1.0'),
    POD('tomcat', 'tomcat'),
  ].join('');
  const r = run(manifest, 40_000);
  const ip = (pod: string) => `$(kubectl get pod ${pod} -o jsonpath='{.status.podIP}')`;
  const [ping, setA, getA, logs, httpd, web, echo, echo10, whoami, hello, noecho, mongo, agn, app, tomcat, pods] = runCommandsOn(r, [
    { atMs: 40_000, line: 'kubectl exec redis -- redis-cli ping' },
    { atMs: 40_100, line: 'kubectl exec redis -- redis-cli set greeting hi' },
    { atMs: 40_200, line: 'kubectl exec redis -- redis-cli get greeting' },
    { atMs: 40_300, line: 'kubectl logs redis' },
    { atMs: 40_400, line: `curl -s ${ip('httpd')}` },
    { atMs: 40_500, line: `curl -s ${ip('web')}:9376` },
    { atMs: 40_600, line: `curl -s ${ip('echo')}:8080/hi?x=1` },
    { atMs: 40_700, line: `curl -s ${ip('echo10')}:8080/` },
    { atMs: 40_800, line: `curl -s ${ip('whoami')}` },
    { atMs: 40_900, line: `curl -s ${ip('hello')}:5678` },
    { atMs: 41_000, line: 'kubectl logs noecho' },
    { atMs: 41_100, line: `curl -s ${ip('mongo')}:27017` },
    { atMs: 41_200, line: `curl -s ${ip('agn')}:8080/hostname` },
    { atMs: 41_300, line: `curl -s ${ip('app')}:8080` },
    { atMs: 41_400, line: `curl -s ${ip('tomcat')}:8080/` },
    { atMs: 41_500, line: 'kubectl get pods' },
  ]);

  it('redis answers PING with PONG and keeps keys; its log has the real start-up lines', () => {
    expect(ping.stdout).toBe('PONG\n');
    expect(setA.stdout).toBe('OK\n');
    expect(getA.stdout).toBe('hi\n');
    expect(logs.stdout).toMatch(/^1:C 08 Dec 2022 11:35:\d\d\.\d{3} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n/);
    expect(logs.stdout).toContain('1:M 08 Dec 2022 ');
    expect(logs.stdout.trimEnd().endsWith('* Ready to accept connections')).toBe(true);
  });

  it('httpd serves "It works!"', () => expect(httpd.stdout).toBe('<html><body><h1>It works!</h1></body></html>\n'));
  it('serve_hostname answers its hostname on 9376', () => expect(web.stdout).toBe('web'));
  it('echoserver prints the request', () => {
    expect(echo.stdout).toMatch(/^CLIENT VALUES:\nclient_address=[\d.]+\ncommand=GET\nreal path=\/hi\nquery=x=1\nrequest_version=1.1\nrequest_uri=http:\/\/[\d.]+:8080\/hi\?x=1\n\nSERVER VALUES:\nserver_version=nginx: 1.10.0 - lua: 10001\n\nHEADERS RECEIVED:\naccept=\*\/\*\nhost=[\d.]+:8080\nuser-agent=curl\/7.29.0\nBODY:\n-no body in request-$/);
    expect(echo10.stdout).toContain('\n\nHostname: echo10\n\nPod Information:\n\t-no pod information available-\n');
  });
  it('whoami prints its fields', () => {
    expect(whoami.stdout).toMatch(/^Hostname: whoami\nIP: 127\.0\.0\.1\nIP: ::1\nIP: [\d.]+\nIP: fe80::[0-9a-f:]+\nRemoteAddr: [\d.]+:\d+\nGET \/ HTTP\/1\.1\r\nHost: [\d.]+\r\nUser-Agent: curl\/7\.29\.0\r\nAccept: \*\/\*\r\n\r\n$/);
  });
  it('http-echo echoes its -text and refuses to start without it', () => {
    expect(hello.stdout).toBe('hello\n');
    expect(noecho.stdout + noecho.stderr).toContain('Missing -text option!');
    expect(pods.stdout).toMatch(/noecho\s+0\/1\s+(CrashLoopBackOff|Error)/);
  });
  it('mongo answers HTTP on its driver port', () => expect(mongo.stdout).toBe('It looks like you are trying to access MongoDB over HTTP on the native driver port.\n'));
  it('agnhost netexec answers /hostname', () => expect(agn.stdout).toBe('agn'));
  it('hello-app greets', () => expect(app.stdout).toBe('Hello, world!\nVersion: 1.0.0\nHostname: app\n'));
  it('tomcat answers 404 with an empty webapps', () => expect(tomcat.stdout).toContain('HTTP Status 404 – Not Found'));
});

describe('databases need their password variables', () => {
  const manifest = [
    POD('mysql', 'mysql'),
    POD('mysqlok', 'mysql:8.0', '    env:\n    - name: MYSQL_ROOT_PASSWORD\n      value: secret\n'),
    POD('pg', 'postgres'),
    POD('pgok', 'postgres:15', '    env:\n    - name: POSTGRES_PASSWORD\n      value: secret\n'),
  ].join('');
  const r = run(manifest, 60_000);
  const [mysqlLogs, mysqlOkLogs, ping, select, pgLogs, ready, pods] = runCommandsOn(r, [
    { atMs: 60_000, line: 'kubectl logs mysql' },
    { atMs: 60_100, line: 'kubectl logs mysqlok' },
    { atMs: 60_200, line: 'kubectl exec mysqlok -- mysqladmin ping' },
    { atMs: 60_300, line: 'kubectl exec mysqlok -- mysql -h 127.0.0.1 -e "SELECT 1"' },
    { atMs: 60_400, line: 'kubectl logs pg' },
    { atMs: 60_500, line: 'kubectl exec pgok -- pg_isready' },
    { atMs: 60_600, line: 'kubectl get pods' },
  ]);

  it('mysql without MYSQL_ROOT_PASSWORD exits 1 with the entrypoint\'s error', () => {
    expect(mysqlLogs.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00 \[Note\] \[Entrypoint\]: Entrypoint script for MySQL Server 8\.0\.31-1\.el8 started\.\n.*Switching to dedicated user 'mysql'\n/);
    expect(mysqlLogs.stdout).toContain("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n");
    expect(pods.stdout).toMatch(/mysql\s+0\/1\s+(CrashLoopBackOff|Error)/);
  });

  it('mysql with a root password initializes, starts and answers', () => {
    expect(mysqlOkLogs.stdout).toContain('[Note] [Entrypoint]: MySQL init process done. Ready for start up.');
    expect(mysqlOkLogs.stdout).toContain("/usr/sbin/mysqld: ready for connections. Version: '8.0.31'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.");
    expect(ping.stdout).toBe('mysqld is alive\n');
    expect(select.stdout).toBe('1\n1\n');
    expect(pods.stdout).toMatch(/mysqlok\s+1\/1\s+Running\s+0/);
  });

  it('postgres without POSTGRES_PASSWORD exits with its error; with it, it accepts connections', () => {
    expect(pgLogs.stdout + pgLogs.stderr).toContain('Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n');
    expect(ready.stdout).toBe('/var/run/postgresql:5432 - accepting connections\n');
    expect(pods.stdout).toMatch(/pgok\s+1\/1\s+Running\s+0/);
  });
});

describe('tool images run the command they are given', () => {
  const manifest = [POD('py', 'python:3.11', SLEEP), POD('nd', 'node', SLEEP), POD('go', 'golang:1.19', SLEEP), POD('jv', 'eclipse-temurin:17', SLEEP), POD('bare', 'python')].join('');
  const r = run(manifest, 150_000);
  const out = runCommandsOn(r, [
    { atMs: 150_000, line: "kubectl exec py -- python -c 'print(1+1)'" },
    { atMs: 150_100, line: "kubectl exec py -- python3 -c 'import os; x = 6 * 7; print(\"answer:\", x, os.getenv(\"PYTHON_VERSION\"))'" },
    { atMs: 150_200, line: "kubectl exec py -- python -c 'print(undefined_name)'" },
    { atMs: 150_300, line: 'kubectl exec py -- python --version' },
    { atMs: 150_400, line: "kubectl exec nd -- node -e 'console.log(1 + 2, \"three\")'" },
    { atMs: 150_500, line: 'kubectl exec nd -- node --version' },
    { atMs: 150_600, line: 'kubectl exec go -- go version' },
    { atMs: 150_700, line: 'kubectl exec jv -- java -version' },
    { atMs: 150_800, line: 'kubectl get pod bare' },
    { atMs: 150_900, line: "kubectl exec py -- python -c 'class A: pass'" },
  ]);
  it('python', () => {
    expect(out[0].stdout).toBe('2\n');
    expect(out[1].stdout).toBe('answer: 42 3.11.1\n');
    expect(out[2].stderr).toContain('Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nNameError: name \'undefined_name\' is not defined\n');
    expect(out[3].stdout).toBe('Python 3.11.1\n');
    expect(out[9].stderr).toContain('this simulated Python');
  });
  it('node, go, java', () => {
    expect(out[4].stdout).toBe('3 three\n');
    expect(out[5].stdout).toBe('v19.2.0\n');
    expect(out[6].stdout).toBe('go version go1.19.4 linux/amd64\n');
    expect(out[7].stderr).toBe('openjdk version "17.0.5" 2022-10-18\nOpenJDK Runtime Environment Temurin-17.0.5+8 (build 17.0.5+8)\nOpenJDK 64-Bit Server VM Temurin-17.0.5+8 (build 17.0.5+8, mixed mode, sharing)\n');
  });
  it('python with no program and no terminal exits 0 at once (and is restarted)', () => expect(out[8].stdout).toMatch(/bare\s+0\/1\s+(CrashLoopBackOff|Completed)/));
});

describe('plain TCP protocols, socket level', () => {
  function server(program: string, port: number) {
    const queue = new EventQueue();
    const fabric = new Fabric(queue);
    fabric.addNamespace({ id: 'pod', ip: '10.0.0.5', node: 'n', kind: 'pod', resolvConf: () => '', hostsFile: () => '' });
    const net = fabric.api('pod');
    const m = machine('debian', { net, queue });
    m.fs.writeExecutable?.('/usr/local/bin/srv', program);
    m.fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nmemcache:x:11211:11211::/home/memcache:/bin/sh\n');
    const p = m.kernel.start('/usr/local/bin/srv', ['srv'], { ppid: 0, env: new Map(), cwd: '/tmp', stdout: 'capture', stderr: 'capture', uid: 11211 });
    expect(p).toBeInstanceOf(Proc);
    queue.runUntil({ untilMs: 1000, maxTasks: 10_000 });
    return (data: string): TcpOutcome => {
      const f = net.tcp!({ ip: '10.0.0.5', port, data });
      queue.runUntil({ untilMs: queue.now + 1000, maxTasks: 10_000 });
      return f.value as TcpOutcome;
    };
  }

  it('memcached speaks its text protocol on 11211', () => {
    const call = server('memcached@1.6.17', 11211);
    expect(call('version\r\n')).toMatchObject({ ok: true, data: 'VERSION 1.6.17\r\n' });
    expect(call('set k 0 0 2\r\nhi\r\nget k\r\n')).toMatchObject({ ok: true, data: 'STORED\r\nVALUE k 0 2\r\nhi\r\nEND\r\n' });
  });

  it('redis speaks RESP and inline commands on 6379', () => {
    const call = server('redis-server@7.0.5', 6379);
    expect(call('*1\r\n$4\r\nPING\r\n')).toMatchObject({ ok: true, data: '+PONG\r\n' });
    expect(call('INCR n\r\nINCR n\r\nnosuch a\r\n')).toMatchObject({ ok: true, data: ":1\r\n:2\r\n-ERR unknown command 'nosuch', with args beginning with: 'a' \r\n" });
    expect(parseCommands('SET a "b c"\r\n')).toEqual([['SET', 'a', 'b c']]);
    expect(encode({ t: '$', s: null })).toBe('$-1\r\n');
  });

});

describe('an image the simulated registry lacks', () => {
  it('names the closest repositories, or the tags of a known one', () => {
    expect(imageNotice('redis')).toBeUndefined();
    expect(imageNotice('nginx@sha256:' + '0'.repeat(64))).toBeUndefined();
    const repo = imageNotice('rediss');
    expect(repo?.closest[0]).toBe('redis');
    expect(repo?.message).toBe(`This simulated registry does not have the image "rediss" (a real registry may have it); the closest images it has: ${repo?.closest.join(', ')}`);
    expect(imageNotice('registry.k8s.io/echoserverr:1.4')?.closest[0]).toBe('registry.k8s.io/echoserver');
    const tag = imageNotice('nginx:1.23.3');
    expect(tag?.closest[0]).toMatch(/^nginx:1\.23\.[24]$/);
    expect(tag?.message).toMatch(/^This simulated registry has no tag "1\.23\.3" of nginx \(a real registry may have it\); tags it has: /);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('is recorded in the trace once per image (not for the cluster\'s own pods) and printed by k8s-sim run', async () => {
    const text = POD('a', 'mysq') + POD('b', 'mysq') + POD('c', 'nginx');
    const r = run(text, 5000);
    expect(r.trace.notices).toEqual([{ t: 0, kind: 'image-not-in-catalog', image: 'mysq', message: imageNotice('mysq')!.message, closest: imageNotice('mysq')!.closest }]);
    let out = '';
    const io = { readFile: async () => text, stdout: (s: string) => void (out += s), stderr: () => undefined };
    expect(await main(['run', 'pods.yaml', '--until', '5s'], io)).toBe(0);
    expect(out.trimEnd().endsWith(`hint: ${imageNotice('mysq')!.message}`)).toBe(true);
    out = '';
    await main(['run', 'pods.yaml', '--until', '5s', '--json'], io);
    const json = JSON.parse(out);
    expect(json.notices).toEqual([{ time: 0, kind: 'image-not-in-catalog', image: 'mysq', message: imageNotice('mysq')!.message, closest: imageNotice('mysq')!.closest }]);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['events', 'pods', 'steps', 'diagnostics', 'notices']));
  });
});

describe('old nginx patch tags run in the cluster', () => {
  const manifest = POD('web', 'nginx:1.18.0') + POD('mid', 'nginx:1.19.6') + POD('old', 'nginx:1.15.12') + POD('new', 'nginx:1.19.7') + POD('alp', 'nginx:1.23.1-alpine-perl') + POD('bb', 'busybox:1.31.1', '    command: ["sleep", "3600"]\n') + POD('web2', 'httpd:2.4.53');
  const r = run(manifest, 40_000);
  const [v, env, logs, pods, logs197, vOld, vNew, alpEnv, bbHelp, httpdV] = runCommandsOn(r, [
    { atMs: 40_000, line: 'kubectl exec web -- nginx -v' },
    { atMs: 40_100, line: 'kubectl exec old -- env' },
    { atMs: 40_200, line: 'kubectl logs mid' },
    { atMs: 40_300, line: 'kubectl get pods' },
    { atMs: 40_400, line: 'kubectl logs new' },
    { atMs: 40_500, line: 'kubectl exec old -- nginx -V' },
    { atMs: 40_600, line: 'kubectl exec new -- nginx -V' },
    { atMs: 40_700, line: 'kubectl exec alp -- cat /etc/os-release' },
    { atMs: 40_800, line: 'kubectl exec bb -- sh -c "echo ok"' },
    { atMs: 40_900, line: 'kubectl exec web2 -- httpd -v' },
  ]);

  it('a pod with nginx:1.18.0 runs and its nginx -v prints the release (on stderr, as nginx does)', () => {
    expect(pods.stdout).toMatch(/^web\s+1\/1\s+Running\s+0\s/m);
    expect(pods.stdout).toMatch(/^old\s+1\/1\s+Running\s+0\s/m);
    expect(v).toMatchObject({ exitCode: 0, stdout: '', stderr: 'nginx version: nginx/1.18.0\n' });
  });

  it('1.15.12 has the Dockerfile\'s old ENV form; 1.19.6 runs the two entrypoint scripts it had', () => {
    expect(env.stdout).toContain('NGINX_VERSION=1.15.12-1~stretch\nNJS_VERSION=1.15.12.0.3.1-1~stretch\n');
    expect(env.stdout).not.toContain('PKG_RELEASE');
    expect(logs.stdout).toContain('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs.stdout).not.toContain('30-tune-worker-processes');
  });

  it('busybox:1.31.1 and httpd:2.4.53 (point tags from snapshots) pull and run their release', () => {
    expect(pods.stdout).toMatch(/^bb\s+1\/1\s+Running\s+0\s/m);
    expect(pods.stdout).toMatch(/^web2\s+1\/1\s+Running\s+0\s/m);
    // (BusyBox's own banner prints 1.35.0 for every image: the applets are one implementation.)
    expect(bbHelp.stdout).toBe('ok\n');
    expect(httpdV.stdout).toMatch(/^Server version: Apache\/2\.4\.53 \(Unix\)\n/);
  });

  it('nginx:1.23.1-alpine-perl pulls and runs on Alpine', () => {
    expect(pods.stdout).toMatch(/^alp\s+1\/1\s+Running\s+0\s/m);
    expect(alpEnv.stdout).toContain('ID=alpine\n');
  });

  it('nginx:1.19.7 (found in an older snapshot) pulls and runs its three entrypoint scripts', () => {
    expect(pods.stdout).toMatch(/^new\s+1\/1\s+Running\s+0\s/m);
    expect(logs197.stdout).toContain('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n');
  });

  // `nginx -V` of the images as quoted in public material (servers/nginx-builds.ts names them):
  // 1.15.12 on Debian 9, 1.21.3 on Debian 10 (1.19.7 has the same build, its own version).
  const PATHS = '--prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/var/run/nginx.pid --lock-path=/var/run/nginx.lock --http-client-body-temp-path=/var/cache/nginx/client_temp --http-proxy-temp-path=/var/cache/nginx/proxy_temp --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp --http-uwsgi-temp-path=/var/cache/nginx/uwsgi_temp --http-scgi-temp-path=/var/cache/nginx/scgi_temp --user=nginx --group=nginx --with-compat --with-file-aio --with-threads --with-http_addition_module --with-http_auth_request_module --with-http_dav_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_realip_module --with-http_secure_link_module --with-http_slice_module --with-http_ssl_module --with-http_stub_status_module --with-http_sub_module --with-http_v2_module --with-mail --with-mail_ssl_module --with-stream --with-stream_realip_module --with-stream_ssl_module --with-stream_ssl_preread_module';
  const ccOpt = (map: string, v: string) => `--with-cc-opt='-g -O2 ${map}=/data/builder/debuild/nginx-${v}/debian/debuild-base/nginx-${v}=. -fstack-protector-strong -Wformat -Werror=format-security -Wp,-D_FORTIFY_SOURCE=2 -fPIC' --with-ld-opt='-Wl,-z,relro -Wl,-z,now -Wl,--as-needed -pie'`;

  it('nginx -V prints the compiler, OpenSSL and configure line of the image\'s base (Debian 9 gcc 6.3.0, Debian 10 gcc 8.3.0)', () => {
    expect(vOld).toMatchObject({ exitCode: 0, stdout: '' });
    expect(vOld.stderr).toBe(`nginx version: nginx/1.15.12\nbuilt by gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) \nbuilt with OpenSSL 1.1.0j  20 Nov 2018\nTLS SNI support enabled\nconfigure arguments: ${PATHS} ${ccOpt('-fdebug-prefix-map', '1.15.12')}\n`);
    expect(vNew.stderr).toBe(`nginx version: nginx/1.19.7\nbuilt by gcc 8.3.0 (Debian 8.3.0-6) \nbuilt with OpenSSL 1.1.1d  10 Sep 2019\nTLS SNI support enabled\nconfigure arguments: ${PATHS} ${ccOpt('-fdebug-prefix-map', '1.19.7')}\n`);
  });

  it('the build follows the base and the release: bullseye\'s -ffile-prefix-map and running libssl, stretch\'s no-pie specs before 1.15.9, Alpine\'s own line', () => {
    const build = (ref: string) => {
      const r = resolveRef(ref, digest);
      if (!r.ok) throw new Error(r.error);
      const n = r.def.tree().nodes.get('/usr/sbin/nginx');
      return nginxBuild(n?.kind === 'file' ? (n.program ?? '').split('@')[1] : '');
    };
    // 1.20.2's package was built against 1.1.1k; its March 2022 image carries 1.1.1n.
    expect(build('nginx:1.20.2')).toMatchObject({ gcc: 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ', openssl: 'built with OpenSSL 1.1.1k  25 Mar 2021 (running with OpenSSL 1.1.1n  15 Mar 2022)' });
    expect(build('nginx:1.20.2').configure).toBe(`${PATHS} ${ccOpt('-ffile-prefix-map', '1.20.2')}`);
    expect(build('nginx:1.21.5').openssl).toBe('built with OpenSSL 1.1.1k  25 Mar 2021');
    expect(build('nginx:1.23.4').openssl).toBe('built with OpenSSL 1.1.1n  15 Mar 2022');
    expect(build('nginx:1.15.7')).toMatchObject({ openssl: 'built with OpenSSL 1.1.0f  25 May 2017' });
    expect(build('nginx:1.15.8').configure).toContain("=. -specs=/usr/share/dpkg/no-pie-compile.specs -fstack-protector-strong");
    expect(build('nginx:1.15.8').configure).toContain("--with-ld-opt='-specs=/usr/share/dpkg/no-pie-link.specs -Wl,-z,relro");
    expect(build('nginx:1.22.1-alpine').gcc).toBe('built by gcc 11.2.1 20220219 (Alpine 11.2.1_git20220219) ');
    expect(build('nginx:1.22.1-alpine').configure).toMatch(/--with-perl_modules_path=\/usr\/lib\/perl5\/vendor_perl --user=nginx .* --with-cc-opt='-Os -fomit-frame-pointer -g' --with-ld-opt=-Wl,--as-needed,-O1,--sort-common$/);
  });

  it('k8s-sim run prints them Running', async () => {
    let out = '';
    const io = { readFile: async () => manifest, stdout: (s: string) => void (out += s), stderr: () => undefined };
    expect(await main(['run', 'pods.yaml', '--until', '40s'], io)).toBe(0);
    expect(out).toMatch(/^web\s+1\/1\s+Running\s/m);
    expect(out).toMatch(/^new\s+1\/1\s+Running\s/m);
    expect(out).toMatch(/^alp\s+1\/1\s+Running\s/m);
    expect(out).toMatch(/^bb\s+1\/1\s+Running\s/m);
    expect(out).toMatch(/^web2\s+1\/1\s+Running\s/m);
    expect(out).not.toContain('hint:');
  });
});

describe('httpd 2.4.54', () => {
  it('runs its children as www-data, as the Dockerfile\'s sed rewrote httpd.conf', () => {
    const r = resolveRef('httpd:2.4.54', digest);
    if (!r.ok) throw new Error(r.error);
    const node = r.def.tree().nodes.get('/usr/local/apache2/conf/httpd.conf');
    const conf = node?.kind === 'file' ? node.content : '';
    expect(conf).toContain('\nUser www-data\nGroup www-data\n');
  });
});
