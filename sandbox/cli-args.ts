/** Command-line flags of `npm run sandbox`, parsed and checked without side effects. */
import { parseArgs } from 'node:util';
import type { WireDialect } from '../shared/model';

export const USAGE = `Usage: npm run sandbox -- [options]

Runs a local Orchestrator on 127.0.0.1 for Steward and for droplet developers.

Options:
  --port N              port to listen on (default 8010; 0 picks a free port)
  --dialect D           guide (the published API, default) or deployed (production's quirks)
  --fleet N             simulate N droplets (ids from 100) heartbeating with metrics
  --beat-seconds S      simulated heartbeat period (default 60)
  --public-key PATH     trust this PEM public key (default: generate a pair and print its paths)
  --keys-dir DIR        keep the generated pair in DIR and reuse it on the next start
  --inactive-after S    mark a droplet inactive after S seconds without a heartbeat (default 90)
  --monitor-seconds S   how often liveness is checked (default 5; deployed dialect 60)
  --latency MS          add MS milliseconds to every response
  --error-rate R        answer a fraction R (0..1) of requests with 500/503
  --seed N              make the simulated fleet and injected faults repeatable
  --help                show this help
`;

export interface CliOptions {
  port: number;
  dialect: WireDialect;
  fleet: number;
  beatSeconds?: number;
  publicKeyPath?: string;
  keysDir?: string;
  inactiveAfterSeconds?: number;
  monitorSeconds?: number;
  latencyMs?: number;
  errorRate?: number;
  seed?: number;
}

export type CliParse = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseCliArgs(argv: string[]): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        dialect: { type: 'string' },
        fleet: { type: 'string' },
        'beat-seconds': { type: 'string' },
        'public-key': { type: 'string' },
        'keys-dir': { type: 'string' },
        'inactive-after': { type: 'string' },
        'monitor-seconds': { type: 'string' },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (values.help) return { kind: 'help' };

  try {
    const dialect = values.dialect ?? 'guide';
    if (dialect !== 'guide' && dialect !== 'deployed') throw new Error(`--dialect must be guide or deployed, not "${dialect}"`);
    if (values['public-key'] !== undefined && values['keys-dir'] !== undefined) throw new Error('--public-key and --keys-dir cannot be combined');
    return {
      kind: 'run',
      options: {
        port: int('--port', values.port, 0, 65535) ?? 8010,
        dialect,
        fleet: int('--fleet', values.fleet, 0, 100_000) ?? 0,
        beatSeconds: num('--beat-seconds', values['beat-seconds'], (n) => n > 0),
        publicKeyPath: values['public-key'],
        keysDir: values['keys-dir'],
        inactiveAfterSeconds: num('--inactive-after', values['inactive-after'], (n) => n > 0),
        monitorSeconds: num('--monitor-seconds', values['monitor-seconds'], (n) => n > 0),
        latencyMs: num('--latency', values.latency, (n) => n >= 0),
        errorRate: num('--error-rate', values['error-rate'], (n) => n >= 0 && n <= 1),
        seed: int('--seed', values.seed, 0, 2 ** 32 - 1),
      },
    };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

function num(flag: string, text: string | undefined, ok: (n: number) => boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new Error(`${flag}: "${text}" is not an accepted value`);
  return n;
}

function int(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  const n = num(flag, text, (v) => Number.isInteger(v) && v >= min && v <= max);
  return n;
}
