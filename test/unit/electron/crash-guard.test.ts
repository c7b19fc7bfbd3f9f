import { describe, expect, it } from 'vitest';
import { CRASH_DIALOG_TITLE, createCrashGuard, DIALOG_INTERVAL_MS, summarise } from '../../../electron/crash-guard';

function rig() {
  const logged: string[] = [];
  const dialogs: [string, string][] = [];
  let now = 1_000_000;
  const guard = createCrashGuard({ log: (m) => void logged.push(m), showError: (t, m) => void dialogs.push([t, m]), now: () => now });
  return { guard, logged, dialogs, advance: (ms: number) => void (now += ms) };
}

describe('createCrashGuard', () => {
  it('logs the stack but shows the steward only plain words', () => {
    const r = rig();
    const e = new Error('Cannot read properties of undefined (reading "x")');
    r.guard('uncaughtException', e);
    expect(r.logged).toHaveLength(1);
    expect(r.logged[0]).toMatch(/^Uncaught exception: Cannot read properties of undefined \(reading "x"\)\n/);
    expect(r.logged[0]).toContain(e.stack!);
    expect(r.dialogs).toEqual([[CRASH_DIALOG_TITLE, expect.stringMatching(/^Something went wrong inside Steward: Cannot read properties of undefined \(reading "x"\)\n\nSteward keeps running/)]]);
    expect(r.dialogs[0]![1]).not.toMatch(/\bat .*:\d+:\d+|crash-guard\.test/);
  });

  it('names rejections, including ones that are not errors', () => {
    const r = rig();
    r.guard('unhandledRejection', 'socket hang up');
    expect(r.logged).toEqual(['Unhandled promise rejection: socket hang up']);
    expect(r.dialogs[0]![1]).toMatch(/^Something went wrong inside Steward: socket hang up/);
  });

  it('shows one dialog a minute at most, and logs every one', () => {
    const r = rig();
    r.guard('uncaughtException', new Error('one'));
    r.guard('uncaughtException', new Error('two'));
    r.advance(DIALOG_INTERVAL_MS);
    r.guard('unhandledRejection', new Error('three'));
    expect(r.logged.map((l) => l.split('\n')[0])).toEqual(['Uncaught exception: one', 'Uncaught exception: two', 'Unhandled promise rejection: three']);
    expect(r.dialogs.map(([, m]) => m.split('\n')[0])).toEqual(['Something went wrong inside Steward: one', 'Something went wrong inside Steward: three']);
  });

  it('never throws, even when the log or the dialog does', () => {
    const guard = createCrashGuard({
      log: () => {
        throw new Error('disk full');
      },
      showError: () => {
        throw new Error('no display');
      },
    });
    expect(() => guard('uncaughtException', new Error('x'))).not.toThrow();
  });
});

describe('summarise', () => {
  it('keeps the first line, shortened, of whatever was thrown', () => {
    expect(summarise(new Error('first\nsecond'))).toBe('first');
    expect(summarise(new TypeError(''))).toBe('TypeError');
    expect(summarise(undefined)).toBe('undefined');
    expect(summarise({ toString: () => { throw new Error('no'); } })).toBe('an error that cannot be shown');
    expect(summarise('   ')).toBe('an error without a message');
    const long = summarise(new Error('x'.repeat(500)));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});
