/**
 * Zustand store: the steward's theme choice. Plain, serialisable state (`choice`) so the
 * per-profile prefs store can persist it; what "system" resolves to is read from the OS.
 */
import { create } from 'zustand';
import type { ThemeChoice } from '../../../shared/commands';

export type { ThemeChoice };
export type ResolvedTheme = 'light' | 'dark';

export interface ThemeState {
  /** Persist this. "system" (the default) follows the OS's light or dark setting. */
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
  /** Light to dark and back, from whatever shows now (a "system" choice becomes explicit). */
  toggle(systemDark: boolean): void;
}

export const useTheme = create<ThemeState>((set) => ({
  choice: 'system',
  setChoice: (choice) => set({ choice }),
  toggle: (systemDark) => set((s) => ({ choice: resolveTheme(s.choice, systemDark) === 'dark' ? 'light' : 'dark' })),
}));

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}
