/**
 * The ports a master's control-plane processes listen on, read from their command lines as
 * those programs read their flags: kube-apiserver's `--secure-port` (6443, TLS), etcd's
 * `--listen-client-urls` / `--listen-peer-urls` (TLS with client certificates) and
 * `--listen-metrics-urls` (plain HTTP, `/health`), kube-controller-manager's 10257 and
 * kube-scheduler's 10259 (TLS, `--bind-address`). What `ss -ltn` shows and what `curl -k` gets
 * without credentials: the health endpoints (always allowed), `/version` (granted to anonymous
 * users by system:public-info-viewer), and otherwise the authorizer's 403 for system:anonymous.
 */
import type { HttpRequest, HttpResponse, ListenSpec } from '../../programs/net';
import { goText, header } from '../../programs/servers/kit';
import { versionInfo } from '../../api/version';
import { KUBERNETES_VERSION } from '../../network/cluster';

type Clock = { now(): number };

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

function flag(argv: readonly string[], name: string): string | undefined {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

const NOSNIFF: Array<[string, string]> = [['X-Content-Type-Options', 'nosniff']];

/** The API server's JSON: indented when the client is curl or wget (apiserver's prettyJSON). */
function json(clock: Clock, req: HttpRequest, status: number, reason: string, value: unknown): HttpResponse {
  const pretty = /^(curl|Wget)\//.test(header(req, 'user-agent') ?? '') || /[?&]pretty=(true|1)/.test(req.path);
  return goText(clock, status, reason, pretty ? `${JSON.stringify(value, null, 2)}\n` : `${JSON.stringify(value)}\n`, 'application/json', NOSNIFF);
}

/** The RBAC authorizer's denial for an anonymous request (its wording for paths and resources). */
function forbiddenMessage(method: string, rawPath: string): string {
  const path = rawPath.split('?')[0];
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!m) return `forbidden: User "system:anonymous" cannot ${method.toLowerCase()} path "${path}"`;
  const group = m[1] ?? '';
  const [ns, resource, name, sub] = [m[2], m[3], m[4], m[5]];
  const verb = method === 'GET' ? (name ? 'get' : 'list') : method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : method.toLowerCase();
  const what = sub ? `${resource}/${sub}` : resource;
  const subject = name ? `${what} "${name}"` : what;
  const scope = ns ? `in the namespace "${ns}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "system:anonymous" cannot ${verb} resource "${what}" in API group "${group}" ${scope}`;
}

function forbidden(clock: Clock, req: HttpRequest): HttpResponse {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: forbiddenMessage(req.method, req.path), reason: 'Forbidden', details: {}, code: 403 };
  return json(clock, req, 403, 'Forbidden', status);
}

/** A component's secure port: health endpoints answer `ok`, `/version` (the API server) the build. */
function secure(clock: Clock, owner: string, port: number, address: string, versionToo: boolean): ListenSpec {
  return {
    port,
    address,
    owner,
    tls: true,
    http: (req, reply) => {
      const path = req.path.split('?')[0];
      if (HEALTH.has(path)) reply(goText(clock, 200, 'OK', 'ok', undefined, NOSNIFF));
      else if (versionToo && (path === '/version' || path === '/version/')) reply(json(clock, req, 200, 'OK', versionInfo(KUBERNETES_VERSION)));
      else reply(forbidden(clock, req));
    },
  };
}

/** The listeners of one control-plane process, by its command line (none for other programs). */
export function controlPlaneListeners(argv: readonly string[], hostIp: string, clock: Clock): ListenSpec[] {
  const prog = (argv[0] ?? '').split('/').pop();
  switch (prog) {
    case 'kube-apiserver':
      return [secure(clock, 'kube-apiserver', Number(flag(argv, 'secure-port') ?? 6443), flag(argv, 'bind-address') ?? '0.0.0.0', true)];
    case 'kube-controller-manager':
      return [secure(clock, 'kube-controller-manager', Number(flag(argv, 'secure-port') ?? 10257), flag(argv, 'bind-address') ?? '0.0.0.0', false)];
    case 'kube-scheduler':
      return [secure(clock, 'kube-scheduler', Number(flag(argv, 'secure-port') ?? 10259), flag(argv, 'bind-address') ?? '0.0.0.0', false)];
    case 'etcd': {
      const out: ListenSpec[] = [];
      const urls = (name: string) => (flag(argv, name) ?? '').split(',').filter(Boolean).map((u) => /^(https?):\/\/([^:/]+):(\d+)/.exec(u)).filter((x): x is RegExpExecArray => !!x);
      // client and peer ports want a client certificate: a connection without one gets no HTTP answer
      for (const u of [...urls('listen-client-urls'), ...urls('listen-peer-urls')]) out.push({ port: Number(u[3]), address: u[2] === hostIp || u[2].startsWith('127.') ? u[2] : '0.0.0.0', owner: 'etcd', tls: true, tcp: (_c, reply) => reply(undefined) });
      for (const u of urls('listen-metrics-urls')) {
        out.push({
          port: Number(u[3]),
          address: u[2],
          owner: 'etcd',
          http: (req, reply) => {
            const path = req.path.split('?')[0];
            if (path === '/health' || path === '/livez' || path === '/readyz') reply(goText(clock, 200, 'OK', path === '/health' ? '{"health":"true","reason":""}' : 'ok', undefined, NOSNIFF));
            else reply(goText(clock, 404, 'Not Found', '404 page not found\n', undefined, NOSNIFF));
          },
        });
      }
      return out;
    }
    default:
      return [];
  }
}
