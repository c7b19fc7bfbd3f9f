/**
 * What Steward tells a steward when something goes wrong: the shapes of transition events,
 * uptime and incidents, problems, mutes and notification settings. Main's attention engine
 * (core/attention) produces them; the renderer, the tray and `steward watch` read them.
 */
import { z } from 'zod';
import { DropletIdSchema, DropletStatusSchema } from './model';

/** What a transition event says happened. `flapping` stands for a droplet that flipped back within the hold time. */
export const ATTENTION_KINDS = [
  'error',
  'inactive',
  'late',
  'recovered',
  'registered',
  'disappeared',
  'flapping',
  'metric',
  'fleet_emptied',
  /** Probe events (core/probes): uptime went down; /health stopped answering while the Orchestrator says active; it answers again. */
  'restarted',
  'probe_unanswered',
  'probe_answering',
] as const;
export const AttentionKindSchema = z.enum(ATTENTION_KINDS);
export type AttentionKind = z.infer<typeof AttentionKindSchema>;

/** A droplet's state as the engine judges it: the Orchestrator's status, or Steward's `late`, or gone. */
export const WatchedStateSchema = z.union([DropletStatusSchema, z.enum(['late', 'absent'])]);
export type WatchedState = z.infer<typeof WatchedStateSchema>;

/** One droplet's transition inside an event. */
export const AttentionItemSchema = z.object({
  id: DropletIdSchema,
  name: z.string(),
  from: WatchedStateSchema,
  to: WatchedStateSchema,
  /** Epoch ms of the transition. */
  at: z.number(),
  /** Plain words: "Orchestrator status error", "no heartbeat for 95 s", "cpu_percent > 90 for 5 min". */
  cause: z.string(),
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

/** One grouped event: a burst of the same kind within the group window makes one event. */
export const AttentionEventSchema = z.object({
  id: z.string(),
  at: z.number(),
  kind: AttentionKindSchema,
  /** "30 droplets went inactive: api-1, api-2, …" */
  summary: z.string(),
  /** At most the first 50 droplets; `count` is how many there were. */
  items: z.array(AttentionItemSchema),
  count: z.number().int().nonnegative(),
  /** Raised while muted: kept in the timeline, not notified. */
  muted: z.boolean(),
});
export type AttentionEvent = z.infer<typeof AttentionEventSchema>;

export const EventQuerySchema = z
  .object({
    dropletId: DropletIdSchema.optional(),
    kinds: z.array(AttentionKindSchema).max(ATTENTION_KINDS.length).optional(),
    sinceMs: z.number().nonnegative().optional(),
    untilMs: z.number().nonnegative().optional(),
    limit: z.number().int().positive().max(5_000).optional(),
  })
  .strict();
export type EventQuery = z.infer<typeof EventQuerySchema>;

export const IncidentSchema = z.object({
  dropletId: DropletIdSchema,
  /** The state it was in: error, inactive, late or absent. */
  state: WatchedStateSchema,
  startedAt: z.number(),
  /** null while it lasts. */
  endedAt: z.number().nullable(),
  durationMs: z.number().nonnegative(),
  cause: z.string(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const UptimeWindowSchema = z.object({
  windowMs: z.number().positive(),
  /** Up time over observed time; null when Steward observed none of the window. */
  percent: z.number().min(0).max(100).nullable(),
  observedMs: z.number().nonnegative(),
  /** "observed 5 h 12 min of 24 h" */
  observedText: z.string(),
});
export type UptimeWindow = z.infer<typeof UptimeWindowSchema>;

export const UptimeSchema = z.object({
  dropletId: DropletIdSchema,
  day: UptimeWindowSchema,
  week: UptimeWindowSchema,
  /** Newest first, at most 100. */
  incidents: z.array(IncidentSchema),
});
export type Uptime = z.infer<typeof UptimeSchema>;

export const ProblemSchema = z.object({
  id: DropletIdSchema,
  name: z.string(),
  state: WatchedStateSchema,
  /** Epoch ms since which it has been in that state. */
  since: z.number(),
  muted: z.boolean(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The fleet's current problems, worst first: what the tray, title and badge show. */
export const ProblemsSchema = z.object({
  count: z.number().int().nonnegative(),
  unmutedCount: z.number().int().nonnegative(),
  /** The worst state among unmuted problems; null when there are none. */
  worst: WatchedStateSchema.nullable(),
  top: z.array(ProblemSchema).max(5),
});
export type Problems = z.infer<typeof ProblemsSchema>;

export const AwaySummarySchema = z.object({
  sinceMs: z.number(),
  untilMs: z.number(),
  eventCount: z.number().int().nonnegative(),
  /** How many events of each kind. */
  byKind: z.partialRecord(AttentionKindSchema, z.number().int().nonnegative()),
  /** The newest events, at most 10. */
  events: z.array(AttentionEventSchema).max(10),
});
export type AwaySummary = z.infer<typeof AwaySummarySchema>;

/** Metrics a rule can judge: any numeric metric name a beat carries. */
export const RULE_OPS = ['>', '>=', '<', '<=', '=='] as const;
export const MetricRuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    metric: z.string().min(1).max(64),
    op: z.enum(RULE_OPS),
    value: z.number().finite(),
    /** The condition must hold on every beat seen for this long; 0 fires on the first beat. */
    forSeconds: z.number().int().nonnegative().max(86_400),
    enabled: z.boolean(),
  })
  .strict();
export type MetricRule = z.infer<typeof MetricRuleSchema>;

/** Which kinds notify (all are kept in the timeline). */
export const NotifyTogglesSchema = z.object({
  error: z.boolean(),
  inactive: z.boolean(),
  late: z.boolean(),
  recovered: z.boolean(),
  registered: z.boolean(),
  disappeared: z.boolean(),
  flapping: z.boolean(),
  metric: z.boolean(),
  fleet_emptied: z.boolean(),
  // Added with probing: settings saved before it lack them and take these defaults.
  restarted: z.boolean().default(true),
  probe_unanswered: z.boolean().default(true),
  probe_answering: z.boolean().default(true),
});
export type NotifyToggles = z.infer<typeof NotifyTogglesSchema>;

export const AttentionSettingsSchema = z
  .object({
    /** Desktop notifications at all. */
    notify: z.boolean(),
    toggles: NotifyTogglesSchema,
    /** Keep running in the tray when the window closes. */
    keepInTray: z.boolean(),
    /** A droplet that flips back within this many seconds is reported once, as flapping. */
    holdSeconds: z.number().int().min(0).max(3_600),
    /** Transitions of one kind within this many seconds make one event. */
    groupSeconds: z.number().int().min(0).max(600),
    rules: z.array(MetricRuleSchema).max(50),
  })
  .strict();
export type AttentionSettings = z.infer<typeof AttentionSettingsSchema>;

export const DEFAULT_ATTENTION_SETTINGS: AttentionSettings = {
  notify: true,
  toggles: {
    error: true,
    inactive: true,
    late: true,
    recovered: true,
    registered: false,
    disappeared: true,
    flapping: true,
    metric: true,
    fleet_emptied: true,
    restarted: true,
    probe_unanswered: true,
    probe_answering: true,
  },
  keepInTray: false,
  holdSeconds: 120,
  groupSeconds: 10,
  rules: [],
};

export const MUTE_SPANS = ['1h', 'tomorrow', 'forever', 'off'] as const;
export const MuteSpanSchema = z.enum(MUTE_SPANS);
export type MuteSpan = z.infer<typeof MuteSpanSchema>;

export const MuteRequestSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('droplet'), id: DropletIdSchema, span: MuteSpanSchema }).strict(),
  z.object({ target: z.literal('profile'), span: MuteSpanSchema }).strict(),
]);
export type MuteRequest = z.infer<typeof MuteRequestSchema>;

/** Mutes in force: epoch ms until which, or null for until unmuted. */
export const MutesSchema = z.object({
  droplets: z.record(z.string(), z.number().nullable()),
  /** The whole profile; absent when not muted. */
  profile: z.number().nullable().optional(),
});
export type Mutes = z.infer<typeof MutesSchema>;

export const AttentionSettingsViewSchema = z.object({ settings: AttentionSettingsSchema, mutes: MutesSchema });
export type AttentionSettingsView = z.infer<typeof AttentionSettingsViewSchema>;

export const ExportEventsSchema = z.object({ format: z.enum(['csv', 'json']), query: EventQuerySchema.optional() }).strict();
export type ExportEventsRequest = z.infer<typeof ExportEventsSchema>;

/** Main asks the window to show a droplet (or a group) after a notification or tray click. */
export const FocusDropletSchema = z.object({
  dropletId: DropletIdSchema.nullable(),
  ids: z.array(DropletIdSchema),
  eventId: z.string().nullable(),
});
export type FocusDroplet = z.infer<typeof FocusDropletSchema>;
