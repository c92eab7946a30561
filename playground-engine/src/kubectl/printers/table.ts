/**
 * The server-side Table (metav1.Table) and kubectl's HumanReadablePrinter over it
 * (cli-runtime printers/tableprinter.go): decorate with NAMESPACE / LABELS / kind-prefixed names,
 * hide priority>0 columns unless wide, upper-case headers, cells joined by tabs for the tabwriter.
 */
import type { K8sObject, VirtualMs } from '../../types';
import { formatLabels } from '../labels';

export interface ColumnDefinition {
  name: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
  format?: 'name';
}

export interface TableRow {
  cells: Array<string | number>;
  object: K8sObject;
}

export interface Table {
  columns: ColumnDefinition[];
  rows: TableRow[];
}

export interface RowOptions {
  wide: boolean;
  now: VirtualMs;
}

/** A server-side printer: columns and one row per object (pkg/printers/internalversion). */
export interface KindPrinter {
  columns: ColumnDefinition[];
  row(obj: K8sObject, opts: RowOptions): Array<string | number>;
}

export interface PrintOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  /** `deployment.apps` when several kinds are printed together (`kubectl get all`). */
  kindPrefix?: string;
  /** `--output-watch-events`: an EVENT column with ADDED / MODIFIED / DELETED. */
  eventType?: string;
  /** `-L key1,key2`: one column per label key. */
  columnLabels?: string[];
}

export function buildTable(printer: KindPrinter, objects: K8sObject[], opts: RowOptions): Table {
  return { columns: printer.columns, rows: objects.map((object) => ({ cells: printer.row(object, opts), object })) };
}

/** decorateTable + addColumns: namespace first, labels last, kind/name in the name column. */
function decorate(table: Table, options: PrintOptions): Table {
  let columns = table.columns;
  const nameColumn = options.kindPrefix ? columns.findIndex((c) => c.format === 'name') : -1;
  const labelKeys = options.columnLabels ?? [];
  if (options.withNamespace || options.showLabels || labelKeys.length > 0) {
    columns = [
      ...(options.withNamespace ? [{ name: 'Namespace', priority: 0 }] : []),
      ...columns,
      // formatLabelHeaders: the last path segment of each key
      ...labelKeys.map((k) => ({ name: k.split('/').pop() ?? k, priority: 0 })),
      ...(options.showLabels ? [{ name: 'Labels', priority: 0 }] : []),
    ];
  }
  const rows = table.rows.map((r) => {
    let cells = [...r.cells];
    if (nameColumn !== -1) cells[nameColumn] = `${options.kindPrefix}/${cells[nameColumn]}`;
    if (options.withNamespace) cells = [r.object.metadata.namespace ?? '', ...cells];
    if (labelKeys.length > 0 || options.showLabels) {
      const base = (options.withNamespace ? 1 : 0) + table.columns.length;
      while (cells.length < base) cells.push('');
      for (const k of labelKeys) cells.push(r.object.metadata.labels?.[k] ?? '');
      if (options.showLabels) cells.push(formatLabels(r.object.metadata.labels));
    }
    return { cells, object: r.object };
  });
  if (options.eventType) {
    return {
      columns: [{ name: 'Event', priority: 0 }, ...columns],
      rows: rows.map((r) => ({ cells: [options.eventType as string, ...r.cells], object: r.object })),
    };
  }
  return { columns, rows };
}

/** Cell text as printTable (and the events printer's escapeCell) writes it: cut at the first line break with `...`, terminal-escaped. */
export function cellText(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : v;
  const brk = s.search(/[\f\n\r]/);
  const cut = brk >= 0 ? `${s.slice(0, brk)}...` : s;
  return cut.replace(/\x1b/g, '^[');
}

/**
 * printTable: returns the tab-separated text to feed to the tabwriter. With no rows nothing is
 * printed, not even the header.
 */
export function renderTable(table: Table, options: PrintOptions): string {
  const t = decorate(table, options);
  const visible = t.columns.map((c) => options.wide || c.priority === 0);
  let out = '';
  if (!options.noHeaders) {
    if (t.rows.length === 0) return '';
    out += `${t.columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()).join('\t')}\n`;
  }
  for (const row of t.rows) {
    const cells: string[] = [];
    row.cells.forEach((cell, i) => {
      if (i < t.columns.length && visible[i]) cells.push(cellText(cell));
    });
    out += `${cells.join('\t')}\n`;
  }
  return out;
}
