/**
 * `steward watch`: the app's attention engine on a terminal. It reads the fleet every
 * interval (and follows /ws/droplets when the Orchestrator has it; polling alone otherwise),
 * judges lateness every second, and prints one line per event (a JSON line with --json) until
 * interrupted. The first fleet it reads is taken as it is: only changes are printed.
 */
import type { AttentionEvent, AttentionItem } from '../shared/attention';
import { DEFAULT_ATTENTION_SETTINGS } from '../shared/attention';
import { DEFAULT_LIVENESS, lateAfterMs } from '../shared/liveness';
import { AttentionEngine, summarise, type FleetInput } from '../core/attention/engine';
import { inlineFleetDecoder } from '../core/fleet/decoder';
import { LiveFeed } from '../core/fleet/live-feed';
import { readFleet } from '../core/fleet/read-fleet';
import { createOrchestratorClient } from '../core/orchestrator/client';
import { toIpcError } from '../core/orchestrator/errors';
import { loadKeyFile } from '../core/signing/keys';
import { createSigner } from '../core/signing/signer';
import type { Common } from './args';

export interface WatchCommand {
  name: 'watch';
  intervalSeconds: number;
  status?: string;
  capability?: string;
  holdSeconds: number;
  groupSeconds: number;
}

export interface WatchIo {
  /** One event's line (no newline). */
  print(line: string): void;
  warn(message: string): void;
  /** Aborted on SIGINT/SIGTERM: the watch stops and resolves. */
  signal: AbortSignal;
}

/** "2026-03-01T10:00:05Z  inactive   api-1 went inactive (Orchestrator status inactive)" */
export function eventLine(e: AttentionEvent): string {
  const time = new Date(e.at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${time}  ${e.kind.padEnd(13)}${e.muted ? '(muted) ' : ''}${e.summary}`;
}

/** The event with only the droplets the filters keep; null when none is left. */
export function filterEvent(e: AttentionEvent, f: { status?: string; capability?: string }, capabilitiesOf: (id: number) => readonly string[]): AttentionEvent | null {
  if (!f.status && !f.capability) return e;
  if (e.items.length === 0) return f.capability || (f.status && f.status !== 'absent') ? null : e;
  const keep = (i: AttentionItem): boolean => (!f.status || i.from === f.status || i.to === f.status) && (!f.capability || capabilitiesOf(i.id).includes(f.capability));
  const items = e.items.filter(keep);
  if (items.length === 0) return null;
  // Items beyond the 50 carried are not known here: the count is what is kept.
  const count = items.length === e.items.length ? e.count : items.length;
  return { ...e, items, count, summary: summarise(e.kind, items, count) };
}

export async function watch(common: Common & { url: string; keyPath: string }, cmd: WatchCommand, io: WatchIo): Promise<void> {
  const baseUrl = new URL(common.url).toString();
  const signer = createSigner({ privateKeyPem: await loadKeyFile(common.keyPath), claims: common.steward !== undefined ? { steward: common.steward } : {} });
  const client = createOrchestratorClient({ baseUrl, signer, identityDropletId: common.identity, dialect: common.dialect, timeoutMs: common.timeoutMs });
  const decoder = inlineFleetDecoder();
  const capabilities = new Map<number, readonly string[]>();
  const emit = (e: AttentionEvent): void => {
    const kept = filterEvent(e, cmd, (id) => capabilities.get(id) ?? []);
    if (kept) io.print(common.json ? JSON.stringify(kept) : eventLine(kept));
  };
  const engine = new AttentionEngine({
    lateAfterMs: lateAfterMs(DEFAULT_LIVENESS),
    settings: { ...DEFAULT_ATTENTION_SETTINGS, holdSeconds: cmd.holdSeconds, groupSeconds: cmd.groupSeconds },
    isMuted: () => false,
    onEvent: emit,
  });

  const remember = (u: FleetInput): void => {
    for (const d of u.droplets) capabilities.set(d.id, d.capabilities);
    for (const p of u.patches) if (p.capabilities) capabilities.set(p.id, p.capabilities);
  };
  let lastProblem: string | null = null;
  const poll = async (): Promise<void> => {
    try {
      const { update } = await readFleet(client, decoder, {}, { nowMs: Date.now(), since: engine.fleetMark ?? undefined });
      remember(update);
      if (!engine.applyFleet(update, Date.now())) {
        const whole = await readFleet(client, decoder, {}, { nowMs: Date.now() });
        remember(whole.update);
        engine.applyFleet(whole.update, Date.now());
      }
      if (lastProblem !== null) io.warn('reading the fleet works again');
      lastProblem = null;
    } catch (e) {
      // One warning per distinct failure, not one a poll: the watch keeps trying.
      const text = toIpcError(e).message;
      if (text !== lastProblem) io.warn(`cannot read the fleet: ${text}`);
      lastProblem = text;
    }
  };

  const live = new LiveFeed({ baseUrl, token: () => signer.tokenFor(common.identity), onChange: (c) => {
    decoder.applyStatus(c);
    engine.applyStatus(c, Date.now());
  } });
  live.start();
  await poll();
  io.warn(`watching ${engine.size} droplets every ${cmd.intervalSeconds} s; Ctrl-C stops`);
  const ticker = setInterval(() => engine.tick(Date.now()), 1000);
  let polling = false;
  const poller = setInterval(() => {
    if (polling) return;
    polling = true;
    void poll().finally(() => (polling = false));
  }, cmd.intervalSeconds * 1000);
  try {
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    clearInterval(ticker);
    clearInterval(poller);
    live.stop();
    engine.flushAll(Date.now());
    await decoder.close();
  }
}
