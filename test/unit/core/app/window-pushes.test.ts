import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_LEAD_MS, inBackground, msToFlush, WindowPushes } from '../../../../core/app/window-pushes';
import { BACKGROUND_TICK_MS } from '../../../../shared/background';
import type { IpcEventName } from '../../../../shared/ipc-contract';
import type { StatusChange } from '../../../../shared/model';

/** A whole multiple of the background refresh on the wall clock, as the window's clock ticks. */
const REFRESH = Date.UTC(2026, 11, 7, 3, 0, 0);
const change = (dropletId: number, oldStatus: StatusChange['oldStatus'], newStatus: StatusChange['newStatus']): StatusChange => ({ dropletId, oldStatus, newStatus, changedAt: '2026-12-07T03:00:00Z' });
const problems = (count: number) => ({ count, unmutedCount: count, worst: count ? 'error' : null, top: [] });

/** What reached the window, each message as the events it carried. */
function setup() {
  const messages: [IpcEventName, unknown][][] = [];
  const pushes = new WindowPushes({ send: (e, p) => void messages.push([[e, p]]), sendMany: (events) => void messages.push(events) });
  return { messages, sent: () => messages.flat(), pushes };
}

describe('WindowPushes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(REFRESH + 5_000);
  });
  afterEach(() => vi.useRealTimers());

  it('sends every push at once while the window is in front', () => {
    const { messages, sent, pushes } = setup();
    pushes.push('statusChanged', change(1, 'active', 'error'));
    pushes.push('statusChanged', change(1, 'error', 'active'));
    pushes.push('problemsChanged', problems(1));
    expect(sent().map(([e]) => e)).toEqual(['statusChanged', 'statusChanged', 'problemsChanged']);
    expect(messages).toHaveLength(3);
  });

  it('in the background, holds the frequent pushes and sends them as one message just before the window’s next refresh', () => {
    const { messages, sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'active', 'error'));
    pushes.push('statusChanged', change(2, 'active', 'inactive'));
    pushes.push('problemsChanged', problems(1));
    pushes.push('problemsChanged', problems(2));
    pushes.push('probesChanged', { ids: [3, 4] });
    pushes.push('probesChanged', { ids: [4, 5] });
    pushes.push('keepAliveChanged', []);
    // The refresh is at REFRESH + 30 s; held until FLUSH_LEAD_MS before it.
    vi.advanceTimersByTime(BACKGROUND_TICK_MS - 5_000 - FLUSH_LEAD_MS - 1);
    expect(sent()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent()).toEqual([
      ['statusChanged', change(1, 'active', 'error')],
      ['statusChanged', change(2, 'active', 'inactive')],
      ['probesChanged', { ids: [3, 4, 5] }],
      ['problemsChanged', problems(2)],
      ['keepAliveChanged', []],
    ]);
    // One message for all five: one wake-up of the window.
    expect(messages).toHaveLength(1);
  });

  it('keeps every status change of a droplet in order (the window needs each to follow the status a poll shows), and every attention event', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'active', 'error'));
    pushes.push('attentionEvent', { id: 'a' });
    pushes.push('statusChanged', change(1, 'error', 'inactive'));
    pushes.push('attentionEvent', { id: 'b' });
    vi.advanceTimersByTime(BACKGROUND_TICK_MS);
    expect(sent()).toEqual([
      ['statusChanged', change(1, 'active', 'error')],
      ['statusChanged', change(1, 'error', 'inactive')],
      ['attentionEvent', { id: 'a' }],
      ['attentionEvent', { id: 'b' }],
    ]);
  });

  it('sends what is held at once when the window comes to the front, and nothing again at the refresh', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'active', 'error'));
    pushes.setBackground(false);
    expect(sent()).toEqual([['statusChanged', change(1, 'active', 'error')]]);
    vi.advanceTimersByTime(BACKGROUND_TICK_MS);
    expect(sent()).toHaveLength(1);
  });

  it('sends what is held before a push that never waits, so the window sees them in order', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'active', 'error'));
    pushes.push('profileChanged', { profileName: 'other' });
    expect(sent().map(([e]) => e)).toEqual(['statusChanged', 'profileChanged']);
    pushes.push('pollPaceChanged', { mode: 'polling', intervalMs: 10_000 });
    expect(sent().map(([e]) => e)).toEqual(['statusChanged', 'profileChanged', 'pollPaceChanged']);
  });

  it('drops what is held when the window closes, and a new window starts in front', () => {
    const { sent, pushes } = setup();
    pushes.setBackground(true);
    pushes.push('statusChanged', change(1, 'active', 'error'));
    pushes.close();
    vi.advanceTimersByTime(BACKGROUND_TICK_MS);
    pushes.flush();
    expect(sent()).toEqual([]);
    pushes.push('statusChanged', change(2, 'active', 'error'));
    expect(sent()).toEqual([['statusChanged', change(2, 'active', 'error')]]);
  });
});

describe('msToFlush', () => {
  it('answers until FLUSH_LEAD_MS before the next whole BACKGROUND_TICK_MS, never zero or less', () => {
    expect(msToFlush(REFRESH)).toBe(BACKGROUND_TICK_MS - FLUSH_LEAD_MS);
    expect(msToFlush(REFRESH + 10_000)).toBe(20_000 - FLUSH_LEAD_MS);
    // Inside the lead: the next refresh's, not one already too late to arrive before it.
    expect(msToFlush(REFRESH + BACKGROUND_TICK_MS - FLUSH_LEAD_MS)).toBe(BACKGROUND_TICK_MS);
    expect(msToFlush(REFRESH + BACKGROUND_TICK_MS - 10)).toBe(BACKGROUND_TICK_MS - FLUSH_LEAD_MS + 10);
  });
});

describe('inBackground', () => {
  const state = (visible: boolean, minimized: boolean, focused: boolean) => ({ isVisible: () => visible, isMinimized: () => minimized, isFocused: () => focused });
  it('is in front only when visible, not minimised and focused', () => {
    expect(inBackground(state(true, false, true))).toBe(false);
    expect(inBackground(state(true, false, false))).toBe(true);
    expect(inBackground(state(false, false, true))).toBe(true);
    expect(inBackground(state(true, true, true))).toBe(true);
  });
});
