/**
 * Links the renderer asks to open go to the system browser only if they pass the https
 * policy of `security.ts` and the steward says yes to the host in a native dialog. The
 * dialog and the shell come in as narrow interfaces, so the decision is tested without
 * Electron.
 */
import type { BrowserWindow } from 'electron';
import { confirmCancelFirst, type MessageBoxLike } from './key-dialogs';
import { externalHttpsUrl } from './security';

/** Asks the steward whether to open `url` (on `host`) in the system browser. */
export type ConfirmLink = (host: string, url: string) => Promise<boolean>;

export interface LinkOpener {
  confirm: ConfirmLink;
  /** Electron's `shell.openExternal`. */
  open(url: string): Promise<void>;
  log(message: string): void;
}

/** Opens `rawUrl` externally if it is an https link the steward allows; answers whether it did. */
export async function openLinkWithConsent(rawUrl: string, opener: LinkOpener): Promise<boolean> {
  const url = externalHttpsUrl(rawUrl);
  if (!url) {
    opener.log(`Refused to open ${rawUrl}`);
    return false;
  }
  const host = new URL(url).host;
  if (!(await opener.confirm(host, url))) {
    opener.log(`Not opened (the steward declined): ${url}`);
    return false;
  }
  await opener.open(url);
  return true;
}

export function linkConfirm(dialog: MessageBoxLike, getWindow: () => BrowserWindow | null): ConfirmLink {
  return (host, url) =>
    confirmCancelFirst(dialog, getWindow, {
      type: 'question',
      title: 'Open a link in your browser?',
      message: `Open ${host} in your browser?`,
      detail: url,
      confirm: 'Open',
    });
}
