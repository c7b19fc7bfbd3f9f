import { describe, expect, it } from 'vitest';
import { judgeFreshness } from '../../../../renderer/src/domain/freshness';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');

describe('judgeFreshness', () => {
  it('is stale on an error (with its words) or after three silent poll intervals', () => {
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - 5_000, pollIntervalMs: 10_000, errorMessage: null })).toEqual({ stale: false, reason: null, ageSeconds: 5 });
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - 5_000, pollIntervalMs: 10_000, errorMessage: 'refused' })).toMatchObject({ stale: true, reason: 'refused' });
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - 31_000, pollIntervalMs: 10_000, errorMessage: null }).stale).toBe(true);
    expect(judgeFreshness({ nowMs: NOW, dataUpdatedAt: 0, pollIntervalMs: 10_000, errorMessage: null })).toEqual({ stale: false, reason: null, ageSeconds: null });
  });
});
