/** Small builders for the attention tests: droplets, fleet answers, and an engine that records what it raised. */
import { DEFAULT_ATTENTION_SETTINGS, type AttentionEvent, type AttentionSettings } from '../../../../shared/attention';
import type { FleetInput } from '../../../../core/attention/engine';
import { AttentionEngine, type EngineState } from '../../../../core/attention/engine';
import type { Droplet, DropletStatus } from '../../../../shared/model';

export const LATE_AFTER_MS = 75_000;
export const T0 = Date.parse('2026-03-01T10:00:00Z');

export function droplet(id: number, status: DropletStatus, beatMs: number | null, metrics: Droplet['latestMetrics'] = null): Droplet {
  return {
    id,
    name: `drop-${id}`,
    steward: null,
    endpoint: null,
    capabilities: [],
    status,
    version: null,
    lastHeartbeat: beatMs === null ? null : new Date(beatMs).toISOString(),
    registeredAt: null,
    latestMetrics: metrics,
  };
}

let version = 0;
export function whole(droplets: Droplet[]): FleetInput {
  return { base: null, droplets, patches: [], removed: [], sync: { stream: 's', version: ++version } };
}

export interface Recorded {
  engine: AttentionEngine;
  events: AttentionEvent[];
  /** When each event was raised (the clock the engine was given). */
  raisedAt: number[];
  clock: { now: number };
}

export function recordingEngine(opts: { settings?: Partial<AttentionSettings>; muted?: (id: number) => boolean; anyMuted?: () => boolean; restored?: EngineState; clock?: { now: number }; events?: AttentionEvent[]; raisedAt?: number[] } = {}): Recorded {
  const events = opts.events ?? [];
  const raisedAt = opts.raisedAt ?? [];
  const clock = opts.clock ?? { now: T0 };
  const engine = new AttentionEngine(
    {
      lateAfterMs: LATE_AFTER_MS,
      settings: { ...DEFAULT_ATTENTION_SETTINGS, ...opts.settings },
      isMuted: (id) => opts.muted?.(id) ?? false,
      ...(opts.anyMuted ? { anyMuted: opts.anyMuted } : {}),
      onEvent: (e) => {
        events.push(e);
        raisedAt.push(clock.now);
      },
    },
    opts.restored,
  );
  return { engine, events, raisedAt, clock };
}
