/** Plausible identities for simulated droplets: names, stewards, endpoints, capabilities. */
import type { Prng } from './prng';

const SERVICES: readonly { name: string; capabilities: readonly string[] }[] = [
  { name: 'billing-api', capabilities: ['billing', 'invoicing'] },
  { name: 'auth-gateway', capabilities: ['authentication', 'token_issuing'] },
  { name: 'search-indexer', capabilities: ['search', 'indexing'] },
  { name: 'media-transcoder', capabilities: ['media_processing'] },
  { name: 'notify-hub', capabilities: ['notifications', 'email'] },
  { name: 'ledger-sync', capabilities: ['ledger', 'reconciliation'] },
  { name: 'report-builder', capabilities: ['reporting', 'pdf_rendering'] },
  { name: 'geo-lookup', capabilities: ['geolocation'] },
  { name: 'task-runner', capabilities: ['task_execution', 'scheduling'] },
  { name: 'cache-warmer', capabilities: ['caching'] },
  { name: 'metrics-relay', capabilities: ['metrics_export'] },
  { name: 'inventory-api', capabilities: ['inventory'] },
];
const COMMON_CAPABILITIES = ['udc_compliance', 'health_monitoring'] as const;
const STEWARDS = ['Haythem', 'Tnsae', 'Amara', 'Jonas', 'Mei', 'Ravi', 'Sofia', 'Kwame', 'Lena', 'Omar'] as const;

export const FIRST_SIMULATED_ID = 100;

export interface SimIdentity {
  id: number;
  name: string;
  steward: string;
  endpoint: string;
  capabilities: string[];
  version: string;
}

/** `endpointFor`: where a droplet's own routes are served (default: an unserved port, as before). */
export function makeIdentities(count: number, rng: Prng, endpointFor?: (id: number) => string): SimIdentity[] {
  const perService = new Map<string, number>();
  const out: SimIdentity[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = FIRST_SIMULATED_ID + i;
    const service = rng.pick(SERVICES);
    const n = (perService.get(service.name) ?? 0) + 1;
    perService.set(service.name, n);
    out.push({
      id,
      name: `${service.name}-${n}`,
      steward: rng.pick(STEWARDS),
      endpoint: endpointFor?.(id) ?? `http://127.0.0.1:${9000 + (id % 1000)}`,
      capabilities: [...COMMON_CAPABILITIES, ...(rng.chance(0.6) ? ['message_handling'] : []), ...service.capabilities],
      version: `${rng.int(1, 2)}.${rng.int(0, 9)}.${rng.int(0, 12)}`,
    });
  }
  return out;
}
