// A full session through the preload stand-in (profile, key import, list, register, heartbeat,
// errors, the communications log), recording every payload that crosses: none may carry
// private key material or a token.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, startSandbox, type RunningSandbox } from '../../sandbox';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();

/** Calls window.steward in the page, as the renderer would, and answers the IpcResult. */
async function bridgeCall(s: Session, method: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }> {
  return s.page.evaluate(([m, i]) => (window as unknown as { steward: Record<string, (x: unknown) => Promise<never>> }).steward[m as string]!(i), [method, input] as const);
}

describe.skipIf(!chromiumPath)('no secret ever crosses to the renderer', () => {
  let s: Session;
  let production: RunningSandbox;
  let privateKeyPem: string;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 5, seed: 9 } });
    // A second Orchestrator, standing in for production, trusting a key the steward imports.
    const pair = await generateKeyPair('ES256');
    privateKeyPem = pair.privateKeyPem;
    production = await startSandbox({ port: 0, fleet: 3, seed: 10, publicKeyPem: pair.publicKeyPem });
  });
  afterAll(async () => {
    await s?.close();
    await production?.close();
  });

  it('holds for a session of profile, key import, list, register, heartbeat and errors', async () => {
    await s.page.locator('[data-droplet-id]').first().waitFor({ timeout: 15_000 });
    const created = await bridgeCall(s, 'saveProfile', {
      name: 'Production', orchestratorUrl: production.url, identityDropletId: 7, steward: 'ops',
      claims: { permissions: ['read', 'write'], iss: 'steward', sub: 'droplet-{droplet_id}', extra: {} },
      tokenLifetimeSeconds: 300, dialect: 'auto', pollIntervalMs: 2000,
    });
    expect(created.ok).toBe(true);
    const profileId = (created.value as { id: string }).id;

    const keyFile = join(mkdtempSync(join(tmpdir(), 'steward-key-')), 'prod.pem');
    writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
    s.setNextKeyFile(keyFile);
    const imported = await bridgeCall(s, 'importKey', { profileId });
    expect(imported).toMatchObject({ ok: true, value: { algorithm: 'ES256', storage: 'encrypted' } });

    expect((await bridgeCall(s, 'switchProfile', { profileId })).ok).toBe(true);
    await s.page.locator('[data-droplet-id="100"]').waitFor({ timeout: 15_000 });
    expect((await bridgeCall(s, 'testConnection', { profileId })).ok).toBe(true);
    expect((await bridgeCall(s, 'registerDroplet', { id: 77, name: 'secret-test', endpoint: 'http://127.0.0.1:9077', capabilities: ['x'] })).ok).toBe(true);
    expect((await bridgeCall(s, 'sendHeartbeat', { id: 77, status: 'active', metrics: { cpu_percent: 3 } })).ok).toBe(true);
    expect((await bridgeCall(s, 'getDroplet', { id: 77 })).ok).toBe(true);
    // Errors: an unknown droplet, a bad input, and a key the Orchestrator does not trust.
    expect(await bridgeCall(s, 'sendHeartbeat', { id: 99_999, status: 'active' })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await bridgeCall(s, 'getDroplet', { id: -1 })).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    expect((await bridgeCall(s, 'generateKey', { profileId, algorithm: 'RS256' })).ok).toBe(true);
    expect(await bridgeCall(s, 'listDroplets', {})).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect((await bridgeCall(s, 'exportPublicKey', { profileId })).ok).toBe(true);
    expect((await bridgeCall(s, 'getCommsLog', {})).ok).toBe(true);

    const crossed = JSON.stringify(s.crossings);
    expect(s.crossings.length).toBeGreaterThan(20);
    expect(crossed).not.toMatch(/PRIVATE KEY/);
    const keyBody = privateKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    for (let i = 0; i + 24 <= keyBody.length; i += 24) expect(crossed).not.toContain(keyBody.slice(i, i + 24));
    // A JWT: three base64url parts, the first a JSON header ("eyJ").
    expect(crossed).not.toMatch(/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/);
    // The log's request headers did cross, redacted.
    expect(crossed).toContain('Bearer <redacted>');
  });
});
