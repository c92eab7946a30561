/**
 * The Docker Hub official images a reader reaches for (redis, mysql, postgres, httpd, mongo,
 * memcached, rabbitmq, tomcat, python, node, golang, openjdk/eclipse-temurin, ubuntu, debian,
 * centos, alpine, busybox) and the small images of the Kubernetes docs' task and tutorial pages
 * (serve_hostname, echoserver, agnhost, hashicorp/http-echo, traefik/whoami, hello-app), as
 * the registries served them around the notes' date (December 2022).
 *
 * Each config follows the image's Dockerfile of that release (docker-library/*, the
 * kubernetes test images, the vendors' repositories): ENTRYPOINT, CMD, ENV, WORKDIR, USER,
 * EXPOSE, STOPSIGNAL. Values taken from memory and not checked against a stored Dockerfile
 * are listed in `UNVERIFIED` below. Sizes are plausible compressed sizes (what a pull moves).
 */
import type { Signal } from '../../node/runtime/types';
import { ImageTree } from '../../node/runtime/fs';
import type { ImageDef } from './catalog';
import { daysFromCivil } from '../../sim/time';
import { addDir, addExe, addFile, addLink, addUser, busyboxTree, debianTree, distrolessTree, rhelTree } from './trees';

const DAY = 86_400_000;
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Facts not checked against a stored copy of the Dockerfile (kept honest here so a reviewer
 * can verify them): download hashes are left out of ENV on purpose.
 */
export const UNVERIFIED = [
  'GOSU_VERSION values',
  'image sizes (plausible compressed sizes)',
  'echoserver 1.4/1.10 entrypoints',
  'serve_hostname start-up line',
  'tomcat / rabbitmq / mongo exact ENV lists',
];

type Base = 'bullseye' | 'bookworm' | 'buster' | 'jammy' | 'focal' | 'alpine3.16' | 'alpine3.17' | 'oraclelinux8' | 'centos7' | 'centos8' | 'scratch';

interface Spec {
  repo: string;
  tags: string[];
  size: number;
  entrypoint?: string[];
  cmd?: string[];
  env?: string[];
  workingDir?: string;
  stopSignal?: Signal;
  ports?: string[];
  user?: string;
  base: Base;
  daysOld: number;
  /** The image's own layers on top of the base. */
  add?: (t: ImageTree, m: number) => void;
}

function osOf(base: Base): { os: ImageDef['os']; osVersion: string } {
  switch (base) {
    case 'bullseye':
      return { os: 'debian', osVersion: '11' };
    case 'bookworm':
      return { os: 'debian', osVersion: '12' };
    case 'buster':
      return { os: 'debian', osVersion: '10' };
    case 'jammy':
      return { os: 'ubuntu', osVersion: '22.04' };
    case 'focal':
      return { os: 'ubuntu', osVersion: '20.04' };
    case 'alpine3.16':
      return { os: 'alpine', osVersion: '3.16' };
    case 'alpine3.17':
      return { os: 'alpine', osVersion: '3.17' };
    case 'oraclelinux8':
      return { os: 'oraclelinux', osVersion: '8' };
    case 'centos7':
      return { os: 'centos', osVersion: '7' };
    case 'centos8':
      return { os: 'centos', osVersion: '8' };
    default:
      return { os: 'distroless', osVersion: '' };
  }
}

function baseTree(base: Base, m: number): ImageTree {
  switch (base) {
    case 'bullseye':
    case 'bookworm':
    case 'buster':
    case 'jammy':
    case 'focal':
      return debianTree(m, base);
    case 'alpine3.16':
    case 'alpine3.17':
      return busyboxTree(m, 'alpine');
    case 'oraclelinux8':
    case 'centos7':
    case 'centos8':
      return rhelTree(m, base);
    default:
      return distrolessTree(m);
  }
}

function image(s: Spec): ImageDef[] {
  const created = -s.daysOld * DAY;
  let tree: ImageTree | undefined;
  const build = () => {
    if (!tree) {
      tree = baseTree(s.base, created);
      s.add?.(tree, created);
    }
    return tree;
  };
  return s.tags.map((tag) => ({
    repo: s.repo,
    tag,
    sizeBytes: s.size,
    entrypoint: s.entrypoint ?? [],
    cmd: s.cmd ?? [],
    env: s.env ?? [PATH],
    workingDir: s.workingDir ?? '/',
    stopSignal: s.stopSignal ?? 'SIGTERM',
    exposedPorts: s.ports ?? [],
    user: s.user,
    ...osOf(s.base),
    created,
    tree: build,
  }));
}

/** The same image under several registries (registry.k8s.io and its old name k8s.gcr.io). */
function mirrors(repos: string[], s: Omit<Spec, 'repo'>): ImageDef[] {
  return repos.flatMap((repo) => image({ ...s, repo }));
}

// ---- databases and caches ------------------------------------------------------------------

function redis(): ImageDef[] {
  const v = '7.0.5';
  const env = [PATH, 'GOSU_VERSION=1.14', `REDIS_VERSION=${v}`, `REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-${v}.tar.gz`];
  const add = (alpine: boolean) => (t: ImageTree, m: number) => {
    addUser(t, alpine ? 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin' : 'redis:x:999:999::/home/redis:/bin/sh', alpine ? 'redis:x:1000:redis' : 'redis:x:999:');
    addExe(t, '/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint/redis', m, 1620);
    addExe(t, '/usr/local/bin/gosu', 'gosu', m, 2293760);
    addExe(t, '/usr/local/bin/redis-server', `redis-server@${v}`, m, 12402904);
    addExe(t, '/usr/local/bin/redis-cli', `redis-cli@${v}`, m, 6451104);
    addLink(t, '/usr/local/bin/redis-check-aof', 'redis-server', m);
    addLink(t, '/usr/local/bin/redis-sentinel', 'redis-server', m);
    addDir(t, '/data', m, 0o755, 999, alpine ? 1000 : 999);
  };
  const common = { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], env, workingDir: '/data', ports: ['6379/tcp'], daysOld: 10 };
  return [
    ...image({ ...common, repo: 'docker.io/library/redis', tags: ['latest', '7', '7.0', v, 'bullseye', `${v}-bullseye`], size: 40366302, base: 'bullseye', add: add(false) }),
    ...image({ ...common, repo: 'docker.io/library/redis', tags: ['alpine', '7-alpine', '7.0-alpine', `${v}-alpine`, 'alpine3.17'], size: 11874130, base: 'alpine3.17', add: add(true) }),
    ...image({
      ...common,
      env: [PATH, 'GOSU_VERSION=1.14', 'REDIS_VERSION=6.2.7', 'REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-6.2.7.tar.gz'],
      repo: 'docker.io/library/redis',
      tags: ['6', '6.2', '6.2.7', '6.2.7-bullseye'],
      size: 40164420,
      base: 'bullseye',
      daysOld: 40,
      add: (t, m) => {
        add(false)(t, m);
        addExe(t, '/usr/local/bin/redis-server', 'redis-server@6.2.7', m, 9916256);
        addExe(t, '/usr/local/bin/redis-cli', 'redis-cli@6.2.7', m, 5068784);
      },
    }),
    // Earlier patch tags, from docker-library/repo-info `repos/redis/remote/<tag>.md` (amd64:
    // ENV, "Total Size", build date) as maxmood96/repo-info stores it: 7.0.4 at 25369fab4896,
    // 6.2.6 at 0c35e32e8a33. Both on bullseye with GOSU_VERSION=1.14.
    ...[['7.0.4', 42338961, '2022-07-18'] as const, ['6.2.6', 41122173, '2022-04-20'] as const].flatMap(([rv, size, built]) =>
      image({
        ...common,
        env: [PATH, 'GOSU_VERSION=1.14', `REDIS_VERSION=${rv}`, `REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-${rv}.tar.gz`],
        repo: 'docker.io/library/redis',
        tags: [rv, `${rv}-bullseye`],
        size,
        base: 'bullseye',
        daysOld: daysBefore(built),
        add: (t, m) => {
          add(false)(t, m);
          const seven = rv.startsWith('7.');
          addExe(t, '/usr/local/bin/redis-server', `redis-server@${rv}`, m, seven ? 12402904 : 9916256);
          addExe(t, '/usr/local/bin/redis-cli', `redis-cli@${rv}`, m, seven ? 6451104 : 5068784);
        },
      }),
    ),
  ];
}

/** Whole days from a `YYYY-MM-DD` build date to the scenario's day (2022-12-08). */
function daysBefore(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return daysFromCivil(2022, 12, 8) - daysFromCivil(y, m, d);
}

function mysql(): ImageDef[] {
  const defs = (tags: string[], full: string, major: string, base: Base, size: number, shell: string) =>
    image({
      repo: 'docker.io/library/mysql',
      tags,
      size,
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['mysqld'],
      env: [PATH, 'GOSU_VERSION=1.14', `MYSQL_MAJOR=${major}`, `MYSQL_VERSION=${full}`, `MYSQL_SHELL_VERSION=${shell}`],
      ports: ['3306/tcp', '33060/tcp'],
      base,
      daysOld: 30,
      add: (t, m) => {
        const server = full.split('-')[0];
        addUser(t, 'mysql:x:999:999::/var/lib/mysql:/bin/bash', 'mysql:x:999:');
        addExe(t, '/usr/local/bin/docker-entrypoint.sh', `docker-entrypoint/mysql@${full}`, m, 15066);
        addLink(t, '/entrypoint.sh', 'usr/local/bin/docker-entrypoint.sh', m);
        addExe(t, '/usr/local/bin/gosu', 'gosu', m, 2293760);
        addExe(t, '/usr/sbin/mysqld', `mysqld@${server}`, m, 64421584);
        addExe(t, '/usr/bin/mysqladmin', `mysqladmin@${server}`, m, 6856512);
        addExe(t, '/usr/bin/mysql', `mysql@${server}`, m, 7364296);
        addDir(t, '/var/lib/mysql', m, 0o755, 999, 999);
        addDir(t, '/var/run/mysqld', m, 0o1777, 999, 999);
        addDir(t, '/docker-entrypoint-initdb.d', m);
        addFile(t, '/etc/my.cnf', '[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\nsecure-file-priv=/var/lib/mysql-files\nuser=mysql\n\npid-file=/var/run/mysqld/mysqld.pid\n[client]\nsocket=/var/run/mysqld/mysqld.sock\n\n!includedir /etc/mysql/conf.d/\n', m);
      },
    });
  return [
    ...defs(['latest', '8', '8.0', '8.0.31', 'oracle', '8-oracle', '8.0-oracle', '8.0.31-oracle'], '8.0.31-1.el8', '8.0', 'oraclelinux8', 156986450, '8.0.31-1.el8'),
    ...defs(['8.0.31-debian', '8.0-debian', '8-debian', 'debian'], '8.0.31-1debian11', '8.0', 'bullseye', 159874338, '8.0.31-1debian11'),
    ...defs(['5.7', '5', '5.7.40', '5.7-oracle', '5.7.40-oracle'], '5.7.40-1.el7', '5.7', 'oraclelinux8', 138427136, '8.0.31-1.el7'),
  ];
}

function postgres(): ImageDef[] {
  const add = (alpine: boolean, v: string) => (t: ImageTree, m: number) => {
    addUser(t, alpine ? 'postgres:x:70:70:Linux User,,,:/var/lib/postgresql:/bin/sh' : 'postgres:x:999:999::/var/lib/postgresql:/bin/bash', alpine ? 'postgres:x:70:postgres' : 'postgres:x:999:');
    const uid = alpine ? 70 : 999;
    addExe(t, '/usr/local/bin/docker-entrypoint.sh', `docker-entrypoint/postgres@${v}`, m, 12353);
    addExe(t, '/usr/local/bin/gosu', 'gosu', m, 2293760);
    const bin = alpine ? '/usr/local/bin' : `/usr/lib/postgresql/${v.split('.')[0]}/bin`;
    addExe(t, `${bin}/postgres`, `postgres@${v}`, m, 9392192);
    addExe(t, `${bin}/pg_isready`, `pg_isready@${v}`, m, 72560);
    addExe(t, `${bin}/initdb`, `postgres@${v}`, m, 156936);
    addDir(t, '/var/lib/postgresql', m, 0o755, uid, uid);
    addDir(t, '/var/lib/postgresql/data', m, 0o777, uid, uid);
    addDir(t, '/var/run/postgresql', m, 0o2777, uid, uid);
    addDir(t, '/docker-entrypoint-initdb.d', m);
  };
  const common = { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], stopSignal: 'SIGINT' as const, ports: ['5432/tcp'], daysOld: 20 };
  const env = (v: string, pkg: string, alpine: boolean) =>
    alpine
      ? [PATH, 'LANG=en_US.utf8', `PG_MAJOR=${v.split('.')[0]}`, `PG_VERSION=${v}`, 'PGDATA=/var/lib/postgresql/data']
      : [`${PATH}:/usr/lib/postgresql/${v.split('.')[0]}/bin`, 'GOSU_VERSION=1.14', 'LANG=en_US.utf8', `PG_MAJOR=${v.split('.')[0]}`, `PG_VERSION=${pkg}`, 'PGDATA=/var/lib/postgresql/data'];
  return [
    ...image({ ...common, repo: 'docker.io/library/postgres', tags: ['latest', '15', '15.1', 'bullseye', '15-bullseye', '15.1-bullseye'], size: 138221547, env: env('15.1', '15.1-1.pgdg110+1', false), base: 'bullseye', add: add(false, '15.1') }),
    ...image({ ...common, repo: 'docker.io/library/postgres', tags: ['alpine', '15-alpine', '15.1-alpine'], size: 87372338, env: env('15.1', '15.1', true), base: 'alpine3.17', add: add(true, '15.1') }),
    ...image({ ...common, repo: 'docker.io/library/postgres', tags: ['14', '14.6', '14-bullseye'], size: 137852110, env: env('14.6', '14.6-1.pgdg110+1', false), base: 'bullseye', add: add(false, '14.6') }),
    ...image({ ...common, repo: 'docker.io/library/postgres', tags: ['13', '13.9'], size: 136925488, env: env('13.9', '13.9-1.pgdg110+1', false), base: 'bullseye', add: add(false, '13.9') }),
  ];
}

function mongo(): ImageDef[] {
  return image({
    repo: 'docker.io/library/mongo',
    tags: ['latest', '6', '6.0', '6.0.3', 'jammy', '6.0.3-jammy'],
    size: 233012460,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    env: [PATH, 'GOSU_VERSION=1.12', 'JSYAML_VERSION=3.13.1', 'MONGO_PACKAGE=mongodb-org', 'MONGO_REPO=repo.mongodb.org', 'MONGO_MAJOR=6.0', 'MONGO_VERSION=6.0.3', 'HOME=/data/db'],
    ports: ['27017/tcp'],
    base: 'jammy',
    daysOld: 15,
    add: (t, m) => {
      addUser(t, 'mongodb:x:999:999::/data/db:/bin/sh', 'mongodb:x:999:');
      addExe(t, '/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint/mongo', m, 13475);
      addExe(t, '/usr/local/bin/gosu', 'gosu', m, 2293760);
      addExe(t, '/usr/bin/mongod', 'mongod@6.0.3', m, 181428352);
      addDir(t, '/data/db', m, 0o755, 999, 999);
      addDir(t, '/data/configdb', m, 0o755, 999, 999);
      addDir(t, '/docker-entrypoint-initdb.d', m);
    },
  });
}

function memcached(): ImageDef[] {
  const add = (t: ImageTree, m: number) => {
    addUser(t, 'memcache:x:11211:11211::/home/memcache:/bin/sh', 'memcache:x:11211:');
    addExe(t, '/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint/memcached', m, 196);
    addExe(t, '/usr/local/bin/memcached', 'memcached@1.6.17', m, 1003352);
  };
  const common = { repo: 'docker.io/library/memcached', entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], env: [PATH, 'MEMCACHED_VERSION=1.6.17'], user: 'memcache', ports: ['11211/tcp'], daysOld: 60, add };
  return [...image({ ...common, tags: ['latest', '1', '1.6', '1.6.17', 'bullseye', '1.6.17-bullseye'], size: 31476082, base: 'bullseye' }), ...image({ ...common, tags: ['alpine', '1-alpine', '1.6-alpine', '1.6.17-alpine'], size: 3927713, base: 'alpine3.17' })];
}

function rabbitmq(): ImageDef[] {
  const env = [
    'PATH=/opt/rabbitmq/sbin:/opt/erlang/bin:/opt/openssl/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'ERLANG_INSTALL_PATH_PREFIX=/opt/erlang',
    'OPENSSL_INSTALL_PATH_PREFIX=/opt/openssl',
    'RABBITMQ_DATA_DIR=/var/lib/rabbitmq',
    'RABBITMQ_VERSION=3.11.4',
    'RABBITMQ_PGP_KEY_ID=0x0A9AF2115F4687BD29803A206B73A36E6026DFCA',
    'RABBITMQ_HOME=/opt/rabbitmq',
    'HOME=/var/lib/rabbitmq',
    'LANG=C.UTF-8',
    'LANGUAGE=C.UTF-8',
    'LC_ALL=C.UTF-8',
  ];
  const add = (management: boolean) => (t: ImageTree, m: number) => {
    addUser(t, 'rabbitmq:x:999:999::/var/lib/rabbitmq:/usr/sbin/nologin', 'rabbitmq:x:999:');
    addExe(t, '/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint/rabbitmq', m, 14931);
    addExe(t, '/opt/rabbitmq/sbin/rabbitmq-server', management ? 'rabbitmq-server@3.11.4+management' : 'rabbitmq-server@3.11.4', m, 4620);
    addDir(t, '/var/lib/rabbitmq', m, 0o777, 999, 999);
  };
  const common = { repo: 'docker.io/library/rabbitmq', entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'], env, base: 'jammy' as const, daysOld: 12 };
  return [
    ...image({ ...common, tags: ['latest', '3', '3.11', '3.11.4'], size: 92337845, ports: ['15691/tcp', '15692/tcp', '25672/tcp', '4369/tcp', '5671/tcp', '5672/tcp'], add: add(false) }),
    ...image({ ...common, tags: ['management', '3-management', '3.11-management', '3.11.4-management'], size: 105624987, ports: ['15671/tcp', '15672/tcp', '15691/tcp', '15692/tcp', '25672/tcp', '4369/tcp', '5671/tcp', '5672/tcp'], add: add(true) }),
  ];
}

// ---- web servers --------------------------------------------------------------------------------

function httpd(): ImageDef[] {
  const v = '2.4.54';
  /**
   * httpd.conf (shortened): the Dockerfile's `sed -ri` points the logs at /proc/self/fd/1 and 2
   * and rewrites `User daemon` / `Group daemon` to `www-data` (then greps that it did), as the
   * 2.4.54 snapshot's RUN step shows (docker-library/repo-info `repos/httpd/remote.md`, July
   * 2022). The rewrite came with docker-library/httpd#205 (official-images#11333, 2021-11-18),
   * before the 2.4.52 (2021-12-21) and 2.4.53 builds.
   */
  const add = (hv: string) => (t: ImageTree, m: number) => {
    const user = 'www-data';
    addExe(t, '/usr/local/bin/httpd-foreground', 'httpd-foreground', m, 133);
    addExe(t, '/usr/local/apache2/bin/httpd', `httpd@${hv}`, m, 2614392);
    addExe(t, '/usr/local/apache2/bin/apachectl', `httpd@${hv}`, m, 3469);
    addFile(t, '/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n', m);
    addFile(t, '/usr/local/apache2/conf/httpd.conf', `ServerRoot "/usr/local/apache2"\nListen 80\nUser ${user}\nGroup ${user}\nServerAdmin you@example.com\nDocumentRoot "/usr/local/apache2/htdocs"\nErrorLog /proc/self/fd/2\nLogLevel warn\nCustomLog /proc/self/fd/1 common\n`, m);
    addDir(t, '/usr/local/apache2/logs', m);
  };
  const HTTPD_PATH = 'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const common = {
    repo: 'docker.io/library/httpd',
    cmd: ['httpd-foreground'],
    // The 2.4.54 Dockerfile's ENV, in order (repo-info remote.md, amd64, built 2022-07-12).
    env: [HTTPD_PATH, 'HTTPD_PREFIX=/usr/local/apache2', `HTTPD_VERSION=${v}`, 'HTTPD_SHA256=eb397feeefccaf254f8d45de3768d9d68e8e73851c49afd5b7176d1ecf80c340', 'HTTPD_PATCHES='],
    workingDir: '/usr/local/apache2',
    stopSignal: 'SIGWINCH' as const,
    ports: ['80/tcp'],
    daysOld: 18,
    add: add(v),
  };
  /**
   * Earlier patch tags, from docker-library/repo-info `repos/httpd/remote/<tag>.md` (amd64: ENV
   * in the image's order, "Total Size", build date) as maxmood96/repo-info stores it: 2.4.52 at
   * a93a7c3c2e6f, 2.4.53 at 2ed4a44487b1. Both on bullseye; their ENV has the Dockerfile's
   * HTTPD_SHA256 as 2.4.54's does.
   */
  const older = ([hv, sha, size, built]: readonly [string, string, number, string]) =>
    image({ ...common, tags: [hv, `${hv}-bullseye`], size, base: 'bullseye', daysOld: daysBefore(built), env: [HTTPD_PATH, 'HTTPD_PREFIX=/usr/local/apache2', `HTTPD_VERSION=${hv}`, `HTTPD_SHA256=${sha}`, 'HTTPD_PATCHES='], add: add(hv) });
  return [
    ...image({ ...common, tags: ['latest', '2', '2.4', v, 'bullseye', `${v}-bullseye`], size: 55002891, base: 'bullseye' }),
    ...image({ ...common, tags: ['alpine', '2-alpine', '2.4-alpine', `${v}-alpine`], size: 19730342, base: 'alpine3.17' }),
    ...older(['2.4.52', '0127f7dc497e9983e9c51474bed75e45607f2f870a7675a86dc90af6d572f5c9', 56401328, '2021-12-21'] as const),
    ...older(['2.4.53', 'd0bbd1121a57b5f2a6ff92d7b96f8050c5a45d3f14db118f64979d525858db63', 56434466, '2022-04-20'] as const),
  ];
}

function tomcat(): ImageDef[] {
  const env = (tv: string, jv: string) => [
    'PATH=/usr/local/tomcat/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'JAVA_HOME=/opt/java/openjdk',
    'LANG=en_US.UTF-8',
    'LANGUAGE=en_US:en',
    'LC_ALL=en_US.UTF-8',
    `JAVA_VERSION=${jv}`,
    'CATALINA_HOME=/usr/local/tomcat',
    'TOMCAT_NATIVE_LIBDIR=/usr/local/tomcat/native-jni-lib',
    'LD_LIBRARY_PATH=/usr/local/tomcat/native-jni-lib',
    `TOMCAT_MAJOR=${tv.split('.')[0]}`,
    `TOMCAT_VERSION=${tv}`,
  ];
  const add = (tv: string, jv: string) => (t: ImageTree, m: number) => {
    addExe(t, '/usr/local/tomcat/bin/catalina.sh', `catalina@${tv}`, m, 25323);
    addExe(t, '/opt/java/openjdk/bin/java', `java@temurin-${jv}`, m, 12656);
    addDir(t, '/usr/local/tomcat/webapps', m);
    addDir(t, '/usr/local/tomcat/webapps.dist/ROOT', m);
    addDir(t, '/usr/local/tomcat/logs', m, 0o777);
  };
  const common = { repo: 'docker.io/library/tomcat', cmd: ['catalina.sh', 'run'], workingDir: '/usr/local/tomcat', ports: ['8080/tcp'], base: 'jammy' as const, daysOld: 14 };
  return [
    ...image({ ...common, tags: ['latest', '10', '10.1', '10.1.2', 'jdk17', '10.1.2-jdk17-temurin-jammy'], size: 201743662, env: env('10.1.2', 'jdk-17.0.5+8'), add: add('10.1.2', '17.0.5+8') }),
    ...image({ ...common, tags: ['9', '9.0', '9.0.69', '9-jdk17', '9.0.69-jdk17-temurin-jammy'], size: 201204871, env: env('9.0.69', 'jdk-17.0.5+8'), add: add('9.0.69', '17.0.5+8') }),
    ...image({ ...common, tags: ['8.5', '8', '8.5.83', '8.5-jdk17'], size: 200982145, env: env('8.5.83', 'jdk-17.0.5+8'), add: add('8.5.83', '17.0.5+8') }),
  ];
}

// ---- languages (tool images: run the command they are given) -------------------------------------

function python(): ImageDef[] {
  const v = '3.11.1';
  const env = [PATH, 'LANG=C.UTF-8', 'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', `PYTHON_VERSION=${v}`, 'PYTHON_PIP_VERSION=22.3.1', 'PYTHON_SETUPTOOLS_VERSION=65.5.1'];
  const add = (pv: string) => (t: ImageTree, m: number) => {
    const mm = pv.split('.').slice(0, 2).join('.');
    addExe(t, `/usr/local/bin/python${mm}`, `python@${pv}`, m, 17720);
    addLink(t, '/usr/local/bin/python3', `python${mm}`, m);
    addLink(t, '/usr/local/bin/python', 'python3', m);
    addExe(t, '/usr/local/bin/pip', `pip@${pv}`, m, 230);
    addLink(t, '/usr/local/bin/pip3', 'pip', m);
  };
  const common = { repo: 'docker.io/library/python', cmd: ['python3'], daysOld: 2 };
  const v310 = [PATH, 'LANG=C.UTF-8', 'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', 'PYTHON_VERSION=3.10.9', 'PYTHON_PIP_VERSION=22.3.1', 'PYTHON_SETUPTOOLS_VERSION=65.5.1'];
  return [
    ...image({ ...common, tags: ['latest', '3', '3.11', v, 'bullseye', '3.11-bullseye', `${v}-bullseye`], size: 341928305, env, base: 'bullseye', add: add(v) }),
    ...image({ ...common, tags: ['slim', '3-slim', '3.11-slim', `${v}-slim`, 'slim-bullseye', '3.11-slim-bullseye'], size: 45517123, env, base: 'bullseye', add: add(v) }),
    ...image({ ...common, tags: ['alpine', '3-alpine', '3.11-alpine', `${v}-alpine`], size: 18316742, env, base: 'alpine3.17', add: add(v) }),
    ...image({ ...common, tags: ['3.10', '3.10.9', '3.10-slim', '3.10.9-slim'], size: 338145912, env: v310, base: 'bullseye', add: add('3.10.9') }),
  ];
}

function node(): ImageDef[] {
  const add = (nv: string) => (t: ImageTree, m: number) => {
    addUser(t, 'node:x:1000:1000::/home/node:/bin/bash', 'node:x:1000:');
    addDir(t, '/home/node', m, 0o755, 1000, 1000);
    addExe(t, '/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint/node', m, 388);
    addExe(t, '/usr/local/bin/node', `node@${nv}`, m, 89431696);
    addLink(t, '/usr/local/bin/nodejs', 'node', m);
    addExe(t, '/usr/local/bin/npm', `npm@${nv}`, m, 1802);
    addExe(t, '/usr/local/bin/npx', `npm@${nv}`, m, 1802);
  };
  const env = (nv: string) => [PATH, `NODE_VERSION=${nv}`, 'YARN_VERSION=1.22.19'];
  const common = { repo: 'docker.io/library/node', entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], daysOld: 8 };
  return [
    ...image({ ...common, tags: ['latest', 'current', '19', '19.2', '19.2.0', 'bullseye', '19-bullseye'], size: 353298214, env: env('19.2.0'), base: 'bullseye', add: add('19.2.0') }),
    ...image({ ...common, tags: ['19-slim', '19.2.0-slim', 'slim', 'current-slim'], size: 79812364, env: env('19.2.0'), base: 'bullseye', add: add('19.2.0') }),
    ...image({ ...common, tags: ['alpine', '19-alpine', '19.2.0-alpine', 'current-alpine'], size: 50374210, env: env('19.2.0'), base: 'alpine3.16', add: add('19.2.0') }),
    ...image({ ...common, tags: ['lts', '18', '18.12', '18.12.1', 'hydrogen', 'lts-bullseye', '18-bullseye'], size: 352874125, env: env('18.12.1'), base: 'bullseye', add: add('18.12.1') }),
    ...image({ ...common, tags: ['lts-alpine', '18-alpine', '18.12.1-alpine'], size: 49716224, env: env('18.12.1'), base: 'alpine3.16', add: add('18.12.1') }),
    ...image({ ...common, tags: ['16', '16.18', '16.18.1', 'gallium'], size: 345812457, env: env('16.18.1'), base: 'bullseye', add: add('16.18.1') }),
  ];
}

function golang(): ImageDef[] {
  const add = (gv: string) => (t: ImageTree, m: number) => {
    addExe(t, '/usr/local/go/bin/go', `go@${gv}`, m, 14613592);
    addExe(t, '/usr/local/go/bin/gofmt', `go@${gv}`, m, 3589424);
    addDir(t, '/go/bin', m, 0o777);
    addDir(t, '/go/src', m, 0o777);
  };
  const env = (gv: string) => ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `GOLANG_VERSION=${gv}`, 'GOPATH=/go'];
  const common = { repo: 'docker.io/library/golang', workingDir: '/go', daysOld: 2 };
  return [
    // golang's Dockerfile has no CMD: it inherits buildpack-deps' `bash`.
    ...image({ ...common, tags: ['latest', '1', '1.19', '1.19.4', 'bullseye', '1.19-bullseye'], size: 300172581, cmd: ['bash'], env: env('1.19.4'), base: 'bullseye', add: add('1.19.4') }),
    ...image({ ...common, tags: ['alpine', '1-alpine', '1.19-alpine', '1.19.4-alpine'], size: 112640124, cmd: ['/bin/sh'], env: env('1.19.4'), base: 'alpine3.17', add: add('1.19.4') }),
    ...image({ ...common, tags: ['1.18', '1.18.9', '1.18-bullseye'], size: 297451203, cmd: ['bash'], env: env('1.18.9'), base: 'bullseye', add: add('1.18.9') }),
  ];
}

function java(): ImageDef[] {
  const temurin = (tags: string[], jv: string, display: string, size: number) =>
    image({
      repo: 'docker.io/library/eclipse-temurin',
      tags,
      size,
      cmd: ['jshell'],
      env: ['JAVA_HOME=/opt/java/openjdk', 'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', `JAVA_VERSION=${display}`],
      base: 'jammy',
      daysOld: 30,
      add: (t, m) => {
        addExe(t, '/opt/java/openjdk/bin/java', `java@temurin-${jv}`, m, 12656);
        addExe(t, '/opt/java/openjdk/bin/javac', `java@temurin-${jv}`, m, 12688);
        addExe(t, '/opt/java/openjdk/bin/jshell', `java@temurin-${jv}`, m, 12688);
      },
    });
  const openjdk = (tags: string[], jv: string, base: Base, size: number, env: string[]) =>
    image({
      repo: 'docker.io/library/openjdk',
      tags,
      size,
      cmd: ['jshell'],
      env,
      base,
      daysOld: 250,
      add: (t, m) => {
        const home = env.find((e) => e.startsWith('JAVA_HOME='))!.slice('JAVA_HOME='.length);
        addExe(t, `${home}/bin/java`, `java@openjdk-${jv}`, m, 12656);
        addExe(t, `${home}/bin/javac`, `java@openjdk-${jv}`, m, 12688);
        addExe(t, `${home}/bin/jshell`, `java@openjdk-${jv}`, m, 12688);
      },
    });
  return [
    ...temurin(['latest', '19', '19-jdk', '19.0.1_10-jdk', 'jammy'], '19.0.1+10', 'jdk-19.0.1+10', 199512487),
    ...temurin(['17', '17-jdk', '17.0.5_8-jdk', '17-jdk-jammy', '17.0.5_8-jdk-jammy'], '17.0.5+8', 'jdk-17.0.5+8', 190418752),
    ...temurin(['17-jre', '17.0.5_8-jre', '17-jre-jammy'], '17.0.5+8', 'jdk-17.0.5+8', 90287514),
    ...temurin(['11', '11-jdk', '11.0.17_8-jdk', '11-jdk-jammy'], '11.0.17+8', 'jdk-11.0.17+8', 144806327),
    ...temurin(['8', '8-jdk', '8u352-b08-jdk', '8-jdk-jammy'], '1.8.0_352-b08', 'jdk8u352-b08', 103521874),
    // The openjdk images were deprecated in 2022: `latest` is gone, the last GA builds stay.
    ...openjdk(['17', '17-jdk', '17.0.2', '17-oracle', '17.0.2-jdk'], '17.0.2', 'oraclelinux8', 231612345, ['PATH=/usr/java/openjdk-17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/usr/java/openjdk-17', 'LANG=C.UTF-8', 'JAVA_VERSION=17.0.2']),
    ...openjdk(['11', '11-jdk', '11.0.16', '11-jdk-slim', '11.0.16-jdk-slim'], '11.0.16', 'bullseye', 226145123, ['PATH=/usr/local/openjdk-11/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/usr/local/openjdk-11', 'LANG=C.UTF-8', 'JAVA_VERSION=11.0.16']),
    ...openjdk(['8', '8-jdk', '8u342', '8-jdk-slim', '8u342-jdk'], '1.8.0_342', 'bullseye', 189245871, ['PATH=/usr/local/openjdk-8/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/usr/local/openjdk-8', 'LANG=C.UTF-8', 'JAVA_VERSION=8u342']),
  ];
}

// ---- operating systems -----------------------------------------------------------------------

function oses(): ImageDef[] {
  const os = (repo: string, tags: string[], size: number, base: Base, cmd: string[], daysOld: number) => image({ repo, tags, size, cmd, base, daysOld });
  return [
    ...os('docker.io/library/ubuntu', ['22.04', 'jammy', 'jammy-20221130', 'rolling', 'kinetic'], 29533950, 'jammy', ['bash'], 8),
    ...os('docker.io/library/ubuntu', ['20.04', 'focal', 'focal-20221130'], 28576882, 'focal', ['bash'], 8),
    ...os('docker.io/library/debian', ['11', 'bullseye', '11.5', 'bullseye-20221205', 'stable'], 55041022, 'bullseye', ['bash'], 3),
    ...os('docker.io/library/debian', ['bullseye-slim', '11-slim', 'stable-slim', '11.5-slim'], 31403790, 'bullseye', ['bash'], 3),
    ...os('docker.io/library/debian', ['10', 'buster', 'buster-slim', '10-slim'], 50449201, 'buster', ['bash'], 3),
    ...os('docker.io/library/centos', ['latest', '8', 'centos8', '8.4.2105'], 83518086, 'centos8', ['/bin/bash'], 450),
    ...os('docker.io/library/centos', ['7', 'centos7', '7.9.2009'], 76097157, 'centos7', ['/bin/bash'], 740),
    ...os('docker.io/library/alpine', ['3.17', '3.17.0', '3'], 3375006, 'alpine3.17', ['/bin/sh'], 14),
    ...os('docker.io/library/alpine', ['3.16.3'], 2811969, 'alpine3.16', ['/bin/sh'], 30),
    ...os('docker.io/library/alpine', ['3.15', '3.15.6'], 2826931, 'alpine3.16', ['/bin/sh'], 30),
  ];
}

// ---- the Kubernetes docs' images ------------------------------------------------------------------

const K8S = ['registry.k8s.io', 'k8s.gcr.io'];

function docsImages(): ImageDef[] {
  return [
    // Debug Services: `registry.k8s.io/serve_hostname`, answers its hostname on 9376.
    ...mirrors(K8S.map((r) => `${r}/serve_hostname`), { tags: ['latest', '1.4'], size: 2474103, entrypoint: ['/serve_hostname'], ports: ['9376/tcp'], base: 'scratch', daysOld: 2100, add: (t, m) => addExe(t, '/serve_hostname', 'serve_hostname', m, 2465792) }),
    // hello-minikube / Service tutorials: echoserver prints the request it got.
    ...mirrors([...K8S.map((r) => `${r}/echoserver`), 'gcr.io/google_containers/echoserver'], {
      tags: ['1.4'],
      size: 46094574,
      cmd: ['nginx', '-g', 'daemon off;'],
      ports: ['8080/tcp'],
      base: 'buster',
      daysOld: 2200,
      add: (t, m) => addExe(t, '/usr/sbin/nginx', 'echoserver@1.4', m, 12003840),
    }),
    ...mirrors(K8S.map((r) => `${r}/echoserver`), {
      tags: ['1.10'],
      size: 46130576,
      cmd: ['/usr/local/bin/run.sh'],
      ports: ['8080/tcp', '8443/tcp'],
      base: 'buster',
      daysOld: 1900,
      add: (t, m) => {
        addExe(t, '/usr/local/bin/run.sh', 'echoserver@1.10', m, 311);
        addExe(t, '/usr/sbin/nginx', 'echoserver@1.10', m, 12003840);
      },
    }),
    // agnhost: the e2e test image the docs use for netexec, serve-hostname, liveness, pause.
    ...['2.39', '2.40'].flatMap((v) =>
      mirrors(K8S.map((r) => `${r}/e2e-test-images/agnhost`), {
        tags: [v],
        size: v === '2.39' ? 50874532 : 51045874,
        entrypoint: ['/agnhost'],
        cmd: ['pause'],
        ports: ['80/tcp', '8080/tcp', '8081/tcp', '5000/tcp', '9376/tcp'],
        base: 'alpine3.16',
        daysOld: v === '2.39' ? 300 : 200,
        add: (t, m) => {
          addExe(t, '/agnhost', `agnhost@${v}`, m, 51000000);
          addExe(t, '/usr/bin/curl', 'curl@7.83.1', m, 260328);
        },
      }),
    ),
    // Ingress and Service tutorials.
    ...image({ repo: 'gcr.io/google-samples/hello-app', tags: ['1.0'], size: 10326598, cmd: ['./hello-app'], env: [PATH, 'PORT=8080'], workingDir: '/', base: 'alpine3.16', daysOld: 700, add: (t, m) => addExe(t, '/hello-app', 'hello-app@1.0.0', m, 6381568) }),
    ...image({ repo: 'gcr.io/google-samples/hello-app', tags: ['2.0'], size: 10326612, cmd: ['./hello-app'], env: [PATH, 'PORT=8080'], workingDir: '/', base: 'alpine3.16', daysOld: 700, add: (t, m) => addExe(t, '/hello-app', 'hello-app@2.0.0', m, 6381568) }),
    ...image({ repo: 'docker.io/hashicorp/http-echo', tags: ['latest', '0.2.3'], size: 2736148, entrypoint: ['/http-echo'], base: 'scratch', daysOld: 1800, add: (t, m) => addExe(t, '/http-echo', 'http-echo@0.2.3', m, 7266912) }),
    ...image({ repo: 'docker.io/traefik/whoami', tags: ['latest', 'v1.8.7', 'v1.8'], size: 3054284, entrypoint: ['/whoami'], ports: ['80/tcp'], base: 'scratch', daysOld: 60, add: (t, m) => addExe(t, '/whoami', 'whoami@1.8.7', m, 6029312) }),
  ];
}

export function officialImages(): ImageDef[] {
  return [...redis(), ...mysql(), ...postgres(), ...mongo(), ...memcached(), ...rabbitmq(), ...httpd(), ...tomcat(), ...python(), ...node(), ...golang(), ...java(), ...oses(), ...docsImages()];
}

/**
 * Busybox tags of December 2022, `[tag, version, amd64 compressed size, image build time (UTC)]`,
 * from docker-library/repo-info `repos/busybox/remote/<tag>.md` (the amd64 entry; the bare tag is
 * the default variant, glibc since 2022-12-06: official-images#13664 "Update "glibc" variants to
 * be the default variants"). The 1.35.0 family is the build of 2022-12-22 (docker-library
 * 72e4be79b9c8), the nearest snapshot after the switch; the build of 6–7 December that the
 * notes' date saw is in no snapshot, so its build time is not given (the banner keeps the
 * default stamp). Older tags were no longer rebuilt: their last build, with the snapshot's
 * commit (d = docker-library, h = hiramtibbit, m = maxmood96, c = mariko011/centos).
 */
export const BUSYBOX_TAGS: Array<[tag: string, version: string, size: number, built?: string]> = [
  ['1.35.0', '1.35.0', 2588339], // d 72e4be79b9c8
  ['stable', '1.35.0', 2588339], // d 72e4be79b9c8 (1.35.0)
  ['glibc', '1.35.0', 2588339], // d 72e4be79b9c8 (1.35.0-glibc is the default variant)
  ['musl', '1.35.0', 848353], // d 72e4be79b9c8 (1.35.0-musl)
  ['uclibc', '1.35.0', 773560], // d 72e4be79b9c8 (1.35.0-uclibc)
  ['1.34', '1.34.1', 772822, '2022-05-25T19:19:45'], // m 129d76407076 (1.34.1)
  ['1.34.1', '1.34.1', 772822, '2022-05-25T19:19:45'], // m 129d76407076
  ['1.33', '1.33.1', 767322, '2021-09-14'], // m 309118d1741d (1.33.1)
  ['1.32', '1.32.1', 2468421], // unverified: no amd64 snapshot of 1.32.x was found
  ['1.31', '1.31.1', 760984, '2019-12-26'], // m 7bb4ded2660b (1.31.1)
  ['1.30', '1.30.1', 755901, '2019-02-15'], // h 62d3d70f2ac3 (1.30.1)
  ['1.29', '1.29.3', 727962, '2018-12-26'], // h 3aef41e66c49 (1.29.3)
  ['1.28.4', '1.28.4', 723146, '2018-05-23T21:19:30'], // h 6df733778daa
  ['1.27', '1.27.2', 715296, '2017-11-02T00:20:07'], // c 312ab535512e (1.27.2)
];

/**
 * BusyBox point tags and libc variants, `[tag, version, amd64 compressed size, build date]`, read
 * from docker-library/repo-info `repos/busybox/remote/<tag>.md` (the amd64 entry's "Total Size"
 * and the date of its `ADD` step) as the forks keep it (h = hiramtibbit/repo-info,
 * m = maxmood96/repo-info; the commit after each row). A snapshot is one build: by its size the
 * plain tag was the uclibc build in 2021 (1.34.0: 772887 bytes), and it was the glibc one by
 * 2023 (1.36.0 and 1.36.0-glibc have the same image ID). 1.36.0 came out in January 2023, after the notes' date; its
 * rows are the March 2023 build. Not found: 1.32.0 and 1.32.1 (the stored 1.32.1 snapshot has
 * only its mips64le image), 1.33.0, and the libc variants of 1.29–1.34.
 */
export const BUSYBOX_RELEASES: Array<[tag: string, version: string, size: number, built: string]> = [
  ['1.29.3', '1.29.3', 727962, '2018-12-26'], // h 3aef41e66c49
  ['1.30.1', '1.30.1', 755901, '2019-02-15'], // h 62d3d70f2ac3
  ['1.31.1', '1.31.1', 760984, '2019-12-26'], // m 7bb4ded2660b
  ['1.33.1', '1.33.1', 767322, '2021-09-14'], // m 309118d1741d
  ['1.34.0', '1.34.0', 772887, '2021-09-14'], // m 309118d1741d
  ['1.35.0-uclibc', '1.35.0', 778018, '2023-12-04'], // m d836c0374411
  ['1.36.0', '1.36.0', 2592244, '2023-03-17'], // m 7e825c41ab02
  ['1.36.0-glibc', '1.36.0', 2592244, '2023-03-17'], // m 7e825c41ab02
  ['1.36.0-musl', '1.36.0', 854860, '2023-03-17'], // m 7e825c41ab02
  ['1.36.0-uclibc', '1.36.0', 777659, '2023-03-17'], // m 7e825c41ab02
];
