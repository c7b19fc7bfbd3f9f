/** The in-memory series on their own, without the facade's parsing and file. */
import { describe, expect, it } from 'vitest';
import { METRIC_COLUMNS, metricValues, SeriesStore } from '../../../../core/history/series';
import { CHARTED_METRICS } from '../../../../shared/model';

describe('SeriesStore', () => {
  it('has a column for every charted metric, and only those', () => {
    expect([...METRIC_COLUMNS].sort()).toEqual([...CHARTED_METRICS].sort());
  });

  it('gives each metric back under its own name', () => {
    const store = new SeriesStore();
    const metrics = { errors_last_minute: 4, requests_last_minute: 3, memory_mb: 2, cpu_percent: 1 };
    store.insert(7, 1_000, store.statusCode('active'), metricValues(metrics));
    store.insert(7, 2_000, store.statusCode(null), metricValues(null));
    expect(store.samples(7)).toEqual([
      { t: 1_000, status: 'active', cpu_percent: 1, memory_mb: 2, requests_last_minute: 3, errors_last_minute: 4 },
      { t: 2_000, status: null, cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null },
    ]);
  });
});
