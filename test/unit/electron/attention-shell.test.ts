import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENTION_SETTINGS, type AttentionEvent, type AttentionSettingsView, type AwaySummary, type Problems } from '../../../shared/attention';
import { eventChannel, type IpcEventName, type IpcResult } from '../../../shared/ipc-contract';
import { createAttentionShell, type ShellWindow } from '../../../electron/attention-shell';
import type { TrayModel } from '../../../electron/tray-model';

const problems: Problems = { count: 2, unmutedCount: 2, worst: 'error', top: [{ id: 1, name: 'api-1', state: 'error', since: 0, muted: false }, { id: 2, name: 'api-2', state: 'late', since: 0, muted: false }] };
const view = (keepInTray: boolean, profile?: number | null): AttentionSettingsView => ({ settings: { ...DEFAULT_ATTENTION_SETTINGS, keepInTray }, mutes: { droplets: {}, ...(profile !== undefined ? { profile } : {}) } });

function harness(opts: { away?: AwaySummary; noWindow?: boolean } = {}) {
  const clock = { now: 1_000_000 };
  let listener: ((e: IpcEventName, p: unknown) => void) | null = null;
  const calls: [string, unknown][] = [];
  const sent: [string, unknown][] = [];
  const titles: string[] = [];
  const badges: number[] = [];
  const trays: TrayModel[] = [];
  const notified: AttentionEvent[] = [];
  const state = { minimized: false, shown: 0, opened: 0, window: !opts.noWindow };
  const win: ShellWindow = {
    isMinimized: () => state.minimized,
    restore: () => (state.minimized = false),
    show: () => state.shown++,
    focus: () => undefined,
    setTitle: (t) => titles.push(t),
    send: (c, p) => sent.push([c, p]),
  };
  let settingsView = view(true);
  const answers: Record<string, () => unknown> = {
    getAttentionSettings: () => settingsView,
    getProblems: () => problems,
    getAwaySummary: () => opts.away ?? { sinceMs: 0, untilMs: 0, eventCount: 0, byKind: {}, events: [] },
    muteAttention: () => (settingsView = view(true, clock.now + 3_600_000)),
  };
  const shell = createAttentionShell({
    dispatch: async (m, i): Promise<IpcResult<unknown>> => {
      calls.push([m, i]);
      return { ok: true, value: answers[m]!() };
    },
    onEvent: (l) => {
      listener = l;
      return () => (listener = null);
    },
    window: () => (state.window ? win : null),
    openWindow: () => {
      state.opened++;
      state.window = true;
    },
    setBadgeCount: (n) => badges.push(n),
    notify: (e) => notified.push(e),
    updateTray: (m) => trays.push(m),
    now: () => clock.now,
  });
  return { shell, emit: (e: IpcEventName, p: unknown) => listener?.(e, p), calls, sent, titles, badges, trays, notified, state, clock };
}

describe('attention shell', () => {
  it('puts the problem count in the title, the badge and the tray as problems change', async () => {
    const h = harness();
    await h.shell.refresh();
    expect(h.titles.at(-1)).toBe('Steward — 2 problems');
    expect(h.badges.at(-1)).toBe(2);
    expect(h.trays.at(-1)).toMatchObject({ tone: 'error', count: 2 });
    h.emit('problemsChanged', { count: 0, unmutedCount: 0, worst: null, top: [] });
    expect(h.titles.at(-1)).toBe('Steward');
    expect(h.badges.at(-1)).toBe(0);
  });

  it('hands each event to the notifier', () => {
    const h = harness();
    const e = { id: 'x', at: 0, kind: 'error', summary: 's', items: [], count: 0, muted: false } as AttentionEvent;
    h.emit('attentionEvent', e);
    expect(h.notified).toEqual([e]);
  });

  it('keeps running in the tray only when the setting says so, as it changes', async () => {
    const h = harness();
    expect(h.shell.keepInTray()).toBe(false); // not known yet
    await h.shell.refresh();
    expect(h.shell.keepInTray()).toBe(true);
    h.emit('attentionSettingsChanged', view(false));
    expect(h.shell.keepInTray()).toBe(false);
  });

  it('sends "while you were away" when the window comes back and something happened', async () => {
    const away: AwaySummary = { sinceMs: 0, untilMs: 1, eventCount: 3, byKind: { inactive: 3 }, events: [] };
    const h = harness({ away });
    h.shell.windowHidden();
    h.clock.now += 60_000;
    h.shell.windowHidden(); // a second hide keeps the first time
    h.shell.windowShown();
    await new Promise((r) => setImmediate(r));
    expect(h.calls).toContainEqual(['getAwaySummary', { sinceMs: 1_000_000 }]);
    expect(h.sent).toContainEqual([eventChannel('awaySummary'), away]);
    // Shown again without a hide: nothing asked.
    h.calls.length = 0;
    h.shell.windowShown();
    expect(h.calls).toEqual([]);
  });

  it('says nothing about the time away when nothing happened', async () => {
    const h = harness();
    h.shell.windowHidden();
    h.shell.windowShown();
    await new Promise((r) => setImmediate(r));
    expect(h.sent.filter(([c]) => c === eventChannel('awaySummary'))).toEqual([]);
  });

  it('shows the window with the droplet selected, opening one if it was closed', () => {
    const h = harness({ noWindow: true });
    h.shell.focus({ dropletId: 7, ids: [7], eventId: 'e' });
    expect(h.state.opened).toBe(1);
    expect(h.sent).toEqual([]); // the new window's page is not there yet
    h.shell.windowShown();
    expect(h.sent).toContainEqual([eventChannel('focusDroplet'), { dropletId: 7, ids: [7], eventId: 'e' }]);
    h.state.minimized = true;
    h.shell.focus({ dropletId: 8, ids: [8], eventId: null });
    expect(h.state.minimized).toBe(false);
    expect(h.state.shown).toBe(1);
    expect(h.sent.at(-1)).toEqual([eventChannel('focusDroplet'), { dropletId: 8, ids: [8], eventId: null }]);
  });

  it('mutes everything for an hour from the tray, and the tray says so', async () => {
    const h = harness();
    await h.shell.refresh();
    await h.shell.muteAllForAnHour();
    expect(h.calls).toContainEqual(['muteAttention', { target: 'profile', span: '1h' }]);
    expect(h.trays.at(-1)!.items).toContainEqual({ kind: 'muteAll', label: 'Notifications muted', enabled: false });
  });
});
