/**
 * The hosts' `route` (net-tools 2.0 of CentOS 7) and `ip` (iproute2 3.10) over the node's real
 * routing state: its Calico routes and interfaces (tunl0, one cali* per local pod).
 */
import type { Program } from '../types';
import type { NodeView } from './view';
import { formatIpRoute, formatRoute } from './routes';
import { caliName } from './sha1';

export function hostRouteProgram(view: NodeView): Program {
  return function* route(ctx) {
    const args = ctx.argv.slice(1);
    let numeric = false;
    let extended = false;
    for (const a of args) {
      if (/^-[ne]+$/.test(a)) {
        if (a.includes('n')) numeric = true;
        if (a.includes('e')) extended = true;
      } else if (a === '-A' || a === 'inet' || a === '--numeric' || a === '--extend') {
        if (a === '--numeric') numeric = true;
        if (a === '--extend') extended = true;
      } else {
        // wording not verified: net-tools' usage text is long; its first line.
        ctx.write('stderr', 'Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n');
        return 4;
      }
    }
    ctx.write('stdout', formatRoute(view.routes(), { numeric, extended, hostName: (ip) => view.hostName(ip) }));
    return 0;
  };
}

export function hostIpProgram(view: NodeView): Program {
  return function* ip(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '-4');
    const obj = args[0] ?? '';
    const sub = args[1];
    if (/^(r|ro|rou|rout|route)$/.test(obj) && (!sub || /^(show|list|s|ls)$/.test(sub))) {
      ctx.write('stdout', formatIpRoute(view.routes(), view.ip));
      return 0;
    }
    if (/^(a|ad|add|addr|addre|addres|address)$/.test(obj) && (!sub || /^(show|list|s|ls)$/.test(sub))) {
      ctx.write('stdout', ipAddr(view));
      return 0;
    }
    if (!obj) {
      ctx.write('stderr', 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { link | address | addrlabel | route | rule | neigh | ntable |\n                   tunnel | tuntap | maddress | mroute | mrule | monitor | xfrm |\n                   netns | l2tp | fou | tcp_metrics | token | netconf }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n                    -h[uman-readable] | -iec |\n                    -f[amily] { inet | inet6 | ipx | dnet | mpls | bridge | link } |\n                    -4 | -6 | -I | -D | -B | -0 |\n                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n                    -rc[vbuf] [size] | -n[etns] name | -a[ll] | -c[olor]}\n'); // wording not verified
      return 255;
    }
    ctx.write('stderr', `Object "${obj}" is unknown, try "ip help".\n`);
    return 255;
  };
}

function ipAddr(view: NodeView): string {
  const mac = '00:0c:29:' + view.ip.split('.').slice(1).map((n) => Number(n).toString(16).padStart(2, '0')).join(':');
  const bcast = view.ip.replace(/\.\d+$/, '.255');
  let s = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n';
  s += `2: ens32: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000\n    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n    inet ${view.ip}/24 brd ${bcast} scope global noprefixroute ens32\n       valid_lft forever preferred_lft forever\n`;
  // tunl0 comes next; the pods' veths are numbered as they were created. (kube-ipvs0 of the
  // ipvs mode, with every ClusterIP on it, is not listed here.)
  let idx = 3;
  const tun = view.tunnelIp();
  if (tun) {
    s += `${idx}: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n    inet ${tun}/32 scope global tunl0\n       valid_lft forever preferred_lft forever\n`;
    idx++;
  }
  for (const sb of view.sandboxes()) {
    if (!sb.ready || sb.ip === view.ip) continue;
    s += `${idx}: ${caliName(sb.namespace, sb.name)}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP group default \n    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netnsid ${idx - 4}\n`;
    idx++;
  }
  return s;
}
