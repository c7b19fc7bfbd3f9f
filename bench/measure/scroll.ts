/** Scrolling the fleet table programmatically, 90 px a frame: the gaps between animation frames. */
import { evaluate } from '../lib/page';
import type { Session } from '../lib/session';
import { median, round } from '../lib/stats';

export interface ScrollFigures {
  frames: number;
  /** Frames slower than 20 ms. */
  droppedFrames: number;
  medianFrameMs: number;
  worstFrameMs: number;
}

export async function measureScroll(s: Session): Promise<ScrollFigures> {
  await evaluate(s.page, 'window.__bench.scroll(500, 90)'); // warm-up
  const { gaps } = await evaluate<{ gaps: number[] }>(s.page, 'window.__bench.scroll(4000, 90)');
  return { frames: gaps.length, droppedFrames: gaps.filter((g) => g > 20).length, medianFrameMs: round(median(gaps)), worstFrameMs: round(Math.max(...gaps)) };
}
