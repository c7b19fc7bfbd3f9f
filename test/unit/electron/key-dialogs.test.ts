import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { foreignHostConfirm, keyMoveConfirm, type MessageBoxLike } from '../../../electron/key-dialogs';

function fakeDialog(response: number): MessageBoxLike & { shown: MessageBoxOptions[] } {
  const shown: MessageBoxOptions[] = [];
  const showMessageBox = async (a: BrowserWindow | MessageBoxOptions, b?: MessageBoxOptions): Promise<MessageBoxReturnValue> => {
    shown.push(b ?? (a as MessageBoxOptions));
    return { response, checkboxChecked: false };
  };
  return { shown, showMessageBox } as MessageBoxLike & { shown: MessageBoxOptions[] };
}

describe('foreignHostConfirm', () => {
  it('names the host and the profile, defaults to Cancel, and allows only on the Allow button', async () => {
    const allow = fakeDialog(1);
    expect(await foreignHostConfirm(allow, () => null)('evil.example:8000', 'Prod')).toBe(true);
    expect(allow.shown[0]).toMatchObject({
      message: 'Sign a test token with the key of “Prod” for evil.example:8000?',
      buttons: ['Cancel', 'Allow for evil.example:8000'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(allow.shown[0]!.detail).toMatch(/evil\.example:8000 is not the address saved with this profile/);
    expect(await foreignHostConfirm(fakeDialog(0), () => ({}) as BrowserWindow)('evil.example:8000', 'Prod')).toBe(false);
  });
});

describe('keyMoveConfirm', () => {
  it('names the host and the profile, defaults to Cancel, and allows only on the Allow button', async () => {
    const allow = fakeDialog(1);
    expect(await keyMoveConfirm(allow, () => null)('evil.example:8000', 'Prod')).toBe(true);
    expect(allow.shown[0]).toMatchObject({
      message: 'Save “Prod” with evil.example:8000, and sign for it with the profile\'s key?',
      buttons: ['Cancel', 'Allow for evil.example:8000'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(await keyMoveConfirm(fakeDialog(0), () => ({}) as BrowserWindow)('evil.example:8000', 'Prod')).toBe(false);
  });
});
