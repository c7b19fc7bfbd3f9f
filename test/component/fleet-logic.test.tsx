import { describe, expect, it } from 'vitest';
import type { StatusChange } from '../../shared/model';
import { judgeFreshness } from '../../renderer/src/components/freshness';
import { applyStatusChanges } from '../../renderer/src/queries/fleet-cache';
import { serverFilters } from '../../renderer/src/queries/fleet-filters';
import { capabilitiesOf, countByStatus, filterRows, nextLatenessChange, sortRows, toRows } from '../../renderer/src/views/fleet/fleet-rows';
import { sameShownDroplet, type FleetSnapshot } from '../../shared/fleet-update';
import { displayEndpoint, formatDuration } from '../../renderer/src/views/fleet/format';
import { droplet } from './fleet-fake-steward';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const beat = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const d = (id: number, status: Parameters<typeof droplet>[1], secondsAgo: number | null, extra = {}) =>
  droplet(id, status, null, { lastHeartbeat: secondsAgo === null ? null : beat(secondsAgo), ...extra });

describe('liveness rows', () => {
  it('judges an active droplet late only after 60 s + 15 s grace, and never a silent non-active one', () => {
    const rows = toRows([d(1, 'active', 75), d(2, 'active', 75.001), d(3, 'inactive', 900), d(4, 'active', null)], NOW);
    expect(rows.map((r) => r.status)).toEqual(['active', 'late', 'inactive', 'active']);
  });

  it('knows when the next droplet will turn late', () => {
    const droplets = [d(1, 'active', 10), d(2, 'active', 70), d(3, 'error', 74), d(4, 'active', 200)];
    expect(nextLatenessChange(droplets, NOW)).toBe(NOW + 5_000);
    expect(nextLatenessChange([d(1, 'inactive', 10)], NOW)).toBeNull();
  });
});

describe('sortRows', () => {
  const rows = toRows(
    [
      d(5, 'active', 1, { name: 'b', steward: null, version: '1.10.0' }),
      d(1, 'maintenance', 3, { name: 'a', steward: 'zed', version: '1.9.0' }),
      d(4, 'error', null, { name: 'C', steward: 'amy', version: null }),
      d(2, 'active', 100, { name: 'd', steward: 'bo' }),
      d(3, 'inactive', 50, { name: 'e', steward: 'amy' }),
      d(6, 'unknown', 8, { name: 'f', steward: 'cy' }),
      d(7, 'error', 2, { name: 'g', steward: 'cy' }),
    ],
    NOW,
  );
  const ids = (key: Parameters<typeof sortRows>[1]['key'], dir: 'asc' | 'desc' = 'asc') => sortRows(rows, { key, dir }).map((r) => r.droplet.id);

  it('puts problems first: error, inactive, late, maintenance/unknown, active; ties by id', () => {
    expect(ids('problems')).toEqual([4, 7, 3, 2, 1, 6, 5]);
  });

  it('sorts text case-insensitively and numbers in versions numerically, missing values last either way', () => {
    expect(ids('name')).toEqual([1, 5, 4, 2, 3, 6, 7]);
    expect(ids('steward')).toEqual([3, 4, 2, 6, 7, 1, 5]);
    expect(ids('steward', 'desc')).toEqual([1, 6, 7, 2, 3, 4, 5]);
    // 1.0.0 (the default) < 1.9.0 < 1.10.0, then the droplet without a version.
    expect(ids('version')).toEqual([2, 3, 6, 7, 1, 5, 4]);
  });

  it('sorts the last heartbeat most recent first, never-beaten last', () => {
    expect(ids('lastHeartbeat')).toEqual([5, 7, 1, 6, 3, 2, 4]);
    expect(ids('lastHeartbeat', 'desc')).toEqual([2, 3, 6, 1, 7, 5, 4]);
  });

  // Its speed is a bench figure (poll to paint at 10,000), not a timed test.
  it('filters and sorts 10,000 rows, problems first', () => {
    const big = toRows(
      Array.from({ length: 10_000 }, (_, i) => d(i + 1, (['active', 'error', 'inactive'] as const)[i % 3]!, i % 200)),
      NOW,
    );
    const shown = sortRows(filterRows(big, { status: null, capability: null, search: '1' }), { key: 'problems', dir: 'asc' });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((r) => [r.droplet.id, r.droplet.name, r.droplet.steward, r.droplet.endpoint].join('\n').includes('1'))).toBe(true);
    const order = ['error', 'inactive', 'late', 'maintenance', 'unknown', 'active'];
    const ranks = shown.map((r) => order.indexOf(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('filterRows, counts and capabilities', () => {
  const rows = toRows(
    [
      d(1, 'active', 1, { name: 'Alpha', steward: 'ana', endpoint: 'http://a:1', capabilities: ['gpu', 'compute'] }),
      d(12, 'active', 200, { name: 'beta', steward: null, endpoint: null, capabilities: [] }),
      d(3, 'error', 1, { name: 'gamma', steward: 'Ben', endpoint: 'http://edge:2', capabilities: ['compute'] }),
    ],
    NOW,
  );
  const ids = (f: Partial<Parameters<typeof filterRows>[1]>) => filterRows(rows, { status: null, capability: null, search: '', ...f }).map((r) => r.droplet.id);

  it('searches id, name, steward and endpoint, all words, any case', () => {
    expect(ids({ search: 'ALPHA' })).toEqual([1]);
    expect(ids({ search: '12' })).toEqual([12]);
    expect(ids({ search: 'ben edge' })).toEqual([3]);
    expect(ids({ search: 'ben alpha' })).toEqual([]);
    expect(ids({ search: '   ' })).toEqual([1, 12, 3]);
  });

  it('filters on the judged status (late included) and on capability', () => {
    expect(ids({ status: 'late' })).toEqual([12]);
    expect(ids({ status: 'active' })).toEqual([1]);
    expect(ids({ capability: 'compute' })).toEqual([1, 3]);
  });

  it('counts per judged status and lists capabilities sorted', () => {
    expect(countByStatus(rows)).toEqual({ error: 1, inactive: 0, late: 1, maintenance: 0, unknown: 0, active: 1 });
    expect(capabilitiesOf(rows.map((r) => r.droplet))).toEqual(['compute', 'gpu']);
  });
});

describe('serverFilters', () => {
  it('passes statuses the Orchestrator knows, asks for active when late is wanted, and nothing for unknown', () => {
    expect(serverFilters(null, null)).toEqual({});
    expect(serverFilters('error', 'gpu')).toEqual({ status: 'error', capability: 'gpu' });
    expect(serverFilters('late', null)).toEqual({ status: 'active' });
    expect(serverFilters('unknown', null)).toEqual({});
  });
});

describe('applyStatusChanges', () => {
  const snapshot: FleetSnapshot = {
    droplets: [d(1, 'active', 5), d(2, 'inactive', 300)],
    total: 2,
    unreadable: [],
    fetchedAt: beat(0),
    clockOffsetMs: 0,
    dialect: 'guide',
    traceId: null,
    sync: { stream: 's', version: 1 },
  };
  const applyStatusChange = (s: FleetSnapshot, c: StatusChange) => applyStatusChanges(s, [c]);

  it('replaces only the changed droplet, keeping the others’ identity', () => {
    const next = applyStatusChange(snapshot, { dropletId: 1, oldStatus: 'active', newStatus: 'error', changedAt: beat(0) });
    expect(next.droplets[0]!.status).toBe('error');
    expect(next.droplets[0]!.lastHeartbeat).toBe(snapshot.droplets[0]!.lastHeartbeat);
    expect(next.droplets[1]).toBe(snapshot.droplets[1]);
  });

  it('moves the beat time on when a droplet comes back active, so it does not show late', () => {
    const next = applyStatusChange(snapshot, { dropletId: 2, oldStatus: 'inactive', newStatus: 'active', changedAt: beat(1) });
    expect(next.droplets[1]).toMatchObject({ status: 'active', lastHeartbeat: beat(1) });
  });

  it('applies a batch in order, several changes to one droplet included', () => {
    const next = applyStatusChanges(snapshot, [
      { dropletId: 1, oldStatus: 'active', newStatus: 'error', changedAt: beat(0) },
      { dropletId: 2, oldStatus: 'inactive', newStatus: 'maintenance', changedAt: beat(0) },
      { dropletId: 1, oldStatus: 'error', newStatus: 'inactive', changedAt: beat(0) },
    ]);
    expect(next.droplets.map((x) => x.status)).toEqual(['inactive', 'maintenance']);
  });

  it('returns the same snapshot for unknown droplets and non-changes', () => {
    expect(applyStatusChange(snapshot, { dropletId: 99, oldStatus: null, newStatus: 'error', changedAt: null })).toBe(snapshot);
    expect(applyStatusChange(snapshot, { dropletId: 2, oldStatus: 'inactive', newStatus: 'inactive', changedAt: beat(0) })).toBe(snapshot);
  });
});

describe('row memo comparison', () => {
  it('treats a re-fetched but unchanged droplet as the same, and any shown change as different', () => {
    const a = d(1, 'active', 5, { capabilities: ['x', 'y'], latestMetrics: { cpu_percent: 1 } });
    expect(sameShownDroplet(a, structuredClone(a))).toBe(true);
    expect(sameShownDroplet(a, { ...a, latestMetrics: { cpu_percent: 2 } })).toBe(true);
    expect(sameShownDroplet(a, { ...a, capabilities: ['x'] })).toBe(false);
    expect(sameShownDroplet(a, { ...a, lastHeartbeat: beat(0) })).toBe(false);
    expect(sameShownDroplet(a, { ...a, steward: 'other' })).toBe(false);
  });
});

describe('judgeFreshness and formatDuration', () => {
  it('is stale on an error (with its words) or after three silent poll intervals', () => {
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - 5_000, pollIntervalMs: 10_000, errorMessage: null })).toEqual({ stale: false, reason: null, ageSeconds: 5 });
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - 5_000, pollIntervalMs: 10_000, errorMessage: 'refused' })).toMatchObject({ stale: true, reason: 'refused' });
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - 31_000, pollIntervalMs: 10_000, errorMessage: null }).stale).toBe(true);
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: 0, pollIntervalMs: 10_000, errorMessage: null })).toEqual({ stale: false, reason: null, ageSeconds: null });
  });

  it('says durations the way the late tooltip does', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59.9)).toBe('59 s');
    expect(formatDuration(92)).toBe('1 min 32 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400 + 3600)).toBe('2 d 1 h');
  });

  it('shows endpoints without the default http:// only', () => {
    expect(displayEndpoint('http://10.0.0.3:8002')).toBe('10.0.0.3:8002');
    expect(displayEndpoint('https://edge.example:443/x')).toBe('https://edge.example:443/x');
  });
});
