/** Heartbeats for several droplets at once: a few at a time, each failure named, none stopping the rest. */
import type { Droplet, HeartbeatInput } from '../../../../shared/model';
import { quickBeat } from './row-actions';

export interface BulkOutcome {
  sent: number[];
  failed: { id: number; message: string }[];
}

export const BULK_CONCURRENCY = 4;

export async function beatAll(droplets: readonly Droplet[], send: (input: HeartbeatInput) => Promise<unknown>, errorOf: (e: unknown) => string): Promise<BulkOutcome> {
  const out: BulkOutcome = { sent: [], failed: [] };
  let next = 0;
  async function worker(): Promise<void> {
    while (next < droplets.length) {
      const d = droplets[next++]!;
      try {
        await send(quickBeat(d));
        out.sent.push(d.id);
      } catch (e) {
        out.failed.push({ id: d.id, message: errorOf(e) });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, droplets.length) }, worker));
  out.sent.sort((a, b) => a - b);
  out.failed.sort((a, b) => a.id - b.id);
  return out;
}

export function bulkWords(o: BulkOutcome): string {
  const total = o.sent.length + o.failed.length;
  if (o.failed.length === 0) return `Heartbeat sent for ${total} droplet${total === 1 ? '' : 's'}.`;
  const first = o.failed[0]!;
  const more = o.failed.length > 1 ? ` (and ${o.failed.length - 1} more)` : '';
  return `Heartbeat sent for ${o.sent.length} of ${total}; droplet ${first.id}: ${first.message}${more}`;
}
