/**
 * The fault matrix, part 2: an Orchestrator that is not there, cannot be found, restarts
 * empty, or keeps a different time. Each case checks what the steward reads, that Steward
 * keeps working and recovers by itself, and that nothing is left unhandled.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StewardService } from '../../../../core/app/service';
import type { Sample } from '../../../../shared/model';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';
import { closedPort } from '../../../support/tiny-server';
import { failure, FLEET, KEY, serviceFor, settle, snapshot, startRig, watchForCrashes, type Rig } from '../../../support/fault-front';

const crashes = watchForCrashes();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  await settle();
  expect(crashes.problems).toEqual([]);
});
afterAll(() => crashes.stop());

async function sandboxOn(port: number, fleet: number): Promise<RunningSandbox> {
  const sb = await startSandbox({ port, publicKeyPem: KEY.publicKeyPem, fleet, seed: 5 });
  cleanup.push(() => sb.close());
  return sb;
}

async function service(url: string, over: Parameters<typeof serviceFor>[1] = {}): Promise<StewardService> {
  const s = await serviceFor(url, over);
  cleanup.push(() => s.close());
  return s;
}

const poll = (s: StewardService) => s.dispatch('listDroplets', {});

describe('fault matrix: an Orchestrator that cannot be reached', () => {
  it('connection refused: says nothing listens there, then recovers once the Orchestrator starts', async () => {
    const port = await closedPort();
    // The live feed is on too: its failed connects must not leak either.
    const s = await service(`http://127.0.0.1:${port}`, { liveUpdates: true });
    const e = failure(await poll(s));
    expect(e).toMatchObject({ kind: 'network', status: null, message: `Could not reach the Orchestrator at 127.0.0.1:${port}: connection refused.` });
    expect(e.hint).toMatch(/Check the Orchestrator URL in the profile and that the Orchestrator is running/);
    expect(failure(await poll(s)).kind).toBe('network');

    await sandboxOn(port, FLEET);
    expect(snapshot(await poll(s)).droplets).toHaveLength(FLEET);
  });

  it('DNS failure: names the host that could not be found, then recovers once the name resolves', async () => {
    const sb = await sandboxOn(0, FLEET);
    // Stands in for the resolver: real DNS (which fails for .invalid) until the name "comes back".
    let resolves = false;
    const viaDns: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (resolves) url.host = new URL(sb.url).host;
      return fetch(url, init);
    };
    const s = await service('http://orchestrator.invalid:8000', { fetch: viaDns });
    const e = failure(await poll(s));
    expect(e).toMatchObject({
      kind: 'network',
      message: 'Could not reach the Orchestrator at orchestrator.invalid:8000: the name "orchestrator.invalid" could not be found (DNS).',
    });
    expect(e.hint).toMatch(/host name in the Orchestrator URL and this computer's network connection/);

    resolves = true;
    expect(snapshot(await poll(s)).droplets).toHaveLength(FLEET);
  });
});

describe('fault matrix: the Orchestrator restarts with an empty registry', () => {
  it('shows the empty list without failing, keeps the history it had, and reports an old droplet as not known', async () => {
    const first = await sandboxOn(0, FLEET);
    const s = await service(first.url, { liveUpdates: true });
    const before = snapshot(await poll(s));
    expect(before.droplets).toHaveLength(FLEET);
    const id = before.droplets[0]!.id;
    const history = async (): Promise<Sample[]> => {
      const r = await s.dispatch('getHistory', { id });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { samples: Sample[] }).samples;
    };
    const kept = await history();
    expect(kept.length).toBeGreaterThan(0);

    // Down: polls fail as refused, and nothing else breaks.
    await first.close();
    expect(failure(await poll(s)).kind).toBe('network');

    // Back on the same address, remembering nothing.
    await sandboxOn(first.port, 0);
    const after = snapshot(await poll(s));
    expect(after.droplets).toEqual([]);
    expect(after.total).toBe(0);
    expect(await history()).toEqual(kept);

    const gone = failure(await s.dispatch('getDroplet', { id }));
    expect(gone).toMatchObject({ kind: 'not_found', message: `The Orchestrator does not know droplet ${id} (404: Droplet ${id} not found).` });
  });
});

describe('fault matrix: the Orchestrator keeps a different time', () => {
  const HOURS = 3 * 3_600_000;
  let rig: Rig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('its clock hours ahead: the 401 names the clock skew, and polls recover once the clock is fixed', async () => {
    let offset = HOURS;
    rig = await startRig({ serverClock: () => Date.now() + offset });
    const e = failure(await rig.poll());
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.hint).toMatch(/^The Orchestrator's clock is 3 h ahead of this computer's \(by its Date header\), so the tokens Steward signs look already expired to it\. Set the right time/);

    offset = 0;
    expect(snapshot(await rig.poll()).droplets).toHaveLength(FLEET);
  });

  it('its clock hours behind: tokens still work where iat is not checked, and its times are moved onto this computer’s clock', async () => {
    // The deployed Orchestrator (python-jose) does not check iat; the sandbox does by default.
    rig = await startRig({ serverClock: () => Date.now() - HOURS, sandbox: { iatLeewaySeconds: Infinity } });
    const list = snapshot(await rig.poll());
    expect(list.droplets).toHaveLength(FLEET);
    // The offset is reported (for the window to say so) and already applied: the fleet's beats
    // are minutes old on this computer's clock, not hours, so nothing looks late for it.
    expect(Math.abs(list.clockOffsetMs + HOURS)).toBeLessThan(5_000);
    const beats = list.droplets.filter((d) => d.lastHeartbeat !== null).map((d) => Date.now() - Date.parse(d.lastHeartbeat!));
    expect(beats.length).toBeGreaterThan(0);
    expect(Math.min(...beats)).toBeLessThan(2 * 60_000);
  });

  it('its clock hours behind, checking iat: the 401 blames the clock', async () => {
    rig = await startRig({ serverClock: () => Date.now() - HOURS });
    const e = failure(await rig.poll());
    expect(e.status).toBe(401);
    expect(e.hint).toMatch(/^The Orchestrator's clock is 3 h behind this computer's \(by its Date header\), so the tokens Steward signs look issued in the future to it\./);
  });

  it('a server whose clock agrees reports no offset', async () => {
    rig = await startRig();
    expect(snapshot(await rig.poll()).clockOffsetMs).toBe(0);
  });

  it('a 401 from a server whose clock agrees does not blame the clock', async () => {
    rig = await startRig();
    rig.front.behave((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"detail":"Could not validate credentials"}');
    });
    const e = failure(await rig.poll());
    expect(e.hint).not.toMatch(/clock is .* (ahead|behind)/);
    expect(e.hint).toMatch(/trusts this profile's public key/);
  });
});
