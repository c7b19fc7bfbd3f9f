/** The fleet table's columns, in order; the CSS grid template in fleet.css matches. */
import type { SortKey } from '../../state/ui';

export interface Column {
  /** What clicking the header sorts by. The status column sorts by severity: problems first. */
  sortKey: SortKey;
  label: string;
  /** The full name when the label is shortened to fit. */
  title?: string;
  className: string;
}

export const COLUMNS: readonly Column[] = [
  { sortKey: 'id', label: 'ID', className: 'col-id' },
  { sortKey: 'name', label: 'Name', className: 'col-name' },
  { sortKey: 'steward', label: 'Steward', className: 'col-steward' },
  { sortKey: 'problems', label: 'Status', className: 'col-status' },
  { sortKey: 'probe', label: 'Probe', title: "The droplet's own /health, and where it disagrees with the Orchestrator", className: 'col-probe' },
  { sortKey: 'capabilities', label: 'Capabilities', className: 'col-caps' },
  { sortKey: 'lastHeartbeat', label: 'Heartbeat', title: 'Last heartbeat', className: 'col-beat' },
  { sortKey: 'endpoint', label: 'Endpoint', className: 'col-endpoint' },
  { sortKey: 'version', label: 'Version', className: 'col-version' },
];
