/**
 * Module-level clock (not a zustand store; read through useSyncExternalStore).
 *
 * One shared wall clock, ticking on each whole second, for the live "12 s ago" texts. Only
 * components that read it re-render on a tick (not the table around them), and the timer runs
 * only while something is subscribed and the window can be seen, or work waits for the tick.
 */
import { useSyncExternalStore } from 'react';
import { isScrolling } from './scrolling';

const SCROLL_RECHECK_MS = 200;

let nowMs = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();
/** One-shot work for the next tick (see atNextTick). */
const tickWork = new Set<() => void>();
/** True while tick() runs: work queued from work is scheduled by tick() itself. */
let ticking = false;

const hidden = (): boolean => typeof document !== 'undefined' && document.hidden;

/**
 * Until the clock's next tick: just past the next whole second, so every "ago" on screen
 * changes together.
 */
function msToNextTick(now = Date.now()): number {
  return 1000 - (now % 1000) + 5;
}

function scheduleTick(): void {
  // A window nobody can see (minimised, another desktop) does not tick: it is all day long.
  const wanted = tickWork.size > 0 || (listeners.size > 0 && !hidden());
  timer = wanted ? setTimeout(tick, msToNextTick()) : null;
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (!hidden() && listeners.size > 0 && timer === null) tick();
  });
}

function tick(): void {
  timer = null;
  // Work first, in the same task as the clock's listeners: React renders both in one pass, and
  // one frame carries them.
  const work = [...tickWork];
  tickWork.clear();
  ticking = true;
  for (const w of work) {
    try {
      w();
    } catch (e) {
      // Reported, but never at the cost of the clock or the other work.
      queueMicrotask(() => {
        throw e;
      });
    }
  }
  ticking = false;
  // Not while the table scrolls: a frame of scrolling never also redraws every "ago" on screen.
  if (isScrolling()) {
    if (listeners.size > 0 || tickWork.size > 0) timer = setTimeout(tick, SCROLL_RECHECK_MS);
    return;
  }
  if (listeners.size > 0 && !hidden()) {
    nowMs = Date.now();
    for (const listener of listeners) listener();
  }
  scheduleTick();
}

/**
 * Runs `work` once, on the clock's next tick (within a second), in the same task as the "ago"
 * texts' update, so both reach the screen in one frame. Also while the window is hidden.
 * Returns a function that cancels it.
 */
export function atNextTick(work: () => void): () => void {
  tickWork.add(work);
  if (timer === null && !ticking) scheduleTick();
  return () => {
    tickWork.delete(work);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    nowMs = Date.now();
    if (timer === null) scheduleTick();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && tickWork.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

const getNow = (): number => nowMs;

/** The current time in epoch ms, updated once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow, getNow);
}

/**
 * A value computed from the clock, re-rendering only when it changes (not every second):
 * `select` must return a primitive or a stable object.
 */
export function useClockDerived<T>(select: (nowMs: number) => T): T {
  const get = (): T => select(getNow());
  return useSyncExternalStore(subscribe, get, get);
}
