/**
 * A `window.steward` for the detail views' component tests: each method answers from an
 * in-test handler (or a quiet default) as an IpcResult, calls are recorded, events can be pushed.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { useAttentionUi } from '../../renderer/src/state/attention';
import { useUi } from '../../renderer/src/state/ui';
import type { ReactElement } from 'react';
import { IPC_METHOD_NAMES, type EventPayload, type IpcError, type IpcEventName, type IpcMethodName, type IpcResult, type MethodInput, type MethodOutput, type StewardBridge } from '../../shared/ipc-contract';
import type { AppInfo, DropletDetails } from '../../shared/model';
import type { FleetSnapshot } from '../../shared/fleet-update';
import { queryKeys } from '../../renderer/src/queries/query-keys';
import { chartHistoryFrom, historyOf } from './chart-samples';
import { createFakeAttention, type FakeAttention } from './attention-fake-steward';

export const APP_INFO: AppInfo = {
  appVersion: '0.1.0-test',
  profileName: 'Test',
  orchestratorUrl: 'http://orchestrator.test:8000',
  dialectSetting: 'guide',
  dialect: 'guide',
  identityDropletId: 1,
  steward: null,
  embeddedSandbox: true,
  // Long: tests drive refetches themselves.
  pollIntervalMs: 600_000,
  liveUpdates: false,
  pollPace: { mode: 'polling', intervalMs: 600_000 },
  liveness: { intervalSeconds: 60, graceSeconds: 15 },
};

type Handler<M extends IpcMethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in IpcMethodName]?: Handler<M> };

/** Thrown by a handler to answer `{ ok: false, error }`. */
export class Refusal extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

export function ipcError(partial: Partial<IpcError> = {}): IpcError {
  return { kind: 'internal', message: 'Failed.', hint: null, status: null, traceId: null, fields: [], exchangeId: null, ...partial };
}

const DEFAULTS: Handlers = {
  getAppInfo: () => APP_INFO,
  getHistory: () => historyOf([]),
  getChartHistory: chartHistoryFrom(() => historyOf([])),
  getExtraMetric: () => [],
  getCommsLog: () => ({ entries: [] }),
  listKeepAlive: () => [],
  getProbeSummary: () => [],
  getProbeDetails: ({ id }) => ({
    summary: { id, verdict: 'not_probed', note: 'probing is off for this profile', healthStatus: null, lastAnswerAt: null, silentSince: null, disagreement: null, lastRestartAt: null },
    endpoint: null,
    health: null,
    capabilities: null,
    state: null,
    dependencies: null,
    routes: {},
    restarts: [],
    drift: { registeredVersion: null, servedVersion: null, notServed: [], notRegistered: [] },
    metrics: [],
  }),
  getDependencyMap: () => ({ missing: [], downDependencies: [], probed: 0, withDependencies: 0 }),
  getProbeSettings: () => ({ enabled: false, scope: 'all', capabilities: [], ids: [], fastIntervalSeconds: 60, slowIntervalSeconds: 600 }),
  // An id the Orchestrator does not hold: registering goes straight through.
  previewRegistration: (registration) => ({ current: null, registration, ignored: [] }),
};

export interface FakeSteward {
  /** Answers the attention methods the test's handlers leave out, and pushes their events. */
  attention: FakeAttention;
  calls: { method: IpcMethodName; input: unknown }[];
  callsOf<M extends IpcMethodName>(method: M): MethodInput<M>[];
  emit<E extends IpcEventName>(event: E, payload: EventPayload<E>): void;
}

export function installFakeSteward(handlers: Handlers, attention: FakeAttention = createFakeAttention()): FakeSteward {
  // The charts' answer is main's downsampling of the test's history, as main builds it.
  const history = handlers.getHistory;
  const derived: Handlers = history ? { getChartHistory: chartHistoryFrom((input) => history(input)) } : {};
  const calls: FakeSteward['calls'] = [];
  const listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();
  const table: Record<string, unknown> = {};
  for (const method of IPC_METHOD_NAMES) {
    table[method] = async (input: unknown): Promise<IpcResult<unknown>> => {
      calls.push({ method, input });
      const handler = (handlers[method] ?? derived[method] ?? DEFAULTS[method] ?? (attention.handlers as Handlers)[method]) as ((i: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: ipcError({ message: `No fake for ${method}.` }) };
      try {
        return { ok: true, value: await handler(input) };
      } catch (e) {
        if (e instanceof Refusal) return { ok: false, error: e.error };
        throw e;
      }
    };
  }
  table.on = (event: IpcEventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  window.steward = table as unknown as StewardBridge;
  attention.onEvent((event, payload) => listeners.get(event)?.forEach((l) => l(payload)));
  return {
    attention,
    calls,
    callsOf: <M extends IpcMethodName>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>),
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
  };
}

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
}

/** `ui` under a query client: a fresh one, or `client` (seeded by the test). */
export function renderWithClient(ui: ReactElement, client: QueryClient = testQueryClient()) {
  const rendered = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return { client, ...rendered, rerender: (next: ReactElement) => rendered.rerender(<QueryClientProvider client={client}>{next}</QueryClientProvider>) };
}

export const iso = (msAgo: number, now = Date.now()) => new Date(now - msAgo).toISOString();

/** The whole fleet as the window holds it after a poll: what the details pane shows while a droplet's details load. */
export function seedFleet(client: QueryClient, droplets: readonly DropletDetails[]): void {
  const listed = droplets.map(({ heartbeats: _none, ...droplet }) => droplet);
  client.setQueryData<FleetSnapshot>(queryKeys.fleet({}), { droplets: listed, total: listed.length, unreadable: [], fetchedAt: iso(0), clockOffsetMs: 0, dialect: 'guide', traceId: null, sync: { stream: 's', version: 1 } });
}

export function details(extra: Partial<DropletDetails> = {}): DropletDetails {
  return {
    id: 7,
    name: 'dew-7',
    steward: 'marta',
    endpoint: 'http://10.0.0.7:8002',
    capabilities: ['storage', 'gpu'],
    status: 'active',
    version: '2.4.1',
    lastHeartbeat: iso(20_000),
    registeredAt: '2026-04-01T08:00:00Z',
    latestMetrics: { cpu_percent: 42.5, memory_mb: 512, requests_last_minute: 120, errors_last_minute: 3 },
    heartbeats: [],
    ...extra,
  };
}

/** jsdom lacks what charts and the clipboard need. */
export function installDomShims(): { clipboard: string[] } {
  const clipboard: string[] = [];
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: (text: string) => {
        clipboard.push(text);
        return Promise.resolve();
      },
    },
  });
  return { clipboard };
}

/**
 * The hooks every Events component test needs: DOM shims, the UI and attention stores reset
 * before each test, and the rendered tree cleaned up after.
 */
export function resetEventsUiAroundEachTest(): void {
  const initialUi = useUi.getState();
  beforeAll(() => installDomShims());
  beforeEach(() => {
    useUi.setState(initialUi, true);
    useAttentionUi.setState({ away: null, focusEventId: null });
  });
  afterEach(cleanup);
}
