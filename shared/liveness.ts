/**
 * Steward's own liveness judgement. The deployed Orchestrator only flips a silent droplet to
 * `inactive` 90-150 s after its last beat, so Steward marks an `active` droplet `late` as soon
 * as a beat is overdue (interval + grace). `late` is Steward's view, shown apart from the
 * Orchestrator's status, which is passed through unchanged.
 *
 * The rule is written once, here: a beat is overdue strictly after interval + grace has passed
 * since it. The fleet table, its incremental row model and the heartbeat timeline all use it.
 */
import { z } from 'zod';
import type { Droplet, DropletStatus, PollPace } from './model';

export type EffectiveStatus = DropletStatus | 'late';

export const LivenessSettingsSchema = z.object({
  /** Expected seconds between beats (the guide's 60). */
  intervalSeconds: z.number().positive(),
  /** Slack for network and scheduling delay before a beat counts as missed. */
  graceSeconds: z.number().nonnegative(),
});
export type LivenessSettings = z.infer<typeof LivenessSettingsSchema>;
/** The guide's 60 s beat, plus a grace for a beat in flight. */
export const DEFAULT_LIVENESS: LivenessSettings = { intervalSeconds: 60, graceSeconds: 15 };

/** How long after a beat the next one is overdue (interval + grace), in ms. */
export function lateAfterMs(settings: LivenessSettings): number {
  return (settings.intervalSeconds + settings.graceSeconds) * 1000;
}

/** The rule itself: strictly after the deadline; never when the deadline is unknown (NaN). */
function isPast(deadlineMs: number, atMs: number): boolean {
  return atMs > deadlineMs;
}

/** At `atMs`, is the beat at `beatMs` overdue? */
export function isOverdue(beatMs: number, atMs: number, lateAfter: number): boolean {
  return isPast(beatMs + lateAfter, atMs);
}

/**
 * After which instant (epoch ms) a droplet counts as late, so a caller can judge many times
 * cheaply or wake up then; NaN when it cannot turn late (not active, or no readable beat).
 */
export function lateAtMs(status: DropletStatus, beatMs: number, lateAfter: number): number {
  return status === 'active' ? beatMs + lateAfter : NaN;
}

/** The status at `nowMs` from a precomputed `lateAtMs`: as `effectiveStatus`, without parsing. */
export function statusAt(status: DropletStatus, lateAt: number, nowMs: number): EffectiveStatus {
  return status === 'active' && isPast(lateAt, nowMs) ? 'late' : status;
}

export interface Liveness {
  status: EffectiveStatus;
  late: boolean;
  /** Null when the droplet never beat (or its time is unreadable). Never negative (clock skew). */
  secondsSinceHeartbeat: number | null;
}

/** Settings left out fall back to DEFAULT_LIVENESS. */
export function effectiveStatus(droplet: Pick<Droplet, 'status' | 'lastHeartbeat'>, nowMs: number, settings: Partial<LivenessSettings> = {}): Liveness {
  const lateAfter = lateAfterMs({
    intervalSeconds: settings.intervalSeconds ?? DEFAULT_LIVENESS.intervalSeconds,
    graceSeconds: settings.graceSeconds ?? DEFAULT_LIVENESS.graceSeconds,
  });
  const beatMs = droplet.lastHeartbeat === null ? NaN : Date.parse(droplet.lastHeartbeat);
  const secondsSinceHeartbeat = Number.isFinite(beatMs) ? Math.max(0, (nowMs - beatMs) / 1000) : null;
  // Without a known last beat there is nothing to judge (NaN is never overdue): trust the Orchestrator.
  const status = statusAt(droplet.status, lateAtMs(droplet.status, beatMs, lateAfter), nowMs);
  return { status, late: status === 'late', secondsSinceHeartbeat };
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

/**
 * The latest instant Steward may call a droplet late from fleet data read at `dataUpdatedAt`.
 * At the live pace the next read is a minute away and beats made since are unknown (the feed
 * carries status changes, not beats), so lateness is judged as of the read itself: a droplet
 * whose beat was already older than interval + grace then is late at once, and none is called
 * late on the guess that it has not beaten since. Judged up to the grace past the read, every
 * droplet beating a little slower than the interval (60.2 s, or the simulated fleet's ±10 %)
 * was called late between reads and recovered at the next: ~2 % of the fleet every minute.
 * Unbounded when polling fast, where the next read comes within the grace. Main's attention
 * engine and the window both judge by it.
 */
export function lateJudgedUntil(pace: PollPace, dataUpdatedAt: number): number {
  return pace.mode === 'live' && dataUpdatedAt > 0 ? dataUpdatedAt : Infinity;
}
