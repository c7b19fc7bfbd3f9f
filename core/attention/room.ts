/**
 * The attention room's facade for one profile: the engine, the events timeline, mutes,
 * settings, uptime timelines and observed spans, kept as files in the profile's folder
 * (settings and state as JSON written atomically, events as rotating JSONL). Main's service
 * and `steward watch` both use it; with no folder it keeps everything in memory.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  AttentionSettingsSchema,
  DEFAULT_ATTENTION_SETTINGS,
  MutesSchema,
  WatchedStateSchema,
  type AttentionEvent,
  type AttentionSettings,
  type AttentionSettingsView,
  type AwaySummary,
  type EventQuery,
  type MuteRequest,
  type Mutes,
  type Problems,
  type Uptime,
  type WatchedState,
} from '../../shared/attention';
import type { StatusChange } from '../../shared/model';
import { readJsonFile, writeFileAtomic } from '../fs/atomic-file';
import { errorText } from '../../shared/error-text';
import { AttentionEngine, PROBE_TOLD, type EngineState, type FleetInput, type PersistedDroplet, type ProbeInput, type ProbeTold, type RestartInput } from './engine';
import { EventLog, eventsToCsv, eventsToJson } from './event-log';
import { anyMuted, applyMute, isMuted, liveMutes, NO_MUTES, profileMuted } from './mutes';
import { DAY_MS, incidents, observe, trimTimeline, uptimeWindow, WEEK_MS, type Span, type TimelineEntry } from './uptime';

/** A failure the steward should read as it is (the service answers it in these words). */
export class AttentionError extends Error {
  override readonly name = 'AttentionError';
  constructor(
    message: string,
    readonly hint: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const SETTINGS_FILE = 'attention-settings.json';
export const STATE_FILE = 'attention-state.json';
export const EVENTS_FILE = 'attention-events.jsonl';
/** Changes since the state file was written, one JSON line each; folded into the state file at open and close. */
export const JOURNAL_FILE = 'attention-journal.jsonl';
/** A journal this long is folded into the state file while running. */
const JOURNAL_MAX_LINES = 200_000;

const SettingsFileSchema = z.object({ settings: AttentionSettingsSchema, mutes: MutesSchema });
const StateFileSchema = z.object({
  known: z.boolean(),
  droplets: z.array(z.tuple([z.number().int().positive(), z.string(), WatchedStateSchema, z.number().nullable(), WatchedStateSchema, z.number()])),
  timelines: z.record(z.string(), z.array(z.tuple([z.number(), WatchedStateSchema, z.string()]))),
  observed: z.array(z.tuple([z.number(), z.number()])),
  /** What was told of each droplet's /health (absent in files written before probing). */
  probes: z.array(z.tuple([z.number().int().positive(), z.enum(PROBE_TOLD)])).optional(),
});
type StateFile = z.infer<typeof StateFileSchema>;
const JournalLineSchema = z.union([
  z.object({ k: z.boolean() }).strict(),
  z.object({ d: z.union([z.tuple([z.number().int().positive(), z.null()]), z.tuple([z.number().int().positive(), z.string(), WatchedStateSchema, z.number().nullable(), WatchedStateSchema, z.number()])]) }).strict(),
  z.object({ t: z.tuple([z.number().int().positive(), z.number(), WatchedStateSchema, z.string()]) }).strict(),
  z.object({ o: z.tuple([z.number(), z.number()]) }).strict(),
  z.object({ p: z.tuple([z.number().int().positive(), z.enum(PROBE_TOLD).nullable()]) }).strict(),
]);

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export interface AttentionRoomOptions {
  /** The profile's folder; memory only when absent. */
  dataDir?: string;
  /** interval + grace, ms. */
  lateAfterMs: number;
  /** How often the fleet is read: a gap longer than three of these is time not observed. */
  pollIntervalMs: number;
  /** The latest instant lateness may be judged at now (Infinity: now itself); see the service. */
  lateJudgedUntil?: () => number;
  now?: () => number;
  onEvent?(event: AttentionEvent): void;
  /** The problems changed (count, worst, the top five, their mutes). */
  onProblems?(problems: Problems): void;
  onSettings?(view: AttentionSettingsView): void;
  /** Each write's outcome (null: it worked), for the storage warning. */
  onWrite?(failure: unknown): void;
  /** State is written at most this often while it changes (default 10 s). */
  saveEveryMs?: number;
}

export class AttentionRoom {
  readonly warnings: string[] = [];
  private settings: AttentionSettings = DEFAULT_ATTENTION_SETTINGS;
  private mutes: Mutes = NO_MUTES;
  private engine!: AttentionEngine;
  private readonly timelines = new Map<number, TimelineEntry[]>();
  private observed: Span[] = [];
  private readonly log: EventLog;
  private readonly now: () => number;
  private lastProblems: Problems | null = null;
  private lastSaveMs = -Infinity;
  private observedDirty = false;
  /** Timeline entries not yet in the journal. */
  private pendingTimeline: [id: number, at: number, state: WatchedState, cause: string][] = [];
  private journalLines = 0;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly opts: AttentionRoomOptions) {
    this.now = opts.now ?? Date.now;
    this.log = new EventLog({ file: opts.dataDir ? join(opts.dataDir, EVENTS_FILE) : undefined, onWrite: opts.onWrite });
  }

  static async open(opts: AttentionRoomOptions): Promise<AttentionRoom> {
    const room = new AttentionRoom(opts);
    await room.load();
    // Steward stopped without folding its journal (a crash): fold it now, once.
    if (room.foldJournalAtOpen) await room.writeSnapshot();
    return room;
  }

  private foldJournalAtOpen = false;

  /** The state file's droplets and timelines with the journal's later changes applied. */
  private async replayJournal(path: string, base: EngineState | undefined): Promise<{ state: EngineState; lines: number; skipped: number }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return { state: base ?? { known: false, droplets: [] }, lines: 0, skipped: 0 };
    }
    const rows = new Map<number, PersistedDroplet>((base?.droplets ?? []).map((d) => [d[0], d]));
    const probes = new Map<number, ProbeTold>(base?.probes ?? []);
    let known = base?.known ?? false;
    let lines = 0;
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      const parsed = JournalLineSchema.safeParse(safeJson(line));
      if (!parsed.success) {
        skipped++;
        continue;
      }
      const j = parsed.data;
      if ('k' in j) known = j.k;
      else if ('p' in j) {
        if (j.p[1] === null) probes.delete(j.p[0]);
        else probes.set(j.p[0], j.p[1]);
      }
      else if ('d' in j) {
        const [id, name, rep, repAt, state, since] = j.d;
        if (name === null) rows.delete(id);
        else rows.set(id, [id, name, rep!, repAt ?? -Infinity, state!, since!]);
      } else if ('t' in j) {
        const [id, at, state, cause] = j.t;
        const t = this.timelines.get(id) ?? [];
        t.push([at, state, cause]);
        this.timelines.set(id, t);
      } else {
        const last = this.observed[this.observed.length - 1];
        if (last && last[0] === j.o[0]) last[1] = Math.max(last[1], j.o[1]);
        else this.observed.push([j.o[0], j.o[1]]);
      }
    }
    return { state: { known, droplets: [...rows.values()], probes: [...probes] }, lines, skipped };
  }

  private async load(): Promise<void> {
    let restored: EngineState | undefined;
    const dir = this.opts.dataDir;
    if (dir) {
      const s = await readJsonFile(join(dir, SETTINGS_FILE), SettingsFileSchema);
      if (s.ok) ({ settings: this.settings, mutes: this.mutes } = s.value);
      else if (s.reason !== 'missing') this.warnings.push(`Notification settings: ${s.message}`);
      const st = await readJsonFile(join(dir, STATE_FILE), StateFileSchema, { maxBytes: 64 * 1024 * 1024 });
      if (st.ok) {
        restored = {
          known: st.value.known,
          droplets: st.value.droplets.map(([id, name, rep, repAt, state, since]) => [id, name, rep, repAt ?? -Infinity, state, since]),
          probes: st.value.probes ?? [],
        };
        for (const [id, entries] of Object.entries(st.value.timelines)) this.timelines.set(Number(id), entries);
        this.observed = st.value.observed;
      } else if (st.reason !== 'missing') this.warnings.push(`What Steward last told: ${st.message}`);
      const replayed = await this.replayJournal(join(dir, JOURNAL_FILE), restored);
      if (replayed.lines > 0) restored = replayed.state;
      if (replayed.skipped > 0) this.warnings.push(`${replayed.skipped} damaged lines of ${JOURNAL_FILE} were skipped.`);
      const w = await this.log.load();
      if (w) this.warnings.push(w);
      this.foldJournalAtOpen = replayed.lines > 0;
    }
    this.engine = new AttentionEngine(
      {
        lateAfterMs: this.opts.lateAfterMs,
        settings: this.settings,
        isMuted: (id, nowMs) => isMuted(this.mutes, id, nowMs),
        anyMuted: (nowMs) => anyMuted(this.mutes, nowMs),
        isProfileMuted: (nowMs) => profileMuted(this.mutes, nowMs),
        onEvent: (e) => {
          this.log.add(e);
          this.opts.onEvent?.(e);
        },
        onChange: (id, at, state, cause) => this.record(id, at, state, cause),
      },
      restored,
    );
  }

  private record(id: number, at: number, state: WatchedState, cause: string): void {
    if (this.opts.dataDir) this.pendingTimeline.push([id, at, state, cause]);
    let t = this.timelines.get(id);
    if (!t) this.timelines.set(id, (t = []));
    t.push([at, state, cause]);
    if (t.length > 600) this.timelines.set(id, trimTimeline(t, at));
  }

  // --- fed by main (or the CLI) ---

  /** An unfiltered poll's answer; false when it is a delta on a copy the engine does not hold. */
  applyFleet(update: FleetInput): boolean {
    const nowMs = this.now();
    const applied = this.engine.applyFleet(update, nowMs);
    if (applied) {
      this.observed = observe(this.observed, nowMs, Math.max(3 * this.opts.pollIntervalMs, 180_000));
      this.observedDirty = true;
      this.afterChange(nowMs);
    }
    return applied;
  }

  applyStatus(change: StatusChange): void {
    const nowMs = this.now();
    this.engine.applyStatus(change, nowMs);
    // Pushes come several a second at 10,000 droplets: the problem list and saving wait for
    // the next second's tick, not each push.
  }

  /** A restart the prober saw (uptime went down). */
  applyRestart(r: RestartInput): void {
    const nowMs = this.now();
    this.engine.applyRestart(r, nowMs);
    this.afterChange(nowMs);
  }

  /** A droplet's probe verdict changed. */
  applyProbe(c: ProbeInput): void {
    const nowMs = this.now();
    this.engine.applyProbe(c, nowMs);
    this.afterChange(nowMs);
  }

  /** Every second: lateness, holds, groups, mutes running out, saving. */
  tick(): void {
    const nowMs = this.now();
    const live = liveMutes(this.mutes, nowMs);
    if (live !== this.mutes) {
      this.mutes = live;
      this.engine.mutesChanged();
      void this.saveSettings();
    }
    this.engine.tick(nowMs, Math.min(nowMs, this.opts.lateJudgedUntil?.() ?? Infinity));
    this.afterChange(nowMs);
  }

  get fleetMark(): FleetInput['base'] {
    return this.engine.fleetMark;
  }

  private afterChange(nowMs: number): void {
    const p = this.engine.problems(nowMs);
    if (p !== this.lastProblems && !sameProblems(p, this.lastProblems)) this.opts.onProblems?.(p);
    this.lastProblems = p;
    const every = this.opts.saveEveryMs ?? 10_000;
    if ((this.engine.dirty || (this.observedDirty && nowMs - this.lastSaveMs >= 6 * every)) && nowMs - this.lastSaveMs >= every) {
      this.lastSaveMs = nowMs;
      void this.saveState();
    }
  }

  // --- answers ---

  events(q?: EventQuery): AttentionEvent[] {
    return this.log.query(q);
  }

  problems(): Problems {
    return this.engine.problems(this.now());
  }

  uptime(id: number): Uptime {
    const nowMs = this.now();
    const t = this.timelines.get(id) ?? [];
    return { dropletId: id, day: uptimeWindow(t, this.observed, nowMs, DAY_MS), week: uptimeWindow(t, this.observed, nowMs, WEEK_MS), incidents: incidents(id, t, nowMs) };
  }

  awaySummary(sinceMs: number): AwaySummary {
    return this.log.awaySummary(sinceMs, this.now());
  }

  settingsView(): AttentionSettingsView {
    return { settings: this.settings, mutes: liveMutes(this.mutes, this.now()) };
  }

  async setSettings(patch: Partial<AttentionSettings>): Promise<AttentionSettingsView> {
    this.settings = AttentionSettingsSchema.parse({ ...this.settings, ...patch });
    this.engine.setSettings(this.settings);
    await this.saveSettings();
    return this.settingsView();
  }

  async mute(req: MuteRequest): Promise<AttentionSettingsView> {
    const nowMs = this.now();
    this.mutes = applyMute(liveMutes(this.mutes, nowMs), req, nowMs);
    this.engine.mutesChanged();
    this.afterChange(nowMs);
    await this.saveSettings();
    return this.settingsView();
  }

  /** The events a query selects, as the file's text. */
  exportEvents(format: 'csv' | 'json', q?: EventQuery): { text: string; count: number } {
    const events = this.log.query({ limit: 5_000, ...q });
    return { text: format === 'csv' ? eventsToCsv(events) : eventsToJson(events), count: events.length };
  }

  // --- files ---

  private async saveSettings(): Promise<void> {
    const view = this.settingsView();
    this.opts.onSettings?.(view);
    if (!this.opts.dataDir || this.closed) return;
    try {
      await writeFileAtomic(join(this.opts.dataDir, SETTINGS_FILE), JSON.stringify(view));
      this.opts.onWrite?.(null);
    } catch (e) {
      this.opts.onWrite?.(e);
      throw new AttentionError(`Notification settings could not be saved: ${errorText(e)}`, 'They apply until Steward closes; check the folder can be written.', { cause: e });
    }
  }

  /**
   * What changed since the last save, appended to the journal: a few lines a change, so saving
   * costs main's thread what changed, not the fleet (a whole state file at 10,000 droplets took
   * 60-200 ms on a loaded machine).
   */
  private saveState(): Promise<void> {
    if (!this.opts.dataDir) return Promise.resolve();
    if (this.journalLines > JOURNAL_MAX_LINES) return this.writeSnapshot();
    const path = join(this.opts.dataDir, JOURNAL_FILE);
    const { known, rows, probes } = this.engine.takeChanges();
    const out: string[] = [JSON.stringify({ k: known })];
    for (const [id, name, rep, repAt, state, since] of rows) {
      out.push(JSON.stringify({ d: name === null ? [id, null] : [id, name, rep, Number.isFinite(repAt) ? repAt : null, state, since] }));
    }
    for (const p of probes) out.push(JSON.stringify({ p }));
    for (const t of this.pendingTimeline) out.push(JSON.stringify({ t }));
    this.pendingTimeline = [];
    const last = this.observed[this.observed.length - 1];
    if (this.observedDirty && last) out.push(JSON.stringify({ o: last }));
    this.observedDirty = false;
    this.journalLines += out.length;
    const text = `${out.join('\n')}\n`;
    this.saving = this.saving.then(async () => {
      try {
        await appendFile(path, text, { mode: 0o600 });
        this.opts.onWrite?.(null);
      } catch (e) {
        this.opts.onWrite?.(e);
      }
    });
    return this.saving;
  }

  /** The whole state as one file, and an empty journal (at open after a crash, at close, or when the journal is long). */
  private writeSnapshot(): Promise<void> {
    if (!this.opts.dataDir) return Promise.resolve();
    const dir = this.opts.dataDir;
    const nowMs = this.now();
    const state = this.engine.persisted();
    const timelines: StateFile['timelines'] = {};
    for (const [id, t] of this.timelines) {
      const kept = trimTimeline(t, nowMs);
      if (kept !== t) this.timelines.set(id, kept);
      timelines[String(id)] = kept;
    }
    this.observedDirty = false;
    this.pendingTimeline = [];
    this.engine.takeChanges();
    this.journalLines = 0;
    const file: StateFile = {
      known: state.known,
      // JSON has no -Infinity: "never told" is null.
      droplets: state.droplets.map(([id, name, rep, repAt, s, since]) => [id, name, rep, Number.isFinite(repAt) ? repAt : null, s, since]),
      timelines,
      observed: this.observed,
      probes: state.probes ?? [],
    };
    this.saving = this.saving.then(async () => {
      try {
        await writeFileAtomic(join(dir, STATE_FILE), JSON.stringify(file));
        await writeFileAtomic(join(dir, JOURNAL_FILE), '');
        this.opts.onWrite?.(null);
      } catch (e) {
        this.opts.onWrite?.(e);
      }
    });
    return this.saving;
  }

  /** Sends open groups, writes the state and the events, and stops. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.engine.flushAll(this.now());
    await this.writeSnapshot();
    this.closed = true;
    await this.log.close();
  }
}

function sameProblems(a: Problems, b: Problems | null): boolean {
  if (!b || a.count !== b.count || a.unmutedCount !== b.unmutedCount || a.worst !== b.worst || a.top.length !== b.top.length) return false;
  return a.top.every((p, i) => {
    const q = b.top[i]!;
    return p.id === q.id && p.state === q.state && p.muted === q.muted && p.name === q.name && p.since === q.since;
  });
}
