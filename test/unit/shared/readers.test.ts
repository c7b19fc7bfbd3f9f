import { describe, expect, it } from 'vitest';
import { readDropletList } from '../../../shared/udc';

describe('readDropletList', () => {
  it('reads the deployed list with JSON-string capabilities and naive times as UTC', () => {
    const body = {
      udc_version: '1.0', trace_id: 't', source: 'droplet-10', target: 'client', message_type: 'response',
      timestamp: '2026-11-27T05:09:40.393607+00:00',
      payload: { droplets: [{ droplet_id: 42, name: 'Fleet Test Droplet', steward: 'tester', endpoint: 'http://127.0.0.1:9042', capabilities: '["monitoring", "alerts"]', status: 'active', last_heartbeat: '2026-11-27T05:09:40.387591', registered_at: '2026-11-27T05:06:11.007807', seconds_since_heartbeat: 0.005 }], total: 1, filters: {} },
    };
    const list = readDropletList(body);
    expect(list.dialect).toBe('deployed');
    expect(list.droplets[0]).toMatchObject({ id: 42, capabilities: ['monitoring', 'alerts'], lastHeartbeat: '2026-11-27T05:09:40.387Z', registeredAt: '2026-11-27T05:06:11.007Z' });
  });
});
