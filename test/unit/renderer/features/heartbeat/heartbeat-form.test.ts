import { describe, expect, it } from 'vitest';
import { nextDueAt } from '../../../../../renderer/src/features/heartbeat/heartbeat-form';

describe('nextDueAt', () => {
  it('prefers the relative seconds (immune to clock skew), else the absolute time', () => {
    const base = { acknowledged: true, dropletId: 1, traceId: null };
    expect(nextDueAt({ ...base, nextHeartbeatInSeconds: 60, nextHeartbeatAt: '2000-01-01T00:00:00Z' }, 1_000)).toBe(61_000);
    expect(nextDueAt({ ...base, nextHeartbeatInSeconds: null, nextHeartbeatAt: '1970-01-01T00:01:00Z' }, 1_000)).toBe(60_000);
    expect(nextDueAt({ ...base, nextHeartbeatInSeconds: null, nextHeartbeatAt: null }, 1_000)).toBeNull();
  });
});
