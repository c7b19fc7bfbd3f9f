import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { chooseSavePath, type SaveDialogOwner } from '../../../electron/save-dialog';

function owner(answer: SaveDialogReturnValue, win: BrowserWindow | null = null) {
  const showSaveDialog = vi.fn(async (..._args: [BrowserWindow, SaveDialogOptions] | [SaveDialogOptions]) => answer);
  return { owner: { dialog: { showSaveDialog }, getWindow: () => win } as unknown as SaveDialogOwner, showSaveDialog };
}
const REQUEST = { title: 'Export the fleet', defaultName: 'fleet.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] };

describe('chooseSavePath', () => {
  it('answers the chosen path, asking modally over the window with the suggested name and filters', async () => {
    const win = {} as BrowserWindow;
    const { owner: o, showSaveDialog } = owner({ canceled: false, filePath: '/home/s/fleet.csv' }, win);
    expect(await chooseSavePath(o, REQUEST)).toBe('/home/s/fleet.csv');
    expect(showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ title: 'Export the fleet', defaultPath: 'fleet.csv', filters: REQUEST.filters }));
  });

  it('answers null when the steward cancels', async () => {
    const { owner: o, showSaveDialog } = owner({ canceled: true, filePath: '' });
    expect(await chooseSavePath(o, REQUEST)).toBeNull();
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'fleet.csv' }));
  });
});
