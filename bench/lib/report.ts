/** The bench's output: two tables for people, then one JSON line with every figure for tools. */
import type { PaintFigures } from '../measure/poll-to-paint';
import { BIG_FLEET } from './fleet-sizes';
import type { BenchFigures } from './figures';
import type { Machine } from './machine';
import { table } from './table';
import type { Targets } from './targets';

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const count = (n: number) => n.toLocaleString('en-US');

const NO_PAINT: PaintFigures = { fleet: BIG_FLEET, polls: 0, medianMs: NaN, p95Ms: NaN, commitMedianMs: NaN, rows: { visible: 0, rerendered: 0, changed: 0, moved: 0, mounted: 0, unexplained: 0 } };

/** One row a fleet: poll to paint, main per poll and its parts, rows re-rendered. */
function perFleetTable(f: BenchFigures): string {
  return table(
    ['fleet', 'poll->paint median', 'p95', 'answer->commit', 'main thread/poll median', 'p95', 'CPU/poll (all threads)', 'parse', 'read', 'diff', 'IPC serialise', 'changed/poll', 'with network', 'IPC bytes', 'rows re-rendered (changed / moved / unexplained)'],
    f.fleets.map((fleet) => {
      const p = f.paint.find((x) => x.fleet === fleet)!;
      const m = f.main.find((x) => x.fleet === fleet)!;
      return [
        count(fleet),
        `${p.medianMs} ms`,
        `${p.p95Ms} ms`,
        `${p.commitMedianMs} ms`,
        `${m.mainThreadMedianMs} ms`,
        `${m.mainThreadP95Ms} ms`,
        `${m.cpuMedianMs} ms`,
        `${m.parseMs} ms`,
        `${m.readMs} ms`,
        `${m.diffMs} ms`,
        `${m.cloneMs} ms`,
        count(m.changedMedian),
        `${m.withNetworkMedianMs} ms`,
        count(m.ipcBytes),
        `${p.rows.rerendered} (${p.rows.changed} / ${p.rows.moved} moved / ${p.rows.unexplained}) in ${p.polls} polls`,
      ];
    }),
  );
}

/** Memory after the compressed hour: main's heap and RSS, the page's JS heap (no target). */
function memoryRows(f: BenchFigures): string[][] {
  const m = f.memory;
  if (!m) return [['memory after an hour at 10,000', 'n/a', '', '']];
  const mb = (x: number) => `${x} MB`;
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x} MB`;
  return [
    [
      `main after an hour at ${count(m.fleet)}: heap used / RSS, start -> end (bench process alone ${mb(m.main.baselineMB.heapUsed)} / ${mb(m.main.baselineMB.rss)})`,
      `${mb(m.main.startMB.heapUsed)} -> ${mb(m.main.endMB.heapUsed)} (${signed(m.main.growthPerHourMB.heapUsed)}) / ${mb(m.main.startMB.rss)} -> ${mb(m.main.endMB.rss)} (${signed(m.main.growthPerHourMB.rss)}); ${count(m.samples)} history samples over the hour (${count(m.samplesAtStart)} at start), ${count(m.heapBytesPerSample)} B of heap each`,
      '',
      '',
    ],
    [`page JS heap after an hour at ${count(m.fleet)}, start -> end`, `${mb(m.page.startMB)} -> ${mb(m.page.endMB)} (${signed(m.page.growthPerHourMB)}); ${m.polls} polls, ${count(m.pushes)} pushes in ${m.seconds} s`, '', ''],
  ];
}

/** The target's figure, its parts, and what the same window costs in front, ticking every second. */
function idleOverFloorFigure(f: BenchFigures, overFloor: number): string {
  const c = f.idle.find((i) => i.fleet === 1_000);
  if (!c?.background) return 'n/a';
  // The floor counts the window in front too, so it is not taken from the in-front figure.
  return `${overFloor}% (main ${c.mainPercent}% + Chromium ${c.background.chromiumPercent}%, renderer thread ${c.background.rendererPercent}% - floor ${c.floorChromiumPercent}%, a blank page behind another); in front, redrawn every second: main ${c.mainPercent}% + Chromium ${c.chromiumPercent}%`;
}

/** One row a measure, with its target and verdict where it has one. */
function measuresTable(f: BenchFigures, targets: Targets): string {
  const big = f.paint.find((p) => p.fleet === BIG_FLEET) ?? NO_PAINT;
  // Without the big fleet, its CPU column shows the first fleet's (as it always has).
  const bigMain = f.main.find((m) => m.fleet === BIG_FLEET) ?? { ...f.main[0]!, mainThreadMedianMs: NaN };
  const bigIdle = f.idle.find((c) => c.fleet === BIG_FLEET);
  const { scroll, charts, heap } = f;
  return table(
    ['measure', 'figure', 'target', ''],
    [
      ['poll -> paint p95, 10,000', `${big.p95Ms} ms`, targets.pollToPaintP95.target, verdict(targets.pollToPaintP95.met)],
      ['main thread per poll, 10,000 (median; its CPU time, mean, then CPU of all threads in brackets)', `${bigMain.mainThreadMedianMs} ms (${bigMain.mainThreadCpuMeanMs ?? 'n/a'} ms; ${bigMain.cpuMedianMs} ms)`, targets.mainPerPoll.target, verdict(targets.mainPerPoll.met)],
      ['scrolling 10,000 rows: frames > 20 ms', scroll ? `${scroll.droppedFrames} of ${scroll.frames} (median ${scroll.medianFrameMs} ms, worst ${scroll.worstFrameMs} ms)` : 'n/a', targets.scrollDroppedFrames.target, verdict(targets.scrollDroppedFrames.met)],
      [`select a droplet -> details and charts painted (median of ${charts.selects.length}, the first after launch ${charts.selectFirstMs} ms; each selection, with the history answers it took)`, `${charts.selectMedianMs} ms (${charts.selects.map((x) => `${x.ms} ms/${x.historyCalls}`).join(', ')})`, targets.detailsSelect.target, verdict(targets.detailsSelect.met)],
      ['charts, 1 h from cache: click -> painted (median)', `${charts.h1MedianMs} ms`, '', ''],
      ['charts, 24 h from cache: click -> painted (median / p95)', `${charts.h24MedianMs} / ${charts.h24P95Ms} ms`, '', ''],
      ['charts, 7 days from cache: click -> painted (median / p95)', `${charts.d7MedianMs} / ${charts.d7P95Ms} ms`, targets.chart7d.target, verdict(targets.chart7d.met)],
      ['charts answer, 24 h / 7 d (main ms, bytes; every 7 d sample would be)', `${charts.main24h.ms} ms, ${count(charts.main24h.bytes)} B / ${charts.main7d.ms} ms, ${count(charts.main7d.bytes)} B (${count(charts.raw7dBytes)} B)`, '', ''],
      [`renderer heap, ${heap?.polls ?? 0} polls of ${heap?.fleet ?? 0}`, heap ? `${heap.startMB} -> ${heap.endMB} MB` : 'n/a', targets.heapFlat.target, verdict(targets.heapFlat.met)],
      ...memoryRows(f),
      ...f.idle.map((c) => [
        `idle CPU, ${count(c.fleet)} droplets, poll 10 s (1 min while the feed delivers): main + Chromium`,
        `${c.mainPercent}% (${c.mainPace}) + ${c.chromiumPercent}% (renderer thread ${c.rendererPercent}%, of it script ${c.rendererScriptPercent}%; main with Playwright carrying IPC ${c.mainWithPlaywrightPercent}%)`,
        c.fleet === BIG_FLEET ? targets.idleCpu.target : '',
        c.fleet === BIG_FLEET ? verdict(targets.idleCpu.met) : '',
      ]),
      ['idle over a blank page, 1,000 droplets, the window in the background: main + Chromium - blank page in the same Chromium', idleOverFloorFigure(f, targets.idleCpuOverFloor.value), targets.idleCpuOverFloor.target, verdict(targets.idleCpuOverFloor.met)],
      ["main alone idle, 10,000 droplets, live feed on (of it, main's thread)", bigIdle ? `${targets.mainIdle10k.value}% (${bigIdle.mainThreadPercent}%)` : 'n/a', targets.mainIdle10k.target, verdict(targets.mainIdle10k.met)],
      ['launch -> first fleet rows painted, embedded default (median; main ready in brackets)', `${f.launch.launchToFleetMs} ms (${f.launch.mainReadyMs} ms)`, targets.launchToFleet.target, verdict(targets.launchToFleet.met)],
      ['`steward --help` beyond `node -e 0` (median)', `${f.cli.overNodeMs} ms (${f.cli.cliMedianMs} vs ${f.cli.nodeMedianMs} ms, ${f.cli.runs} runs each)`, targets.cliStartup.target, verdict(targets.cliStartup.met)],
      [`attention engine per poll, ${count(f.attention.fleet)} droplets, ${f.attention.patchesPerPoll} patches (median / p95)`, `${f.attention.medianMs} / ${f.attention.p95Ms} ms`, targets.attentionPerPoll.target, verdict(targets.attentionPerPoll.met)],
      [
        `probing ${count(f.probe.droplets)} droplets every 60 s, per round: main's thread (${f.probe.mainThreadSource}; event-loop active time, whole process in brackets), over ${f.probe.windowSeconds} s`,
        `${f.probe.mainThreadPercentOfCore}% of a core (event loop ${f.probe.eventLoopPercentOfCore}%, all threads ${f.probe.cpuPercentOfCore}%; ${f.probe.probed} probed, at most ${f.probe.peakConcurrency} at once)`,
        targets.probeCpu.target,
        verdict(targets.probeCpu.met),
      ],
      [`poll -> paint p95, ${count(f.probePaint.paint.fleet)} droplets polled every second while probed (${f.probePaint.probedWhilePolling} answered a probe during the ${f.probePaint.paint.polls} polls)`, `${f.probePaint.paint.p95Ms} ms (median ${f.probePaint.paint.medianMs} ms)`, targets.pollToPaintWhileProbing.target, verdict(targets.pollToPaintWhileProbing.met)],
      ['rows re-rendered without a change', String(targets.onlyChangedRowsRender.value), targets.onlyChangedRowsRender.target, verdict(targets.onlyChangedRowsRender.met)],
    ],
  );
}

/** What the bench prints on stdout: the tables, how long it took, and the JSON line last. */
export function report(f: BenchFigures, host: Machine, targets: Targets, tookSeconds: number): string {
  const out: string[] = [];
  out.push(`Steward bench, ${host.date}: ${host.nproc} x ${host.cpu}, ${host.ramGB} GB RAM, Node ${host.node}, Chromium ${host.chromium}, load average ${host.loadAverage.join(' ')}`);
  out.push('');
  out.push(perFleetTable(f));
  out.push('');
  out.push(measuresTable(f, targets));
  out.push('');
  out.push(`bench took ${tookSeconds} s`);
  out.push(JSON.stringify({ machine: host, main: f.main, pollToPaint: f.paint, scroll: f.scroll, charts: f.charts, heap: f.heap, memory: f.memory, idleCpu: f.idle, cli: f.cli, launch: f.launch, attention: f.attention, probe: f.probe, probePaint: f.probePaint, targets }));
  return `${out.join('\n')}\n`;
}
