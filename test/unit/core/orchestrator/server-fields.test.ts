import { describe, expect, it } from 'vitest';
import type { Droplet } from '../../../../shared/model';
import { cleanDroplet } from '../../../../core/orchestrator/server-fields';

const droplet = (over: Partial<Droplet>): Droplet =>
  ({ id: 7, name: 'billing', steward: 'ops', endpoint: 'http://10.0.0.7:8080/', version: '1.2.0', capabilities: ['udc_compliance'], status: 'active', latestMetrics: null, ...over }) as Droplet;

describe('cleanDroplet: a droplet’s words as Steward shows them', () => {
  it('redacts a user and password written into an endpoint URL', () => {
    const cleaned = cleanDroplet(droplet({ endpoint: 'https://admin:hunter2@10.0.0.7:8443/udc' }), null);
    expect(cleaned.endpoint).toBe('https://<redacted>@10.0.0.7:8443/udc');
    expect(JSON.stringify(cleaned)).not.toContain('hunter2');
  });

  it('answers a droplet with nothing to clean as the same object (so an unchanged row is not re-sent)', () => {
    const d = droplet({ endpoint: 'http://127.0.0.1:4567/d/7?x=1#top' });
    expect(cleanDroplet(d, 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).toBe(d);
  });

  it('still redacts the sent token wherever a field quotes it', () => {
    const token = 'opaque-session-token-123456';
    expect(cleanDroplet(droplet({ name: `x ${token}` }), token).name).toBe('x <redacted>');
  });
});
