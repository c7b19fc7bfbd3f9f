/**
 * Who may call the IPC handlers: only the main frame of Steward's own window, showing the
 * app itself. An iframe, a navigated-away page or another window is refused.
 */
import { isAppUrl } from './security';

/** The part of Electron's WebFrameMain this check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame) return false; // the frame has gone (navigated or destroyed) since it sent
  if (frame.parent !== null) return false; // a subframe, never ours
  return isAppUrl(frame.url, appUrl);
}
