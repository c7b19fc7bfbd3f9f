import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFrame } from '../../../electron/sender';

const APP = 'file:///opt/Steward/resources/app.asar/out/renderer/index.html';
const frame = (url: string, parent: SenderFrame | null = null): SenderFrame => ({ url, parent });

describe('isTrustedSender', () => {
  it('trusts the main frame showing the app', () => {
    expect(isTrustedSender(frame(APP), APP)).toBe(true);
    expect(isTrustedSender(frame(`${APP}#/droplet/3`), APP)).toBe(true);
  });

  it('refuses a missing frame (navigated or destroyed)', () => {
    expect(isTrustedSender(null, APP)).toBe(false);
    expect(isTrustedSender(undefined, APP)).toBe(false);
  });

  it('refuses a subframe, even one showing the app', () => {
    expect(isTrustedSender(frame(APP, frame(APP)), APP)).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/', frame(APP)), APP)).toBe(false);
  });

  it('refuses a main frame showing anything else', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'about:blank', 'data:text/html,x', '']) {
      expect(isTrustedSender(frame(url), APP), url).toBe(false);
    }
  });

  it('in development trusts the dev server origin only', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedSender(frame('http://localhost:5173/'), dev)).toBe(true);
    expect(isTrustedSender(frame('http://localhost:9999/'), dev)).toBe(false);
  });
});
