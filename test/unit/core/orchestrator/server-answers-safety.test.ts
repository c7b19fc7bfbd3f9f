// Answers the client must not trust: redirects (never followed) and error text quoting a
// credential that is not JWT-shaped (only the rule for the token Steward sent catches it).
import { describe, expect, it } from 'vitest';
import { listFleet } from '../../../support/list-fleet';
import { createOrchestratorClient } from '../../../../core/orchestrator/client';
import { CommsLog } from '../../../../core/orchestrator/comms-log';
import { OrchestratorError, toIpcError } from '../../../../core/orchestrator/errors';
import { guideEnvelope, json, servePerTest } from '../../../support/tiny-server';

const HB = { id: 42, status: 'active' as const };

const serve = servePerTest();

function clientFor(baseUrl: string, token = 'opaque-credential-0123456789') {
  const commsLog = new CommsLog();
  const client = createOrchestratorClient({
    baseUrl,
    signer: { tokenFor: async () => token, invalidate: () => undefined },
    identityDropletId: 7,
    dialect: 'guide',
    commsLog,
    sleep: async () => undefined,
  });
  return { client, commsLog };
}

async function caught(p: Promise<unknown>): Promise<OrchestratorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OrchestratorError) return e;
    throw e;
  }
  throw new Error('expected an OrchestratorError');
}

describe('redirects', () => {
  it.each([301, 302, 307, 308])('a %i to a heartbeat POST is not followed: an error naming where it pointed, logged with its Location', async (status) => {
    // Another host that would acknowledge anything, as the one a redirect pointed at did.
    const elsewhere = await serve((req, res) => json(res, 200, guideEnvelope({ acknowledged: true, droplet_id: 42, next_heartbeat_in: 60 })));
    const location = `${elsewhere.url}/droplets/42/heartbeat`;
    const front = await serve((_req, res) => {
      res.writeHead(status, { Location: location, 'Content-Type': 'application/json' });
      res.end('{"detail":"moved"}');
    });
    const { client, commsLog } = clientFor(front.url);

    const e = await caught(client.heartbeat(HB));
    expect(elsewhere.seen).toHaveLength(0);
    expect(front.seen).toHaveLength(1);
    expect(e.status).toBe(status);
    expect(e.message).toContain(location);
    expect(e.message).toMatch(/redirect/i);
    const entries = commsLog.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ method: 'POST', status, path: '/droplets/42/heartbeat' });
    expect(entries[0]!.error).toContain(location);
    expect(toIpcError(e).exchangeId).toBe(entries[0]!.id);
  });

  it('names a relative Location as an absolute address, with credentials in it redacted', async () => {
    const front = await serve((_req, res) => {
      res.writeHead(302, { Location: '/login?access_token=abcQueryOnly' });
      res.end();
    });
    const { client, commsLog } = clientFor(front.url);
    const e = await caught(client.heartbeat(HB));
    expect(e.message).toContain(`"${front.url}/login?access_token=<redacted>"`);
    expect(commsLog.entries()[0]!.error).toContain('/login?access_token=<redacted>');
  });

  it('names a Location with a user name and password with those masked, the host kept', async () => {
    const front = await serve((_req, res) => {
      res.writeHead(301, { Location: 'https://admin:hunter2@other.example/api' });
      res.end();
    });
    const { client, commsLog } = clientFor(front.url);
    const e = await caught(client.heartbeat(HB));
    expect(e.message).toContain('"https://<redacted>@other.example/api"');
    const all = JSON.stringify(toIpcError(e)) + JSON.stringify(commsLog.entries());
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('admin:');
  });
});

describe('the token Steward sent, quoted back', () => {
  it('is redacted from the error even when it is not JWT-shaped', async () => {
    const token = 'opaque-credential-0123456789';
    const s = await serve((req, res) => json(res, 403, { detail: `token ${String(req.headers.authorization).slice('Bearer '.length)} lacks admin` }));
    const { client, commsLog } = clientFor(s.url, token);
    const e = await caught(listFleet(client));
    expect(e.kind).toBe('forbidden');
    expect(JSON.stringify(toIpcError(e))).not.toContain(token);
    expect(e.detail).toBe('token <redacted> lacks admin');
    expect(JSON.stringify(commsLog.entries())).not.toContain(token);
  });

  it('is redacted from a malformed answer quoted in the error, and bidi controls are taken out', async () => {
    const s = await serve((_req, res) => json(res, 200, 'Bearer not-a-jwt-value \u202eexe.txt'));
    const { client } = clientFor(s.url);
    const e = await caught(listFleet(client));
    expect(e.kind).toBe('malformed');
    expect(e.message).not.toContain('not-a-jwt-value');
    expect(e.message).not.toContain('\u202e');
  });
});
