import type { UptimeWindow } from '../../../../shared/attention';
import { errorDetail } from '../../app/api';
import { formatNumber } from '../../domain/format';
import { useUptime } from '../../queries/useAttention';
import '../events/events.css';

/** Uptime over 24 h and 7 d, with how much of each window Steward actually watched. */
export function DropletUptime({ dropletId, ask = true }: { dropletId: number; ask?: boolean }) {
  const q = useUptime(dropletId, ask);
  return (
    <section className="st-uptime" aria-label="Uptime">
      <h3 className="st-section-title">Uptime</h3>
      {q.isError && !q.data && <p className="st-muted">Uptime unavailable: {errorDetail(q.error).message}</p>}
      {!q.data && !q.isError && <p className="st-muted">Loading uptime…</p>}
      {q.data && (
        <div className="st-uptime__tiles">
          <UptimeTile label="24 h" w={q.data.day} />
          <UptimeTile label="7 d" w={q.data.week} />
        </div>
      )}
    </section>
  );
}

function UptimeTile({ label, w }: { label: string; w: UptimeWindow }) {
  const tone = w.percent === null ? 'none' : w.percent >= 99 ? 'ok' : w.percent >= 90 ? 'warn' : 'err';
  return (
    <div className={`st-uptime__tile st-uptime__tile--${tone}`} data-window={label}>
      <span className="st-uptime__label">{label}</span>
      <span className="st-uptime__value">{w.percent === null ? '—' : `${formatNumber(w.percent, w.percent >= 99.95 || w.percent === 0 ? 0 : 2)} %`}</span>
      <span className="st-uptime__observed" title="Uptime counts only the time Steward was watching this droplet">
        {w.percent === null ? 'Steward has not watched it in this window yet' : w.observedText}
      </span>
    </div>
  );
}
