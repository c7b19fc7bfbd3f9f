/**
 * The window's security policy as pure functions, so every rule is unit-tested without
 * Electron. `harden.ts` applies them to the session and web contents.
 */

/** Parse a URL without throwing; null when it is not one. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is the app itself: for a built app, the same file (query and hash may
 * differ); for the dev server, the same origin. Nothing else counts, not even other files.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return target.origin === app.origin;
}

/** Navigation never leaves the app: a single-page app has no reason to load another page. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/**
 * A link Steward may hand to the system browser: https only, with a host and no embedded
 * credentials, re-serialised from the parsed URL so what is opened is what was checked.
 */
export function externalHttpsUrl(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/**
 * Writing text to the clipboard (the "Copy trace_id" buttons) and notifications (a droplet went
 * down: Steward tells the steward) are the permissions Steward uses; everything else (camera,
 * geolocation, clipboard reads...) is refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

export interface CspOptions {
  /** The dev server's URL in development; its origin (http and ws) is allowed for HMR. */
  devServerUrl?: string | null;
  /**
   * For a `<meta>` tag: `frame-ancestors` is ignored there (and Chromium warns about it),
   * so it is left to the response header.
   */
  forMeta?: boolean;
}

/** The Content-Security-Policy. Production allows nothing but the app's own files. */
export function buildCsp(opts: CspOptions = {}): string {
  const dev = opts.devServerUrl ? parseUrl(opts.devServerUrl) : null;
  const devOrigins = dev ? [dev.origin, `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`] : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // Dev only: the React refresh preamble is an inline script.
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    // Styles come from the app's CSS file. React's style props (the charts and the virtualised
    // table position elements with them) are set through the CSSOM, which CSP does not block;
    // <style> elements and style="" attributes are refused. Dev only: Vite injects CSS as <style>.
    ['style-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    // The renderer talks to main over IPC only; it never opens a connection itself.
    ['connect-src', dev ? devOrigins : ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ...(opts.forMeta ? [] : ([['frame-ancestors', ["'none'"]]] as [string, string[]][])),
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Response headers with our CSP set, replacing any the server sent (in any letter case). */
export function withCspHeader(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
