/**
 * A profile's settings as the signer and the service take them. Kept apart so the
 * controller and the connection test sign exactly the same tokens.
 */
import { join } from 'node:path';
import { ensurePrivateDir } from '../fs/private-fs';
import { LOG_FILES_KEPT, type ClaimTemplate, type Limits, type ProfileSettings } from '../../shared/profile';
import type { ServiceConfig } from './service';
import type { SignerClaims } from '../signing/signer';

/** An empty permissions list sends no `permissions` claim; null iss/sub send none. */
export function signerClaimsFor(claims: ClaimTemplate): SignerClaims {
  return {
    ...(claims.permissions.length > 0 ? { permissions: [...claims.permissions] } : {}),
    ...(claims.iss !== null && claims.iss !== '' ? { iss: claims.iss } : {}),
    ...(claims.sub !== null && claims.sub !== '' ? { sub: claims.sub } : {}),
    ...(Object.keys(claims.extra).length > 0 ? { extra: structuredClone(claims.extra) } : {}),
  };
}

/** A profile's history and log limits as the service takes them. */
export function serviceLimitsFor(limits: Limits): Required<Pick<ServiceConfig, 'historySamplesPerDroplet' | 'historyTotalSamples' | 'commsLogCapacity' | 'commsLogFileBytes' | 'commsLogFiles'>> {
  return {
    historySamplesPerDroplet: limits.historySamplesPerDroplet,
    historyTotalSamples: limits.historyTotalSamples,
    commsLogCapacity: limits.logEntriesInMemory,
    commsLogFileBytes: limits.logFileMegabytes * 1024 * 1024,
    commsLogFiles: LOG_FILES_KEPT,
  };
}

/** Where a profile's service keeps its communications log and metric history. */
export function profileDataDir(dataDir: string, profileId: string): string {
  // Profile ids are [a-z0-9-] by schema, so this cannot leave the profiles folder.
  return join(dataDir, 'profiles', profileId);
}

/**
 * profileDataDir, made ready: profiles/ and the profile's own folder are 0700, created so or
 * narrowed to it if an older Steward made them 0755. The data folder above is the steward's
 * choice and left as it is.
 */
export async function ensureProfileDataDir(dataDir: string, profileId: string): Promise<string> {
  const dir = profileDataDir(dataDir, profileId);
  await ensurePrivateDir(join(dataDir, 'profiles'), { tighten: true });
  await ensurePrivateDir(dir, { tighten: true });
  return dir;
}

export type ConnectionSettings = Pick<ProfileSettings, 'orchestratorUrl' | 'dialect' | 'identityDropletId' | 'steward' | 'claims' | 'tokenLifetimeSeconds'>;
