/**
 * Charts: a history answer reaching the page -> charts painted, for 1 h, 24 h and 7 days of
 * one-minute samples; main's getChartHistory (the charts' points, downsampled in main) against
 * getHistory (every sample, what crossed before 2026-12-05).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MetricHistory } from '../../core/history/metric-history';
import type { KeyPair } from '../../core/signing/keys';
import { HISTORY_FILE } from '../../core/app/service';
import { FIRST_SIMULATED_ID } from '../../sandbox/fleet-catalog';
import { startChildSandbox } from '../lib/child-sandbox';
import { evaluate, waitForRows } from '../lib/page';
import { openBenchSession } from '../lib/session';
import { median, quantile, round } from '../lib/stats';
import { benchTempDir } from '../lib/temp-dirs';

/** The sandbox's fleet here: every droplet of it has 7 days of history. */
const CHART_FLEET = 100;
const CHART_DROPLETS = Array.from({ length: CHART_FLEET }, (_, i) => FIRST_SIMULATED_ID + i);
/**
 * Droplets selected, each once (a second selection would be answered from react-query's cache).
 * Twenty-one, not five: on this machine one selection varies by ±15 ms, and a median of five
 * (one of them the first, cold) swung across the 50 ms line from run to run.
 */
const SELECTIONS = 21;
/** Of those, the first few also switch ranges (the charts' own cost, below). */
const RANGE_SWITCHED = 5;
const DAY_MS = 24 * 3_600_000;

export interface ChartFigures {
  /** Range switches left out because they fetched (the cached answer had gone stale). */
  refetched: number;
  /** Click on a droplet -> its details and charts painted (IPC included), median over SELECTIONS droplets. */
  selectMedianMs: number;
  /** The first selection after launch (code not yet warm), in `selects` too. */
  selectFirstMs: number;
  /** Each selection's time, and how many history answers it took (1 when the first answer was the whole story). */
  selects: { ms: number; historyCalls: number }[];
  /** Range switch -> the four charts painted, history already in react-query's cache: the charts' own cost. */
  h1MedianMs: number;
  h24MedianMs: number;
  h24P95Ms: number;
  /** Main: getChartHistory for 24 h and 7 days at 300 points (samples covered, ms, bytes crossing IPC). */
  main24h: { samples: number; ms: number; bytes: number };
  main7d: { samples: number; ms: number; bytes: number };
  /** Bytes getHistory (every sample) answers for 7 days: what crossed before the charts' points did. */
  raw7dBytes: number;
  /** The 7-day range (10,080 one-minute samples a metric) switched to from cache -> painted. */
  d7MedianMs: number;
  d7P95Ms: number;
}

/** Seven days of one-minute beats for each droplet, ending now, written through MetricHistory itself. */
async function seedHistory(dataDir: string): Promise<void> {
  const history = new MetricHistory({ file: join(dataDir, HISTORY_FILE), flushDelayMs: 0 });
  await history.load();
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  for (const id of CHART_DROPLETS) {
    for (let i = 10_079; i >= 0; i--) {
      const t = end - i * 60_000;
      const wave = Math.sin((t / DAY_MS) * 2 * Math.PI);
      history.record(id, new Date(t).toISOString(), i % 997 === 0 ? 'error' : 'active', {
        cpu_percent: round(40 + 30 * wave + ((i * 7919) % 13), 1),
        memory_mb: 900 + Math.round(200 * wave) + (i % 50),
        requests_last_minute: 800 + ((i * 31) % 200),
        errors_last_minute: i % 97 === 0 ? 3 : 0,
      });
    }
  }
  await history.close();
}

interface Clicked {
  clickedAt: number;
  paintedAt: number;
  /** History answers the page asked for between the click and the charts settling. */
  historyCalls: number;
}

export async function measureCharts(chromiumPath: string, key: KeyPair): Promise<ChartFigures> {
  const orchestrator = await startChildSandbox({ fleet: CHART_FLEET, seed: 42, publicKeyPem: key.publicKeyPem });
  const dataDir = benchTempDir('steward-bench-charts-');
  await seedHistory(dataDir);
  const s = await openBenchSession(chromiumPath, orchestrator.url, key, { serviceDataDir: dataDir, pollIntervalMs: 10_000 });
  try {
    await waitForRows(s.page, CHART_FLEET);
    const selects: { ms: number; historyCalls: number }[] = [];
    const h1: number[] = [];
    const h24: number[] = [];
    const d7: number[] = [];
    let refetched = 0;
    const click = (selector: string, text?: string): Promise<Clicked> =>
      evaluate<Clicked>(s.page, `window.__bench.clickUntilCharts(${JSON.stringify(selector)}, ${JSON.stringify(text)})`);
    const took = (c: Clicked) => c.paintedAt - c.clickedAt;
    // The rows on screen, in the table's order (the table is virtualised: only these can be clicked).
    const shownIds = await evaluate<number[]>(s.page, `[...document.querySelectorAll('[data-droplet-id]')].map((e) => Number(e.getAttribute('data-droplet-id')))`);
    const selected = shownIds.filter((id) => CHART_DROPLETS.includes(id)).slice(0, SELECTIONS);
    if (selected.length < SELECTIONS) throw new Error(`only ${selected.length} droplets with history on screen; ${SELECTIONS} are selected`);
    for (const [i, id] of selected.entries()) {
      const chosen = await click(`[data-droplet-id="${id}"]`);
      selects.push({ ms: round(took(chosen)), historyCalls: chosen.historyCalls });
      if (i >= RANGE_SWITCHED) continue;
      // Every range fetched once, then each drawn from react-query's cache while still fresh (no
      // refetch): the charts' own cost. A switch that did fetch is not counted.
      const labels = ['1 h', '24 h', '7 d'] as const;
      // Not the range already shown: that click changes nothing and would wait for a refetch.
      const shown = await evaluate<string>(s.page, `document.querySelector('.st-seg__opt[aria-checked="true"]')?.textContent ?? ''`);
      for (const label of labels) if (label !== shown.trim()) await click('.st-seg__opt', label);
      for (const label of labels) {
        const c = await click('.st-seg__opt', label);
        if (c.historyCalls > 0) refetched++;
        else (label === '24 h' ? h24 : label === '7 d' ? d7 : h1).push(took(c));
      }
    }
    const mainFor = async (rangeMs: number) => {
      const times: number[] = [];
      let answer: { samples: number } = { samples: 0 };
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        const r = await s.service.dispatch('getChartHistory', { id: CHART_DROPLETS[0], sinceMs: Date.now() - rangeMs, points: 300 });
        times.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
        answer = r.value as { samples: number };
      }
      return { samples: answer.samples, ms: round(median(times.slice(1))), bytes: JSON.stringify(answer).length };
    };
    const raw = await s.service.dispatch('getHistory', { id: CHART_DROPLETS[0], sinceMs: Date.now() - 7 * DAY_MS });
    if (!raw.ok) throw new Error(raw.error.message);
    return {
      refetched,
      selectMedianMs: round(median(selects.map((x) => x.ms))),
      selectFirstMs: selects[0]!.ms,
      selects,
      h1MedianMs: round(median(h1)),
      h24MedianMs: round(median(h24)),
      h24P95Ms: round(quantile(h24, 0.95)),
      main24h: await mainFor(DAY_MS),
      main7d: await mainFor(7 * DAY_MS),
      raw7dBytes: JSON.stringify(raw.value).length,
      d7MedianMs: round(median(d7)),
      d7P95Ms: round(quantile(d7, 0.95)),
    };
  } finally {
    await s.close();
    await orchestrator.close();
  }
}
