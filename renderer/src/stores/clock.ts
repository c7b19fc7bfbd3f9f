/**
 * One shared wall clock, ticking on each whole second, for the live "12 s ago" texts. Only
 * components that read it re-render on a tick (not the table around them), and the timer runs
 * only while something is subscribed and the window can be seen.
 */
import { useSyncExternalStore } from 'react';
import { isScrolling } from './scrolling';

const SCROLL_RECHECK_MS = 200;

let nowMs = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

const hidden = (): boolean => typeof document !== 'undefined' && document.hidden;

function scheduleTick(): void {
  // A window nobody can see (minimised, another desktop) does not tick: it is all day long.
  if (hidden()) {
    timer = null;
    return;
  }
  // Aligned to the second so every "ago" on screen changes together.
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (!hidden() && listeners.size > 0 && timer === null) tick();
  });
}

function tick(): void {
  // Not while the table scrolls: a frame of scrolling never also redraws every "ago" on screen.
  if (isScrolling()) {
    timer = setTimeout(tick, SCROLL_RECHECK_MS);
    return;
  }
  nowMs = Date.now();
  for (const listener of listeners) listener();
  scheduleTick();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    nowMs = Date.now();
    scheduleTick();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
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
