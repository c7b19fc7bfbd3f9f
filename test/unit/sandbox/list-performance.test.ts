import { describe, expect, it } from 'vitest';
import { createDeployedDialect } from '../../../sandbox/dialects/deployed';
import { createGuideDialect } from '../../../sandbox/dialects/guide';
import { JsonText } from '../../../sandbox/reply';
import { SandboxStore } from '../../../sandbox/store';

const N = 10_000;
const now = Date.UTC(2026, 10, 27, 5, 0, 0);

function bigStore(): SandboxStore {
  const store = new SandboxStore();
  for (let id = 1; id <= N; id += 1) {
    store.register(
      { id, name: `billing-api-${id}`, steward: 'Mei', endpoint: `http://127.0.0.1:${9000 + (id % 1000)}`, capabilities: ['udc_compliance', 'billing'], version: '1.2.3', status: 'active' },
      now - 3600_000,
      { countsAsHeartbeat: false },
    );
    store.heartbeat(id, 'active', { cpu_percent: 12.5, memory_mb: 300, requests_last_minute: 40, errors_last_minute: 0 }, now - (id % 60) * 1000);
  }
  return store;
}


describe('list at 10,000 droplets', () => {
  const store = bigStore();
  const call = { path: '/droplets', query: new URLSearchParams(), rawBody: '', claims: {} };

  it.each([
    ['guide', createGuideDialect],
    ['deployed', createDeployedDialect],
  ] as const)('%s: lists all of them, the same when asked again (its speed is a bench figure)', (_name, create) => {
    const dialect = create({ store, now: () => now });
    const first = dialect.list(call).body;
    expect(first).toBeInstanceOf(JsonText);
    const body = JSON.parse((dialect.list(call).body as JsonText).text) as { payload: { droplets: unknown[]; total: number } };
    expect(body.payload.total).toBe(N);
    expect(body.payload.droplets).toHaveLength(N);
    // Asked again (from its cache of serialised items): the same droplets, word for word.
    const payload = (text: string) => (JSON.parse(text) as { payload: unknown }).payload;
    expect(payload((dialect.list(call).body as JsonText).text)).toEqual(payload((first as JsonText).text));
  });

  it('re-serialises only droplets that changed since the last list', () => {
    const dialect = createGuideDialect({ store, now: () => now });
    dialect.list(call);
    store.heartbeat(7, 'error', { cpu_percent: 99 }, now);
    const body = JSON.parse((dialect.list(call).body as JsonText).text) as { payload: { droplets: { id: number; status: string; metrics: unknown }[] } };
    expect(body.payload.droplets[6]).toMatchObject({ id: 7, status: 'error', metrics: { cpu_percent: 99 } });
    expect(body.payload.droplets[7]).toMatchObject({ id: 8, status: 'active' });
  });
});
