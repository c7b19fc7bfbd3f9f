/**
 * Steward's command table: one list drives the command palette, the shortcuts dialog and the
 * Electron application menu, so a command has the same name and keys everywhere. Pure: no DOM,
 * no Electron. Items built from data (go to a droplet, switch profile) live in the palette.
 */
import { z } from 'zod';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export const ThemeChoiceSchema = z.enum(THEME_CHOICES);

export const COMMAND_IDS = [
  'commandPalette',
  'focusSearch',
  'clearSelection',
  'refresh',
  'register',
  'sendHeartbeat',
  'openDetails',
  'openLog',
  'openConnections',
  'addOrchestrator',
  'togglePane',
  'maximizePane',
  'chooseColumns',
  'toggleTheme',
  'mute',
  'openEvents',
  'shortcuts',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];
export const CommandIdSchema = z.enum(COMMAND_IDS);

/** A key and its modifiers; `mod` is Ctrl, or Cmd on macOS. */
export interface KeyCombo {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export type MenuSection = 'file' | 'view' | 'droplet' | 'help';

export interface Command {
  id: CommandId;
  label: string;
  /** Where the application menu puts it; absent: palette and shortcuts only. */
  menu?: MenuSection;
  /** The first is shown and becomes the menu accelerator; the others also work in the window. */
  keys: readonly KeyCombo[];
  /** Needs a selected droplet. */
  needsSelection?: boolean;
  /** Not available in this build, and why (shown greyed out, never runs). */
  unavailable?: string;
}

export const COMMANDS: readonly Command[] = [
  { id: 'commandPalette', label: 'Command palette…', menu: 'view', keys: [{ key: 'k', mod: true }] },
  { id: 'focusSearch', label: 'Find droplet', menu: 'view', keys: [{ key: '/' }, { key: 'f', mod: true }] },
  { id: 'clearSelection', label: 'Clear selection / close form', keys: [{ key: 'Escape' }] },
  { id: 'refresh', label: 'Refresh the fleet now', menu: 'view', keys: [{ key: 'r', mod: true }] },
  { id: 'register', label: 'Register droplet…', menu: 'droplet', keys: [{ key: 'n', mod: true }] },
  { id: 'sendHeartbeat', label: 'Send heartbeat…', menu: 'droplet', keys: [{ key: 'h', mod: true, shift: true }], needsSelection: true },
  { id: 'openDetails', label: 'Show details', menu: 'droplet', keys: [{ key: 'd', mod: true, shift: true }], needsSelection: true },
  { id: 'mute', label: 'Mute droplet for 1 hour', menu: 'droplet', keys: [], needsSelection: true },
  { id: 'openEvents', label: 'Open events timeline', menu: 'view', keys: [{ key: 'e', mod: true, shift: true }] },
  { id: 'openLog', label: 'Open communications log', menu: 'view', keys: [{ key: 'l', mod: true, shift: true }] },
  { id: 'openConnections', label: 'Connections and profiles', menu: 'file', keys: [{ key: ',', mod: true }] },
  { id: 'addOrchestrator', label: 'Add your Orchestrator…', menu: 'file', keys: [] },
  { id: 'togglePane', label: 'Show or hide the side pane', menu: 'view', keys: [{ key: 'b', mod: true }] },
  { id: 'maximizePane', label: 'Side pane full window', menu: 'view', keys: [{ key: 'm', mod: true, shift: true }] },
  { id: 'chooseColumns', label: 'Choose columns…', menu: 'view', keys: [] },
  { id: 'toggleTheme', label: 'Toggle light / dark theme', menu: 'view', keys: [{ key: 't', mod: true, shift: true }] },
  { id: 'shortcuts', label: 'Keyboard shortcuts', menu: 'help', keys: [{ key: '?' }] },
];

export function commandById(id: CommandId): Command {
  return COMMANDS.find((c) => c.id === id)!;
}

/** The words a person reads: "Ctrl+Shift+H", "⌘K" on macOS. */
export function comboLabel(c: KeyCombo, mac: boolean): string {
  const key = c.key.length === 1 ? c.key.toUpperCase() : c.key === 'Escape' ? 'Esc' : c.key;
  if (mac) return `${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${key}`;
  return [c.mod && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', key].filter(Boolean).join('+');
}

/** Electron's accelerator for a combo, or null when it has none a menu can carry. */
export function accelerator(c: KeyCombo): string | null {
  // Unmodified keys would fire while the steward types; the window handles those itself.
  if (!c.mod) return null;
  const key = c.key.length === 1 ? c.key.toUpperCase() : c.key;
  return [c.mod && 'CmdOrCtrl', c.alt && 'Alt', c.shift && 'Shift', key].filter(Boolean).join('+');
}

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesCombo(e: KeyEventLike, c: KeyCombo, mac: boolean): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const otherMod = mac ? e.ctrlKey : e.metaKey;
  if (mod !== Boolean(c.mod) || otherMod || e.altKey !== Boolean(c.alt)) return false;
  // A symbol's Shift is part of typing it ("?" is Shift+/ on most layouts): only letters check it.
  const letter = /^[a-z]$/i.test(c.key);
  if (letter && e.shiftKey !== Boolean(c.shift)) return false;
  return e.key.toLowerCase() === c.key.toLowerCase();
}

/** The command a key press means, if any. */
export function commandForKey(e: KeyEventLike, mac: boolean): Command | null {
  return COMMANDS.find((c) => c.keys.some((k) => matchesCombo(e, k, mac))) ?? null;
}
