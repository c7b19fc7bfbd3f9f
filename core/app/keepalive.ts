/**
 * Keep-alive: Steward beats on a droplet's behalf (for a droplet under maintenance or a
 * test droplet) at the pace the Orchestrator asks for. A failed beat is recorded and the
 * loop carries on: a passing outage must not silently end a keep-alive.
 */
import type { HeartbeatAck, HeartbeatInput, KeepAlive } from '../../shared/model';
import { errorText } from '../../shared/error-text';

export interface KeepAliveOptions {
  send: (input: HeartbeatInput) => Promise<HeartbeatAck>;
  onChange: (list: KeepAlive[]) => void;
  /** Used until the Orchestrator names an interval, and after failures before it has. */
  defaultIntervalSeconds?: number;
  /** Floor for what the Orchestrator asks (a deadline already past answers 0). */
  minIntervalSeconds?: number;
  /** Ceiling, so a nonsense answer cannot park a loop for days. */
  maxIntervalSeconds?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Entry {
  input: HeartbeatInput;
  intervalSeconds: number;
  nextBeatAt: string | null;
  lastError: string | null;
  beatsSent: number;
  timer: unknown;
  inFlight: boolean;
  /** The input changed while a beat was in flight: beat again as soon as it lands. */
  dirty: boolean;
}

export class KeepAliveScheduler {
  private readonly entries = new Map<number, Entry>();
  private readonly send: KeepAliveOptions['send'];
  private readonly onChange: KeepAliveOptions['onChange'];
  private readonly defaultInterval: number;
  private readonly minInterval: number;
  private readonly maxInterval: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(opts: KeepAliveOptions) {
    this.send = opts.send;
    this.onChange = opts.onChange;
    this.minInterval = Math.max(0.001, opts.minIntervalSeconds ?? 5);
    this.maxInterval = Math.max(this.minInterval, opts.maxIntervalSeconds ?? 3600);
    const fallback = opts.defaultIntervalSeconds ?? 60;
    this.defaultInterval = Math.min(this.maxInterval, Math.max(this.minInterval, Number.isFinite(fallback) ? fallback : 60));
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Beat now, then at the Orchestrator's pace. For a running droplet: new status/metrics, beat now. */
  start(input: HeartbeatInput): KeepAlive[] {
    const existing = this.entries.get(input.id);
    if (existing) {
      existing.input = input;
      if (existing.inFlight) existing.dirty = true;
      else this.beat(input.id, existing);
    } else {
      const entry: Entry = { input, intervalSeconds: this.defaultInterval, nextBeatAt: null, lastError: null, beatsSent: 0, timer: null, inFlight: false, dirty: false };
      this.entries.set(input.id, entry);
      this.beat(input.id, entry);
    }
    return this.emit();
  }

  stop(dropletId: number): KeepAlive[] {
    const entry = this.entries.get(dropletId);
    if (entry) {
      this.cancel(entry);
      this.entries.delete(dropletId);
    }
    return this.emit();
  }

  list(): KeepAlive[] {
    return [...this.entries.entries()]
      .sort(([a], [b]) => a - b)
      .map(([dropletId, e]) => ({ dropletId, status: e.input.status, nextBeatAt: e.nextBeatAt, lastError: e.lastError, beatsSent: e.beatsSent }));
  }

  stopAll(): void {
    if (!this.entries.size) return;
    for (const entry of this.entries.values()) this.cancel(entry);
    this.entries.clear();
    this.emit();
  }

  private beat(id: number, entry: Entry): void {
    this.cancel(entry);
    entry.inFlight = true;
    entry.dirty = false;
    entry.nextBeatAt = null;
    const input = entry.input;
    Promise.resolve()
      .then(() => this.send(input))
      .then(
        (ack) => {
          if (ack.acknowledged) {
            entry.beatsSent++;
            entry.lastError = null;
          } else {
            entry.lastError = 'The Orchestrator answered but did not acknowledge the heartbeat';
          }
          if (ack.nextHeartbeatInSeconds !== null) entry.intervalSeconds = this.clamp(ack.nextHeartbeatInSeconds);
        },
        (e: unknown) => {
          entry.lastError = errorText(e);
        },
      )
      .finally(() => {
        entry.inFlight = false;
        if (this.entries.get(id) !== entry) return; // stopped (or restarted afresh) meanwhile
        if (entry.dirty) return this.beat(id, entry);
        this.schedule(id, entry);
        this.emit();
      })
      .catch(() => undefined);
  }

  private schedule(id: number, entry: Entry): void {
    const ms = entry.intervalSeconds * 1000;
    entry.nextBeatAt = new Date(this.now() + ms).toISOString();
    entry.timer = this.setTimer(() => {
      entry.timer = null;
      if (this.entries.get(id) === entry) this.beat(id, entry);
    }, ms);
  }

  private cancel(entry: Entry): void {
    if (entry.timer !== null) this.clearTimer(entry.timer);
    entry.timer = null;
  }

  private clamp(seconds: number): number {
    if (!Number.isFinite(seconds)) return this.defaultInterval;
    return Math.min(this.maxInterval, Math.max(this.minInterval, seconds));
  }

  private emit(): KeepAlive[] {
    const list = this.list();
    try {
      this.onChange(list);
    } catch {
      // A listener's failure must not break the loop.
    }
    return list;
  }
}
