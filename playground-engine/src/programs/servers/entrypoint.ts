/**
 * The official nginx image's /docker-entrypoint.sh (1.19+), as a program: when the command
 * is `nginx` it runs the scripts of /docker-entrypoint.d/ and logs what it does, then execs
 * the command. The 10-listen-on-ipv6 step really edits /etc/nginx/conf.d/default.conf. Log
 * lines as real containers print them (1.25 adds the 15-local-resolvers.envsh step).
 */
import type { ExecError, Program } from '../types';
import { DEFAULT_CONF } from './nginxconf';

export function entrypointProgram(version: string): Program {
  const [maj, min] = version.split('.').map(Number);
  return function* entrypoint(ctx) {
    const me = ctx.argv[0] ?? '/docker-entrypoint.sh';
    const args = ctx.argv.slice(1);
    const quiet = !!ctx.env.get('NGINX_ENTRYPOINT_QUIET_LOGS');
    const log = (line: string) => {
      if (!quiet) ctx.write('stdout', `${line}\n`);
    };
    if (args[0] === 'nginx' || args[0] === 'nginx-debug') {
      const scripts = (ctx.fs.list('/docker-entrypoint.d') ?? []).map((n) => `/docker-entrypoint.d/${n}`);
      if (scripts.length) {
        log(`${me}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
        log(`${me}: Looking for shell scripts in /docker-entrypoint.d/`);
        for (const f of scripts) {
          if (f.endsWith('.envsh')) {
            log(`${me}: Sourcing ${f}`);
            continue;
          }
          if (!f.endsWith('.sh')) {
            log(`${me}: Ignoring ${f}`);
            continue;
          }
          log(`${me}: Launching ${f}`);
          if (f.endsWith('10-listen-on-ipv6-by-default.sh')) listenIpv6(log, ctx.fs);
        }
        log(`${me}: Configuration complete; ready for start up`);
      } else log(`${me}: No files found in /docker-entrypoint.d/, skipping configuration`);
    }
    if (!args.length) return 0;
    const r = (yield { kind: 'exec', argv: args }) as ExecError;
    const line = maj === 1 && min >= 25 ? 47 : 38;
    const why = r?.error === 'EACCES' ? 'Permission denied' : 'not found';
    ctx.write('stderr', version.includes('alpine') ? `${me}: exec: line ${line}: ${args[0]}: ${why}\n` : `${me}: ${line}: exec: ${args[0]}: ${why}\n`);
    return r?.error === 'EACCES' ? 126 : 127;
  };
}

/** The packaged default.conf's listen line, and what the script adds after it. */
function listenIpv6(log: (l: string) => void, fs: import('../types').FileSystem): void {
  const me = '10-listen-on-ipv6-by-default.sh';
  const path = '/etc/nginx/conf.d/default.conf';
  const text = fs.read(path);
  if (text === undefined) {
    log(`${me}: info: /${path.slice(1)} is not a file or does not exist`);
    return;
  }
  if (/listen\s+\[::\]:80;/.test(text)) {
    log(`${me}: info: IPv6 listen already enabled`);
    return;
  }
  log(`${me}: info: Getting the checksum of ${path}`);
  if (text !== DEFAULT_CONF) {
    log(`${me}: info: ${path} differs from the packaged version`);
    return;
  }
  fs.write(path, text.replace('listen       80;', 'listen       80;\n    listen  [::]:80;'));
  log(`${me}: info: Enabled listen on IPv6 in ${path}`);
}
