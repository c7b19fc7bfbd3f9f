/** Which of the UI's filters the Orchestrator can apply itself (the rest are applied locally). */
import { DROPLET_STATUSES, type ListFilters } from '../../../shared/model';

const SERVER_STATUSES: ReadonlySet<string> = new Set(DROPLET_STATUSES);

/**
 * `late` is Steward's own judgement of droplets the Orchestrator calls active, so it asks for
 * `active`; `unknown` stands for statuses outside the guide, which no server filter names.
 */
export function serverFilters(status: string | null, capability: string | null): ListFilters {
  const filters: ListFilters = {};
  const serverStatus = status === 'late' ? 'active' : status;
  if (serverStatus !== null && SERVER_STATUSES.has(serverStatus)) filters.status = serverStatus;
  if (capability !== null && capability !== '') filters.capability = capability;
  return filters;
}
