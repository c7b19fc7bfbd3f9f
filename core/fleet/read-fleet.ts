/**
 * The one way Steward reads the fleet list: GET /droplets, its body decoded by a FleetDecoder
 * (in the worker thread in the app; inline where there is no worker, as in the connection
 * test), and the dialect the answer revealed taught to the client.
 */
import type { ListFilters } from '../../shared/model';
import type { OrchestratorClient } from '../orchestrator/client';
import type { DecodedFleet, FleetRequest } from './decode-pipeline';
import type { FleetDecoder } from './decoder';
import { filtersKey } from './sent-copies';

export async function readFleet(
  client: Pick<OrchestratorClient, 'fetchList' | 'learnDialect'>,
  decoder: FleetDecoder,
  filters: ListFilters,
  request: Omit<FleetRequest, 'key'>,
): Promise<DecodedFleet> {
  const answer = await client.fetchList(filters);
  const decoded = await decoder.decode(answer, { ...request, key: filtersKey(filters) });
  client.learnDialect(decoded.update.dialect);
  return decoded;
}
