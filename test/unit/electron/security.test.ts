import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildCsp,
  externalHttpsUrl,
  isAllowedNavigation,
  isAppUrl,
  isPermissionAllowed,
  withCspHeader,
} from '../../../electron/security';

const FILE_APP = 'file:///opt/Steward/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

describe('isAllowedNavigation', () => {
  it('allows the app file itself, with any query or hash', () => {
    expect(isAllowedNavigation(FILE_APP, FILE_APP)).toBe(true);
    expect(isAllowedNavigation(`${FILE_APP}#/fleet`, FILE_APP)).toBe(true);
    expect(isAllowedNavigation(`${FILE_APP}?x=1`, FILE_APP)).toBe(true);
  });

  it('refuses other files, even next to the app', () => {
    expect(isAllowedNavigation('file:///opt/Steward/resources/app.asar/out/renderer/other.html', FILE_APP)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', FILE_APP)).toBe(false);
    expect(isAllowedNavigation('file://evil-host/opt/Steward/resources/app.asar/out/renderer/index.html', FILE_APP)).toBe(false);
  });

  it('refuses the web, other schemes and garbage', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8000/', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'about:blank', 'steward://x', 'not a url', '']) {
      expect(isAllowedNavigation(url, FILE_APP), url).toBe(false);
    }
  });

  it('in development allows the dev server origin only', () => {
    expect(isAllowedNavigation('http://localhost:5173/index.html', DEV_APP)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', DEV_APP)).toBe(false);
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', DEV_APP)).toBe(false);
    expect(isAllowedNavigation(FILE_APP, DEV_APP)).toBe(false);
  });

  it('refuses everything when the app URL is not one', () => {
    expect(isAppUrl(FILE_APP, 'nonsense')).toBe(false);
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
  });
});

describe('externalHttpsUrl', () => {
  it('passes https links, re-serialised by the URL parser', () => {
    expect(externalHttpsUrl('https://example.com/docs?a=1#x')).toBe('https://example.com/docs?a=1#x');
    expect(externalHttpsUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it('refuses anything not https, credentials in the URL and unparseable text', () => {
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com/', 'https://', 'https//example.com', ' ', 'data:,x']) {
      expect(externalHttpsUrl(url), url).toBeNull();
    }
  });
});

describe('permissions', () => {
  it('refuses every permission but writing to the clipboard and notifications', () => {
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'unknown', '']) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    expect(isPermissionAllowed('notifications')).toBe(true);
  });
});

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
}

describe('buildCsp', () => {
  it('is strict in production', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('connect-src')).toBe("'none'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(buildCsp()).not.toContain('unsafe-eval');
    expect(buildCsp()).not.toContain('unsafe-inline');
  });

  it('allows the dev server (http and its websocket) only in development', () => {
    const d = directives(buildCsp({ devServerUrl: 'http://localhost:5173/' }));
    expect(d.get('connect-src')).toBe('http://localhost:5173 ws://localhost:5173');
    expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(d.get('object-src')).toBe("'none'");
  });

  it('leaves frame-ancestors to the header (meta tags ignore it)', () => {
    expect(directives(buildCsp({ forMeta: true })).has('frame-ancestors')).toBe(false);
  });

  it('matches the meta tag in renderer/index.html', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(buildCsp({ forMeta: true }));
  });
});

describe('withCspHeader', () => {
  it('replaces any CSP the server sent, in any case, and keeps other headers', () => {
    const out = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, "default-src 'self'");
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
