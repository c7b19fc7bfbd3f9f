// Registering through the service against the sandbox in both dialects: blank optional fields
// keep what the Orchestrator holds, the preview shows it, and new versus updated is told truly.
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { FleetSnapshot } from '../../../../shared/fleet-update';
import type { Droplet, RegisterAck, RegistrationPreview } from '../../../../shared/model';
import { mergeRegistration } from '../../../../core/app/registration';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, type StewardService } from '../../../../core/app/service';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';
import { guideEnvelope, json, tinyServer } from '../../../support/tiny-server';
import { serviceFor } from '../../../support/fault-front';

const KEY = generateKeyPair('RS256');
const FULL = { id: 105, name: 'dew-105', steward: 'Haythem', endpoint: 'http://10.0.0.5:8002', capabilities: ['storage', 'edge'], version: '2.3.1', status: 'active' as const };
/** The same droplet sent again with the optional fields left blank. */
const BLANK = { id: 105, name: 'dew-105 renamed', endpoint: 'http://10.0.0.6:8002', capabilities: [] };

let sandbox: RunningSandbox | null = null;
let service: StewardService | null = null;
afterEach(async () => {
  await service?.close();
  await sandbox?.close();
  service = sandbox = null;
});

async function boot(dialect: 'guide' | 'deployed'): Promise<StewardService> {
  sandbox = await startSandbox({ port: 0, dialect, publicKeyPem: KEY.publicKeyPem });
  service = await createStewardService({
    profileName: 'test',
    orchestratorUrl: sandbox.url,
    dialect: 'auto',
    identityDropletId: 1,
    privateKeyPem: KEY.privateKeyPem,
    pollIntervalMs: 5_000,
    embeddedSandbox: false,
    appVersion: '0.1.0',
    liveUpdates: false,
    sleep: async () => undefined,
  });
  return service;
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function held(s: StewardService, id: number): Promise<Droplet | undefined> {
  return ok<FleetSnapshot>(await s.dispatch('listDroplets', {})).droplets.find((d) => d.id === id);
}

for (const dialect of ['guide', 'deployed'] as const) {
  describe(`registering against the ${dialect} sandbox`, () => {
    it('says "registered" for a new droplet, even when the deployed Orchestrator answers the retry "updated"', async () => {
      const s = await boot(dialect);
      const ack = ok<RegisterAck>(await s.dispatch('registerDroplet', FULL));
      expect(ack).toMatchObject({ registered: true, dropletId: 105, outcome: 'registered' });
      const statuses = s.commsLog.entries().filter((e) => e.path === '/droplets/register').map((e) => e.status).reverse();
      expect(statuses).toEqual(dialect === 'deployed' ? [500, 201] : [201]);
    });

    it('says "updated" for a droplet the fleet held', async () => {
      const s = await boot(dialect);
      ok(await s.dispatch('registerDroplet', FULL));
      expect(ok<RegisterAck>(await s.dispatch('registerDroplet', FULL)).outcome).toBe('updated');
    });

    it('previews a new id as new, and a known one with what it holds now and what would be sent', async () => {
      const s = await boot(dialect);
      const fresh = ok<RegistrationPreview>(await s.dispatch('previewRegistration', FULL));
      expect(fresh).toMatchObject({ current: null, registration: FULL });
      ok(await s.dispatch('registerDroplet', FULL));
      const known = ok<RegistrationPreview>(await s.dispatch('previewRegistration', BLANK));
      expect(known.current).toMatchObject({ id: 105, name: 'dew-105', steward: 'Haythem', capabilities: ['storage', 'edge'] });
      expect(known.registration).toMatchObject({ ...BLANK, steward: 'Haythem', capabilities: ['storage', 'edge'], status: 'active' });
      expect(known.ignored).toEqual(dialect === 'deployed' ? ['version', 'status'] : []);
      if (dialect === 'guide') expect(known.registration.version).toBe('2.3.1');
    });

    it('keeps what the Orchestrator holds for blank optional fields', async () => {
      const s = await boot(dialect);
      ok(await s.dispatch('registerDroplet', FULL));
      ok(await s.dispatch('registerDroplet', BLANK));
      const after = await held(s, 105);
      expect(after).toMatchObject({ name: 'dew-105 renamed', endpoint: 'http://10.0.0.6:8002', steward: 'Haythem', capabilities: ['storage', 'edge'] });
      // The guide keeps a version: a blank one neither became "1.0.0" nor wiped it.
      expect(after?.version).toBe(dialect === 'guide' ? '2.3.1' : null);
    });
  });
}

describe('reading the fleet for a registration', () => {
  it('reads it once for a preview and the registration that follows it; again when the preview is old', async () => {
    const server = await tinyServer((req, res) => {
      if (req.method === 'POST') json(res, 200, guideEnvelope({ registered: true, droplet_id: 105, status: 'registered' }));
      else json(res, 200, guideEnvelope({ droplets: [], total: 0 }));
    });
    let clock = Date.parse('2026-12-05T10:00:00Z');
    const s = await serviceFor(server.url, { dialect: 'guide', now: () => clock });
    const lists = () => server.seen.filter((r) => r.method === 'GET' && r.url.startsWith('/droplets')).length;
    try {
      ok(await s.dispatch('previewRegistration', FULL));
      expect(ok<RegisterAck>(await s.dispatch('registerDroplet', FULL)).outcome).toBe('registered');
      expect(lists()).toBe(1);
      // Used once: the next registration reads the fleet afresh.
      ok(await s.dispatch('registerDroplet', FULL));
      expect(lists()).toBe(2);
      // A preview minutes old no longer says what the fleet holds.
      ok(await s.dispatch('previewRegistration', FULL));
      clock += 5 * 60_000;
      ok(await s.dispatch('registerDroplet', FULL));
      expect(lists()).toBe(4);
    } finally {
      await s.close();
      await server.close();
    }
  });
});

describe('mergeRegistration', () => {
  const current: Droplet = {
    id: 105, name: 'old', steward: 'Ana', endpoint: 'http://a:1', capabilities: ['x'], status: 'unknown', version: null,
    lastHeartbeat: null, registeredAt: null, latestMetrics: null,
  };
  it('fills only blank optional fields, and never a status a registration cannot carry', () => {
    expect(mergeRegistration({ id: 105, name: 'n', endpoint: 'http://b:2', capabilities: [], steward: '  ' }, current)).toEqual({
      id: 105, name: 'n', endpoint: 'http://b:2', capabilities: ['x'], steward: 'Ana',
    });
    const mine = { id: 105, name: 'n', endpoint: 'http://b:2', capabilities: ['y'], steward: 'Bo', version: '3', status: 'error' as const };
    expect(mergeRegistration(mine, current)).toEqual(mine);
    expect(mergeRegistration(BLANK, null)).toEqual(BLANK);
  });
});
