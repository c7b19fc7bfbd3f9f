/**
 * The domain model every layer speaks. Wire shapes (either dialect) are turned into these
 * by `udc/readers.ts`; nothing outside `shared/udc` and `sandbox/` sees raw wire JSON.
 * Times are ISO-8601 strings in UTC ending in `Z` so they cross IPC and print unchanged.
 * Which of these cross IPC, and where, is ipc-contract.ts's business, not this module's.
 */
import { z } from 'zod';
import { LivenessSettingsSchema } from './liveness';

/** Statuses the guide names. `unknown` stands for anything else an Orchestrator sends. */
export const DROPLET_STATUSES = ['active', 'inactive', 'error', 'maintenance'] as const;
export const DropletStatusSchema = z.enum([...DROPLET_STATUSES, 'unknown']);
export type DropletStatus = z.infer<typeof DropletStatusSchema>;
/** Statuses a heartbeat or a registration may carry (the deployed Orchestrator refuses maintenance). */
export const ReportableStatusSchema = z.enum(DROPLET_STATUSES);
export type ReportableStatus = z.infer<typeof ReportableStatusSchema>;

export const WIRE_DIALECTS = ['guide', 'deployed'] as const;
export const WireDialectSchema = z.enum(WIRE_DIALECTS);
export type WireDialect = z.infer<typeof WireDialectSchema>;
export const DialectSettingSchema = z.enum([...WIRE_DIALECTS, 'auto']);
export type DialectSetting = z.infer<typeof DialectSettingSchema>;

/** The four metrics the guide's heartbeat carries; others are kept but not charted. */
export const CHARTED_METRICS = [
  'cpu_percent',
  'memory_mb',
  'requests_last_minute',
  'errors_last_minute',
] as const;
export type ChartedMetric = (typeof CHARTED_METRICS)[number];

/**
 * Other names droplets send a charted metric under, read when the metric's own name is absent:
 * the deployed Orchestrator's droplets report `requests_per_minute`.
 */
export const METRIC_ALIASES: Readonly<Record<ChartedMetric, readonly string[]>> = {
  cpu_percent: [],
  memory_mb: [],
  requests_last_minute: ['requests_per_minute'],
  errors_last_minute: [],
};

/** Names read as a charted metric: the four, and the aliases droplets send them under. */
export const CHARTED_METRIC_NAMES: readonly string[] = [...CHARTED_METRICS, ...Object.values(METRIC_ALIASES).flat()];
const CHARTED_NAME_SET: ReadonlySet<string> = new Set(CHARTED_METRIC_NAMES);
/** Whether `name` is read as a charted metric (one of CHARTED_METRIC_NAMES): anything else is an extra one. */
export const isChartedMetricName = (name: string): boolean => CHARTED_NAME_SET.has(name);

export const MetricValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const MetricsSchema = z.record(z.string(), MetricValueSchema);
export type Metrics = z.infer<typeof MetricsSchema>;

export const IsoTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'ISO-8601 UTC time ending in Z');

export const DropletIdSchema = z.number().int().positive();

export const HeartbeatRecordSchema = z.object({
  time: IsoTimeSchema,
  status: DropletStatusSchema,
  metrics: MetricsSchema.nullable(),
});
export type HeartbeatRecord = z.infer<typeof HeartbeatRecordSchema>;

export const DropletSchema = z.object({
  id: DropletIdSchema,
  name: z.string(),
  steward: z.string().nullable(),
  endpoint: z.string().nullable(),
  capabilities: z.array(z.string()),
  status: DropletStatusSchema,
  version: z.string().nullable(),
  lastHeartbeat: IsoTimeSchema.nullable(),
  registeredAt: IsoTimeSchema.nullable(),
  latestMetrics: MetricsSchema.nullable(),
});
export type Droplet = z.infer<typeof DropletSchema>;

export const DropletDetailsSchema = DropletSchema.extend({
  /** Recent beats, oldest first, as far as the Orchestrator tells them (may be empty). */
  heartbeats: z.array(HeartbeatRecordSchema),
});
export type DropletDetails = z.infer<typeof DropletDetailsSchema>;

export const DropletListSchema = z.object({
  droplets: z.array(DropletSchema),
  total: z.number().int().nonnegative(),
});
export type DropletList = z.infer<typeof DropletListSchema>;

export const ListFiltersSchema = z.object({
  status: z.string().min(1).max(64).optional(),
  capability: z.string().min(1).max(200).optional(),
});
export type ListFilters = z.infer<typeof ListFiltersSchema>;

/** What a steward fills in to register (or re-register) a droplet. */
export const RegistrationSchema = z.object({
  id: DropletIdSchema,
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name is at most 100 characters'),
  steward: z.string().max(200).optional(),
  endpoint: z.string().url('Endpoint must be a URL such as http://host:8002'),
  capabilities: z.array(z.string().min(1).max(200)).max(100),
  version: z.string().max(100).optional(),
  status: ReportableStatusSchema.optional(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

/** Fields a dialect's Orchestrator ignores in a registration (the deployed one keeps no version or status). */
export const IgnoredRegistrationFieldSchema = z.enum(['version', 'status']);

/** Before registering: what the Orchestrator holds for the id now, and what would be sent. */
export const RegistrationPreviewSchema = z.object({
  /** The droplet as the fleet list shows it now; null when the Orchestrator has no droplet with this id. */
  current: DropletSchema.nullable(),
  /** The steward's values, blank optional fields filled from `current` so they keep their values. */
  registration: RegistrationSchema,
  ignored: z.array(IgnoredRegistrationFieldSchema),
});
export type RegistrationPreview = z.infer<typeof RegistrationPreviewSchema>;

export const HeartbeatInputSchema = z.object({
  id: DropletIdSchema,
  status: ReportableStatusSchema,
  metrics: MetricsSchema.optional(),
});
export type HeartbeatInput = z.infer<typeof HeartbeatInputSchema>;

export const RegisterAckSchema = z.object({
  registered: z.boolean(),
  dropletId: z.number().int().nullable(),
  /** `registered` for a new droplet, `updated` for a known one, null when the server does not say. */
  outcome: z.enum(['registered', 'updated']).nullable(),
  message: z.string().nullable(),
  registeredAt: IsoTimeSchema.nullable(),
  heartbeatIntervalSeconds: z.number().nullable(),
  nextHeartbeatAt: IsoTimeSchema.nullable(),
  traceId: z.string().nullable(),
});
export type RegisterAck = z.infer<typeof RegisterAckSchema>;

export const HeartbeatAckSchema = z.object({
  acknowledged: z.boolean(),
  dropletId: z.number().int().nullable(),
  /** Seconds until the next beat is due, from `next_heartbeat_in` or the deadline. */
  nextHeartbeatInSeconds: z.number().nullable(),
  nextHeartbeatAt: IsoTimeSchema.nullable(),
  traceId: z.string().nullable(),
});
export type HeartbeatAck = z.infer<typeof HeartbeatAckSchema>;

/** A status change pushed by `/ws/droplets`. */
export const StatusChangeSchema = z.object({
  dropletId: z.number().int(),
  oldStatus: DropletStatusSchema.nullable(),
  newStatus: DropletStatusSchema,
  changedAt: IsoTimeSchema.nullable(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

// Steward's own views, as its methods answer them: the app's settings, a droplet's page,
// chart samples, the communications log, keep-alive loops.

/**
 * How often the window polls the fleet now: every minute while the live feed delivers status
 * changes (`live`), at the profile's interval otherwise (`polling`). Main judges it.
 */
export const PollPaceSchema = z.object({
  mode: z.enum(['live', 'polling']),
  intervalMs: z.number().int().positive(),
});
export type PollPace = z.infer<typeof PollPaceSchema>;

export const AppInfoSchema = z.object({
  appVersion: z.string(),
  profileName: z.string(),
  orchestratorUrl: z.string(),
  dialectSetting: DialectSettingSchema,
  /** The dialect in use: the setting, or what `auto` has detected (null until it has). */
  dialect: WireDialectSchema.nullable(),
  identityDropletId: DropletIdSchema,
  steward: z.string().nullable(),
  embeddedSandbox: z.boolean(),
  pollIntervalMs: z.number().int().positive(),
  liveUpdates: z.boolean(),
  /** The pace the window polls at now; `pollPaceChanged` tells when it changes. */
  pollPace: PollPaceSchema,
  /** Steward's own "late" judgement: an active droplet silent for longer than interval + grace. */
  liveness: LivenessSettingsSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const DropletViewSchema = z.object({
  droplet: DropletDetailsSchema,
  /** `details` when the details route answered; `list` when it failed and the list stood in. */
  source: z.enum(['details', 'list']),
  note: z.string().nullable(),
  traceId: z.string().nullable(),
  /**
   * Main recorded beats from this answer that its history did not hold, so charts fetched before
   * it are short; absent when not known (treated as grown when the answer carried beats).
   */
  historyGrew: z.boolean().optional(),
  /**
   * The droplet's history revision once this answer was recorded: a history or chart answer with
   * a lower `revision` was drawn before it and is short. Absent when not known.
   */
  historyRevision: z.number().int().nonnegative().optional(),
});
export type DropletView = z.infer<typeof DropletViewSchema>;

/** One heartbeat's metrics, for the charts. `t` is epoch milliseconds. */
export const SampleSchema = z.object({
  t: z.number(),
  status: z.string().nullable(),
  cpu_percent: z.number().nullable(),
  memory_mb: z.number().nullable(),
  requests_last_minute: z.number().nullable(),
  errors_last_minute: z.number().nullable(),
});
export type Sample = z.infer<typeof SampleSchema>;

/** A metric's newest value Steward knows, and when it was measured (epoch ms). */
export const LatestValueSchema = z.object({ t: z.number(), v: z.number() });
export type LatestValue = z.infer<typeof LatestValueSchema>;
export const LatestValuesSchema = z.object({
  cpu_percent: LatestValueSchema.nullable(),
  memory_mb: LatestValueSchema.nullable(),
  requests_last_minute: LatestValueSchema.nullable(),
  errors_last_minute: LatestValueSchema.nullable(),
});
export type LatestValues = z.infer<typeof LatestValuesSchema>;

/** Longest name of a metric beyond the charted four that Steward keeps. */
export const EXTRA_METRIC_NAME_MAX = 64;
export const ExtraMetricNameSchema = z.string().min(1).max(EXTRA_METRIC_NAME_MAX);
/** One sample of a metric beyond the charted four: time (epoch ms) and value. */
export const ExtraMetricSampleSchema = z.object({ t: z.number(), v: z.number() });
export type ExtraMetricSample = z.infer<typeof ExtraMetricSampleSchema>;

/** What Steward's history holds for a droplet: the one source of the tiles, charts and heartbeat strip. */
export const HistoryViewSchema = z.object({
  samples: z.array(SampleSchema),
  /**
   * When this Steward's history of the droplet begins (its oldest retained sample, epoch ms),
   * null when it holds none: before it, no record is not an outage.
   */
  since: z.number().nullable(),
  /** Each charted metric's newest value in the whole history, whatever range was asked. */
  latest: LatestValuesSchema,
  /** Names of the other numeric metrics the droplet sent, kept (in memory only) to be charted on demand. */
  extra: z.array(z.string()),
  /** The droplet's history revision this answer was read at (see DropletView's `historyRevision`); absent when not known. */
  revision: z.number().int().nonnegative().optional(),
});
export type HistoryView = z.infer<typeof HistoryViewSchema>;

const ChartPointsSchema = z.array(z.object({ t: z.number(), v: z.number().nullable() }));
/** What the four charts draw for a range, downsampled in main (shared/downsample.ts `chartHistoryOf`). */
export const ChartHistorySchema = z.object({
  series: z.object({ cpu_percent: ChartPointsSchema, memory_mb: ChartPointsSchema, requests_last_minute: ChartPointsSchema, errors_last_minute: ChartPointsSchema }),
  since: z.number().nullable(),
  extra: z.array(z.string()),
  samples: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative().optional(),
});

export const CommsEntrySchema = z.object({
  id: z.number().int(),
  time: IsoTimeSchema,
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  latencyMs: z.number(),
  traceId: z.string().nullable(),
  dropletId: z.number().int().nullable(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
  /** Why the exchange failed before an answer (refused, timeout...), when it did. */
  error: z.string().nullable(),
});
export type CommsEntry = z.infer<typeof CommsEntrySchema>;

export const KeepAliveSchema = z.object({
  dropletId: DropletIdSchema,
  status: z.string(),
  nextBeatAt: IsoTimeSchema.nullable(),
  lastError: z.string().nullable(),
  beatsSent: z.number().int().nonnegative(),
});
export type KeepAlive = z.infer<typeof KeepAliveSchema>;

/**
 * Keep-alives main stopped because their profile closed (a switch, or a reopen after its
 * settings changed): the renderer names them, so none end unnoticed.
 */
export const KeepAlivesStoppedSchema = z.object({
  /** The profile they ran under. */
  profileName: z.string(),
  dropletIds: z.array(DropletIdSchema),
});
export type KeepAlivesStopped = z.infer<typeof KeepAlivesStoppedSchema>;
