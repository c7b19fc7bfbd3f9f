/** Droplets for the fleet delta tests. */
import type { Droplet } from '../../shared/model';

export const T0 = '2026-11-27T08:00:00.000Z';
export const T1 = '2026-11-27T08:01:00.000Z';

export function droplet(id: number, over: Partial<Droplet> = {}): Droplet {
  return {
    id,
    name: `d${id}`,
    steward: null,
    endpoint: `http://h${id}:8000`,
    capabilities: ['a', 'b'],
    status: 'active',
    version: '1.0',
    lastHeartbeat: T0,
    registeredAt: T0,
    latestMetrics: { cpu_percent: 10, memory_mb: 100 },
    ...over,
  };
}

