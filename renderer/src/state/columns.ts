/**
 * Zustand store: the steward's column choices for the fleet table, keyed by `SortKey` (the
 * column's identity). `hidden` and `widths` are plain values meant to persist per profile.
 */
import { create } from 'zustand';
import type { SortKey } from './ui';

export const COLUMN_MIN_WIDTH = 40;
export const COLUMN_MAX_WIDTH = 800;
/** One arrow-key press when resizing a column from the keyboard. */
export const COLUMN_STEP = 16;

export interface ColumnsState {
  hidden: SortKey[];
  /** Widths the steward set, in CSS pixels; a column not here keeps its flexible default. */
  widths: Partial<Record<SortKey, number>>;
  toggleHidden(key: SortKey): void;
  setWidth(key: SortKey, px: number): void;
  /** Back to the column's flexible default width. */
  resetWidth(key: SortKey): void;
  resetColumns(): void;
}

export function clampColumnWidth(px: number): number {
  return Math.round(Math.min(COLUMN_MAX_WIDTH, Math.max(COLUMN_MIN_WIDTH, px)));
}

export const useColumns = create<ColumnsState>((set) => ({
  hidden: [],
  widths: {},
  toggleHidden: (key) => set((s) => ({ hidden: s.hidden.includes(key) ? s.hidden.filter((k) => k !== key) : [...s.hidden, key] })),
  setWidth: (key, px) => set((s) => ({ widths: { ...s.widths, [key]: clampColumnWidth(px) } })),
  resetWidth: (key) =>
    set((s) => {
      const { [key]: _dropped, ...widths } = s.widths;
      return { widths };
    }),
  resetColumns: () => set({ hidden: [], widths: {} }),
}));
