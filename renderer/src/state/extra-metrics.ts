/**
 * Zustand store: which extra metrics (beyond the charted four) the steward chose to chart, by
 * name. It outlives the details pane, so selecting another droplet and back keeps them shown.
 */
import { create } from 'zustand';

export const useShownExtraMetrics = create<{ shown: readonly string[]; toggle(name: string): void }>((set) => ({
  shown: [],
  toggle: (name) => set(({ shown }) => ({ shown: shown.includes(name) ? shown.filter((n) => n !== name) : [...shown, name] })),
}));
