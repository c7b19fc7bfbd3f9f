/** The native save dialog behind a narrow interface: core code gets `chooseSavePath` injected and writes the file itself. */
import { dialog, type BrowserWindow } from 'electron';

export type SaveDialogOwner = () => BrowserWindow | null;

export async function chooseSavePath(
  owner: SaveDialogOwner,
  o: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] },
): Promise<string | null> {
  const options = { title: o.title, defaultPath: o.defaultName, filters: o.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
  const win = owner();
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}
