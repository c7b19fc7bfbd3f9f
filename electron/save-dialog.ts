/**
 * The native save dialog, behind a narrow interface: answers the path the steward chose, or
 * null when they cancelled. Core code gets it injected and writes the file itself (atomically).
 * Modal to Steward's window when there is one.
 */
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';

export interface SaveDialogOwner {
  dialog: {
    showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  };
  getWindow(): BrowserWindow | null;
}

export async function chooseSavePath(
  owner: SaveDialogOwner,
  o: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] },
): Promise<string | null> {
  const options: SaveDialogOptions = { title: o.title, defaultPath: o.defaultName, filters: o.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] };
  const win = owner.getWindow();
  const result = win ? await owner.dialog.showSaveDialog(win, options) : await owner.dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
