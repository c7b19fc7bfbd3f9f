/** Waiting, and the bench's progress lines on stderr (stdout carries only the report). */
import { performance } from 'node:perf_hooks';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const benchStart = performance.now();
export function log(line: string): void {
  process.stderr.write(`bench [${Math.round((performance.now() - benchStart) / 1000)} s]: ${line}\n`);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
