/**
 * The native dialogs the key vault asks for: open a private key file, save a public key.
 * Modal to Steward's window when there is one. Electron's dialog comes in as a narrow
 * interface so this is tested without Electron.
 */
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { KeyFilePicker, PublicKeySaver } from '../core/profiles/key-vault';

export interface DialogLike {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

const KEY_FILTERS = [
  { name: 'PEM keys', extensions: ['pem', 'key'] },
  { name: 'All files', extensions: ['*'] },
];

export function keyFilePicker(dialog: DialogLike, getWindow: () => BrowserWindow | null): KeyFilePicker {
  return {
    async pick() {
      const options: OpenDialogOptions = { title: 'Import a private key', properties: ['openFile', 'showHiddenFiles'], filters: KEY_FILTERS };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

export function publicKeySaver(dialog: DialogLike, getWindow: () => BrowserWindow | null): PublicKeySaver {
  return {
    async save(pem, suggestedName) {
      const options: SaveDialogOptions = { title: 'Save the public key', defaultPath: suggestedName, filters: KEY_FILTERS };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      // Public material: ordinary permissions are right.
      await writeFile(result.filePath, pem, { mode: 0o644 });
      return result.filePath;
    },
  };
}
