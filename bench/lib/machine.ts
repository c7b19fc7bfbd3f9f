/** The machine a bench ran on, for the report's first line and the JSON's `machine`. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { round } from './stats';

export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  ramGB: number;
  node: string;
  chromium: string;
  loadAverage: number[];
}

export function machine(chromium: string): Machine {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  return { date: new Date().toISOString(), nproc: cpus().length, cpu: model, ramGB: round(totalmem() / 1024 ** 3, 1), node: process.version, chromium, loadAverage: loadavg().map((x) => round(x, 2)) };
}
