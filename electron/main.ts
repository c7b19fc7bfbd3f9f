/**
 * App lifecycle: wire IPC to a deferred service and open the window at once (its page loads
 * meanwhile), then start the embedded sandbox and create the app controller (profiles, keys and
 * the active profile's service), which the deferred service hands the waiting calls to; on
 * quit, close the controller (stopping keep-alives) and the sandbox. Attention surfaces
 * (notifications, tray, title, badge, keep running in the tray) follow the service's events
 * through attention-shell.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, Notification, safeStorage, session } from 'electron';
import { createAppController, type AppController } from '../core/app/app-controller';
import { createDeferredService } from '../core/app/deferred-service';
import { createDispatch } from '../core/app/dispatch';
import { installAppMenu } from './app-menu';
import { createThemeShell, windowBackground } from './theme';
import { createCrashGuard } from './crash-guard';
import { startEmbeddedDefault, type EmbeddedDefault } from './embedded-default';
import { hardenSession, hardenWebContents } from './harden';
import { registerIpc, sendManyToWindow, sendToWindow } from './ipc';
import { inBackground, WindowPushes } from '../core/app/window-pushes';
import { foreignHostConfirm, keyFilePicker, keyMoveConfirm, publicKeySaver } from './key-dialogs';
import { linkConfirm } from './open-external';
import { chooseSavePath } from './save-dialog';
import { safeStorageCipher } from './safe-storage';
import { appUrl, createMainWindow } from './window';
// Bundled on its own by electron-vite: fleet answers are decoded in this worker thread.
import fleetWorkerFile from '../core/fleet/decode-worker?modulePath';
import probeWorkerFile from '../core/probes/route-worker?modulePath';
import { errorText } from '../shared/error-text';
import { createAttentionShell, type ShellWindow } from './attention-shell';
import { createNotifier } from './notifier';
import { createTray } from './tray';
import { applyMainV8Flags } from '../core/app/main-v8-flags';

// Before the fleet worker is created: it takes the flags in force then.
applyMainV8Flags();
const log = (message: string): void => console.warn(`[steward] ${message}`);
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const url = appUrl(devServerUrl);

let window: BrowserWindow | null = null;
let embedded: EmbeddedDefault | null = null;
let controller: AppController | null = null;
let unregisterIpc: (() => void) | null = null;
const deferred = createDeferredService();
const currentWindow = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);
const themeShell = createThemeShell(nativeTheme, currentWindow);
const windowTarget = () => currentWindow()?.webContents ?? null;
// Frequent pushes wait while the window is in the background, for its next refresh.
const windowPushes = new WindowPushes({ send: sendToWindow(windowTarget), sendMany: sendManyToWindow(windowTarget) });
nativeTheme.on('updated', themeShell.paint);
let quitting = false;

const shellWindow = (): ShellWindow | null => {
  const w = currentWindow();
  if (!w) return null;
  return {
    isMinimized: () => w.isMinimized(),
    restore: () => w.restore(),
    show: () => w.show(),
    focus: () => w.focus(),
    setTitle: (t) => w.setTitle(t),
    send: (channel, payload) => w.webContents.send(channel, payload),
  };
};
const notifier = createNotifier({
  // Asked when one is shown: Electron's Notification is usable only once the app is ready.
  create: (o) => (Notification.isSupported() ? new Notification(o) : null),
  settings: () => attention.view?.settings ?? null,
  focus: (target) => attention.focus(target),
});
let tray: ReturnType<typeof createTray> | null = null;
const attention = createAttentionShell({
  dispatch: (method, input) => deferred.dispatch(method, input),
  onEvent: (listener) => deferred.onEvent(listener),
  window: shellWindow,
  openWindow: () => openWindow(),
  setBadgeCount: (n) => void app.setBadgeCount(n),
  notify: (e) => void notifier.notify(e),
  updateTray: (model) => tray?.update(model),
  now: Date.now,
});

// Replaces Electron's default, which shows the steward a stack trace.
const crashGuard = createCrashGuard({ log, showError: (title, message) => dialog.showErrorBox(title, message) });
process.on('uncaughtException', (e) => crashGuard('uncaughtException', e));
process.on('unhandledRejection', (reason) => crashGuard('unhandledRejection', reason));

// A separate data folder (tests, or a second set of profiles) without touching the default one.
if (process.env.STEWARD_DATA_DIR) app.setPath('userData', process.env.STEWARD_DATA_DIR);
app.enableSandbox();
// A second Steward would start a second sandbox and poll twice: focus the first instead.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();

// Every web contents, including any a bug might create, gets the navigation policy.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, url, log, linkConfirm(dialog, currentWindow)));

app.on('second-instance', () => {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

function openWindow(): void {
  const win = createMainWindow(url, windowBackground(nativeTheme));
  window = win;
  window.on('closed', () => {
    window = null;
    windowPushes.close();
  });
  const judge = () => windowPushes.setBackground(inBackground(win));
  win.on('focus', judge).on('blur', judge).on('show', judge).on('hide', judge).on('minimize', judge).on('restore', judge);
  // The title carries the problem count: the page's <title> does not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.on('hide', () => attention.windowHidden());
  win.on('minimize', () => attention.windowHidden());
  win.on('show', () => attention.windowShown());
  win.on('restore', () => attention.windowShown());
  win.on('close', (event) => {
    if (quitting || !attention.keepInTray() || !tray) return;
    // Keep running in the tray: notifications go on; the tray's "Open Steward" brings it back.
    event.preventDefault();
    win.hide();
  });
}

async function start(): Promise<void> {
  if (!primaryInstance) return;
  hardenSession(session.defaultSession, devServerUrl);
  unregisterIpc = registerIpc({
    ipcMain,
    service: deferred,
    appUrl: url,
    getTarget: windowTarget,
    pushes: windowPushes,
    shell: createDispatch({ setTheme: themeShell.setTheme }),
    log,
  });
  installAppMenu(Menu, process.platform, windowTarget, { devTools: !app.isPackaged });
  openWindow();
  embedded = await startEmbeddedDefault({ appVersion: app.getVersion(), userDataDir: app.getPath('userData') });
  const { orchestratorUrl, privateKeyPem, dialect } = embedded.config;
  // Exports (fleet, history, log, events) are written by main to where the steward chose.
  const savePath = (o: Parameters<typeof chooseSavePath>[1]) => chooseSavePath({ dialog, getWindow: currentWindow }, o);
  // With no profiles.json yet, the built-in profile (this embedded sandbox) is the one opened.
  controller = await createAppController({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    embedded: { orchestratorUrl, privateKeyPem, dialect },
    cipher: safeStorageCipher(safeStorage),
    picker: keyFilePicker(dialog, currentWindow),
    saver: publicKeySaver(dialog, currentWindow),
    connectionTest: { confirmForeignHost: foreignHostConfirm(dialog, currentWindow) },
    confirmKeyMove: keyMoveConfirm(dialog, currentWindow),
    chooseSavePath: savePath,
    serviceExtras: { fleetWorkerFile, probeWorkerFile, chooseSavePath: savePath },
  });
  for (const w of controller.warnings) log(w);
  deferred.ready(controller);
  try {
    tray = createTray({
      openDroplet: (id) => attention.focus({ dropletId: id, ids: [id], eventId: null }),
      muteAll: () => void attention.muteAllForAnHour(),
      open: () => (currentWindow() ? attention.focus({ dropletId: null, ids: [], eventId: null }) : openWindow()),
      quit: () => app.quit(),
    });
  } catch (e) {
    log(`No tray icon on this system: ${errorText(e)}`);
  }
  await attention.refresh();
}

app.whenReady().then(start).catch(fail);

app.on('activate', () => {
  // macOS: clicking the dock icon with no window open reopens it.
  if (controller && BrowserWindow.getAllWindows().length === 0) openWindow();
  // Kept running in the tray: the dock icon brings the hidden window back.
  else if (currentWindow() && !currentWindow()!.isVisible()) currentWindow()!.show();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' && !(tray && attention.keepInTray())) app.quit();
});

let shutDown = false;
app.on('before-quit', (event) => {
  quitting = true;
  if (shutDown) return;
  // Hold the quit until keep-alives have stopped and the sandbox's port is released.
  event.preventDefault();
  void shutdown().finally(() => {
    shutDown = true;
    app.quit();
  });
});

async function shutdown(): Promise<void> {
  attention.stop();
  tray?.destroy();
  tray = null;
  unregisterIpc?.();
  unregisterIpc = null;
  await controller?.close().catch((e: unknown) => log(`Closing the profile's service failed: ${String(e)}`));
  controller = null;
  await embedded?.close().catch((e: unknown) => log(`Closing the sandbox failed: ${String(e)}`));
  embedded = null;
}

function fail(e: unknown): void {
  const message = errorText(e);
  deferred.failed(e);
  log(`Start-up failed: ${message}`);
  dialog.showErrorBox('Steward could not start', message);
  app.quit();
}
