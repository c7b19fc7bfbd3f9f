/**
 * The main-process service Electron's ipcMain handlers (and the e2e stand-in for preload)
 * call: it owns the signer, client, communications log, metric history, keep-alives and
 * the live feed of one profile, and answers the IPC contract's methods.
 */
import { join } from 'node:path';
import { ipcError, type IpcResult, type StewardHandlers } from '../../shared/ipc-contract';
import type { FleetUpdate } from '../../shared/fleet-update';
import { DEFAULT_LIVENESS, lateAfterMs, lateJudgedUntil, type LivenessSettings } from '../../shared/liveness';
import { type DialectSetting, type Droplet, type DropletDetails, type DropletView, type HeartbeatAck, type HeartbeatInput, type KeepAlive, type ListFilters } from '../../shared/model';
import { createOrchestratorClient, type OrchestratorClient } from '../orchestrator/client';
import { CommsLog } from '../orchestrator/comms-log';
import { createDispatch } from './dispatch';
import { isOrchestratorError, toIpcError, type OrchestratorError } from '../orchestrator/errors';
import { MetricHistory } from '../history/metric-history';
import { InFlight } from './in-flight';
import { PROBE_METRIC_PREFIX } from '../../shared/probe';
import { KeepAliveScheduler } from './keepalive';
import { LiveFeed, type LiveState } from '../fleet/live-feed';
import { PollPaceWatcher } from '../fleet/poll-pace';
import type { RetryPolicy } from '../orchestrator/retry';
import { createSigner, type SignerClaims } from '../signing/signer';
import { onLocalClock } from '../orchestrator/clock-offset';
import type { DecodedFleet, FleetRequest } from '../fleet/decode-pipeline';
import { inlineFleetDecoder, workerFleetDecoder } from '../fleet/decoder';
import { readFleet } from '../fleet/read-fleet';
import { createEventHub, type ServiceEventListener } from './events';
import { ignoredFields, mergeRegistration } from './registration';
import { StorageHealth } from '../fs/storage-health';
import { AttentionError, AttentionRoom } from '../attention/room';
import { writeFileAtomic } from '../fs/atomic-file';
import { createProbeService, type ProbeHooks, type ProbeServiceOptions } from './probe-service';

export interface ServiceConfig {
  profileName: string;
  orchestratorUrl: string;
  dialect: DialectSetting;
  /** The droplet list and details requests are signed for. */
  identityDropletId: number;
  /** Put in tokens as the `steward` claim unless `claims.steward` says otherwise. */
  steward?: string;
  privateKeyPem: string;
  tokenLifetimeSeconds?: number;
  claims?: SignerClaims;
  pollIntervalMs: number;
  /** When Steward itself shows an active droplet as late (default 60 s + 15 s). */
  liveness?: LivenessSettings;
  /** The communications log file and the metric history live here when set. */
  dataDir?: string;
  embeddedSandbox: boolean;
  appVersion: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Follow /ws/droplets for pushed status changes (default true). */
  liveUpdates?: boolean;
  /** The fleet's poll interval while the live feed delivers (default 60 s: core/fleet/poll-pace). */
  livePollIntervalMs?: number;
  /** Communications log entries kept in memory (default 2000). */
  commsLogCapacity?: number;
  /** Largest communications log file before it rotates (default 5 MB). */
  commsLogFileBytes?: number;
  /** Communications log files kept, the current one included (default 3). */
  commsLogFiles?: number;
  /** Metric history samples kept per droplet (default 10080: 7 days of one-minute beats). */
  historySamplesPerDroplet?: number;
  /** Metric history samples kept across all droplets (default 2,000,000). */
  historyTotalSamples?: number;
  /** Recorded samples reach the history file at most this long after (default 2000 ms). */
  historyFlushDelayMs?: number;
  /**
   * Decode fleet answers in a worker thread started from this file (the built decode-worker.js,
   * or core/fleet/decode-worker.ts under tsx); inline on this thread when absent.
   */
  fleetWorkerFile?: string;
  /** Probe droplets' routes from a worker thread started from this file (the built route-worker.js); on main's thread when absent. */
  probeWorkerFile?: string;
  /**
   * Main's save dialog (electron/save-dialog.ts), for exporting the events timeline; null when
   * the steward cancels. Without it, exports answer that there is no dialog here.
   */
  chooseSavePath?: (o: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }) => Promise<string | null>;
  /** How often the attention room judges lateness and holds (default 1000 ms; 0: only when fed, for tests). */
  attentionTickMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Probing droplets' own routes: pool, timeout, cap, a stand-in HTTP client, the tick. */
  probes?: Pick<ProbeServiceOptions, 'poolSize' | 'timeoutMs' | 'maxBytes' | 'get' | 'tickMs'>;
}

export type { ServiceEventListener } from './events';

export interface StewardService {
  handlers: StewardHandlers;
  /** Validates the method and input against the contract, runs it, never throws. */
  dispatch(method: string, input: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: ServiceEventListener): () => void;
  /** Problems that did not stop it (an unreadable history file at start; the storage warning while it lasts). */
  readonly warnings: readonly string[];
  /** The history or the log cannot be written now, in words; null while they can. */
  readonly storageWarning: string | null;
  readonly client: OrchestratorClient;
  readonly commsLog: CommsLog;
  /** Probe events for the attention engine: a verdict changed, a droplet restarted. */
  readonly probes: ProbeHooks;
  close(): Promise<void>;
}

export const COMMS_LOG_FILE = 'comms.log';
export const HISTORY_FILE = 'metric-history.jsonl';
/**
 * Longest a history answer waits for the droplet's details read under way (their beats go into
 * the history): a slow details route delays the charts this much at most, then they are drawn
 * from what is held and fetched again once the details are in.
 */
const DETAILS_WAIT_MS = 750;

/** Details failures the fleet list can stand in for. */
const FALLBACK_KINDS = ['server', 'malformed', 'method_not_allowed', 'not_found'] as const;
/** How long a preview's reading of the fleet stands for the registration after it: a steward reading the form, not minutes. */
const PREVIEW_FRESH_MS = 60_000;

export async function createStewardService(config: ServiceConfig): Promise<StewardService> {
  const now = config.now ?? Date.now;
  const signer = createSigner({
    privateKeyPem: config.privateKeyPem,
    lifetimeSeconds: config.tokenLifetimeSeconds,
    claims: { ...(config.steward !== undefined ? { steward: config.steward } : {}), ...config.claims },
    now,
  });
  const events = createEventHub();
  const emit = events.emit;
  // Any failed write of the history or the log shows one warning; the next successful one clears it.
  const storage = new StorageHealth(config.dataDir ?? '', (warning) => emit('storageWarning', { warning }));
  const commsLog = new CommsLog({
    capacity: config.commsLogCapacity,
    maxFileBytes: config.commsLogFileBytes,
    keepFiles: config.commsLogFiles,
    file: config.dataDir ? join(config.dataDir, COMMS_LOG_FILE) : undefined,
    now,
    onFileWrite: (failure) => storage.report('log', failure),
  });
  const client = createOrchestratorClient({
    baseUrl: config.orchestratorUrl,
    signer,
    identityDropletId: config.identityDropletId,
    dialect: config.dialect,
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    commsLog,
    fetch: config.fetch,
    now,
    sleep: config.sleep,
  });
  const loadWarnings: string[] = [];
  const history = new MetricHistory({
    file: config.dataDir ? join(config.dataDir, HISTORY_FILE) : undefined,
    maxSamplesPerDroplet: config.historySamplesPerDroplet,
    maxTotalSamples: config.historyTotalSamples,
    flushDelayMs: config.historyFlushDelayMs,
    now,
    onWrite: (failure) => storage.report('history', failure),
  });
  const { warning } = await history.load();
  if (warning) loadWarnings.push(warning);
  const probes = await createProbeService({ ...config.probes, workerFile: config.probeWorkerFile, dataDir: config.dataDir, embeddedSandbox: config.embeddedSandbox, history, now, emitChanged: (ids) => emit('probesChanged', { ids }) });
  if (probes.warning) loadWarnings.push(probes.warning);

  // When the attention room last heard the whole fleet (a poll, or main's own read).
  let lastFedMs = 0;
  let pace: PollPaceWatcher | null = null;
  const attention = await AttentionRoom.open({
    dataDir: config.dataDir,
    lateAfterMs: lateAfterMs(config.liveness ?? DEFAULT_LIVENESS),
    // Judged by the window's rule: at the live pace, as of the last read.
    lateJudgedUntil: () => (pace ? lateJudgedUntil(pace.pace(), lastFedMs) : Infinity),
    pollIntervalMs: config.pollIntervalMs,
    now,
    onEvent: (e) => emit('attentionEvent', e),
    onProblems: (p) => emit('problemsChanged', p),
    onSettings: (v) => emit('attentionSettingsChanged', v),
    onWrite: (failure) => storage.report('history', failure),
  });
  loadWarnings.push(...attention.warnings);
  // Probe events for the engine: restarts, /health going silent and answering again (unhooked by probes.close()).
  probes.hooks.onRestart((r) => attention.applyRestart(r));
  probes.hooks.onProbeChange((c) => attention.applyProbe(c));

  const fleetDecoder = config.fleetWorkerFile ? workerFleetDecoder(config.fleetWorkerFile) : inlineFleetDecoder();
  // The window's first poll comes within a second of the service: the worker boots meanwhile.
  fleetDecoder.warmUp();

  async function sendHeartbeat(input: HeartbeatInput): Promise<HeartbeatAck> {
    const ack = await client.heartbeat(input);
    // No deployed route serves past metrics: our own beats are the history's main source.
    // Stamped exactly on our clock: only an identical time is the same beat.
    history.record(input.id, new Date(now()).toISOString(), input.status, input.metrics ?? null, 0);
    return ack;
  }

  const keepAlive = new KeepAliveScheduler({ send: sendHeartbeat, onChange: (list: KeepAlive[]) => emit('keepAliveChanged', list), now });

  let liveState: LiveState = 'closed';
  const live =
    config.liveUpdates === false
      ? null
      : new LiveFeed({
          baseUrl: config.orchestratorUrl,
          token: () => signer.tokenFor(config.identityDropletId),
          onChange: (change) => {
            fleetDecoder.applyStatus(change);
            attention.applyStatus(change);
            probes.noteStatus(change.dropletId, change.newStatus);
            emit('statusChanged', change);
          },
          onState: (s) => {
            liveState = s.state;
            pace?.check(); // a dropped feed brings the fast pace back at once
          },
        });
  pace = live
    ? new PollPaceWatcher({ fastIntervalMs: config.pollIntervalMs, liveIntervalMs: config.livePollIntervalMs, feed: () => live.signal(), now: () => Date.now(), onChange: (p) => emit('pollPaceChanged', p) })
    : null;
  live?.start();

  // The attention room hears every unfiltered answer; when none came for 1.5 intervals at the
  // current pace (the window hidden, or showing a filtered fleet) main reads the fleet itself,
  // so notifications keep coming while nobody looks.
  lastFedMs = now();
  let selfPolling = false;
  function feedAttention(update: FleetUpdate, filters: ListFilters): void {
    if (filters.status !== undefined || filters.capability !== undefined) return;
    if (attention.applyFleet(update)) lastFedMs = now();
  }
  async function pollForAttention(): Promise<void> {
    selfPolling = true;
    try {
      const since = attention.fleetMark ?? undefined;
      const { update, beats } = await decodeList({}, { since });
      history.recordListed(beats);
      if (!attention.applyFleet(update)) {
        const whole = await decodeList({}, {});
        attention.applyFleet(whole.update);
      }
    } catch {
      // The window shows the Orchestrator's failures; the next silence tries again.
    } finally {
      lastFedMs = now();
      selfPolling = false;
    }
  }
  const tickMs = config.attentionTickMs ?? 1000;
  const attentionTimer =
    tickMs > 0
      ? setInterval(() => {
          attention.tick();
          if (!selfPolling && now() - lastFedMs > 1.5 * (pace?.pace().intervalMs ?? config.pollIntervalMs)) void pollForAttention();
        }, tickMs)
      : null;
  attentionTimer?.unref?.();

  /** The details' beats into the history; true when any was new to it. */
  function recordDetails(d: DropletDetails): boolean {
    let grew = false;
    for (const h of d.heartbeats) grew = history.record(d.id, h.time, h.status, h.metrics) || grew;
    if (d.lastHeartbeat && d.latestMetrics) grew = history.record(d.id, d.lastHeartbeat, d.status, d.latestMetrics) || grew;
    return grew;
  }

  /** The details route's answer, its beats recorded into the history; the list stands in when the route fails. */
  async function readDetails(id: number): Promise<DropletView> {
    try {
      const { traceId, clockOffsetMs, ...fetched } = await client.details(id);
      const droplet = onLocalClock(fetched, clockOffsetMs);
      const historyGrew = recordDetails(droplet);
      probes.noteDroplet(droplet);
      return { droplet, source: 'details', note: null, traceId, historyGrew, historyRevision: history.revision(id) };
    } catch (e) {
      if (isOrchestratorError(e, ...FALLBACK_KINDS)) return fromList(id, e);
      throw e;
    }
  }
  const detailsReads = new InFlight<number>();
  /** Once the droplet's details read under way (if any) has recorded its beats, or DETAILS_WAIT_MS on. */
  const afterDetailsRead = (id: number): Promise<void> => detailsReads.settled(id, DETAILS_WAIT_MS);

  /** `GET /droplets`, decoded in the fleet worker (the whole list is 4 MB at 10,000 droplets); its dialect is learnt. */
  function decodeList(filters: ListFilters, extra: Pick<FleetRequest, 'since' | 'only'>): Promise<DecodedFleet> {
    return readFleet(client, fleetDecoder, filters, { nowMs: now(), ...extra });
  }

  /** The droplet as the list shows it, when the details route fails. */
  async function fromList(id: number, cause: OrchestratorError): Promise<DropletView> {
    let update;
    try {
      ({ update } = await decodeList({}, { only: id }));
    } catch {
      throw cause; // the details failure is the one the steward asked about
    }
    const droplet = update.droplets[0];
    if (!droplet) throw cause;
    return { droplet: { ...droplet, heartbeats: [] }, source: 'list', note: fallbackNote(cause), traceId: update.traceId };
  }

  /**
   * The droplet as the fleet list shows it now, or null when the Orchestrator has none with this
   * id: read before a registration (the details route fails for every droplet on the deployed
   * Orchestrator, so the list it is).
   */
  async function heldNow(id: number): Promise<Droplet | null> {
    try {
      const { update } = await decodeList({}, { only: id });
      return update.droplets[0] ?? null;
    } catch (e) {
      if (!isOrchestratorError(e)) throw e;
      throw e.with({ hint: `${e.hint ?? ''} Steward reads the fleet before registering, so that blank fields keep their values; nothing was registered.`.trim() });
    }
  }

  /**
   * What a preview just read, used once by the registration that follows it (the window previews,
   * then registers): the fleet is read once, and what is sent is what the steward was shown.
   */
  const previewed = new Map<number, { current: Droplet | null; atMs: number }>();
  async function heldForRegistration(id: number): Promise<Droplet | null> {
    const seen = previewed.get(id);
    previewed.delete(id);
    const age = seen ? now() - seen.atMs : Infinity;
    return seen && age >= 0 && age <= PREVIEW_FRESH_MS ? seen.current : heldNow(id);
  }

  const handlers: StewardHandlers = {
    getAppInfo: async () => ({
      appVersion: config.appVersion,
      profileName: config.profileName,
      orchestratorUrl: config.orchestratorUrl,
      dialectSetting: config.dialect,
      dialect: client.currentDialect(),
      identityDropletId: config.identityDropletId,
      steward: config.steward ?? null,
      embeddedSandbox: config.embeddedSandbox,
      pollIntervalMs: config.pollIntervalMs,
      liveUpdates: liveState === 'open',
      pollPace: pace?.pace() ?? { mode: 'polling', intervalMs: config.pollIntervalMs },
      liveness: config.liveness ?? DEFAULT_LIVENESS,
    }),
    listDroplets: async ({ since, ...filters }): Promise<FleetUpdate> => {
      const { update, beats } = await decodeList(filters, { since });
      history.recordListed(beats);
      feedAttention(update, filters);
      probes.noteFleet(update, filters.status !== undefined || filters.capability !== undefined);
      return update;
    },
    getDroplet: ({ id }) => detailsReads.track(id, readDetails(id)),
    previewRegistration: async (reg) => {
      const current = await heldNow(reg.id);
      previewed.set(reg.id, { current, atMs: now() });
      return { current, registration: mergeRegistration(reg, current), ignored: ignoredFields(client.currentDialect()) };
    },
    // Whether the fleet held the droplet before is what tells "registered" from "updated" when a
    // retry answers for a first attempt that wrote the row.
    registerDroplet: async (reg) => {
      const current = await heldForRegistration(reg.id);
      return client.register(mergeRegistration(reg, current), { existedBefore: current !== null });
    },
    sendHeartbeat,
    // A droplet just selected asks for its details and its charts at once: the history answers
    // after the details' beats are recorded, so the charts are drawn once, not short and again.
    getHistory: ({ id, sinceMs }) => afterDetailsRead(id).then(() => history.view(id, sinceMs)),
    getChartHistory: ({ id, sinceMs, points }) => afterDetailsRead(id).then(() => history.chartView(id, sinceMs, points)),
    getExtraMetric: async ({ id, metric, sinceMs }) => {
      // The details carry no probe readings: nothing to wait for.
      if (!metric.startsWith(PROBE_METRIC_PREFIX)) await afterDetailsRead(id);
      return history.extraSamples(id, metric, sinceMs);
    },
    getCommsLog: async (input) => ({ entries: commsLog.entries(input?.limit) }),
    startKeepAlive: async (input) => keepAlive.start(input),
    stopKeepAlive: async ({ id }) => keepAlive.stop(id),
    listKeepAlive: async () => keepAlive.list(),
    getEvents: async (q) => attention.events(q),
    getUptime: async ({ id }) => attention.uptime(id),
    getProblems: async () => attention.problems(),
    getAwaySummary: async ({ sinceMs }) => attention.awaySummary(sinceMs),
    getAttentionSettings: async () => attention.settingsView(),
    setAttentionSettings: async (patch) => attention.setSettings(patch),
    muteAttention: async (req) => attention.mute(req),
    exportEvents: async ({ format, query }) => {
      const { text, count } = attention.exportEvents(format, query);
      if (!config.chooseSavePath) throw new AttentionError('There is no save dialog here: exporting needs the Steward window.');
      const stamp = new Date(now()).toISOString().slice(0, 16).replace(/[:T]/g, '-');
      const path = await config.chooseSavePath({
        title: 'Export events',
        defaultName: `steward-events-${stamp}.${format}`,
        filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
      });
      if (path === null) return { savedTo: null, count };
      await writeFileAtomic(path, text);
      return { savedTo: path, count };
    },
    ...probes.handlers,
  };

  let closing: Promise<void> | null = null;
  return {
    handlers,
    dispatch: createDispatch(handlers, (e) => (e instanceof AttentionError ? ipcError({ kind: 'internal', message: e.message, hint: e.hint }) : toIpcError(e))),
    onEvent: events.on,
    get warnings() {
      return storage.warning === null ? loadWarnings : [...loadWarnings, storage.warning];
    },
    get storageWarning() {
      return storage.warning;
    },
    client,
    commsLog,
    probes: probes.hooks,
    close() {
      closing ??= (async () => {
        keepAlive.stopAll();
        probes.close();
        live?.stop();
        if (attentionTimer) clearInterval(attentionTimer);
        pace?.stop();
        events.clear();
        await Promise.allSettled([history.close(), commsLog.close(), fleetDecoder.close(), attention.close()]);
      })();
      return closing;
    },
  };
}

/** Quiet words for why the list stands in: "The Orchestrator's details route failed (500: ...)". */
export function fallbackNote(e: OrchestratorError): string {
  const tail = "showing what the fleet list knows.";
  if (e.kind === 'malformed') return `The Orchestrator's details answer could not be read; ${tail}`;
  if (e.kind === 'server') {
    const detail = (e.detail ?? '').replace(/^Failed to [^:]{1,80}:\s*/, '');
    return `The Orchestrator's details route failed (${e.status ?? 'error'}${detail ? `: ${detail}` : ''}); ${tail}`;
  }
  return `The Orchestrator has no details route for this droplet (${e.status ?? 'error'}); ${tail}`;
}
