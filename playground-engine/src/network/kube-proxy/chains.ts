/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): the first 16 characters of
 * base32(sha256(...)), RFC 4648 alphabet.
 * - portProtoHash = base32(sha256(servicePortName + lowercase protocol)) → KUBE-SVC-, KUBE-SVL-,
 *   KUBE-EXT-, KUBE-FW- share it;
 * - KUBE-SEP- = base32(sha256(servicePortName + protocol + "ip:port")).
 */
import { base32, sha256 } from '../hash';

// A pure function of its input, so a bounded memo is safe (syncs recompute every chain name).
const memo = new Map<string, string>();

function hash16(s: string): string {
  let h = memo.get(s);
  if (h === undefined) {
    h = base32(sha256(s)).slice(0, 16);
    if (memo.size > 50_000) memo.clear();
    memo.set(s, h);
  }
  return h;
}

export function portProtoHash(spn: string, protocol: string): string {
  return hash16(spn + protocol.toLowerCase());
}

export interface ServiceChains {
  svc: string;
  svl: string;
  ext: string;
  fw: string;
}

export function serviceChains(spn: string, protocol: string): ServiceChains {
  const h = portProtoHash(spn, protocol);
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}

/** servicePortEndpointChainName: `endpoint` is `ip:port`. */
export function endpointChain(spn: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(spn + protocol.toLowerCase() + endpoint)}`;
}
