import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createThemeShell, WINDOW_BACKGROUND } from '../../../electron/theme';
import { installAppMenu, menuTemplate } from '../../../electron/app-menu';
import { registerIpc, type InvokeEventLike, type WindowTarget } from '../../../electron/ipc';
import { createDispatch } from '../../../core/app/dispatch';
import { eventChannel, methodChannel } from '../../../shared/ipc-contract';

function fakeNativeTheme(osDark: boolean) {
  return {
    themeSource: 'system' as 'system' | 'light' | 'dark',
    get shouldUseDarkColors() {
      return this.themeSource === 'system' ? osDark : this.themeSource === 'dark';
    },
  };
}

describe('theme shell', () => {
  it('sets nativeTheme.themeSource and paints the window in the theme’s background', async () => {
    const native = fakeNativeTheme(false);
    const win = { isDestroyed: () => false, setBackgroundColor: vi.fn() };
    const shell = createThemeShell(native, () => win);
    await expect(shell.setTheme({ theme: 'dark' })).resolves.toEqual({ dark: true });
    expect(native.themeSource).toBe('dark');
    expect(win.setBackgroundColor).toHaveBeenLastCalledWith(WINDOW_BACKGROUND.dark);
    await expect(shell.setTheme({ theme: 'system' })).resolves.toEqual({ dark: false });
    expect(win.setBackgroundColor).toHaveBeenLastCalledWith(WINDOW_BACKGROUND.light);
  });

  it('reaches setTheme through IPC with its input checked, and refuses a bad theme', async () => {
    const native = fakeNativeTheme(true);
    const shell = createThemeShell(native, () => null);
    const handlers = new Map<string, (e: InvokeEventLike, i: unknown) => Promise<unknown>>();
    const service = { dispatch: vi.fn(async () => ({ ok: true as const, value: null })), onEvent: () => () => undefined };
    const target: WindowTarget = { id: 1, isDestroyed: () => false, send: () => undefined };
    registerIpc({
      ipcMain: { handle: (c, h) => void handlers.set(c, h), removeHandler: () => undefined },
      service,
      appUrl: 'file:///a/index.html',
      getTarget: () => target,
      shell: createDispatch({ setTheme: shell.setTheme }),
    });
    const ev: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: 'file:///a/index.html', parent: null } };
    const setTheme = handlers.get(methodChannel('setTheme'))!;
    await expect(setTheme(ev, { theme: 'light' })).resolves.toEqual({ ok: true, value: { dark: false } });
    const bad = (await setTheme(ev, { theme: 'purple' })) as { ok: boolean };
    expect(bad.ok).toBe(false);
    expect(native.themeSource).toBe('light');
    expect(service.dispatch).not.toHaveBeenCalled();
  });
});

describe('application menu in Electron', () => {
  const items = (t: MenuItemConstructorOptions[]) => t.flatMap((s) => (s.submenu as MenuItemConstructorOptions[]).map((i) => ({ ...i, section: s.label })));

  it('sends a clicked command to the window as a menuCommand event', () => {
    const sent: [string, unknown][] = [];
    let template: MenuItemConstructorOptions[] = [];
    const menu = { buildFromTemplate: (t: MenuItemConstructorOptions[]) => ((template = t), 'menu'), setApplicationMenu: vi.fn() };
    installAppMenu(menu, 'linux', () => ({ id: 1, isDestroyed: () => false, send: (c, p) => void sent.push([c, p]) }));
    expect(menu.setApplicationMenu).toHaveBeenCalledWith('menu');
    const palette = items(template).find((i) => i.label === 'Command palette…')!;
    expect(palette.accelerator).toBe('CmdOrCtrl+K');
    (palette.click as () => void)();
    expect(sent).toEqual([[eventChannel('menuCommand'), { command: 'commandPalette' }]]);
  });

  it('offers muting the selected droplet, now that the attention engine answers', () => {
    const mute = items(menuTemplate('linux', () => undefined)).find((i) => i.label === 'Mute droplet for 1 hour')!;
    expect(mute.enabled).toBe(true);
  });
});
