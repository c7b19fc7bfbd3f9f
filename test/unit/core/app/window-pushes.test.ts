import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WindowPushes } from '../../../../core/app/window-pushes';
import type { IpcEventName } from '../../../../shared/ipc-contract';
import type { StatusChange } from '../../../../shared/model';

const HOLD = 10_000;
const change = (dropletId: number, newStatus: StatusChange['newStatus'], at = '2026-12-07T01:00:00Z'): StatusChange => ({ dropletId, oldStatus: 'active', newStatus, changedAt: at });
const problems = (count: number) => ({ count, unmutedCount: count, worst: count ? 'error' : null, top: [] });

/** What reached the window, each message as the events it carried. */
function setup() {
  const messages: [IpcEventName, unknown][][] = [];
  const pushes = new WindowPushes({ send: (e, p) => void messages.push([[e, p]]), sendMany: (events) => void messages.push(events), holdMs: HOLD });
  return { messages, sent: () => messages.flat(), pushes };
}

describe('WindowPushes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends every push at once while the window is in front', () => {
    const { messages, sent, pushes } = setup();
    pushes.push('statusChanged', change(1, 'error'));
    pushes.push('statusChanged', change(1, 'active'));
    pushes.push('problemsChanged', problems(1));
    expect(sent().map(([e]) => e)).toEqual(['statusChanged', 'statusChanged', 'problemsChanged']);
    expect(messages).toHaveLength(3);
  });

  it('in the background, holds the frequent pushes and sends them together after the hold', () => {
    const { messages, sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'error'));
    vi.advanceTimersByTime(HOLD / 2);
    pushes.push('statusChanged', change(2, 'inactive'));
    pushes.push('problemsChanged', problems(1));
    pushes.push('problemsChanged', problems(2));
    pushes.push('probesChanged', { ids: [3, 4] });
    pushes.push('probesChanged', { ids: [4, 5] });
    pushes.push('keepAliveChanged', []);
    expect(sent()).toEqual([]);
    // The hold runs from the first push held, not the last.
    vi.advanceTimersByTime(HOLD / 2);
    expect(sent()).toEqual([
      ['statusChanged', change(1, 'error')],
      ['statusChanged', change(2, 'inactive')],
      ['probesChanged', { ids: [3, 4, 5] }],
      ['problemsChanged', problems(2)],
      ['keepAliveChanged', []],
    ]);
    // One message for all five: one wake-up of the window.
    expect(messages).toHaveLength(1);
  });

  it('keeps the newest status of each droplet, never an older one, and every attention event', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'error', '2026-12-07T01:00:00Z'));
    pushes.push('statusChanged', change(2, 'error'));
    pushes.push('statusChanged', change(1, 'active', '2026-12-07T01:00:05Z'));
    pushes.push('attentionEvent', { id: 'a' });
    pushes.push('attentionEvent', { id: 'b' });
    vi.advanceTimersByTime(HOLD);
    expect(sent()).toEqual([
      ['statusChanged', change(2, 'error')],
      ['statusChanged', change(1, 'active', '2026-12-07T01:00:05Z')],
      ['attentionEvent', { id: 'a' }],
      ['attentionEvent', { id: 'b' }],
    ]);
  });

  it('sends what is held at once when the window comes to the front', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'error'));
    pushes.setBackground(false);
    expect(sent()).toEqual([['statusChanged', change(1, 'error')]]);
    // Nothing is sent a second time when the hold would have run out.
    vi.advanceTimersByTime(HOLD);
    expect(sent()).toHaveLength(1);
  });

  it('sends what is held before a push that never waits, so the window sees them in order', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'error'));
    pushes.push('profileChanged', { profileName: 'other' });
    expect(sent().map(([e]) => e)).toEqual(['statusChanged', 'profileChanged']);
    pushes.push('pollPaceChanged', { mode: 'polling', intervalMs: 10_000 });
    expect(sent().map(([e]) => e)).toEqual(['statusChanged', 'profileChanged', 'pollPaceChanged']);
  });

  it('drops what is held when closed', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'error'));
    pushes.close();
    vi.advanceTimersByTime(HOLD);
    pushes.flush();
    expect(sent()).toEqual([]);
  });
});
