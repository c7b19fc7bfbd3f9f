/**
 * The bench's targets, judged from its figures: the JSON's `targets` and the verdicts in the
 * printed table. To add one, add its goal to GOALS and an entry to `judgeTargets`; it then
 * appears in the JSON as `targets.<key>: { target, value, met }`.
 */
import { BIG_FLEET } from './fleet-sizes';
import type { BenchFigures } from './figures';
import { round } from './stats';

const GOALS = {
  pollToPaintP95Ms: 50,
  mainPerPollMs: 20,
  droppedFrames: 0,
  chart7dMs: 16,
  /** MB the renderer's heap may grow over the heap polls and still count as flat. */
  heapFlatMB: 2,
  idleCpuPercent: 1,
  mainIdle10kPercent: 0.5,
  idleOverFloorPercent: 0.5,
  cliOverNodeMs: 150,
  launchToFleetMs: 1_500,
  detailsSelectMs: 50,
  attentionPerPollMs: 2,
  probeCpuPercent: 1,
};

export interface Target {
  /** The goal, in words. */
  target: string;
  value: number;
  met: boolean;
}

export type Targets = ReturnType<typeof judgeTargets>;

export function judgeTargets(f: BenchFigures) {
  const big = f.paint.find((p) => p.fleet === BIG_FLEET);
  const bigP95 = big?.p95Ms ?? NaN;
  const bigMain = f.main.find((m) => m.fleet === BIG_FLEET)?.mainThreadMedianMs ?? NaN;
  const wasted = f.paint.reduce((n, p) => n + p.rows.unexplained, 0);
  const idleBig = f.idle.find((c) => c.fleet === BIG_FLEET);
  const idleTotal = idleBig ? idleBig.mainPercent + idleBig.chromiumPercent : NaN;
  const mainIdle = idleBig?.mainPercent ?? NaN;
  const idle1k = f.idle.find((c) => c.fleet === 1_000);
  // Left open all day, Steward is mostly in the background: judged there (idle-cpu.ts).
  const overFloor = idle1k?.background ? round(idle1k.mainPercent + idle1k.background.chromiumPercent - idle1k.floorChromiumPercent, 2) : NaN;
  return {
    pollToPaintP95: { target: `< ${GOALS.pollToPaintP95Ms} ms at 10,000`, value: bigP95, met: bigP95 < GOALS.pollToPaintP95Ms },
    mainPerPoll: { target: `< ${GOALS.mainPerPollMs} ms at 10,000`, value: bigMain, met: bigMain < GOALS.mainPerPollMs },
    scrollDroppedFrames: { target: 'none', value: f.scroll?.droppedFrames ?? NaN, met: f.scroll?.droppedFrames === GOALS.droppedFrames },
    chart7d: { target: `< ${GOALS.chart7dMs} ms`, value: f.charts.d7MedianMs, met: f.charts.d7MedianMs < GOALS.chart7dMs },
    heapFlat: { target: 'flat', value: f.heap?.growthMB ?? NaN, met: f.heap !== null && f.heap.growthMB < GOALS.heapFlatMB },
    idleCpu: { target: `< ${GOALS.idleCpuPercent}% of a core`, value: round(idleTotal, 2), met: idleTotal < GOALS.idleCpuPercent },
    idleCpuOverFloor: { target: `< ${GOALS.idleOverFloorPercent}% of a core at 1,000, the window in the background (main + Chromium - a blank page)`, value: overFloor, met: overFloor < GOALS.idleOverFloorPercent },
    mainIdle10k: { target: `< ${GOALS.mainIdle10kPercent}% of a core at 10,000 with the live feed`, value: mainIdle, met: mainIdle < GOALS.mainIdle10kPercent },
    detailsSelect: { target: `< ${GOALS.detailsSelectMs} ms (select a droplet with 7 days of history -> details and charts painted, median)`, value: f.charts.selectMedianMs, met: f.charts.selectMedianMs < GOALS.detailsSelectMs },
    launchToFleet: { target: `< ${GOALS.launchToFleetMs} ms`, value: f.launch.launchToFleetMs, met: f.launch.launchToFleetMs < GOALS.launchToFleetMs },
    cliStartup: { target: `< ${GOALS.cliOverNodeMs} ms beyond node's start`, value: f.cli.overNodeMs, met: f.cli.overNodeMs < GOALS.cliOverNodeMs },
    attentionPerPoll: { target: `< ${GOALS.attentionPerPollMs} ms at 10,000`, value: f.attention.medianMs, met: f.attention.medianMs < GOALS.attentionPerPollMs },
    // The issue asks what probing costs main's thread: that thread's CPU, not the process's GC and compiler threads.
    pollToPaintWhileProbing: { target: `< ${GOALS.pollToPaintP95Ms} ms p95 at 1,000 while probing them`, value: f.probePaint.paint.p95Ms, met: f.probePaint.paint.p95Ms < GOALS.pollToPaintP95Ms },
    probeCpu: { target: `< ${GOALS.probeCpuPercent}% of a core (main's thread)`, value: f.probe.mainThreadPercentOfCore, met: f.probe.mainThreadPercentOfCore < GOALS.probeCpuPercent },
    onlyChangedRowsRender: { target: '0 unexplained row renders', value: wasted, met: wasted === 0 },
  } satisfies Record<string, Target>;
}
