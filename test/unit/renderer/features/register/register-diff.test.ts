import { describe, expect, it } from 'vitest';
import type { Droplet } from '../../../../../shared/model';
import { NONE, NOT_KEPT, registrationDiff } from '../../../../../renderer/src/features/register/register-diff';

const current: Droplet = {
  id: 105, name: 'dew-105', steward: null, endpoint: 'http://a:1', capabilities: ['storage'], status: 'active', version: '1.2.0',
  lastHeartbeat: null, registeredAt: null, latestMetrics: null,
};
const registration = { id: 105, name: 'dew-105', steward: 'Ana', endpoint: 'http://a:1', capabilities: ['storage', 'gpu'], version: '1.3.0', status: 'active' as const };

describe('registrationDiff', () => {
  it('is empty for a new id', () => {
    expect(registrationDiff({ current: null, registration, ignored: [] })).toEqual([]);
  });

  it('gives each field now and after, marking only real changes', () => {
    const rows = registrationDiff({ current, registration, ignored: [] });
    expect(rows.map((r) => [r.field, r.now, r.after, r.changed])).toEqual([
      ['name', 'dew-105', 'dew-105', false],
      ['steward', NONE, 'Ana', true],
      ['endpoint', 'http://a:1', 'http://a:1', false],
      ['capabilities', 'storage', 'storage\ngpu', true],
      ['version', '1.2.0', '1.3.0', true],
      ['status', 'active', 'active', false],
    ]);
  });

  it('does not promise a change the Orchestrator will not keep', () => {
    const version = registrationDiff({ current, registration, ignored: ['version', 'status'] }).find((r) => r.field === 'version');
    expect(version).toMatchObject({ after: NOT_KEPT, changed: false, ignored: true });
  });
});
