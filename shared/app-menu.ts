/**
 * The application menu as data, from the command table: the shell turns it into Electron's
 * menu (electron/app-menu.ts). Pure, so its contents are tested without Electron.
 */
import { accelerator, COMMANDS, type CommandId, type MenuSection } from './commands';

export type AppMenuItem =
  | { kind: 'command'; command: CommandId; label: string; accelerator: string | null; enabled: boolean }
  | { kind: 'role'; role: 'quit' | 'copy' | 'paste' | 'cut' | 'selectAll' | 'undo' | 'redo' | 'toggleDevTools' | 'togglefullscreen' | 'about' | 'hide' | 'hideOthers' | 'unhide' | 'minimize' | 'close' }
  | { kind: 'separator' };

export interface AppMenuSection {
  label: string;
  items: AppMenuItem[];
}

const SECTION_LABELS: Record<MenuSection, string> = { file: 'File', view: 'View', droplet: 'Droplet', help: 'Help' };

function commandItems(section: MenuSection): AppMenuItem[] {
  return COMMANDS.filter((c) => c.menu === section).map((c) => ({
    kind: 'command',
    command: c.id,
    label: c.label,
    accelerator: c.keys[0] ? accelerator(c.keys[0]) : null,
    enabled: c.unavailable === undefined,
  }));
}

export function buildAppMenu(platform: string, opts: { devTools?: boolean } = {}): AppMenuSection[] {
  const mac = platform === 'darwin';
  const sections: AppMenuSection[] = [];
  if (mac) {
    sections.push({
      label: 'Steward',
      items: [{ kind: 'role', role: 'about' }, { kind: 'separator' }, { kind: 'role', role: 'hide' }, { kind: 'role', role: 'hideOthers' }, { kind: 'role', role: 'unhide' }, { kind: 'separator' }, { kind: 'role', role: 'quit' }],
    });
  }
  sections.push({ label: SECTION_LABELS.file, items: [...commandItems('file'), ...(mac ? [] : [{ kind: 'separator' as const }, { kind: 'role' as const, role: 'quit' as const }])] });
  // Copy and paste need a menu on macOS to work at all; the roles keep the platform's own keys.
  sections.push({
    label: 'Edit',
    items: [{ kind: 'role', role: 'undo' }, { kind: 'role', role: 'redo' }, { kind: 'separator' }, { kind: 'role', role: 'cut' }, { kind: 'role', role: 'copy' }, { kind: 'role', role: 'paste' }, { kind: 'role', role: 'selectAll' }],
  });
  const view = commandItems('view');
  view.push({ kind: 'separator' }, { kind: 'role', role: 'togglefullscreen' });
  if (opts.devTools) view.push({ kind: 'role', role: 'toggleDevTools' });
  sections.push({ label: SECTION_LABELS.view, items: view });
  sections.push({ label: SECTION_LABELS.droplet, items: commandItems('droplet') });
  if (mac) sections.push({ label: 'Window', items: [{ kind: 'role', role: 'minimize' }, { kind: 'role', role: 'close' }] });
  sections.push({ label: SECTION_LABELS.help, items: commandItems('help') });
  return sections;
}
