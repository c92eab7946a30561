/**
 * `ss -lnt[p]` (iproute2 3.10 of CentOS 7) and `netstat -lnt[p]` (net-tools 2.0) over the
 * host's listening sockets. Column layout for an 80-column terminal; `-p` adds the owner
 * (`users:(("sshd",pid=1003,fd=3))` / `1003/sshd`). File descriptors are not modelled: 3.
 * wording not verified: the exact widths of ss 3.10's address columns.
 */
import type { Program } from '../types';
import type { NodeView } from './view';

const ipNum = (a: string) => a.split('.').reduce((n, x) => n * 256 + Number(x), 0);

export function ssProgram(view: NodeView, flavor: 'ss' | 'netstat'): Program {
  return function* ss(ctx) {
    const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
    const procs = flags.includes('p');
    const listening = flags.includes('l');
    // the IPv4 table (/proc/net/tcp) first, then IPv6 (tcp6: the hosts' ::1 sockets)
    const v6 = (a: string) => a.includes(':');
    const socks = listening ? [...view.listeners()].sort((a, b) => Number(v6(a.address)) - Number(v6(b.address)) || a.port - b.port || (v6(a.address) ? 0 : ipNum(a.address) - ipNum(b.address))) : [];
    if (flavor === 'netstat') {
      let s = `Active Internet connections (${listening ? 'only servers' : 'w/o servers'})\n`;
      s += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${procs ? ' PID/Program name    ' : ''}\n`;
      for (const l of socks) {
        const local = `${l.address}:${l.port}`;
        s += `${v6(l.address) ? 'tcp6' : 'tcp '}       0      0 ${local.padEnd(23)} ${(v6(l.address) ? ':::*' : '0.0.0.0:*').padEnd(23)} LISTEN     ${procs ? ` ${l.pid ? `${l.pid}/${l.comm}` : '-'}`.padEnd(20) : ''}\n`;
      }
      ctx.write('stdout', s);
      return 0;
    }
    const addrW = 7;
    const servW = 18;
    const col = (a: string, p: string) => `${a.padStart(addrW)}:${p.padEnd(servW)}`;
    let s = `${'State'.padEnd(10)} Recv-Q Send-Q ${col('Local Address', 'Port')} ${col('Peer Address', 'Port')}\n`;
    for (const l of socks) {
      const a = l.address === '0.0.0.0' ? '*' : l.address;
      s += `${'LISTEN'.padEnd(10)} ${'0'.padEnd(6)} ${'128'.padEnd(6)} ${col(a, String(l.port))} ${v6(l.address) ? col('::', '*') : col('*', '*')}${procs && l.pid ? ` users:(("${l.comm}",pid=${l.pid},fd=3))` : ''}\n`;
    }
    ctx.write('stdout', s);
    return 0;
  };
}
