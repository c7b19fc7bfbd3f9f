/**
 * The fleet table's columns, in order, each identified by its `sortKey`. Their widths become
 * one CSS grid template on the table (`--cols`), so rows never carry per-column state.
 */
import type { SortKey } from '../../state/ui';

export interface Column {
  /** What clicking the header sorts by. The status column sorts by severity: problems first. */
  sortKey: SortKey;
  label: string;
  /** The full name when the label is shortened to fit. */
  title?: string;
  className: string;
  /** The narrowest the default layout lets it be, in CSS pixels. */
  min: number;
  /** Its share of spare width by default (`fr`); absent: fixed at `min`. */
  grow?: number;
}

export const COLUMNS: readonly Column[] = [
  { sortKey: 'id', label: 'ID', className: 'col-id', min: 56 },
  { sortKey: 'name', label: 'Name', className: 'col-name', min: 140, grow: 1.5 },
  { sortKey: 'steward', label: 'Steward', className: 'col-steward', min: 80, grow: 0.7 },
  { sortKey: 'problems', label: 'Status', className: 'col-status', min: 108 },
  { sortKey: 'probe', label: 'Probe', title: "The droplet's own /health, and where it disagrees with the Orchestrator", className: 'col-probe', min: 116 },
  { sortKey: 'capabilities', label: 'Capabilities', className: 'col-caps', min: 120, grow: 1.4 },
  { sortKey: 'lastHeartbeat', label: 'Heartbeat', title: 'Last heartbeat', className: 'col-beat', min: 164 },
  { sortKey: 'endpoint', label: 'Endpoint', className: 'col-endpoint', min: 150, grow: 1 },
  { sortKey: 'version', label: 'Version', className: 'col-version', min: 76 },
];

export type ColumnWidths = Partial<Record<SortKey, number>>;

export function visibleColumns(hidden: readonly SortKey[]): Column[] {
  const shown = COLUMNS.filter((c) => !hidden.includes(c.sortKey));
  // Never an empty table: if every column were hidden, show them all.
  return shown.length > 0 ? shown : [...COLUMNS];
}

/** The grid template: a width the steward set, else the column's flexible default. */
export function columnTemplate(columns: readonly Column[], widths: ColumnWidths): string {
  return columns
    .map((c) => {
      const set = widths[c.sortKey];
      if (set !== undefined) return `${set}px`;
      return c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`;
    })
    .join(' ');
}

/** The narrowest the table can be; narrower, it scrolls sideways (header and rows together). */
export function tableMinWidth(columns: readonly Column[], widths: ColumnWidths): number {
  return columns.reduce((sum, c) => sum + (widths[c.sortKey] ?? c.min), 0);
}
