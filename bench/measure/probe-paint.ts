/**
 * Poll to paint while probing: 1,000 droplets in the page, polled every second, while the
 * embedded profile (probing on, as for the sandbox) probes the same droplets' own routes. The
 * first probe round runs all at once (as at launch); the timed polls start 25 s after it ends
 * and last ~45 s, so they span the second round, which each droplet starts 30 to 60 s after
 * its first as it moves onto its slot: every poll overlaps probing, at up to twice the steady
 * rate.
 */
import type { KeyPair } from '../../core/signing/keys';
import type { ProbeSettings, ProbeSummary } from '../../shared/probe';
import { startChildSandbox } from '../lib/child-sandbox';
import { waitForRows } from '../lib/page';
import { openBenchSession } from '../lib/session';
import { log, sleep, waitFor } from '../lib/wait';
import { measurePollToPaint, type PaintFigures } from './poll-to-paint';

export interface ProbePaintFigures {
  paint: PaintFigures;
  /** Droplets that answered a probe while the timed polls ran. */
  probedWhilePolling: number;
}

export async function measurePaintWhileProbing(chromiumPath: string, key: KeyPair, fleet = 1_000): Promise<ProbePaintFigures> {
  const sandbox = await startChildSandbox({ fleet, seed: 42, publicKeyPem: key.publicKeyPem });
  try {
    const s = await openBenchSession(chromiumPath, sandbox.url, key, { pollIntervalMs: 1_000, livePollIntervalMs: 1_000, probing: true });
    try {
      await waitForRows(s.page, fleet);
      const settings = await s.service.dispatch('getProbeSettings', undefined);
      if (!settings.ok || !(settings.value as ProbeSettings).enabled) throw new Error('probing is off for the bench profile');
      const summaries = async (): Promise<ProbeSummary[]> => {
        const r = await s.service.dispatch('getProbeSummary', undefined);
        return r.ok ? (r.value as ProbeSummary[]) : [];
      };
      await waitFor('the first probe round', async () => {
        const all = await summaries();
        return all.length >= fleet && all.every((x) => x.verdict !== 'not_probed');
      }, 120_000, 500);
      log('poll to paint while probing: first round done; the timed polls span the second');
      await sleep(25_000);
      const t0 = Date.now();
      const paint = await measurePollToPaint(s, fleet, 40);
      const probedWhilePolling = (await summaries()).filter((x) => x.lastAnswerAt !== null && x.lastAnswerAt >= t0).length;
      return { paint, probedWhilePolling };
    } finally {
      await s.close();
    }
  } finally {
    await sandbox.close();
  }
}

/** `tsx bench/measure/probe-paint.ts`: this figure alone (after `npx electron-vite build`). */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadavg } = await import('node:os');
  const { findChromium } = await import('../../test/support/chromium');
  const { generateKeyPair } = await import('../../core/signing/keys');
  const chromium = findChromium();
  if (!chromium) throw new Error('No Chromium found (set CHROMIUM_PATH).');
  const f = await measurePaintWhileProbing(chromium, generateKeyPair('ES256'));
  process.stdout.write(`${JSON.stringify({ ...f, loadAverage: loadavg() })}\n`);
  process.exit(0);
}
