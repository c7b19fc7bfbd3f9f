/**
 * A small in-memory attention engine for the renderer's component tests (the e2e runs the real one): it answers
 * the contract's attention methods from what a test puts in (events, problems, uptime) and
 * pushes the attention events a real engine would, so views are tested against contract shapes.
 */
import { summarise } from '../../core/attention/engine';
import { spanText } from '../../core/attention/uptime';
import { ATTENTION_KINDS, DEFAULT_ATTENTION_SETTINGS, type AttentionEvent, type AttentionItem, type AttentionKind, type AttentionSettings, type AwaySummary, type ExportEventsRequest, type FocusDroplet, type Incident, type Mutes, type MuteSpan, type Problems, type Uptime, type UptimeWindow } from '../../shared/attention';
import type { attentionEvents, attentionMethods, EventPayload, HandlersFor, StewardBridge } from '../../shared/ipc-contract';
import { createDispatch } from '../../core/app/dispatch';

export type AttentionHandlers = HandlersFor<keyof typeof attentionMethods>;
export type AttentionEventName = keyof typeof attentionEvents;
export type AttentionListener = <E extends AttentionEventName>(event: E, payload: EventPayload<E>) => void;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FakeAttention {
  handlers: AttentionHandlers;
  /** Keep an event (newest first in answers) and push it as `attentionEvent`. */
  raise(event: AttentionEvent): void;
  setProblems(problems: Problems): void;
  setUptime(uptime: Uptime): void;
  /** Push `awaySummary` for what happened since `sinceMs`. */
  away(sinceMs: number): AwaySummary;
  focus(focus: FocusDroplet): void;
  onEvent(listener: AttentionListener): () => void;
  /** What exportEvents was asked for, in order. */
  exports: ExportEventsRequest[];
  readonly settings: AttentionSettings;
  readonly mutes: Mutes;
}

export interface FakeAttentionInit {
  now?: () => number;
  events?: AttentionEvent[];
  problems?: Problems;
  uptime?: Uptime[];
  settings?: Partial<AttentionSettings>;
  mutes?: Mutes;
}

export const NO_PROBLEMS: Problems = { count: 0, unmutedCount: 0, worst: null, top: [] };

export function createFakeAttention(init: FakeAttentionInit = {}): FakeAttention {
  const now = init.now ?? Date.now;
  let events = [...(init.events ?? [])];
  let problems = init.problems ?? NO_PROBLEMS;
  const uptime = new Map((init.uptime ?? []).map((u) => [u.dropletId, u]));
  let settings: AttentionSettings = { ...DEFAULT_ATTENTION_SETTINGS, ...init.settings };
  let mutes: Mutes = init.mutes ?? { droplets: {} };
  const exports: ExportEventsRequest[] = [];
  const listeners = new Set<AttentionListener>();
  const emit: AttentionListener = (event, payload) => listeners.forEach((l) => l(event, payload));

  const newestFirst = () => [...events].sort((a, b) => b.at - a.at);
  const until = (span: MuteSpan): number | null => {
    if (span === '1h') return now() + HOUR;
    if (span === 'tomorrow') {
      const d = new Date(now());
      d.setHours(24, 0, 0, 0);
      return d.getTime();
    }
    return null;
  };
  const summaryFor = (sinceMs: number): AwaySummary => {
    const since = newestFirst().filter((e) => e.at >= sinceMs);
    const byKind: AwaySummary['byKind'] = {};
    for (const e of since) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    return { sinceMs, untilMs: now(), eventCount: since.length, byKind, events: since.slice(0, 10) };
  };

  const handlers: AttentionHandlers = {
    getEvents: async (q) =>
      newestFirst()
        .filter((e) => q?.dropletId === undefined || e.items.some((i) => i.id === q.dropletId))
        .filter((e) => !q?.kinds || q.kinds.includes(e.kind))
        .filter((e) => (q?.sinceMs === undefined || e.at >= q.sinceMs) && (q?.untilMs === undefined || e.at <= q.untilMs))
        .slice(0, q?.limit ?? 500),
    getUptime: async ({ id }) => uptime.get(id) ?? unobservedUptime(id),
    getProblems: async () => problems,
    getAwaySummary: async ({ sinceMs }) => summaryFor(sinceMs),
    getAttentionSettings: async () => ({ settings, mutes }),
    setAttentionSettings: async (changes) => {
      settings = { ...settings, ...changes };
      return { settings, mutes };
    },
    muteAttention: async (req) => {
      if (req.target === 'droplet') {
        const droplets = { ...mutes.droplets };
        if (req.span === 'off') delete droplets[String(req.id)];
        else droplets[String(req.id)] = until(req.span);
        mutes = { ...mutes, droplets };
      } else {
        mutes = req.span === 'off' ? { droplets: mutes.droplets } : { ...mutes, profile: until(req.span) };
      }
      return { settings, mutes };
    },
    exportEvents: async (req) => {
      exports.push(req);
      const count = (await handlers.getEvents(req.query ?? {})).length;
      return { savedTo: `/home/steward/steward-events.${req.format}`, count };
    },
  };

  return {
    handlers,
    raise(event) {
      events = [...events, event];
      emit('attentionEvent', event);
    },
    setProblems(p) {
      problems = p;
      emit('problemsChanged', p);
    },
    setUptime(u) {
      uptime.set(u.dropletId, u);
    },
    away(sinceMs) {
      const summary = summaryFor(sinceMs);
      emit('awaySummary', summary);
      return summary;
    },
    focus: (f) => emit('focusDroplet', f),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exports,
    get settings() {
      return settings;
    },
    get mutes() {
      return mutes;
    },
  };
}


/** An event as the engine groups one: "30 droplets went inactive: a, b, …" */
export function attentionEvent(kind: AttentionKind, items: readonly Omit<AttentionItem, 'at'>[], at: number, extra: Partial<AttentionEvent> = {}): AttentionEvent {
  // Worded by the engine's own summary, so the views are tested on the words main sends.
  const summary = summarise(kind, items.map((i) => ({ ...i, at })), items.length);
  return {
    id: `ev-${kind}-${at}-${items[0]?.id ?? 0}`,
    at,
    kind,
    summary,
    items: items.slice(0, 50).map((i) => ({ ...i, at })),
    count: items.length,
    muted: false,
    ...extra,
  };
}

export function item(id: number, from: AttentionItem['from'], to: AttentionItem['to'], cause: string, name = `droplet-${id}`): Omit<AttentionItem, 'at'> {
  return { id, name, from, to, cause };
}

export function uptimeWindow(windowMs: number, percent: number | null, observedMs: number): UptimeWindow {
  return { windowMs, percent, observedMs, observedText: `observed ${spanText(observedMs)} of ${windowMs === DAY ? '24 h' : '7 d'}` };
}

export function unobservedUptime(id: number): Uptime {
  return { dropletId: id, day: uptimeWindow(DAY, null, 0), week: uptimeWindow(7 * DAY, null, 0), incidents: [] };
}

export function incident(dropletId: number, state: Incident['state'], startedAt: number, endedAt: number | null, cause: string, nowMs = Date.now()): Incident {
  return { dropletId, state, startedAt, endedAt, durationMs: (endedAt ?? nowMs) - startedAt, cause };
}

export { ATTENTION_KINDS, DAY, HOUR };

/**
 * The attention methods as preload carries them (IpcResults), checked against the contract by
 * main's own dispatch, so a view asking with a wrong shape fails as it would in the app.
 */
export function attentionBridge(fake: FakeAttention): Pick<StewardBridge, keyof typeof attentionMethods> {
  const dispatch = createDispatch(fake.handlers);
  const names = Object.keys(fake.handlers) as (keyof typeof attentionMethods)[];
  return Object.fromEntries(names.map((m) => [m, (input?: unknown) => dispatch(m, input)])) as unknown as Pick<StewardBridge, keyof typeof attentionMethods>;
}
