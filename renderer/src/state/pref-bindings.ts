/**
 * Which store fields are remembered per profile (state/prefs-sync.ts), each checked before it
 * is applied: a value this Steward does not know leaves the default standing.
 */
import { create } from 'zustand';
import { RANGES, type RangeKey } from '../features/charts/series';
import { STATUS_ORDER } from '../features/fleet/fleet-rows';
import { useChartRange } from './chart-range';
import { bindStorePref, type PrefBinding } from './prefs-sync';
import { SORT_KEYS, useUi, type SortKey } from './ui';
import { useTheme } from './theme';
import { clampPaneWidth, useLayout } from './layout';
import { clampColumnWidth, useColumns } from './columns';

const isSortKey = (v: unknown): v is SortKey => typeof v === 'string' && (SORT_KEYS as readonly string[]).includes(v);
const isRange = (v: unknown): v is RangeKey => RANGES.some((r) => r.value === v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export const sortPref = bindStorePref(
  useUi,
  'sort',
  (s) => s.sort,
  (v) => {
    if (isRecord(v) && isSortKey(v.key) && (v.dir === 'asc' || v.dir === 'desc')) useUi.setState({ sort: { key: v.key, dir: v.dir } });
  },
);

export const filtersPref = bindStorePref(
  useUi,
  'filters',
  (s) => ({ status: s.statusFilter, capability: s.capabilityFilter, search: s.search }),
  (v) => {
    if (!isRecord(v)) return;
    const status = typeof v.status === 'string' && (STATUS_ORDER as readonly string[]).includes(v.status) ? v.status : null;
    const capability = typeof v.capability === 'string' ? v.capability : null;
    const search = typeof v.search === 'string' ? v.search : '';
    useUi.setState({ statusFilter: status, capabilityFilter: capability, search });
  },
);

export const chartRangePref = bindStorePref(
  useChartRange,
  'chartRange',
  (s) => s.range,
  (v) => {
    if (isRange(v)) useChartRange.setState({ range: v });
  },
);

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The theme, the side pane and the table's columns: the layout the steward left. */
export const layoutPrefs: PrefBinding[] = [
  bindStorePref(
    useTheme,
    'theme',
    (s) => s.choice,
    (v) => {
      if (v === 'system' || v === 'light' || v === 'dark') useTheme.setState({ choice: v });
    },
  ),
  bindStorePref(
    useLayout,
    'paneWidth',
    (s) => s.paneWidth,
    (v) => {
      if (isFiniteNumber(v)) useLayout.setState({ paneWidth: clampPaneWidth(v) });
    },
  ),
  bindStorePref(
    useLayout,
    'paneCollapsed',
    (s) => s.paneCollapsed,
    (v) => {
      if (typeof v === 'boolean') useLayout.setState({ paneCollapsed: v, paneMaximized: false });
    },
  ),
  bindStorePref(
    useColumns,
    'columns',
    (s) => ({ hidden: s.hidden, widths: s.widths }),
    (v) => {
      if (!isRecord(v)) return;
      const hidden = Array.isArray(v.hidden) ? v.hidden.filter(isSortKey) : [];
      const widths: Partial<Record<SortKey, number>> = {};
      if (isRecord(v.widths)) for (const [k, w] of Object.entries(v.widths)) if (isSortKey(k) && isFiniteNumber(w)) widths[k] = clampColumnWidth(w);
      useColumns.setState({ hidden, widths });
    },
  ),
];

export const PREF_BINDINGS: readonly PrefBinding[] = [sortPref, filtersPref, chartRangePref, ...layoutPrefs];

/** The prefs file's warning, shown as a quiet line while it stands. */
export const usePrefsWarning = create<{ warning: string | null }>(() => ({ warning: null }));
