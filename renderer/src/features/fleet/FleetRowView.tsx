/**
 * One table row. Memoised on what it shows, so a poll re-renders only the rows whose droplet
 * changed (react-query already keeps unchanged droplets' identity; this also holds when it cannot).
 */
import { memo } from 'react';
import type { EffectiveStatus } from '../../../../shared/liveness';
import { sameShownDroplet } from '../../../../shared/fleet-update';
import type { Droplet } from '../../../../shared/model';
import { CapabilityChips } from './CapabilityChips';
import { displayEndpoint } from './endpoint';
import { HeartbeatAgo } from '../../ui/HeartbeatAgo';
import { KeptAliveMark } from './KeptAliveMark';
import { StatusCellContent } from '../../ui/StatusBadge';
import type { PickModifiers } from './marks';
import type { ProbeSummary } from '../../../../shared/probe';
import { ProbeCell } from './ProbeCell';

export interface FleetRowProps {
  droplet: Droplet;
  status: EffectiveStatus;
  /** Steward beats for this droplet (keep-alive): its silence would not show. */
  keptAlive: boolean;
  /** What the droplet's own routes said (main's prober); absent before the first summary. */
  probe?: ProbeSummary;
  selected: boolean;
  /** Among the rows picked for a bulk action (Ctrl/Shift-click). */
  marked: boolean;
  /** Whether Tab reaches this row (the selected row, or the first when none is). */
  tabbable: boolean;
  /** 1-based, counting the header row, for aria-rowindex. */
  rowIndex: number;
  /** Pixel offset in the virtual list. */
  top: number;
  height: number;
  /** With modifiers for a Ctrl/Cmd- or Shift-click (multi-select). */
  onSelect(id: number, mods?: PickModifiers): void;
  /** Right-click: the row's menu at that point. */
  onMenu(id: number, x: number, y: number): void;
}

const picking = (e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => e.shiftKey || e.ctrlKey || e.metaKey;

function FleetRowInner({ droplet: d, status, keptAlive, probe, selected, marked, tabbable, rowIndex, top, height, onSelect, onMenu }: FleetRowProps) {
  return (
    <div
      role="row"
      className={`fleet-row${selected ? ' selected' : ''}${marked ? ' marked' : ''}`}
      data-droplet-id={d.id}
      aria-rowindex={rowIndex}
      aria-selected={selected || marked}
      tabIndex={tabbable ? 0 : -1}
      style={{ transform: `translateY(${top}px)`, height }}
      // A modified click picks rows: no focus move (which would select this row alone) and no text selection.
      onMouseDown={(e) => {
        if (picking(e)) e.preventDefault();
      }}
      onClick={(e) => onSelect(d.id, picking(e) ? { range: e.shiftKey, toggle: e.ctrlKey || e.metaKey } : undefined)}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(d.id, e.clientX, e.clientY);
      }}
      onFocus={() => {
        if (!selected) onSelect(d.id);
      }}
    >
      <div role="gridcell" className="cell col-id num">
        {d.id}
      </div>
      <div role="gridcell" className="cell col-name" title={d.name}>
        {d.name}
      </div>
      <div role="gridcell" className="cell col-steward" title={d.steward ?? undefined}>
        {d.steward ?? <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell col-status" data-testid="status-cell">
        <StatusCellContent droplet={d} status={status} />
      </div>
      <div role="gridcell" className="cell col-probe" data-testid="probe-cell">
        <ProbeCell probe={probe} />
      </div>
      <div role="gridcell" className="cell col-caps">
        <CapabilityChips capabilities={d.capabilities} />
      </div>
      <div role="gridcell" className="cell col-beat num">
        {keptAlive && <KeptAliveMark />}
        <HeartbeatAgo iso={d.lastHeartbeat} />
      </div>
      <div role="gridcell" className="cell col-endpoint selectable num" title={d.endpoint ?? undefined}>
        {d.endpoint !== null ? displayEndpoint(d.endpoint) : <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell col-version" title={d.version ?? undefined}>
        {d.version ?? <span className="muted">—</span>}
      </div>
    </div>
  );
}

export const FleetRowView = memo(
  FleetRowInner,
  (prev, next) =>
    prev.status === next.status &&
    prev.keptAlive === next.keptAlive &&
    prev.probe === next.probe &&
    prev.selected === next.selected &&
    prev.marked === next.marked &&
    prev.tabbable === next.tabbable &&
    prev.rowIndex === next.rowIndex &&
    prev.top === next.top &&
    prev.height === next.height &&
    prev.onSelect === next.onSelect &&
    prev.onMenu === next.onMenu &&
    sameShownDroplet(prev.droplet, next.droplet),
);
