import { describe, expect, it, vi } from 'vitest';
import { ALLOWED_PERMISSIONS, buildCsp } from '../../../electron/security';
import { applySessionPolicy, mainWindowOptions, SECURE_WEB_PREFERENCES, type PolicySession } from '../../../electron/window-policy';

// No Electron binary here: a stand-in BrowserWindow records what the window is created with.
const created = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => ({
  shell: { openExternal: () => Promise.resolve() },
  BrowserWindow: class {
    constructor(options: unknown) {
      created.push(options);
    }
    once(): void {}
    show(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  },
}));

describe("the window's web preferences", () => {
  it('sandbox, context isolation and web security on; Node, insecure content and <webview> off', () => {
    expect(SECURE_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('are what the main window is created with, the preload being the only addition', () => {
    const o = mainWindowOptions('/app/out/preload/index.cjs', '#14161a');
    expect(o.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
    // Shown once painted, on the theme's background: no flash of another colour.
    expect(o).toMatchObject({ show: false, backgroundColor: '#14161a' });
  });

  it('reach BrowserWindow unchanged from createMainWindow', async () => {
    const { createMainWindow } = await import('../../../electron/window');
    createMainWindow('file:///app/out/renderer/index.html', '#f6f7f9');
    expect(created).toHaveLength(1);
    const options = created[0] as ReturnType<typeof mainWindowOptions>;
    const { preload, ...rest } = options.webPreferences ?? {};
    expect(rest).toEqual(SECURE_WEB_PREFERENCES);
    expect(preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(options.backgroundColor).toBe('#f6f7f9');
  });
});

/** A session that keeps the handlers the policy installs. */
function fakeSession() {
  const h: {
    headers?: Parameters<PolicySession['webRequest']['onHeadersReceived']>[0];
    request?: Parameters<PolicySession['setPermissionRequestHandler']>[0];
    check?: Parameters<PolicySession['setPermissionCheckHandler']>[0];
  } = {};
  const session: PolicySession = {
    webRequest: { onHeadersReceived: (l) => void (h.headers = l) },
    setPermissionRequestHandler: (f) => void (h.request = f),
    setPermissionCheckHandler: (f) => void (h.check = f),
  };
  const responseHeaders = (incoming: Record<string, string[]> | undefined): Record<string, string[]> | undefined => {
    let out: Record<string, string[]> | undefined;
    h.headers!({ responseHeaders: incoming }, (r) => void (out = r.responseHeaders));
    return out;
  };
  const asked = (permission: string): boolean | undefined => {
    let granted: boolean | undefined;
    h.request!(null, permission, (g) => void (granted = g));
    return granted;
  };
  return { session, h, responseHeaders, asked, checked: (p: string) => h.check!(null, p) };
}

describe('the session policy', () => {
  it("puts the strict CSP on every response, replacing the server's", () => {
    const s = fakeSession();
    applySessionPolicy(s.session, null);
    const out = s.responseHeaders({ 'content-security-policy': ["default-src * 'unsafe-inline'"], 'Content-Type': ['text/html'] });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [buildCsp()] });
    const csp = out!['Content-Security-Policy']![0]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(s.responseHeaders(undefined)).toEqual({ 'Content-Security-Policy': [buildCsp()] });
  });

  it("allows the dev server's origin in development only", () => {
    const s = fakeSession();
    applySessionPolicy(s.session, 'http://localhost:5173/');
    expect(s.responseHeaders({})!['Content-Security-Policy']).toEqual([buildCsp({ devServerUrl: 'http://localhost:5173/' })]);
    expect(s.responseHeaders({})!['Content-Security-Policy']![0]).toContain('connect-src http://localhost:5173 ws://localhost:5173');
  });

  it('grants exactly the allowlisted permissions, when asked and when checked', () => {
    const s = fakeSession();
    applySessionPolicy(s.session, null);
    expect(ALLOWED_PERMISSIONS.size).toBeGreaterThan(0);
    const others = ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'midi', 'pointerLock', 'display-capture', 'notifications', 'unknown', ''];
    for (const p of [...ALLOWED_PERMISSIONS, ...others]) {
      expect(s.asked(p), p).toBe(ALLOWED_PERMISSIONS.has(p));
      expect(s.checked(p), p).toBe(ALLOWED_PERMISSIONS.has(p));
    }
    // Camera, microphone, location and clipboard reads are never on the list.
    for (const p of ['media', 'geolocation', 'clipboard-read', 'display-capture']) expect(ALLOWED_PERMISSIONS.has(p), p).toBe(false);
  });
});

describe('hardenSession', () => {
  it("applies the same policy to Electron's session", async () => {
    const { hardenSession } = await import('../../../electron/harden');
    const s = fakeSession();
    hardenSession(s.session, null);
    expect(s.responseHeaders({})).toEqual({ 'Content-Security-Policy': [buildCsp()] });
    expect(s.asked('media')).toBe(false);
    expect(s.checked('geolocation')).toBe(false);
  });
});
