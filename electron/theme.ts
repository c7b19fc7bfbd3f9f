/**
 * The app's theme in the shell: `nativeTheme.themeSource` follows the steward's choice (so
 * `prefers-color-scheme`, native dialogs and menus agree), and the window's background matches
 * the theme so resizing never flashes the other colour. Electron objects come in as narrow
 * interfaces, so this is tested without Electron.
 */
import type { ThemeChoice } from '../shared/commands';

/** The renderer's --bg-app in each theme (renderer/src/styles/theme.css). */
export const WINDOW_BACKGROUND = { light: '#f4f5f7', dark: '#16181d' } as const;

export interface NativeThemeLike {
  themeSource: ThemeChoice;
  readonly shouldUseDarkColors: boolean;
}

export interface ThemedWindow {
  isDestroyed(): boolean;
  setBackgroundColor(color: string): void;
}

export function windowBackground(nativeTheme: Pick<NativeThemeLike, 'shouldUseDarkColors'>): string {
  return nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

export function createThemeShell(nativeTheme: NativeThemeLike, getWindow: () => ThemedWindow | null) {
  const paint = (): void => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.setBackgroundColor(windowBackground(nativeTheme));
  };
  return {
    async setTheme({ theme }: { theme: ThemeChoice }): Promise<{ dark: boolean }> {
      nativeTheme.themeSource = theme;
      paint();
      return { dark: nativeTheme.shouldUseDarkColors };
    },
    /** For nativeTheme's `updated` event: the OS switched while the choice is "system". */
    paint,
  };
}
