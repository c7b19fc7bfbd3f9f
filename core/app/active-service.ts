/**
 * The one StewardService that is open: the active profile's. Switching closes it first
 * (stopping its keep-alives, and telling the renderer which, and its live feed, releasing its history and log files) and then
 * opens the next; if the next will not open, the previous one is reopened, so Steward is
 * never left without a working profile by a failed switch. Switches run one at a time and
 * calls wait for a switch in progress rather than reach a closing service.
 */
import type { IpcResult } from '../../shared/ipc-contract';
import type { ServiceConfig, ServiceEventListener, StewardService } from './service';
import { appIpcError, SettingsError } from '../profiles/settings-error';
import type { KeepAlive, KeepAlivesStopped } from '../../shared/model';

/** The keep-alives a service runs (none when it cannot say). */
async function keptAlive(service: StewardService): Promise<KeepAlive[]> {
  try {
    return await service.handlers.listKeepAlive(undefined);
  } catch {
    return [];
  }
}

export type CreateService = (config: ServiceConfig) => Promise<StewardService>;

interface Open {
  profileId: string;
  config: ServiceConfig;
  service: StewardService;
  unsubscribe: () => void;
}

export class ActiveService {
  private open: Open | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly create: CreateService,
    private readonly forward: ServiceEventListener,
  ) {}

  profileId(): string | null {
    return this.open?.profileId ?? null;
  }

  service(): StewardService | null {
    return this.open?.service ?? null;
  }

  /**
   * Opens `profileId` with the config `resolve` gives (resolved inside the queue, so it sees
   * the latest settings). A failure to resolve changes nothing; a failure to open restores
   * the previous profile and is rethrown.
   */
  switchTo(profileId: string, resolve: () => Promise<ServiceConfig>): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.closed) throw new SettingsError('internal', 'Steward is shutting down.');
      const config = await resolve();
      const previous = this.open;
      if (previous) await this.shut(previous);
      try {
        this.open = await this.start(profileId, config);
      } catch (e) {
        this.open = previous ? await this.start(previous.profileId, previous.config).catch(() => null) : null;
        throw e;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** A service method, answered by the open service once any switch in progress is done. */
  async dispatch(method: string, input: unknown): Promise<IpcResult<unknown>> {
    await this.chain;
    const open = this.open;
    if (!open) {
      return { ok: false, error: appIpcError(new SettingsError('internal', 'No profile is open.', 'Switch to a profile in the profile settings.')) };
    }
    return open.service.dispatch(method, input);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    const open = this.open;
    this.open = null;
    // Steward is quitting: nobody is left to tell.
    if (open) await this.shut(open, false);
  }

  private async start(profileId: string, config: ServiceConfig): Promise<Open> {
    const service = await this.create(config);
    return { profileId, config, service, unsubscribe: service.onEvent(this.forward) };
  }

  private async shut(open: Open, tell = true): Promise<void> {
    // Closing stops the profile's keep-alives; the renderer is told which (the list's own
    // change event would not reach it: the service is unsubscribed first), so none vanish silently.
    const stopped = tell ? await keptAlive(open.service) : [];
    open.unsubscribe();
    this.open = null;
    await open.service.close();
    if (stopped.length > 0) {
      const payload: KeepAlivesStopped = { profileName: open.config.profileName, dropletIds: stopped.map((k) => k.dropletId) };
      this.forward('keepAlivesStopped', payload);
    }
  }
}
