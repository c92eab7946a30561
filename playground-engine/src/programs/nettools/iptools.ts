/**
 * `ip addr` (BusyBox / iproute2) and `route` (net-tools), minimal: the namespace's loopback
 * and its one interface. Layout from memory of both tools.
 */
import type { Program } from '../types';

export function ipProgram(_flavor: 'busybox' | 'iproute2'): Program {
  return function* ip(ctx) {
    const args = ctx.argv.slice(1);
    const obj = args[0] ?? '';
    if (!/^(a|addr|address)$/.test(obj) || (args[1] && !/^(show|list|s)$/.test(args[1]))) {
      ctx.write('stderr', 'Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n');
      return 1;
    }
    const ifs = ctx.net?.interfaces() ?? [];
    let s = '';
    ifs.forEach((i, n) => {
      const idx = n === 0 ? 1 : 3;
      if (i.name === 'lo') {
        s += `${idx}: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n`;
      } else {
        s += `${idx}: ${i.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${i.mtu} qdisc noqueue state UP \n    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff\n    inet ${i.ip}/${i.prefix} scope global ${i.name}\n       valid_lft forever preferred_lft forever\n`;
      }
    });
    ctx.write('stdout', s);
    return 0;
  };
}

export function routeProgram(_flavor: 'busybox' | 'net-tools'): Program {
  return function* route(ctx) {
    const table = ctx.fs.read('/proc/net/route-table');
    let s = 'Kernel IP routing table\n';
    s += ctx.argv.includes('-e') || ctx.argv.includes('-ee')
      ? 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n'
      : 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
    s += table ?? '';
    ctx.write('stdout', s);
    return 0;
  };
}
