/**
 * One column header: the sort button and a resize handle on its right edge. Drag the handle,
 * or press Alt+Left/Right on the header, to resize; the width goes to the columns store, which
 * turns it into the table's grid template (no row re-renders).
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { COLUMN_STEP, useColumns } from '../../state/columns';
import type { SortKey } from '../../state/ui';
import type { Column } from './columns';

export interface ColumnHeaderProps {
  column: Column;
  sort: 'ascending' | 'descending' | 'none';
  onSort(key: SortKey): void;
}

export function ColumnHeader({ column: col, sort, onSort }: ColumnHeaderProps) {
  const cellRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const shownWidth = () => cellRef.current?.getBoundingClientRect().width || (useColumns.getState().widths[col.sortKey] ?? col.min);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    e.stopPropagation();
    useColumns.getState().setWidth(col.sortKey, shownWidth() + (e.key === 'ArrowRight' ? COLUMN_STEP : -COLUMN_STEP));
  };
  const onPointerDown = (e: PointerEvent<HTMLSpanElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, width: shownWidth() };
  };
  const onPointerMove = (e: PointerEvent<HTMLSpanElement>) => {
    if (!drag.current) return;
    useColumns.getState().setWidth(col.sortKey, drag.current.width + e.clientX - drag.current.x);
  };
  const endDrag = () => {
    drag.current = null;
  };
  const name = col.title ?? col.label;
  // The browser scrolls only the button into view; the column (its cells' text) should be, too.
  // Sideways only, and only the table's scroller (scrollIntoView would move every ancestor).
  const showWholeColumn = () => {
    const cell = cellRef.current;
    const scroller = cell?.closest<HTMLElement>('.fleet-scroll');
    if (!cell || !scroller) return;
    const c = cell.getBoundingClientRect();
    const left = scroller.getBoundingClientRect().left;
    const right = left + scroller.clientWidth;
    if (c.right > right) scroller.scrollLeft += c.right - right;
    else if (c.left < left) scroller.scrollLeft -= left - c.left;
  };

  return (
    <div ref={cellRef} role="columnheader" className={`cell head-cell ${col.className}`} aria-sort={sort}>
      <button type="button" className="sort-button" title={`${name}: click to sort; Alt+←/→ to resize`} onClick={() => onSort(col.sortKey)} onKeyDown={onKeyDown} onFocus={showWholeColumn}>
        <span className="sort-label">{col.label}</span>
        <span className="sort-arrow" aria-hidden="true">
          {sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : ''}
        </span>
      </button>
      {/* Mouse only: the keyboard resizes from the header button, so Tab stops stay one a column. */}
      <span
        className="col-resize"
        aria-hidden="true"
        data-testid={`resize-${col.sortKey}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onDoubleClick={() => useColumns.getState().resetWidth(col.sortKey)}
      />
    </div>
  );
}
