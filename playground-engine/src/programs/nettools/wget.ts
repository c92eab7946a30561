/**
 * BusyBox wget (1.35): `Connecting to HOST (IP:PORT)`, `saving to 'index.html'` or `writing to
 * stdout`, a progress line, and its failure messages (`wget: server returned error: HTTP/1.1
 * 404 Not Found`, `wget: can't connect to remote host (IP): Connection refused`, `wget: bad
 * address 'x'`, `wget: download timed out`). Checked against BusyBox 1.35.0.
 */
import type { Program } from '../types';
import type { HttpOutcome, ResolveOutcome } from '../net';
import { parseUrl, isIPv4 } from './url';
import { abs, writeFileErr } from '../tools/common';
import { bbBanner } from '../tools/busybox-builds';

export function wgetProgram(): Program {
  return function* wget(ctx) {
    const args = ctx.argv.slice(1);
    let quiet = false;
    let output: string | undefined;
    let timeoutS = 900;
    let spider = false;
    const headers: Array<[string, string]> = [];
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '-O') output = args[++i];
      else if (a.startsWith('-O')) output = a.slice(2);
      else if (a === '-qO' || a === '-qO-') {
        quiet = true;
        output = a === '-qO-' ? '-' : args[++i];
      } else if (a === '-T') timeoutS = Number(args[++i]);
      else if (a.startsWith('-T')) timeoutS = Number(a.slice(2));
      else if (a === '--spider') spider = true;
      else if (a === '--header') {
        const h = args[++i] ?? '';
        const c = h.indexOf(':');
        if (c > 0) headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
      } else if (a.startsWith('-')) {
        // -S, -c, -t N and friends: accepted, no effect here.
        if (a === '-t' || a === '-U' || a === '-Y') i++;
      } else urls.push(a);
    }
    if (!urls.length) {
      ctx.write('stderr', `${bbBanner(ctx)}\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n`);
      return 1;
    }
    const raw = urls[0];
    const u = parseUrl(raw);
    if (!u || (u.scheme !== 'http' && u.scheme !== 'https')) {
      ctx.write('stderr', `wget: not an http or ftp url: ${raw}\n`);
      return 1;
    }
    const net = ctx.net;
    let ip = u.host;
    if (!isIPv4(u.host)) {
      const r = net ? ((yield { kind: 'await', future: net.resolve(u.host, 'musl') }) as ResolveOutcome) : undefined;
      if (!r || !r.ok) {
        ctx.write('stderr', `wget: bad address '${u.host}'\n`);
        return 1;
      }
      ip = r.addresses[0];
    }
    const hostPort = u.explicitPort ? `${u.host}:${u.port}` : u.host;
    if (!quiet) ctx.write('stderr', `Connecting to ${hostPort} (${ip}:${u.port})\n`);
    if (!net) return 1;
    const r = (yield {
      kind: 'await',
      future: net.http({ ip, port: u.port, method: spider ? 'HEAD' : 'GET', path: u.path, headers: [['Host', hostPort], ['User-Agent', 'Wget'], ...headers, ['Connection', 'close']], timeoutMs: timeoutS * 1000, connectTimeoutMs: timeoutS * 1000 }),
    }) as HttpOutcome;
    if (!r.ok) {
      if (r.code === 'timeout') ctx.write('stderr', 'wget: download timed out\n');
      else if (r.phase === 'connect') ctx.write('stderr', `wget: can't connect to remote host (${ip}): ${r.code === 'refused' ? 'Connection refused' : 'No route to host'}\n`);
      else ctx.write('stderr', 'wget: error getting response: Connection reset by peer\n');
      return 1;
    }
    if (u.scheme === 'https') {
      ctx.write('stderr', 'wget: error getting response: Connection reset by peer\n');
      return 1;
    }
    const res = r.response;
    if (res.status >= 400 || res.status < 200) {
      ctx.write('stderr', `wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) ctx.write('stderr', 'remote file exists\n');
      return 0;
    }
    const name = output ?? (u.path.replace(/\?.*$/, '').split('/').pop() || 'index.html');
    const size = String(res.body.length).padStart(5);
    const bar = `${(name === '-' ? '-' : name).slice(0, 20).padEnd(20)} 100% |********************************| ${size}  0:00:00 ETA\n`;
    if (name === '-') {
      if (!quiet) ctx.write('stderr', 'writing to stdout\n');
      ctx.write('stdout', res.body);
      if (!quiet) ctx.write('stderr', `${bar}written to stdout\n`);
      return 0;
    }
    const path = abs(ctx, name);
    if (output === undefined && ctx.fs.exists(path)) {
      ctx.write('stderr', `wget: can't open '${name}': File exists\n`);
      return 1;
    }
    if (!quiet) ctx.write('stderr', `saving to '${name}'\n`);
    const e = writeFileErr(ctx.fs, path, res.body);
    if (e) {
      ctx.write('stderr', `wget: can't open '${name}': ${e === 'EISDIR' ? 'Is a directory' : e === 'EROFS' ? 'Read-only file system' : 'No such file or directory'}\n`);
      return 1;
    }
    if (!quiet) ctx.write('stderr', `${bar}'${name}' saved\n`);
    return 0;
  };
}
