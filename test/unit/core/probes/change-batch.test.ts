// probesChanged pacing: fresh readings reach the window at most every 10 s, a verdict change at once, none lost.
import { describe, expect, it } from 'vitest';
import { ChangeBatch } from '../../../../core/probes/change-batch';

describe('ChangeBatch', () => {
  it('sends readings alone at most once per interval, gathering the ids between', () => {
    const b = new ChangeBatch(10_000);
    b.add([1, 2]);
    expect(b.take(0)).toEqual([1, 2]);
    b.add([3]);
    expect(b.take(1_000)).toBeNull();
    b.add([4, 3]);
    expect(b.take(9_999)).toBeNull();
    expect(b.take(10_000)).toEqual([3, 4]);
    expect(b.take(30_000)).toBeNull(); // nothing changed
  });

  it('sends at once when a verdict changed, with the readings gathered so far', () => {
    const b = new ChangeBatch(10_000);
    expect(b.take(0)).toBeNull();
    b.add([1]);
    expect(b.take(0)).toEqual([1]);
    b.add([2]);
    b.add([5], true);
    expect(b.take(1_000)).toEqual([2, 5]);
    b.add([6]);
    expect(b.take(2_000)).toBeNull(); // the urgent one went; readings wait again
  });
});
