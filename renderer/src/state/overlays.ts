/** Zustand store: which overlay is open (command palette, shortcuts dialog, Columns menu). Not persisted. */
import { create } from 'zustand';

export type Overlay = 'palette' | 'shortcuts' | 'columns';

export const useOverlays = create<{ open: Overlay | null; show(o: Overlay): void; close(): void }>((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
