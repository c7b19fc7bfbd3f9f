import { useCallback, useState } from 'react';

/**
 * The content width of an element, tracked with a ResizeObserver. Answers 0 until measured
 * (and always in environments without ResizeObserver, such as jsdom).
 */
export function useElementWidth<E extends HTMLElement>(): [(el: E | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((el: E | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      // Whole pixels only: sub-pixel jitter would re-render the charts for nothing.
      setWidth((prev) => (Math.round(w) === prev ? prev : Math.round(w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
