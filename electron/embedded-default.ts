/**
 * The embedded default: with nothing configured, Steward starts the sandbox Orchestrator
 * in-process on a free 127.0.0.1 port, trusting a key pair made for this run (P-256), with a
 * simulated fleet, so a steward sees a live fleet within seconds.
 */
import { join } from 'node:path';
import { generateKeyPair } from '../core/signing/keys';
import type { ServiceConfig } from '../core/app/service';
import { startSandbox } from '../sandbox/index';

export const EMBEDDED_PROFILE_NAME = 'Local sandbox';
const EMBEDDED_FLEET_SIZE = 24;
const IDENTITY_DROPLET_ID = 1;
const POLL_INTERVAL_MS = 10_000;

export interface EmbeddedDefault {
  config: ServiceConfig;
  close(): Promise<void>;
}

export async function startEmbeddedDefault(opts: { appVersion: string; userDataDir: string }): Promise<EmbeddedDefault> {
  // ES256: made in under a millisecond, where an RSA pair takes 100-900 ms of the launch.
  const keys = generateKeyPair('ES256');
  const sandbox = await startSandbox({ port: 0, dialect: 'guide', fleet: EMBEDDED_FLEET_SIZE, publicKeyPem: keys.publicKeyPem });
  const config: ServiceConfig = {
    profileName: EMBEDDED_PROFILE_NAME,
    orchestratorUrl: sandbox.url,
    // Known, since we started it: detection would only add a round trip.
    dialect: 'guide',
    identityDropletId: IDENTITY_DROPLET_ID,
    privateKeyPem: keys.privateKeyPem,
    pollIntervalMs: POLL_INTERVAL_MS,
    dataDir: join(opts.userDataDir, 'profiles', 'local-sandbox'),
    embeddedSandbox: true,
    appVersion: opts.appVersion,
  };
  return { config, close: () => sandbox.close() };
}
