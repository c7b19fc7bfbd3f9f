/**
 * What main does with an exception nobody caught or a promise nobody awaited: the whole
 * story (stack included) goes to the log, and the steward gets plain words in a dialog,
 * never a stack trace. Electron's own handler would show the stack instead.
 */

export type CrashKind = 'uncaughtException' | 'unhandledRejection';

export interface CrashGuardDeps {
  /** The log (console, or a file): may hold the stack. */
  log(message: string): void;
  /** A native error box: title and plain words only. */
  showError(title: string, message: string): void;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
}

/** One dialog at most per this many ms: a failure in a loop must not bury the steward in boxes. */
export const DIALOG_INTERVAL_MS = 60_000;
const MAX_SUMMARY_CHARS = 200;

export const CRASH_DIALOG_TITLE = 'Steward hit an unexpected problem';

export function createCrashGuard(deps: CrashGuardDeps): (kind: CrashKind, error: unknown) => void {
  const now = deps.now ?? Date.now;
  let lastDialogAt = -Infinity;
  return (kind, error) => {
    const summary = summarise(error);
    const what = kind === 'uncaughtException' ? 'Uncaught exception' : 'Unhandled promise rejection';
    try {
      deps.log(`${what}: ${summary}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
      if (now() - lastDialogAt < DIALOG_INTERVAL_MS) return;
      lastDialogAt = now();
      deps.showError(CRASH_DIALOG_TITLE, `Something went wrong inside Steward: ${summary}\n\nSteward keeps running. If it stops answering, quit and start it again.`);
    } catch {
      // The guard itself must never throw: that would re-enter it.
    }
  };
}

/** The error's first line, trimmed and shortened: never a stack. */
export function summarise(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : typeof error === 'string' ? error : safeString(error);
  const line = (text.split('\n')[0] ?? '').trim() || 'an error without a message';
  return line.length > MAX_SUMMARY_CHARS ? `${line.slice(0, MAX_SUMMARY_CHARS - 1)}…` : line;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'an error that cannot be shown';
  }
}
