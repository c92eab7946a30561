/**
 * Every program an image's executable can name, by `name` or `name@version`: the shells, GNU
 * and BusyBox tools, curl/wget/nslookup/ping, nginx, etcd and the Kubernetes docs' test
 * servers. A file in an image says which one it runs (FileStat.program).
 */
import type { Program } from './types';
import { shellProgram } from './shell/sh';
import * as F from './tools/fileutils';
import * as T from './tools/textutils';
import * as S from './tools/sysutils';
import * as TP from './tools/textproc';
import { sed as sedProgram } from './tools/sed';
import { awk as awkProgram } from './tools/awk';
import { tar as tarProgram } from './tools/tar';
import { od as odProgram } from './tools/od';
import { which as whichProgram } from './tools/which';
import { timeout as timeoutProgram } from './tools/timeout';
import { busyboxProgram } from './tools/busybox';
import { busyboxBuild } from './tools/busybox-builds';
import type { Flavor } from './tools/common';
import { curlProgram } from './nettools/curl';
import { wgetProgram } from './nettools/wget';
import { nslookupProgram } from './nettools/nslookup';
import { pingProgram } from './nettools/ping';
import { ipProgram, routeProgram } from './nettools/iptools';
import { nginxProgram } from './servers/nginx';
import { addonProgram } from './servers/addons';
import { entrypointProgram } from './servers/entrypoint';
import { etcdProgram } from './servers/etcd';
import { livenessProgram, goproxyProgram, agnhostProgram } from './servers/testservers';
import { gosuProgram, redisCliProgram, redisEntrypointProgram, redisServerProgram } from './servers/redis';
import * as DB from './servers/databases';
import * as WEB from './servers/web';
import * as LANG from './servers/langs';

type Factory = (flavor: Flavor) => Program;

/** Tools that exist in both flavours. */
const TOOLS: Record<string, Factory> = {
  cat: F.cat,
  ls: F.ls,
  touch: F.touch,
  rm: F.rm,
  mkdir: F.mkdir,
  rmdir: F.rmdir,
  cp: F.cp,
  mv: F.mv,
  chmod: F.chmod,
  ln: F.ln,
  tar: tarProgram,
  od: odProgram,
  head: T.head,
  tail: T.tail,
  wc: T.wc,
  grep: T.grep,
  egrep: (f) => {
    const g = T.grep(f);
    return (ctx) => g({ ...ctx, argv: [ctx.argv[0], '-E', ...ctx.argv.slice(1)] } as typeof ctx);
  },
  sort: T.sort,
  cut: T.cut,
  tee: T.tee,
  seq: T.seq,
  basename: T.basename,
  dirname: T.dirname,
  sleep: S.sleep,
  env: S.env,
  printenv: S.printenv,
  hostname: S.hostname,
  date: S.date,
  uname: S.uname,
  id: S.id,
  whoami: S.whoami,
  echo: S.echo,
  printf: S.printf,
  yes: S.yes,
  test: S.testProgram,
  '[': S.testProgram,
  true: () => S.trueProgram(0),
  false: () => S.trueProgram(1),
  pwd: S.pwd,
  kill: S.kill,
  pkill: (f) => S.pkill(f, 'pkill'),
  pgrep: (f) => S.pkill(f, 'pgrep'),
  killall: S.killall,
  ps: S.ps,
  sed: sedProgram,
  awk: awkProgram,
  tr: TP.tr,
  uniq: TP.uniq,
  xargs: TP.xargs,
  column: TP.column,
  which: whichProgram,
  timeout: () => timeoutProgram(),
  watch: TP.watch,
  vi: () => TP.fullScreen('vi'),
  vim: () => TP.fullScreen('vim'),
  nano: () => TP.fullScreen('nano'),
  less: () => TP.fullScreen('less'),
  more: () => TP.fullScreen('more'),
  top: () => TP.fullScreen('top'),
};

/** Tools BusyBox 1.35 has no applet for. */
/** (od, timeout: BusyBox has applets, whose options and errors differ; only the GNU ones are modelled.) */
const NOT_IN_BUSYBOX = new Set(['column', 'vim', 'nano', 'od', 'timeout']);

const cache = new Map<string, Program>();

function busyboxApplet(name: string, version?: string): Program | undefined {
  if (name === 'sh' || name === 'ash') return get('ash');
  if (name === 'wget') return wgetProgram();
  if (name === 'nslookup') return nslookupProgram(version);
  if (name === 'ping') return pingProgram('busybox');
  if (name === 'ip') return ipProgram('busybox');
  if (name === 'route') return routeProgram('busybox');
  const f = TOOLS[name];
  return f ? f('busybox') : undefined;
}

function build(name: string): Program | undefined {
  const [base, version] = name.split('@');
  switch (base) {
    case 'dash':
    case 'ash':
    case 'bash':
      return shellProgram(base);
    case 'busybox': {
      const b = busyboxBuild(version);
      return busyboxProgram(b, (applet) => busyboxApplet(applet, b.version));
    }
    case 'curl':
      return curlProgram(version ?? '7.88.1');
    case 'wget':
      return wgetProgram();
    case 'nslookup':
      return nslookupProgram();
    case 'ping':
      return pingProgram(version === 'busybox' ? 'busybox' : 'iputils');
    case 'ip':
      return ipProgram(version === 'busybox' ? 'busybox' : 'iproute2');
    case 'route':
      return routeProgram(version === 'busybox' ? 'busybox' : 'net-tools');
    case 'addon':
      return addonProgram(version ?? '');
    case 'nginx':
      return nginxProgram(version ?? '1.23.2');
    case 'docker-entrypoint':
      return entrypointProgram(version ?? '1.23.2');
    case 'etcd':
      return etcdProgram(version ?? '3.5.1');
    case 'liveness':
      return livenessProgram();
    case 'goproxy':
      return goproxyProgram();
    case 'agnhost':
      return agnhostProgram(version ?? '2.40');
    case 'gosu':
      return gosuProgram();
    case 'docker-entrypoint/redis':
      return redisEntrypointProgram();
    case 'redis-server':
      return redisServerProgram(version ?? '7.0.5');
    case 'redis-cli':
      return redisCliProgram(version ?? '7.0.5');
    case 'docker-entrypoint/mysql':
      return DB.mysqlEntrypointProgram(version ?? '8.0.31-1.el8');
    case 'mysqld':
      return DB.mysqldProgram(version ?? '8.0.31');
    case 'mysqladmin':
      return DB.mysqladminProgram(version ?? '8.0.31');
    case 'mysql':
      return DB.mysqlClientProgram(version ?? '8.0.31');
    case 'docker-entrypoint/postgres':
      return DB.postgresEntrypointProgram(version ?? '15.1');
    case 'postgres':
      return DB.postgresProgram(version ?? '15.1');
    case 'pg_isready':
      return DB.pgIsreadyProgram();
    case 'docker-entrypoint/mongo':
      return DB.mongoEntrypointProgram();
    case 'mongod':
      return DB.mongodProgram(version ?? '6.0.3');
    case 'docker-entrypoint/memcached':
      return DB.memcachedEntrypointProgram();
    case 'memcached':
      return DB.memcachedProgram(version ?? '1.6.17');
    case 'docker-entrypoint/rabbitmq':
      return DB.rabbitmqEntrypointProgram();
    case 'rabbitmq-server':
      return DB.rabbitmqServerProgram(version ?? '3.11.4');
    case 'httpd-foreground':
      return WEB.httpdForegroundProgram();
    case 'httpd':
      return WEB.httpdProgram(version ?? '2.4.54');
    case 'catalina':
      return WEB.catalinaProgram(version ?? '10.1.2');
    case 'whoami':
      return WEB.whoamiProgram();
    case 'http-echo':
      return WEB.httpEchoProgram(version ?? '0.2.3');
    case 'serve_hostname':
      return WEB.serveHostnameProgram();
    case 'echoserver':
      return WEB.echoserverProgram(version ?? '1.4');
    case 'hello-app':
      return WEB.helloAppProgram(version ?? '1.0.0');
    case 'python':
      return LANG.pythonProgram(version ?? '3.11.1');
    case 'pip':
      return LANG.pipProgram(version ?? '3.11.1');
    case 'docker-entrypoint/node':
      return LANG.nodeEntrypointProgram();
    case 'node':
      return LANG.nodeProgram(version ?? '19.2.0');
    case 'npm':
      return LANG.npmProgram(version ?? '19.2.0');
    case 'go':
      return LANG.goProgram(version ?? '1.19.4');
    case 'java':
      return LANG.javaProgram(version ?? 'temurin-17.0.5+8');
    default: {
      if (base.startsWith('gnu/')) {
        const f = TOOLS[base.slice(4)];
        return f ? f('gnu') : undefined;
      }
      return undefined;
    }
  }
}

export function get(name: string): Program | undefined {
  let p = cache.get(name);
  if (!p) {
    p = build(name);
    if (p) cache.set(name, p);
  }
  return p;
}

/** The engine-wide registry (hosts add their own programs, e.g. kubectl, on top). */
export const PROGRAMS = { get };

/** Names of the GNU tools an image can install as `gnu/<name>`. */
export const GNU_TOOLS = Object.keys(TOOLS);
export const BUSYBOX_APPLETS = [...Object.keys(TOOLS).filter((t) => !NOT_IN_BUSYBOX.has(t)), 'sh', 'ash', 'wget', 'nslookup', 'ping', 'ip', 'route'];
