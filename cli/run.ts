/** Runs one CLI command through the same service the app's IPC handlers use. */
import type { IpcMethodName, IpcResult, MethodInput, MethodOutput } from '../shared/ipc-contract';
import { CHARTED_METRICS, type Metrics } from '../shared/model';
import { createOrchestratorClient } from '../core/orchestrator/client';
import { loadKeyFile } from '../core/signing/keys';
import { createStewardService, type StewardService } from '../core/app/service';
import { toIpcError } from '../core/orchestrator/errors';
import { orchestratorUrlProblem } from '../shared/profile';
import type { Command, Common } from './args';
import { UsageError } from './args';
import type { WatchCommand, WatchIo } from './watch';
import { formatDroplet, formatHeartbeat, formatList, formatRegistered } from './format';

/** Told of something worth saying that does not stop the command (main prints it on stderr). */
export type Warn = (warning: string) => void;

/** The URL checked as the app checks it: credentials in a URL are refused, and the URL is never echoed (it may hold a password). */
function checkedUrl(common: Common): URL {
  if (!common.url) throw new UsageError('no Orchestrator URL: pass --url or set STEWARD_URL');
  const problem = orchestratorUrlProblem(common.url);
  if (problem) throw new UsageError(`--url: ${problem}`);
  return new URL(common.url);
}

function keyPathOf(common: Common): string {
  if (!common.keyPath) throw new UsageError('no private key: pass --key PEM or set STEWARD_KEY');
  return common.keyPath;
}

/** `steward watch`: runs until `io.signal` aborts. */
export async function watchCommand(common: Common, command: WatchCommand, io: WatchIo): Promise<void> {
  const url = checkedUrl(common);
  const { watch } = await import('./watch');
  await watch({ ...common, url: url.toString(), keyPath: keyPathOf(common) }, command, io);
}

export async function runCommand(common: Common, command: Exclude<Command, { name: 'help' | 'watch' }>, warn: Warn = () => undefined): Promise<string> {
  const url = checkedUrl(common);
  if (command.name === 'health') return health(common, url.toString());
  keyPathOf(common);
  const service = await createStewardService({
    profileName: 'cli',
    orchestratorUrl: url.toString(),
    dialect: common.dialect,
    identityDropletId: common.identity,
    steward: common.steward,
    privateKeyPem: await loadKeyFile(keyPathOf(common)),
    pollIntervalMs: 10_000,
    embeddedSandbox: false,
    appVersion: 'cli',
    timeoutMs: common.timeoutMs,
    liveUpdates: false,
    // `steward probe` probes once, when asked: no schedule.
    probes: { tickMs: 0 },
  });
  try {
    return await execute(service, common.json, command, warn);
  } finally {
    await service.close();
  }
}

async function execute(service: StewardService, json: boolean, command: Exclude<Command, { name: 'help' | 'health' | 'watch' }>, warn: Warn): Promise<string> {
  const out = (value: unknown, text: string) => (json ? JSON.stringify(value, null, 2) : text);
  switch (command.name) {
    case 'list': {
      const filters = { ...(command.status ? { status: command.status } : {}), ...(command.capability ? { capability: command.capability } : {}) };
      const snap = await invoke(service, 'listDroplets', filters);
      const unreadable = snap.unreadable.length ? `${snap.unreadable.length} entries could not be read: ${snap.unreadable.join('; ')}` : null;
      // A script wants the fleet, not how the app keeps its copy in step (base, patches, sync).
      if (json) {
        if (unreadable) warn(unreadable);
        return JSON.stringify({ droplets: snap.droplets, total: snap.total }, null, 2);
      }
      return formatList(snap.droplets, snap.total) + (unreadable ? `\nwarning: ${unreadable}` : '');
    }
    case 'get': {
      const view = await invoke(service, 'getDroplet', { id: command.id });
      return out(view, formatDroplet(view.droplet, view.note));
    }
    case 'register': {
      const reg = {
        id: command.id,
        name: command.dropletName,
        endpoint: command.endpoint,
        capabilities: command.capabilities,
        ...(command.steward !== undefined ? { steward: command.steward } : {}),
        ...(command.version !== undefined ? { version: command.version } : {}),
        ...(command.status !== undefined ? { status: command.status } : {}),
      };
      const ack = await invoke(service, 'registerDroplet', reg);
      return out(ack, formatRegistered(ack));
    }
    case 'probe': {
      const { probeCommand } = await import('./probe');
      return probeCommand(service, command.ids, json, warn);
    }
    case 'heartbeat': {
      const unknown = unknownMetrics(command.metrics);
      if (unknown.length) warn(`${unknown.map((m) => `"${m}"`).join(', ')} ${unknown.length === 1 ? 'is not a metric' : 'are not metrics'} Steward charts (${CHARTED_METRICS.join(', ')}); sent as given`);
      const input = { id: command.id, status: command.status, ...(Object.keys(command.metrics).length ? { metrics: command.metrics } : {}) };
      const ack = await invoke(service, 'sendHeartbeat', input);
      return out(ack, formatHeartbeat(command.id, ack));
    }
  }
}

/** Metric names outside the four the guide's heartbeat carries: often a typo (cpu_pct). */
function unknownMetrics(metrics: Metrics): string[] {
  return Object.keys(metrics).filter((m) => !(CHARTED_METRICS as readonly string[]).includes(m));
}

/** The public routes need no key, so no signer is made for them. */
async function health(common: Common, baseUrl: string): Promise<string> {
  const client = createOrchestratorClient({
    baseUrl,
    dialect: common.dialect,
    identityDropletId: common.identity,
    timeoutMs: common.timeoutMs,
    signer: {
      tokenFor: () => Promise.reject(new Error('health needs no token')),
      invalidate: () => undefined,
    },
  });
  try {
    const [h, v] = await Promise.all([client.health(), client.version()]);
    if (common.json) return JSON.stringify({ health: h.body, version: v.body }, null, 2);
    const line = (label: string, body: Record<string, unknown>) => `${label}: ${Object.entries(body).map(([k, val]) => `${k}=${typeof val === 'object' ? JSON.stringify(val) : String(val)}`).join(' ')}`;
    return [line('health', h.body), line('version', v.body)].join('\n');
  } catch (e) {
    throw new Error(describe(toIpcError(e)), { cause: e });
  }
}

/** dispatch validates the input against the contract, as it does for the app's IPC. */
async function invoke<M extends IpcMethodName>(service: StewardService, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return unwrap(await service.dispatch(method, input)) as MethodOutput<M>;
}

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new Error(describe(result.error));
}

function describe(e: { message: string; status: number | null; traceId: string | null; hint: string | null }): string {
  const parts = [e.message];
  if (e.status !== null) parts.push(`(HTTP ${e.status}${e.traceId ? `, trace ${e.traceId}` : ''})`);
  if (e.hint) parts.push(`— ${e.hint}`);
  return parts.join(' ');
}
