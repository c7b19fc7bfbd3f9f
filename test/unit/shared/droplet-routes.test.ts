import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProbeCapabilitiesSchema, ProbeDependenciesSchema, ProbeHealthSchema, ProbeStateSchema } from '../../../shared/probe';
import { parseRouteBody, readProbeCapabilities, readProbeDependencies, readProbeHealth, readProbeState } from '../../../shared/udc/droplet-routes';

const value = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error('expected a value');
  return r.value;
};

describe('droplet route readers, shape A (the UDC standard text)', () => {
  it('reads /health with its ISO timestamp', () => {
    expect(value(readProbeHealth({ status: 'degraded', service: 'billing', version: '1.2.0', timestamp: '2026-01-02T03:04:05Z' }))).toEqual({
      status: 'degraded',
      service: 'billing',
      version: '1.2.0',
      time: '2026-01-02T03:04:05.000Z',
      message: null,
    });
  });
  it('reads the minimal /state template (uptime and requests only)', () => {
    const s = value(readProbeState({ uptime_seconds: 3600, requests_total: 12 }));
    expect(s).toMatchObject({ uptimeSeconds: 3600, requestsTotal: 12, requestsPerMinute: null, cpuPercent: null, lastRestart: null, custom: {} });
  });
  it('reads /dependencies as string lists', () => {
    expect(value(readProbeDependencies({ required: ['auth'], optional: ['cache'], missing: ['auth'] }))).toEqual({
      required: [{ name: 'auth', id: null, status: null, lastCheck: null }],
      optional: [{ name: 'cache', id: null, status: null, lastCheck: null }],
      missing: ['auth'],
    });
  });
  it('reads /capabilities', () => {
    expect(value(readProbeCapabilities({ version: '2.0.0', features: ['a', 'b'], dependencies: ['c'], udc_version: '1.0', metadata: {} }))).toEqual({
      version: '2.0.0',
      features: ['a', 'b'],
      dependencies: ['c'],
      udcVersion: '1.0',
    });
  });
});

describe('droplet route readers, shape B (the deployed Orchestrator)', () => {
  it('reads /health with a naive updated_at as UTC and droplet statuses', () => {
    const h = value(readProbeHealth({ id: 10, name: 'Orchestrator', steward: 'x', status: 'maintenance', endpoint: 'http://localhost:8000', updated_at: '2026-01-02T03:04:05.123456', message: 'upgrading' }));
    expect(h).toEqual({ status: 'maintenance', service: 'Orchestrator', version: null, time: '2026-01-02T03:04:05.123Z', message: 'upgrading' });
  });
  it('reads /state with custom_metrics, keeping numbers only', () => {
    const s = value(readProbeState({ cpu_percent: 12.5, memory_mb: 300, uptime_seconds: 50, custom_metrics: { tasks_active: 3, label: 'x', bad: NaN } }));
    expect(s).toMatchObject({ cpuPercent: 12.5, memoryMb: 300, uptimeSeconds: 50, custom: { tasks_active: 3 } });
    expect(Object.keys(s.custom)).toEqual(['tasks_active']);
  });
  it('reads /dependencies as objects with ids and connection statuses', () => {
    const d = value(readProbeDependencies({ required: [{ id: 'droplet-7', name: 'auth', status: 'connected', last_check: 1_700_000_000 }], optional: [], missing: [] }));
    expect(d.required).toEqual([{ name: 'auth', id: 7, status: 'connected', lastCheck: '2023-11-14T22:13:20.000Z' }]);
  });
});

describe('what is not a route body', () => {
  it('gives typed errors, in words, for non-objects and text that is not JSON', () => {
    expect(readProbeHealth([1])).toEqual({ ok: false, error: { kind: 'not_object', message: '/health answered a list, not a JSON object' } });
    expect(readProbeHealth({ service: 'x' })).toMatchObject({ ok: false, error: { kind: 'unreadable' } });
    expect(parseRouteBody('<html>')).toMatchObject({ ok: false, error: { kind: 'not_json' } });
    expect(readProbeState(null)).toMatchObject({ ok: false, error: { kind: 'not_object', message: '/state answered null, not a JSON object' } });
  });
  it('drops bidi controls from served text and bounds its length', () => {
    const h = value(readProbeHealth({ status: 'active', service: `evil\u202e${'x'.repeat(500)}` }));
    expect(h.service?.includes('\u202e')).toBe(false);
    expect(h.service?.length).toBe(200);
  });
});

describe('generated inputs', () => {
  const time = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.double(), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '')));
  const dep = fc.oneof(fc.string(), fc.record({ id: fc.anything(), name: fc.anything(), status: fc.anything(), last_check: time }, { requiredKeys: [] }), fc.anything());
  const body = fc.oneof(
    fc.anything(),
    fc.record(
      {
        status: fc.oneof(fc.constantFrom('active', 'inactive', 'degraded', 'error', 'maintenance', 'OK'), fc.anything()),
        service: fc.anything(),
        name: fc.anything(),
        version: fc.oneof(fc.string(), fc.anything()),
        timestamp: time,
        updated_at: time,
        features: fc.oneof(fc.array(fc.anything()), fc.anything()),
        dependencies: fc.oneof(fc.array(fc.string()), fc.anything()),
        uptime_seconds: fc.oneof(fc.double(), fc.anything()),
        cpu_percent: fc.oneof(fc.double(), fc.string()),
        last_restart: time,
        custom_metrics: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.anything())), fc.anything()),
        required: fc.oneof(fc.array(dep), fc.anything()),
        optional: fc.array(dep),
        missing: fc.oneof(fc.array(fc.anything()), fc.anything()),
      },
      { requiredKeys: [] },
    ),
  );
  it('only ever give a value that fits its IPC shape, or a typed error', () => {
    const pairs = [
      [readProbeHealth, ProbeHealthSchema],
      [readProbeCapabilities, ProbeCapabilitiesSchema],
      [readProbeState, ProbeStateSchema],
      [readProbeDependencies, ProbeDependenciesSchema],
    ] as const;
    fc.assert(
      fc.property(body, (b) => {
        for (const [read, schema] of pairs) {
          const r = read(b);
          if (r.ok) expect(schema.safeParse(r.value).success).toBe(true);
          else expect(['not_json', 'not_object', 'unreadable']).toContain(r.error.kind);
        }
      }),
      { numRuns: 1500 },
    );
  });
  it('parseRouteBody never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (t) => void parseRouteBody(t)));
  });
});
