/**
 * Lines from a stream of text chunks, never holding more than one chunk plus one line of at
 * most `maxLineChars`: a file with no newline (or a huge one) cannot take all memory. A line
 * longer than the cap is reported by position (onOverlong) and skipped, never handed on.
 */

export interface LineSink {
  /** Whole newline-terminated lines in file order, empty ones skipped. */
  onBatch(lines: string[]): void;
  /** A line longer than the cap stood here (in order with the batches). */
  onOverlong(): void;
}

/** Feeds `sink`; answers the unterminated remainder (a torn last line), if any and within the cap. */
export async function readLinesCapped(chunks: AsyncIterable<string>, maxLineChars: number, sink: LineSink): Promise<string | null> {
  let rest = '';
  // Inside an over-long line already reported: drop text up to its newline.
  let skipping = false;
  for await (let chunk of chunks) {
    if (skipping) {
      const end = chunk.indexOf('\n');
      if (end < 0) continue;
      chunk = chunk.slice(end + 1);
      skipping = false;
    }
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    let batch: string[] = [];
    for (const line of parts) {
      if (line === '') continue;
      if (line.length <= maxLineChars) {
        batch.push(line);
        continue;
      }
      if (batch.length) sink.onBatch(batch);
      batch = [];
      sink.onOverlong();
    }
    if (batch.length) sink.onBatch(batch);
    if (rest.length > maxLineChars) {
      sink.onOverlong();
      rest = '';
      skipping = true;
    }
  }
  return rest === '' ? null : rest;
}
