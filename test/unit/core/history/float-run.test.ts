/** The off-heap run the history keeps its samples in: what a JS array did, it does. */
import { describe, expect, it } from 'vitest';
import { FloatRun } from '../../../../core/history/float-run';

const all = (r: FloatRun): number[] => [...r.view()];

describe('FloatRun', () => {
  it('grows past its first capacity keeping every number in order', () => {
    const r = new FloatRun(2);
    for (let i = 0; i < 1000; i++) r.push(i, -i);
    expect(r.length).toBe(2000);
    expect(r.at(0)).toBe(0);
    expect(r.at(1999)).toBe(-999);
    expect(all(r).filter((_, i) => i % 2 === 0)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('inserts in the middle, moving the rest up, and keeps NaN', () => {
    const r = new FloatRun(4);
    r.append([1, 2, 5, 6]);
    r.insert(2, [3, Number.NaN]);
    expect(all(r)).toEqual([1, 2, 3, Number.NaN, 5, 6]);
    r.insert(0, [0]);
    r.insert(r.length, [7]);
    expect(all(r)).toEqual([0, 1, 2, 3, Number.NaN, 5, 6, 7]);
  });

  it('drops from the front and truncates, and a view shows only what is in use', () => {
    const r = new FloatRun();
    r.append([1, 2, 3, 4, 5, 6]);
    r.dropFront(2);
    expect(all(r)).toEqual([3, 4, 5, 6]);
    expect([...r.view(1, 3)]).toEqual([4, 5]);
    r.truncate(1);
    expect(all(r)).toEqual([3]);
    r.dropFront(5);
    expect(r.length).toBe(0);
    r.push(9);
    expect(all(r)).toEqual([9]);
  });

  it('gives memory back once most of a large run is dropped, keeping what is left', () => {
    const r = new FloatRun();
    for (let i = 0; i < 10_000; i++) r.push(i);
    const big = r.view().buffer.byteLength;
    r.dropFront(9_990);
    expect(all(r)).toEqual([9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999]);
    expect(r.view().buffer.byteLength).toBeLessThan(big / 100);
  });
});
