/**
 * Module-level clock (not a zustand store; read through useSyncExternalStore).
 *
 * One shared wall clock, ticking on each whole second, for the live "12 s ago" texts. Only
 * components that read it re-render on a tick (not the table around them), and the timer runs
 * only while something is subscribed and the window can be seen, or work waits for the tick.
 *
 * While the window is in the background (seen, but another window has the focus: the steward is
 * working elsewhere) it ticks every BACKGROUND_TICK_MS instead, and the work waiting for it (pushed
 * changes, late verdicts) waits as long: each frame costs a software-rendered window about 1 % of a
 * core a second, which is most of what Steward costs left open all day. Focus refreshes at once.
 */
import { useSyncExternalStore } from 'react';
import { BACKGROUND_TICK_MS } from '../../../shared/background';
import { isScrolling, SCROLL_HOLD_MAX_MS } from './scrolling';

const SCROLL_RECHECK_MS = 200;

let nowMs = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();
/** One-shot work for the next tick (see atNextTick). */
const tickWork = new Set<() => void>();
/** True while tick() runs: work queued from work is scheduled by tick() itself. */
let ticking = false;

/**
 * Starts in the foreground, as Electron shows Steward's window focused; the window's focus and
 * blur events say when that changes. A window loaded without the focus (a reload while another
 * window has it) ticks every second until it has been focused once.
 */
let inBackground = false;
const backgroundListeners = new Set<() => void>();

const hidden = (): boolean => typeof document !== 'undefined' && document.hidden;

/**
 * Until the clock's next tick: just past the next whole second (or whole BACKGROUND_TICK_MS), so
 * every "ago" on screen changes together.
 */
function msToNextTick(now = Date.now()): number {
  const period = inBackground ? BACKGROUND_TICK_MS : 1000;
  return period - (now % period) + 5;
}

function scheduleTick(): void {
  // A window nobody can see (minimised, another desktop) does not tick: it is all day long.
  const wanted = tickWork.size > 0 || (listeners.size > 0 && !hidden());
  timer = wanted ? setTimeout(tick, msToNextTick()) : null;
}

function setBackground(background: boolean): void {
  if (background === inBackground) return;
  inBackground = background;
  for (const listener of backgroundListeners) listener();
  if (ticking || timer === null) return;
  clearTimeout(timer);
  timer = null;
  // To the background: the tick due within the second waits for the slow one too. Back in front:
  // what waited for it, and every "ago", shows now.
  if (background) scheduleTick();
  else tick();
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    // Seen again: every "ago" moves on now, not on a slow tick still pending for waiting work.
    if (hidden() || listeners.size === 0 || ticking) return;
    if (timer !== null) clearTimeout(timer);
    tick();
  });
}
if (typeof window !== 'undefined') {
  // Focus and blur do not bubble: a listener on window hears only the window's own.
  window.addEventListener('blur', () => setBackground(true));
  window.addEventListener('focus', () => setBackground(false));
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
 * Runs `work` once, on the clock's next tick (within a second; within BACKGROUND_TICK_MS in the
 * background), in the same task as the "ago" texts' update, so both reach the screen in one frame.
 * Also while the window is hidden.
 * Returns a function that cancels it.
 */
export function atNextTick(work: () => void): () => void {
  tickWork.add(work);
  if (timer === null && !ticking) scheduleTick();
  return () => {
    tickWork.delete(work);
  };
}

/**
 * Folds the values pushed between ticks into one batch and hands it to `apply` on the clock's next
 * tick: a burst is one render, drawn in the frame the tick draws anyway (in the background, every
 * 30 s). While the table scrolls it waits (SCROLL_HOLD_MAX_MS at most), so no frame of scrolling
 * carries it. With `atOnceInFront`, a value pushed while the window has the focus and the table is
 * still is applied at once (what must agree with a poll's rows the moment they show).
 */
export function batchOnTick<T, B>(fold: (batch: B | null, value: T) => B, apply: (batch: B) => void, opts: { atOnceInFront?: boolean } = {}): { push(value: T): void; cancel(): void } {
  let batch: B | null = null;
  let cancelTick: (() => void) | null = null;
  let heldSince = 0;
  const run = (): void => {
    cancelTick = null;
    if (isScrolling() && Date.now() - heldSince < SCROLL_HOLD_MAX_MS) {
      cancelTick = atNextTick(run);
      return;
    }
    const held = batch;
    batch = null;
    if (held !== null) apply(held);
  };
  return {
    push(value) {
      if (batch === null) heldSince = Date.now();
      batch = fold(batch, value);
      if (opts.atOnceInFront && !inBackground && !isScrolling()) {
        cancelTick?.();
        run();
        return;
      }
      cancelTick ??= atNextTick(run);
    },
    cancel() {
      cancelTick?.();
      cancelTick = null;
      batch = null;
    },
  };
}

/**
 * The latest of the values pushed: at once while the window has the focus and the table is still,
 * else on the tick after (see batchOnTick).
 */
export function latestOnTick<T>(apply: (latest: T) => void): { push(value: T): void; cancel(): void } {
  return batchOnTick<T, { value: T }>((_, value) => ({ value }), (held) => apply(held.value), { atOnceInFront: true });
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

/** The current time in epoch ms, updated once a second (every BACKGROUND_TICK_MS in the background). */
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

function subscribeBackground(listener: () => void): () => void {
  backgroundListeners.add(listener);
  return () => {
    backgroundListeners.delete(listener);
  };
}

const getBackground = (): boolean => inBackground;

/** True while the window is in the background and the screen refreshes every BACKGROUND_TICK_MS. */
export function useInBackground(): boolean {
  return useSyncExternalStore(subscribeBackground, getBackground, getBackground);
}
