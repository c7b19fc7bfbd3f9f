import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppController, type AppController } from '../../../../core/app/app-controller';
import { commsJsonLines, fleetCsv, historyCsv, type SaveDialogRequest } from '../../../../core/app/exports';
import type { SecretCipher } from '../../../../core/profiles/key-vault';
import { generateKeyPair } from '../../../../core/signing/keys';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { ExportResult, ExportRow } from '../../../../shared/exports';
import type { CommsEntry } from '../../../../shared/model';
import { startSandbox } from '../../../../sandbox';
import { droplet } from '../../../support/fleet-fixtures';

const KEY = generateKeyPair('ES256');
const cipher: SecretCipher = {
  isAvailable: async () => true,
  backend: async () => 'test',
  encrypt: async (plain) => new TextEncoder().encode(plain),
  decrypt: async (data) => new TextDecoder().decode(data),
};

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

interface Rig {
  controller: AppController;
  dir: string;
  asked: SaveDialogRequest[];
  /** What the save dialog answers next (null: cancelled). */
  answer: { path: string | null };
}

async function rig(): Promise<Rig> {
  const sandbox = await startSandbox({ port: 0, publicKeyPem: KEY.publicKeyPem });
  open.push(sandbox);
  const dir = mkdtempSync(join(tmpdir(), 'steward-export-'));
  const asked: SaveDialogRequest[] = [];
  const answer = { path: null as string | null };
  const controller = await createAppController({
    dataDir: join(dir, 'data'),
    appVersion: 'test',
    embedded: { orchestratorUrl: sandbox.url, privateKeyPem: KEY.privateKeyPem, dialect: 'guide' },
    cipher,
    serviceExtras: { liveUpdates: false, sleep: async () => undefined },
    chooseSavePath: async (o) => (asked.push(o), answer.path),
  });
  open.push(controller);
  return { controller, dir, asked, answer };
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const ROWS: ExportRow[] = [
  { droplet: droplet(7, { name: '=HYPERLINK("http://evil")', steward: '+cmd', capabilities: ['a', 'b'], endpoint: 'http://x:1' }), status: 'late' },
  { droplet: droplet(8, { name: 'plain, "quoted"\nname', steward: null, endpoint: null, version: '-1' }), status: 'active' },
];

describe('exports written by main', () => {
  it('writes the fleet as shown to CSV through the save dialog, read back row for row with formulas defused', async () => {
    const r = await rig();
    r.answer.path = join(r.dir, 'out', 'fleet.csv');
    const res = ok<ExportResult>(await r.controller.dispatch('exportFleet', { format: 'csv', rows: ROWS, scope: 'shown' }));
    expect(res).toEqual({ savedTo: r.answer.path, count: 2 });
    expect(r.asked[0]).toMatchObject({ title: 'Export the fleet as shown', filters: [{ extensions: ['csv'] }] });
    expect(r.asked[0]!.defaultName).toMatch(/^local-sandbox-fleet-.*\.csv$/);
    const parsed = Papa.parse<string[]>(readFileSync(r.answer.path, 'utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [head, first, second] = parsed.data;
    expect(head).toEqual(['id', 'name', 'steward', 'status', 'orchestrator_status', 'capabilities', 'last_heartbeat', 'endpoint', 'version', 'registered_at']);
    expect(first!.slice(0, 4)).toEqual(['7', `'=HYPERLINK("http://evil")`, `'+cmd`, 'late']);
    expect(first![5]).toBe('a b');
    expect(second!.slice(0, 4)).toEqual(['8', 'plain, "quoted"\nname', '', 'active']);
    expect(second![8]).toBe(`'-1`);
    expect(statSync(r.answer.path).mode & 0o777).toBe(0o644);
  });

  it('defuses a formula that spans lines too (papaparse’s own pattern misses it)', () => {
    const csv = fleetCsv([{ droplet: droplet(1, { name: '=1+1\n2' }), status: 'active' }]);
    expect(Papa.parse<string[]>(csv).data[1]![1]).toBe(`'=1+1\n2`);
  });

  it('writes JSON with the shown status beside what the Orchestrator said, and a selection says so', async () => {
    const r = await rig();
    r.answer.path = join(r.dir, 'sel.json');
    ok(await r.controller.dispatch('exportFleet', { format: 'json', rows: [ROWS[0]], scope: 'selection' }));
    expect(r.asked[0]!.title).toBe('Export 1 selected droplets');
    const back = JSON.parse(readFileSync(r.answer.path, 'utf8')) as unknown[];
    expect(back).toEqual([{ ...ROWS[0]!.droplet, shownStatus: 'late' }]);
  });

  it('a cancelled dialog writes nothing and says so', async () => {
    const r = await rig();
    const res = ok<ExportResult>(await r.controller.dispatch('exportFleet', { format: 'csv', rows: ROWS, scope: 'shown' }));
    expect(res).toEqual({ savedTo: null, count: 0 });
    expect(readdirSync(r.dir)).toEqual(['data']);
  });

  it('refuses rows that are not droplets before any dialog opens', async () => {
    const r = await rig();
    const res = await r.controller.dispatch('exportFleet', { format: 'csv', rows: [{ droplet: { id: 'x' }, status: 'active' }], scope: 'shown' });
    expect(res.ok).toBe(false);
    expect(r.asked).toEqual([]);
  });

  it('an unwritable place is a clear error, not a crash', async () => {
    const r = await rig();
    writeFileSync(join(r.dir, 'a-file'), 'not a folder');
    r.answer.path = join(r.dir, 'a-file', 'x.csv');
    const res = await r.controller.dispatch('exportFleet', { format: 'csv', rows: ROWS, scope: 'shown' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain(`could not write ${r.answer.path}`);
    expect(existsSync(r.answer.path)).toBe(false);
  });

  it('writes a droplet’s history to CSV, oldest first, as recorded by the heartbeats Steward sent', async () => {
    const r = await rig();
    ok(await r.controller.dispatch('registerDroplet', { id: 21, name: 'w', endpoint: 'http://localhost:8002', capabilities: [] }));
    for (const cpu of [10, 20]) ok(await r.controller.dispatch('sendHeartbeat', { id: 21, status: 'active', metrics: { cpu_percent: cpu, memory_mb: 64 } }));
    r.answer.path = join(r.dir, 'h.csv');
    const res = ok<ExportResult>(await r.controller.dispatch('exportHistory', { id: 21 }));
    expect(res.count).toBe(2);
    const rows = Papa.parse<Record<string, string>>(readFileSync(r.answer.path, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((x) => x.cpu_percent)).toEqual(['10', '20']);
    expect(rows[0]).toMatchObject({ status: 'active', memory_mb: '64', requests_last_minute: '' });
    expect(new Date(rows[0]!.time!).toISOString()).toBe(rows[0]!.time);
  });

  it('writes the communications log as JSON lines, oldest first, with no token in it', async () => {
    const r = await rig();
    ok(await r.controller.dispatch('listDroplets', {}));
    ok(await r.controller.dispatch('registerDroplet', { id: 22, name: 'w', endpoint: 'http://localhost:8002', capabilities: [] }));
    r.answer.path = join(r.dir, 'log.jsonl');
    const res = ok<ExportResult>(await r.controller.dispatch('exportCommsLog', undefined));
    const text = readFileSync(r.answer.path, 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as CommsEntry);
    expect(lines).toHaveLength(res.count);
    expect(res.count).toBeGreaterThanOrEqual(2);
    expect(lines.map((e) => e.id)).toEqual([...lines.map((e) => e.id)].sort((a, b) => a - b));
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('formats empty inputs as a header alone (CSV) or nothing (JSON lines)', () => {
    expect(historyCsv([]).trim()).toBe('time,status,cpu_percent,memory_mb,requests_last_minute,errors_last_minute');
    expect(commsJsonLines([])).toBe('');
  });
});
