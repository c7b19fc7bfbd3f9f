import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREF_BINDINGS } from '../../../../renderer/src/state/pref-bindings';
import { createPrefsSync, PREFS_SAVE_DELAY_MS, type PrefsSync } from '../../../../renderer/src/state/prefs-sync';
import { useChartRange } from '../../../../renderer/src/state/chart-range';
import { useUi } from '../../../../renderer/src/state/ui';
import { useTheme } from '../../../../renderer/src/state/theme';
import { useLayout } from '../../../../renderer/src/state/layout';
import { useColumns } from '../../../../renderer/src/state/columns';
import type { Prefs, PrefsView, SetPrefs } from '../../../../shared/prefs';

const DEFAULT_UI = useUi.getState();

function rig(files: Record<string, Prefs>, active = { id: 'alpha' }, warning: string | null = null) {
  const saved: SetPrefs[] = [];
  const warnings: (string | null)[] = [];
  const sync = createPrefsSync({
    bindings: PREF_BINDINGS,
    load: async (): Promise<PrefsView> => ({ profileId: active.id, prefs: files[active.id] ?? {}, warning }),
    save: async (r) => saved.push(r),
    onWarning: (w) => warnings.push(w),
  });
  return { sync, saved, warnings, active };
}

let sync: PrefsSync | null = null;
beforeEach(() => {
  vi.useFakeTimers();
  useUi.setState(DEFAULT_UI, true);
  useChartRange.setState({ range: '1h' });
});
afterEach(() => {
  sync?.stop();
  sync = null;
  vi.useRealTimers();
});

describe('remembered view settings', () => {
  it('applies a profile’s sort, filters and chart range when it loads', async () => {
    const r = rig({ alpha: { sort: { key: 'name', dir: 'desc' }, filters: { status: 'late', capability: 'gpu', search: 'web' }, chartRange: '7d' } });
    sync = r.sync;
    await r.sync.load();
    expect(useUi.getState()).toMatchObject({ sort: { key: 'name', dir: 'desc' }, statusFilter: 'late', capabilityFilter: 'gpu', search: 'web' });
    expect(useChartRange.getState().range).toBe('7d');
    expect(r.saved).toEqual([]); // applying is not a change to save
  });

  it('ignores values this Steward does not know, keeping the defaults', async () => {
    const r = rig({ alpha: { sort: { key: 'colour', dir: 'asc' }, filters: { status: 'sleepy', capability: null, search: '' }, chartRange: '90d' } });
    sync = r.sync;
    await r.sync.load();
    expect(useUi.getState().sort).toEqual({ key: 'problems', dir: 'asc' });
    expect(useUi.getState().statusFilter).toBeNull();
    expect(useChartRange.getState().range).toBe('1h');
  });

  it('saves changes once, after the steward stops changing things, naming the profile', async () => {
    const r = rig({});
    sync = r.sync;
    await r.sync.load();
    useUi.getState().setSort('name');
    useUi.getState().setSearch('w');
    useUi.getState().setSearch('we');
    useChartRange.getState().setRange('24h');
    vi.advanceTimersByTime(PREFS_SAVE_DELAY_MS - 1);
    expect(r.saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(r.saved).toEqual([{ profileId: 'alpha', prefs: { sort: { key: 'name', dir: 'asc' }, filters: { status: null, capability: null, search: 'we' }, chartRange: '24h' } }]);
  });

  it('saves nothing for a store change that touches no remembered field', async () => {
    const r = rig({});
    sync = r.sync;
    await r.sync.load();
    useUi.getState().select(5);
    vi.advanceTimersByTime(PREFS_SAVE_DELAY_MS * 2);
    expect(r.saved).toEqual([]);
  });

  it('at a profile switch, saves what was pending to the old profile and not the reset, then loads the new one', async () => {
    const r = rig({ bravo: { chartRange: '7d' } });
    sync = r.sync;
    await r.sync.load();
    useChartRange.getState().setRange('24h');
    r.sync.suspend();
    useUi.getState().setSearch('reset by the switch');
    r.active.id = 'bravo';
    await r.sync.load();
    vi.advanceTimersByTime(PREFS_SAVE_DELAY_MS * 2);
    expect(r.saved).toEqual([{ profileId: 'alpha', prefs: { chartRange: '24h' } }]);
    expect(useChartRange.getState().range).toBe('7d');
  });

  it('passes the file’s warning on to be shown', async () => {
    const r = rig({}, { id: 'alpha' }, 'could not use prefs.json');
    sync = r.sync;
    await r.sync.load();
    expect(r.warnings).toEqual(['could not use prefs.json']);
  });
  it('remembers the theme, the pane and the columns too, checking each value', async () => {
    useTheme.setState({ choice: 'system' });
    useColumns.setState({ hidden: [], widths: {} });
    const r = rig({ alpha: { theme: 'dark', paneWidth: 100_00, paneCollapsed: true, columns: { hidden: ['version', 'nonsense'], widths: { name: 5, endpoint: 300 } } } });
    sync = r.sync;
    await r.sync.load();
    expect(useTheme.getState().choice).toBe('dark');
    expect(useLayout.getState()).toMatchObject({ paneCollapsed: true });
    expect(useLayout.getState().paneWidth).toBeLessThan(10_000);
    expect(useColumns.getState().hidden).toEqual(['version']);
    expect(useColumns.getState().widths.endpoint).toBe(300);
    expect(useColumns.getState().widths.name).toBeGreaterThan(5);
    useColumns.getState().toggleHidden('steward');
    vi.advanceTimersByTime(PREFS_SAVE_DELAY_MS);
    expect(r.saved.at(-1)?.prefs.columns?.hidden).toEqual(['version', 'steward']);
  });
});
