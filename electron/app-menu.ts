/**
 * The application menu in Electron, built from the pure model (shared/app-menu.ts). A command
 * item's click is sent to the window as a `menuCommand` event; the renderer runs it as if the
 * keys had been pressed there. Electron's Menu comes in as a narrow interface for tests.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { buildAppMenu, type AppMenuItem } from '../shared/app-menu';
import type { CommandId } from '../shared/commands';
import { eventChannel } from '../shared/ipc-contract';
import type { WindowTarget } from './ipc';

export interface MenuLike<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

function toElectron(item: AppMenuItem, send: (command: CommandId) => void): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: item.role };
    case 'command':
      return {
        label: item.label,
        enabled: item.enabled,
        ...(item.accelerator ? { accelerator: item.accelerator } : {}),
        click: () => send(item.command),
      };
  }
}

export function menuTemplate(platform: string, send: (command: CommandId) => void, opts: { devTools?: boolean } = {}): MenuItemConstructorOptions[] {
  return buildAppMenu(platform, opts).map((section) => ({ label: section.label, submenu: section.items.map((i) => toElectron(i, send)) }));
}

export function installAppMenu<M>(menu: MenuLike<M>, platform: string, getTarget: () => WindowTarget | null, opts: { devTools?: boolean } = {}): void {
  const send = (command: CommandId): void => {
    const target = getTarget();
    if (target && !target.isDestroyed()) target.send(eventChannel('menuCommand'), { command });
  };
  menu.setApplicationMenu(menu.buildFromTemplate(menuTemplate(platform, send, opts)));
}
