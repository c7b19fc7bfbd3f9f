/** Steward's one window, locked down per Electron's security checklist. */
import { BrowserWindow } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Built files sit beside each other: out/main, out/preload, out/renderer. */
const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_FILE = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

/** The URL the window shows: the dev server in development, the built file otherwise. */
export function appUrl(devServerUrl: string | null): string {
  return devServerUrl ?? pathToFileURL(RENDERER_FILE).href;
}

/** `backgroundColor`: the theme's (electron/theme.ts), so there is no flash of the other colour. */
export function createMainWindow(url: string, backgroundColor: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Steward',
    backgroundColor,
    show: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
