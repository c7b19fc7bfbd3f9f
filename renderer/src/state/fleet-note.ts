/** Zustand store: the one short line saying what a quick action or an export did (shown by the fleet's action bar). */
import { create } from 'zustand';

export interface FleetNote {
  text: string | null;
  tone: 'ok' | 'error';
  /** Bumped on each new note, so the same words twice still show again. */
  seq: number;
  say(text: string, tone: 'ok' | 'error'): void;
  clear(): void;
}

export const useFleetNote = create<FleetNote>((set) => ({
  text: null,
  tone: 'ok',
  seq: 0,
  say: (text, tone) => set((s) => ({ text, tone, seq: s.seq + 1 })),
  clear: () => set({ text: null }),
}));
