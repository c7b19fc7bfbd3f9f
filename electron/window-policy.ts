/**
 * The window's settings and the session's security policy as data, so they are tested without
 * Electron (`test/unit/electron/window-policy.test.ts`): `window.ts` and `harden.ts` only apply them.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { ALLOWED_PERMISSIONS, buildCsp, isPermissionAllowed, withCspHeader } from './security';

/**
 * Electron's security checklist: the page runs sandboxed, isolated from the preload, with no
 * Node anywhere (workers, frames), same-origin rules on, no mixed content and no <webview>.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} satisfies WebPreferences);

/**
 * Everything `new BrowserWindow` is given; the preload's path is the one thing added to the web
 * preferences. `backgroundColor` is the theme's (electron/theme.ts): no flash of the other colour.
 */
export function mainWindowOptions(preloadPath: string, backgroundColor: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Steward',
    backgroundColor,
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}

/** The parts of Electron's `Session` the policy uses (Electron's own type satisfies it). */
export interface PolicySession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/** The CSP header on every response and the permission allowlist, for both asks and checks. */
export function applySessionPolicy(session: PolicySession, devServerUrl: string | null): void {
  const csp = buildCsp({ devServerUrl });
  // Covers the dev server's responses; file:// has no response headers, and there the
  // <meta> policy in index.html applies (the same policy, see test/unit/electron/security.test.ts).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}

export { ALLOWED_PERMISSIONS };
