/**
 * Whether Steward can keep what it keeps: the metric history and the communications log each
 * report every write (failure or success); while any fails, one plain warning names the
 * folder and the reason, and it goes as soon as writes succeed again.
 */
import { writeFailureReason } from './write-failure';

export type StoredThing = 'history' | 'log';

const NAMES: Record<StoredThing, string> = { history: 'History', log: 'The log' };

export class StorageHealth {
  private readonly failing = new Map<StoredThing, string>();
  private current: string | null = null;

  constructor(
    private readonly folder: string,
    /** Called when the warning appears, changes or clears (null). */
    private readonly onChange: (warning: string | null) => void,
  ) {}

  /** A write's outcome: the failure, or null for a success. */
  report(what: StoredThing, failure: unknown): void {
    if (failure === null || failure === undefined) this.failing.delete(what);
    else this.failing.set(what, writeFailureReason(failure));
    const next = this.words();
    if (next === this.current) return;
    this.current = next;
    this.onChange(next);
  }

  get warning(): string | null {
    return this.current;
  }

  private words(): string | null {
    if (this.failing.size === 0) return null;
    const what = this.failing.size === 2 ? 'History and the log' : NAMES[[...this.failing.keys()][0]!];
    const reasons = [...new Set(this.failing.values())].join('; ');
    return `${what} cannot be written to ${this.folder}: ${reasons}. Steward keeps working and tries again with each new entry.`;
  }
}
