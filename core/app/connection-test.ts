/**
 * "Test connection": the URL, then reachability (GET /health), then the other public route
 * (GET /management/version), then an authenticated fleet list signed with the profile's
 * key. Stops at the first step that fails and says which, and why, in the words the rest
 * of Steward uses for the same failure.
 *
 * A stored key is lent to a test only on its own terms: tokens live at most a minute, and a
 * URL whose origin is not the one saved with the key needs the steward's yes first, asked
 * before any request leaves (a draft could otherwise send the key's tokens anywhere).
 */
import type { ConnectionStep, ConnectionStepName, ConnectionTestResult } from '../../shared/profile';
import { orchestratorUrlProblem } from '../../shared/profile';
import { isRecord } from '../../shared/udc';
import { createOrchestratorClient, type PublicInfo } from '../orchestrator/client';
import { inlineFleetDecoder } from '../fleet/decoder';
import { readFleet } from '../fleet/read-fleet';
import { appIpcError } from '../profiles/settings-error';
import { signerClaimsFor, type ConnectionSettings } from './profile-config';
import { createSigner, type Signer, type TokenSource } from '../signing/signer';

/** A test token is used for a handful of requests: a minute (exp - iat) is plenty, and a stray one soon goes stale. */
export const TEST_TOKEN_MAX_SECONDS = 60;
/** `iat` backdating for clocks a little behind ours; it counts within the minute. */
const TEST_TOKEN_SKEW_SECONDS = 5;

/** Where a stored key belongs: the profile it was saved with, and that profile's saved URL. */
export interface KeyHome {
  profileName: string;
  savedUrl: string;
}

export interface ConnectionTarget extends ConnectionSettings {
  /** The private key to sign with; may reject (no key yet, not decryptable), which fails the authenticated step. */
  privateKey(): Promise<string>;
  /** Set when the key is a stored profile's: it signs for another origin only with the steward's yes. */
  keyHome?: KeyHome | null;
}

/** Asks the steward (a native dialog naming the host) whether a profile's key may sign for `host`. */
export type ConfirmForeignHost = (host: string, profileName: string) => Promise<boolean>;

export interface ConnectionTestOptions {
  fetch?: typeof fetch;
  /** Per request (default 5 s: a test should answer quickly). */
  timeoutMs?: number;
  /** Epoch milliseconds, for token times. */
  now?: () => number;
  /** Monotonic milliseconds, for step durations. */
  clock?: () => number;
  /** Without it, a stored key never signs for a host other than its own. */
  confirmForeignHost?: ConfirmForeignHost;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export async function testConnection(target: ConnectionTarget, opts: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
  const clock = opts.clock ?? (() => performance.now());
  const steps: ConnectionStep[] = [];
  /** Runs a step; answers whether the test goes on. */
  const run = async (step: ConnectionStepName, fn: () => Promise<{ message: string; hint?: string | null }>): Promise<boolean> => {
    const start = clock();
    try {
      const { message, hint } = await fn();
      steps.push({ step, ok: true, message, hint: hint ?? null, ms: elapsed(start, clock) });
      return true;
    } catch (e) {
      const error = appIpcError(e);
      steps.push({ step, ok: false, message: e instanceof StepFailure ? e.message : error.message, hint: e instanceof StepFailure ? e.hint : error.hint, ms: elapsed(start, clock) });
      return false;
    }
  };
  const done = (): ConnectionTestResult => {
    const failed = steps.find((s) => !s.ok);
    return { ok: !failed, steps, failedStep: failed?.step ?? null };
  };

  const url = target.orchestratorUrl.trim();
  const urlOk = await run('url', async () => {
    const problem = orchestratorUrlProblem(url);
    if (problem) throw new StepFailure(problem, 'Use the address the Orchestrator serves on, e.g. http://localhost:8000.');
    const parsed = new URL(url);
    if (target.keyHome) await requireKeyConsent(parsed, target.keyHome, opts.confirmForeignHost);
    const plainHttp = parsed.protocol === 'http:' && !LOOPBACK.test(parsed.hostname);
    return {
      message: `${url} is a valid ${parsed.protocol.slice(0, -1)} URL.`,
      hint: plainHttp ? 'Plain http: tokens cross the network unencrypted. Prefer https outside a trusted network.' : null,
    };
  });
  if (!urlOk) return done();

  let signer: Signer | null = null;
  // The key is read only when the authenticated step needs it, so a keyless profile still tests its URL.
  const lazySigner: TokenSource = {
    tokenFor: async (id) => {
      signer ??= createSigner({
        privateKeyPem: await target.privateKey(),
        lifetimeSeconds: Math.min(target.tokenLifetimeSeconds, TEST_TOKEN_MAX_SECONDS - TEST_TOKEN_SKEW_SECONDS),
        skewSeconds: TEST_TOKEN_SKEW_SECONDS,
        claims: { ...(target.steward ? { steward: target.steward } : {}), ...signerClaimsFor(target.claims) },
        now: opts.now,
      });
      return signer.tokenFor(id);
    },
    invalidate: (id) => signer?.invalidate(id),
    get fingerprint() {
      return signer?.fingerprint;
    },
  };
  const client = createOrchestratorClient({
    baseUrl: url,
    signer: lazySigner,
    identityDropletId: target.identityDropletId,
    dialect: target.dialect,
    timeoutMs: opts.timeoutMs ?? 5_000,
    retry: { attempts: 1 },
    fetch: opts.fetch,
    now: opts.now,
  });

  const reached = await run('reachability', async () => {
    const info = await client.health();
    const status = textField(info, 'status');
    return { message: `The Orchestrator answered GET /health${status ? ` (status: ${status})` : ''}.` };
  });
  if (!reached) return done();

  const versioned = await run('version', async () => {
    const info = await client.version();
    const version = textField(info, 'version');
    return { message: `GET /management/version answered${version ? `: version ${version}` : ''}.` };
  });
  if (!versioned) return done();

  await run('authenticated', async () => {
    // Read as every fleet list is read; inline, since a test has no worker and keeps no copy.
    const { update } = await readFleet(client, inlineFleetDecoder(), {}, { nowMs: (opts.now ?? Date.now)() });
    const key = signer ? `${signer.algorithm} key ${signer.fingerprint}` : 'the profile key';
    return {
      message: `Signed a token for droplet ${target.identityDropletId} with ${key}; the Orchestrator listed ${update.total} droplet${update.total === 1 ? '' : 's'} (${update.dialect} dialect).`,
    };
  });
  return done();
}

/** A step's own failure, in words already meant for the steward. */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly hint: string | null,
  ) {
    super(message);
  }
}

/** Throws (a plain refusal, before any request) unless the key may sign for `url`: its own origin, or the steward said yes. */
async function requireKeyConsent(url: URL, home: KeyHome, confirm: ConfirmForeignHost | undefined): Promise<void> {
  const host = foreignHost(url, home.savedUrl);
  if (host === null || (confirm && (await confirm(host, home.profileName)))) return;
  throw new StepFailure(
    `Not tested: you did not allow the key for ${host}.`,
    `The key of “${home.profileName}” signs without asking only for its saved URL. Save the profile with this URL to make it the key's own.`,
  );
}

/** The host `url` names when its origin is not the saved URL's (an unparsable saved URL counts as foreign); null when it is the same. */
export function foreignHost(url: URL, savedUrl: string): string | null {
  let saved: URL;
  try {
    saved = new URL(savedUrl);
  } catch {
    return url.host;
  }
  return url.origin === saved.origin ? null : url.host;
}

function elapsed(start: number, clock: () => number): number {
  return Math.max(0, Math.round(clock() - start));
}

/** A string field of a public answer, whether it came bare or in an envelope's payload. */
function textField(info: PublicInfo, name: string): string | null {
  const direct = info.body[name];
  if (typeof direct === 'string' || typeof direct === 'number') return String(direct);
  const payload = info.body.payload;
  if (isRecord(payload)) {
    const inner = payload[name];
    if (typeof inner === 'string' || typeof inner === 'number') return String(inner);
  }
  return null;
}
