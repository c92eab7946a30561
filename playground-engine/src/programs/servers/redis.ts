/**
 * The official redis image: its docker-entrypoint.sh (an option or a `.conf` as first argument
 * means `redis-server …`; as root it chowns /data and re-executes itself through gosu as
 * `redis`), redis-server 7.0 (start-up log, the RESP and inline protocol on 6379 for the
 * common commands, shutdown on SIGTERM/SIGINT) and redis-cli (one command, or commands read
 * from standard input; raw replies when not on a terminal, as redis-cli prints them).
 *
 * Log wording from redis 7.0's server.c as containers print it (no config file, no TTY so no
 * ASCII logo; the node's 4.19 kernel has net.core.somaxconn = 128 and overcommit_memory = 0).
 */
import type { Program, ProcessContext } from '../types';
import type { TcpOutcome } from '../net';
import { currentUid, execArgs, forever, redisTime, uidOf, type Gen } from './kit';
import { unixMs } from '../clock';

/** gosu USER COMMAND...: setuid to USER and exec COMMAND. */
export function gosuProgram(): Program {
  return function* gosu(ctx) {
    const [user, ...argv] = ctx.argv.slice(1);
    if (!user || !argv.length) {
      ctx.write('stderr', 'Usage: gosu user-spec command [args]\n   eg: gosu tianon bash\n       gosu nobody:root bash -c \'whoami && id\'\n       gosu 1000:1 id\n\ngosu version: 1.14 (go1.16.7 on linux/amd64; gc)\nlicense: Apache-2.0 (full text at https://github.com/tianon/gosu)\n\n');
      return 1;
    }
    const uid = uidOf(ctx, user.split(':')[0]);
    if (uid === undefined) {
      ctx.write('stderr', `error: failed switching to "${user}": unable to find user ${user}: no matching entries in passwd file\n`);
      return 1;
    }
    ctx.sys?.setUid?.(uid);
    const r = (yield { kind: 'exec', argv }) as { error?: string } | undefined;
    ctx.write('stderr', `error: exec: "${argv[0]}": executable file not found in $PATH\n`);
    return r?.error === 'EACCES' ? 126 : 1;
  };
}

export function redisEntrypointProgram(): Program {
  return function* entrypoint(ctx) {
    let args = ctx.argv.slice(1);
    if ((args[0] ?? '').startsWith('-') || (args[0] ?? '').endsWith('.conf')) args = ['redis-server', ...args];
    if (args[0] === 'redis-server' && currentUid(ctx) === 0) {
      return yield* execArgs(ctx, ['gosu', 'redis', ctx.argv[0], ...args], ctx.argv[0], 16);
    }
    return yield* execArgs(ctx, args, ctx.argv[0], 24);
  };
}

type Reply = { t: '+'; s: string } | { t: '-'; s: string } | { t: ':'; n: number } | { t: '$'; s: string | null } | { t: '*'; a: Reply[] };

/** One client command line: RESP arrays (`*1\r\n$4\r\nPING\r\n`) or inline (`PING`). */
export function parseCommands(data: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  const line = () => {
    const j = data.indexOf('\n', i);
    const l = (j < 0 ? data.slice(i) : data.slice(i, j)).replace(/\r$/, '');
    i = j < 0 ? data.length : j + 1;
    return l;
  };
  while (i < data.length) {
    if (data[i] === '*') {
      const n = Number(line().slice(1));
      const args: string[] = [];
      for (let k = 0; k < n && i < data.length; k++) {
        const len = Number(line().slice(1));
        args.push(data.slice(i, i + len));
        i += len;
        if (data.startsWith('\r\n', i)) i += 2;
      }
      out.push(args);
    } else {
      const words = (line().match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
      if (words.length) out.push(words);
    }
  }
  return out;
}

export function encode(r: Reply): string {
  switch (r.t) {
    case '+':
    case '-':
      return `${r.t}${r.s}\r\n`;
    case ':':
      return `:${r.n}\r\n`;
    case '$':
      return r.s === null ? '$-1\r\n' : `$${r.s.length}\r\n${r.s}\r\n`;
    default:
      return `*${r.a.length}\r\n${r.a.map(encode).join('')}`;
  }
}

/** Parse the server's bytes back into replies (for redis-cli). */
export function decode(data: string): Reply[] {
  const out: Reply[] = [];
  let i = 0;
  const line = () => {
    const j = data.indexOf('\r\n', i);
    const l = j < 0 ? data.slice(i) : data.slice(i, j);
    i = j < 0 ? data.length : j + 2;
    return l;
  };
  const one = (): Reply => {
    const l = line();
    const rest = l.slice(1);
    switch (l[0]) {
      case '+':
        return { t: '+', s: rest };
      case '-':
        return { t: '-', s: rest };
      case ':':
        return { t: ':', n: Number(rest) };
      case '$': {
        const n = Number(rest);
        if (n < 0) return { t: '$', s: null };
        const s = data.slice(i, i + n);
        i += n + 2;
        return { t: '$', s };
      }
      default: {
        const n = Number(rest);
        const a: Reply[] = [];
        for (let k = 0; k < n; k++) a.push(one());
        return { t: '*', a };
      }
    }
  };
  while (i < data.length) out.push(one());
  return out;
}

const ARITY: Record<string, number> = { ping: -1, echo: 2, set: -3, get: 2, del: -2, exists: -2, incr: 2, decr: 2, keys: 2, dbsize: 1, flushall: -1, flushdb: -1, info: -1, quit: -1, select: 2, expire: 3, ttl: 2, type: 2, append: 3, strlen: 2, mget: -2 };

function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(s);
}

/** The keyspace and command table of one redis-server. */
class Db {
  private data = new Map<string, string>();

  run(args: string[], version: string): Reply {
    const name = (args[0] ?? '').toLowerCase();
    const arity = ARITY[name];
    if (arity === undefined) {
      const rest = args.slice(1).map((a) => `'${a}' `).join('');
      return { t: '-', s: `ERR unknown command '${args[0]}', with args beginning with: ${rest}` };
    }
    if ((arity > 0 && args.length !== arity) || (arity < 0 && args.length < -arity)) return { t: '-', s: `ERR wrong number of arguments for '${name}' command` };
    const intOf = (k: string): number | Reply => {
      const v = this.data.get(k) ?? '0';
      if (!/^-?\d+$/.test(v)) return { t: '-', s: 'ERR value is not an integer or out of range' };
      return Number(v);
    };
    switch (name) {
      case 'ping':
        return args.length > 1 ? { t: '$', s: args[1] } : { t: '+', s: 'PONG' };
      case 'echo':
        return { t: '$', s: args[1] };
      case 'set':
        this.data.set(args[1], args[2]);
        return { t: '+', s: 'OK' };
      case 'get':
        return { t: '$', s: this.data.get(args[1]) ?? null };
      case 'mget':
        return { t: '*', a: args.slice(1).map((k) => ({ t: '$', s: this.data.get(k) ?? null }) as Reply) };
      case 'append':
        this.data.set(args[1], (this.data.get(args[1]) ?? '') + args[2]);
        return { t: ':', n: this.data.get(args[1])!.length };
      case 'strlen':
        return { t: ':', n: (this.data.get(args[1]) ?? '').length };
      case 'del':
      case 'exists': {
        let n = 0;
        for (const k of args.slice(1)) if (this.data.has(k)) n++;
        if (name === 'del') for (const k of args.slice(1)) this.data.delete(k);
        return { t: ':', n };
      }
      case 'incr':
      case 'decr': {
        const v = intOf(args[1]);
        if (typeof v !== 'number') return v;
        const n = v + (name === 'incr' ? 1 : -1);
        this.data.set(args[1], String(n));
        return { t: ':', n };
      }
      case 'keys':
        return { t: '*', a: [...this.data.keys()].filter((k) => globMatch(args[1], k)).sort().map((k) => ({ t: '$', s: k }) as Reply) };
      case 'type':
        return { t: '+', s: this.data.has(args[1]) ? 'string' : 'none' };
      case 'expire':
        return { t: ':', n: this.data.has(args[1]) ? 1 : 0 };
      case 'ttl':
        return { t: ':', n: this.data.has(args[1]) ? -1 : -2 };
      case 'dbsize':
        return { t: ':', n: this.data.size };
      case 'flushall':
      case 'flushdb':
        this.data.clear();
        return { t: '+', s: 'OK' };
      case 'select':
        return args[1] === '0' ? { t: '+', s: 'OK' } : /^\d+$/.test(args[1]) && Number(args[1]) < 16 ? { t: '+', s: 'OK' } : { t: '-', s: 'ERR DB index is out of range' };
      case 'info':
        return { t: '$', s: `# Server\r\nredis_version:${version}\r\nredis_git_sha1:00000000\r\nredis_git_dirty:0\r\nredis_mode:standalone\r\nos:Linux 4.19.12-1.el7.elrepo.x86_64 x86_64\r\narch_bits:64\r\ntcp_port:6379\r\n\r\n# Keyspace\r\n${this.data.size ? `db0:keys=${this.data.size},expires=0,avg_ttl=0\r\n` : ''}` };
      default:
        return { t: '+', s: 'OK' };
    }
  }
}

export function redisServerProgram(version: string): Program {
  return function* redisServer(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--version' || args[0] === '-v') {
      ctx.write('stdout', `Redis server v=${version} sha=00000000:0 malloc=jemalloc-5.2.1 bits=64 build=${version === '7.0.5' ? '8a2e6fc8e0b8f2d4' : '3e6e4ae5bb4bf8a1'}\n`);
      return 0;
    }
    let port = 6379;
    const pi = args.indexOf('--port');
    if (pi >= 0) port = Number(args[pi + 1]) || 6379;
    const pid = ctx.pid;
    const log = (role: 'C' | 'M', mark: string, text: string) => ctx.write('stdout', `${pid}:${role} ${redisTime(ctx.now())} ${mark} ${text}\n`);
    log('C', '#', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    log('C', '#', `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=${pid}, just started`);
    if (args.some((a) => !a.startsWith('-') && a.endsWith('.conf'))) log('C', '#', 'Configuration loaded');
    else log('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
    log('M', '*', 'monotonic clock: POSIX clock_gettime');
    const db = new Db();
    const ok = ctx.net?.listen({
      port,
      owner: 'redis-server',
      tcp: (conn, reply) => {
        const cmds = parseCommands(conn.data);
        let out = '';
        for (const c of cmds) {
          if (c[0]?.toLowerCase() === 'quit') {
            out += '+OK\r\n';
            break;
          }
          out += encode(db.run(c, version));
        }
        reply(out);
      },
    });
    if (!ok || 'error' in ok) {
      log('M', '#', `Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`);
      log('M', '#', `Failed listening on port ${port} (TCP), aborting.`);
      return 1;
    }
    log('M', '*', `Running mode=standalone, port=${port}.`);
    log('M', '#', 'WARNING: The TCP backlog setting of 511 cannot be enforced because /proc/sys/net/core/somaxconn is set to the lower value of 128.');
    log('M', '#', 'Server initialized');
    log('M', '#', "WARNING overcommit_memory is set to 0! Background save may fail under low memory condition. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.");
    log('M', '*', 'Ready to accept connections');
    const shutdown = (sig: 'SIGTERM' | 'SIGINT') => () => {
      ctx.write('stdout', `${pid}:signal-handler (${Math.floor(unixMs(ctx.now()) / 1000)}) Received ${sig} scheduling shutdown...\n`);
      log('M', '#', 'User requested shutdown...');
      log('M', '*', 'Saving the final RDB snapshot before exiting.');
      ctx.fs.write(`${ctx.cwd.replace(/\/$/, '')}/dump.rdb`, 'REDIS0010');
      log('M', '*', 'DB saved on disk');
      log('M', '#', 'Redis is now ready to exit, bye bye...');
      ctx.exit(0);
    };
    ctx.onSignal('SIGTERM', shutdown('SIGTERM'));
    ctx.onSignal('SIGINT', shutdown('SIGINT'));
    return yield* forever();
  };
}

/** How redis-cli prints a reply: raw when stdout is not a terminal, typed on a terminal. */
function format(r: Reply, tty: boolean, indent = ''): string {
  if (!tty) {
    switch (r.t) {
      case '+':
      case '-':
        return `${r.s}\n`;
      case ':':
        return `${r.n}\n`;
      case '$':
        return `${r.s ?? ''}\n`;
      default:
        return r.a.map((x) => format(x, false)).join('');
    }
  }
  switch (r.t) {
    case '+':
      return `${r.s}\n`;
    case '-':
      return `(error) ${r.s}\n`;
    case ':':
      return `(integer) ${r.n}\n`;
    case '$':
      return r.s === null ? '(nil)\n' : `${JSON.stringify(r.s)}\n`;
    default:
      if (!r.a.length) return '(empty array)\n';
      return r.a.map((x, i) => `${i ? indent : ''}${i + 1}) ${format(x, true, `${indent}   `)}`).join('');
  }
}

function quote(w: string): string {
  return `$${w.length}\r\n${w}\r\n`;
}

export function redisCliProgram(version: string): Program {
  return function* redisCli(ctx: ProcessContext): Gen {
    const args = ctx.argv.slice(1);
    let host = '127.0.0.1';
    let port = 6379;
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-h') host = args[++i] ?? host;
      else if (a === '-p') port = Number(args[++i]) || port;
      else if (a === '-a' || a === '-n' || a === '-u') i++;
      else if (a === '--version' || a === '-v') {
        ctx.write('stdout', `redis-cli ${version}\n`);
        return 0;
      } else if (a === '--raw' || a === '--no-raw' || a === '--no-auth-warning') continue;
      else words.push(a);
    }
    const cmds = words.length ? [words] : ctx.stdin.split('\n').map((l) => l.trim().split(/\s+/).filter(Boolean)).filter((l) => l.length);
    if (!cmds.length) return 0;
    let ip = host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      if (host === 'localhost') ip = '127.0.0.1';
      else {
        const r = (yield { kind: 'await', future: ctx.net!.resolve(host, 'glibc') }) as import('../net').ResolveOutcome;
        if (!r.ok) {
          ctx.write('stderr', `Could not connect to Redis at ${host}:${port}: Name or service not known\n`);
          return 1;
        }
        ip = r.addresses[0];
      }
    }
    const data = cmds.map((c) => `*${c.length}\r\n${c.map(quote).join('')}`).join('');
    const net = ctx.net;
    if (!net?.tcp) {
      ctx.write('stderr', `Could not connect to Redis at ${host}:${port}: Connection refused\n`);
      return 1;
    }
    const o = (yield { kind: 'await', future: net.tcp({ ip, port, data }) }) as TcpOutcome;
    if (!o.ok) {
      const why = o.code === 'refused' ? 'Connection refused' : o.code === 'timeout' ? 'Connection timed out' : o.code === 'unreachable' ? 'No route to host' : 'Connection reset by peer';
      if (o.phase === 'connect') ctx.write('stderr', `Could not connect to Redis at ${host}:${port}: ${why}\n`);
      else ctx.write('stderr', 'Error: Server closed the connection\n');
      return 1;
    }
    const tty = !!ctx.tty;
    for (const r of decode(o.data)) ctx.write('stdout', format(r, tty));
    return 0;
  };
}
