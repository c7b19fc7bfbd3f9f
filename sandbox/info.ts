/**
 * The public, unauthenticated bodies (/health, /capabilities, /state, /management/version,
 * /ws/status), shaped like the deployed Orchestrator's (exchanges A1-A6) in both dialects.
 */
import { ORCHESTRATOR_ID, UDC_VERSION } from '../shared/udc/envelope';
import type { SandboxStore } from './store';

export const ORCHESTRATOR_VERSION = '2.0.0';

export interface InfoDeps {
  store: SandboxStore;
  now: () => number;
  startedAt: number;
  url: () => string;
  formatTime: (ms: number) => string;
  liveConnections: () => number;
}

export function healthBody({ url, now, formatTime }: InfoDeps): Record<string, unknown> {
  return {
    id: ORCHESTRATOR_ID,
    name: 'Orchestrator',
    steward: 'Sandbox',
    status: 'active',
    endpoint: url(),
    updated_at: formatTime(now()),
    message: 'All systems operational',
  };
}

export function capabilitiesBody(): Record<string, unknown> {
  return {
    version: ORCHESTRATOR_VERSION,
    features: ['task_routing', 'droplet_discovery', 'health_monitoring', 'real_time_updates'],
    dependencies: [],
    udc_version: UDC_VERSION,
  };
}

export function stateBody({ store, now, startedAt }: InfoDeps): Record<string, unknown> {
  const counts = store.countByStatus();
  return {
    cpu_percent: 0.0,
    memory_mb: Math.round(process.memoryUsage().rss / 1048576),
    uptime_seconds: uptime(now, startedAt),
    custom_metrics: { tasks_active: 0, tasks_pending: 0, droplets_active: counts.active ?? 0, droplets_total: store.size, num_threads: 1 },
  };
}

export function versionBody({ now, startedAt }: InfoDeps): Record<string, unknown> {
  return {
    version: ORCHESTRATOR_VERSION,
    droplet_id: ORCHESTRATOR_ID,
    droplet_name: 'Orchestrator',
    udc_version: UDC_VERSION,
    python_version: `n/a (Steward sandbox on Node ${process.version})`,
    build_date: 'unknown',
    environment: 'sandbox',
    deployed_by: 'unknown',
    uptime_seconds: uptime(now, startedAt),
  };
}

export function wsStatusBody({ liveConnections }: InfoDeps): Record<string, unknown> {
  const droplets = liveConnections();
  return {
    websocket_enabled: true,
    connections: { task_connections: 0, droplet_connections: droplets, total_connections: droplets },
    channels: {
      tasks: { endpoint: '/ws/tasks', description: 'Real-time task updates', active_connections: 0 },
      droplets: { endpoint: '/ws/droplets', description: 'Real-time droplet health updates', active_connections: droplets },
    },
  };
}

function uptime(now: () => number, startedAt: number): number {
  return Math.max(0, Math.floor((now() - startedAt) / 1000));
}
