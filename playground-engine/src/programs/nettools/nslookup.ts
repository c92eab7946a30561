/**
 * BusyBox nslookup. 1.35 (busybox:latest, Alpine) queries the name in every search domain
 * when it has fewer dots than ndots and prints each answer or NXDOMAIN (format observed with
 * BusyBox 1.35 against a test DNS server, notes/service-networking.md §5.3). The older 1.28
 * (`busybox:1.28`, used by the Kubernetes DNS-debugging page) prints `Server:` / `Address 1:`
 * blocks (from memory; reverse names are not resolved here).
 */
import type { Program } from '../types';
import type { ResolveOutcome } from '../net';
import { isIPv4 } from './url';

export function nslookupProgram(version = '1.35'): Program {
  return function* nslookup(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const name = args[0];
    if (!name) {
      ctx.write('stderr', 'BusyBox v1.35.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n');
      return 1;
    }
    const net = ctx.net;
    if (!net) return 1;
    const resolv = ctx.fs.read('/etc/resolv.conf') ?? '';
    const server = /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '127.0.0.1';
    const search = (/^search\s+(.*)$/m.exec(resolv)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
    const ndots = Number(/ndots:(\d+)/.exec(resolv)?.[1] ?? 1);
    if (version.startsWith('1.28')) {
      const r = (yield { kind: 'await', future: net.resolve(name, 'musl') }) as ResolveOutcome;
      let s = `Server:    ${server}\nAddress 1: ${server}\n\n`;
      if (!r.ok) {
        ctx.write('stdout', s);
        ctx.write('stderr', `nslookup: can't resolve '${name}'\n`);
        return 1;
      }
      s += `Name:      ${name}\n${r.addresses.map((a, i) => `Address ${i + 1}: ${a}`).join('\n')}\n`;
      ctx.write('stdout', s);
      return 0;
    }
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
