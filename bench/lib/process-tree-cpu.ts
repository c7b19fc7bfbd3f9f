/** CPU of a process tree from /proc (Linux): how the bench counts all of Chromium's processes. */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second (USER_HZ on Linux). */
export const TICKS_PER_SECOND = 100;

/** CPU ticks (user + system, in clock ticks) of a process's descendants, but `exclude` and its own. */
export function treeTicks(root: number, exclude: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, Number(fields[1]));
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    if (pid === root) continue;
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === exclude) break;
      if (p === root) {
        sum += t;
        break;
      }
    }
  }
  return sum;
}
