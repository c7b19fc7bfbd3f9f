/** The tray icon and its menu, drawn from a TrayModel (tray-model.ts) with tray-icon.ts's pixels. */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { ICON_SIZE, iconPixels } from './tray-icon';
import type { TrayItem, TrayModel } from './tray-model';

export interface TrayActions {
  openDroplet(id: number): void;
  muteAll(): void;
  open(): void;
  quit(): void;
}

function menuItem(item: TrayItem, a: TrayActions): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'problem':
      return { label: item.label, click: () => a.openDroplet(item.id) };
    case 'muteAll':
      return { label: item.label, enabled: item.enabled, click: () => a.muteAll() };
    case 'open':
      return { label: item.label, click: () => a.open() };
    case 'quit':
      return { label: item.label, click: () => a.quit() };
    case 'separator':
      return { type: 'separator' };
    case 'info':
      return { label: item.label, enabled: false };
  }
}

export function createTray(actions: TrayActions): { update(model: TrayModel): void; destroy(): void } {
  const image = (m: Pick<TrayModel, 'tone' | 'count'>) => nativeImage.createFromBitmap(iconPixels(m.tone, m.count), { width: ICON_SIZE, height: ICON_SIZE });
  const tray = new Tray(image({ tone: 'ok', count: 0 }));
  tray.setToolTip('Steward');
  tray.on('click', () => actions.open());
  let last = '';
  return {
    update(model) {
      // Rebuilt only when something shown changed: problemsChanged can come every second.
      const key = JSON.stringify(model);
      if (key === last) return;
      last = key;
      tray.setImage(image(model));
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(model.items.map((i) => menuItem(i, actions))));
    },
    destroy: () => tray.destroy(),
  };
}
