/**
 * BusyBox nslookup, in the two implementations BusyBox has had.
 *
 * From 1.29 (busybox:latest, 1.36, Alpine) it sends its own queries (networking/nslookup.c,
 * FEATURE_NSLOOKUP_BIG, "A version from LEDE / OpenWRT"; read in two recent copies of the file):
 * - a name without a dot is tried in every search domain of /etc/resolv.conf
 *   (`add_query_with_search`: `strchr(dname, '.')`, not ndots), a name with a dot only as typed,
 *   so `nslookup kubernetes.default` asks for `kubernetes.default` and gets NXDOMAIN, the
 *   well-known failure that makes the Kubernetes docs use busybox:1.28;
 * - each name is asked for A, then AAAA; an address is asked for its PTR;
 * - every reply is printed as it comes: `** server can't find NAME: NXDOMAIN`, or the answer
 *   (`Name:\tNAME` / `Address: IP`, `REV\tname = NAME`), `Non-authoritative answer:` first
 *   when the server is not authoritative (CoreDNS is, for cluster.local and in-addr.arpa), then
 *   an empty line; an empty (NODATA) reply prints only that empty line, and before 1.33
 *   `*** Can't find NAME: No answer` (the `case 0` the file later dropped, citing bind-utils
 *   9.11.25; the release is inferred, // unverified); the exit status is 1 once a reply was
 *   not NOERROR;
 * - 1.29 did no search at all (`nslookup kubernetes` asked for `kubernetes`, as 2018 reports
 *   show); search came with 1.30 (// unverified: the release is inferred).
 *
 * Up to 1.28 (busybox:1.28, the Kubernetes DNS-debugging page's image) it asks the C library
 * (networking/nslookup.c before 1.29): `print_host()` prints `%-10s %s` (`Server:` then the
 * nameserver, `Name:` then the name as typed) and `Address N: IP` followed by the address's
 * reverse name when getnameinfo finds one (/etc/hosts, then a PTR query), so the docs show
 * `Address 1: 10.0.0.10 kube-dns.kube-system.svc.cluster.local`; a name getaddrinfo does not
 * resolve is `nslookup: can't resolve 'NAME'` on stderr, status 1.
 *
 * Not modelled: the DNS_SERVER argument and -type/-debug/-port/-timeout options (the pod's
 * nameserver is asked for A and AAAA).
 */
import type { Effect, Program, ProcessContext } from '../types';
import type { ResolveOutcome } from '../net';
import { isIPv4 } from './url';
import { bbBanner, busyboxRelease } from '../tools/busybox-builds';

type QueryResult = { ok: true; addresses: string[] } | { ok: false; error: 'NXDOMAIN' | 'timeout' };

/** CoreDNS answers cluster names and reverse names from its kubernetes plugin with the AA bit. */
const authoritative = (name: string) => /(^|\.)cluster\.local\.?$/.test(name) || name.endsWith('.in-addr.arpa');

export function nslookupProgram(version = '1.35.0'): Program {
  const release = busyboxRelease(version);
  if (release < 129) return nslookupOld;
  return function* nslookup(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const name = args[0];
    if (!name || args.length > 2) {
      ctx.write('stderr', `${bbBanner(ctx)}\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n`);
      return 1;
    }
    const net = ctx.net;
    if (!net) return 1;
    const resolv = ctx.fs.read('/etc/resolv.conf') ?? '';
    const server = /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '127.0.0.1';
    const search = (/^search\s+(.*)$/m.exec(resolv)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
    const queries: Array<{ type: 'A' | 'AAAA' | 'PTR'; name: string }> = [];
    if (isIPv4(name)) queries.push({ type: 'PTR', name: `${name.split('.').reverse().join('.')}.in-addr.arpa` });
    else {
      const names = release >= 130 && search.length && !name.includes('.') ? search.map((d) => `${name}.${d}`) : [name];
      for (const type of ['A', 'AAAA'] as const) for (const n of names) queries.push({ type, name: n });
    }
    let out = '';
    let status = 0;
    let replies = 0;
    const unanswered: string[] = [];
    for (const q of queries) {
      const r = (yield { kind: 'await', future: net.query(q.name) }) as QueryResult;
      if (!r.ok && r.error === 'timeout') {
        unanswered.push(q.name);
        continue;
      }
      if (replies++ === 0) out += `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
      if (!r.ok) {
        out += `** server can't find ${q.name}: NXDOMAIN\n`;
        status = 1;
      } else {
        // An AAAA question gets NODATA: the cluster's Services and pods have IPv4 addresses only.
        const records = q.type === 'A' ? r.addresses.map((a) => `Name:\t${q.name}\nAddress: ${a}\n`) : q.type === 'PTR' ? r.addresses.map((n) => `${q.name}\tname = ${n}\n`) : [];
        if (!authoritative(q.name)) out += 'Non-authoritative answer:\n';
        out += records.join('');
        if (!records.length && release < 133) out += `*** Can't find ${q.name}: No answer\n`;
      }
      out += '\n';
    }
    if (!replies) {
      ctx.write('stdout', ';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    if (unanswered.length) out += `${unanswered.map((n) => `*** Can't find ${n}: No answer\n`).join('')}\n`;
    ctx.write('stdout', out);
    return status;
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
