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

  it('a hung poll (no answer, no error) makes the fleet stale only past three of its own intervals, saying it still waits', () => {
    const at = (silentMs: number, pollIntervalMs: number) => judgeFreshness({ nowMs: NOW, dataUpdatedAt: NOW - silentMs, pollIntervalMs, errorMessage: null });
    expect(at(30_000, 10_000).stale).toBe(false);
    expect(at(30_001, 10_000)).toEqual({ stale: true, reason: 'Steward is still waiting for the Orchestrator’s answer.', ageSeconds: 30.001 });
    // The limit follows the profile's poll interval.
    expect(at(100_000, 60_000).stale).toBe(false);
    expect(at(180_001, 60_000).stale).toBe(true);
  });
});
