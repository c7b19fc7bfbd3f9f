/**
 * Module-level flag (not a zustand store; nothing renders from it).
 *
 * Whether the steward is scrolling the fleet table. Updates that would re-place rows (pushed
 * status changes, a poll's answer) wait until the scroll settles, up to a bound, so a frame of
 * scrolling never also carries a re-sort of the table.
 */
/** Longest pushed changes and poll answers are held back while the table scrolls. */
export const SCROLL_HOLD_MAX_MS = 3_000;

let scrolling = false;
const waiters = new Set<() => void>();

export function setScrolling(value: boolean): void {
  if (scrolling === value) return;
  scrolling = value;
  if (!value) for (const wake of [...waiters]) wake();
}

export function isScrolling(): boolean {
  return scrolling;
}

/** Resolves when scrolling stops, or after `maxMs` at the latest; at once when not scrolling. */
export function whenScrollSettles(maxMs: number): Promise<void> {
  if (!scrolling) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, maxMs);
    waiters.add(wake);
  });
}
