/**
 * curl, in the versions the reader meets: 7.29.0 on the CentOS 7 nodes, 7.74.0 in Debian 11
 * images (nginx:1.23), 7.83.1 in Alpine 3.16 (nginx:*-alpine), 7.88.1 in Debian 12 (nginx:1.25).
 * Their failure messages differ:
 * - 7.29: `curl: (7) Failed connect to 172.27.14.198:80; Connection refused` (the notes' host)
 * - 7.74: `curl: (7) Failed to connect to 172.17.125.8 port 80: Connection refused`
 * - 7.83: `curl: (7) Failed to connect to 172.17.125.8 port 80 after 0 ms: Connection refused`
 * - 7.88: `curl: (7) Failed to connect to 172.17.125.8 port 80 after 0 ms: Couldn't connect to server`
 * (7.88 checked by running it; 7.29 from the notes; 7.74/7.83 from public transcripts and
 * memory.) Options: -s -S -I -i -v -o -m --connect-timeout -H -X -w -f -L -k -A -d.
 */
import type { Program, ProcessContext } from '../types';
import type { HttpOutcome, HttpResponse } from '../net';
import { parseUrl, isIPv4 } from './url';
import { abs, writeFileErr } from '../tools/common';

type Gen<T> = Generator<import('../types').Effect, T, unknown>;

interface Opts {
  silent: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  output?: string;
  maxTime?: number;
  connectTimeout?: number;
  headers: Array<[string, string]>;
  method?: string;
  writeOut?: string;
  fail: boolean;
  data?: string;
  userAgent?: string;
  urls: string[];
  insecure: boolean;
}

function parseArgs(args: string[]): Opts | string {
  const o: Opts = { silent: false, showError: false, head: false, include: false, verbose: false, headers: [], fail: false, urls: [], insecure: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => args[++i];
    if (a.startsWith('--')) {
      const [k, inline] = a.split(/=(.*)/s);
      const v = () => inline ?? val();
      switch (k) {
        case '--silent': o.silent = true; break;
        case '--show-error': o.showError = true; break;
        case '--head': o.head = true; break;
        case '--include': o.include = true; break;
        case '--verbose': o.verbose = true; break;
        case '--output': o.output = v(); break;
        case '--max-time': o.maxTime = Number(v()); break;
        case '--connect-timeout': o.connectTimeout = Number(v()); break;
        case '--header': { const h = v() ?? ''; const c = h.indexOf(':'); if (c > 0) o.headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]); break; }
        case '--request': o.method = v(); break;
        case '--write-out': o.writeOut = v(); break;
        case '--fail': o.fail = true; break;
        case '--data': case '--data-raw': o.data = v(); break;
        case '--user-agent': o.userAgent = v(); break;
        case '--insecure': o.insecure = true; break;
        case '--location': case '--compressed': case '--http1.1': break;
        default: return `curl: option ${k}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const rest = a.slice(j + 1);
        const take = () => {
          const v = rest || val();
          j = a.length;
          return v;
        };
        switch (c) {
          case 's': o.silent = true; break;
          case 'S': o.showError = true; break;
          case 'I': o.head = true; break;
          case 'i': o.include = true; break;
          case 'v': o.verbose = true; break;
          case 'f': o.fail = true; break;
          case 'k': o.insecure = true; break;
          case 'L': break;
          case 'o': o.output = take(); break;
          case 'm': o.maxTime = Number(take()); break;
          case 'H': { const h = take() ?? ''; const ci = h.indexOf(':'); if (ci > 0) o.headers.push([h.slice(0, ci).trim(), h.slice(ci + 1).trim()]); break; }
          case 'X': o.method = take(); break;
          case 'w': o.writeOut = take(); break;
          case 'd': o.data = take(); break;
          case 'A': o.userAgent = take(); break;
          default: return `curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`;
        }
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

function speed(bytes: number, ms: number): string {
  const bps = bytes === 0 ? 0 : Math.round((bytes * 1000) / Math.max(1, ms));
  if (bps < 100000) return String(bps);
  if (bps < 1024 * 10000) return `${Math.round(bps / 1024)}k`;
  return `${(bps / 1048576).toFixed(1)}M`;
}

function meterLine(bytes: number, ms: number): string {
  const pct = bytes ? '100' : '  0';
  const b = String(bytes).padStart(5);
  const sp = speed(bytes, ms).padStart(6);
  return `${pct} ${b}  ${pct} ${b}    0     0 ${sp}      0 --:--:-- --:--:-- --:--:-- ${sp}`;
}

function versionAtLeast(version: string): (maj: number, min: number) => boolean {
  const v = version.split('.').map(Number);
  return (maj, min) => v[0] > maj || (v[0] === maj && v[1] >= min);
}

/** `-f` and an HTTP status ≥ 400: the message of exit code 22 in this curl version. */
export function curlHttpErrorMessage(version: string, status: number, reason: string): string {
  return versionAtLeast(version)(7, 76) ? `The requested URL returned error: ${status}` : `The requested URL returned error: ${status} ${reason}`;
}

/** `curl: (6) …` for a name that does not resolve, in this curl version. */
export function curlResolveMessage(version: string, host: string): string {
  return versionAtLeast(version)(7, 30) ? `Could not resolve host: ${host}` : `Could not resolve host: ${host}; Name or service not known`;
}

/**
 * The exit code and message curl prints for a failed exchange (connect refused/timed out, reset,
 * empty reply, response timeout), in this curl version's wording. `connectTimeout` / `maxTime`
 * are the `--connect-timeout` / `-m` values in seconds. Shared by the curl program and the
 * Scenario's traffic clients, so both speak the same text.
 */
export function curlFailure(version: string, r: Extract<HttpOutcome, { ok: false }>, opts: { host: string; port: number; connectTimeout?: number; maxTime?: number }): { code: number; message: string } {
  const ge = versionAtLeast(version);
  const { host, port } = opts;
  const e = (code: number, message: string) => ({ code, message });
  if (r.code === 'empty') return e(52, 'Empty reply from server');
  if (r.code === 'reset') return e(56, 'Recv failure: Connection reset by peer');
  if (r.phase === 'response') {
    return e(28, ge(7, 75) ? `Operation timed out after ${r.elapsedMs} milliseconds with 0 bytes received` : `Operation timed out after ${r.elapsedMs} milliseconds with 0 out of -1 bytes received`);
  }
  const why = r.code === 'refused' ? 'Connection refused' : r.code === 'unreachable' ? 'No route to host' : 'Connection timed out';
  const userTimeout = r.code === 'timeout' && (opts.connectTimeout || opts.maxTime);
  if (!ge(7, 30)) {
    if (userTimeout) return e(28, `Connection timed out after ${r.elapsedMs + 1} milliseconds`);
    return e(7, `Failed connect to ${host}:${port}; ${why}`);
  }
  if (ge(7, 87)) {
    if (userTimeout) {
      if (opts.connectTimeout && (!opts.maxTime || opts.connectTimeout <= opts.maxTime)) return e(28, `Failed to connect to ${host} port ${port} after ${r.elapsedMs + 1} ms: Timeout was reached`);
      return e(28, `Connection timed out after ${r.elapsedMs + 1} milliseconds`);
    }
    return e(r.code === 'timeout' ? 28 : 7, `Failed to connect to ${host} port ${port} after ${r.elapsedMs} ms: ${r.code === 'timeout' ? 'Timeout was reached' : "Couldn't connect to server"}`);
  }
  if (userTimeout) return e(28, `Connection timed out after ${r.elapsedMs + 1} milliseconds`);
  if (ge(7, 77)) return e(7, `Failed to connect to ${host} port ${port} after ${r.elapsedMs} ms: ${why}`);
  return e(7, `Failed to connect to ${host} port ${port}: ${why}`);
}

export function curlProgram(version: string): Program {
  const v = version.split('.').map(Number);
  const ge = (maj: number, min: number) => v[0] > maj || (v[0] === maj && v[1] >= min);
  return function* curl(ctx: ProcessContext): Gen<number> {
    const parsed = parseArgs(ctx.argv.slice(1));
    if (typeof parsed === 'string') {
      ctx.write('stderr', `${parsed}\n`);
      return 2;
    }
    const o: Opts = parsed;
    if (!o.urls.length) {
      ctx.write('stderr', "curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const showErr = !o.silent || o.showError;
    const meter = !o.silent && !o.verbose && !ctx.tty;
    const fail = (code: number, msg: string): number => {
      if (meter) ctx.write('stderr', `${METER_HEAD}\r${meterLine(0, 0)}\n`);
      if (showErr) ctx.write('stderr', `curl: (${code}) ${msg}\n`);
      return code;
    };
    let status = 0;
    for (const raw of o.urls) {
      const u = parseUrl(raw);
      if (!u) {
        status = fail(3, ge(7, 75) ? 'URL using bad/illegal format or missing URL' : '<url> malformed');
        continue;
      }
      if (u.scheme !== 'http' && u.scheme !== 'https') {
        status = fail(1, `Protocol "${u.scheme}" not supported or disabled in libcurl`);
        continue;
      }
      const net = ctx.net;
      if (!net) {
        status = fail(6, `Could not resolve host: ${u.host}`);
        continue;
      }
      let ip = u.host;
      if (!isIPv4(u.host)) {
        const r = (yield { kind: 'await', future: net.resolve(u.host, ctx.sys?.os.id === 'alpine' ? 'musl' : 'glibc') }) as import('../net').ResolveOutcome;
        if (!r.ok) {
          status = fail(6, curlResolveMessage(version, u.host));
          continue;
        }
        ip = r.addresses[0];
      }
      const hostHeader = u.explicitPort ? `${u.host}:${u.port}` : u.host;
      const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
      const headers: Array<[string, string]> = [['Host', hostHeader], ['User-Agent', o.userAgent ?? `curl/${version}`], ['Accept', '*/*']];
      for (const [k, val] of o.headers) {
        const i = headers.findIndex(([hk]) => hk.toLowerCase() === k.toLowerCase());
        if (i >= 0) headers[i] = [k, val];
        else headers.push([k, val]);
      }
      if (o.verbose) {
        if (ge(7, 50)) ctx.write('stderr', `*   Trying ${ip}:${u.port}...\n`);
        else ctx.write('stderr', `* About to connect() to ${u.host} port ${u.port} (#0)\n*   Trying ${ip}...\n`);
      }
      const spec = { ip, port: u.port, method, path: u.path, headers, connectTimeoutMs: o.connectTimeout ? o.connectTimeout * 1000 : undefined, timeoutMs: o.maxTime ? o.maxTime * 1000 : undefined, ...(u.scheme === 'https' ? { tls: true } : {}) };
      const r = (yield { kind: 'await', future: net.http(spec) }) as HttpOutcome;
      if (!r.ok) {
        status = failure(r);
        continue;
      }
      if (u.scheme === 'https' && r.serverTls && !o.insecure) {
        // The cluster's servers use self-signed certificates (metrics-server, the dashboard).
        status = fail(60, certificateProblem(version));
        continue;
      }
      if (u.scheme === 'https' && !r.serverTls) {
        status = fail(35, ge(7, 70) ? 'error:0A00010B:SSL routines::wrong version number' : 'error:1408F10B:SSL routines:ssl3_get_record:wrong version number');
        continue;
      }
      const res = r.response;
      if (o.verbose) {
        ctx.write('stderr', `* Connected to ${u.host} (${ip}) port ${u.port} (#0)\n`);
        for (const [i, [k, val]] of headers.entries()) ctx.write('stderr', i === 0 ? `> ${method} ${u.path} HTTP/1.1\n> ${k}: ${val}\n` : `> ${k}: ${val}\n`);
        ctx.write('stderr', '> \n');
        ctx.write('stderr', `< HTTP/1.1 ${res.status} ${res.reason}\n`);
        for (const [k, val] of res.headers) ctx.write('stderr', `< ${k}: ${val}\n`);
        ctx.write('stderr', '< \n');
      }
      if (o.fail && res.status >= 400) {
        status = fail(22, curlHttpErrorMessage(version, res.status, res.reason));
        continue;
      }
      const head = `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, val]) => `${k}: ${val}\r\n`).join('')}\r\n`;
      let body = method === 'HEAD' ? '' : res.body;
      if (o.head || o.include) body = head + body;
      if (o.output && o.output !== '-') {
        const e = writeFileErr(ctx.fs, abs(ctx, o.output), body);
        if (e) {
          status = fail(23, ge(7, 80) ? `Failure writing output to destination` : `Failed writing body (0 != ${body.length})`);
          continue;
        }
      } else ctx.write('stdout', body);
      if (meter) ctx.write('stderr', `${METER_HEAD}\r${meterLine(0, 0)}\r${meterLine(res.body.length, Math.max(1, r.elapsedMs))}\n`);
      if (o.verbose) ctx.write('stderr', `* Connection #0 to host ${u.host} left intact\n`);
      if (o.writeOut) ctx.write('stdout', o.writeOut.replace(/%\{http_code\}|%\{response_code\}/g, String(res.status)).replace(/%\{time_total\}/g, (r.elapsedMs / 1000).toFixed(6)).replace(/%\{remote_ip\}/g, r.peerIp).replace(/\\n/g, '\n'));
    }
    return status;

    function failure(r: Extract<HttpOutcome, { ok: false }>): number {
      const u = parseUrl(o.urls[0] as string)!;
      if (o.writeOut) ctx.write('stdout', o.writeOut.replace(/%\{http_code\}|%\{response_code\}/g, '000').replace(/\\n/g, '\n'));
      const e = curlFailure(version, r, { host: u.host, port: u.port, connectTimeout: o.connectTimeout, maxTime: o.maxTime });
      return fail(e.code, e.message);
    }
  };
}

export type { HttpResponse };

/** curl's error 60 for a self-signed certificate: NSS (CentOS 7's 7.29) or OpenSSL wording. */
function certificateProblem(version: string): string {
  // wording not verified: the text of curl 7.29 built with NSS.
  if (version.startsWith('7.29')) {
    return "Peer's certificate issuer has not been recognized.\nMore details here: http://curl.haxx.se/docs/sslcerts.html\n\ncurl performs SSL certificate verification by default, using a \"bundle\"\n of Certificate Authority (CA) public keys (CA certs). If the default\n bundle file isn't adequate, you can specify an alternate file\n using the --cacert option.\nIf this HTTPS server uses a certificate signed by a CA represented in\n the bundle, the certificate verification probably failed due to a\n problem with the certificate (it might be expired, or the name might\n not match the domain name in the URL).\nIf you'd like to turn off curl's verification of the certificate, use\n the -k (or --insecure) option.";
  }
  return 'SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.';
}
