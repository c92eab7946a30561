/**
 * The database images: mysql (docker-library entrypoint and mysqld 8.0/5.7, mysqladmin and a
 * minimal mysql client), postgres (entrypoint, initdb's report, the postmaster and
 * pg_isready), mongo (mongod 6.0's structured log, and its famous answer to HTTP on the
 * driver port), memcached (text protocol) and rabbitmq (AMQP header exchange).
 *
 * The entrypoints' messages are the scripts' own text (docker-library/mysql and postgres
 * docker-entrypoint.sh, checked against stored copies and real container logs of 8.0.31 /
 * 15.x). Server log lines marked "wording from memory" below were not checked against a
 * stored copy.
 */
import type { Program, ProcessContext } from '../types';
import type { TcpOutcome } from '../net';
import { currentUid, execArgs, forever, isoMicros, mongoDate, pgTime, rfc3339Seconds, type Gen } from './kit';

function* sleep(ms: number): Gen<void> {
  yield { kind: 'sleep', ms };
}

function setEnv(ctx: ProcessContext, k: string): string {
  return ctx.env.get(k) ?? '';
}

/** Is something accepting connections on 127.0.0.1:port (a Unix socket next to it is assumed)? */
function* probe(ctx: ProcessContext, port: number, host = '127.0.0.1'): Gen<TcpOutcome> {
  if (!ctx.net?.tcp) return { ok: false, code: 'refused', phase: 'connect', elapsedMs: 0 };
  let ip = host === 'localhost' ? '127.0.0.1' : host;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    const r = (yield { kind: 'await', future: ctx.net.resolve(host, 'glibc') }) as import('../net').ResolveOutcome;
    if (!r.ok) return { ok: false, code: 'unreachable', phase: 'connect', elapsedMs: 0 };
    ip = r.addresses[0];
  }
  return (yield { kind: 'await', future: ctx.net.tcp({ ip, port, data: '', timeoutMs: 5000 }) }) as TcpOutcome;
}

// ---- mysql ---------------------------------------------------------------------------------------

export function mysqlEntrypointProgram(full: string): Program {
  return function* entrypoint(ctx) {
    const me = ctx.argv[0];
    let args = ctx.argv.slice(1);
    const note = (text: string) => ctx.write('stdout', `${rfc3339Seconds(ctx.now())} [Note] [Entrypoint]: ${text}\n`);
    const error = (text: string) => ctx.write('stderr', `${rfc3339Seconds(ctx.now())} [ERROR] [Entrypoint]: ${text}\n`);
    if ((args[0] ?? '').startsWith('-')) args = ['mysqld', ...args];
    const wantHelp = args.some((a) => ['-?', '--help', '--print-defaults', '-V', '--version'].includes(a));
    if (args[0] !== 'mysqld' || wantHelp) return yield* execArgs(ctx, args, me, 416);
    note(`Entrypoint script for MySQL Server ${full} started.`);
    if (currentUid(ctx) === 0) {
      note("Switching to dedicated user 'mysql'");
      return yield* execArgs(ctx, ['gosu', 'mysql', me, ...args], me, 388);
    }
    if (!ctx.fs.exists('/var/lib/mysql/mysql')) {
      if (!setEnv(ctx, 'MYSQL_ROOT_PASSWORD') && !setEnv(ctx, 'MYSQL_ALLOW_EMPTY_PASSWORD') && !setEnv(ctx, 'MYSQL_RANDOM_ROOT_PASSWORD')) {
        error('Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD');
        return 1;
      }
      const version = full.split('-')[0];
      note('Initializing database files');
      ctx.write('stdout', `${isoMicros(ctx.now())} 0 [System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld ${version}) initializing of server in progress as process ${ctx.pid + 40}\n`); // wording from memory
      yield* sleep(4000);
      ctx.fs.mkdir('/var/lib/mysql/mysql', { parents: true });
      ctx.write('stdout', `${isoMicros(ctx.now())} 0 [System] [MY-013170] [Server] /usr/sbin/mysqld (mysqld ${version}) initializing of server has completed\n`); // wording from memory
      note('Database files initialized');
      note('Starting temporary server');
      yield* sleep(1500);
      note('Temporary server started.');
      if (setEnv(ctx, 'MYSQL_RANDOM_ROOT_PASSWORD')) note('GENERATED ROOT PASSWORD: ' + 'Ph3ve0eiquai8Yahs8yeeghoo5uqu0ah');
      const db = setEnv(ctx, 'MYSQL_DATABASE');
      if (db) note(`Creating database ${db}`);
      const user = setEnv(ctx, 'MYSQL_USER');
      if (user && setEnv(ctx, 'MYSQL_PASSWORD')) note(`Creating user ${user}`);
      if (user && db && setEnv(ctx, 'MYSQL_PASSWORD')) note(`Giving user ${user} access to schema ${db}`);
      ctx.write('stdout', '\n');
      note('Stopping temporary server');
      yield* sleep(1500);
      note('Temporary server stopped');
      ctx.write('stdout', '\n');
      note('MySQL init process done. Ready for start up.');
      ctx.write('stdout', '\n');
    }
    return yield* execArgs(ctx, args, me, 416);
  };
}

/** The first packet a MySQL server sends (protocol 10 handshake), as bytes in a string. */
function mysqlGreeting(version: string, connId: number): string {
  const payload = `\x0a${version}\x00${String.fromCharCode(connId & 0xff, (connId >> 8) & 0xff, 0, 0)}xG#Lk1,p\x00\xff\xff\xff\x02\x00\xff\xdf\x15\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00%7Y.RX>Eqq:S\x00caching_sha2_password\x00`;
  return `${String.fromCharCode(payload.length & 0xff, (payload.length >> 8) & 0xff, 0)}\x00${payload}`;
}

export function mysqldProgram(version: string): Program {
  return function* mysqld(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('--version') || args.includes('-V')) {
      ctx.write('stdout', `/usr/sbin/mysqld  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
      return 0;
    }
    const major8 = version.startsWith('8.');
    const sys = (code: string, text: string) => ctx.write('stdout', `${isoMicros(ctx.now())} 0 [System] [${code}] [Server] ${text}\n`); // wording from memory
    if (major8) sys('MY-010116', `/usr/sbin/mysqld (mysqld ${version}) starting as process ${ctx.pid}`);
    else ctx.write('stdout', `${isoMicros(ctx.now())} 0 [Note] mysqld (mysqld ${version}) starting as process ${ctx.pid} ...\n`);
    yield* sleep(800);
    let conn = 8;
    const ok = ctx.net?.listen({ port: 3306, owner: 'mysqld', tcp: (_c, reply) => reply(mysqlGreeting(version, conn++)) });
    if (!ok || 'error' in ok) {
      ctx.write('stdout', `${isoMicros(ctx.now())} 0 [ERROR] [MY-010262] [Server] Can't start server: Bind on TCP/IP port: Address already in use\n`);
      return 1;
    }
    if (major8) ctx.net?.listen({ port: 33060, owner: 'mysqld' });
    if (major8) {
      sys('MY-011323', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock");
      sys('MY-010931', `/usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
    } else {
      ctx.write('stdout', `${isoMicros(ctx.now())} 0 [Note] mysqld: ready for connections.\nVersion: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)\n`);
    }
    const stop = () => {
      if (major8) {
        sys('MY-013172', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${version}).`);
        sys('MY-010910', `/usr/sbin/mysqld: Shutdown complete (mysqld ${version})  MySQL Community Server - GPL.`);
      } else ctx.write('stdout', `${isoMicros(ctx.now())} 0 [Note] /usr/sbin/mysqld: Shutdown complete\n\n`);
      ctx.exit(0);
    };
    ctx.onSignal('SIGTERM', stop);
    ctx.onSignal('SIGQUIT', stop);
    return yield* forever();
  };
}

function mysqlClientArgs(args: string[]): { host?: string; port: number; exec?: string; rest: string[] } {
  let host: string | undefined;
  let port = 3306;
  let exec: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--host') host = args[++i];
    else if (a.startsWith('-h') && a.length > 2) host = a.slice(2);
    else if (a.startsWith('--host=')) host = a.slice(7);
    else if (a === '-P' || a === '--port') port = Number(args[++i]) || 3306;
    else if (a.startsWith('-P') && a.length > 2) port = Number(a.slice(2)) || 3306;
    else if (a === '-e' || a === '--execute') exec = args[++i];
    else if (a.startsWith('--execute=')) exec = a.slice(10);
    else if (a === '-u' || a === '--user') i++;
    else if (a.startsWith('-')) continue;
    else rest.push(a);
  }
  return { host, port, exec, rest };
}

function mysqlConnectError(ctx: ProcessContext, tool: string, host: string | undefined, port: number, code: string): void {
  if (!host || host === 'localhost') {
    ctx.write('stderr', tool === 'mysqladmin' ? "mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\nCheck that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n" : "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n");
    return;
  }
  const n = code === 'timeout' ? 110 : code === 'unreachable' ? 113 : 111;
  ctx.write('stderr', tool === 'mysqladmin' ? `mysqladmin: connect to server at '${host}' failed\nerror: 'Can't connect to MySQL server on '${host}:${port}' (${n})'\nCheck that mysqld is running on ${host} and that the port is ${port}.\nYou can check this by doing 'telnet ${host} ${port}'\n` : `ERROR 2003 (HY000): Can't connect to MySQL server on '${host}:${port}' (${n})\n`);
}

/** mysqladmin ping|status|version: only `ping` (the docs' liveness probe) answers from the server's state. */
export function mysqladminProgram(version: string): Program {
  return function* mysqladmin(ctx) {
    const a = mysqlClientArgs(ctx.argv.slice(1));
    const cmd = a.rest[0];
    if (!cmd) {
      ctx.write('stdout', `mysqladmin  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
      return 0;
    }
    const o = yield* probe(ctx, a.port, a.host ?? '127.0.0.1');
    if (!o.ok) {
      mysqlConnectError(ctx, 'mysqladmin', a.host, a.port, o.code);
      return 1;
    }
    if (cmd === 'ping') ctx.write('stdout', 'mysqld is alive\n');
    else ctx.write('stdout', `mysqladmin  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\nServer version\t\t${version}\n`);
    return 0;
  };
}

/** The mysql client: `-e "SELECT <literal>"` and `SHOW DATABASES` (the docs' readiness probe); batch output. */
export function mysqlClientProgram(version: string): Program {
  return function* mysql(ctx) {
    const a = mysqlClientArgs(ctx.argv.slice(1));
    if (ctx.argv.includes('--version') || ctx.argv.includes('-V')) {
      ctx.write('stdout', `mysql  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
      return 0;
    }
    const o = yield* probe(ctx, a.port, a.host ?? '127.0.0.1');
    if (!o.ok) {
      mysqlConnectError(ctx, 'mysql', a.host, a.port, o.code);
      return 1;
    }
    const sql = (a.exec ?? ctx.stdin).trim().replace(/;\s*$/, '');
    if (!sql) return 0;
    const sel = /^select\s+(.+)$/i.exec(sql);
    if (sel) {
      const cols = sel[1].split(',').map((x) => x.trim());
      const vals = cols.map((c) => (/^'.*'$|^".*"$/.test(c) ? c.slice(1, -1) : /^-?\d+(\.\d+)?$/.test(c) ? c : /^\d+\s*[+*-]\s*\d+$/.test(c) ? String(evalInt(c)) : undefined));
      if (vals.every((v) => v !== undefined)) {
        ctx.write('stdout', `${cols.map((c) => c.replace(/^'(.*)'$/, '$1')).join('\t')}\n${vals.join('\t')}\n`);
        return 0;
      }
    }
    if (/^show\s+databases$/i.test(sql)) {
      const dbs = ['information_schema', ...(ctx.env.get('MYSQL_DATABASE') ? [ctx.env.get('MYSQL_DATABASE')!] : []), 'mysql', 'performance_schema', 'sys'].sort();
      ctx.write('stdout', `Database\n${dbs.join('\n')}\n`);
      return 0;
    }
    // Not MySQL's text: the simulated client says what it cannot run.
    ctx.write('stderr', `mysql: this simulated client runs only SELECT <literal> and SHOW DATABASES, not: ${sql}\n`);
    return 1;
  };
}

function evalInt(expr: string): number {
  const m = /^(\d+)\s*([+*-])\s*(\d+)$/.exec(expr)!;
  const x = Number(m[1]);
  const y = Number(m[3]);
  return m[2] === '+' ? x + y : m[2] === '-' ? x - y : x * y;
}

// ---- postgres -----------------------------------------------------------------------------------

const PG_TRUST_WARNING = `********************************************************************************
WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
         anyone with access to the Postgres port to access your database without
         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
         documentation about "trust":
         https://www.postgresql.org/docs/current/auth-trust.html
         In Docker's default configuration, this is effectively any other
         container on the same system.

         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
         it with "-e POSTGRES_PASSWORD=password" instead to set a password in
         "docker run".
********************************************************************************
`;

const PG_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

function pgBanner(version: string, alpine: boolean): string {
  return alpine
    ? `PostgreSQL ${version} on x86_64-pc-linux-musl, compiled by gcc (Alpine 12.2.1_git20220924-r4) 12.2.1 20220924, 64-bit`
    : `PostgreSQL ${version} (Debian ${version}-1.pgdg110+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 10.2.1-6) 10.2.1 20210110, 64-bit`;
}

export function postgresEntrypointProgram(version: string): Program {
  return function* entrypoint(ctx) {
    const me = ctx.argv[0];
    let args = ctx.argv.slice(1);
    if ((args[0] ?? '').startsWith('-')) args = ['postgres', ...args];
    const wantHelp = args.some((a) => ['-?', '--help', '--describe-config', '-V', '--version'].includes(a));
    if (args[0] !== 'postgres' || wantHelp) return yield* execArgs(ctx, args, me, 351);
    const pgdata = ctx.env.get('PGDATA') || '/var/lib/postgresql/data';
    ctx.fs.mkdir(pgdata, { parents: true });
    if (currentUid(ctx) === 0) return yield* execArgs(ctx, ['gosu', 'postgres', me, ...args], me, 327);
    if (!ctx.fs.exists(`${pgdata}/PG_VERSION`)) {
      const password = ctx.env.get('POSTGRES_PASSWORD') ?? '';
      const auth = ctx.env.get('POSTGRES_HOST_AUTH_METHOD') ?? '';
      if (password.length >= 100) ctx.write('stderr', '\nWARNING: The supplied POSTGRES_PASSWORD is 100+ characters.\n\n  This will not work if used via PGPASSWORD with "psql".\n\n  https://www.postgresql.org/message-id/flat/E1Rqxp2-0004Qt-PL%40wrigleys.postgresql.org (BUG #6412)\n  https://github.com/docker-library/postgres/issues/507\n\n');
      if (!password && auth !== 'trust') {
        ctx.write('stderr', PG_NO_PASSWORD);
        return 1;
      }
      if (auth === 'trust') ctx.write('stderr', PG_TRUST_WARNING);
      const user = ctx.env.get('POSTGRES_USER') || 'postgres';
      const out = (s: string) => ctx.write('stdout', s);
      out(`The files belonging to this database system will be owned by user "${user === 'postgres' ? 'postgres' : 'postgres'}".\nThis user must also own the server process.\n\n`);
      out('The database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\nThe default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n');
      out(`fixing permissions on existing directory ${pgdata} ... ok\ncreating subdirectories ... ok\nselecting dynamic shared memory implementation ... posix\nselecting default max_connections ... 100\nselecting default shared_buffers ... 128MB\nselecting default time zone ... Etc/UTC\ncreating configuration files ... ok\n`);
      yield* sleep(1200);
      out('running bootstrap script ... ok\n');
      yield* sleep(1500);
      out('performing post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\n');
      ctx.fs.write(`${pgdata}/PG_VERSION`, `${version.split('.')[0]}\n`);
      ctx.write('stderr', 'initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
      out(`Success. You can now start the database server using:\n\n    pg_ctl -D ${pgdata} -l logfile start\n\n`);
      const tmp = ctx.pid + 47;
      const alpine = ctx.sys?.os.id === 'alpine';
      out(`waiting for server to start....${pgTime(ctx.now())} [${tmp}] LOG:  starting ${pgBanner(version, alpine)}\n`);
      out(`${pgTime(ctx.now())} [${tmp}] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"\n`);
      yield* sleep(300);
      out(`${pgTime(ctx.now())} [${tmp + 3}] LOG:  database system was shut down at ${pgTime(ctx.now()).replace(/\.\d+ UTC$/, ' UTC')}\n`);
      out(`${pgTime(ctx.now())} [${tmp}] LOG:  database system is ready to accept connections\n done\nserver started\n`);
      const db = ctx.env.get('POSTGRES_DB') || user;
      if (db !== 'postgres') out('CREATE DATABASE\n\n');
      out('\n');
      for (const f of ctx.fs.list('/docker-entrypoint-initdb.d') ?? []) out(`${me}: ignoring /docker-entrypoint-initdb.d/${f}\n\n`);
      if (!(ctx.fs.list('/docker-entrypoint-initdb.d') ?? []).length) out(`${me}: ignoring /docker-entrypoint-initdb.d/*\n\n`);
      out(`waiting for server to shut down...${pgTime(ctx.now())} [${tmp}] LOG:  received fast shutdown request\n`);
      yield* sleep(200);
      out(`.${pgTime(ctx.now())} [${tmp}] LOG:  database system is shut down\n done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n`);
    } else {
      ctx.write('stdout', '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
    }
    return yield* execArgs(ctx, args, me, 351);
  };
}

export function postgresProgram(version: string): Program {
  return function* postgres(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('--version') || args.includes('-V')) {
      ctx.write('stdout', `postgres (PostgreSQL) ${version}${ctx.sys?.os.id === 'alpine' ? '' : ` (Debian ${version}-1.pgdg110+1)`}\n`);
      return 0;
    }
    if ((ctx.argv[0] ?? '').endsWith('initdb')) {
      ctx.write('stderr', 'initdb: error: no data directory specified\ninitdb: hint: You must identify the directory where the data for this database system will reside.  Do this with either the invocation option -D or the environment variable PGDATA.\n');
      return 1;
    }
    if (currentUid(ctx) === 0) {
      ctx.write('stderr', '"root" execution of the PostgreSQL server is not permitted.\nThe server must be started under an unprivileged user ID to prevent\npossible system security compromise.  See the documentation for\nmore information on how to properly start the server.\n');
      return 1;
    }
    const log = (pid: number, text: string) => ctx.write('stderr', `${pgTime(ctx.now())} [${pid}] LOG:  ${text}\n`);
    const alpine = ctx.sys?.os.id === 'alpine';
    log(ctx.pid, `starting ${pgBanner(version, alpine)}`);
    const l = ctx.net?.listen({ port: 5432, owner: 'postgres', tcp: (_c, reply) => reply(undefined) });
    if (!l || 'error' in l) {
      ctx.write('stderr', `${pgTime(ctx.now())} [${ctx.pid}] LOG:  could not bind IPv4 address "0.0.0.0": Address already in use\n`);
      return 1;
    }
    log(ctx.pid, 'listening on IPv4 address "0.0.0.0", port 5432');
    log(ctx.pid, 'listening on IPv6 address "::", port 5432');
    log(ctx.pid, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
    yield* sleep(40);
    log(ctx.pid + 20, `database system was shut down at ${pgTime(ctx.now() - 200).replace(/\.\d+ UTC$/, ' UTC')}`);
    log(ctx.pid, 'database system is ready to accept connections');
    const stop = (kind: string) => () => {
      log(ctx.pid, `received ${kind} shutdown request`);
      if (kind === 'fast') log(ctx.pid, 'aborting any active transactions');
      log(ctx.pid, `background worker "logical replication launcher" (PID ${ctx.pid + 25}) exited with exit code 1`);
      log(ctx.pid + 18, 'shutting down');
      log(ctx.pid, 'database system is shut down');
      ctx.exit(0);
    };
    ctx.onSignal('SIGTERM', stop('smart'));
    ctx.onSignal('SIGINT', stop('fast'));
    ctx.onSignal('SIGQUIT', stop('immediate'));
    return yield* forever();
  };
}

/** pg_isready: 0 accepting, 2 no response (pg_isready's own exit codes). */
export function pgIsreadyProgram(): Program {
  return function* pgIsready(ctx) {
    const args = ctx.argv.slice(1);
    let host: string | undefined;
    let port = 5432;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-h' || args[i] === '--host') host = args[++i];
      else if (args[i].startsWith('--host=')) host = args[i].slice(7);
      else if (args[i] === '-p' || args[i] === '--port') port = Number(args[++i]) || 5432;
      else if (args[i] === '-U' || args[i] === '-d' || args[i] === '-t') i++;
    }
    const o = yield* probe(ctx, port, host ?? '127.0.0.1');
    const where = host ? `${host}:${port}` : `/var/run/postgresql:${port}`;
    if (!args.includes('-q')) ctx.write('stdout', `${where} - ${o.ok ? 'accepting connections' : 'no response'}\n`);
    return o.ok ? 0 : 2;
  };
}

// ---- mongo ----------------------------------------------------------------------------------------

function mongoLog(ctx: ProcessContext, c: string, id: number, where: string, msg: string, attr?: unknown): void {
  const comp = `"${c}",`.padEnd(12);
  const ident = `${id},`.padEnd(9);
  ctx.write('stdout', `{"t":{"$date":"${mongoDate(ctx.now())}"},"s":"I",  "c":${comp}"id":${ident}"ctx":"${where}","msg":"${msg}"${attr === undefined ? '' : `,"attr":${JSON.stringify(attr)}`}}\n`);
}

export function mongoEntrypointProgram(): Program {
  return function* entrypoint(ctx) {
    const me = ctx.argv[0];
    let args = ctx.argv.slice(1);
    if ((args[0] ?? '').startsWith('-')) args = ['mongod', ...args];
    if (args[0] === 'mongod' && currentUid(ctx) === 0) return yield* execArgs(ctx, ['gosu', 'mongodb', me, ...args], me, 14);
    if (args[0] === 'mongod' && !args.includes('--bind_ip') && !args.includes('--bind_ip_all')) args = [...args, '--bind_ip_all'];
    return yield* execArgs(ctx, args, me, 434);
  };
}

export function mongodProgram(version: string): Program {
  return function* mongod(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('--version')) {
      ctx.write('stdout', `db version v${version}\nBuild Info: {\n    "version": "${version}",\n    "openSSLVersion": "OpenSSL 3.0.2 15 Mar 2022",\n    "modules": [],\n    "allocator": "tcmalloc",\n    "environment": {\n        "distmod": "ubuntu2204",\n        "distarch": "x86_64",\n        "target_arch": "x86_64"\n    }\n}\n`);
      return 0;
    }
    const port = Number(args[args.indexOf('--port') + 1]) || 27017;
    // wording from memory (mongod 6.0 structured log)
    mongoLog(ctx, 'CONTROL', 23285, '-', "Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'");
    mongoLog(ctx, 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', { pid: ctx.pid, port, dbPath: '/data/db', architecture: '64-bit', host: ctx.hostname });
    mongoLog(ctx, 'CONTROL', 23403, 'initandlisten', 'Build Info', { buildInfo: { version, gitVersion: 'f803681c3ae19817d31958965850193de067c516', openSSLVersion: 'OpenSSL 3.0.2 15 Mar 2022', modules: [], allocator: 'tcmalloc', environment: { distmod: 'ubuntu2204', distarch: 'x86_64', target_arch: 'x86_64' } } });
    mongoLog(ctx, 'CONTROL', 21951, 'initandlisten', 'Options set by command line', { options: { net: { bindIp: args.includes('--bind_ip_all') ? '*' : '127.0.0.1' } } });
    yield* sleep(1500);
    const l = ctx.net?.listen({
      port,
      owner: 'mongod',
      address: args.includes('--bind_ip_all') ? '0.0.0.0' : '127.0.0.1',
      http: (_req, reply) => {
        const body = 'It looks like you are trying to access MongoDB over HTTP on the native driver port.\n';
        reply({ status: 200, reason: 'OK', headers: [['Connection', 'close'], ['Content-Type', 'text/plain'], ['Content-Length', String(body.length)]], body });
      },
    });
    if (!l || 'error' in l) {
      ctx.write('stdout', `{"t":{"$date":"${mongoDate(ctx.now())}"},"s":"E",  "c":"CONTROL",  "id":20568,   "ctx":"initandlisten","msg":"Error setting up listener","attr":{"error":{"code":9001,"codeName":"SocketException","errmsg":"Address already in use"}}}\n`);
      return 48;
    }
    mongoLog(ctx, 'NETWORK', 23015, 'listener', 'Listening on', { address: '/tmp/mongodb-27017.sock' });
    mongoLog(ctx, 'NETWORK', 23015, 'listener', 'Listening on', { address: args.includes('--bind_ip_all') ? '0.0.0.0' : '127.0.0.1' });
    mongoLog(ctx, 'NETWORK', 23016, 'listener', 'Waiting for connections', { port, ssl: 'off' });
    const stop = (n: number, name: string) => () => {
      mongoLog(ctx, 'CONTROL', 23377, 'SignalHandler', 'Received signal', { signal: n, error: name });
      mongoLog(ctx, 'CONTROL', 23378, 'SignalHandler', 'Signal was sent by kill(2)', { pid: 0, uid: 0 });
      mongoLog(ctx, 'CONTROL', 23381, 'SignalHandler', 'will terminate after current cmd ends');
      mongoLog(ctx, 'CONTROL', 20565, 'SignalHandler', 'Now exiting');
      mongoLog(ctx, 'CONTROL', 23138, 'SignalHandler', 'Shutting down', { exitCode: 0 });
      ctx.exit(0);
    };
    ctx.onSignal('SIGTERM', stop(15, 'Terminated'));
    ctx.onSignal('SIGINT', stop(2, 'Interrupt'));
    return yield* forever();
  };
}

// ---- memcached ---------------------------------------------------------------------------------

export function memcachedEntrypointProgram(): Program {
  return function* entrypoint(ctx) {
    let args = ctx.argv.slice(1);
    if ((args[0] ?? '').startsWith('-')) args = ['memcached', ...args];
    return yield* execArgs(ctx, args, ctx.argv[0], 8);
  };
}

export function memcachedProgram(version: string): Program {
  return function* memcached(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('-V') || args.includes('--version')) {
      ctx.write('stdout', `memcached ${version}\n`);
      return 0;
    }
    if (currentUid(ctx) === 0 && !args.includes('-u')) {
      ctx.write('stderr', "can't run as root without the -u switch\n");
      return 71;
    }
    const pi = args.findIndex((a) => a === '-p' || a === '--port');
    const port = pi >= 0 ? Number(args[pi + 1]) || 11211 : 11211;
    const store = new Map<string, string>();
    const started = ctx.now();
    const l = ctx.net?.listen({
      port,
      owner: 'memcached',
      tcp: (c, reply) => {
        const lines = c.data.split('\r\n');
        let out = '';
        for (let i = 0; i < lines.length; i++) {
          const w = lines[i].trim().split(/\s+/);
          const cmd = (w[0] ?? '').toLowerCase();
          if (!cmd) continue;
          if (cmd === 'version') out += `VERSION ${version}\r\n`;
          else if (cmd === 'set' || cmd === 'add') {
            const value = lines[++i] ?? '';
            if (cmd === 'add' && store.has(w[1])) out += 'NOT_STORED\r\n';
            else {
              store.set(w[1], value);
              out += 'STORED\r\n';
            }
          } else if (cmd === 'get') {
            for (const k of w.slice(1)) if (store.has(k)) out += `VALUE ${k} 0 ${store.get(k)!.length}\r\n${store.get(k)}\r\n`;
            out += 'END\r\n';
          } else if (cmd === 'delete') out += store.delete(w[1]) ? 'DELETED\r\n' : 'NOT_FOUND\r\n';
          else if (cmd === 'flush_all') {
            store.clear();
            out += 'OK\r\n';
          } else if (cmd === 'stats') out += `STAT pid ${ctx.pid}\r\nSTAT uptime ${Math.floor((ctx.now() - started) / 1000)}\r\nSTAT version ${version}\r\nSTAT curr_items ${store.size}\r\nEND\r\n`;
          else if (cmd === 'quit') break;
          else out += 'ERROR\r\n';
        }
        reply(out);
      },
    });
    if (!l || 'error' in l) {
      ctx.write('stderr', 'failed to listen on TCP port 11211: Address already in use\n');
      return 71;
    }
    const stop = () => {
      ctx.write('stderr', 'Signal handled: Terminated.\n'); // wording from memory
      ctx.exit(0);
    };
    ctx.onSignal('SIGTERM', stop);
    ctx.onSignal('SIGINT', () => {
      ctx.write('stderr', 'Signal handled: Interrupt.\n');
      ctx.exit(0);
    });
    return yield* forever();
  };
}

// ---- rabbitmq -------------------------------------------------------------------------------------

export function rabbitmqEntrypointProgram(): Program {
  return function* entrypoint(ctx) {
    let args = ctx.argv.slice(1);
    if ((args[0] ?? '').startsWith('-')) args = ['rabbitmq-server', ...args];
    if (args[0]?.startsWith('rabbitmq-') && currentUid(ctx) === 0) return yield* execArgs(ctx, ['gosu', 'rabbitmq', ctx.argv[0], ...args], ctx.argv[0], 11);
    return yield* execArgs(ctx, args, ctx.argv[0], 60);
  };
}

export function rabbitmqServerProgram(version: string): Program {
  const management = version.endsWith('+management');
  const v = version.replace(/\+management$/, '');
  return function* rabbitmq(ctx) {
    const t = () => `${isoMicros(ctx.now()).replace('T', ' ').replace('Z', '')}+00:00`;
    const info = (pid: string, text: string) => ctx.write('stdout', `${t()} [info] <${pid}> ${text}\n`); // wording from memory
    info('0.230.0', '');
    info('0.230.0', ` Starting RabbitMQ ${v} on Erlang 25.1.2 [jit]`);
    info('0.230.0', ' Copyright (c) 2007-2022 VMware, Inc. or its affiliates.');
    info('0.230.0', ' Licensed under the MPL 2.0. Website: https://rabbitmq.com');
    yield* sleep(6000);
    const plugins = management ? ['rabbitmq_prometheus', 'rabbitmq_federation', 'rabbitmq_management', 'rabbitmq_management_agent', 'rabbitmq_web_dispatch'] : ['rabbitmq_prometheus', 'rabbitmq_web_dispatch'];
    info('0.230.0', 'Ready to start client connection listeners');
    const amqp = ctx.net?.listen({ port: 5672, owner: 'beam.smp', tcp: (c, reply) => reply(c.data.startsWith('AMQP') ? '' : 'AMQP\x00\x00\x09\x01') });
    if (!amqp || 'error' in amqp) {
      ctx.write('stdout', `${t()} [error] <0.230.0> Failed to start TCP listener [::]:5672, error: eaddrinuse\n`);
      return 1;
    }
    ctx.net?.listen({ port: 25672, owner: 'beam.smp' });
    ctx.net?.listen({ port: 15692, owner: 'beam.smp' });
    if (management) ctx.net?.listen({ port: 15672, owner: 'beam.smp' });
    info('0.560.0', 'started TCP listener on [::]:5672');
    ctx.write('stdout', ` completed with ${plugins.length} plugins.\n`);
    info('0.230.0', `Server startup complete; ${plugins.length} plugins started.`);
    for (const p of plugins.slice().sort()) info('0.230.0', ` * ${p}`);
    const stop = () => {
      info('0.230.0', 'RabbitMQ is asked to stop...');
      info('0.230.0', 'Successfully stopped RabbitMQ and its dependencies');
      ctx.exit(0);
    };
    ctx.onSignal('SIGTERM', stop);
    ctx.onSignal('SIGINT', stop);
    return yield* forever();
  };
}

export { probe as tcpProbe };
