import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs`: for views that should move with the clock
 * but slowly (the chart window). Per-second texts use the shared clock in state/clock.ts.
 */
export function useTick(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
