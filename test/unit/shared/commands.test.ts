import { describe, expect, it } from 'vitest';
import { accelerator, COMMANDS, commandForKey, comboLabel, type KeyEventLike } from '../../../shared/commands';
import { buildAppMenu } from '../../../shared/app-menu';

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('command table', () => {
  it('gives every command a distinct id and no two commands the same keys', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const combos = COMMANDS.flatMap((c) => c.keys.map((k) => comboLabel(k, false)));
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('maps key presses to commands, with Cmd on macOS and Ctrl elsewhere', () => {
    expect(commandForKey(key('k', { ctrlKey: true }), false)?.id).toBe('commandPalette');
    expect(commandForKey(key('k', { metaKey: true }), true)?.id).toBe('commandPalette');
    expect(commandForKey(key('k', { metaKey: true }), false)).toBeNull();
    expect(commandForKey(key('K', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(commandForKey(key('/'), false)?.id).toBe('focusSearch');
    expect(commandForKey(key('f', { ctrlKey: true }), false)?.id).toBe('focusSearch');
    // "?" is typed with Shift on most layouts.
    expect(commandForKey(key('?', { shiftKey: true }), false)?.id).toBe('shortcuts');
    expect(commandForKey(key('H', { ctrlKey: true, shiftKey: true }), false)?.id).toBe('sendHeartbeat');
    expect(commandForKey(key('Escape'), false)?.id).toBe('clearSelection');
    expect(commandForKey(key('b'), false)).toBeNull();
  });

  it('writes keys for people and accelerators for Electron', () => {
    expect(comboLabel({ key: 'h', mod: true, shift: true }, false)).toBe('Ctrl+Shift+H');
    expect(comboLabel({ key: 'k', mod: true }, true)).toBe('⌘K');
    expect(accelerator({ key: 'h', mod: true, shift: true })).toBe('CmdOrCtrl+Shift+H');
    // Unmodified keys stay in the window, where typing in a field does not trigger them.
    expect(accelerator({ key: '/' })).toBeNull();
  });
});

describe('application menu model', () => {
  it('lists every menu command once, with its accelerator, and Quit where the platform expects it', () => {
    const linux = buildAppMenu('linux');
    const commands = linux.flatMap((s) => s.items).filter((i) => i.kind === 'command');
    expect(commands.map((i) => i.command).sort()).toEqual(COMMANDS.filter((c) => c.menu).map((c) => c.id).sort());
    expect(linux[0]!.label).toBe('File');
    expect(linux[0]!.items.at(-1)).toEqual({ kind: 'role', role: 'quit' });
    const mac = buildAppMenu('darwin');
    expect(mac[0]!.label).toBe('Steward');
    expect(mac.find((s) => s.label === 'File')!.items.some((i) => i.kind === 'role' && i.role === 'quit')).toBe(false);
    expect(linux.find((s) => s.label === 'View')!.items.some((i) => i.kind === 'role' && i.role === 'toggleDevTools')).toBe(false);
    expect(buildAppMenu('linux', { devTools: true }).find((s) => s.label === 'View')!.items.some((i) => i.kind === 'role' && i.role === 'toggleDevTools')).toBe(true);
  });
});
