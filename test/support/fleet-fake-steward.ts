/** A `window.steward` for component tests, answering from in-test data like main would. */
import { IPC_METHOD_NAMES, type EventPayload, type IpcError, type IpcEventName, type IpcResult, type MethodInput, type StewardBridge } from '../../shared/ipc-contract';
import type { AppInfo, Droplet, DropletStatus, StatusChange } from '../../shared/model';
import { SentCopies, filtersKey } from '../../core/fleet/sent-copies';
import { chartHistoryFrom, historyOf } from './chart-samples';
import { attentionBridge, createFakeAttention, type FakeAttention } from './attention-fake-steward';

export const APP_INFO: AppInfo = {
  appVersion: '0.1.0-test',
  profileName: 'Local sandbox',
  orchestratorUrl: 'http://127.0.0.1:45123',
  dialectSetting: 'guide',
  dialect: 'guide',
  identityDropletId: 1,
  steward: null,
  embeddedSandbox: true,
  // Long, so the tests drive refetches with the refresh button.
  pollIntervalMs: 600_000,
  liveUpdates: true,
  pollPace: { mode: 'polling', intervalMs: 600_000 },
  liveness: { intervalSeconds: 60, graceSeconds: 15 },
};

export function droplet(id: number, status: DropletStatus, secondsSinceBeat: number | null, extra: Partial<Droplet> = {}): Droplet {
  return {
    id,
    name: `droplet-${id}`,
    steward: 'ops',
    endpoint: `http://10.0.0.${id}:8002`,
    capabilities: ['compute'],
    status,
    version: '1.0.0',
    lastHeartbeat: secondsSinceBeat === null ? null : new Date(Date.now() - secondsSinceBeat * 1000).toISOString(),
    registeredAt: null,
    latestMetrics: null,
    ...extra,
  };
}

export function ipcError(message: string, kind: IpcError['kind'] = 'network'): IpcError {
  return { kind, message, hint: null, status: null, traceId: null, fields: [], exchangeId: null };
}

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });
const fail = <T>(error: IpcError): Promise<IpcResult<T>> => Promise.resolve({ ok: false, error });

export interface FakeSteward {
  bridge: StewardBridge;
  /** The attention methods' answers and pushes (events, problems, mutes). */
  attention: FakeAttention;
  /** Inputs listDroplets was called with, in order. */
  listCalls: MethodInput<'listDroplets'>[];
  setDroplets(d: Droplet[]): void;
  /** The Orchestrator's clock minus ours, as main reports it with each snapshot. */
  setClockOffset(ms: number): void;
  /** Make listDroplets fail with this error (null: answer again). */
  failList(error: IpcError | null): void;
  emitStatusChange(change: StatusChange): void;
  /** Push any contract event, as main would. */
  emit<E extends IpcEventName>(event: E, payload: EventPayload<E>): void;
}

export function fakeSteward(initial: Droplet[], attention: FakeAttention = createFakeAttention()): FakeSteward {
  let droplets = initial;
  let listError: IpcError | null = null;
  const sync = new SentCopies();
  let clockOffsetMs = 0;
  const listCalls: MethodInput<'listDroplets'>[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const notFound = ipcError('No such droplet.', 'not_found');

  // Methods the fleet does not use answer a plain error, so the fake follows the contract as it grows.
  const notHere = () => fail(ipcError('Not in this test.', 'internal'));
  const defaults = Object.fromEntries(IPC_METHOD_NAMES.map((m) => [m, notHere]));
  const used: Partial<StewardBridge> = {
    getAppInfo: () => ok(APP_INFO),
    listDroplets: ({ since, ...filters }) => {
      listCalls.push(filters);
      if (listError) return fail(listError);
      const shown = droplets.filter(
        (d) => (!filters.status || d.status === filters.status) && (!filters.capability || d.capabilities.includes(filters.capability)),
      );
      // Main's own change tracking, so the renderer merges real deltas.
      const diff = sync.diff(filtersKey(filters), shown, since);
      return ok({ ...diff, total: shown.length, unreadable: [], fetchedAt: new Date().toISOString(), clockOffsetMs, dialect: 'guide', traceId: null });
    },
    getDroplet: ({ id }) => {
      const d = droplets.find((x) => x.id === id);
      return d ? ok({ droplet: { ...d, heartbeats: [] }, source: 'details', note: null, traceId: null }) : fail(notFound);
    },
    getHistory: () => ok(historyOf([])),
    getChartHistory: async (input) => ok(await chartHistoryFrom(() => historyOf([]))(input)),
    getCommsLog: () => ok({ entries: [] }),
    listKeepAlive: () => ok([]),
    ...attentionBridge(attention),
    getProbeSummary: () => ok([]),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      const l = listener as (payload: unknown) => void;
      set.add(l);
      listeners.set(event, set);
      return () => set.delete(l);
    },
  };
  const bridge = { ...defaults, ...used } as unknown as StewardBridge;
  attention.onEvent((event, payload) => listeners.get(event)?.forEach((l) => l(payload)));

  return {
    bridge,
    attention,
    listCalls,
    setDroplets: (d) => {
      droplets = d;
    },
    failList: (e) => {
      listError = e;
    },
    setClockOffset: (ms) => {
      clockOffsetMs = ms;
    },
    emitStatusChange: (c) => {
      sync.applyStatus(c); // as main does, so the next poll is judged against the copy the renderer holds
      listeners.get('statusChanged')?.forEach((l) => l(c));
    },
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
  };
}
