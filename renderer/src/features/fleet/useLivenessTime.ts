/**
 * The time the fleet's liveness is judged at: the time of the latest data, moved on when the
 * next droplet turns late (on the clock's tick after it). Rows move and counts change at real
 * transitions, and the table is not re-judged and re-sorted every second.
 */
import { useEffect, useState } from 'react';
import type { Droplet } from '../../../../shared/model';
import type { LivenessSettings } from '../../../../shared/liveness';
import { nextLatenessChange } from './fleet-rows';
import { atNextTick } from '../../state/clock';

export function useLivenessTime(lists: readonly (readonly Droplet[])[], dataUpdatedAt: number, liveness: LivenessSettings, until = Infinity): number {
  const [timerTime, setTimerTime] = useState(0);
  // Never past `until` (lateJudgedUntil): beyond it the data cannot tell late from unseen beats.
  const judgedAt = Math.max(dataUpdatedAt, Math.min(timerTime, until));
  useEffect(() => {
    let next: number | null = null;
    // The whole fleet and the table's are often the same array: judge it once.
    for (const list of new Set(lists)) {
      const n = nextLatenessChange(list, judgedAt, liveness);
      if (n !== null && (next === null || n < next)) next = n;
    }
    if (next === null || next >= until) return undefined;
    // +1 ms: a droplet is late strictly after the limit. Shown on the clock's next tick (within
    // a second), in the frame that redraws the "ago" texts, not in a frame of its own: at 1,000
    // droplets some droplet's limit passes nearly every second.
    let cancelTick = (): void => undefined;
    const timer = setTimeout(() => {
      cancelTick = atNextTick(() => setTimerTime(Date.now()));
    }, Math.max(0, next - Date.now() + 1));
    return () => {
      clearTimeout(timer);
      cancelTick();
    };
  }, [lists, judgedAt, liveness, until]);
  return judgedAt;
}
