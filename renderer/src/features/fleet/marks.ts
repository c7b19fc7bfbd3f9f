/**
 * Multi-select ("marked" rows) for bulk actions: Ctrl/Cmd-click toggles a row, Shift-click
 * marks the run from the anchor to the row in the order shown. Pure, so the rules are tested
 * without a table; the store below holds the result.
 */
import { create } from 'zustand';

export interface PickModifiers {
  /** Shift: mark the run from the anchor. */
  range: boolean;
  /** Ctrl (Cmd on macOS): add or remove one row. */
  toggle: boolean;
}

export interface Marks {
  marked: ReadonlySet<number>;
  /** Where a Shift-click run starts: the last row clicked without Shift. */
  anchor: number | null;
}

const EMPTY: ReadonlySet<number> = new Set();
export const NO_MARKS: Marks = { marked: EMPTY, anchor: null };

/**
 * The marks after a click on `id`. `selectedId` is the row whose details show: a first
 * Ctrl-click keeps it marked too, as file managers do. `order` is the shown rows' ids.
 */
export function pick(current: Marks, id: number, mods: PickModifiers, selectedId: number | null, order: readonly number[]): Marks {
  if (mods.range) {
    const from = current.anchor ?? selectedId ?? id;
    const a = order.indexOf(from);
    const b = order.indexOf(id);
    if (a < 0 || b < 0) return { marked: new Set([id]), anchor: id };
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const run = order.slice(lo, hi + 1);
    // Ctrl+Shift adds the run to what is marked; Shift alone replaces it.
    const marked = new Set(mods.toggle ? [...current.marked, ...run] : run);
    return { marked, anchor: from };
  }
  if (mods.toggle) {
    const marked = new Set(current.marked);
    if (marked.size === 0 && selectedId !== null && selectedId !== id) marked.add(selectedId);
    if (marked.has(id)) marked.delete(id);
    else marked.add(id);
    return { marked, anchor: id };
  }
  return { marked: EMPTY, anchor: id };
}

/** Marks of rows no longer shown (filtered out, removed) drop away: a bulk action acts on what is visible. */
export function keepShown(current: Marks, shown: ReadonlySet<number>): Marks {
  let gone = false;
  for (const id of current.marked) if (!shown.has(id)) gone = true;
  if (!gone) return current;
  return { ...current, marked: new Set([...current.marked].filter((id) => shown.has(id))) };
}

export const useMarks = create<Marks & { set(m: Marks): void; clear(): void }>((set) => ({
  ...NO_MARKS,
  set: (m) => set({ marked: m.marked, anchor: m.anchor }),
  clear: () => set(NO_MARKS),
}));
