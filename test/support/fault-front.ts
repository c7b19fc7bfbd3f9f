/**
 * The fault matrix's rig: a real sandbox Orchestrator behind a small front server that either
 * passes requests through or misbehaves in a scripted way, and the real Steward service in
 * front of it. Tests switch the front's behaviour to a fault, call `service.dispatch` as the
 * renderer would, then switch it back and check Steward recovers on the next call by itself.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { generateKeyPair, type KeyPair } from '../../core/signing/keys';
import { createStewardService, type ServiceConfig, type StewardService } from '../../core/app/service';
import type { FleetSnapshot } from '../../shared/fleet-update';
import type { IpcError, IpcResult } from '../../shared/ipc-contract';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';

/** Answers a request itself instead of passing it to the sandbox. */
export type Misbehaviour = (req: IncomingMessage, res: ServerResponse) => void;

export interface FaultFront {
  url: string;
  port: number;
  /** A fault to apply to every request from now on; null to pass requests through again. */
  behave(m: Misbehaviour | null): void;
  /** Where requests go when passed through. */
  target(url: string): void;
  /** Requests the front received. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * `clock`, when given, stamps passed-through answers' Date header from it, as a server whose
 * clock is off would.
 */
export async function startFront(targetUrl: string, clock?: () => number): Promise<FaultFront> {
  let misbehaviour: Misbehaviour | null = null;
  let target = new URL(targetUrl);
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests++;
    const m = misbehaviour;
    if (m) {
      // Drain the request first, as a real server would, so the client is not left writing.
      req.resume();
      req.on('end', () => m(req, res));
      return;
    }
    passThrough(req, res, target, clock);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    behave: (m) => {
      misbehaviour = m;
    },
    target: (url) => {
      target = new URL(url);
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function passThrough(req: IncomingMessage, res: ServerResponse, target: URL, clock?: () => number): void {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      const headers = { ...answer.headers };
      if (clock) headers.date = new Date(clock()).toUTCString();
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"detail":"front: upstream unreachable"}');
  });
  req.pipe(upstream);
}

/** A JSON answer with the given status. */
export function answer(status: number, body: unknown, headers: Record<string, string> = {}): Misbehaviour {
  return (_req, res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
}

/** Any text with a content type. */
export function text(status: number, contentType: string, body: string): Misbehaviour {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

export const KEY: KeyPair = generateKeyPair('ES256');

export interface Rig {
  sandbox: RunningSandbox;
  front: FaultFront;
  service: StewardService;
  /** `service.dispatch('listDroplets', {})`, as the fleet view's poll does it. */
  poll(): Promise<IpcResult<unknown>>;
  close(): Promise<void>;
}

export const TIMEOUT_MS = 1_000;

export const FLEET = 5;

export async function startRig(opts: { sandbox?: SandboxOptions; service?: Partial<ServiceConfig>; serverClock?: () => number } = {}): Promise<Rig> {
  const sandbox = await startSandbox({ port: 0, publicKeyPem: KEY.publicKeyPem, fleet: FLEET, seed: 3, now: opts.serverClock, ...opts.sandbox });
  const front = await startFront(sandbox.url, opts.serverClock);
  const service = await serviceFor(front.url, opts.service);
  return {
    sandbox,
    front,
    service,
    poll: () => service.dispatch('listDroplets', {}),
    async close() {
      await service.close();
      await front.close();
      await sandbox.close();
    },
  };
}

export function serviceFor(url: string, over: Partial<ServiceConfig> = {}): Promise<StewardService> {
  return createStewardService({
    profileName: 'faults',
    orchestratorUrl: url,
    dialect: 'auto',
    identityDropletId: 1,
    steward: 'faults',
    privateKeyPem: KEY.privateKeyPem,
    pollIntervalMs: 10_000,
    embeddedSandbox: false,
    appVersion: 'test',
    liveUpdates: false,
    timeoutMs: TIMEOUT_MS,
    sleep: async () => undefined,
    ...over,
  });
}

export function failure(r: IpcResult<unknown>): IpcError {
  if (r.ok) throw new Error(`expected a failure, got a snapshot of ${(r.value as FleetSnapshot).droplets.length} droplets`);
  return r.error;
}

export function snapshot(r: IpcResult<unknown>): FleetSnapshot {
  if (!r.ok) throw new Error(`expected a snapshot, got ${r.error.kind}: ${r.error.message}`);
  return r.value as FleetSnapshot;
}

/** Collects unhandled rejections and uncaught exceptions while installed. */
export function watchForCrashes(): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onRejection = (reason: unknown) => problems.push(`unhandledRejection: ${describe(reason)}`);
  const onException = (error: unknown) => problems.push(`uncaughtException: ${describe(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    problems,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Lets pending callbacks (and any rejection they would leave unhandled) run. */
export function settle(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
