/**
 * The splitter between the fleet and the side pane: drag it, or focus it and press the arrow
 * keys (Home/End: narrowest/widest), to size the pane; Enter hides the pane (Ctrl+B brings it back).
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANE_MAX, PANE_MIN, PANE_STEP, useLayout } from '../state/layout';

export function PaneSplitter() {
  const width = useLayout((s) => s.paneWidth);
  const setWidth = useLayout((s) => s.setPaneWidth);
  const drag = useRef<{ x: number; width: number } | null>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The pane is on the right: moving the splitter left widens it.
    const next =
      e.key === 'ArrowLeft' ? width + PANE_STEP : e.key === 'ArrowRight' ? width - PANE_STEP : e.key === 'Home' ? PANE_MIN : e.key === 'End' ? PANE_MAX : null;
    if (e.key === 'Enter') {
      e.preventDefault();
      useLayout.getState().togglePane();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    setWidth(next);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setWidth(drag.current.width - (e.clientX - drag.current.x));
  };
  const end = () => {
    drag.current = null;
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the side pane"
      aria-controls="side-pane"
      aria-valuemin={PANE_MIN}
      aria-valuemax={PANE_MAX}
      aria-valuenow={width}
      tabIndex={0}
      title="Drag or use ←/→ to resize the pane; Enter hides it"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
    />
  );
}
