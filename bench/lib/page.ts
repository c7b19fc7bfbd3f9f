/** Asking the bench page (and its probe, page-probe.ts) what it has seen. */
import type { Page } from 'playwright-core';
import type { TimedAnswer } from './page-probe';
import { sleep, waitFor } from './wait';

export const evaluate = <T>(page: Page, js: string): Promise<T> => page.evaluate(js) as Promise<T>;

/** How many fleet polls the page has made. */
export const pollsMade = (page: Page): Promise<number> => evaluate<number>(page, 'window.__bench.calls.listDroplets || 0');

export async function waitForRows(page: Page, count: number): Promise<void> {
  const visible = Math.min(count, 15);
  await waitFor(`the table's rows`, async () => (await evaluate<number>(page, "document.querySelectorAll('[data-droplet-id]').length")) >= visible, 90_000, 250);
}

/** Timed answers of `method`, once `n` have arrived after arming the probe. */
export async function collectAnswers(page: Page, method: string, n: number, timeoutMs: number, countRows = false): Promise<TimedAnswer[]> {
  await evaluate(page, `(() => { const B = window.__bench; B.answers = []; B.dropped = 0; B.countRows = ${countRows}; B.armFor = ${JSON.stringify(method)}; })()`);
  await waitFor(`${n} timed ${method} answers`, async () => (await evaluate<number>(page, 'window.__bench.answers.length')) >= n, timeoutMs, 200);
  await sleep(50); // the last one's row accounting runs just after its frame
  return evaluate<TimedAnswer[]>(page, '(() => { const B = window.__bench; B.armFor = null; B.countRows = false; return B.answers.map((a) => ({ ...a })); })()');
}
