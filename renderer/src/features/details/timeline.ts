/** Pure model of the heartbeat timeline: the last hour as one-minute slots, uptime-monitor style. */
import { isOverdue } from '../../../../shared/liveness';

export interface Beat {
  t: number;
  status: string;
}

/**
 * - `beat`: at least one beat arrived in the slot (coloured by the last one's status)
 * - `carry`: no beat, but the previous one is not yet overdue (beats are 60 s apart, so
 *   slots without a beat are normal jitter)
 * - `gap`: the previous beat was overdue here: beats stopped
 * - `none`: before the first beat Steward knows of; nothing to say
 */
export type SlotKind = 'beat' | 'carry' | 'gap' | 'none';

export interface Slot {
  start: number;
  end: number;
  kind: SlotKind;
  /** Status of the slot's last beat, or of the beat it carries on from. */
  status: string | null;
  /** Time of that beat. */
  beatT: number | null;
  count: number;
}

export interface TimelineOptions {
  slots: number;
  slotMs: number;
  /** How long a beat covers before the next is overdue (shared/liveness's lateAfterMs). */
  overdueMs: number;
}

/** Beats from several sources, oldest first; the same beat seen twice (within 2 s) counts once. */
export function mergeBeats(...lists: readonly (readonly Beat[])[]): Beat[] {
  const all = lists.flat().filter((b) => Number.isFinite(b.t)).sort((a, b) => a.t - b.t);
  const out: Beat[] = [];
  for (const b of all) {
    const prev = out.at(-1);
    if (prev && b.t - prev.t < 2_000) out[out.length - 1] = b;
    else out.push(b);
  }
  return out;
}

/** Slots ending at the minute boundary after `nowMs`, so they stand still between minutes. */
export function buildSlots(beats: readonly Beat[], nowMs: number, opts: TimelineOptions): Slot[] {
  const end = Math.ceil(nowMs / opts.slotMs) * opts.slotMs;
  const start = end - opts.slots * opts.slotMs;
  let i = 0;
  let prev: Beat | null = null;
  // Beats before the window still tell whether its first slots are a gap or a carry.
  while (i < beats.length && beats[i]!.t < start) prev = beats[i++]!;

  const slots: Slot[] = [];
  for (let s = 0; s < opts.slots; s++) {
    const slotStart = start + s * opts.slotMs;
    const slotEnd = slotStart + opts.slotMs;
    let count = 0;
    let last: Beat | null = null;
    while (i < beats.length && beats[i]!.t < slotEnd) {
      last = beats[i++]!;
      count++;
    }
    if (last) {
      slots.push({ start: slotStart, end: slotEnd, kind: 'beat', status: last.status, beatT: last.t, count });
      prev = last;
    } else if (!prev) {
      slots.push({ start: slotStart, end: slotEnd, kind: 'none', status: null, beatT: null, count: 0 });
    } else {
      // The fleet's rule at the slot's start: a slot the beat still covers, even for an instant, carries it.
      const kind = isOverdue(prev.t, slotStart, opts.overdueMs) ? 'gap' : 'carry';
      slots.push({ start: slotStart, end: slotEnd, kind, status: prev.status, beatT: prev.t, count: 0 });
    }
  }
  return slots;
}
