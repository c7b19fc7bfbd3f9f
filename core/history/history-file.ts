/**
 * The metric history on disk: JSON lines, appended per flush (cost proportional to what is
 * new, not to the whole history) and compacted through writeFileAtomic when the file holds
 * much more than memory. A crash mid-append can only leave a torn last line, which reading
 * ignores; samples are idempotent, so replaying the file gives the state before the crash
 * plus whole new lines. Any other damage is copied aside and reported, then the file is
 * rewritten.
 */
import { errorText } from '../../shared/error-text';
import { appendWhole } from '../fs/append-whole';
import { moveAside, writeFileAtomic } from '../fs/atomic-file';
import { errorCode } from '../fs/errors';
import { readLinesCapped, type LineSink } from '../fs/line-reader';
import { openNoFollow, tightenFile } from '../fs/private-fs';
import { METRIC_COUNT, STRIDE, type SeriesStore } from './series';

const HEADER = JSON.stringify({ steward: 'metric-history', version: 1 });
/** A file line is [dropletId, epochMs, status|null, ...metrics|null], metrics in METRIC_COLUMNS order. */
export const LINE_LENGTH = 1 + STRIDE;
/** Extra file lines tolerated before compacting (beyond 2x the samples in memory). */
const COMPACT_SLACK = 20_000;
const SNAPSHOT_PIECE_CHARS = 512 * 1024;
/** A line is about 200 characters; one far longer is damage, skipped unread rather than held whole. */
export const MAX_LINE_CHARS = 64 * 1024;

export interface ReadOutcome {
  warning: string | null;
  /** Damage was kept aside: rewrite the file from memory now. */
  rewrite: boolean;
}

export class HistoryFile {
  /** False once the file could not be read or its damage kept aside: never overwrite it then. */
  writable = true;
  private linesInFile = 0;
  private needsCompaction = true;

  constructor(
    readonly path: string,
    /** Clock for the name of a damaged file's backup. */
    private readonly now: () => number,
  ) {}

  /** Read the file into `store`, merging with what it holds already. */
  async read(store: SeriesStore): Promise<ReadOutcome> {
    const file = this.path;
    let lines = 0;
    let bad = 0;
    let headerOk: boolean | null = null;
    let torn: string | null;
    try {
      torn = await readLineBatches(file, {
        onBatch: (batch) => {
          lines += batch.length;
          if (headerOk === null) headerOk = batch[0] === HEADER;
          bad += applyLines(store, batch, headerOk && lines === batch.length ? 1 : 0);
        },
        onOverlong: () => {
          lines++;
          headerOk ??= false;
          bad++;
        },
      });
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return { warning: null, rewrite: false };
      // Never overwrite what could not be read (it may be a passing permission problem).
      this.writable = false;
      return { warning: `The metric history in ${file} could not be read (${errorText(e)}); charts start empty and history is not saved this session.`, rewrite: false };
    }
    headerOk ??= torn === null; // no whole line: fine if empty, garbage otherwise
    // Cut just before its newline, a torn line can still be whole.
    if (torn !== null && headerOk) applyLines(store, [torn], 0);
    this.linesInFile = lines;
    // A torn last line is what a crash mid-append leaves: expected, so no warning; the
    // rewrite puts the missing newline back before anything is appended.
    this.needsCompaction = torn !== null || !headerOk || bad > 0 || lines === 0;
    if (headerOk && bad === 0) return { warning: null, rewrite: false };

    const what = headerOk ? `has ${bad} unreadable line${bad === 1 ? '' : 's'}` : 'is not a Steward history file';
    let backup: string;
    try {
      backup = await moveAside(file, { copy: true, now: new Date(this.now()) });
    } catch (e) {
      this.writable = false;
      return { warning: `The metric history in ${file} ${what} and could not be kept aside (${errorText(e)}); it is left untouched and history is not saved this session.`, rewrite: false };
    }
    return { warning: `The metric history in ${file} ${what}; ${store.retained} readable samples were kept and the original is kept as ${backup}.`, rewrite: true };
  }

  /** The next write should rewrite the whole file rather than append. */
  wantsCompaction(retained: number): boolean {
    return this.needsCompaction || this.linesInFile > 2 * retained + COMPACT_SLACK;
  }

  /** After the total cap dropped samples: rewrite before the file grows far beyond memory. */
  noteShed(retained: number): void {
    if (this.linesInFile > 2 * retained + COMPACT_SLACK) this.needsCompaction = true;
  }

  /** Samples were forgotten (stamped in the future): rewrite so they do not come back at the next start. */
  noteDropped(): void {
    this.needsCompaction = true;
  }

  /** Replace the file with what `store` holds. */
  async compact(store: SeriesStore): Promise<void> {
    this.needsCompaction = true; // until the rewrite is done
    const counter = { lines: 0 };
    await writeFileAtomic(this.path, snapshot(store, counter));
    this.needsCompaction = false;
    this.linesInFile = counter.lines;
  }

  /** Append samples, LINE_LENGTH numbers each (status as `store`'s code). */
  async append(flat: ArrayLike<number>, store: SeriesStore): Promise<void> {
    // Never through a link planted in the file's place.
    const fh = await openNoFollow(this.path, 'append');
    try {
      await appendWhole(fh, linesOf(flat, store));
      await fh.datasync();
    } finally {
      await fh.close();
    }
    this.linesInFile += flat.length / LINE_LENGTH;
  }
}

/** The whole history as file text, one droplet per chunk, built as the write goes (no pause). */
function* snapshot(store: SeriesStore, counter: { lines: number }): Generator<string> {
  // Written in pieces of about half a megabyte: one write per droplet would be 10,000 file
  // operations (most of a compaction's cost on main's thread), one for everything a pause.
  let piece = '';
  for (const text of snapshotLines(store, counter)) {
    piece += text;
    if (piece.length >= SNAPSHOT_PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

function* snapshotLines(store: SeriesStore, counter: { lines: number }): Generator<string> {
  counter.lines = 1;
  yield HEADER + '\n';
  const row: number[] = [];
  for (const { id, data } of store.retainedSeries()) {
    row.length = 0;
    for (let i = 0; i < data.length; i += STRIDE) {
      row.push(id);
      for (let k = 0; k < STRIDE; k++) row.push(data[i + k]!);
    }
    if (!row.length) continue;
    counter.lines += row.length / LINE_LENGTH;
    yield linesOf(row, store);
  }
}

/** Apply file lines from index `from`; answers how many were unreadable. */
function applyLines(store: SeriesStore, lines: string[], from: number): number {
  if (from >= lines.length) return 0;
  // One JSON.parse per batch is several times faster than one per line.
  let rows: unknown[] | null = null;
  try {
    const parsed: unknown = JSON.parse(`[${(from ? lines.slice(from) : lines).join(',')}]`);
    if (Array.isArray(parsed) && parsed.length === lines.length - from) rows = parsed;
  } catch {
    // Some line is damaged: fall back to one at a time below.
  }
  let bad = 0;
  for (let i = from; i < lines.length; i++) {
    let row: unknown = undefined;
    if (rows) row = rows[i - from];
    else {
      try {
        row = JSON.parse(lines[i]!);
      } catch {
        // counted below
      }
    }
    if (!applyRow(store, row)) bad++;
  }
  return bad;
}

function applyRow(store: SeriesStore, v: unknown): boolean {
  if (!Array.isArray(v) || v.length !== LINE_LENGTH) return false;
  const [id, t, status] = v as unknown[];
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) return false;
  if (typeof t !== 'number' || !Number.isFinite(t)) return false;
  if (status !== null && typeof status !== 'string') return false;
  const values: number[] = [];
  for (let k = 0; k < METRIC_COUNT; k++) {
    const x: unknown = v[3 + k];
    if (x === null) values.push(NaN);
    else if (typeof x === 'number' && Number.isFinite(x)) values.push(x);
    else return false;
  }
  store.insert(id, t, store.statusCode(status), values);
  return true;
}

/**
 * Samples as file lines. Each line is one JSON.stringify of a reused row: a poll at 10,000
 * droplets appends ~9,000 lines, and building them from template pieces made ~70,000 short-lived
 * strings (6.7 MB of main's garbage a poll, more than anything else main does for it).
 */
function linesOf(flat: ArrayLike<number>, store: SeriesStore): string {
  const row: (number | string | null)[] = new Array<number | string | null>(LINE_LENGTH).fill(null);
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += LINE_LENGTH) {
    row[0] = flat[i]!;
    row[1] = flat[i + 1]!;
    row[2] = store.statusName(flat[i + 2]!);
    for (let k = 0; k < METRIC_COUNT; k++) {
      const v = flat[i + 3 + k]!;
      row[3 + k] = Number.isNaN(v) ? null : v;
    }
    out.push(JSON.stringify(row));
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/**
 * Feed the newline-terminated lines (empty ones skipped) to `sink`, a read chunk at a time,
 * and answer the unterminated remainder (a torn append), if any. The file is opened without
 * following a link, and narrowed to 0600 if an older Steward left it wider.
 */
async function readLineBatches(file: string, sink: LineSink): Promise<string | null> {
  const fh = await openNoFollow(file, 'read');
  try {
    // Best effort: a read-only disk still lets the history be read.
    await tightenFile(fh).catch(() => undefined);
    const stream = fh.createReadStream({ encoding: 'utf8', highWaterMark: 1 << 20, autoClose: false });
    return await readLinesCapped(stream as AsyncIterable<string>, MAX_LINE_CHARS, sink);
  } finally {
    await fh.close();
  }
}

