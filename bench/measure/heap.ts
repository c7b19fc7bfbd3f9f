/** The renderer's JS heap (after GC) before and after an hour's worth of polls, run as fast as they come. */
import type { CDPSession } from 'playwright-core';
import type { KeyPair } from '../../core/signing/keys';
import { pollsMade, waitForRows } from '../lib/page';
import { openBenchSession } from '../lib/session';
import { round } from '../lib/stats';
import { waitFor } from '../lib/wait';

/** The fleet the heap is watched at, and how many polls (an hour of 10-second polls). */
export const HEAP_FLEET = 1_000;
export const HEAP_POLLS = 360;

export interface HeapFigures {
  fleet: number;
  polls: number;
  startMB: number;
  endMB: number;
  growthMB: number;
}

async function usedHeapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / (1024 * 1024);
}

export async function measureHeap(chromiumPath: string, url: string, key: KeyPair, fleet: number): Promise<HeapFigures> {
  // An hour of 10-second polls, as fast as they come: each poll starts once the last one is shown.
  const s = await openBenchSession(chromiumPath, url, key, { pollIntervalMs: 50, liveUpdates: false });
  try {
    await waitForRows(s.page, fleet);
    const polls = () => pollsMade(s.page);
    await waitFor('10 warm-up polls', async () => (await polls()) >= 10, 60_000, 200);
    const startMB = await usedHeapMB(s.cdp);
    const from = await polls();
    await waitFor(`${HEAP_POLLS} polls`, async () => (await polls()) >= from + HEAP_POLLS, 240_000, 200);
    const endMB = await usedHeapMB(s.cdp);
    return { fleet, polls: HEAP_POLLS, startMB: round(startMB), endMB: round(endMB), growthMB: round(endMB - startMB) };
  } finally {
    await s.close();
  }
}
