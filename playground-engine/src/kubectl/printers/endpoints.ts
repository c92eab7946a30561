/**
 * Endpoints (NAME ENDPOINTS AGE) and EndpointSlices (NAME ADDRESSTYPE PORTS ENDPOINTS AGE), with
 * the printers' `ip:port` list capped at three entries and `+ N more...`.
 */
import type { K8sObject } from '../../types';
import { since } from '../duration';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** net.JoinHostPort: IPv6 literals in brackets. */
function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints(endpoints, ports): `ports` undefined means all ports. */
export function formatEndpoints(ep: K8sObject | undefined, ports?: Set<string>): string {
  const subsets: Any[] = ep?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: Any[] = ss.addresses ?? [];
    const ssPorts: Any[] = ss.ports ?? [];
    if (ssPorts.length === 0) {
      // headless services with no ports
      for (const a of addresses) {
        if (list.length === max) more = true;
        if (!more) list.push(a.ip);
        count++;
      }
    } else {
      for (const port of ssPorts) {
        if (ports === undefined || ports.has(port.name ?? '')) {
          for (const a of addresses) {
            if (list.length === max) more = true;
            if (!more) list.push(joinHostPort(a.ip, port.port));
            count++;
          }
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

function discoveryPorts(ports: Any[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const p of ports) {
    if (list.length < max) list.push(p.port != null ? String(p.port) : p.name != null ? p.name : '*');
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMore(list, more, count, max);
}

function discoveryEndpoints(endpoints: Any[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const e of endpoints) {
    for (const a of e.addresses ?? []) {
      if (list.length < max) list.push(a);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointsPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Endpoints', priority: 0 },
    { name: 'Age', priority: 0 },
  ],
  row(ep, { now }) {
    return [ep.metadata.name ?? '', formatEndpoints(ep), since(ep.metadata.creationTimestamp, now)];
  },
};

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'AddressType', priority: 0 },
    { name: 'Ports', priority: 0 },
    { name: 'Endpoints', priority: 0 },
    { name: 'Age', priority: 0 },
  ],
  row(eps, { now }) {
    return [
      eps.metadata.name ?? '',
      eps.addressType ?? '',
      discoveryPorts(eps.ports ?? []),
      discoveryEndpoints(eps.endpoints ?? []),
      since(eps.metadata.creationTimestamp, now),
    ];
  },
};
