/** A profile's service as the bench runs it bare (no controller, no page); loads no Playwright, so a child process can run it alone. */
import { createStewardService, type ServiceConfig, type StewardService } from '../../core/app/service';
import type { KeyPair } from '../../core/signing/keys';
import { benchTempDir } from './temp-dirs';

/** A profile's service alone (no controller, no page), over `url`. */
export async function stewardService(url: string, key: KeyPair, over: Partial<ServiceConfig> = {}): Promise<StewardService> {
  return createStewardService({
    profileName: 'bench',
    orchestratorUrl: url,
    dialect: 'guide',
    identityDropletId: 1,
    steward: 'bench',
    privateKeyPem: key.privateKeyPem,
    pollIntervalMs: 1_000,
    dataDir: benchTempDir(),
    embeddedSandbox: false,
    appVersion: 'bench',
    ...over,
  });
}
