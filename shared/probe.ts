/**
 * What Steward learns by probing a droplet's own UDC routes (/health, /capabilities, /state,
 * /dependencies; spec udc-droplet-routes.md), and the shapes that cross IPC for it: the
 * per-droplet summary the fleet shows, the details pane's view, the fleet's dependency map and
 * the per-profile probe settings. Readers for the wire live in udc/droplet-routes.ts.
 */
import { z } from 'zod';
import { DropletIdSchema, IsoTimeSchema } from './model';

/** Status words a droplet's /health may use (both shapes), and `unknown` for anything else. */
export const PROBE_HEALTH_STATUSES = ['active', 'inactive', 'degraded', 'error', 'maintenance', 'unknown'] as const;
export const ProbeHealthStatusSchema = z.enum(PROBE_HEALTH_STATUSES);
export type ProbeHealthStatus = z.infer<typeof ProbeHealthStatusSchema>;

export const ProbeHealthSchema = z.object({
  status: ProbeHealthStatusSchema,
  service: z.string().nullable(),
  version: z.string().nullable(),
  /** `timestamp` (shape A) or `updated_at` (shape B), as ISO UTC. */
  time: IsoTimeSchema.nullable(),
  message: z.string().nullable(),
});
export type ProbeHealth = z.infer<typeof ProbeHealthSchema>;

export const ProbeCapabilitiesSchema = z.object({
  version: z.string().nullable(),
  features: z.array(z.string()),
  dependencies: z.array(z.string()),
  udcVersion: z.string().nullable(),
});
export type ProbeCapabilities = z.infer<typeof ProbeCapabilitiesSchema>;

export const ProbeStateSchema = z.object({
  uptimeSeconds: z.number().nullable(),
  requestsTotal: z.number().nullable(),
  requestsPerMinute: z.number().nullable(),
  errorsLastHour: z.number().nullable(),
  cpuPercent: z.number().nullable(),
  memoryMb: z.number().nullable(),
  lastRestart: IsoTimeSchema.nullable(),
  /** Shape B's `custom_metrics` (numbers only), names as served. */
  custom: z.record(z.string(), z.number()),
});
export type ProbeState = z.infer<typeof ProbeStateSchema>;

export const ProbeDependencySchema = z.object({
  name: z.string(),
  /** Shape B names a droplet id; shape A only a name. */
  id: DropletIdSchema.nullable(),
  /** Shape B's connection status (`connected`, ...). */
  status: z.string().nullable(),
  lastCheck: IsoTimeSchema.nullable(),
});
export type ProbeDependency = z.infer<typeof ProbeDependencySchema>;

export const ProbeDependenciesSchema = z.object({
  required: z.array(ProbeDependencySchema),
  optional: z.array(ProbeDependencySchema),
  missing: z.array(z.string()),
});
export type ProbeDependencies = z.infer<typeof ProbeDependenciesSchema>;

/** The four routes probed. */
export const PROBE_ROUTES = ['health', 'state', 'capabilities', 'dependencies'] as const;
export type ProbeRoute = (typeof PROBE_ROUTES)[number];

/** What a droplet's probes say overall. `not_probed`: off, out of scope, no http(s) endpoint, or not yet. */
export const PROBE_VERDICTS = ['answering', 'degraded', 'unreachable', 'not_probed'] as const;
export const ProbeVerdictSchema = z.enum(PROBE_VERDICTS);
export type ProbeVerdict = z.infer<typeof ProbeVerdictSchema>;

/** One route's last outcome: when it was asked, and either its reading or why there is none. */
export const RouteOutcomeSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  /** Plain words when not ok: "no answer within 3 s", "HTTP 500", "not JSON". */
  error: z.string().nullable(),
  /** How long the answer took, ms. */
  ms: z.number().nullable(),
});
export type RouteOutcome = z.infer<typeof RouteOutcomeSchema>;

export const ProbeSummarySchema = z.object({
  id: DropletIdSchema,
  verdict: ProbeVerdictSchema,
  /** Why not probed, or the last failure, in words. */
  note: z.string().nullable(),
  healthStatus: ProbeHealthStatusSchema.nullable(),
  /** Epoch ms of the last answer from /health; null when it never answered. */
  lastAnswerAt: z.number().nullable(),
  /** Epoch ms since when /health has not answered (null while it answers). */
  silentSince: z.number().nullable(),
  /** Where the Orchestrator and the droplet disagree, in words; null when they agree. */
  disagreement: z.string().nullable(),
  lastRestartAt: z.number().nullable(),
});
export type ProbeSummary = z.infer<typeof ProbeSummarySchema>;

export const ProbeDetailsSchema = z.object({
  summary: ProbeSummarySchema,
  endpoint: z.string().nullable(),
  health: ProbeHealthSchema.nullable(),
  capabilities: ProbeCapabilitiesSchema.nullable(),
  state: ProbeStateSchema.nullable(),
  dependencies: ProbeDependenciesSchema.nullable(),
  routes: z.partialRecord(z.enum(PROBE_ROUTES), RouteOutcomeSchema),
  /** Restarts seen (uptime went down), newest first, epoch ms. */
  restarts: z.array(z.number()),
  /** What it registered with the Orchestrator against what it serves. */
  drift: z.object({
    registeredVersion: z.string().nullable(),
    servedVersion: z.string().nullable(),
    /** Registered capabilities it does not serve as features, and the reverse. */
    notServed: z.array(z.string()),
    notRegistered: z.array(z.string()),
  }),
  /** Probe metric names in the history (`probe:...`), for charts on demand. */
  metrics: z.array(z.string()),
});
export type ProbeDetails = z.infer<typeof ProbeDetailsSchema>;

export const DependencyMapSchema = z.object({
  /** Droplets missing dependencies, most missing first. */
  missing: z.array(z.object({ id: DropletIdSchema, name: z.string(), missing: z.array(z.string()) })),
  /** Droplets others depend on that are down (by the Orchestrator or their own /health), most dependants first. */
  downDependencies: z.array(
    z.object({ id: DropletIdSchema.nullable(), name: z.string(), why: z.string(), dependants: z.array(z.object({ id: DropletIdSchema, name: z.string() })) }),
  ),
  probed: z.number().int().nonnegative(),
  withDependencies: z.number().int().nonnegative(),
});
export type DependencyMap = z.infer<typeof DependencyMapSchema>;

export const PROBE_SCOPES = ['all', 'capability', 'ids'] as const;
export const ProbeSettingsSchema = z.object({
  enabled: z.boolean(),
  scope: z.enum(PROBE_SCOPES),
  /** With scope `capability`: droplets with any of these. */
  capabilities: z.array(z.string().min(1).max(100)).max(50),
  /** With scope `ids`. */
  ids: z.array(DropletIdSchema).max(1000),
  /** /health and /state. */
  fastIntervalSeconds: z.number().int().min(10).max(3600),
  /** /capabilities and /dependencies. */
  slowIntervalSeconds: z.number().int().min(60).max(86_400),
});
export type ProbeSettings = z.infer<typeof ProbeSettingsSchema>;

export function defaultProbeSettings(embeddedSandbox: boolean): ProbeSettings {
  return { enabled: embeddedSandbox, scope: 'all', capabilities: [], ids: [], fastIntervalSeconds: 60, slowIntervalSeconds: 600 };
}

/** Prefix of probe metric names in the metric history: a second source beside the heartbeats. */
export const PROBE_METRIC_PREFIX = 'probe:';
