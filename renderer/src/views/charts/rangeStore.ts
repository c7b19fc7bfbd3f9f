import { create } from 'zustand';
import type { RangeKey } from './series';

/** The chart range outlives the details pane, so comparing droplets keeps the same window. */
export const useChartRange = create<{ range: RangeKey; setRange(range: RangeKey): void }>((set) => ({
  range: '1h',
  setRange: (range) => set({ range }),
}));
