/**
 * The attention engine's cost per poll on main's thread at 10,000 droplets: the room (engine,
 * timelines, problems, observed spans, and its journal of changes every 10 s in a temporary
 * folder) is fed delta answers as the fleet
 * answers them every 5 s (each droplet beats every 60 s, so ~830 patches a poll carry a new beat
 * and metrics, and a few change status), with a metric rule on, and ticked every second between
 * polls as main does. Timed: one poll's applyFleet plus its ticks. Run alone:
 * `npx tsx bench/measure/attention.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AttentionRoom } from '../../core/attention/room';
import type { FleetInput } from '../../core/attention/engine';
import type { DropletPatch } from '../../shared/fleet-update';
import type { Droplet, DropletStatus } from '../../shared/model';
import { BIG_FLEET } from '../lib/fleet-sizes';
import { median, quantile, round } from '../lib/stats';

export interface AttentionFigures {
  fleet: number;
  polls: number;
  patchesPerPoll: number;
  medianMs: number;
  p95Ms: number;
}

const POLL_MS = 5_000;
const BEAT_MS = 60_000;

export async function measureAttention(fleet = BIG_FLEET, polls = 240): Promise<AttentionFigures> {
  let now = Date.parse('2026-03-01T10:00:00Z');
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-attention-'));
  const room = await AttentionRoom.open({ dataDir, lateAfterMs: 75_000, pollIntervalMs: POLL_MS, now: () => now });
  await room.setSettings({ rules: [{ id: 'cpu', metric: 'cpu_percent', op: '>', value: 90, forSeconds: 300, enabled: true }] });
  // Each droplet beats at its own offset in the minute, as a real fleet does.
  const offset = (id: number): number => (id * 7919) % BEAT_MS;
  const beatAt = (id: number, t: number): number => t - ((t - offset(id)) % BEAT_MS + BEAT_MS) % BEAT_MS;
  const status = new Map<number, DropletStatus>();
  const list: Droplet[] = [];
  for (let id = 1; id <= fleet; id++) {
    status.set(id, 'active');
    list.push({ id, name: `droplet-${id}`, steward: null, endpoint: null, capabilities: ['api'], status: 'active', version: '1', lastHeartbeat: new Date(beatAt(id, now)).toISOString(), registeredAt: null, latestMetrics: { cpu_percent: 50 } });
  }
  let version = 1;
  room.applyFleet({ base: null, droplets: list, patches: [], removed: [], sync: { stream: 'b', version } });
  const times: number[] = [];
  let patchTotal = 0;
  let seed = 1;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let p = 0; p < polls + 20; p++) {
    const prev = now;
    now += POLL_MS;
    const patches: DropletPatch[] = [];
    for (let id = 1; id <= fleet; id++) {
      const b = beatAt(id, now);
      if (b <= prev) continue; // no beat since the last poll
      const patch: DropletPatch = { id, lastHeartbeat: new Date(b).toISOString(), latestMetrics: { cpu_percent: Math.round(rand() * 100) } };
      // A few flip between active and error each poll.
      if (rand() < 0.002) {
        const next: DropletStatus = status.get(id) === 'active' ? 'error' : 'active';
        status.set(id, next);
        patch.status = next;
      }
      patches.push(patch);
    }
    const update: FleetInput = { base: { stream: 'b', version }, droplets: [], patches, removed: [], sync: { stream: 'b', version: ++version } };
    const t0 = performance.now();
    room.applyFleet(update);
    for (let s = 1; s < POLL_MS / 1000; s++) room.tick();
    const took = performance.now() - t0;
    if (p >= 20) {
      times.push(took);
      patchTotal += patches.length;
    }
  }
  await room.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { fleet, polls, patchesPerPoll: Math.round(patchTotal / polls), medianMs: round(median(times), 2), p95Ms: round(quantile(times, 0.95), 2) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await measureAttention();
  console.log(`attention engine, ${f.fleet} droplets, ${f.patchesPerPoll} patches a poll: median ${f.medianMs} ms, p95 ${f.p95Ms} ms per poll (${f.polls} polls)`);
}
