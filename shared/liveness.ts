/**
 * Steward's own liveness judgement. The deployed Orchestrator only flips a silent droplet to
 * `inactive` 90-150 s after its last beat, so Steward marks an `active` droplet `late` as soon
 * as a beat is overdue (interval + grace). `late` is Steward's view, shown apart from the
 * Orchestrator's status, which is passed through unchanged.
 */
import type { Droplet, DropletStatus } from './model';

export type EffectiveStatus = DropletStatus | 'late';

export interface LivenessOptions {
  /** Expected seconds between beats (the guide's 60). */
  intervalSeconds?: number;
  /** Slack for network and scheduling delay before a beat counts as missed. */
  graceSeconds?: number;
}

export interface Liveness {
  status: EffectiveStatus;
  late: boolean;
  /** Null when the droplet never beat (or its time is unreadable). Never negative (clock skew). */
  secondsSinceHeartbeat: number | null;
}

export function effectiveStatus(droplet: Pick<Droplet, 'status' | 'lastHeartbeat'>, nowMs: number, opts: LivenessOptions = {}): Liveness {
  const limit = (opts.intervalSeconds ?? 60) + (opts.graceSeconds ?? 15);
  const beatMs = droplet.lastHeartbeat === null ? NaN : Date.parse(droplet.lastHeartbeat);
  const secondsSinceHeartbeat = Number.isFinite(beatMs) ? Math.max(0, (nowMs - beatMs) / 1000) : null;
  // Without a known last beat there is nothing to judge: trust the Orchestrator.
  const late = droplet.status === 'active' && secondsSinceHeartbeat !== null && secondsSinceHeartbeat > limit;
  return { status: late ? 'late' : droplet.status, late, secondsSinceHeartbeat };
}

/** Sort rank for the default fleet order: problems first. Lower sorts earlier. */
export const STATUS_SEVERITY: Readonly<Record<EffectiveStatus, number>> = {
  error: 0,
  inactive: 1,
  late: 2,
  maintenance: 3,
  unknown: 3,
  active: 4,
};

/** "12 s ago", "3 min ago", "2 h ago", "4 d ago"; "never" when there is no time. */
export function formatAgo(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'never';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
