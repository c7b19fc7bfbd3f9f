/**
 * Applies the policy of `security.ts` to Electron: the session (CSP header, permissions)
 * and every web contents (navigation, new windows, webviews). Each rule is a one-liner over
 * a tested pure function.
 */
import { shell, type Session, type WebContents } from 'electron';
import { openLinkWithConsent, type ConfirmLink } from './open-external';
import { buildCsp, isAllowedNavigation, isPermissionAllowed, withCspHeader } from './security';

export function hardenSession(session: Session, devServerUrl: string | null): void {
  const csp = buildCsp({ devServerUrl });
  // Covers the dev server's responses; file:// has no response headers, and there the
  // <meta> policy in index.html applies (the same policy, see test/unit/electron/security.test.ts).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
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
