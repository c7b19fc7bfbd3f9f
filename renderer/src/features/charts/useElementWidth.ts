import { useCallback, useState } from 'react';

/**
 * The content width of an element: measured once as it is attached (before the first paint, so
 * what waits on the width, such as the charts' fetch, starts a frame sooner than a
 * ResizeObserver's first report), then tracked with a ResizeObserver. Answers 0 until measured
 * (and always in environments without ResizeObserver, such as jsdom).
 */
export function useElementWidth<E extends HTMLElement>(): [(el: E | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((el: E | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    // Whole pixels only: sub-pixel jitter would re-render the charts for nothing.
    const take = (w: number): void => setWidth((prev) => (Math.round(w) === prev ? prev : Math.round(w)));
    const style = getComputedStyle(el);
    take(el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
    const ro = new ResizeObserver((entries) => take(entries[0]?.contentRect.width ?? 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
