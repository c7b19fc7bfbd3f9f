/**
 * V8 settings for main's process (Electron's main, or the bench's stand-in for it), applied at
 * its start: a worker's heap takes the flags in force when it is created, so the fleet worker
 * gets them too. Main's own heap was set up before any code ran, and keeps what is fixed then:
 * on Node 20 its memory reducer stays on (`--trace-gc`, 2026-12-07 evening: three "reduce"
 * collections in main's heap after a full one with the flag set here, none with it given on
 * node's command line). Electron reads main's V8 flags only from its own command line, so
 * setting them here is the most the app can do; since the evening's changes main's heap at
 * 10,000 droplets no longer needs a full collection across five polls, so its reducer has
 * little to follow.
 *
 * The memory reducer off. It is built for a page that goes quiet for good: once allocation stops
 * it runs up to three full collections to hand the heap back. Main's work comes in a burst
 * every minute instead (at 10,000 droplets each poll parses and diffs a 4 MB list), so every
 * quiet spell shrank the heap the next poll grew again: two or three full collections a poll,
 * in main and in the fleet worker. Measured at 10,000 droplets with the live feed
 * (bench/measure/idle-main.ts, 2026-12-07): 0.74 to 0.88 % of a core with it in scratch runs and
 * 1.00 % in the full bench; 0.60 to 0.72 % without in scratch runs and 0.63 % in the full bench.
 * The cost is a heap that stays at the size the polls need (main's about 40 MB at 10,000).
 *
 * The old generation may grow to twice what survived the last full collection before the next.
 * V8 sizes that room from how fast it collects against how fast the program allocates, and for
 * a process idle most of each minute it picks its least, 1.1 times: every poll's burst filled
 * it, and main and the fleet worker each ran a full collection a poll or more (23 in ten polls,
 * `--trace-gc-nvp`). With twice the room, 11. Measured at 10,000 droplets (paired scratch runs
 * of the idle measure, both at once, 2026-12-07): 0.652 against 0.582 % over 600 s, 0.826
 * against 0.703 % over 300 s; alone, one after the other, 0.937 against 0.768 %. The cost:
 * main's heap 41 MB instead of 37 MB at the end of those 300 s, RSS 217 instead of 203 MB.
 */
import { setFlagsFromString } from 'node:v8';

export const MAIN_V8_FLAGS: readonly string[] = ['--no-memory-reducer', '--heap-growing-percent=100'];

/** Applies MAIN_V8_FLAGS; before any worker is created. */
export function applyMainV8Flags(): void {
  for (const flag of MAIN_V8_FLAGS) setFlagsFromString(flag);
}
