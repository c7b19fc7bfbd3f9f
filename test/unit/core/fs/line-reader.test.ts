import { describe, expect, it } from 'vitest';
import { readLinesCapped } from '../../../../core/fs/line-reader';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

function collect(): { events: (string[] | 'overlong')[]; sink: { onBatch(l: string[]): void; onOverlong(): void } } {
  const events: (string[] | 'overlong')[] = [];
  return { events, sink: { onBatch: (l) => events.push([...l]), onOverlong: () => events.push('overlong') } };
}

describe('readLinesCapped', () => {
  it('hands on lines across chunk boundaries and answers the torn remainder', async () => {
    const { events, sink } = collect();
    expect(await readLinesCapped(chunks('a\nb', 'c\n\nd'), 10, sink)).toBe('d');
    expect(events).toEqual([['a'], ['bc']]);
  });

  it('never holds a 5 MB line with no newline: one over-long line, nothing handed on', async () => {
    const { events, sink } = collect();
    const mb = 'x'.repeat(1024 * 1024);
    expect(await readLinesCapped(chunks(mb, mb, mb, mb, mb), 64 * 1024, sink)).toBeNull();
    expect(events).toEqual(['overlong']);
  });

  it('reports an over-long line in its place and reads the lines after it', async () => {
    const { events, sink } = collect();
    const garbage = 'x'.repeat(300);
    expect(await readLinesCapped(chunks('one\n', garbage.slice(0, 150), garbage.slice(150), '\ntwo\n', `${garbage}\nthree\n`), 100, sink)).toBeNull();
    expect(events).toEqual([['one'], 'overlong', ['two'], 'overlong', ['three']]);
  });
});
