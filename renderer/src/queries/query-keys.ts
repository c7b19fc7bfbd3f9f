/** Every react-query key, in one place so actions can invalidate what they change. */
import type { EventQuery } from '../../../shared/attention';
import type { ListFilters } from '../../../shared/model';

export const queryKeys = {
  appInfo: ['appInfo'] as const,
  fleet: (filters: ListFilters) => ['fleet', filters] as const,
  fleetAll: ['fleet'] as const,
  droplet: (id: number) => ['droplet', id] as const,
  history: (id: number) => ['history', id] as const,
  /** Under history(id), so what invalidates a droplet's history invalidates its extra metrics too. */
  extraMetric: (id: number, metric: string) => ['history', id, 'extra', metric] as const,
  /** Under history(id) too: a sent heartbeat redraws the charts. */
  chartHistory: (id: number, rangeMs: number, points: number) => ['history', id, 'chart', rangeMs, points] as const,
  /** Everything probe-related sits under this, so `probesChanged` refreshes it all at once. */
  probes: ['probes'] as const,
  probeSummary: ['probes', 'summary'] as const,
  probeDetails: (id: number) => ['probes', 'details', id] as const,
  dependencyMap: ['probes', 'dependencies'] as const,
  probeSettings: ['probes', 'settings'] as const,
  comms: ['comms'] as const,
  keepAlive: ['keepAlive'] as const,
  profiles: ['profiles'] as const,
  keyStorage: ['keyStorage'] as const,
  warnings: ['warnings'] as const,
  /** Everything the attention engine answers: one prefix, invalidated on each pushed event. */
  attentionAll: ['attention'] as const,
  events: (query: EventQuery) => ['attention', 'events', query] as const,
  uptime: (id: number) => ['attention', 'uptime', id] as const,
  problems: ['attention', 'problems'] as const,
  attentionSettings: ['attention', 'settings'] as const,
  /** Mutations that are an exchange with the Orchestrator (their success ends the fleet poll's backoff). */
  orchestratorWrite: ['orchestratorWrite'] as const,
};
