// A hostile Orchestrator that quotes credentials back in its error answers, and in its successful
// ones: nothing it quotes may reach what crosses IPC, the communications log (memory and file),
// keep-alive's state, or what the CLI prints.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StewardService } from '../../../../core/app/service';
import type { KeepAlive, RegisterAck } from '../../../../shared/model';
import type { FleetUpdate } from '../../../../shared/fleet-update';
import { guideEnvelope, json, tinyServer, type TinyServer } from '../../../support/tiny-server';
import { runCommand } from '../../../../cli/run';
import { generateKeyPair } from '../../../../core/signing/keys';
import { writeFileSync } from 'node:fs';
import { serviceFor } from '../../../support/fault-front';

/** A JWT that is not the one Steward sent (another client's, say). */
const OTHER_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lLWVsc2UifQ.c2lnbmF0dXJlLW9mLWFub3RoZXI';
/** Caught only by the `Bearer` rule: not JWT-shaped, not the token sent. */
const BEARER_VALUE = 'xyzBearerOnly';
/** Caught only by the query rule. */
const QUERY_VALUE = 'abcQueryOnly';

function quoting(token: string): string {
  return `Invalid token: ${token}; also saw ${OTHER_JWT}, Bearer ${BEARER_VALUE} and /login?access_token=${QUERY_VALUE}`;
}

const ANSWERS: Record<string, (token: string) => [number, unknown]> = {
  '401': (t) => [401, { detail: quoting(t) }],
  '403': (t) => [403, { detail: quoting(t) }],
  '404': (t) => [404, { detail: quoting(t) }],
  '422 detail': (t) => [422, { detail: quoting(t) }],
  '422 fields': (t) => [422, { detail: [{ loc: ['body', 'payload', `token ${t}`], msg: quoting(t), type: `bad ${t}` }] }],
  '500': (t) => [500, { detail: quoting(t) }],
};

let server: TinyServer | null = null;
let service: StewardService | null = null;
afterEach(async () => {
  await service?.close();
  await server?.close();
  service = server = null;
});

async function hostile(answer: (token: string) => [number, unknown]): Promise<TinyServer> {
  server = await tinyServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'none';
    const [status, body] = answer(token);
    json(res, status, body);
  });
  return server;
}

/** Every secret the server could have quoted: each token it received, and the three planted ones. */
function secrets(s: TinyServer): string[] {
  const tokens = s.seen.map((r) => /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ''))?.[1]).filter((t): t is string => !!t);
  expect(tokens.length).toBeGreaterThan(0);
  return [...new Set(tokens), OTHER_JWT, BEARER_VALUE, QUERY_VALUE];
}

function expectNone(text: string, found: string[], where: string): void {
  for (const secret of found) expect(text, `${where} contains ${secret.slice(0, 12)}…`).not.toContain(secret);
}

async function keepAliveSettled(svc: StewardService): Promise<KeepAlive[]> {
  for (let i = 0; i < 200; i++) {
    const r = await svc.dispatch('listKeepAlive', undefined);
    const list = r.ok ? (r.value as KeepAlive[]) : [];
    if (list[0]?.lastError) return list;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('keep-alive never recorded an error');
}

describe('credentials the Orchestrator quotes back', () => {
  it.each(Object.keys(ANSWERS))('are redacted from a %s answer: IPC error, comms log, log file, keep-alive', async (name) => {
    const s = await hostile(ANSWERS[name]!);
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-echo-'));
    service = await serviceFor(s.url, { dialect: 'guide', dataDir });

    const beat = await service.dispatch('sendHeartbeat', { id: 5, status: 'active' });
    expect(beat.ok).toBe(false);
    const details = await service.dispatch('getDroplet', { id: 5 });
    const keepAlive = await service.dispatch('startKeepAlive', { id: 6, status: 'active' });
    const settled = await keepAliveSettled(service);
    await service.dispatch('stopKeepAlive', { id: 6 });
    const log = await service.dispatch('getCommsLog', {});
    await service.close();
    service = null;

    const found = secrets(s);
    // The server's words still come through, with the credentials cut out.
    if (!beat.ok) expect(JSON.stringify(beat.error)).toContain('<redacted>');
    expectNone(JSON.stringify(beat), found, 'heartbeat IpcError');
    expectNone(JSON.stringify(details), found, 'details IpcResult');
    expectNone(JSON.stringify(keepAlive), found, 'startKeepAlive result');
    expect(settled[0]!.lastError).toBeTruthy();
    expectNone(JSON.stringify(settled), found, 'keep-alive state');
    expect(log.ok && (log.value as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
    expectNone(JSON.stringify(log), found, 'comms log');
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('comms'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expectNone(readFileSync(join(dataDir, f), 'utf8'), found, `log file ${f}`);
  });
});

/** A list whose entries quote the credentials in fields the readers name when they cannot read them. */
function quotingList(token: string): Record<string, unknown> {
  return guideEnvelope({
    droplets: [
      { id: 3, name: 'fine', status: 'active', capabilities: [] },
      // Readable, but its words quote the credentials: they cross IPC cleaned.
      { id: 6, name: `named ${token}`, steward: `Bearer ${BEARER_VALUE}`, endpoint: `http://h/?token=${QUERY_VALUE}`, version: OTHER_JWT, capabilities: [token], status: 'active' },
      { droplet_id: quoting(token), name: 'bad id', status: 'active' },
      // Cut at 80 characters by the reader: the token's head must not pass as text either.
      { id: 4, name: 'bad capabilities', capabilities: `[${token}` },
      { id: 5, name: 'bad capabilities', capabilities: `[Bearer ${BEARER_VALUE} ?token=${QUERY_VALUE}` },
    ],
    total: 5,
  });
}

function quotingDetails(token: string): Record<string, unknown> {
  const beat = { time: '2026-01-18T09:59:00Z', status: 'active', metrics: { note: `token ${token}` } };
  return guideEnvelope({ droplet: { id: 6, name: `named ${token}`, endpoint: `http://h/?token=${QUERY_VALUE}`, capabilities: [], status: 'active', metrics: { note: token }, heartbeat_history: [beat] } });
}

function quotingAck(token: string): Record<string, unknown> {
  return guideEnvelope({ registered: true, droplet_id: 42, status: 'registered', message: `Registered with ${quoting(token)}` });
}

/** Answers every request successfully, quoting the token it was sent. */
async function politeButQuoting(): Promise<TinyServer> {
  server = await tinyServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'none';
    if (req.method === 'POST' && req.url.startsWith('/droplets/register')) json(res, 200, quotingAck(token));
    else if (req.url === '/droplets/6') json(res, 200, quotingDetails(token));
    else json(res, 200, quotingList(token));
  });
  return server;
}

describe('credentials the Orchestrator quotes back in a successful answer', () => {
  it('are redacted from the unreadable entries and the registration message: IPC results, comms log, log file', async () => {
    const s = await politeButQuoting();
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-echo-ok-'));
    service = await serviceFor(s.url, { dialect: 'guide', dataDir });

    const list = await service.dispatch('listDroplets', {});
    const details = await service.dispatch('getDroplet', { id: 6 });
    const reg = await service.dispatch('registerDroplet', { id: 42, name: 'x', endpoint: 'http://localhost:8002', capabilities: [] });
    const log = await service.dispatch('getCommsLog', {});
    await service.close();
    service = null;

    const found = secrets(s);
    const fleet = (list.ok ? list.value : null) as FleetUpdate | null;
    expect(fleet?.droplets.map((d) => d.id)).toEqual([3, 6]);
    expect(fleet?.droplets[1]).toMatchObject({ name: 'named <redacted>', steward: 'Bearer <redacted>', endpoint: 'http://h/?token=<redacted>', version: '<redacted>', capabilities: ['<redacted>'] });
    // Each unreadable entry is still named, its credentials cut out.
    const unreadable = fleet?.unreadable ?? [];
    expect(unreadable).toHaveLength(3);
    expect(unreadable.join('\n')).toContain('<redacted>');
    expectNone(JSON.stringify(list), found, 'listDroplets result');
    expect(details.ok && (details.value as { source: string }).source).toBe('details');
    expectNone(JSON.stringify(details), found, 'getDroplet result');
    expect(((reg.ok ? reg.value : null) as RegisterAck | null)?.message).toContain('<redacted>');
    expectNone(JSON.stringify(reg), found, 'registerDroplet result');
    expectNone(JSON.stringify(log), found, 'comms log');
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('comms'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expectNone(readFileSync(join(dataDir, f), 'utf8'), found, `log file ${f}`);
  });

  it('are not printed by the CLI (list warning, registration line)', async () => {
    const s = await politeButQuoting();
    const keyPath = join(mkdtempSync(join(tmpdir(), 'steward-echo-cli-')), 'private.pem');
    writeFileSync(keyPath, generateKeyPair('ES256').privateKeyPem);
    const common = { url: s.url, keyPath, identity: 1, steward: undefined, dialect: 'guide' as const, timeoutMs: 5_000, json: false };
    const warnings: string[] = [];
    const printed = [
      await runCommand(common, { name: 'list' }, (w) => warnings.push(w)),
      await runCommand({ ...common, json: true }, { name: 'list' }, (w) => warnings.push(w)),
      await runCommand(common, { name: 'register', id: 42, dropletName: 'x', endpoint: 'http://localhost:8002', capabilities: [] }),
    ].join('\n');
    const all = `${printed}\n${warnings.join('\n')}`;
    expect(all).toContain('<redacted>');
    expectNone(all, secrets(s), 'CLI output');
  });

  it('names at most 20 unreadable entries, each cut, and counts the rest', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ droplet_id: `x${i}-${'y'.repeat(500)}` }));
    server = await tinyServer((_req, res) => json(res, 200, guideEnvelope({ droplets: many, total: 45 })));
    service = await serviceFor(server.url, { dialect: 'guide' });
    const list = await service.dispatch('listDroplets', {});
    const unreadable = ((list.ok ? list.value : null) as FleetUpdate | null)?.unreadable ?? [];
    expect(unreadable).toHaveLength(21);
    expect(unreadable.slice(0, 20).every((u) => u.length <= 201)).toBe(true);
    expect(unreadable[20]).toBe('…and 25 more entries that could not be read');
  });
});
