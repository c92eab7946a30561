/**
 * Deployments (NAME READY UP-TO-DATE AVAILABLE AGE) and ReplicaSets (NAME DESIRED CURRENT READY
 * AGE), with CONTAINERS IMAGES SELECTOR under -o wide (printDeployment / printReplicaSet).
 */
import { since } from '../duration';
import { formatLabelSelector } from '../labels';
import type { KindPrinter } from './table';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** layoutContainerCells: container names and images, comma-joined. */
function containerCells(containers: Any[]): [string, string] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

export const deploymentPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Ready', priority: 0 },
    { name: 'Up-to-date', priority: 0 },
    { name: 'Available', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(d, { wide, now }) {
    const spec: Any = d.spec ?? {};
    const status: Any = d.status ?? {};
    const cells: Array<string | number> = [
      d.metadata.name ?? '',
      `${status.readyReplicas ?? 0}/${spec.replicas ?? 0}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      since(d.metadata.creationTimestamp, now),
    ];
    if (wide) {
      const [names, images] = containerCells(spec.template?.spec?.containers ?? []);
      cells.push(names, images, formatLabelSelector(spec.selector).replace(/^<none>$/, ''));
    }
    return cells;
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Desired', priority: 0 },
    { name: 'Current', priority: 0 },
    { name: 'Ready', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(rs, { wide, now }) {
    const spec: Any = rs.spec ?? {};
    const status: Any = rs.status ?? {};
    const cells: Array<string | number> = [
      rs.metadata.name ?? '',
      spec.replicas ?? 0,
      status.replicas ?? 0,
      status.readyReplicas ?? 0,
      since(rs.metadata.creationTimestamp, now),
    ];
    if (wide) {
      const [names, images] = containerCells(spec.template?.spec?.containers ?? []);
      cells.push(names, images, formatLabelSelector(spec.selector));
    }
    return cells;
  },
};

/** printDaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE. */
export const daemonSetPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Desired', priority: 0 },
    { name: 'Current', priority: 0 },
    { name: 'Ready', priority: 0 },
    { name: 'Up-to-date', priority: 0 },
    { name: 'Available', priority: 0 },
    { name: 'Node Selector', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(ds, { wide, now }) {
    const spec: Any = ds.spec ?? {};
    const st: Any = ds.status ?? {};
    const sel = Object.entries(spec.template?.spec?.nodeSelector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
    const cells: Array<string | number> = [
      ds.metadata.name ?? '',
      st.desiredNumberScheduled ?? 0,
      st.currentNumberScheduled ?? 0,
      st.numberReady ?? 0,
      st.updatedNumberScheduled ?? 0,
      st.numberAvailable ?? 0,
      sel === '' ? '<none>' : sel,
      since(ds.metadata.creationTimestamp, now),
    ];
    if (wide) {
      const [names, images] = containerCells(spec.template?.spec?.containers ?? []);
      cells.push(names, images, formatLabelSelector(spec.selector));
    }
    return cells;
  },
};

/** printStatefulSet: NAME READY AGE (CONTAINERS IMAGES under -o wide). */
export const statefulSetPrinter: KindPrinter = {
  columns: [
    { name: 'Name', priority: 0, format: 'name' },
    { name: 'Ready', priority: 0 },
    { name: 'Age', priority: 0 },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
  ],
  row(sts, { wide, now }) {
    const spec: Any = sts.spec ?? {};
    const cells: Array<string | number> = [sts.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${spec.replicas ?? 0}`, since(sts.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(spec.template?.spec?.containers ?? []));
    return cells;
  },
};
