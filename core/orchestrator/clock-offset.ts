/**
 * An Orchestrator whose clock is far off stamps beats hours away from ours; judged on our clock,
 * every droplet would look late (or fresh forever). Main moves its times onto this computer's
 * clock once, so liveness, "ago" and the charts all agree, and the UI says it did.
 */
import type { Droplet, DropletDetails } from '../../shared/model';
import { isoOf } from '../../shared/udc/time';

function shifted(iso: string | null, deltaMs: number): string | null {
  if (iso === null || deltaMs === 0) return iso;
  return isoOf(Date.parse(iso) + deltaMs) ?? iso;
}

/** The droplet's times on our clock, given the server's clock minus ours. */
export function onLocalClock<T extends Droplet>(d: T, serverOffsetMs: number): T {
  if (serverOffsetMs === 0) return d;
  const delta = -serverOffsetMs;
  const out: T = { ...d, lastHeartbeat: shifted(d.lastHeartbeat, delta), registeredAt: shifted(d.registeredAt, delta) };
  const beats = (d as Partial<DropletDetails>).heartbeats;
  if (beats) (out as Partial<DropletDetails>).heartbeats = beats.map((h) => ({ ...h, time: shifted(h.time, delta) ?? h.time }));
  return out;
}
