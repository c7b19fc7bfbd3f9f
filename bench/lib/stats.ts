/** The bench's arithmetic: medians, quantiles, rounding for the report. */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The nearest-rank quantile (NaN for no values). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i]!;
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
