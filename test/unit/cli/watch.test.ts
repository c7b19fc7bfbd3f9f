// `steward watch` run as a user would (bin/steward.js through node) against a real sandbox
// whose droplet goes silent and comes back.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { runCommand } from '../../../cli/run';
import type { Common } from '../../../cli/args';
import { AttentionEventSchema, type AttentionEvent } from '../../../shared/attention';
import { eventLine, filterEvent } from '../../../cli/watch';

const BIN = resolve(__dirname, '../../../bin/steward.js');

/** Lines a child writes to a stream, and a way to wait for one that matches. */
function lines(stream: NodeJS.ReadableStream) {
  const seen: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      seen.push(line);
      for (const w of waiters.splice(0)) {
        if (w.test(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  return {
    seen,
    next(test: (l: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
      const found = seen.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no line ${what} within ${timeoutMs} ms; saw: ${seen.join(' | ')}`)), timeoutMs);
        waiters.push({ test, resolve: (l) => (clearTimeout(timer), res(l)) });
      });
    },
  };
}

describe('steward watch', () => {
  let sandbox: RunningSandbox;
  let common: Common;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    // Droplets silent for 1 s go inactive, swept every 200 ms: an outage in seconds, not minutes.
    sandbox = await startSandbox({ port: 0, dialect: 'guide', fleet: 2, seed: 3, inactiveAfterSeconds: 1, monitorIntervalMs: 200, beatSeconds: 0.3 });
    const keyPath = join(mkdtempSync(join(tmpdir(), 'steward-watch-')), 'private.pem');
    writeFileSync(keyPath, sandbox.privateKeyPem!);
    common = { url: sandbox.url, keyPath, identity: 100, steward: undefined, dialect: 'auto', timeoutMs: 5_000, json: false };
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await sandbox?.close();
  });

  it('prints the droplet going inactive and recovering, as JSON lines, and exits 0 on SIGINT', async () => {
    await runCommand(common, { name: 'register', id: 77, dropletName: 'watched-77', endpoint: 'http://127.0.0.1:9077', capabilities: ['watch_probe'] });
    await runCommand(common, { name: 'heartbeat', id: 77, status: 'active', metrics: {} });

    child = spawn(process.execPath, [BIN, 'watch', '--url', sandbox.url, '--key', common.keyPath!, '--droplet', '100', '--interval', '0.3', '--hold', '0', '--group', '0', '--capability', 'watch_probe', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = lines(child.stdout!);
    const err = lines(child.stderr!);
    const exited = new Promise<number | null>((res) => child!.on('exit', (code) => res(code)));
    await err.next((l) => l.includes('watching'), 'saying it watches');

    // Whatever state the first read found (taken silently), an error beat is a change to tell.
    await runCommand(common, { name: 'heartbeat', id: 77, status: 'error', metrics: {} });
    const kind = (k: string) => (l: string) => (JSON.parse(l) as AttentionEvent).kind === k;
    await out.next(kind('error'), 'for error');
    await runCommand(common, { name: 'heartbeat', id: 77, status: 'active', metrics: {} });
    await out.next(kind('recovered'), 'for the first recovery');

    // Silent: the sandbox marks it inactive within about a second, and watch tells.
    const inactive = JSON.parse(await out.next(kind('inactive'), 'for inactive')) as AttentionEvent;
    expect(AttentionEventSchema.parse(inactive)).toMatchObject({ kind: 'inactive', count: 1, items: [{ id: 77, name: 'watched-77', from: 'active', to: 'inactive' }] });

    // Back: a beat makes it active again.
    await runCommand(common, { name: 'heartbeat', id: 77, status: 'active', metrics: {} });
    const back = JSON.parse(await out.next((l) => kind('recovered')(l) && l.includes('"from":"inactive"'), 'for recovered')) as AttentionEvent;
    expect(back).toMatchObject({ kind: 'recovered', items: [{ id: 77, from: 'inactive', to: 'active' }] });
    expect(out.seen.map((l) => (JSON.parse(l) as AttentionEvent).kind)).toEqual(['error', 'recovered', 'inactive', 'recovered']);

    // Only the filtered droplet's events: the simulated fleet's never show.
    for (const l of out.seen) expect((JSON.parse(l) as AttentionEvent).items.every((i) => i.id === 77)).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('watch lines and filters', () => {
  const event: AttentionEvent = {
    id: 'e1',
    at: Date.parse('2026-03-01T10:00:05.123Z'),
    kind: 'inactive',
    summary: '2 droplets went inactive: a, b',
    count: 2,
    muted: false,
    items: [
      { id: 1, name: 'a', from: 'active', to: 'inactive', at: 0, cause: 'x' },
      { id: 2, name: 'b', from: 'late', to: 'inactive', at: 0, cause: 'x' },
    ],
  };

  it('prints one readable line per event', () => {
    expect(eventLine(event)).toBe('2026-03-01T10:00:05Z  inactive     2 droplets went inactive: a, b');
  });

  it('keeps only the droplets a filter names, and drops an event left empty', () => {
    const caps = (id: number) => (id === 2 ? ['db'] : []);
    expect(filterEvent(event, { capability: 'db' }, caps)).toMatchObject({ count: 1, items: [{ id: 2 }], summary: 'b went inactive (x)' });
    expect(filterEvent(event, { status: 'late' }, caps)?.items.map((i) => i.id)).toEqual([2]);
    expect(filterEvent(event, { status: 'error' }, caps)).toBeNull();
  });
});
