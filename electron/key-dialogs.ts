/**
 * The native dialogs the key vault asks for: open a private key file, save a public key,
 * allow a profile's key to sign a test token for a host that is not its own, and allow a keyed
 * profile to move to another host. Modal to Steward's window when there is one. Electron's dialog comes in as a narrow
 * interface so this is tested without Electron.
 */
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ConfirmKeyMove } from '../core/app/app-controller';
import type { ConfirmForeignHost } from '../core/app/connection-test';
import type { KeyFilePicker, PublicKeySaver } from '../core/profiles/key-vault';

export interface DialogLike {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

export interface MessageBoxLike {
  showMessageBox(window: BrowserWindow, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
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

/**
 * Asks a yes/no question whose safe answer is the default: Cancel is the first button and the
 * default, and closing the dialog means Cancel. True only when the steward chose `confirm`.
 */
export async function confirmCancelFirst(
  dialog: MessageBoxLike,
  getWindow: () => BrowserWindow | null,
  question: Pick<MessageBoxOptions, 'type' | 'title' | 'message' | 'detail'> & { confirm: string },
): Promise<boolean> {
  const { confirm, ...text } = question;
  const options: MessageBoxOptions = { ...text, buttons: ['Cancel', confirm], defaultId: 0, cancelId: 0, noLink: true };
  const win = getWindow();
  const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return result.response === 1;
}

export function foreignHostConfirm(dialog: MessageBoxLike, getWindow: () => BrowserWindow | null): ConfirmForeignHost {
  return (host, profileName) =>
    confirmCancelFirst(dialog, getWindow, {
      type: 'warning',
      title: 'Allow the key for another host?',
      message: `Sign a test token with the key of “${profileName}” for ${host}?`,
      detail: `${host} is not the address saved with this profile. Whoever runs it receives a token signed with your key, valid for one minute. Allow it only if you trust ${host}.`,
      confirm: `Allow for ${host}`,
    });
}

export function keyMoveConfirm(dialog: MessageBoxLike, getWindow: () => BrowserWindow | null): ConfirmKeyMove {
  return (host, profileName) =>
    confirmCancelFirst(dialog, getWindow, {
      type: 'warning',
      title: 'Use the key with another host?',
      message: `Save “${profileName}” with ${host}, and sign for it with the profile's key?`,
      detail: `${host} is not the address saved with this profile. From now on whoever runs it receives tokens signed with your key. Allow it only if you trust ${host}.`,
      confirm: `Allow for ${host}`,
    });
}
