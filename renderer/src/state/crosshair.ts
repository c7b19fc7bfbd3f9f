/**
 * Zustand store: the time the pointer is over in one metric chart, so every chart of the
 * droplet draws its cursor at that time (one crosshair across the charts). Null when none is hovered.
 */
import { create } from 'zustand';

export const useCrosshair = create<{ t: number | null; set(t: number | null): void }>((set) => ({
  t: null,
  set: (t) => set({ t }),
}));
