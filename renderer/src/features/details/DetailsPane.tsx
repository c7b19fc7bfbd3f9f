import { Suspense, useMemo, useState } from 'react';
import type { Droplet, DropletDetails } from '../../../../shared/model';
import { useFleetDroplet } from '../../queries/useFleet';
import { errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useDroplet } from '../../queries/useDroplet';
import { useHistoryView } from '../../queries/useHistory';
import { useUi } from '../../state/ui';
import { rangeMs } from '../charts/series';
import { prefetchedLazy } from '../../ui/prefetched-lazy';
import { DropletFacts } from './DropletFacts';
import { DropletStatus } from './DropletStatus';
import { HeartbeatTimeline } from './HeartbeatTimeline';
import { KeepAliveToggle } from './KeepAliveToggle';
import { LatestMetrics } from './LatestMetrics';
import { DropletIncidents } from './DropletIncidents';
import { DropletMute } from './DropletMute';
import { DropletUptime } from './DropletUptime';
import { prefetchProbeCharts, ProbeSection } from './ProbeSection';
import { mergeBeats, type Beat } from './timeline';
import '../../ui/ui.css';
import './details.css';

// The charts (and recharts with them) are chunks of their own: the fleet paints at launch
// without waiting for them; they are fetched beside the first poll (prefetchCharts).
const metricCharts = prefetchedLazy(() => import('../charts/MetricCharts').then((m) => m.MetricCharts));

/** Fetch the charts' chunks (the metrics', and the droplet's own numbers') ahead of the first selection. */
export function prefetchCharts(): Promise<unknown> {
  return Promise.all([metricCharts.prefetch(), prefetchProbeCharts()]);
}

/**
 * Everything known about one droplet: facts, liveness, latest metrics, timeline, charts and
 * actions. It stays mounted from one droplet to the next; parts with state of their own (a
 * question asked, a mute under way or failed, a list unfolded) are keyed by the droplet so they
 * start afresh.
 */
export function DetailsPane(props: { dropletId: number }) {
  const { dropletId } = props;
  const q = useDroplet(dropletId);
  const row = useFleetDroplet(dropletId);
  // Chosen once for the pane's life (see prefetchedLazy).
  const [Charts] = useState(metricCharts.current);

  if (!q.data) {
    if (q.isError) return <ErrorNotice error={errorDetail(q.error)} onRetry={() => void q.refetch()} />;
    return (
      <p className="st-details__loading" aria-busy="true">
        Loading droplet {dropletId}…
      </p>
    );
  }

  const { source, note } = q.data;
  // What main holds itself (uptime, incidents, the droplet's own routes) is asked once the
  // details are in, so those asks do not queue ahead of the details and the charts they wait on.
  const detailsIn = !q.isPlaceholderData;
  const droplet = withRowLiveness(q.data.droplet, row);
  return (
    <article className="st-details" aria-label={`Droplet ${droplet.name}`}>
      <header className="st-details__head">
        <h2 className="st-details__name">
          {droplet.name} <span className="st-details__id">#{droplet.id}</span>
        </h2>
        <DropletStatus droplet={droplet} />
      </header>
      <div className="st-details__actions">
        <button type="button" className="st-btn" onClick={() => useUi.getState().openPanel('heartbeat')}>
          Send heartbeat…
        </button>
        <button type="button" className="st-btn" onClick={() => useUi.getState().openPanel('register')}>
          Re-register…
        </button>
        <KeepAliveToggle key={dropletId} droplet={droplet} />
      </div>
      <DropletMute key={dropletId} dropletId={dropletId} />
      {source === 'list' && detailsIn && (
        <p className="st-details__note" role="note">
          {note ?? 'The details route did not answer; showing what the fleet list knows.'}
        </p>
      )}
      {/* A failed refresh keeps the last good view; the notice says why it may be stale. */}
      {q.isError && <ErrorNotice error={errorDetail(q.error)} onRetry={() => void q.refetch()} />}
      <DropletFacts droplet={droplet} />
      <LatestMetrics dropletId={dropletId} metrics={droplet.latestMetrics} />
      <DropletTimeline droplet={droplet} />
      <DropletUptime dropletId={dropletId} ask={detailsIn} />
      <DropletIncidents key={`incidents-${dropletId}`} dropletId={dropletId} ask={detailsIn} />
      <ProbeSection key={`probe-${dropletId}`} dropletId={dropletId} ask={detailsIn} />
      <Suspense fallback={<p className="st-charts__empty">Loading charts…</p>}>
        {/* Once fetched, drawn directly: a lazy component suspends on its first render even
            when its chunk is in, and React holds a revealed fallback ~300 ms. */}
        <Charts dropletId={dropletId} />
      </Suspense>
    </article>
  );
}

/**
 * The details answer and the fleet list are fetched apart and can be a poll apart: status and
 * last heartbeat are taken from the fleet copy, which the row shows, so the pane never
 * contradicts the row (the next poll brings both on together).
 */
function withRowLiveness(details: DropletDetails, row: Droplet | undefined): DropletDetails {
  if (!row || (row.status === details.status && row.lastHeartbeat === details.lastHeartbeat)) return details;
  return { ...details, status: row.status, lastHeartbeat: row.lastHeartbeat };
}

/** The timeline's beats: the Orchestrator's recent beats, Steward's own history, and the last beat time. */
function DropletTimeline(props: { droplet: DropletDetails }) {
  const d = props.droplet;
  // Same key as the charts' default range, so both share one fetch.
  const history = useHistoryView(d.id, rangeMs('1h'));
  const beats = useMemo(() => {
    const fromOrchestrator: Beat[] = d.heartbeats.map((h) => ({ t: Date.parse(h.time), status: h.status }));
    const fromHistory: Beat[] = (history.data?.samples ?? []).flatMap((s) => (s.status ? [{ t: s.t, status: s.status }] : []));
    // `inactive` is the Orchestrator's verdict on silence, not what the last beat said.
    const last: Beat[] = d.lastHeartbeat ? [{ t: Date.parse(d.lastHeartbeat), status: d.status === 'inactive' ? 'unknown' : d.status }] : [];
    return mergeBeats(last, fromHistory, fromOrchestrator);
  }, [d.heartbeats, d.lastHeartbeat, d.status, history.data]);
  // Until the history answers, where it begins is unknown: say nothing rather than "no history".
  return <HeartbeatTimeline beats={beats} since={history.data ? history.data.since : undefined} />;
}
