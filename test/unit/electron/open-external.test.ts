import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MessageBoxLike } from '../../../electron/key-dialogs';
import { linkConfirm, openLinkWithConsent, type LinkOpener } from '../../../electron/open-external';

function opener(answer: boolean): LinkOpener & { asked: [string, string][]; opened: string[]; logged: string[] } {
  const asked: [string, string][] = [];
  const opened: string[] = [];
  const logged: string[] = [];
  return {
    asked,
    opened,
    logged,
    confirm: async (host, url) => (asked.push([host, url]), answer),
    open: async (url) => void opened.push(url),
    log: (m) => void logged.push(m),
  };
}

describe('openLinkWithConsent', () => {
  it('asks, naming the host, and opens the re-serialised https URL only on yes', async () => {
    const yes = opener(true);
    expect(await openLinkWithConsent('HTTPS://Docs.Example.com:8443/a?b=1', yes)).toBe(true);
    expect(yes.asked).toEqual([['docs.example.com:8443', 'https://docs.example.com:8443/a?b=1']]);
    expect(yes.opened).toEqual(['https://docs.example.com:8443/a?b=1']);

    const no = opener(false);
    expect(await openLinkWithConsent('https://example.com/', no)).toBe(false);
    expect(no.asked).toEqual([['example.com', 'https://example.com/']]);
    expect(no.opened).toEqual([]);
  });

  it('refuses anything but a plain https link without asking', async () => {
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com/', 'steward://x', 'not a url']) {
      const o = opener(true);
      expect(await openLinkWithConsent(url, o), url).toBe(false);
      expect(o.asked).toEqual([]);
      expect(o.opened).toEqual([]);
      expect(o.logged).toEqual([`Refused to open ${url}`]);
    }
  });
});

describe('linkConfirm', () => {
  function fakeDialog(response: number): MessageBoxLike & { shown: { window: BrowserWindow | null; options: MessageBoxOptions }[] } {
    const shown: { window: BrowserWindow | null; options: MessageBoxOptions }[] = [];
    const showMessageBox = async (a: BrowserWindow | MessageBoxOptions, b?: MessageBoxOptions): Promise<MessageBoxReturnValue> => {
      shown.push(b ? { window: a as BrowserWindow, options: b } : { window: null, options: a as MessageBoxOptions });
      return { response, checkboxChecked: false };
    };
    return { shown, showMessageBox } as MessageBoxLike & { shown: typeof shown };
  }

  it('names the host, defaults to Cancel, and answers yes only for Open', async () => {
    const win = {} as BrowserWindow;
    const open = fakeDialog(1);
    expect(await linkConfirm(open, () => win)('example.com', 'https://example.com/x')).toBe(true);
    expect(open.shown[0]!.window).toBe(win);
    expect(open.shown[0]!.options).toMatchObject({ message: 'Open example.com in your browser?', detail: 'https://example.com/x', buttons: ['Cancel', 'Open'], defaultId: 0, cancelId: 0 });
    expect(await linkConfirm(fakeDialog(0), () => null)('example.com', 'https://example.com/')).toBe(false);
  });
});
