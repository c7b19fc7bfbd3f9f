import { lazy, type ComponentType } from 'react';

/**
 * A component in a chunk of its own, which can be fetched ahead of its first use. Once the chunk
 * is in, `current()` is the component itself rather than a lazy stand-in: a lazy component
 * suspends on its first render even when its code is already loaded, and React holds a revealed
 * fallback about 300 ms. Pick it once per mount (useState): swapping the stand-in for the
 * component later would build the part again.
 */
export function prefetchedLazy<P extends object>(load: () => Promise<ComponentType<P>>): { prefetch: () => Promise<ComponentType<P>>; current: () => ComponentType<P> } {
  let loaded: ComponentType<P> | null = null;
  const prefetch = () => load().then((component) => (loaded = component));
  const Lazy = lazy(() => prefetch().then((component) => ({ default: component })));
  return { prefetch, current: () => loaded ?? Lazy };
}
