import { describe, expect, it } from 'vitest';
import { parseWireTime, readDropletDetails, readDropletList, readErrorBody, readHeartbeatAck, readLiveMessage, readRegisterAck, WireFormatError, fieldPath } from '../../../shared/udc';

const deployedEnv = (payload: unknown) => ({ udc_version: '1.0', trace_id: 't-1', source: 'droplet-10', target: 'client', message_type: 'response', timestamp: '2026-11-27T05:09:40.393607+00:00', payload });
const guideEnv = (payload: unknown) => ({ trace_id: 't-2', source: 10, target: 42, message_type: 'response', payload, timestamp: '2025-01-18T10:02:00Z' });

describe('time parsing', () => {
  it('reads Z, +00:00, naive (as UTC), other offsets and epoch seconds', () => {
    expect(parseWireTime('2025-01-18T10:00:00Z')).toBe('2025-01-18T10:00:00.000Z');
    expect(parseWireTime('2026-11-27T05:09:40.362734+00:00')).toBe('2026-11-27T05:09:40.362Z');
    expect(parseWireTime('2026-11-27T05:09:40.387591')).toBe('2026-11-27T05:09:40.387Z');
    expect(parseWireTime('2026-11-27T07:09:40+02:00')).toBe('2026-11-27T05:09:40.000Z');
    expect(parseWireTime(1795756240.362719)).toBe('2026-11-27T05:10:40.362Z');
    expect(parseWireTime('yesterday-ish')).toBeNull();
    expect(parseWireTime(null)).toBeNull();
  });
});

describe('list reader', () => {
  it('reads the guide list (id, array capabilities)', () => {
    const list = readDropletList(guideEnv({ droplets: [{ id: 10, name: 'Orchestrator', steward: 'Tnsae6', status: 'active', endpoint: 'http://localhost:8000', capabilities: ['task_routing', 'droplet_discovery'] }], total: 1 }));
    expect(list.dialect).toBe('guide');
    expect(list.droplets).toEqual([{ id: 10, name: 'Orchestrator', steward: 'Tnsae6', status: 'active', endpoint: 'http://localhost:8000', capabilities: ['task_routing', 'droplet_discovery'], version: null, lastHeartbeat: null, registeredAt: null, latestMetrics: null }]);
  });
  it('counts unreadable entries instead of dropping them silently', () => {
    const list = readDropletList(deployedEnv({ droplets: [{ droplet_id: 42, name: 'ok', status: 'active' }, { name: 'no id' }, 'junk'], total: 3 }));
    expect(list.droplets.map((d) => d.id)).toEqual([42]);
    expect(list.unreadable).toHaveLength(2);
    expect(list.total).toBe(3);
  });
  it('maps unknown statuses to unknown and keeps metrics', () => {
    const list = readDropletList(guideEnv({ droplets: [{ id: 5, name: 'x', status: 'HEALTHY', metrics: { cpu_percent: 1.5, bad: { nested: true } } }] }));
    expect(list.droplets[0]).toMatchObject({ status: 'unknown', latestMetrics: { cpu_percent: 1.5 } });
  });
  it('throws a WireFormatError for bodies that are not list envelopes', () => {
    expect(() => readDropletList('<html>')).toThrow(WireFormatError);
    expect(() => readDropletList(guideEnv({ items: [] }))).toThrow(/no droplets array/);
    expect(() => readDropletList({ trace_id: 'x' })).toThrow(/no payload/);
  });
  it('sets aside a droplet whose capabilities cannot be read, saying why, and keeps the others', () => {
    const list = readDropletList(deployedEnv({ droplets: [{ droplet_id: 1, name: 'a', capabilities: '[broken' }, { droplet_id: 2, name: 'b', capabilities: '["gpu"]' }] }));
    expect(list.droplets.map((d) => [d.id, d.capabilities])).toEqual([[2, ['gpu']]]);
    expect(list.unreadable).toHaveLength(1);
    expect(list.unreadable[0]).toMatch(/capabilities is not a readable list: \[broken/);
  });
});

describe('details reader', () => {
  it('reads a details payload with history, oldest first, latest metrics from it', () => {
    const d = readDropletDetails(guideEnv({ droplet: { id: 42, name: 'd', status: 'active', heartbeat_history: [
      { time: '2025-01-18T10:01:00Z', status: 'active', metrics: { cpu_percent: 20 } },
      { time: '2025-01-18T10:00:00Z', status: 'error', metrics: { cpu_percent: 10 } },
    ] } }));
    expect(d.heartbeats.map((h) => h.status)).toEqual(['error', 'active']);
    expect(d.latestMetrics).toEqual({ cpu_percent: 20 });
    expect(d.lastHeartbeat).toBe('2025-01-18T10:01:00.000Z');
  });
  it('reads the deployed details shape (health_history_24h)', () => {
    const d = readDropletDetails(deployedEnv({ droplet: { droplet_id: 42, name: 'd', capabilities: '["a"]', status: 'inactive', health_history_24h: [{ time: '2026-11-27T05:06:11.1', status: 'active' }] } }));
    expect(d).toMatchObject({ id: 42, capabilities: ['a'], status: 'inactive', dialect: 'deployed' });
    expect(d.heartbeats).toHaveLength(1);
  });
});

describe('acknowledgement readers', () => {
  it('reads the guide register and heartbeat answers', () => {
    expect(readRegisterAck(guideEnv({ registered: true, droplet_id: 42, message: 'Droplet registered successfully' }))).toMatchObject({ registered: true, dropletId: 42, message: 'Droplet registered successfully', traceId: 't-2' });
    expect(readHeartbeatAck(guideEnv({ acknowledged: true, droplet_id: 42, next_heartbeat_in: 60 }), () => Date.parse('2025-01-18T10:01:01Z'))).toMatchObject({ acknowledged: true, dropletId: 42, nextHeartbeatInSeconds: 60, nextHeartbeatAt: '2025-01-18T10:02:01.000Z' });
  });
  it('reads the deployed register (updated) and heartbeat (received, deadline) answers', () => {
    const r = readRegisterAck(deployedEnv({ registered: true, droplet_id: 42, registered_at: '2026-11-27T05:06:11.018678', heartbeat_required_every_seconds: 60, status: 'updated', heartbeat_interval_seconds: 60, next_heartbeat_deadline: 1795756031.020951 }));
    expect(r).toMatchObject({ outcome: 'updated', heartbeatIntervalSeconds: 60, registeredAt: '2026-11-27T05:06:11.018Z', nextHeartbeatAt: '2026-11-27T05:07:11.020Z' });
    const h = readHeartbeatAck(deployedEnv({ received: true, next_heartbeat_deadline: 1795756240.362719 }), () => 1795756180_362);
    expect(h).toMatchObject({ acknowledged: true, nextHeartbeatInSeconds: 60, nextHeartbeatAt: '2026-11-27T05:10:40.362Z' });
  });
  it('refuses answers that do not say whether they succeeded', () => {
    expect(() => readHeartbeatAck(guideEnv({ droplet_id: 42 }))).toThrow(WireFormatError);
    expect(() => readRegisterAck(guideEnv({}))).toThrow(WireFormatError);
  });
});

describe('error bodies', () => {
  it('reads the three shapes', () => {
    expect(readErrorBody({ detail: 'Could not validate credentials' })).toEqual({ message: 'Could not validate credentials', fields: [] });
    const v = readErrorBody({ detail: [{ type: 'missing', loc: ['body', 'trace_id'], msg: 'Field required' }, { type: 'missing', loc: ['name'], msg: 'Field required', input: {} }] });
    expect(v.fields).toHaveLength(2);
    expect(v.message).toBe('trace_id: Field required; name: Field required');
    expect(readErrorBody({ error: true, message: 'Endpoint not found: /droplets/999', type: 'NotFound' }).message).toBe('Endpoint not found: /droplets/999');
    expect(readErrorBody(null, '<html>Bad Gateway</html>').message).toMatch(/Unexpected body: <html>/);
  });
  it('strips transport prefixes from field paths', () => {
    expect(fieldPath(['body', 'payload', 'name'])).toBe('name');
    expect(fieldPath(['path', 'droplet_id'])).toBe('droplet_id');
    expect(fieldPath(['body'])).toBe('body');
  });
});

describe('live messages', () => {
  it('reads status changes and pings, ignores the rest', () => {
    const change = JSON.stringify({ udc_version: '1.0', message_type: 'event', payload: { event: 'droplet_health_changed', droplet_id: 42, old_status: 'active', new_status: 'inactive', changed_at: '2026-11-27T05:06:11.338495' } });
    expect(readLiveMessage(change)).toEqual({ dropletId: 42, oldStatus: 'active', newStatus: 'inactive', changedAt: '2026-11-27T05:06:11.338Z' });
    expect(readLiveMessage(JSON.stringify({ payload: { event: 'ping' } }))).toBe('ping');
    expect(readLiveMessage('not json')).toBeNull();
    expect(readLiveMessage(JSON.stringify({ payload: { event: 'task_created' } }))).toBeNull();
  });
});

describe('names from the server', () => {
  it('reach the window without bidi controls, so one cannot read as another (list and details)', () => {
    const raw = { id: 9, name: 'db\u202e1-ledom\u202c', steward: '\u2067ops\u2069', status: 'active', capabilities: [] };
    const list = readDropletList(guideEnv({ droplets: [raw], total: 1 }));
    expect(list.droplets[0]).toMatchObject({ name: 'db1-ledom', steward: 'ops' });
    expect(readDropletDetails(guideEnv(raw))).toMatchObject({ name: 'db1-ledom', steward: 'ops' });
  });
  it('keep control characters for the CLI to show as escapes', () => {
    const list = readDropletList(guideEnv({ droplets: [{ id: 9, name: 'a\u001b]0;x\u0007b', status: 'active', capabilities: [] }], total: 1 }));
    expect(list.droplets[0]!.name).toBe('a\u001b]0;x\u0007b');
  });
});
