/** Words and tones for the attention views: kinds, states, grouped droplet lists, times. */
import type { AttentionKind, WatchedState } from '../../../../shared/attention';
import type { Tone } from '../../domain/status';
import { formatDateTimeZoned, formatDuration } from '../../domain/format';

export const KIND_LABEL: Record<AttentionKind, string> = {
  error: 'Error',
  inactive: 'Inactive',
  late: 'Late',
  recovered: 'Recovered',
  registered: 'Registered',
  disappeared: 'Disappeared',
  flapping: 'Flapping',
  metric: 'Metric rule',
  fleet_emptied: 'Fleet emptied',
  restarted: 'Restarted',
  probe_unanswered: '/health silent',
  probe_answering: '/health answers',
};

export const KIND_TONE: Record<AttentionKind, Tone> = {
  error: 'err',
  inactive: 'muted',
  late: 'warn',
  recovered: 'ok',
  registered: 'info',
  disappeared: 'muted',
  flapping: 'warn',
  metric: 'warn',
  fleet_emptied: 'err',
  restarted: 'warn',
  probe_unanswered: 'warn',
  probe_answering: 'ok',
};

export const STATE_LABEL: Record<WatchedState, string> = {
  active: 'active',
  inactive: 'inactive',
  error: 'error',
  maintenance: 'maintenance',
  unknown: 'unknown',
  late: 'late',
  absent: 'gone',
};

/** "101, 102, 103, 104, 105 and 25 more": a long group stays one line. */
export function groupedList(labels: readonly string[], total: number, shown = 5): string {
  const head = labels.slice(0, shown);
  const more = Math.max(0, total - head.length);
  if (head.length === 0) return more > 0 ? `${more} droplets` : '';
  return more > 0 ? `${head.join(', ')} and ${more} more` : head.join(', ');
}

/** "2026-12-06 01:48:26 UTC", for a relative time's tooltip. */
export function absoluteTime(ms: number): string {
  return Number.isFinite(ms) ? formatDateTimeZoned(new Date(ms).toISOString()) : '—';
}

/**
 * "4 min ago", "1 h 35 min ago": calm, no seconds past the first minute; "just now" under 5 s
 * (clocks a second apart must not say "in 1 s").
 */
export function agoText(ms: number, nowMs: number): string {
  const s = (nowMs - ms) / 1000;
  if (s < 5) return 'just now';
  if (s < 60) return `${Math.floor(s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${formatDuration(s)} ago`;
}

/** "until 14:05", "until 7 Dec 00:00", "until you unmute it". */
export function muteUntilText(until: number | null, nowMs: number): string {
  if (until === null) return 'until you unmute it';
  const d = new Date(until);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const sameDay = new Date(nowMs).toDateString() === d.toDateString();
  return sameDay ? `until ${hm}` : `until ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${hm}`;
}

/** A mute still in force at `nowMs` (an expired one is as good as none). */
export function muteInForce(until: number | null | undefined, nowMs: number): until is number | null {
  return until === null || (typeof until === 'number' && until > nowMs);
}
