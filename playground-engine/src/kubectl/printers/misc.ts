/**
 * The small printers: namespaces (NAME STATUS AGE), leases (NAME HOLDER AGE), configmaps
 * (NAME DATA AGE), secrets (NAME TYPE DATA AGE), serviceaccounts (NAME SECRETS AGE), and the
 * API server's default table (NAME CREATED AT) for kinds without a printer.
 */
import { since } from '../duration';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const name = { name: 'Name', priority: 0, format: 'name' as const };
const age = { name: 'Age', priority: 0 };

export const namespacePrinter: KindPrinter = {
  columns: [name, { name: 'Status', priority: 0 }, age],
  row: (o, { now }) => [o.metadata.name ?? '', (o as Any).status?.phase ?? '', since(o.metadata.creationTimestamp, now)],
};

export const leasePrinter: KindPrinter = {
  columns: [name, { name: 'Holder', priority: 0 }, age],
  row: (o, { now }) => [o.metadata.name ?? '', (o as Any).spec?.holderIdentity ?? '', since(o.metadata.creationTimestamp, now)],
};

export const configMapPrinter: KindPrinter = {
  columns: [name, { name: 'Data', priority: 0 }, age],
  row: (o, { now }) => [
    o.metadata.name ?? '',
    Object.keys((o as Any).data ?? {}).length + Object.keys((o as Any).binaryData ?? {}).length,
    since(o.metadata.creationTimestamp, now),
  ],
};

export const secretPrinter: KindPrinter = {
  columns: [name, { name: 'Type', priority: 0 }, { name: 'Data', priority: 0 }, age],
  row: (o, { now }) => [o.metadata.name ?? '', (o as Any).type ?? '', Object.keys((o as Any).data ?? {}).length, since(o.metadata.creationTimestamp, now)],
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [name, { name: 'Secrets', priority: 0 }, age],
  row: (o, { now }) => [o.metadata.name ?? '', ((o as Any).secrets ?? []).length, since(o.metadata.creationTimestamp, now)],
};

/** rest.NewDefaultTableConvertor: the creation time in RFC 3339 (UTC). */
export const defaultPrinter: KindPrinter = {
  columns: [name, { name: 'Created At', priority: 0 }],
  row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
};

/** printComponentStatus: Healthy / Unhealthy from the Healthy condition, its message and error. */
export const componentStatusPrinter: KindPrinter = {
  columns: [name, { name: 'Status', priority: 0 }, { name: 'Message', priority: 0 }, { name: 'Error', priority: 0 }],
  row: (o) => {
    let status = 'Unknown';
    let message = '';
    let error = '';
    for (const c of (o as Any).conditions ?? []) {
      if (c.type !== 'Healthy') continue;
      status = c.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = c.message ?? '';
      error = c.error ?? '';
      break;
    }
    return [o.metadata.name ?? '', status, message, error];
  },
};
