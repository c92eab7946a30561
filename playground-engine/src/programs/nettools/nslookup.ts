/**
 * BusyBox nslookup, in the two implementations BusyBox has had.
 *
 * 1.29 and later (busybox:1.29+, latest, Alpine) send their own queries: the name in every search
 * domain when it has fewer dots than ndots, each answer or NXDOMAIN printed (format observed
 * with BusyBox 1.35 against a test DNS server, notes/service-networking.md §5.3).
 *
 * Up to 1.28 (busybox:1.28, the Kubernetes DNS-debugging page's image) it asks the C library
 * (networking/nslookup.c before 1.29): `print_host()` prints `%-10s %s` (`Server:` then the
 * nameserver, `Name:` then the name as typed) and `Address N: IP` followed by the address's
 * reverse name when getnameinfo finds one (/etc/hosts, then a PTR query), so the docs show
 * `Address 1: 10.0.0.10 kube-dns.kube-system.svc.cluster.local`; a name getaddrinfo does not
 * resolve is `nslookup: can't resolve 'NAME'` on stderr, status 1.
 */
import type { Effect, Program, ProcessContext } from '../types';
import type { ResolveOutcome } from '../net';
import { isIPv4 } from './url';
import { bbBanner, busyboxRelease } from '../tools/busybox-builds';

export function nslookupProgram(version = '1.35.0'): Program {
  if (busyboxRelease(version) < 129) return nslookupOld;
  return function* nslookup(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const name = args[0];
    if (!name) {
      ctx.write('stderr', `${bbBanner(ctx)}\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n`);
      return 1;
    }
    const net = ctx.net;
    if (!net) return 1;
    const resolv = ctx.fs.read('/etc/resolv.conf') ?? '';
    const server = /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '127.0.0.1';
    const search = (/^search\s+(.*)$/m.exec(resolv)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
    const ndots = Number(/ndots:(\d+)/.exec(resolv)?.[1] ?? 1);
    let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    if (isIPv4(name)) {
      ctx.write('stdout', `${out}** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`);
      return 1;
    }
    const dots = (name.match(/\./g) ?? []).length;
    const candidates = name.endsWith('.') ? [name.slice(0, -1)] : dots < ndots && search.length ? search.map((d) => `${name}.${d}`) : [name];
    let found = false;
    let nonAuth = false;
    const blocks: string[] = [];
    for (const c of candidates) {
      const r = (yield { kind: 'await', future: net.query(c) }) as { ok: true; addresses: string[] } | { ok: false; error: string };
      if (!r.ok && r.error === 'timeout') {
        ctx.write('stdout', ';; connection timed out; no servers could be reached\n\n');
        return 1;
      }
      if (r.ok) {
        found = true;
        blocks.push(`${nonAuth ? '' : 'Non-authoritative answer:\n'}${r.addresses.map((a) => `Name:\t${c}\nAddress: ${a}\n`).join('')}`);
        nonAuth = true;
      } else blocks.push(`** server can't find ${c}: NXDOMAIN\n`);
    }
    out += blocks.join('\n');
    ctx.write('stdout', `${out}\n`);
    return found ? 0 : 1;
  };
}

/** getnameinfo(NI_NAMEREQD) as uClibc does it: /etc/hosts, then a PTR query to the nameserver. */
function* reverseName(ctx: ProcessContext, ip: string): Generator<Effect, string | undefined, unknown> {
  for (const line of (ctx.fs.read('/etc/hosts') ?? '').split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f[0] === ip && f[1]) return f[1];
  }
  if (!ctx.net) return undefined;
  const r = (yield { kind: 'await', future: ctx.net.query(`${ip.split('.').reverse().join('.')}.in-addr.arpa`) }) as { ok: boolean; addresses?: string[] };
  return r.ok ? r.addresses?.[0] : undefined;
}

/** `print_host()`: `Name:      HOST` and its addresses, or the resolve error. */
function* printHost(ctx: ProcessContext, host: string, header: string): Generator<Effect, boolean, unknown> {
  let addresses: string[];
  if (isIPv4(host)) addresses = [host];
  else {
    const r = ctx.net ? ((yield { kind: 'await', future: ctx.net.resolve(host, 'musl') }) as ResolveOutcome) : undefined;
    if (!r || !r.ok) {
      ctx.write('stderr', `nslookup: can't resolve '${host}'\n`);
      return false;
    }
    addresses = r.addresses;
  }
  let s = `${header.padEnd(10)} ${host}\n`;
  for (let i = 0; i < addresses.length; i++) {
    const rev = yield* reverseName(ctx, addresses[i]);
    s += `Address ${i + 1}: ${addresses[i]}${rev ? ` ${rev}` : ''}\n`;
  }
  ctx.write('stdout', s);
  return true;
}

/** nslookup up to BusyBox 1.28: `nslookup HOST [SERVER]` through the C library's resolver. */
const nslookupOld: Program = function* (ctx) {
  const argv = ctx.argv;
  if (!argv[1] || argv[1].startsWith('-') || argv.length > 3) {
    ctx.write('stderr', `${bbBanner(ctx)}\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n`);
    return 1;
  }
  // The SERVER argument is not modelled: the pod's nameserver answers. // unverified for other servers
  const resolv = ctx.fs.read('/etc/resolv.conf') ?? '';
  const server = /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '127.0.0.1';
  yield* printHost(ctx, server, 'Server:');
  ctx.write('stdout', '\n');
  return (yield* printHost(ctx, argv[1], 'Name:')) ? 0 : 1;
};
