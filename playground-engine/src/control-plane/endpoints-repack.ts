/**
 * endpoints.RepackSubsets / SortSubsets (pkg/api/v1/endpoints/util.go): the canonical layout
 * of an Endpoints object.
 * - Addresses are grouped by the exact set of (address, ready) they share per port; "not ready"
 *   trumps "ready" for the same address and port.
 * - Addresses sort by IP *bytes* (so `10.0.0.11` < `10.0.0.9`), then target UID.
 * - Ports and subsets sort by the MD5 of their `spew` `%#v` dump (hashutil.DeepHashObject with
 *   SortKeys/DisableMethods). The dump is reproduced here for the types involved, so the
 *   order is the one a real controller writes (e.g. kube-dns's ports).
 */
import { compareBytes, md5, utf8 } from '../network/hash';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

// --- spew %#v of the core/v1 types (field order of the Go structs) ---

const s = (v: string | undefined) => `(string)${v ?? ''}`;
const ptrString = (v: string | undefined) => (v === undefined ? '(*string)<nil>' : `(*string)${v}`);

/** A struct as a slice element: the element type is not printed. */
function spewAddressBody(a: EndpointAddress): string {
  const ref = a.targetRef;
  const refDump = ref
    ? `(*v1.ObjectReference){Kind:${s(ref.kind)} Namespace:${s(ref.namespace)} Name:${s(ref.name)} UID:(types.UID)${ref.uid ?? ''} APIVersion:${s(ref.apiVersion)} ResourceVersion:${s(ref.resourceVersion)} FieldPath:${s(ref.fieldPath)}}`
    : '(*v1.ObjectReference)<nil>';
  return `{IP:${s(a.ip)} Hostname:${s(a.hostname)} NodeName:${ptrString(a.nodeName)} TargetRef:${refDump}}`;
}

function spewPortBody(p: EndpointPort): string {
  return `{Name:${s(p.name)} Port:(int32)${p.port | 0} Protocol:(v1.Protocol)${p.protocol ?? ''} AppProtocol:${ptrString(p.appProtocol)}}`;
}

function spewSlice<T>(type: string, list: T[] | undefined, body: (x: T) => string): string {
  if (list === undefined) return `(${type})<nil>`;
  return `(${type})[${list.map(body).join(' ')}]`;
}

export function spewEndpointPort(p: EndpointPort): string {
  return `(v1.EndpointPort)${spewPortBody(p)}`;
}

export function spewEndpointSubset(ss: EndpointSubset): string {
  return `(v1.EndpointSubset){Addresses:${spewSlice('[]v1.EndpointAddress', ss.addresses, spewAddressBody)} NotReadyAddresses:${spewSlice('[]v1.EndpointAddress', ss.notReadyAddresses, spewAddressBody)} Ports:${spewSlice('[]v1.EndpointPort', ss.ports, spewPortBody)}}`;
}

// --- ordering ---

/** LessEndpointAddress: IP bytes, then target UID. */
export function compareEndpointAddress(a: EndpointAddress, b: EndpointAddress): number {
  const c = compareBytes(utf8(a.ip), utf8(b.ip));
  if (c !== 0) return c;
  if (!b.targetRef) return 0;
  if (!a.targetRef) return -1;
  const ua = a.targetRef.uid ?? '';
  const ub = b.targetRef.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function byHash<T>(list: T[], dump: (x: T) => string): T[] {
  const keyed = list.map((x) => ({ x, h: md5(dump(x)) }));
  keyed.sort((a, b) => compareBytes(a.h, b.h));
  return keyed.map((k) => k.x);
}

/** SortSubsets: addresses, then ports by hash, then subsets by hash. */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const sorted = subsets.map((ss) => {
    const out: EndpointSubset = {};
    if (ss.addresses) out.addresses = [...ss.addresses].sort(compareEndpointAddress);
    if (ss.notReadyAddresses) out.notReadyAddresses = [...ss.notReadyAddresses].sort(compareEndpointAddress);
    if (ss.ports) out.ports = byHash(ss.ports, spewEndpointPort);
    return out;
  });
  return byHash(sorted, spewEndpointSubset);
}

const addrKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? '\u0001'}`;

/** RepackSubsets: expand to (address, port, ready) and repack into the canonical N-to-M layout. */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPort>();
  const portToAddrReady = new Map<string, Map<string, boolean>>();
  const note = (addr: EndpointAddress, port: EndpointPort, ready: boolean) => {
    const ak = addrKey(addr);
    if (!allAddrs.has(ak)) allAddrs.set(ak, { ...addr });
    const pk = portKey(port);
    if (!ports.has(pk)) ports.set(pk, port);
    let set = portToAddrReady.get(pk);
    if (!set) portToAddrReady.set(pk, (set = new Map()));
    const was = set.get(ak);
    if (was === undefined || was) set.set(ak, ready); // not ready trumps ready
  };
  for (const ss of subsets) {
    for (const port of ss.ports ?? []) {
      for (const a of ss.addresses ?? []) note(a, port, true);
      for (const a of ss.notReadyAddresses ?? []) note(a, port, false);
    }
  }
  // Group ports by identical address sets.
  const groups = new Map<string, { set: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [pk, set] of portToAddrReady) {
    const key = [...set.entries()].map(([k, r]) => `${k}=${r}`).sort().join('|');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { set, ports: [] }));
    g.ports.push(ports.get(pk) as EndpointPort);
  }
  const final: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [ak, r] of g.set) (r ? ready : notReady).push(allAddrs.get(ak) as EndpointAddress);
    const ss: EndpointSubset = { ports: g.ports };
    if (ready.length) ss.addresses = ready;
    if (notReady.length) ss.notReadyAddresses = notReady;
    final.push(ss);
  }
  return sortSubsets(final);
}
