/** Human-readable output for the CLI (the `--json` flag prints the domain objects instead). */
import type { Droplet, DropletDetails, HeartbeatAck, RegisterAck } from '../shared/model';
import { visibleEscapes } from '../shared/text-safety';

/** The server's text as one visible line: escaped before padding, so the columns still align. */
const shown = (text: string | null | undefined, missing = '-'): string => (text === null || text === undefined ? missing : visibleEscapes(text));

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

/** A plain aligned table: the columns a steward scans first. */
export function formatList(droplets: Droplet[], total: number, now = Date.now()): string {
  const rows = droplets.map((d) => [String(d.id), shown(d.name), shown(d.status), ago(d.lastHeartbeat, now), shown(d.steward, ''), shown(d.endpoint, ''), shown(d.capabilities.join(','))]);
  const head = ['ID', 'NAME', 'STATUS', 'LAST HEARTBEAT', 'STEWARD', 'ENDPOINT', 'CAPABILITIES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line), `${droplets.length} shown, ${total} total`].join('\n');
}

export function formatDroplet(d: DropletDetails, note: string | null, now = Date.now()): string {
  const metrics = d.latestMetrics ? Object.entries(d.latestMetrics).map(([k, v]) => shown(`${k}=${v}`)).join(' ') : 'none';
  return [
    `Droplet ${d.id}: ${shown(d.name)}`,
    `  status          ${shown(d.status)}`,
    `  steward         ${shown(d.steward)}`,
    `  endpoint        ${shown(d.endpoint)}`,
    `  version         ${shown(d.version)}`,
    `  capabilities    ${shown(d.capabilities.join(', ') || null)}`,
    `  registered      ${shown(d.registeredAt)}`,
    `  last heartbeat  ${shown(d.lastHeartbeat)} (${ago(d.lastHeartbeat, now)})`,
    `  latest metrics  ${metrics}`,
    `  heartbeats      ${d.heartbeats.length} recent`,
    ...(note ? [`  note: ${shown(note)}`] : []),
  ].join('\n');
}

export function formatRegistered(ack: RegisterAck): string {
  const what = ack.outcome === 'updated' ? 'Updated' : 'Registered';
  return `${what} droplet ${ack.dropletId ?? '?'}${ack.message ? `: ${shown(ack.message)}` : ''} (trace ${ack.traceId ?? '-'})`;
}

export function formatHeartbeat(id: number, ack: HeartbeatAck): string {
  const next = ack.nextHeartbeatInSeconds !== null ? `; next due in ${ack.nextHeartbeatInSeconds} s` : '';
  return `Heartbeat for droplet ${id} ${ack.acknowledged ? 'acknowledged' : 'NOT acknowledged'}${next} (trace ${ack.traceId ?? '-'})`;
}
