/** "12 s ago", ticking by itself on the shared clock so the table around it does not re-render. */
import { useNow } from '../state/clock';
import { formatAgo } from '../../../shared/liveness';

export function HeartbeatAgo({ iso }: { iso: string | null }) {
  const now = useNow();
  const ms = iso === null ? NaN : Date.parse(iso);
  if (!Number.isFinite(ms)) return <span className="muted">never</span>;
  return (
    <time dateTime={iso ?? undefined} title={new Date(ms).toLocaleString()}>
      {formatAgo((now - ms) / 1000)}
    </time>
  );
}
