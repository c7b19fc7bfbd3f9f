import { describe, expect, it } from 'vitest';
import type { Droplet } from '../../../shared/model';
import { effectiveStatus, formatAgo, STATUS_SEVERITY } from '../../../shared/liveness';

const NOW = Date.parse('2026-11-27T05:10:00.000Z');
const beatAgo = (seconds: number | null, status: Droplet['status'] = 'active'): Droplet => ({
  id: 42,
  name: 'd',
  steward: null,
  endpoint: null,
  capabilities: [],
  status,
  version: null,
  lastHeartbeat: seconds === null ? null : new Date(NOW - seconds * 1000).toISOString(),
  registeredAt: null,
  latestMetrics: null,
});

describe('effectiveStatus', () => {
  it('marks an active droplet late only once its beat is older than interval + grace', () => {
    expect(effectiveStatus(beatAgo(30), NOW)).toEqual({ status: 'active', late: false, secondsSinceHeartbeat: 30 });
    expect(effectiveStatus(beatAgo(75), NOW)).toMatchObject({ status: 'active', late: false }); // boundary: not yet
    expect(effectiveStatus(beatAgo(75.001), NOW)).toMatchObject({ status: 'late', late: true });
    expect(effectiveStatus(beatAgo(600), NOW)).toEqual({ status: 'late', late: true, secondsSinceHeartbeat: 600 });
  });

  it('honours a custom interval and grace', () => {
    const opts = { intervalSeconds: 10, graceSeconds: 5 };
    expect(effectiveStatus(beatAgo(15), NOW, opts).late).toBe(false);
    expect(effectiveStatus(beatAgo(16), NOW, opts).late).toBe(true);
    expect(effectiveStatus(beatAgo(61), NOW, { graceSeconds: 0 }).late).toBe(true);
  });

  it("passes the Orchestrator's other statuses through, however old the beat", () => {
    for (const status of ['inactive', 'error', 'maintenance', 'unknown'] as const) {
      expect(effectiveStatus(beatAgo(10_000, status), NOW)).toEqual({ status, late: false, secondsSinceHeartbeat: 10_000 });
    }
  });

  it('does not judge a droplet without a known beat, nor count time backwards', () => {
    expect(effectiveStatus(beatAgo(null), NOW)).toEqual({ status: 'active', late: false, secondsSinceHeartbeat: null });
    expect(effectiveStatus({ status: 'active', lastHeartbeat: 'garbage' }, NOW).secondsSinceHeartbeat).toBeNull();
    expect(effectiveStatus(beatAgo(-5), NOW)).toEqual({ status: 'active', late: false, secondsSinceHeartbeat: 0 }); // clock skew
  });
});

describe('STATUS_SEVERITY', () => {
  it('sorts problems first: error, inactive, late, maintenance/unknown, active', () => {
    const order = (['active', 'unknown', 'late', 'error', 'maintenance', 'inactive'] as const).slice().sort((a, b) => STATUS_SEVERITY[a] - STATUS_SEVERITY[b]);
    expect(order.slice(0, 3)).toEqual(['error', 'inactive', 'late']);
    expect(order.slice(3, 5).sort()).toEqual(['maintenance', 'unknown']);
    expect(order[5]).toBe('active');
  });
});

describe('formatAgo', () => {
  it.each([
    [null, 'never'],
    [NaN, 'never'],
    [0, '0 s ago'],
    [12.7, '12 s ago'],
    [59.9, '59 s ago'],
    [60, '1 min ago'],
    [3599, '59 min ago'],
    [3600, '1 h ago'],
    [2 * 3600 + 1799, '2 h ago'],
    [86_399, '23 h ago'],
    [86_400 * 3, '3 d ago'],
    [-4, '0 s ago'],
  ])('%s s is "%s"', (seconds, text) => {
    expect(formatAgo(seconds)).toBe(text);
  });
});
