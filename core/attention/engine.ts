/**
 * The transition engine: fed the fleet as main sees it (poll answers and pushed status changes)
 * and the clock, it judges each droplet's state (the Orchestrator's status, or Steward's own
 * `late` from shared/liveness.ts, or gone) and raises grouped AttentionEvents. Pure and
 * synchronous: no timers, files or Electron; the room (room.ts) persists what `persisted()`
 * answers and calls `tick` every second.
 *
 * Work is incremental so a poll at 10,000 droplets costs little on main's thread: a delta
 * answer touches only its patches, lateness comes from a deadline wheel (only droplets whose
 * deadline passed are looked at), and the problem list is rebuilt only when asked after a change.
 *
 * Reporting, per droplet:
 * - `reported` is the state the steward was last told; it survives restarts (persisted), so an
 *   unchanged state is never told twice. The first fleet ever seen is taken as it is, silently.
 * - A change is told at once, unless it comes within the hold time of the last one told: then it
 *   waits the hold time; if it flips back meanwhile the droplet is told once as flapping and is
 *   quiet until it has held one state for the hold time, counted from no earlier than the note
 *   (then that state is told if it differs). The note counts as told for the next hold, so a
 *   droplet is told at most twice within any hold time.
 * - Maintenance raises nothing: entering it, or leaving it for a healthy state, is taken silently.
 * - An Orchestrator that answers an empty fleet after listing droplets is one `fleet_emptied`
 *   event; droplets that come back in the state last told raise nothing.
 * - Probe events (fed from core/probes through the service): `restarted` when a droplet's uptime
 *   went down (again within the hold time, a crash loop, is told once); `probe_unanswered` when
 *   /health stops answering after it answered while the Orchestrator says active, and
 *   `probe_answering` when it answers again. What was told of /health is persisted, so a droplet
 *   still silent after a restart of Steward is not told twice; one never heard answering is quiet.
 */
import type { AttentionEvent, AttentionItem, AttentionKind, AttentionSettings, MetricRule, Problems, WatchedState } from '../../shared/attention';
import type { DropletPatch, FleetMark, FleetUpdate } from '../../shared/fleet-update';
import type { Droplet, DropletStatus, Metrics, StatusChange } from '../../shared/model';
import { DeadlineWheel } from './deadline-wheel';
import { ProblemTable } from './problem-table';

/** What a fleet answer brings: the whole list (`base` null) or changes on top of `base`. */
export type FleetInput = Pick<FleetUpdate, 'base' | 'droplets' | 'patches' | 'removed' | 'sync'>;

export interface EngineOptions {
  /** interval + grace, ms (shared/liveness.ts lateAfterMs). */
  lateAfterMs: number;
  settings: AttentionSettings;
  /** Whether a droplet's transitions are muted now (mutes live in the room). */
  isMuted(id: number, nowMs: number): boolean;
  /** false when nothing at all is muted now, so the problem list need not ask isMuted of each problem. */
  anyMuted?(nowMs: number): boolean;
  /** Whether the whole profile is muted now (for events that name no droplet). */
  isProfileMuted?(nowMs: number): boolean;
  onEvent(event: AttentionEvent): void;
  /** Raw state changes (not damped), for uptime and incidents. */
  onChange?(id: number, at: number, state: WatchedState, cause: string): void;
}

/** One droplet as persisted: what survives a restart. */
export type PersistedDroplet = [id: number, name: string, reported: WatchedState, reportedAt: number, state: WatchedState, since: number];

/** A droplet whose state is `absent` waits to return after an emptied fleet, in its last told state. */
export interface EngineState {
  /** Whether a fleet was ever seen (before that, the first answer is taken silently). */
  known: boolean;
  droplets: PersistedDroplet[];
  /** What the steward was last told of each droplet's /health (absent: nothing yet). */
  probes?: PersistedProbe[];
}

/**
 * What was told of a droplet's /health: `a` answering, `s` silent and told so, `q` silent but
 * not told (it never answered, or the Orchestrator did not say active then).
 */
export const PROBE_TOLD = ['a', 's', 'q'] as const;
export type ProbeTold = (typeof PROBE_TOLD)[number];
export type PersistedProbe = [id: number, told: ProbeTold];

/** A probe verdict change, as core/probes reports it (only what the engine reads). */
export interface ProbeInput {
  id: number;
  to: 'answering' | 'degraded' | 'unreachable' | 'not_probed';
  at: number;
}

/** A restart the prober saw: uptime went from `uptimeBefore` to `uptimeNow` seconds. */
export interface RestartInput {
  id: number;
  at: number;
  uptimeBefore: number;
  uptimeNow: number;
}

/** At most this many items ride in one event; `count` says how many there were. */
export const ITEMS_PER_EVENT = 50;
/** The bad states, worst first: a problem's rank is its index here. */
const BAD_BY_SEVERITY = ['error', 'inactive', 'late'] as const satisfies readonly WatchedState[];
const BAD: ReadonlySet<WatchedState> = new Set(BAD_BY_SEVERITY);
const SEVERITY: Readonly<Record<string, number>> = Object.fromEntries(BAD_BY_SEVERITY.map((s, rank) => [s, rank]));
const GOOD = (s: WatchedState): boolean => s === 'active' || s === 'unknown' || s === 'maintenance';

class Watched {
  status: DropletStatus = 'unknown';
  beatMs = NaN;
  lateAt = NaN;
  state: WatchedState;
  since: number;
  reportedAt: number;
  /** A change waiting out the hold time. */
  pendingState: WatchedState | null = null;
  pendingAt = 0;
  pendingCause = '';
  /** NaN unless flapping: since when its state has held. */
  stableSince = NaN;
  /** Per enabled rule: since when its condition has held (NaN: not holding), and whether it fired. */
  ruleSince: Float64Array | null = null;
  ruleFired: Uint8Array | null = null;
  /** Listed in the last answer (false while waiting to return after an emptied fleet). */
  present = true;
  /** When the last restart was seen (told or damped); in memory only, as the prober's readings are. */
  restartAt = -Infinity;

  constructor(
    readonly id: number,
    public name: string,
    public reported: WatchedState,
    reportedAt: number,
    state: WatchedState,
    since: number,
  ) {
    this.reportedAt = reportedAt;
    this.state = state;
    this.since = since;
  }
}

interface Group {
  kind: AttentionKind;
  muted: boolean;
  openedAt: number;
  items: AttentionItem[];
  count: number;
}

export function kindOf(from: WatchedState, to: WatchedState): AttentionKind | null {
  if (to === 'maintenance' || from === to) return null;
  if (to === 'absent') return 'disappeared';
  if (from === 'absent') return 'registered';
  if (BAD.has(to)) return to as AttentionKind;
  if (BAD.has(from) && GOOD(to)) return 'recovered';
  return null; // active <-> unknown, maintenance -> healthy: nothing a steward acts on
}

const VERB: Readonly<Record<AttentionKind, string>> = {
  error: 'went into error',
  inactive: 'went inactive',
  late: 'went late',
  recovered: 'recovered',
  registered: 'registered',
  disappeared: 'disappeared',
  flapping: 'is flapping',
  metric: 'crossed a metric rule',
  fleet_emptied: 'emptied',
  restarted: 'restarted',
  probe_unanswered: 'stopped answering on /health',
  probe_answering: 'answers on /health again',
};
const VERB_PLURAL: Readonly<Record<AttentionKind, string>> = { ...VERB, flapping: 'are flapping', probe_answering: 'answer on /health again' };

/** "api-1 went inactive (Orchestrator status inactive)", "30 droplets went inactive: a, b, c, …" */
export function summarise(kind: AttentionKind, items: readonly AttentionItem[], count: number): string {
  if (count === 1 && items[0]) return `${items[0].name} ${VERB[kind]} (${items[0].cause})`;
  const names = items.slice(0, 5).map((i) => i.name);
  return `${count} droplets ${VERB_PLURAL[kind]}: ${names.join(', ')}${count > names.length ? ', …' : ''}`;
}

function ruleHolds(rule: MetricRule, metrics: Metrics | null): { holds: boolean; value: number } {
  const raw = metrics?.[rule.metric];
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) return { holds: false, value };
  switch (rule.op) {
    case '>':
      return { holds: value > rule.value, value };
    case '>=':
      return { holds: value >= rule.value, value };
    case '<':
      return { holds: value < rule.value, value };
    case '<=':
      return { holds: value <= rule.value, value };
    default:
      return { holds: value === rule.value, value };
  }
}

/** "3 h 5 min", "40 s": how long a droplet had been up. */
function uptimeText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h >= 48 ? `${Math.floor(h / 24)} d` : m > 0 ? `${h} h ${m} min` : `${h} h`;
}

export function ruleText(rule: MetricRule): string {
  const span = rule.forSeconds === 0 ? '' : rule.forSeconds % 60 === 0 ? ` for ${rule.forSeconds / 60} min` : ` for ${rule.forSeconds} s`;
  return `${rule.metric} ${rule.op} ${rule.value}${span}`;
}

const parseMs = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : NaN);

/** How many problems the tray and the title name. */
const TOP_PROBLEMS = 5;

export class AttentionEngine {
  private readonly byId = new Map<number, Watched>();
  private readonly deadlines = new DeadlineWheel();
  /** Droplets waiting out a hold or flapping: the tick looks at these only. */
  private readonly held = new Set<Watched>();
  private readonly problemTable = new ProblemTable();
  private readonly dirtyIds = new Set<number>();
  private readonly probeTold = new Map<number, ProbeTold>();
  private readonly probeDirty = new Set<number>();
  private problemsCache: Problems | null = null;
  private groups: Group[] = [];
  private settings: AttentionSettings;
  private rules: MetricRule[];
  private known: boolean;
  private mark: FleetMark | null = null;
  // Event ids are time + sequence; a random start keeps them apart across restarts within one ms.
  private seq = Math.floor(Math.random() * 1_000_000);
  private changed = false;

  constructor(
    private readonly opts: EngineOptions,
    restored?: EngineState,
  ) {
    this.settings = opts.settings;
    this.rules = opts.settings.rules.filter((r) => r.enabled);
    this.known = restored?.known ?? false;
    for (const [id, name, reported, reportedAt, state, since] of restored?.droplets ?? []) {
      const w = new Watched(id, name, reported, reportedAt, state, since);
      // Not judged until an answer lists it: restored, it only remembers what was told.
      w.present = false;
      // What was held in memory is gone with the restart; a droplet told of within the hold time
      // stays quiet until the hold has passed since, so a restart never lets a flap be told twice.
      if (Number.isFinite(reportedAt) && this.settings.holdSeconds > 0) {
        w.stableSince = reportedAt;
        this.held.add(w);
      }
      this.byId.set(id, w);
    }
    for (const [id, told] of restored?.probes ?? []) this.probeTold.set(id, told);
  }

  setSettings(settings: AttentionSettings): void {
    const rulesChanged = JSON.stringify(settings.rules) !== JSON.stringify(this.settings.rules);
    this.settings = settings;
    if (!rulesChanged) return;
    this.rules = settings.rules.filter((r) => r.enabled);
    for (const w of this.byId.values()) {
      w.ruleSince = null;
      w.ruleFired = null;
    }
  }

  /** The copy of the unfiltered fleet the engine holds: a delta on any other is refused. */
  get fleetMark(): FleetMark | null {
    return this.mark;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Whether the persisted state changed since the last `persisted()`. */
  get dirty(): boolean {
    return this.changed;
  }

  /**
   * An answer to an unfiltered poll. Answers false (and changes nothing) for a delta on a copy
   * the engine does not hold; the caller then reads the whole list.
   */
  applyFleet(update: FleetInput, nowMs: number): boolean {
    if (update.base !== null) {
      if (!this.mark || update.base.stream !== this.mark.stream || update.base.version !== this.mark.version) return false;
      this.mark = update.sync;
      for (const d of update.droplets) this.upsert(d, nowMs);
      for (const p of update.patches) this.patch(p, nowMs);
      if (update.removed.length > 0) this.removeIds(update.removed, nowMs);
    } else {
      this.mark = update.sync;
      this.applyWhole(update.droplets, nowMs);
    }
    this.tick(nowMs);
    return true;
  }

  /** A status change the live feed pushed. */
  applyStatus(change: StatusChange, nowMs: number): void {
    const w = this.byId.get(change.dropletId);
    if (!w || !w.present) return;
    const changedAt = parseMs(change.changedAt);
    const beat = change.newStatus === 'active' && Number.isFinite(changedAt) && !(changedAt <= w.beatMs) ? changedAt : w.beatMs;
    this.setLive(w, change.newStatus, beat, nowMs);
    // What a push decides is told from here; what merely came due (lateness, holds, groups)
    // waits for the caller's next tick (every second), not for every push.
    if (this.groups.length > 0) this.flush(nowMs, false);
  }

  /** A droplet's uptime went down between two probes. */
  applyRestart(r: RestartInput, nowMs: number): void {
    const w = this.byId.get(r.id);
    if (!w || !w.present || !(r.at > w.restartAt)) return;
    const last = w.restartAt;
    w.restartAt = r.at;
    if (w.state === 'maintenance') return;
    // Damping: a droplet restarting again within the hold time (a crash loop) was told already,
    // and is told again only once it has stayed up for the hold time.
    if (r.at - last < this.settings.holdSeconds * 1000) return;
    this.item(w, 'restarted', w.state, w.state, r.at, `uptime went from ${uptimeText(r.uptimeBefore)} to ${uptimeText(r.uptimeNow)}`, nowMs);
    this.tick(nowMs);
  }

  /** A droplet's probe verdict changed: told when /health goes silent while the Orchestrator says active, and when it answers again. */
  applyProbe(c: ProbeInput, nowMs: number): void {
    const w = this.byId.get(c.id);
    if (!w || !w.present || c.to === 'not_probed') return;
    const told = this.probeTold.get(c.id);
    if (c.to === 'unreachable') {
      if (told === 's' || told === 'q') return;
      // Only a droplet heard answering "stopped"; unreachable from the start is normal (localhost endpoints).
      const tell = told === 'a' && w.state === 'active';
      this.setProbeTold(c.id, tell ? 's' : 'q');
      if (tell) this.item(w, 'probe_unanswered', w.state, w.state, c.at, 'the Orchestrator still says active', nowMs);
    } else {
      if (told === 'a') return;
      this.setProbeTold(c.id, 'a');
      if (told === 's' && w.state !== 'maintenance') this.item(w, 'probe_answering', w.state, w.state, c.at, 'it had stopped answering', nowMs);
    }
    this.tick(nowMs);
  }

  private setProbeTold(id: number, told: ProbeTold | null): void {
    if (told === null) {
      if (!this.probeTold.delete(id)) return;
    } else this.probeTold.set(id, told);
    this.probeDirty.add(id);
    this.changed = true;
  }

  /**
   * Judge lateness, end holds, and send the groups whose window has passed. `lateNowMs` caps the
   * instant lateness is judged at (beats since the last read may be unknown); default now.
   */
  tick(nowMs: number, lateNowMs = nowMs): void {
    const due = this.deadlines.takeDue(lateNowMs);
    for (let i = 0; i < due.length; i += 2) {
      const at = due[i]!;
      const w = this.byId.get(due[i + 1]!);
      if (!w || w.lateAt !== at || w.status !== 'active' || !w.present) continue; // stale: a newer beat moved it
      const state = this.rejudged(w, lateNowMs);
      if (state) this.moveTo(w, state, Math.max(at, w.since), lateNowMs, `no heartbeat for ${Math.round((nowMs - w.beatMs) / 1000)} s`, false);
    }
    if (this.held.size > 0) this.endHolds(nowMs);
    if (this.groups.length > 0) this.flush(nowMs, false);
  }

  /** Send every open group now (closing, or a test that does not wait). */
  flushAll(nowMs: number): void {
    this.flush(nowMs, true);
  }

  /**
   * The current problems: counts, the worst state and the five worst first; rebuilt only after a
   * change, from the packed table (problem-table.ts), asking each problem's mute only while
   * something is muted.
   */
  problems(nowMs: number): Problems {
    if (this.problemsCache) return this.problemsCache;
    const asked = this.opts.anyMuted?.(nowMs) === false ? undefined : (id: number) => this.opts.isMuted(id, nowMs);
    const walk = this.problemTable.walk(TOP_PROBLEMS, asked);
    const top = walk.top.map((p) => ({ id: p.id, name: this.byId.get(p.id)?.name ?? '', state: BAD_BY_SEVERITY[p.rank]!, since: p.since, muted: p.muted }));
    this.problemsCache = { count: walk.count, unmutedCount: walk.unmuted, worst: walk.worstRank < 0 ? null : BAD_BY_SEVERITY[walk.worstRank]!, top };
    return this.problemsCache;
  }

  /** Mutes changed: the problem list must be judged again. */
  mutesChanged(): void {
    this.problemsCache = null;
  }

  /** A droplet's judged state and since when, or null when the engine does not know it. */
  stateOf(id: number): { state: WatchedState; since: number; name: string } | null {
    const w = this.byId.get(id);
    return w ? { state: w.present ? w.state : 'absent', since: w.since, name: w.name } : null;
  }

  /** Droplets whose persisted row changed since the last call: their rows, or [id, null] for one forgotten. */
  takeChanges(): { known: boolean; rows: (PersistedDroplet | [id: number, gone: null])[]; probes: [id: number, told: ProbeTold | null][] } {
    const rows: (PersistedDroplet | [number, null])[] = [];
    for (const id of this.dirtyIds) {
      const w = this.byId.get(id);
      rows.push(w ? [w.id, w.name, w.reported, w.reportedAt, w.state, w.since] : [id, null]);
    }
    const probes: [number, ProbeTold | null][] = [...this.probeDirty].map((id) => [id, this.probeTold.get(id) ?? null]);
    this.dirtyIds.clear();
    this.probeDirty.clear();
    this.changed = false;
    return { known: this.known, rows, probes };
  }

  private touch(id: number): void {
    this.changed = true;
    this.dirtyIds.add(id);
  }

  persisted(): EngineState {
    this.dirtyIds.clear();
    this.probeDirty.clear();
    this.changed = false;
    const droplets: PersistedDroplet[] = [];
    for (const w of this.byId.values()) droplets.push([w.id, w.name, w.reported, w.reportedAt, w.state, w.since]);
    return { known: this.known, droplets, probes: [...this.probeTold] };
  }

  // --- fleet input ---

  private applyWhole(list: readonly Droplet[], nowMs: number): void {
    const first = !this.known;
    const listed = new Set<number>();
    for (const d of list) {
      listed.add(d.id);
      this.upsert(d, nowMs, first);
    }
    const gone: number[] = [];
    for (const w of this.byId.values()) if (!listed.has(w.id) && w.state !== 'absent') gone.push(w.id);
    if (gone.length > 0) this.removeIds(gone, nowMs);
    this.known = true;
    this.changed = true;
  }

  private upsert(d: Droplet, nowMs: number, silent = false): void {
    let w = this.byId.get(d.id);
    const beat = parseMs(d.lastHeartbeat);
    if (!w) {
      const state = this.judgeOf(d.status, beat, nowMs);
      // New to the engine: silent the first time a fleet is seen; `registered` afterwards.
      const reported: WatchedState = silent || !this.known ? state : 'absent';
      w = new Watched(d.id, d.name, reported, -Infinity, 'absent', nowMs);
      this.byId.set(d.id, w);
      this.touch(w.id);
      w.status = d.status;
      this.setBeat(w, beat);
      this.moveTo(w, state, nowMs, nowMs, this.causeOf(d.status, beat, nowMs), reported === state);
      this.beat(w, d.latestMetrics, beat);
      return;
    }
    if (w.name !== d.name) this.rename(w, d.name);
    const returning = !w.present;
    w.present = true;
    if (returning) {
      // Back after an emptied fleet or a restart: judged against what was last told.
      w.status = d.status;
      this.setBeat(w, beat);
      const state = this.judgeOf(d.status, beat, nowMs);
      this.moveTo(w, state, nowMs, nowMs, this.causeOf(d.status, beat, nowMs), false);
      this.beat(w, d.latestMetrics, beat);
      return;
    }
    const newBeat = Number.isFinite(beat) && !(beat <= w.beatMs);
    if (d.status !== w.status || newBeat) this.setLive(w, d.status, newBeat ? beat : w.beatMs, nowMs);
    if (newBeat) this.beat(w, d.latestMetrics, beat);
  }

  private patch(p: DropletPatch, nowMs: number): void {
    const w = this.byId.get(p.id);
    if (!w) return;
    if (p.name !== undefined && p.name !== w.name) this.rename(w, p.name);
    const beat = p.lastHeartbeat !== undefined ? parseMs(p.lastHeartbeat) : w.beatMs;
    const newBeat = p.lastHeartbeat !== undefined && Number.isFinite(beat) && !(beat <= w.beatMs);
    if ((p.status !== undefined && p.status !== w.status) || newBeat) this.setLive(w, p.status ?? w.status, newBeat ? beat : w.beatMs, nowMs);
    if (newBeat && p.latestMetrics !== undefined) this.beat(w, p.latestMetrics, beat);
  }

  /** Droplets no longer listed (those waiting after an emptied fleet stay waiting). */
  private removeIds(ids: readonly number[], nowMs: number): void {
    const leaving = ids.map((id) => this.byId.get(id)).filter((w): w is Watched => w !== undefined && w.state !== 'absent');
    let staying = 0;
    for (const w of this.byId.values()) if (w.state !== 'absent') staying++;
    staying -= leaving.length;
    if (leaving.length > 1 && staying === 0) {
      const profileMutedNow = this.opts.isProfileMuted?.(nowMs) ?? false;
      // The whole fleet went at once: the Orchestrator restarted or lost its store. One event;
      // each droplet keeps what it last told, so returning unchanged raises nothing.
      for (const w of leaving) {
        // A pending change is dropped (the droplet returns judged against what it was told), but
        // one told as flapping stays quiet until it has held one state for the hold time.
        w.pendingState = null;
        if (Number.isNaN(w.stableSince)) this.held.delete(w);
        w.present = false;
        w.state = 'absent';
        w.since = nowMs;
        this.opts.onChange?.(w.id, nowMs, 'absent', 'the Orchestrator lists no droplets');
        this.setProblem(w, false);
      }
      // Not grouped and naming no droplet: one event for the whole fleet.
      this.opts.onEvent({
        id: this.nextId(nowMs),
        at: nowMs,
        kind: 'fleet_emptied',
        summary: `The Orchestrator lists no droplets any more (it listed ${leaving.length})`,
        items: [],
        count: leaving.length,
        muted: profileMutedNow,
      });
      for (const w of leaving) this.touch(w.id);
      return;
    }
    for (const w of leaving) {
      // Told at once, whatever is held: the droplet is forgotten now.
      this.clearHold(w);
      w.state = 'absent';
      w.since = nowMs;
      this.opts.onChange?.(w.id, nowMs, 'absent', 'no longer listed by the Orchestrator');
      this.setProblem(w, false);
      this.tell(w, 'absent', nowMs, 'no longer listed by the Orchestrator', nowMs);
      this.byId.delete(w.id);
      this.setProbeTold(w.id, null);
      this.touch(w.id);
    }
  }

  // --- judging ---

  private judgeOf(status: DropletStatus, beat: number, nowMs: number): WatchedState {
    return status === 'active' && beat + this.opts.lateAfterMs < nowMs ? 'late' : status;
  }

  private causeOf(status: DropletStatus, beat: number, nowMs: number): string {
    return status === 'active' && beat + this.opts.lateAfterMs < nowMs ? `no heartbeat for ${Math.round((nowMs - beat) / 1000)} s` : `Orchestrator status ${status}`;
  }

  private setBeat(w: Watched, beat: number): void {
    w.beatMs = beat;
    const lateAt = w.status === 'active' ? beat + this.opts.lateAfterMs : NaN;
    if (lateAt !== w.lateAt) {
      w.lateAt = lateAt;
      if (Number.isFinite(lateAt)) this.deadlines.push(lateAt, w.id);
    }
  }

  private setLive(w: Watched, status: DropletStatus, beat: number, nowMs: number): void {
    w.status = status;
    this.setBeat(w, beat);
    const state = this.rejudged(w, nowMs);
    if (state) this.moveTo(w, state, nowMs, nowMs, this.causeOf(status, beat, nowMs), false);
  }

  /**
   * The state its status and beat now judge it to be, when that is not its state; else null.
   * The cause is worded only for a move: every beat of every poll comes here.
   */
  private rejudged(w: Watched, nowMs: number): WatchedState | null {
    const state = this.judgeOf(w.status, w.beatMs, nowMs);
    return state === w.state ? null : state;
  }

  /** Whether the droplet is a problem now, with its state and since; the list is rebuilt only when that changed. */
  private setProblem(w: Watched, on: boolean): void {
    const changed = on ? this.problemTable.set(w.id, SEVERITY[w.state]!, w.since) : this.problemTable.delete(w.id);
    if (changed) this.problemsCache = null;
  }

  /** A droplet's name changed: the problem list names it. */
  private rename(w: Watched, name: string): void {
    w.name = name;
    this.touch(w.id);
    if (this.problemTable.has(w.id)) this.problemsCache = null;
  }

  /** A judged change of state; `silent` takes it as told (the first fleet seen). */
  private moveTo(w: Watched, state: WatchedState, at: number, nowMs: number, cause: string, silent: boolean): void {
    const was = w.state;
    if (was !== state) {
      w.state = state;
      w.since = at;
      this.touch(w.id);
      this.opts.onChange?.(w.id, at, state, cause);
    }
    this.setProblem(w, w.present && BAD.has(state));
    if (silent) {
      w.reported = state;
      return;
    }
    this.consider(w, state, at, nowMs, cause);
  }

  /** Damping: tell at once, hold a change soon after the last one told, or sit out flapping. */
  private consider(w: Watched, to: WatchedState, at: number, nowMs: number, cause: string): void {
    if (!Number.isNaN(w.stableSince)) {
      // Never earlier than the flapping note: a lateness judged at a past deadline would shorten the quiet.
      w.stableSince = Math.max(w.stableSince, at);
      return;
    }
    if (w.pendingState !== null) {
      if (to === w.reported && kindOf(w.reported, w.pendingState) === null) {
        // Went somewhere silent (maintenance) and came back: nothing to tell.
        this.clearHold(w);
      } else if (to === w.reported) {
        // Flipped back within the hold time: told once, as flapping.
        this.item(w, 'flapping', w.reported, w.pendingState, w.pendingAt, `went ${w.pendingState} and back within ${this.settings.holdSeconds} s`, nowMs);
        w.pendingState = null;
        // The note is told like a change: the hold runs from when the steward heard it (now, not
        // when the flip happened, which a late judged at a past deadline puts back), so the quiet
        // and the next change's hold cannot end at once and tell a third time within one hold.
        w.reportedAt = nowMs;
        w.stableSince = nowMs;
        this.touch(w.id);
      } else {
        w.pendingState = to;
        w.pendingCause = cause;
      }
      return;
    }
    if (to === w.reported) return;
    const holdMs = this.settings.holdSeconds * 1000;
    if (holdMs > 0 && at - w.reportedAt < holdMs && kindOf(w.reported, to) !== null) {
      w.pendingState = to;
      w.pendingAt = at;
      w.pendingCause = cause;
      this.held.add(w);
      return;
    }
    this.tell(w, to, at, cause, nowMs);
  }

  private tell(w: Watched, to: WatchedState, at: number, cause: string, nowMs: number): void {
    const from = w.reported;
    w.reported = to;
    // When the steward was told (not when it changed): the hold spaces what they hear.
    w.reportedAt = nowMs;
    this.touch(w.id);
    const kind = kindOf(from, to);
    // Maintenance raises nothing, and neither does leaving it for a healthy state.
    if (kind === null || (from === 'maintenance' && kind === 'recovered')) return;
    this.item(w, kind, from, to, at, cause, nowMs);
  }

  private endHolds(nowMs: number): void {
    const holdMs = this.settings.holdSeconds * 1000;
    for (const w of this.held) {
      if (w.pendingState !== null) {
        if (nowMs - w.pendingAt < holdMs) continue;
        const to = w.pendingState;
        w.pendingState = null;
        this.held.delete(w);
        // Told as of when it changed; the state may have moved on since (it is `w.state` now).
        this.tell(w, to, w.pendingAt, w.pendingCause, nowMs);
        if (w.state !== to) this.consider(w, w.state, nowMs, nowMs, `Orchestrator status ${w.status}`);
      } else if (!Number.isNaN(w.stableSince)) {
        if (nowMs - w.stableSince < holdMs) continue;
        w.stableSince = NaN;
        this.held.delete(w);
        // Absent (after an emptied fleet), it is judged when it returns.
        if (w.state !== w.reported && w.present) this.tell(w, w.state, nowMs, `settled after flapping`, nowMs);
      } else this.held.delete(w);
    }
  }

  private clearHold(w: Watched): void {
    w.pendingState = null;
    w.stableSince = NaN;
    this.held.delete(w);
  }

  // --- metric rules ---

  private beat(w: Watched, metrics: Metrics | null, beatMs: number): void {
    const rules = this.rules;
    if (rules.length === 0 || !Number.isFinite(beatMs)) return;
    if (!w.ruleSince || w.ruleSince.length !== rules.length) {
      w.ruleSince = new Float64Array(rules.length).fill(NaN);
      w.ruleFired = new Uint8Array(rules.length);
    }
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const { holds, value } = ruleHolds(rule, metrics);
      if (!holds) {
        w.ruleSince[i] = NaN;
        w.ruleFired![i] = 0;
        continue;
      }
      if (Number.isNaN(w.ruleSince[i]!)) w.ruleSince[i] = beatMs;
      if (w.ruleFired![i] || beatMs - w.ruleSince[i]! < rule.forSeconds * 1000) continue;
      w.ruleFired![i] = 1;
      if (w.state === 'maintenance') continue;
      this.item(w, 'metric', w.state, w.state, beatMs, `${ruleText(rule)} (now ${value})`, beatMs);
    }
  }

  // --- grouping ---

  private item(w: Watched, kind: AttentionKind, from: WatchedState, to: WatchedState, at: number, cause: string, nowMs: number): void {
    this.push(kind, this.opts.isMuted(w.id, nowMs), { id: w.id, name: w.name, from, to, at, cause }, nowMs);
  }

  private push(kind: AttentionKind, muted: boolean, item: AttentionItem, nowMs: number): void {
    let g = this.groups.find((x) => x.kind === kind && x.muted === muted);
    if (!g) {
      g = { kind, muted, openedAt: nowMs, items: [], count: 0 };
      this.groups.push(g);
    }
    g.count++;
    if (g.items.length < ITEMS_PER_EVENT) g.items.push(item);
    if (this.settings.groupSeconds === 0) this.flush(nowMs, true);
  }

  private nextId(atMs: number): string {
    return `${atMs.toString(36)}-${(this.seq++).toString(36)}`;
  }

  private flush(nowMs: number, all: boolean): void {
    const windowMs = this.settings.groupSeconds * 1000;
    const keep: Group[] = [];
    const out: Group[] = [];
    for (const g of this.groups) (all || nowMs - g.openedAt >= windowMs ? out : keep).push(g);
    this.groups = keep;
    for (const g of out) {
      const at = g.items.reduce((m, i) => Math.min(m, i.at), Infinity);
      this.opts.onEvent({
        id: this.nextId(g.openedAt),
        at: Number.isFinite(at) ? at : g.openedAt,
        kind: g.kind,
        summary: summarise(g.kind, g.items, g.count),
        items: g.items,
        count: g.count,
        muted: g.muted,
      });
    }
  }
}
