/**
 * Host programs over kube-proxy's state: `iptables-save`, `ipvsadm`, and the handler of
 * kube-proxy's metrics port (`curl 127.0.0.1:10249/proxyMode`). Each takes a getter for the
 * node's current KubeProxy, so what they print is the state at the moment they run.
 *
 * Messages: getopt's (`invalid option -- 'x'`), ipvsadm's `No such service` (libipvs
 * ipvs_strerror). Not modelled: name resolution of `ipvsadm -L` without `-n` (addresses are
 * always printed numerically), `--stats`/`--rate`.
 */
import type { Program } from '../../programs/types';
import type { KubeProxy } from './kube-proxy';
import type { TableName } from './rules';
import { IPTABLES_VERSION } from './iptables-save';
import type { Protocol } from './service-ports';
import { parseIPv4 } from '../ip';

export type ProxyGetter = (hostname: string) => KubeProxy | undefined;

const TABLES: TableName[] = ['nat', 'filter', 'mangle', 'raw'];

/** `iptables-save [-t table] [-c]`. */
export function iptablesSaveProgram(getProxy: ProxyGetter): Program {
  return function* iptablesSave(ctx) {
    const args = ctx.argv.slice(1);
    let table: string | undefined;
    let counters = false;
    const proxy = getProxy(ctx.hostname);
    const version = proxy?.config.iptablesVersion ?? IPTABLES_VERSION;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-t' || a === '--table') table = args[++i];
      else if (a.startsWith('--table=')) table = a.slice(8);
      else if (/^-t./.test(a)) table = a.slice(2);
      else if (a === '-c' || a === '--counters') counters = true;
      else if (a === '-V' || a === '--version') {
        ctx.write('stdout', `iptables-save v${version} (legacy)\n`);
        return 0;
      } else if (a.startsWith('--')) {
        ctx.write('stderr', `iptables-save: unrecognized option '${a}'\n`);
        return 1;
      } else {
        ctx.write('stderr', `iptables-save: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\n`);
        return 1;
      }
    }
    if (table !== undefined && !TABLES.includes(table as TableName)) {
      ctx.write('stderr', `iptables-save v${version} (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n`);
      return 1;
    }
    if (!proxy) return 0;
    ctx.write('stdout', proxy.iptablesSave(ctx.now(), { table: table as TableName | undefined, counters }));
    return 0;
  };
}

function parseAddrPort(s: string | undefined): { ip: string; port: number } | undefined {
  const m = /^(.+):(\d+)$/.exec(s ?? '');
  if (!m || parseIPv4(m[1]) === undefined) return undefined;
  return { ip: m[1], port: Number(m[2]) };
}

/** `ipvsadm [-L|-l] [-n] [-t|-u VIP:PORT]`. */
export function ipvsadmProgram(getProxy: ProxyGetter): Program {
  return function* ipvsadm(ctx) {
    const args = ctx.argv.slice(1);
    let service: { protocol: Protocol; ip: string; port: number } | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-t' || a === '--tcp-service' || a === '-u' || a === '--udp-service') {
        const ap = parseAddrPort(args[++i]);
        if (!ap) {
          ctx.write('stderr', 'illegal virtual server address[:port] specified\n');
          return 2;
        }
        service = { protocol: a === '-u' || a === '--udp-service' ? 'UDP' : 'TCP', ...ap };
      } else if (/^-[Lln]+$/.test(a) || a === '--list' || a === '--numeric') {
        // listing, numeric: the only mode modelled
      } else {
        ctx.write('stderr', "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n");
        return 2;
      }
    }
    const proxy = getProxy(ctx.hostname);
    if (!proxy) {
      ctx.write('stdout', 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n');
      return 0;
    }
    const text = proxy.ipvsadmLn(service);
    if (text === undefined) {
      ctx.write('stderr', 'No such service\n');
      return 1;
    }
    ctx.write('stdout', text);
    return 0;
  };
}

/** kube-proxy's metrics server on 127.0.0.1:10249: `/proxyMode` answers the mode, no newline. */
export function proxyModeHandler(getMode: () => string): (req: { method: string; path: string }) => { status: number; headers: Array<[string, string]>; body: string } {
  return (req) => {
    const path = req.path.split('?')[0];
    if (path === '/proxyMode') return { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: getMode() };
    return { status: 404, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], body: '404 page not found\n' };
  };
}
