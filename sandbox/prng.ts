/**
 * A small seeded PRNG (mulberry32). Seeded runs of the fleet and the fault injector repeat
 * exactly; unseeded runs draw their seed from node:crypto so no code path uses Math.random.
 */
import { randomInt } from 'node:crypto';

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Roughly standard normal (sum of uniforms): cheap and bounded, enough for metric noise. */
  gauss(): number;
}

export function createPrng(seed?: number): Prng {
  let state = (seed ?? randomInt(0, 2 ** 32 - 1)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    gauss: () => next() + next() + next() + next() + next() + next() - 3,
  };
}

/** Independent streams from one seed, so e.g. request-driven fault rolls never shift the fleet. */
export function deriveSeed(seed: number | undefined, stream: number): number | undefined {
  return seed === undefined ? undefined : (Math.imul(seed ^ 0x9e3779b9, 2654435761) + stream * 0x85ebca6b) >>> 0;
}
