/**
 * Mutes as plain data (shared/attention.ts `Mutes`): applying a request, asking whether a
 * droplet is muted now, and dropping mutes that have run out. Pure; the room persists them.
 */
import type { MuteRequest, MuteSpan, Mutes } from '../../shared/attention';

export const HOUR_MS = 3_600_000;
/** "Until tomorrow" ends at this local hour of the next day: a steward muting at night wakes to it. */
export const TOMORROW_HOUR = 8;

export const NO_MUTES: Mutes = { droplets: {} };

/** Epoch ms a span ends at (null: until unmuted); `off` is not a span that ends. */
export function muteUntil(span: Exclude<MuteSpan, 'off'>, nowMs: number): number | null {
  if (span === 'forever') return null;
  if (span === '1h') return nowMs + HOUR_MS;
  const d = new Date(nowMs);
  d.setDate(d.getDate() + 1);
  d.setHours(TOMORROW_HOUR, 0, 0, 0);
  return d.getTime();
}

export function applyMute(mutes: Mutes, req: MuteRequest, nowMs: number): Mutes {
  const until = req.span === 'off' ? undefined : muteUntil(req.span, nowMs);
  if (req.target === 'profile') {
    const { profile: _old, ...rest } = mutes;
    return until === undefined ? rest : { ...rest, profile: until };
  }
  const droplets = { ...mutes.droplets };
  if (until === undefined) delete droplets[String(req.id)];
  else droplets[String(req.id)] = until;
  return { ...mutes, droplets };
}

function inForce(until: number | null | undefined, nowMs: number): boolean {
  return until === null || (until !== undefined && until > nowMs);
}

export function profileMuted(mutes: Mutes, nowMs: number): boolean {
  return inForce(mutes.profile, nowMs);
}

export function isMuted(mutes: Mutes, id: number, nowMs: number): boolean {
  return profileMuted(mutes, nowMs) || inForce(mutes.droplets[String(id)], nowMs);
}

/** Whether the profile or any droplet is muted now. */
export function anyMuted(mutes: Mutes, nowMs: number): boolean {
  if (profileMuted(mutes, nowMs)) return true;
  for (const id in mutes.droplets) if (inForce(mutes.droplets[id], nowMs)) return true;
  return false;
}

/** The mutes still in force (the same object when none ran out). */
export function liveMutes(mutes: Mutes, nowMs: number): Mutes {
  let changed = false;
  const droplets: Mutes['droplets'] = {};
  for (const [id, until] of Object.entries(mutes.droplets)) {
    if (inForce(until, nowMs)) droplets[id] = until;
    else changed = true;
  }
  const profileGone = mutes.profile !== undefined && !inForce(mutes.profile, nowMs);
  if (!changed && !profileGone) return mutes;
  const next: Mutes = { droplets };
  if (mutes.profile !== undefined && !profileGone) next.profile = mutes.profile;
  return next;
}
