/** Zustand store: whether the add-your-Orchestrator wizard is open, and whether the simulated-fleet banner was dismissed (this run). */
import { create } from 'zustand';

export const useWizard = create<{ open: boolean; bannerDismissed: boolean; show(): void; close(): void; dismissBanner(): void }>((set) => ({
  open: false,
  bannerDismissed: false,
  show: () => set({ open: true }),
  close: () => set({ open: false }),
  dismissBanner: () => set({ bannerDismissed: true }),
}));
