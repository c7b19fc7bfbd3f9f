/**
 * The fleet's dependencies as the droplets declare them (/dependencies): who misses what, and
 * which droplets others depend on are down, most dependants first. A name opens that droplet.
 */
import { errorDetail } from '../../app/api';
import { useDependencyMap, useProbeNow } from '../../queries/useProbes';
import { useUi } from '../../state/ui';
import { ErrorNotice } from '../../ui/ErrorNotice';
import './probes.css';

function DropletLink({ id, name }: { id: number; name: string }) {
  return (
    <button type="button" className="st-link" onClick={() => useUi.getState().showDroplet(id)}>
      {name} <span className="st-muted">#{id}</span>
    </button>
  );
}

export function DependenciesView() {
  const q = useDependencyMap();
  const probeNow = useProbeNow();
  const map = q.data;
  return (
    <section className="st-deps" aria-label="Dependencies">
      <header className="st-deps__head">
        <h2 className="st-section-title">Dependencies across the fleet</h2>
        <button type="button" className="st-btn" disabled={probeNow.isPending} onClick={() => probeNow.mutate(undefined)}>
          {probeNow.isPending ? 'Probing…' : 'Probe all now'}
        </button>
      </header>
      {q.isError && <ErrorNotice error={errorDetail(q.error)} onRetry={() => void q.refetch()} />}
      {map && (
        <>
          <p className="st-muted">
            From the /dependencies of {map.probed} probed droplet{map.probed === 1 ? '' : 's'} ({map.withDependencies} declare some).
          </p>
          <h3 className="st-deps__title">Depended on, but down ({map.downDependencies.length})</h3>
          {map.downDependencies.length === 0 ? (
            <p className="st-muted">None.</p>
          ) : (
            <ul className="st-deps__list" aria-label="Down dependencies">
              {map.downDependencies.map((d) => (
                <li key={`${d.id ?? d.name}`} className="st-deps__item is-down">
                  <div>
                    {d.id !== null ? <DropletLink id={d.id} name={d.name} /> : <strong>{d.name}</strong>} <span className="tone-err">{d.why}</span>
                  </div>
                  <div className="st-deps__who">
                    needed by {d.dependants.length}:{' '}
                    {d.dependants.map((x, i) => (
                      <span key={x.id}>
                        {i > 0 && ', '}
                        <DropletLink id={x.id} name={x.name} />
                      </span>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h3 className="st-deps__title">Missing dependencies ({map.missing.length})</h3>
          {map.missing.length === 0 ? (
            <p className="st-muted">No droplet reports a missing dependency.</p>
          ) : (
            <ul className="st-deps__list" aria-label="Droplets missing dependencies">
              {map.missing.map((m) => (
                <li key={m.id} className="st-deps__item">
                  <DropletLink id={m.id} name={m.name} /> misses <span className="tone-err">{m.missing.join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
