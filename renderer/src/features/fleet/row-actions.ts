/** What a row's quick actions send and copy, from the droplet as the table holds it. */
import type { Droplet, HeartbeatInput } from '../../../../shared/model';
import { chartedMetricsOf, reportableStatus } from '../../domain/metrics';

/**
 * A heartbeat with the droplet's last metrics and status, as the heartbeat form would prefill
 * it: `inactive` is the Orchestrator's verdict on silence, so a hand-sent beat says `active`.
 */
export function quickBeat(d: Droplet): HeartbeatInput {
  const status = d.status === 'inactive' ? 'active' : (reportableStatus(d.status) ?? 'active');
  const metrics = chartedMetricsOf(d.latestMetrics);
  return Object.keys(metrics).length > 0 ? { id: d.id, status, metrics } : { id: d.id, status };
}

/** Rows as tab-separated text, one a line, the way a spreadsheet pastes them. */
export function rowsAsText(droplets: readonly Droplet[], statusOf: (d: Droplet) => string): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return droplets
    .map((d) => [String(d.id), d.name, d.steward ?? '', statusOf(d), d.capabilities.join(' '), d.lastHeartbeat ?? '', d.endpoint ?? '', d.version ?? ''].map(clean).join('\t'))
    .join('\n');
}

/** Copies text; false where the clipboard is unavailable or refused. */
export async function copyText(text: string): Promise<boolean> {
  if (!navigator.clipboard) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
