/**
 * Applies the policy of `security.ts` and `window-policy.ts` to Electron: the session (CSP
 * header, permissions) and every web contents (navigation, new windows, webviews). Each rule
 * is a one-liner over a tested pure function.
 */
import { shell, type WebContents } from 'electron';
import { openLinkWithConsent, type ConfirmLink } from './open-external';
import { isAllowedNavigation } from './security';
import { applySessionPolicy, type PolicySession } from './window-policy';

export function hardenSession(session: PolicySession, devServerUrl: string | null): void {
  applySessionPolicy(session, devServerUrl);
}

export function hardenWebContents(contents: WebContents, appUrl: string, log: (m: string) => void, confirmLink: ConfirmLink): void {
  const refuseNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (isAllowedNavigation(event.url, appUrl)) return;
    event.preventDefault();
    log(`Refused navigation to ${event.url}`);
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-frame-navigate', refuseNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Refused a <webview>');
  });
  // Never a second window; an https link may go to the system browser once the steward agrees.
  contents.setWindowOpenHandler(({ url }) => {
    const open = (href: string): Promise<void> => shell.openExternal(href);
    openLinkWithConsent(url, { confirm: confirmLink, open, log }).catch((e: unknown) => log(`Opening ${url} failed: ${String(e)}`));
    return { action: 'deny' };
  });
}
