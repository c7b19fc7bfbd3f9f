/**
 * Poll to paint: the fleet answer reaching the page -> the first React commit after it -> the
 * animation frame after the last commit it caused; and the rows each poll re-rendered (see
 * page-probe.ts for how commits are attributed and rows explained).
 */
import { BIG_FLEET } from '../lib/fleet-sizes';
import { collectAnswers } from '../lib/page';
import type { Session } from '../lib/session';
import { median, quantile, round } from '../lib/stats';
import { log } from '../lib/wait';

export interface PaintFigures {
  fleet: number;
  polls: number;
  medianMs: number;
  p95Ms: number;
  /** Answer -> end of the commit (render + commit, plus react-query's notify tick). */
  commitMedianMs: number;
  rows: { visible: number; rerendered: number; changed: number; moved: number; mounted: number; unexplained: number };
}

export async function measurePollToPaint(s: Session, fleet: number, timedPolls?: number): Promise<PaintFigures> {
  const polls = timedPolls ?? (fleet >= BIG_FLEET ? 40 : 20); // enough for a p95 that is not just the worst one or two
  // Warm-up polls first (JIT, first layout), then the timed ones.
  await collectAnswers(s.page, 'listDroplets', 3, 60_000, true);
  const answers = await collectAnswers(s.page, 'listDroplets', polls, 120_000, true);
  const toPaint = answers.map((a) => a.paint - a.t0);
  const toCommit = answers.map((a) => a.commit - a.t0);
  const rows = { visible: 0, rerendered: 0, changed: 0, moved: 0, mounted: 0, unexplained: 0 };
  for (const a of answers) {
    if (!a.rows) continue;
    rows.visible = Math.max(rows.visible, a.rows.visible);
    rows.rerendered += a.rows.rerendered;
    rows.changed += a.rows.changed;
    rows.moved += a.rows.moved;
    rows.mounted += a.rows.mounted;
    rows.unexplained += a.rows.unexplained;
  }
  log(`poll -> commit / paint, ms: ${answers.map((a, i) => `${round(toCommit[i]!)}/${round(toPaint[i]!)}${a.commits > 1 ? ` (${a.commits} commits)` : ''}`).join(' ')}`);
  return { fleet, polls: answers.length, medianMs: round(median(toPaint)), p95Ms: round(quantile(toPaint, 0.95)), commitMedianMs: round(median(toCommit)), rows };
}
