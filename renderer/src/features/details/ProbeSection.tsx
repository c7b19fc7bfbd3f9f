/**
 * "Served by the droplet": what its own routes say (main's prober): health, uptime and last
 * restart, version and features against what it registered, /state numbers charted, and its
 * dependencies with the missing ones first.
 */
import { Suspense, useState } from 'react';
import type { ProbeDependency, ProbeDetails } from '../../../../shared/probe';
import { errorDetail } from '../../app/api';
import { formatDateTime, formatDuration, formatNumber } from '../../domain/format';
import { useProbeDetails, useProbeNow } from '../../queries/useProbes';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProbeCell } from '../fleet/ProbeCell';
import { prefetchedLazy } from '../../ui/prefetched-lazy';

const probeCharts = prefetchedLazy(() => import('../charts/ProbeCharts').then((m) => m.ProbeCharts));

/** Fetch the charts of a droplet's own numbers ahead (with the metric charts'), so they draw without a "Loading charts…" first. */
export const prefetchProbeCharts = probeCharts.prefetch;

export function ProbeSection({ dropletId, ask = true }: { dropletId: number; ask?: boolean }) {
  const q = useProbeDetails(dropletId, ask);
  const probeNow = useProbeNow();
  const d = q.data;
  return (
    <section className="st-probe" aria-label="Served by the droplet">
      <header className="st-probe__head">
        <h3 className="st-section-title">Served by the droplet</h3>
        {d && <ProbeCell probe={d.summary} />}
        <button type="button" className="st-btn st-probe__now" disabled={probeNow.isPending} onClick={() => probeNow.mutate([dropletId])}>
          {probeNow.isPending ? 'Probing…' : 'Probe now'}
        </button>
      </header>
      {q.isError && !d && <ErrorNotice error={errorDetail(q.error)} onRetry={() => void q.refetch()} />}
      {!d ? (
        !q.isError && <p className="st-muted">Loading…</p>
      ) : (
        <ProbeBody d={d} dropletId={dropletId} />
      )}
    </section>
  );
}

function ProbeBody({ d, dropletId }: { d: ProbeDetails; dropletId: number }) {
  const [ProbeCharts] = useState(probeCharts.current);
  const s = d.summary;
  if (s.verdict === 'not_probed' && !d.health) return <p className="st-muted">Not probed: {s.note ?? 'no reading yet'}.</p>;
  const drift = d.drift;
  const versionDrift = drift.servedVersion !== null && drift.registeredVersion !== null && drift.servedVersion !== drift.registeredVersion;
  const restartAt = s.lastRestartAt;
  return (
    <>
      {s.disagreement && (
        <p className="st-probe__disagree" role="note">
          ⚑ {s.disagreement}
        </p>
      )}
      {s.verdict === 'unreachable' && s.note && <p className="st-muted">Its /health: {s.note}.</p>}
      <dl className="st-facts">
        <dt>Health</dt>
        <dd data-testid="probe-health">{d.health ? `${d.health.status}${d.health.message ? ` — ${d.health.message}` : ''}` : '—'}</dd>
        <dt>Uptime</dt>
        <dd>{d.state?.uptimeSeconds != null ? formatDuration(d.state.uptimeSeconds) : '—'}</dd>
        <dt>Last restart</dt>
        <dd>{restartAt !== null ? `${formatDateTime(new Date(restartAt).toISOString())}${d.restarts.length ? ` (${d.restarts.length} seen)` : ''}` : '—'}</dd>
        <dt>Version</dt>
        <dd className={versionDrift ? 'st-probe__drift' : undefined}>
          {drift.servedVersion ?? '—'}
          {versionDrift && ` (registered ${drift.registeredVersion})`}
        </dd>
        {(drift.notServed.length > 0 || drift.notRegistered.length > 0) && (
          <>
            <dt>Features</dt>
            <dd className="st-probe__drift">
              {drift.notRegistered.length > 0 && `serves unregistered ${drift.notRegistered.join(', ')}`}
              {drift.notRegistered.length > 0 && drift.notServed.length > 0 && '; '}
              {drift.notServed.length > 0 && `registered but not served ${drift.notServed.join(', ')}`}
            </dd>
          </>
        )}
      </dl>
      {d.state && <StateTiles d={d} />}
      {d.metrics.length > 0 && (
        <Suspense fallback={<p className="st-muted">Loading charts…</p>}>
          <ProbeCharts dropletId={dropletId} names={d.metrics} />
        </Suspense>
      )}
      <Dependencies d={d} />
    </>
  );
}

function StateTiles({ d }: { d: ProbeDetails }) {
  const st = d.state!;
  const tiles: [string, number | null][] = [
    ['Requests / min', st.requestsPerMinute],
    ['Errors (last hour)', st.errorsLastHour],
    ['CPU %', st.cpuPercent],
    ['Memory MB', st.memoryMb],
    ['Requests total', st.requestsTotal],
    ...Object.entries(st.custom),
  ];
  const shown = tiles.filter(([, v]) => v !== null);
  if (!shown.length) return null;
  return (
    <div className="st-latest__tiles" aria-label="State">
      {shown.map(([label, v]) => (
        <div key={label} className="st-latest__tile">
          <span className="st-latest__label">{label}</span>
          <span className="st-latest__value">{formatNumber(v)}</span>
        </div>
      ))}
    </div>
  );
}

function Dependencies({ d }: { d: ProbeDetails }) {
  const deps = d.dependencies;
  if (!deps) return <p className="st-muted">Dependencies: not read yet (every 10 min).</p>;
  const missing = new Set(deps.missing);
  const row = (dep: ProbeDependency, kind: string) => ({ name: dep.name, kind, status: missing.has(dep.name) ? 'missing' : (dep.status ?? 'listed') });
  const rows = [
    ...deps.missing.filter((m) => !deps.required.some((r) => r.name === m) && !deps.optional.some((o) => o.name === m)).map((name) => ({ name, kind: 'required', status: 'missing' })),
    ...deps.required.map((x) => row(x, 'required')),
    ...deps.optional.map((x) => row(x, 'optional')),
  ].sort((a, b) => Number(b.status === 'missing') - Number(a.status === 'missing'));
  return (
    <div className="st-probe__deps">
      <h4 className="st-section-title">Dependencies</h4>
      {rows.length === 0 ? (
        <p className="st-muted">None declared.</p>
      ) : (
        <ul aria-label="Dependencies">
          {rows.map((r) => (
            <li key={`${r.kind}:${r.name}`} className={r.status === 'missing' ? 'st-probe__dep is-missing' : 'st-probe__dep'}>
              <span className="st-probe__dep-name">{r.name}</span>
              <span className="st-muted">{r.kind}</span>
              <span className="st-probe__dep-status">{r.status}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
