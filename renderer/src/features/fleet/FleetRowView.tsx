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
  /** Whether Tab reaches this row (the selected row, or the first when none is). */
  tabbable: boolean;
  /** 1-based, counting the header row, for aria-rowindex. */
  rowIndex: number;
  /** Pixel offset in the virtual list. */
  top: number;
  height: number;
  onSelect(id: number): void;
}

function FleetRowInner({ droplet: d, status, keptAlive, probe, selected, tabbable, rowIndex, top, height, onSelect }: FleetRowProps) {
  return (
    <div
      role="row"
      className={selected ? 'fleet-row selected' : 'fleet-row'}
      data-droplet-id={d.id}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(d.id)}
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
    prev.tabbable === next.tabbable &&
    prev.rowIndex === next.rowIndex &&
    prev.top === next.top &&
    prev.height === next.height &&
    prev.onSelect === next.onSelect &&
    sameShownDroplet(prev.droplet, next.droplet),
);
