/**
 * Zustand store: the metric charts' range. It outlives the details pane, so comparing
 * droplets keeps the same window.
 */
import { create } from 'zustand';
import type { RangeKey } from '../features/charts/series';

export const useChartRange = create<{ range: RangeKey; setRange(range: RangeKey): void }>((set) => ({
  range: '1h',
  setRange: (range) => set({ range }),
}));
