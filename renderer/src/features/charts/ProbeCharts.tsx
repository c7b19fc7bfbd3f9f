/**
 * The droplet's own /state numbers (main records them as `probe:` metrics), charted with the
 * same chart as the heartbeat metrics over the last hour: requests, errors, cpu and memory
 * where served, the rest (uptime, custom metrics) on demand.
 */
import { useMemo, useState } from 'react';
import { PROBE_METRIC_PREFIX } from '../../../../shared/probe';
import { useElementWidth } from './useElementWidth';
import { useTick } from './useTick';
import { ExtraMetricChart } from './ExtraMetricCharts';
import './charts.css';

const HOUR_MS = 60 * 60_000;
const SHOWN_FIRST = ['requests_per_minute', 'errors_last_hour', 'cpu_percent', 'memory_mb'].map((n) => `${PROBE_METRIC_PREFIX}${n}`);
const GRID_GAP = 12;

export function ProbeCharts(props: { dropletId: number; names: readonly string[]; width?: number }) {
  const [ref, measured] = useElementWidth<HTMLDivElement>();
  const tick = useTick(15_000);
  const domain = useMemo((): readonly [number, number] => [tick - HOUR_MS, tick], [tick]);
  const [extra, setExtra] = useState<readonly string[]>([]);
  const first = props.names.filter((n) => SHOWN_FIRST.includes(n));
  const onDemand = props.names.filter((n) => !SHOWN_FIRST.includes(n));
  const charted = [...first, ...onDemand.filter((n) => extra.includes(n))];
  const gridWidth = props.width ?? (measured || 280);
  const columns = gridWidth < 520 ? 1 : 2;
  const width = Math.floor((gridWidth - GRID_GAP * (columns - 1)) / columns);
  const label = (n: string) => n.slice(PROBE_METRIC_PREFIX.length);

  return (
    <div ref={ref} className="st-probe-charts" role="group" aria-label="Served metrics">
      {charted.length > 0 && (
        <div className="st-charts__grid" style={{ gap: GRID_GAP, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {charted.map((name) => (
            <ExtraMetricChart key={name} dropletId={props.dropletId} name={name} domain={domain} since={null} withDay={false} width={width} height={100} />
          ))}
        </div>
      )}
      {onDemand.length > 0 && (
        <div className="st-charts__toggles" aria-label="More served metrics">
          {onDemand.map((name) => (
            <button key={name} type="button" className="st-btn" aria-pressed={extra.includes(name)} onClick={() => setExtra((x) => (x.includes(name) ? x.filter((y) => y !== name) : [...x, name]))}>
              {label(name)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
