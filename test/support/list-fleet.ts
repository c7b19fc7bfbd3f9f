/** The fleet list as Steward reads it (GET /droplets through the one fleet decoder), for client tests. */
import type { FleetUpdate } from '../../shared/fleet-update';
import type { ListFilters } from '../../shared/model';
import { inlineFleetDecoder } from '../../core/fleet/decoder';
import { readFleet } from '../../core/fleet/read-fleet';
import type { OrchestratorClient } from '../../core/orchestrator/client';

export async function listFleet(client: OrchestratorClient, filters: ListFilters = {}): Promise<FleetUpdate> {
  return (await readFleet(client, inlineFleetDecoder(), filters, { nowMs: Date.now() })).update;
}
