/** The communications log on disk: the steward's alone, and never written through a planted link. */
import { chmodSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommsLog, type CommsDraft } from '../../../../core/orchestrator/comms-log';

const mode = (path: string): number => statSync(path).mode & 0o777;
const DRAFT: CommsDraft = { method: 'GET', path: '/droplets', status: 200, latencyMs: 12, traceId: null, dropletId: null, requestHeaders: {}, requestBody: null, responseBody: '[]', error: null };

let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

describe.skipIf(process.platform === 'win32')('CommsLog file', () => {
  it('creates its folder 0700 and comms.log 0600 under a permissive umask', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-comms-'));
    const file = join(root, 'profiles', 'p-1', 'comms.log');
    const log = new CommsLog({ file });
    log.record(DRAFT);
    await log.flush();
    expect(log.fileError).toBeNull();
    expect([mode(join(root, 'profiles')), mode(join(root, 'profiles', 'p-1')), mode(file)]).toEqual([0o700, 0o700, 0o600]);
    await log.close();
  });

  it('narrows a comms.log an older Steward left 0644', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-comms-'));
    const file = join(root, 'comms.log');
    writeFileSync(file, '{}\n');
    chmodSync(file, 0o644);
    const log = new CommsLog({ file });
    log.record(DRAFT);
    await log.close();
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
  });

  it('narrows the rotated comms.log.1 and .2 an older Steward left 0644, and follows no link planted there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-comms-'));
    const file = join(root, 'comms.log');
    for (const f of [file, `${file}.1`, `${file}.2`]) {
      writeFileSync(f, '{}\n');
      chmodSync(f, 0o644);
    }
    const outside = join(mkdtempSync(join(tmpdir(), 'steward-outside-')), 'victim.txt');
    writeFileSync(outside, 'untouched\n');
    chmodSync(outside, 0o644);
    symlinkSync(outside, `${file}.3`);
    const log = new CommsLog({ file });
    log.record(DRAFT);
    await log.close();
    expect([mode(file), mode(`${file}.1`), mode(`${file}.2`)]).toEqual([0o600, 0o600, 0o600]);
    expect(mode(outside)).toBe(0o644);
  });

  it('does not follow a symbolic link planted at comms.log, and says why', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-comms-'));
    const outside = join(mkdtempSync(join(tmpdir(), 'steward-outside-')), 'victim.txt');
    writeFileSync(outside, 'untouched\n');
    chmodSync(outside, 0o644);
    const file = join(root, 'comms.log');
    symlinkSync(outside, file);
    const log = new CommsLog({ file });
    log.record(DRAFT);
    await log.flush();
    expect(log.fileError).toMatch(/comms\.log is a symbolic link; Steward does not follow links/);
    expect(readFileSync(outside, 'utf8')).toBe('untouched\n');
    expect(mode(outside)).toBe(0o644);
    await log.close();
  });
});
