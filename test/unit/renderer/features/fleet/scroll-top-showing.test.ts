import { describe, expect, it } from 'vitest';
import { HEAD_HEIGHT, ROW_HEIGHT, scrollTopShowing } from '../../../../../renderer/src/features/fleet/FleetTable';

// A viewport of 300 px: the 30 px sticky header, then room for 9 rows.
const HEIGHT = HEAD_HEIGHT + 9 * ROW_HEIGHT;

describe('scrollTopShowing: where a row moved to by the keyboard is scrolled', () => {
  it('does not move when the row is already shown whole below the header', () => {
    expect(scrollTopShowing(0, 0, HEIGHT)).toBe(0);
    expect(scrollTopShowing(8, 0, HEIGHT)).toBe(0);
    expect(scrollTopShowing(12, 10 * ROW_HEIGHT, HEIGHT)).toBe(10 * ROW_HEIGHT);
  });

  it('brings a row below the view up to the bottom edge, not further', () => {
    // Row 9 is the first one cut off at the bottom: one row's scroll shows it.
    expect(scrollTopShowing(9, 0, HEIGHT)).toBe(ROW_HEIGHT);
    expect(scrollTopShowing(9_999, 0, HEIGHT)).toBe(10_000 * ROW_HEIGHT - 9 * ROW_HEIGHT);
  });

  it('brings a row above the view (or under the header) to just below the header', () => {
    expect(scrollTopShowing(3, 10 * ROW_HEIGHT, HEIGHT)).toBe(3 * ROW_HEIGHT);
    // Half hidden under the header counts as hidden.
    expect(scrollTopShowing(3, 3 * ROW_HEIGHT + 5, HEIGHT)).toBe(3 * ROW_HEIGHT);
  });
});
