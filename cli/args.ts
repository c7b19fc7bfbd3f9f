/** Command-line parsing for `steward`: commands, flags, and the usage text. */
import { parseArgs } from 'node:util';
import { DialectSettingSchema, ReportableStatusSchema, type DialectSetting, type Metrics, type ReportableStatus } from '../shared/model';
import { errorText } from '../shared/error-text';
import type { WatchCommand } from './watch';

export const USAGE = `Usage: steward <command> [options]

Commands:
  list [--status S] [--capability C]      List droplets (Orchestrator-side filters)
  get ID                                  Show one droplet (falls back to the list if details fail)
  register --id N --name NAME --endpoint URL [--steward S] [--capabilities a,b]
           [--version V] [--status S]     Register or update a droplet (retried on 5xx);
                                          options left out keep what the Orchestrator holds
  heartbeat ID [--status S] [--metric name=value ...]
                                          Send one heartbeat for droplet ID. Metrics Steward
                                          charts: cpu_percent, memory_mb, requests_last_minute,
                                          errors_last_minute (others are sent, with a warning)
  health                                  Call the public /health and /management/version routes
  watch [--interval S] [--status S] [--capability C] [--hold S] [--group S]
                                          Print one line per fleet event (went inactive, late,
                                          recovered, ...) until Ctrl-C; JSON lines with --json.
                                          --interval: seconds between reads (default 10);
                                          --status/--capability: only those droplets' events;
                                          --hold: flip-back damping (default 120); --group:
                                          burst window (default 10)
  probe [ID ...]                          Ask droplets' own /health, /state, /capabilities and
                                          /dependencies once (all listed droplets when no ID);
                                          exit 0 when it could ask, whatever they answered

Common options:
  --url URL          Orchestrator base URL            (env STEWARD_URL)
  --key PEM          private key file (PKCS#8 or PKCS#1 RSA, EC P-256)  (env STEWARD_KEY)
  --droplet ID       droplet the list and details are signed as (default 1)  (env STEWARD_DROPLET);
                     register and heartbeat are always signed for the droplet they write
  --steward NAME     steward name claim in tokens
  --dialect D        guide | deployed | auto (default auto)
  --timeout MS       per-request timeout (default 10000)
  --json             print JSON instead of text
  -h, --help         show this help
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `steward` with no command: the usage is the answer, and the exit code says it was a mistake. */
export class MissingCommand extends UsageError {}

export interface Common {
  url: string;
  keyPath: string | null;
  identity: number;
  steward: string | undefined;
  dialect: DialectSetting;
  timeoutMs: number;
  json: boolean;
}

export type Command =
  | { name: 'help' }
  | { name: 'list'; status?: string; capability?: string }
  | { name: 'get'; id: number }
  | { name: 'register'; id: number; dropletName: string; endpoint: string; steward?: string; capabilities: string[]; version?: string; status?: ReportableStatus }
  | { name: 'heartbeat'; id: number; status: ReportableStatus; metrics: Metrics }
  | { name: 'health' }
  | WatchCommand
  | { name: 'probe'; ids: number[] };

const options = {
  url: { type: 'string' },
  key: { type: 'string' },
  droplet: { type: 'string' },
  steward: { type: 'string' },
  dialect: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  status: { type: 'string' },
  capability: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  endpoint: { type: 'string' },
  capabilities: { type: 'string' },
  version: { type: 'string' },
  metric: { type: 'string', multiple: true },
  interval: { type: 'string' },
  hold: { type: 'string' },
  group: { type: 'string' },
} as const;

/** Seconds as a number in [min, max] (fractions allowed: `--interval 0.5`). */
function seconds(text: string | undefined, what: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${what} must be a number of seconds from ${min} to ${max}, not "${text}"`);
  return n;
}

function positiveInt(text: string | undefined, what: string): number {
  if (text === undefined) throw new UsageError(`${what} is required`);
  if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) throw new UsageError(`${what} must be a positive integer, not "${text}"`);
  return Number(text);
}

function status(text: string | undefined, fallback?: ReportableStatus): ReportableStatus | undefined {
  if (text === undefined) return fallback;
  const r = ReportableStatusSchema.safeParse(text);
  if (!r.success) throw new UsageError(`--status must be one of ${ReportableStatusSchema.options.join(', ')}, not "${text}"`);
  return r.data;
}

/** `--metric cpu_percent=12.5` -> { cpu_percent: 12.5 }; non-numbers stay strings. */
export function parseMetrics(items: readonly string[]): Metrics {
  const metrics: Metrics = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--metric takes name=value, not "${item}"`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    const num = Number(raw);
    metrics[key] = raw !== '' && Number.isFinite(num) ? num : raw;
  }
  return metrics;
}

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): { common: Common; command: Command } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(errorText(e).split('\n')[0]!);
  }
  const { values: v, positionals } = parsed;
  const [name, ...rest] = positionals;
  const dialect = DialectSettingSchema.safeParse(v.dialect ?? env.STEWARD_DIALECT ?? 'auto');
  if (!dialect.success) throw new UsageError(`--dialect must be guide, deployed or auto, not "${v.dialect}"`);
  const common: Common = {
    url: v.url ?? env.STEWARD_URL ?? '',
    keyPath: v.key ?? env.STEWARD_KEY ?? null,
    identity: positiveInt(v.droplet ?? env.STEWARD_DROPLET ?? '1', '--droplet'),
    steward: v.steward ?? env.STEWARD_NAME,
    dialect: dialect.data,
    timeoutMs: positiveInt(v.timeout ?? '10000', '--timeout'),
    json: v.json ?? false,
  };
  if (v.help || name === 'help') return { common, command: { name: 'help' } };
  if (name === undefined) throw new MissingCommand('no command given');
  const extra = (n: number) => {
    if (rest.length > n) throw new UsageError(`unexpected argument "${rest[n]}"`);
  };
  switch (name) {
    case 'list':
      extra(0);
      return { common, command: { name, status: v.status, capability: v.capability } };
    case 'get':
      extra(1);
      return { common, command: { name, id: positiveInt(rest[0], 'droplet ID') } };
    case 'heartbeat':
      extra(1);
      return { common, command: { name, id: positiveInt(rest[0], 'droplet ID'), status: status(v.status, 'active')!, metrics: parseMetrics(v.metric ?? []) } };
    case 'register': {
      extra(0);
      if (!v.name) throw new UsageError('--name is required');
      if (!v.endpoint) throw new UsageError('--endpoint is required');
      const capabilities = (v.capabilities ?? '').split(',').map((c) => c.trim()).filter(Boolean);
      return { common, command: { name, id: positiveInt(v.id, '--id'), dropletName: v.name, endpoint: v.endpoint, steward: v.steward, capabilities, version: v.version, status: status(v.status) } };
    }
    case 'health':
      extra(0);
      return { common, command: { name } };
    case 'watch':
      extra(0);
      return {
        common,
        command: {
          name,
          intervalSeconds: seconds(v.interval, '--interval', 10, 0.2, 3600),
          status: v.status,
          capability: v.capability,
          holdSeconds: Math.round(seconds(v.hold, '--hold', 120, 0, 3600)),
          groupSeconds: Math.round(seconds(v.group, '--group', 10, 0, 600)),
        },
      };
    case 'probe':
      return { common, command: { name, ids: rest.map((r) => positiveInt(r, 'droplet ID')) } };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}
