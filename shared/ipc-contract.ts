/**
 * The one source of truth for the IPC API between the renderer and main: the method and event
 * table, channels, the error that crosses, and guards over them. The shapes the methods carry
 * are domain types (model.ts, profile.ts, fleet-update.ts); this module only names which crosses where.
 * Each method: a channel name, an input schema (validated in main) and an output schema.
 * Preload exposes exactly these methods (and these events); the renderer's client and the
 * main-process handlers are typed from this module.
 */
import { z } from 'zod';
import { AppInfoSchema, ChartHistorySchema, CommsEntrySchema, DropletIdSchema, DropletViewSchema, ExtraMetricNameSchema, ExtraMetricSampleSchema, HeartbeatAckSchema, HeartbeatInputSchema, HistoryViewSchema, KeepAliveSchema, KeepAlivesStoppedSchema, PollPaceSchema, RegisterAckSchema, RegistrationPreviewSchema, RegistrationSchema, StatusChangeSchema } from './model';
import {
  ConnectionTestResultSchema,
  KeyInfoSchema,
  KeyStorageSchema,
  ProfileChangedSchema,
  ProfileDraftSchema,
  ProfileIdSchema,
  ProfileViewSchema,
  SigningAlgorithmSchema,
} from './profile';
import { FieldErrorSchema } from './udc/errors';
import { DependencyMapSchema, ProbeDetailsSchema, ProbeSettingsSchema, ProbeSummarySchema } from './probe';
import { FleetPollSchema, FleetUpdateSchema } from './fleet-update';
import { CHART_POINTS_MAX } from './downsample';
import {
  AttentionEventSchema,
  AttentionSettingsSchema,
  AttentionSettingsViewSchema,
  AwaySummarySchema,
  EventQuerySchema,
  ExportEventsSchema,
  FocusDropletSchema,
  MuteRequestSchema,
  ProblemsSchema,
  UptimeSchema,
} from './attention';
import { ExportFleetSchema, ExportHistorySchema, ExportResultSchema } from './exports';
import { PrefsViewSchema, SetPrefsSchema } from './prefs';
import { CommandIdSchema, ThemeChoiceSchema } from './commands';

/** Error kinds that cross IPC. Main turns every failure into one of these, never a stack trace. */
export const ERROR_KINDS = [
  'auth', // 401
  'forbidden', // 403
  'validation', // 422 (fields) or 400
  'not_found', // 404
  'method_not_allowed', // 405
  'server', // 5xx
  'network', // refused, reset, DNS
  'timeout',
  'malformed', // a response we cannot read
  'bad_input', // the IPC input itself failed the contract
  'internal',
] as const;
export const ErrorKindSchema = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const IpcErrorSchema = z.object({
  kind: ErrorKindSchema,
  /** Plain words for the steward. */
  message: z.string(),
  /** What to try, when there is something to try. */
  hint: z.string().nullable(),
  status: z.number().int().nullable(),
  traceId: z.string().nullable(),
  /** 422 field errors, already stripped of transport prefixes in `field`. */
  fields: z.array(FieldErrorSchema.extend({ field: z.string() })),
  /** The communications-log entry of the failing exchange, when there was one. */
  exchangeId: z.number().int().nullable(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** An IpcError from its kind and words; what is not given (hint, status, trace, fields, exchange) is absent. */
export function ipcError(init: Pick<IpcError, 'kind' | 'message'> & Partial<IpcError>): IpcError {
  return {
    kind: init.kind,
    message: init.message,
    hint: init.hint ?? null,
    status: init.status ?? null,
    traceId: init.traceId ?? null,
    fields: init.fields ?? [],
    exchangeId: init.exchangeId ?? null,
  };
}

const NoInput = z.object({}).strict().optional();
const ById = z.object({ id: DropletIdSchema }).strict();

/** Answered by the active profile's attention room (core/attention), through its service. */
export const attentionMethods = {
  /** Transition events, newest first. */
  getEvents: { input: EventQuerySchema.optional(), output: z.array(AttentionEventSchema) },
  /** Uptime for 24 h and 7 d with the coverage Steward observed, and incidents. */
  getUptime: { input: ById, output: UptimeSchema },
  getProblems: { input: NoInput, output: ProblemsSchema },
  /** What happened since `sinceMs` (the window came back after being hidden). */
  getAwaySummary: { input: z.object({ sinceMs: z.number().nonnegative() }).strict(), output: AwaySummarySchema },
  getAttentionSettings: { input: NoInput, output: AttentionSettingsViewSchema },
  /** Changes the fields given; answers the whole view as stored. */
  setAttentionSettings: { input: AttentionSettingsSchema.partial().strict(), output: AttentionSettingsViewSchema },
  muteAttention: { input: MuteRequestSchema, output: AttentionSettingsViewSchema },
  /** Main's save dialog; `savedTo` null when the steward cancelled. */
  exportEvents: { input: ExportEventsSchema, output: z.object({ savedTo: z.string().nullable(), count: z.number().int().nonnegative() }) },
} as const;

/** Pushed by the attention room (spread into `ipcEvents`). */
export const attentionEvents = {
  attentionEvent: AttentionEventSchema,
  problemsChanged: ProblemsSchema,
  /** The window came back after being hidden and something happened meanwhile. */
  awaySummary: AwaySummarySchema,
  /** A notification or tray item was clicked: show this droplet (or group). */
  focusDroplet: FocusDropletSchema,
  /** The notification settings or mutes changed (from the window, the tray, or a mute running out). */
  attentionSettingsChanged: AttentionSettingsViewSchema,
} as const;

/** Answered by the active profile's prober (core/probes): what droplets serve themselves. */
export const probeMethods = {
  /** One summary per listed droplet: answering, degraded, unreachable or not probed, and any disagreement. */
  getProbeSummary: { input: NoInput, output: z.array(ProbeSummarySchema) },
  getProbeDetails: { input: ById, output: ProbeDetailsSchema },
  getDependencyMap: { input: NoInput, output: DependencyMapSchema },
  getProbeSettings: { input: NoInput, output: ProbeSettingsSchema },
  /** Changes the fields given; answers the settings as stored. */
  setProbeSettings: { input: ProbeSettingsSchema.partial().strict(), output: ProbeSettingsSchema },
  /** Probes every route of these droplets (all in scope when none) now; answers their summaries. */
  probeNow: {
    input: z.object({ ids: z.array(DropletIdSchema).max(1000).optional() }).strict().optional(),
    output: z.array(ProbeSummarySchema),
  },
} as const;

/**
 * Answered by the active profile's service. `trustedOutput`: main does not check the answer
 * against `output` again before it crosses (see listDroplets); every other answer is checked.
 */
export const serviceMethods = {
  getAppInfo: { input: NoInput, output: AppInfoSchema },
  listDroplets: {
    input: FleetPollSchema,
    output: FleetUpdateSchema,
    // Built only from the tolerant readers' output, which the generated-input test in
    // test/unit/shared/fuzz.test.ts shows always fits; re-checking it cost main's thread
    // ~15 ms a poll at 10,000 droplets.
    trustedOutput: true,
  },
  getDroplet: { input: ById, output: DropletViewSchema },
  /** What registering would change: the droplet held now and the registration that would be sent. */
  previewRegistration: { input: RegistrationSchema.strict(), output: RegistrationPreviewSchema },
  /** Blank optional fields keep what the Orchestrator holds; `outcome` says whether the droplet was new. */
  registerDroplet: { input: RegistrationSchema.strict(), output: RegisterAckSchema },
  sendHeartbeat: { input: HeartbeatInputSchema.strict(), output: HeartbeatAckSchema },
  getHistory: {
    input: z.object({ id: DropletIdSchema, sinceMs: z.number().nonnegative().optional() }).strict(),
    output: HistoryViewSchema,
  },
  /** The four charts' points for a range, at most `points` a metric: what they draw, not every sample. */
  getChartHistory: {
    input: z.object({ id: DropletIdSchema, sinceMs: z.number().nonnegative(), points: z.number().int().min(2).max(CHART_POINTS_MAX) }).strict(),
    output: ChartHistorySchema,
  },
  /** One metric beyond the charted four (a name from getHistory's `extra`), oldest first. */
  getExtraMetric: {
    input: z.object({ id: DropletIdSchema, metric: ExtraMetricNameSchema, sinceMs: z.number().nonnegative().optional() }).strict(),
    output: z.array(ExtraMetricSampleSchema),
  },
  getCommsLog: {
    input: z.object({ limit: z.number().int().positive().max(10_000).optional() }).strict().optional(),
    output: z.object({ entries: z.array(CommsEntrySchema) }),
  },
  startKeepAlive: { input: HeartbeatInputSchema.strict(), output: z.array(KeepAliveSchema) },
  stopKeepAlive: { input: ById, output: z.array(KeepAliveSchema) },
  listKeepAlive: { input: NoInput, output: z.array(KeepAliveSchema) },
  ...attentionMethods,
  ...probeMethods,
} as const;

const ByProfile = z.object({ profileId: ProfileIdSchema }).strict();
/** Consent to keep a private key unencrypted on disk where the OS has no real secret store. */
const AllowPlaintext = z.boolean().optional();

/** Answered by the app controller: profiles, keys, start-up warnings. */
export const profileMethods = {
  /** Problems met that did not stop Steward (a corrupt profiles.json kept aside, a profile that could not open). */
  getWarnings: {
    input: NoInput,
    // `storage`: the open profile's files cannot be written now (also among `warnings`); null or absent when they can.
    output: z.object({ warnings: z.array(z.string()), storage: z.string().nullable().optional() }),
  },
  listProfiles: { input: NoInput, output: z.object({ activeId: ProfileIdSchema, profiles: z.array(ProfileViewSchema) }) },
  /** Creates a profile (no id) or edits one; answers it as stored. */
  saveProfile: { input: ProfileDraftSchema.strict(), output: ProfileViewSchema },
  duplicateProfile: { input: ByProfile, output: ProfileViewSchema },
  deleteProfile: { input: ByProfile, output: z.object({ activeId: ProfileIdSchema }) },
  switchProfile: { input: ByProfile, output: ProfileViewSchema },
  /** A stored profile, or an unsaved draft (whose id, if any, lends it that profile's key). */
  testConnection: {
    input: z
      .object({ profileId: ProfileIdSchema.optional(), draft: ProfileDraftSchema.strict().optional() })
      .strict()
      .refine((v) => (v.profileId === undefined) !== (v.draft === undefined), 'Give either profileId or draft, not both'),
    output: ConnectionTestResultSchema,
  },
  /** Opens the file dialog in main; null when the steward cancelled it. */
  importKey: { input: z.object({ profileId: ProfileIdSchema, allowPlaintextBackend: AllowPlaintext }).strict(), output: KeyInfoSchema.nullable() },
  generateKey: {
    input: z.object({ profileId: ProfileIdSchema, algorithm: SigningAlgorithmSchema, allowPlaintextBackend: AllowPlaintext }).strict(),
    output: KeyInfoSchema,
  },
  /** The PEM text; `savedTo` when main also offered a save dialog and the steward saved it. */
  exportPublicKey: {
    input: z.object({ profileId: ProfileIdSchema, saveAs: z.boolean().optional() }).strict(),
    output: z.object({ pem: z.string(), savedTo: z.string().nullable() }),
  },
  getKeyStorage: { input: NoInput, output: KeyStorageSchema },
} as const;

/** Files main writes through its save dialog (core/app/exports.ts), never the renderer. */
export const exportMethods = {
  /** The fleet as the table shows it (or the selection) to CSV or JSON. */
  exportFleet: { input: ExportFleetSchema, output: ExportResultSchema },
  /** One droplet's metric history (this Steward's) to CSV. */
  exportHistory: { input: ExportHistorySchema, output: ExportResultSchema },
  /** The communications log, one exchange a line (JSON lines). */
  exportCommsLog: { input: NoInput, output: ExportResultSchema },
} as const;

/** The window's remembered state per profile (shared/prefs.ts), kept by main as prefs.json. */
export const prefsMethods = {
  /** The active profile's prefs; defaults and a warning when the file cannot be used. */
  getPrefs: { input: NoInput, output: PrefsViewSchema },
  setPrefs: { input: SetPrefsSchema, output: PrefsViewSchema },
} as const;

/** Answered by the Electron shell itself (electron/theme.ts), not by a profile's service. */
export const shellMethods = {
  /** Sets nativeTheme.themeSource and the window's background; answers what now shows. */
  setTheme: { input: z.object({ theme: ThemeChoiceSchema }).strict(), output: z.object({ dark: z.boolean() }) },
} as const;

/** Pushed by the shell: an application-menu item was chosen (shared/commands.ts). */
export const shellEvents = {
  menuCommand: z.object({ command: CommandIdSchema }).strict(),
} as const;

export const ipcMethods = { ...serviceMethods, ...profileMethods, ...shellMethods, ...exportMethods, ...prefsMethods } as const;

/** Pushed from main to the renderer. */
export const ipcEvents = {
  statusChanged: StatusChangeSchema,
  keepAliveChanged: z.array(KeepAliveSchema),
  /** The open profile's history or log cannot be written (the words), or can again (null). */
  storageWarning: z.object({ warning: z.string().nullable() }),
  /** Closing a profile stopped these keep-alives (sent before its profileChanged). */
  keepAlivesStopped: KeepAlivesStoppedSchema,
  /** Another profile is active (or the active one changed): drop every cached answer. */
  profileChanged: ProfileChangedSchema,
  ...attentionEvents,
  /** The live feed started or stopped delivering: poll at this pace from now on. */
  pollPaceChanged: PollPaceSchema,
  ...shellEvents,
  /** These droplets' probe readings changed. */
  probesChanged: z.object({ ids: z.array(DropletIdSchema) }),
} as const;

export type IpcMethodName = keyof typeof ipcMethods;
export type ServiceMethodName = keyof typeof serviceMethods;
export type ProfileMethodName = keyof typeof profileMethods;
export type ExportMethodName = keyof typeof exportMethods;
export type PrefsMethodName = keyof typeof prefsMethods;
export type ShellMethodName = keyof typeof shellMethods;
export type IpcEventName = keyof typeof ipcEvents;
export type MethodInput<M extends IpcMethodName> = z.input<(typeof ipcMethods)[M]['input']>;
export type MethodOutput<M extends IpcMethodName> = z.output<(typeof ipcMethods)[M]['output']>;
export type EventPayload<E extends IpcEventName> = z.output<(typeof ipcEvents)[E]>;

export const IPC_METHOD_NAMES = Object.keys(ipcMethods) as IpcMethodName[];
export const IPC_EVENT_NAMES = Object.keys(ipcEvents) as IpcEventName[];
export const methodChannel = (m: IpcMethodName): string => `steward:${m}`;
export const eventChannel = (e: IpcEventName): string => `steward:event:${e}`;
/**
 * Several events in one message, `[event, payload][]` in order: pushes main held while the window
 * was in the background (core/app/window-pushes.ts) cross together, one wake-up of the window.
 * Preload hands each to that event's listeners, as if it had come on its own channel.
 */
export const EVENT_BATCH_CHANNEL = 'steward:events';

type Fn<I, O> = undefined extends I ? (input?: I) => Promise<O> : (input: I) => Promise<O>;

/** What preload puts on `window.steward`: each method answers an IpcResult, never throws. */
export type StewardBridge = {
  [M in IpcMethodName]: Fn<MethodInput<M>, IpcResult<MethodOutput<M>>>;
} & {
  on<E extends IpcEventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

// Guards for names that arrive untyped (from IPC, from preload's caller). Own keys only, so
// `toString` and friends are never taken for a method or an event.
export function isIpcMethod(method: unknown): method is IpcMethodName {
  return typeof method === 'string' && Object.hasOwn(ipcMethods, method);
}
export function isServiceMethod(method: unknown): method is ServiceMethodName {
  return typeof method === 'string' && Object.hasOwn(serviceMethods, method);
}
export function isShellMethod(method: unknown): method is ShellMethodName {
  return typeof method === 'string' && Object.hasOwn(shellMethods, method);
}
export function isEventName(name: unknown): name is IpcEventName {
  return typeof name === 'string' && Object.hasOwn(ipcEvents, name);
}

/** Implementations of some methods, typed from the contract. */
export type HandlersFor<K extends IpcMethodName> = {
  [M in K]: (input: z.output<(typeof ipcMethods)[M]['input']>) => Promise<MethodOutput<M>>;
};
/** The main-process side of one profile: one implementation per service method. */
export type StewardHandlers = HandlersFor<ServiceMethodName>;
/** The app controller's own methods. */
export type ProfileHandlers = HandlersFor<ProfileMethodName>;
export type ExportHandlers = HandlersFor<ExportMethodName>;
export type PrefsHandlers = HandlersFor<PrefsMethodName>;
export type AppHandlers = StewardHandlers & ProfileHandlers & ExportHandlers & PrefsHandlers;
/** The shell's own methods (Electron main, outside any profile). */
export type ShellHandlers = HandlersFor<ShellMethodName>;
