/**
 * Applies the theme: `data-theme` on <html> from the steward's choice (or the OS's, for
 * "system"), and the shell told through `setTheme` so Electron's nativeTheme and the window's
 * background agree. Outside Electron (tests, the browser harness) that call may fail: the
 * page's own colours are all that matter there.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { resolveTheme, useTheme, type ResolvedTheme } from '../state/theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function darkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
}

function subscribe(onChange: () => void): () => void {
  const q = darkQuery();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

/** Whether the OS (or, in Electron, nativeTheme) asks for dark now. */
export function systemIsDark(): boolean {
  return darkQuery()?.matches ?? false;
}

export function useSystemDark(): boolean {
  return useSyncExternalStore(subscribe, systemIsDark);
}

export function useResolvedTheme(): ResolvedTheme {
  const choice = useTheme((s) => s.choice);
  return resolveTheme(choice, useSystemDark());
}

export function useThemeEffect(): void {
  const choice = useTheme((s) => s.choice);
  const resolved = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);
  useEffect(() => {
    // Fire and forget: the page has already switched; the shell only follows.
    void window.steward?.setTheme?.({ theme: choice }).catch(() => undefined);
  }, [choice]);
}
