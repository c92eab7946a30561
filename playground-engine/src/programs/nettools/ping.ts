/**
 * ping: BusyBox (`64 bytes from IP: seq=0 ttl=63 time=0.450 ms`) and iputils on the nodes
 * (`64 bytes from IP: icmp_seq=1 ttl=63 time=0.450 ms`, the notes' host). Without -c it runs
 * until killed. Formats from memory of both tools; TTL 64 on the same node, 63 across the
 * IPIP tunnel (as in the notes' `ping 172.17.125.7`).
 */
import type { Program } from '../types';
import type { PingOutcome, ResolveOutcome } from '../net';
import { isIPv4 } from './url';
import { bbBanner } from '../tools/busybox-builds';

export function pingProgram(flavor: 'busybox' | 'iputils'): Program {
  return function* ping(ctx) {
    const args = ctx.argv.slice(1);
    let count = Infinity;
    let wait = 1000;
    let target: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-c') count = Number(args[++i]);
      else if (a.startsWith('-c')) count = Number(a.slice(2));
      else if (a === '-i') wait = Number(args[++i]) * 1000;
      else if (a === '-W' || a === '-w') i++;
      else if (!a.startsWith('-')) target = a;
    }
    if (!target) {
      ctx.write('stderr', flavor === 'busybox' ? `${bbBanner(ctx)}\n\nUsage: ping [OPTIONS] HOST\n` : 'Usage: ping [-aAbBdDfhLnOqrRUvV64] [-c count] [-i interval] [-I interface]\n');
      return flavor === 'busybox' ? 1 : 2;
    }
    let ip = target;
    if (!isIPv4(target)) {
      const r = ctx.net ? ((yield { kind: 'await', future: ctx.net.resolve(target, flavor === 'busybox' ? 'musl' : 'glibc') }) as ResolveOutcome) : undefined;
      if (!r || !r.ok) {
        ctx.write('stderr', flavor === 'busybox' ? `ping: bad address '${target}'\n` : `ping: ${target}: Name or service not known\n`);
        return flavor === 'busybox' ? 1 : 2;
      }
      ip = r.addresses[0];
    }
    ctx.write('stdout', flavor === 'busybox' ? `PING ${target} (${ip}): 56 data bytes\n` : `PING ${target} (${ip}) 56(84) bytes of data.\n`);
    let sent = 0;
    let received = 0;
    const rtts: number[] = [];
    const start = ctx.now();
    const summary = () => {
      const loss = sent ? Math.round(((sent - received) / sent) * 100) : 0;
      let s = `\n--- ${target} ping statistics ---\n`;
      if (flavor === 'busybox') {
        s += `${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
        if (received) s += `round-trip min/avg/max = ${Math.min(...rtts).toFixed(3)}/${(rtts.reduce((a, b) => a + b, 0) / rtts.length).toFixed(3)}/${Math.max(...rtts).toFixed(3)} ms\n`;
      } else {
        s += `${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${Math.max(0, ctx.now() - start - (received ? 0 : 0))}ms\n`;
        if (received) {
          const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
          const mdev = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / rtts.length);
          s += `rtt min/avg/max/mdev = ${Math.min(...rtts).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...rtts).toFixed(3)}/${mdev.toFixed(3)} ms\n`;
        }
      }
      ctx.write('stdout', s);
    };
    ctx.onSignal('SIGINT', () => {
      summary();
      ctx.exit(received ? 0 : 1);
    });
    while (sent < count) {
      const seq = sent;
      sent++;
      const r = ctx.net ? ((yield { kind: 'await', future: ctx.net.ping(ip, wait) }) as PingOutcome) : ({ ok: false, code: 'timeout' } as PingOutcome);
      if (r.ok) {
        received++;
        const t = r.rttMs + ((seq * 37) % 11) / 100;
        rtts.push(t);
        ctx.write('stdout', flavor === 'busybox' ? `64 bytes from ${ip}: seq=${seq} ttl=${r.ttl} time=${t.toFixed(3)} ms\n` : `64 bytes from ${ip}: icmp_seq=${seq + 1} ttl=${r.ttl} time=${t < 1 ? t.toFixed(3) : t.toFixed(1)} ms\n`);
        if (sent < count) yield { kind: 'sleep', ms: wait };
      }
    }
    summary();
    return received ? 0 : 1;
  };
}
