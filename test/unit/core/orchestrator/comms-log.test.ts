import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommsLog, curlFor, redactHeaders, type CommsDraft } from '../../../../core/orchestrator/comms-log';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJkcm9wbGV0X2lkIjo0Mn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function draft(over: Partial<CommsDraft> = {}): CommsDraft {
  return {
    method: 'POST',
    path: '/droplets/42/heartbeat',
    status: 200,
    latencyMs: 12.4,
    traceId: 'trace-1',
    dropletId: 42,
    requestHeaders: { Accept: 'application/json', Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    requestBody: '{"payload":{"status":"active"}}',
    responseBody: '{"payload":{"received":true}}',
    error: null,
    ...over,
  };
}

describe('CommsLog', () => {
  it('records an entry with id, ISO time, rounded latency and a redacted Authorization header', () => {
    const log = new CommsLog({ now: () => Date.UTC(2026, 0, 1) });
    const e = log.record(draft());
    expect(e).toMatchObject({ id: 1, time: '2026-01-01T00:00:00.000Z', method: 'POST', status: 200, latencyMs: 12, dropletId: 42, traceId: 'trace-1', error: null });
    expect(e.requestHeaders.Authorization).toBe('Bearer <redacted>');
    expect(JSON.stringify(e)).not.toContain(TOKEN);
  });

  it('removes the token wherever it appears: bodies, error text, a ws query string', () => {
    const log = new CommsLog();
    const e = log.record(draft({ path: `/ws/droplets?token=${TOKEN}`, requestBody: `{"echo":"${TOKEN}"}`, responseBody: `token was ${TOKEN}`, error: `failed with ${TOKEN}` }));
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(e.path).toBe('/ws/droplets?token=<redacted>');
  });

  it('keeps a bounded ring, read newest first', () => {
    const log = new CommsLog({ capacity: 3 });
    for (let i = 0; i < 5; i++) log.record(draft({ traceId: `t${i}` }));
    expect(log.entries().map((e) => e.id)).toEqual([5, 4, 3]);
    expect(log.entries(2).map((e) => e.traceId)).toEqual(['t4', 't3']);
    expect(log.get(4)?.traceId).toBe('t3');
    expect(log.get(1)).toBeUndefined();
  });

  it('truncates very large bodies with a marker', () => {
    const log = new CommsLog({ maxBodyChars: 100 });
    const e = log.record(draft({ responseBody: 'x'.repeat(250) }));
    expect(e.responseBody).toBe(`${'x'.repeat(100)}… [truncated: 150 more characters]`);
  });

  it('tells subscribers about each entry, and survives a throwing one', () => {
    const log = new CommsLog();
    const seen: number[] = [];
    log.subscribe(() => {
      throw new Error('broken listener');
    });
    const off = log.subscribe((e) => seen.push(e.id));
    log.record(draft());
    off();
    log.record(draft());
    expect(seen).toEqual([1]);
  });

  it('appends JSON lines to a file without the token, and rotates by size keeping 3 files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-comms-'));
    const file = join(dir, 'logs', 'comms.log');
    const log = new CommsLog({ file, maxFileBytes: 2_000, keepFiles: 3 });
    for (let i = 0; i < 40; i++) log.record(draft({ traceId: `t${i}` }));
    await log.close();
    expect(log.fileError).toBeNull();
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    for (const f of [file, `${file}.1`, `${file}.2`]) {
      expect(statSync(f).size).toBeLessThanOrEqual(2_000);
      const text = readFileSync(f, 'utf8');
      expect(text).not.toContain(TOKEN);
      for (const line of text.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('requestHeaders.Authorization', 'Bearer <redacted>');
    }
    const newest = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { traceId: string });
    expect(newest.at(-1)?.traceId).toBe('t39');
  });

  it('does not wait for the disk while recording, and remembers a disk failure instead of throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-comms-'));
    const log = new CommsLog({ file: join(dir, 'comms.log') });
    log.record(draft());
    expect(existsSync(join(dir, 'comms.log'))).toBe(false); // queued, not yet written
    await log.flush();
    expect(readFileSync(join(dir, 'comms.log'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);

    const blocked = join(dir, 'comms.log', 'nested.log'); // a file stands where a folder should be
    const failing = new CommsLog({ file: blocked });
    expect(() => failing.record(draft())).not.toThrow();
    await failing.flush();
    expect(failing.fileError).toMatch(/EEXIST|ENOTDIR/);
  });
});

describe('curlFor and redactHeaders', () => {
  it('builds a curl command that takes the token from $STEWARD_TOKEN', () => {
    const log = new CommsLog();
    const e = log.record(draft({ requestBody: `{"name":"it's"}` }));
    const cmd = curlFor(e, 'http://127.0.0.1:8000/');
    expect(cmd).toBe(
      `curl -X POST 'http://127.0.0.1:8000/droplets/42/heartbeat' -H 'Accept: application/json' -H "Authorization: Bearer $STEWARD_TOKEN" -H 'Content-Type: application/json' --data-raw '{"name":"it'\\''s"}'`,
    );
    expect(cmd).not.toContain(TOKEN);
  });

  it('redacts credential headers case-insensitively', () => {
    expect(redactHeaders({ authorization: 'Bearer abc.def.ghi', Cookie: 'sid=1', 'X-Trace-ID': 't' })).toEqual({ authorization: 'Bearer <redacted>', Cookie: '<redacted>', 'X-Trace-ID': 't' });
  });
});
