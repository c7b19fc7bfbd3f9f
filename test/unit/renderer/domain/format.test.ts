import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../renderer/src/domain/format';

describe('formatDuration', () => {
  it('says durations the way the late tooltip does', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59.9)).toBe('59 s');
    expect(formatDuration(92)).toBe('1 min 32 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400 + 3600)).toBe('2 d 1 h');
  });
});
