/**
 * The fleet table: a virtualised ARIA grid (only visible rows are in the DOM, so 10,000
 * droplets scroll smoothly), sortable by any column, with the selection moved by arrow keys.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useUi, type SortKey, type UiState } from '../../state/ui';
import { setScrolling } from '../../state/scrolling';
import { useColumns } from '../../state/columns';
import { columnTemplate, tableMinWidth, visibleColumns } from './columns';
import { ColumnHeader } from './ColumnHeader';
import type { FleetRow } from './fleet-rows';
import { FleetRowView } from './FleetRowView';
import type { ProbeSummary } from '../../../../shared/probe';
import { StaleContext } from '../../ui/stale-context';
import type { PickModifiers } from './marks';

export const ROW_HEIGHT = 30;
/** The sticky header's height, inside the one scroll container with the rows. */
export const HEAD_HEIGHT = 30;

export interface FleetTableProps {
  rows: readonly FleetRow[];
  selectedId: number | null;
  sort: UiState['sort'];
  onSelect(id: number, mods?: PickModifiers): void;
  onSort(key: SortKey): void;
  /** Rows picked for a bulk action. */
  marked?: ReadonlySet<number>;
  /** A row's menu asked for (right-click) at a point. */
  onRowMenu?(id: number, x: number, y: number): void;
  /** Keys the table does not handle itself (copy, select all, the menu key): prevented when handled. */
  onKeyCommand?(e: KeyboardEvent<HTMLDivElement>): void;
  /** Shown instead of rows when there are none. */
  empty: string;
  /** The fleet cannot be refreshed: the table dims (one class) and late verdicts turn guesses. */
  stale?: boolean;
  /** Droplets Steward beats for (keep-alive): each row says so. */
  keptAlive?: ReadonlySet<number>;
  /** Probe summaries by droplet id (the probe column). */
  probes?: ReadonlyMap<number, ProbeSummary>;
}

const NONE: ReadonlySet<number> = new Set();
const NO_MENU = (): void => undefined;
const NO_PROBES: ReadonlyMap<number, ProbeSummary> = new Map();

const COLUMNS_ALL = visibleColumns([]).length;

function ariaSort(sort: UiState['sort'], key: SortKey): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

/** Where the arrow, paging and Home/End keys move the selection; null for other keys. */
function targetIndex(key: string, current: number, count: number, pageRows: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'PageDown':
      return Math.min(last, current + pageRows);
    case 'PageUp':
      return Math.max(0, current - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/**
 * The scrollTop that shows row `index` whole below the sticky header, moving as little as it can
 * (none when it is already shown). Rows have one fixed height and start below the header.
 */
export function scrollTopShowing(index: number, scrollTop: number, clientHeight: number): number {
  const rowTop = index * ROW_HEIGHT; // under the header, at scrollTop 0 the first row is just below it
  const rowBottom = rowTop + ROW_HEIGHT;
  if (rowTop < scrollTop) return rowTop;
  const shown = clientHeight - HEAD_HEIGHT;
  if (rowBottom > scrollTop + shown) return rowBottom - shown;
  return scrollTop;
}

/** A droplet's row element, when it is rendered. */
const rowElement = (scroller: HTMLElement | null, id: number): HTMLElement | null => scroller?.querySelector<HTMLElement>(`[data-droplet-id="${id}"]`) ?? null;

export function FleetTable({ rows, selectedId, sort, onSelect, onSort, empty, stale = false, keptAlive = NONE, probes = NO_PROBES, marked = NONE, onRowMenu = NO_MENU, onKeyCommand }: FleetTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The droplet a key moved to (and the one it moved from), until its row is rendered and focused. */
  const focusPending = useRef<{ id: number; from: number | null } | null>(null);
  const getItemKey = useCallback((index: number) => rows[index]?.droplet.id ?? index, [rows]);
  // No React Compiler here: rows are memoised by hand (FleetRowView), so its caveat does not bite.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Stable while the rows are: a new function each render made the virtualizer re-measure all
    // 10,000 rows on every scroll frame.
    getItemKey,
    overscan: 4,
    // The header sits above the rows in the same scroller: rows start below it, and a row
    // scrolled to is never left under it.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    useFlushSync: false,
    onChange: (instance) => setScrolling(instance.isScrolling),
    initialRect: { width: 1000, height: 600 },
  });

  // Not on every scroll frame: the virtualizer re-renders the table on each, and rows can be 10,000.
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : rows.findIndex((r) => r.droplet.id === selectedId)), [rows, selectedId]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      onKeyCommand?.(e);
      if (e.defaultPrevented) return;
      const scroller = scrollRef.current;
      if (!scroller || rows.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      const pageRows = Math.max(1, Math.floor((scroller.clientHeight - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
      // A key pressed before the last one's row was rendered moves on from that row, not from
      // the selection the table last drew.
      const pending = focusPending.current;
      const pendingIndex = pending ? rows.findIndex((r) => r.droplet.id === pending.id) : -1;
      const from = pendingIndex >= 0 ? pendingIndex : selectedIndex;
      const next = targetIndex(e.key, from, rows.length, pageRows);
      if (next === null) return;
      e.preventDefault();
      const index = Math.max(0, next);
      const id = rows[index]!.droplet.id;
      focusPending.current = { id, from: pending?.id ?? selectedId };
      // Scrolled here from the element's own scrollTop, which is current at once: the virtualiser
      // judges from the offset of its last scroll event, which lags keys pressed in a burst and
      // left the row off screen (issue 14).
      virtualizer.cancelScroll();
      const top = scrollTopShowing(index, scroller.scrollTop, scroller.clientHeight);
      if (top !== scroller.scrollTop) scroller.scrollTop = top;
      onSelect(id);
      const row = rowElement(scroller, id);
      if (row) {
        focusPending.current = null;
        row.focus({ preventScroll: true });
      } else {
        // The row focused now may leave the DOM as the table scrolls (End, PageUp): focus waits in
        // the scroller, inside the grid, so the next key is not lost to the page.
        scroller.focus({ preventScroll: true });
      }
    },
    [rows, selectedIndex, selectedId, onSelect, virtualizer, onKeyCommand],
  );

  // Focus follows a row the keyboard moved to once it is rendered (after the scroll's event).
  useEffect(() => {
    const pending = focusPending.current;
    if (!pending) return;
    if (pending.id !== selectedId) {
      // A render begun before the key was pressed can commit after it, still showing the row
      // moved from: wait for the next. Any other selection came some other way (a click, the palette).
      if (selectedId !== pending.from) focusPending.current = null;
      return;
    }
    const el = rowElement(scrollRef.current, pending.id);
    if (!el) return;
    focusPending.current = null;
    el.focus({ preventScroll: true });
  });

  // "Show droplet": scroll the asked-for row into view once it is among the rows (a droplet just
  // registered arrives with the next fleet answer).
  const reveal = useUi((s) => s.reveal);
  const revealed = useRef(0);
  useEffect(() => {
    if (!reveal || revealed.current === reveal.seq) return;
    const index = rows.findIndex((r) => r.droplet.id === reveal.id);
    if (index < 0) return;
    revealed.current = reveal.seq;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [reveal, rows, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // One row is reachable by Tab: the selected one, or the first on screen when it is scrolled away.
  const selectedOnScreen = items.some((item) => item.index === selectedIndex);
  const firstItem = items[0];
  const tabbableId = selectedOnScreen ? selectedId : firstItem ? (rows[firstItem.index]?.droplet.id ?? null) : null;

  // Column choices shape one grid template on the table; rows read it through CSS.
  const hidden = useColumns((s) => s.hidden);
  const widths = useColumns((s) => s.widths);
  const columns = useMemo(() => visibleColumns(hidden), [hidden]);
  const tableStyle = useMemo(
    () => ({ '--cols': columnTemplate(columns, widths), '--table-min': `${tableMinWidth(columns, widths)}px` }) as CSSProperties,
    [columns, widths],
  );
  const hiddenKeys = columns.length === COLUMNS_ALL ? '' : hidden.join(' ');

  return (
    <div
      className={stale ? 'fleet-table is-stale' : 'fleet-table'}
      role="grid"
      aria-label="Fleet"
      aria-describedby={stale ? 'fleet-stale-note' : undefined}
      data-stale={stale || undefined}
      aria-multiselectable="true"
      data-hidden={hiddenKeys || undefined}
      style={tableStyle}
      aria-rowcount={rows.length + 1} aria-colcount={columns.length} onKeyDown={onKeyDown}>
      {stale && (
        <span id="fleet-stale-note" hidden>
          Stale: the fleet as of the last good poll; Steward cannot refresh it.
        </span>
      )}
      {/* One scroller for header and rows: sideways they move together, so a header focused by
          Tab is always over its column. */}
      <div ref={scrollRef} className="fleet-scroll" tabIndex={-1}>
        <div role="rowgroup" className="fleet-head">
          <div role="row" className="fleet-head-row" aria-rowindex={1}>
            {columns.map((col) => (
              <ColumnHeader key={col.sortKey} column={col} sort={ariaSort(sort, col.sortKey)} onSort={onSort} />
            ))}
          </div>
        </div>
        <StaleContext.Provider value={stale}>
          <div role="rowgroup" className="fleet-body">
            {rows.length === 0 ? (
              <div className="fleet-empty">{empty}</div>
            ) : (
              <div className="fleet-canvas" style={{ height: virtualizer.getTotalSize() }}>
                {items.map((item) => {
                  const row = rows[item.index]!;
                  const id = row.droplet.id;
                  return (
                    <FleetRowView
                      key={item.key}
                      droplet={row.droplet}
                      status={row.status}
                      keptAlive={keptAlive.has(id)}
                      probe={probes.get(id)}
                      selected={id === selectedId}
                      marked={marked.has(id)}
                      tabbable={id === tabbableId}
                      rowIndex={item.index + 2}
                      top={item.start - HEAD_HEIGHT}
                      height={item.size}
                      onSelect={onSelect}
                      onMenu={onRowMenu}
                    />
                  );
                })}
              </div>
            )}
          </div>
        </StaleContext.Provider>
      </div>
    </div>
  );
}
