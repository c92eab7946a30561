/**
 * etcd 3.5 (the registry.k8s.io/etcd image's /usr/local/bin/etcd), single member: JSON log
 * lines on stderr in zap's production format at the chosen --log-level, an HTTP endpoint on
 * each client URL (`/health` → `{"health":"true","reason":""}`, `/version`) and the gRPC
 * health service (NOT_SERVING until the member has elected itself, then SERVING).
 * SIGTERM/SIGINT: graceful stop; as PID 1 it exits 0 (osutil.HandleInterrupts exits directly
 * when it is init), otherwise it re-raises the signal (exit 143). The startup sequence is a
 * shortened version of a real 3.5 start (log fields from memory).
 */
import type { Program } from '../types';
import type { Listener } from '../net';
import { isoMillis } from '../clock';

const LEVELS = ['debug', 'info', 'warn', 'error'];
const ELECTION_MS = 1100;

export function etcdProgram(version: string): Program {
  return function* etcd(ctx) {
    const args = ctx.argv.slice(1);
    const flags = new Map<string, string>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!a.startsWith('-')) {
        log('warn', 'etcdmain/etcd.go:75', 'failed to verify flags', { error: `'${a}' is not a valid flag` });
        return 1;
      }
      const name = a.replace(/^--?/, '');
      const eq = name.indexOf('=');
      if (eq >= 0) flags.set(name.slice(0, eq), name.slice(eq + 1));
      else if (name === 'version') flags.set('version', 'true');
      else flags.set(name, args[++i] ?? '');
    }
    if (flags.has('version')) {
      ctx.write('stdout', `etcd Version: ${version}\nGit SHA: e8732fb5f\nGo Version: go1.16.3\nGo OS/Arch: linux/amd64\n`);
      return 0;
    }
    const level = Math.max(0, LEVELS.indexOf(flags.get('log-level') ?? 'info'));
    const name = flags.get('name') ?? 'default';
    const dataDir = flags.get('data-dir') ?? `${name}.etcd`;
    const clientUrls = (flags.get('listen-client-urls') ?? 'http://localhost:2379').split(',');
    const peerUrls = (flags.get('listen-peer-urls') ?? 'http://localhost:2380').split(',');
    const advertise = (flags.get('advertise-client-urls') ?? 'http://localhost:2379').split(',');
    function log(lv: string, caller: string, msg: string, fields: Record<string, unknown> = {}): void {
      if (LEVELS.indexOf(lv) < level) return;
      const rest = Object.entries(fields).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('');
      ctx.write('stderr', `{"level":"${lv}","ts":"${isoMillis(ctx.now())}","caller":"${caller}","msg":${JSON.stringify(msg)}${rest}}\n`);
    }
    log('info', 'etcdmain/etcd.go:72', 'Running: ', { args: ctx.argv });
    if (!flags.has('data-dir')) log('warn', 'etcdmain/etcd.go:104', "'data-dir' was empty; using default", { 'data-dir': dataDir });
    log('info', 'embed/etcd.go:131', 'configuring peer listeners', { 'listen-peer-urls': peerUrls });
    log('info', 'embed/etcd.go:139', 'configuring client listeners', { 'listen-client-urls': clientUrls });
    log('info', 'embed/etcd.go:307', 'starting an etcd server', {
      'etcd-version': version, 'git-sha': 'e8732fb5f', 'go-version': 'go1.16.3', 'go-os': 'linux', 'go-arch': 'amd64',
      'max-cpu-set': ctx.sys?.os.cpus ?? 2, 'max-cpu-available': ctx.sys?.os.cpus ?? 2, 'member-initialized': false, name, 'data-dir': dataDir,
      'wal-dir': '', 'wal-dir-dedicated': '', 'member-dir': `${dataDir}/member`, 'force-new-cluster': false, 'heartbeat-interval': '100ms', 'election-timeout': '1s',
      'advertise-client-urls': advertise, 'listen-client-urls': clientUrls, 'listen-peer-urls': peerUrls,
    });
    ctx.fs.mkdir(`${dataDir}/member/snap`, { parents: true });
    ctx.fs.mkdir(`${dataDir}/member/wal`, { parents: true });
    const started = ctx.now();
    let ready = false;
    const listeners: Listener[] = [];
    const bindUrl = (u: string, kind: 'client' | 'peer'): string | undefined => {
      const m = /^https?:\/\/(\[[^\]]*\]|[^:/]+):(\d+)/.exec(u);
      if (!m) return `listen tcp: address ${u}: missing port in address`;
      const host = m[1] === 'localhost' ? '127.0.0.1' : m[1].replace(/^\[|\]$/g, '') === '::' ? '0.0.0.0' : m[1];
      const l = ctx.net?.listen({
        port: Number(m[2]),
        address: host,
        owner: 'etcd',
        http:
          kind === 'client'
            ? (req, reply) => {
                const p = req.path.replace(/\?.*$/, '');
                const json = (status: number, body: string) => reply({ status, reason: status === 200 ? 'OK' : status === 503 ? 'Service Unavailable' : 'Not Found', headers: [['Content-Type', 'application/json'], ['Date', ''], ['Content-Length', String(body.length)]], body });
                if (p === '/health' || p === '/livez' || p === '/readyz') {
                  if (ready) json(200, p === '/health' ? '{"health":"true","reason":""}' : 'ok');
                  else json(503, '{"health":"false","reason":"RAFT NO LEADER"}');
                } else if (p === '/version') json(200, `{"etcdserver":"${version}","etcdcluster":"${ready ? version.replace(/\.\d+$/, '.0') : 'not_decided'}"}`);
                else if (p === '/metrics') reply({ status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8']], body: `etcd_server_has_leader ${ready ? 1 : 0}\netcd_server_is_leader ${ready ? 1 : 0}\n` });
                else reply({ status: 404, reason: 'Not Found', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], body: '404 page not found\n' });
              }
            : undefined,
        grpcHealth: kind === 'client' ? (service) => (service === '' ? (ready ? 'SERVING' : 'NOT_SERVING') : 'SERVICE_UNKNOWN') : undefined,
      });
      if (l && 'error' in l) return `listen tcp ${host}:${m[2]}: bind: ${l.error === 'EADDRINUSE' ? 'address already in use' : 'cannot assign requested address'}`;
      if (l) listeners.push(l);
      return undefined;
    };
    for (const u of [...peerUrls.map((u) => [u, 'peer'] as const), ...clientUrls.map((u) => [u, 'client'] as const)]) {
      const e = bindUrl(u[0], u[1]);
      if (e) {
        log('error', 'embed/etcd.go:267', 'creating peer listener failed', { error: e });
        log('fatal', 'etcdmain/etcd.go:204', 'discovery failed', { error: e });
        for (const l of listeners) l.close();
        return 1;
      }
    }
    const memberId = '8e9e05c52164694d';
    log('info', 'etcdserver/raft.go:448', 'starting local member', { 'local-member-id': memberId, 'cluster-id': 'cdf818194e3a8c32' });
    log('info', 'raft/raft.go:1530', `${memberId} switched to configuration voters=()`);
    log('info', 'raft/raft.go:700', `${memberId} became follower at term 0`);
    log('info', 'raft/raft.go:383', `newRaft ${memberId} [peers: [], term: 0, commit: 0, applied: 0, lastindex: 0, lastterm: 0]`);
    log('debug', 'etcdserver/server.go:843', 'starting server...', { 'server-version': version, 'cluster-version': 'to_be_decided' });
    log('info', 'embed/etcd.go:580', 'serving peer traffic', { address: peerUrls[0].replace(/^https?:\/\//, '') });
    let stop: string | undefined;
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      ctx.onSignal(sig, () => {
        stop = sig === 'SIGTERM' ? 'terminated' : 'interrupt';
      });
    }
    const wait = (ms: number) => ({ kind: 'sleep' as const, ms });
    yield wait(Math.max(0, ELECTION_MS - (ctx.now() - started)));
    if (!stop) {
      log('info', 'raft/raft.go:1017', `${memberId} is starting a new election at term 1`);
      log('info', 'raft/raft.go:713', `${memberId} became candidate at term 2`);
      log('info', 'raft/raft.go:765', `${memberId} became leader at term 2`);
      log('info', 'etcdserver/server.go:2027', 'published local member to cluster through raft', { 'local-member-id': memberId, 'local-member-attributes': `{Name:${name} ClientURLs:[${advertise.join(' ')}]}`, 'request-path': `/0/members/${memberId}/attributes`, 'cluster-id': 'cdf818194e3a8c32', 'publish-timeout': '7s' });
      log('info', 'etcdserver/server.go:2476', 'setting up initial cluster version', { 'cluster-version': version.replace(/\.\d+$/, '') });
      log('info', 'embed/serve.go:98', 'ready to serve client requests');
      for (const u of clientUrls) log('info', 'embed/serve.go:140', 'serving client traffic insecurely; this is strongly discouraged!', { address: u.replace(/^https?:\/\//, '') });
      ready = true;
    }
    while (!stop) {
      const r = (yield { kind: 'pause' }) as { signal?: string } | undefined;
      void r;
    }
    log('info', 'osutil/interrupt_unix.go:64', 'received signal; shutting down', { signal: stop });
    log('info', 'embed/etcd.go:367', 'closing etcd server', { name, 'data-dir': dataDir, 'advertise-peer-urls': peerUrls, 'advertise-client-urls': advertise });
    ready = false;
    for (const l of listeners) l.close();
    log('info', 'etcdserver/server.go:1438', 'skipped leadership transfer for single voting member cluster', { 'local-member-id': memberId, 'current-leader-member-id': memberId });
    log('info', 'embed/etcd.go:562', 'stopping serving peer traffic', { address: peerUrls[0].replace(/^https?:\/\//, '') });
    log('info', 'embed/etcd.go:369', 'closed etcd server', { name, 'data-dir': dataDir, 'advertise-peer-urls': peerUrls, 'advertise-client-urls': advertise });
    if (ctx.pid === 1) return 0;
    return 128 + (stop === 'terminated' ? 15 : 2);
  };
}
