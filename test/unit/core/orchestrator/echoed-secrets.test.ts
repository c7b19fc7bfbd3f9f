// A hostile Orchestrator that quotes credentials back in its error answers: nothing it quotes
// may reach what crosses IPC, the communications log (memory and file), or keep-alive's state.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StewardService } from '../../../../core/app/service';
import type { KeepAlive } from '../../../../shared/model';
import { json, tinyServer, type TinyServer } from '../../../support/tiny-server';
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
