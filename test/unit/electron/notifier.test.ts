import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENTION_SETTINGS, type AttentionEvent, type AttentionSettings, type FocusDroplet } from '../../../shared/attention';
import { createNotifier, notificationTitle, shouldNotify } from '../../../electron/notifier';

const event = (over: Partial<AttentionEvent> = {}): AttentionEvent => ({
  id: 'e1',
  at: 0,
  kind: 'inactive',
  summary: 'api-1 went inactive (Orchestrator status inactive)',
  count: 1,
  muted: false,
  items: [{ id: 1, name: 'api-1', from: 'active', to: 'inactive', at: 0, cause: 'Orchestrator status inactive' }],
  ...over,
});

function harness(settings: AttentionSettings | null = DEFAULT_ATTENTION_SETTINGS) {
  const shown: { title: string; body: string; click: () => void }[] = [];
  const focused: FocusDroplet[] = [];
  const notifier = createNotifier({
    create: (o) => {
      const n: { title: string; body: string; click: () => void } = { ...o, click: () => undefined };
      return {
        on: (_e, l) => (n.click = l),
        show: () => shown.push(n),
      };
    },
    settings: () => settings,
    focus: (t) => focused.push(t),
  });
  return { notifier, shown, focused };
}

describe('notifier', () => {
  it('shows one notification per event; a click shows that droplet', () => {
    const { notifier, shown, focused } = harness();
    notifier.notify(event());
    expect(shown).toEqual([expect.objectContaining({ title: 'Droplet inactive', body: 'api-1 went inactive (Orchestrator status inactive)' })]);
    shown[0]!.click();
    expect(focused).toEqual([{ dropletId: 1, ids: [1], eventId: 'e1' }]);
  });

  it('a grouped event is one notification whose click selects the group', () => {
    const { notifier, shown, focused } = harness();
    const items = [1, 2, 3].map((id) => ({ id, name: `api-${id}`, from: 'active' as const, to: 'inactive' as const, at: 0, cause: 'x' }));
    notifier.notify(event({ items, count: 30, summary: '30 droplets went inactive: api-1, …' }));
    expect(shown.map((s) => s.title)).toEqual(['30 droplets inactive']);
    shown[0]!.click();
    expect(focused).toEqual([{ dropletId: null, ids: [1, 2, 3], eventId: 'e1' }]);
  });

  it('stays quiet for muted events, kinds toggled off, notifications off, or unknown settings', () => {
    expect(harness().notifier.notify(event({ muted: true }))).toBe(false);
    expect(harness().notifier.notify(event({ kind: 'registered' }))).toBe(false); // off by default
    expect(harness({ ...DEFAULT_ATTENTION_SETTINGS, toggles: { ...DEFAULT_ATTENTION_SETTINGS.toggles, inactive: false } }).notifier.notify(event())).toBe(false);
    expect(harness({ ...DEFAULT_ATTENTION_SETTINGS, notify: false }).notifier.notify(event())).toBe(false);
    expect(harness(null).notifier.notify(event())).toBe(false);
    expect(harness().notifier.notify(event())).toBe(true);
  });

  it('titles each kind in plain words', () => {
    expect(notificationTitle(event({ kind: 'fleet_emptied', count: 100, items: [] }))).toBe('Fleet empty');
    expect(notificationTitle(event({ kind: 'metric', count: 2 }))).toBe('2 metric rules crossed');
    expect(notificationTitle(event({ kind: 'recovered', count: 4 }))).toBe('4 droplets recovered');
  });

  it('titles probe events in words, alone and grouped', () => {
    expect(notificationTitle(event({ kind: 'restarted' }))).toBe('Droplet restarted');
    expect(notificationTitle(event({ kind: 'restarted', count: 3 }))).toBe('3 droplets restarted');
    expect(notificationTitle(event({ kind: 'probe_unanswered' }))).toBe("Droplet's /health silent");
    expect(notificationTitle(event({ kind: 'probe_unanswered', count: 2 }))).toBe("2 droplets' /health silent");
    expect(notificationTitle(event({ kind: 'probe_answering', count: 2 }))).toBe("2 droplets' /health answers again");
    // On by default: restarts and /health going silent are worth a look.
    for (const kind of ['restarted', 'probe_unanswered', 'probe_answering'] as const) expect(shouldNotify(event({ kind }), DEFAULT_ATTENTION_SETTINGS)).toBe(true);
  });
});
