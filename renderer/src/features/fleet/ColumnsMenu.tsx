/**
 * The Columns menu beside the filters: which columns show, and back to the default widths.
 * A disclosure with checkboxes; Escape or a click elsewhere closes it.
 */
import { useEffect, useRef } from 'react';
import { useColumns } from '../../state/columns';
import { useOverlays } from '../../state/overlays';
import { COLUMNS } from './columns';

export function ColumnsMenu() {
  const open = useOverlays((s) => s.open === 'columns');
  const hidden = useColumns((s) => s.hidden);
  const toggle = useColumns((s) => s.toggleHidden);
  const reset = useColumns((s) => s.resetColumns);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLInputElement>('input')?.focus();
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) useOverlays.getState().close();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const shownCount = COLUMNS.length - hidden.filter((k) => COLUMNS.some((c) => c.sortKey === k)).length;
  return (
    <div className="columns-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls="columns-menu-panel"
        onClick={() => (open ? useOverlays.getState().close() : useOverlays.getState().show('columns'))}
      >
        Columns{hidden.length > 0 ? ` (${shownCount}/${COLUMNS.length})` : ''}
      </button>
      {open && (
        <div
          id="columns-menu-panel"
          className="columns-menu-panel"
          role="group"
          aria-label="Columns shown"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            useOverlays.getState().close();
            button.current?.focus();
          }}
        >
          {COLUMNS.map((c) => {
            const shown = !hidden.includes(c.sortKey);
            return (
              <label key={c.sortKey} className="columns-menu-item">
                {/* The last column shown stays: an empty table helps no one. */}
                <input type="checkbox" checked={shown} disabled={shown && shownCount === 1} onChange={() => toggle(c.sortKey)} />
                {c.title ?? c.label}
              </label>
            );
          })}
          <button type="button" className="link-button columns-menu-reset" onClick={reset}>
            Show all, default widths
          </button>
        </div>
      )}
    </div>
  );
}
