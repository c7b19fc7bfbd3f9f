/** Everything one bench run measured, as the runner gathers it for the report. */
import type { ChartFigures } from '../measure/charts';
import type { CliStartupFigures } from '../measure/cli-startup';
import type { AttentionFigures } from '../measure/attention';
import type { LaunchFigures } from '../measure/launch';
import type { HeapFigures } from '../measure/heap';
import type { CpuFigures } from '../measure/idle-cpu';
import type { MainFigures } from '../measure/main-per-poll';
import type { MemoryFigures } from '../measure/memory';
import type { PaintFigures } from '../measure/poll-to-paint';
import type { ScrollFigures } from '../measure/scroll';
import type { ProbeFigures } from '../measure/probe';
import type { ProbePaintFigures } from '../measure/probe-paint';

export interface BenchFigures {
  /** The fleet sizes measured, in order. */
  fleets: readonly number[];
  main: MainFigures[];
  paint: PaintFigures[];
  /** Only at the big fleet. */
  scroll: ScrollFigures | null;
  charts: ChartFigures;
  heap: HeapFigures | null;
  /** Main's and the page's memory after an hour at 10,000 droplets (null when left out). */
  memory: MemoryFigures | null;
  /** Idle CPU at each fleet it was measured at. */
  idle: CpuFigures[];
  /** `steward --help` against `node -e 0`. */
  cli: CliStartupFigures;
  /** Main's start -> first fleet rows painted, embedded default, fresh data folder. */
  launch: LaunchFigures;
  /** The attention engine's cost per poll on main's thread at 10,000 droplets. */
  attention: AttentionFigures;
  /** 1,000 droplets probed every 60 s: main's CPU. */
  probe: ProbeFigures;
  /** Poll to paint at 1,000 droplets while the same 1,000 are probed. */
  probePaint: ProbePaintFigures;
}
