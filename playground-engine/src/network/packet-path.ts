/**
 * The packet-path view of one routing decision: the first packet of a connection through the
 * client node's kube-proxy data path at that moment, built from the walk's own records (the
 * Rule objects `iptables-save` renders, the IPVS virtual server and real servers the scheduler
 * chose among), plus the conntrack entry the first packet created (`conntrack -L` format), whose
 * reply tuple keeps the connection's later packets on the same backend.
 */
import type { PacketPath } from '../trace';
import type { RouteObservation } from './kube-proxy/router';
import { renderRule } from './kube-proxy/rules';

/** kube-proxy does not touch nf_conntrack_tcp_timeout_syn_sent: the kernel's 120 s. */
export const CONNTRACK_SYN_SENT_TIMEOUT_S = 120;

/**
 * One `conntrack -L` line (libnetfilter_conntrack's default format): `%-8s %u` protocol name and
 * number, the timeout, the TCP state, the original tuple, `[UNREPLIED]` until the other side
 * answered, the reply tuple, `mark=0 use=1`.
 */
export function conntrackLine(o: { proto: 'tcp' | 'udp'; src: string; dst: string; sport: number; dport: number; replySrc: string; replyDst: string; replySport: number }): string {
  const num = o.proto === 'tcp' ? 6 : 17;
  const state = o.proto === 'tcp' ? 'SYN_SENT ' : '';
  const timeout = o.proto === 'tcp' ? CONNTRACK_SYN_SENT_TIMEOUT_S : 30;
  return `${o.proto.padEnd(8)} ${num} ${timeout} ${state}src=${o.src} dst=${o.dst} sport=${o.sport} dport=${o.dport} [UNREPLIED] src=${o.replySrc} dst=${o.replyDst} sport=${o.replySport} dport=${o.sport} mark=0 use=1`;
}

/** The ipset entry a `-m set --match-set NAME dst,dst` rule matched, as `ipset list` prints members. */
function ipsetEntry(name: string, dst: string, proto: string, dport: number): string {
  if (name.startsWith('KUBE-NODE-PORT')) return `${name} ${dport}`;
  return `${name} ${dst},${proto}:${dport}`;
}

export function packetPathOf(o: RouteObservation, podOf: (ip: string) => string | undefined): PacketPath {
  const d = o.decision;
  const proxy = o.proxy;
  const proto = o.protocol === 'UDP' ? 'udp' : 'tcp';
  const crossed = d.detail?.crossed ?? [];
  const rules = crossed.map((c) => ({ table: c.table as PacketPath['rules'][number]['table'], chain: c.rule.chain, rule: renderRule(c.rule) }));
  const path: PacketPath = {
    t: o.t,
    node: proxy.config.nodeName,
    mode: proxy.mode,
    src: o.srcIp,
    dst: o.dstIp,
    dport: o.dstPort,
    proto,
    rules,
    verdict: d.kind === 'backend' ? 'dnat' : d.kind,
    masquerade: d.kind === 'backend' ? d.masquerade : false,
  };
  const ipvs = d.detail?.ipvs;
  if (ipvs) {
    const setRule = crossed.find((c) => c.rule.matches.some((m) => m.kind === 'set' && m.name !== 'KUBE-LOOP-BACK'));
    const set = setRule?.rule.matches.find((m) => m.kind === 'set' && m.name !== 'KUBE-LOOP-BACK');
    path.ipvs = {
      ...(set && set.kind === 'set' ? { ipset: ipsetEntry(set.name, o.dstIp, proto, o.dstPort) } : {}),
      virtualServer: ipvs.virtualServer,
      scheduler: ipvs.scheduler,
      realServers: ipvs.realServers.map((r) => `${r.ip}:${r.port}`),
      weights: ipvs.realServers.map((r) => r.weight),
      ...(ipvs.chosen ? { chosen: ipvs.chosen } : {}),
    };
  }
  if (d.kind === 'backend') {
    path.to = `${d.ip}:${d.port}`;
    const pod = podOf(d.ip);
    if (pod) path.pod = pod;
    if (o.srcPort !== undefined) {
      // MASQUERADE rewrites the source to the address of the interface towards the pod (tunl0).
      const replyDst = d.masquerade ? proxy.config.nodeIPs[proxy.config.nodeIPs.length - 1] : o.srcIp;
      path.conntrack = conntrackLine({ proto, src: o.srcIp, dst: o.dstIp, sport: o.srcPort, dport: o.dstPort, replySrc: d.ip, replyDst, replySport: d.port });
    }
  }
  return path;
}
