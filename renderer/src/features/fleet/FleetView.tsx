/** The fleet: summary counts, filters and the table, wired to the polled data and the UI store. */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Droplet } from '../../../../shared/model';
import { errorDetail } from '../../app/api';
import { useWholeFleet } from '../../queries/useFleet';
import { useFleetStale } from '../../queries/useFleetFreshness';
import { useKeepAlive } from '../../queries/useKeepAlive';
import { useUi } from '../../state/ui';
import { capabilityNames, countByStatus } from './fleet-rows';
import { useProbeSummaries } from '../../queries/useProbes';
import { resortByProbe, setProbeRanks } from './probe-rank';
import { CapabilityCounter, RowModel } from './row-model';
import { FleetFilters } from './FleetFilters';
import { FleetTable } from './FleetTable';
import { CapabilityRankContext, useCapabilityRank } from './capability-rank';
import { SummaryStrip } from './SummaryStrip';
import { useLivenessTime } from './useLivenessTime';
import { lateJudgedUntil } from '../../../../shared/liveness';
import { usePollPace } from '../../queries/usePollPace';
import { useLiveness } from '../../queries/useAppInfo';
import { keepShown, pick, useMarks, type PickModifiers } from './marks';
import { FleetActions, FleetNoteLine } from './FleetActions';
import { RowMenu } from './RowMenu';
import { copyText, rowsAsText } from './row-actions';
import { useFleetNote } from '../../state/fleet-note';
import type { FleetRow } from './fleet-rows';

const NO_DROPLETS: readonly Droplet[] = [];
const NO_ENTRIES: readonly string[] = [];

/** Selecting a droplet shows it, unless the pane is already on a per-droplet panel. */
function selectDroplet(id: number): void {
  const ui = useUi.getState();
  ui.select(id);
  if (ui.panel === 'register' || ui.panel === 'log') ui.openPanel('details');
}

const NO_KEPT_ALIVE: ReadonlySet<number> = new Set();

export function FleetView() {
  // One copy of the fleet feeds the counts, the "N of M" and the rows (see useWholeFleet).
  const whole = useWholeFleet();
  const stale = useFleetStale();
  const keepAlive = useKeepAlive().data;
  const keptAlive = useMemo(() => (keepAlive?.length ? new Set(keepAlive.map((k) => k.dropletId)) : NO_KEPT_ALIVE), [keepAlive]);
  const ui = useUi(
    useShallow((s) => ({
      status: s.statusFilter,
      capability: s.capabilityFilter,
      search: s.search,
      sort: s.sort,
      selectedId: s.selectedId,
      setStatusFilter: s.setStatusFilter,
      setCapabilityFilter: s.setCapabilityFilter,
      setSearch: s.setSearch,
      setSort: s.setSort,
    })),
  );
  // Typing stays responsive on a large fleet: filtering follows a moment later.
  const search = useDeferredValue(ui.search);

  const wholeDroplets = whole.data?.droplets ?? NO_DROPLETS;
  const lists = useMemo(() => [wholeDroplets], [wholeDroplets]);
  const liveness = useLiveness();
  const judgedAt = useLivenessTime(lists, whole.dataUpdatedAt, liveness, lateJudgedUntil(usePollPace(), whole.dataUpdatedAt));

  // Each poll or batch of pushed changes re-judges and re-places only the rows that changed.
  const [models] = useState(() => ({ table: new RowModel(), capabilities: new CapabilityCounter() }));
  const judged = useMemo(() => models.table.judge(wholeDroplets, judgedAt, liveness), [models, wholeDroplets, judgedAt, liveness]);
  const allRows = judged.rows;
  const counts = useMemo(() => countByStatus(allRows), [allRows]);
  const capabilityCounts = useMemo(() => models.capabilities.of(wholeDroplets), [models, wholeDroplets]);
  const capabilities = useMemo(() => capabilityNames(capabilityCounts), [capabilityCounts]);
  const capabilityRank = useCapabilityRank(capabilityCounts);
  const probes = useProbeSummaries();
  // The probe column sorts by ranks taken from the latest summaries: set before the rows are placed.
  useMemo(() => setProbeRanks(probes), [probes]);
  const placed = useMemo(
    () => models.table.show(judged, { status: ui.status, capability: ui.capability, search, sort: ui.sort }),
    [models, judged, ui.status, ui.capability, search, ui.sort],
  );
  // New summaries move rows when sorted by probe; the row model only re-places changed droplets.
  const shown = useMemo(() => (ui.sort.key === 'probe' ? resortByProbe(placed, ui.sort, probes) : placed), [placed, probes, ui.sort]);

  // Multi-select works on the order shown; the handlers read it here so they stay stable for the rows' memo.
  const shownRef = useRef<readonly FleetRow[]>(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);
  const marks = useMarks();
  useEffect(() => {
    const current = useMarks.getState();
    if (current.marked.size === 0) return;
    const next = keepShown(current, new Set(shown.map((r) => r.droplet.id)));
    if (next !== current) current.set(next);
  }, [shown]);

  const onSelect = useCallback((id: number, mods?: PickModifiers) => {
    const m = useMarks.getState();
    if (mods) {
      const ui = useUi.getState();
      m.set(pick(m, id, mods, ui.selectedId, shownRef.current.map((r) => r.droplet.id)));
      ui.select(id);
      return;
    }
    m.set(pick(m, id, { range: false, toggle: false }, null, []));
    selectDroplet(id);
  }, []);

  const [menu, setMenu] = useState<{ id: number; x: number; y: number } | null>(null);
  const onRowMenu = useCallback((id: number, x: number, y: number) => {
    // Right-clicking a row outside the marked ones acts on that row alone, as file managers do.
    if (!useMarks.getState().marked.has(id)) {
      useMarks.getState().clear();
      selectDroplet(id);
    }
    setMenu({ id, x, y });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const onKeyCommand = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-droplet-id]');
    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      if (!rowEl) return;
      e.preventDefault();
      const r = rowEl.getBoundingClientRect();
      onRowMenu(Number(rowEl.dataset.dropletId), r.left + 24, r.bottom);
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      const ids = shownRef.current.map((r) => r.droplet.id);
      useMarks.getState().set({ marked: new Set(ids), anchor: ids[0] ?? null });
    } else if (mod && e.key.toLowerCase() === 'c') {
      // Text the steward selected copies as usual; otherwise the marked rows (or this row).
      if ((window.getSelection()?.toString() ?? '') !== '') return;
      const marked = useMarks.getState().marked;
      const selectedId = useUi.getState().selectedId;
      const rows = shownRef.current.filter((r) => (marked.size > 0 ? marked.has(r.droplet.id) : r.droplet.id === selectedId));
      if (rows.length === 0) return;
      e.preventDefault();
      const byId = new Map(rows.map((r) => [r.droplet.id, r.status]));
      void copyText(rowsAsText(rows.map((r) => r.droplet), (d) => byId.get(d.id) ?? d.status)).then((done) =>
        useFleetNote.getState().say(done ? `Copied ${rows.length} row${rows.length === 1 ? '' : 's'}.` : 'Could not copy: the clipboard is not available.', done ? 'ok' : 'error'),
      );
    } else if (e.key === 'Escape' && useMarks.getState().marked.size > 0) {
      e.preventDefault();
      useMarks.getState().clear();
    }
  }, [onRowMenu]);
  const menuRow = menu ? shown.find((r) => r.droplet.id === menu.id) : undefined;

  let empty = 'The Orchestrator lists no droplets.';
  if (whole.isPending) empty = 'Loading the fleet…';
  else if (!whole.data && whole.error) empty = `No fleet data yet: ${errorDetail(whole.error).message}`;
  else if (allRows.length > 0 || ui.status !== null || ui.capability !== null) empty = 'No droplets match these filters.';

  return (
    <section className="fleet" aria-label="Fleet">
      <SummaryStrip
        counts={counts}
        total={allRows.length}
        statusFilter={ui.status}
        onFilter={ui.setStatusFilter}
        stale={stale}
        unreadable={whole.data?.unreadable ?? NO_ENTRIES}
      />
      <FleetFilters
        status={ui.status}
        capability={ui.capability}
        search={ui.search}
        capabilities={capabilities}
        shown={shown.length}
        total={allRows.length}
        onStatus={ui.setStatusFilter}
        onCapability={ui.setCapabilityFilter}
        onSearch={ui.setSearch}
        actions={<FleetActions shown={shown} marked={marks.marked} onClearMarks={marks.clear} />}
      />
      <FleetNoteLine />
      <CapabilityRankContext.Provider value={capabilityRank}>
        <FleetTable rows={shown} stale={stale} keptAlive={keptAlive} probes={probes} selectedId={ui.selectedId} sort={ui.sort} onSelect={onSelect} onSort={ui.setSort} empty={empty} marked={marks.marked} onRowMenu={onRowMenu} onKeyCommand={onKeyCommand} />
      </CapabilityRankContext.Provider>
      {menu && menuRow && <RowMenu droplet={menuRow.droplet} keptAlive={keptAlive.has(menu.id)} x={menu.x} y={menu.y} onClose={closeMenu} />}
    </section>
  );
}
