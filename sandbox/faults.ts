/**
 * Fault injection: added latency on every HTTP request, and a fraction of requests answered
 * with 500 or 503 before they touch the store (so a failed call has no side effect).
 */
import type { Prng } from './prng';
import type { Reply } from './reply';

export interface FaultSettings {
  latencyMs?: number;
  errorRate?: number;
}

export class Faults {
  private latencyMs = 0;
  private errorRate = 0;

  constructor(private readonly rng: Prng, initial: FaultSettings = {}) {
    this.set(initial);
  }

  /** Only the given fields change. Throws on values out of range rather than clamping silently. */
  set(f: FaultSettings): void {
    if (f.latencyMs !== undefined) {
      if (!Number.isFinite(f.latencyMs) || f.latencyMs < 0) throw new RangeError('latencyMs must be a number >= 0');
      this.latencyMs = f.latencyMs;
    }
    if (f.errorRate !== undefined) {
      if (!Number.isFinite(f.errorRate) || f.errorRate < 0 || f.errorRate > 1) throw new RangeError('errorRate must be between 0 and 1');
      this.errorRate = f.errorRate;
    }
  }

  get current(): Required<FaultSettings> {
    return { latencyMs: this.latencyMs, errorRate: this.errorRate };
  }

  /** Wait the configured latency; then either a failure to answer with, or null to go on. */
  async apply(): Promise<Reply | null> {
    if (this.latencyMs > 0) await delay(this.latencyMs);
    if (this.errorRate > 0 && this.rng.next() < this.errorRate) {
      return this.rng.chance(0.5)
        ? { status: 500, body: { detail: 'Internal Server Error (sandbox fault injection)' } }
        : { status: 503, body: { detail: 'Service Unavailable (sandbox fault injection)' } };
    }
    return null;
  }
}

function delay(ms: number): Promise<void> {
  // Unreferenced so a sandbox closed mid-delay never keeps the process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
