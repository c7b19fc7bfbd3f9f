/**
 * While Steward's window is in the background it refreshes every BACKGROUND_TICK_MS, on whole
 * multiples of it on the wall clock (renderer/src/state/clock.ts); main sends the pushes it held
 * meanwhile just before each (core/app/window-pushes.ts), so they show on that refresh.
 */
export const BACKGROUND_TICK_MS = 30_000;
