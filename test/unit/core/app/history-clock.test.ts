/**
 * The metric history against a real sandbox whose clock is a day behind this computer's: each
 * details answer moves its beats onto our clock by that answer's offset estimate, which jitters
 * (the Date header's 1-second grain, plus up to half a second here). A beat is still one sample.
 */
import { afterEach, expect, it } from 'vitest';
import type { StewardService } from '../../../../core/app/service';
import type { DropletView, Sample } from '../../../../shared/model';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';
import { KEY, serviceFor, snapshot, startFront, type FaultFront } from '../../../support/fault-front';

const DAY = 24 * 3_600_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function ok<T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

it('repeated details fetches with this computer a day ahead and a jittering offset estimate do not grow the history', async () => {
  // The deployed Orchestrator does not check iat; a server a day behind would otherwise refuse every token.
  const sandbox: RunningSandbox = await startSandbox({ port: 0, publicKeyPem: KEY.publicKeyPem, fleet: 3, seed: 3, now: () => Date.now() - DAY, iatLeewaySeconds: Infinity });
  closers.push(() => sandbox.close());
  const front: FaultFront = await startFront(sandbox.url, () => Date.now() - DAY + Math.random() * 500);
  closers.push(() => front.close());
  const service: StewardService = await serviceFor(front.url);
  closers.push(() => service.close());

  const id = snapshot(await service.dispatch('listDroplets', {})).droplets[0]!.id;
  const fetchDetails = async (): Promise<DropletView> => ok<DropletView>(await service.dispatch('getDroplet', { id }));
  const history = async (): Promise<Sample[]> => ok<{ samples: Sample[] }>(await service.dispatch('getHistory', { id, sinceMs: 0 })).samples;

  const first = await fetchDetails();
  expect(first.droplet.heartbeats.length).toBeGreaterThan(1);
  const before = (await history()).length;
  expect(before).toBeGreaterThan(1);
  for (let i = 0; i < 15; i++) {
    await fetchDetails();
    await new Promise((done) => setTimeout(done, 20 + Math.random() * 60));
  }
  // Only a beat the sandbox really sent meanwhile may add one (its simulator beats now and then).
  expect((await history()).length - before).toBeLessThanOrEqual(2);
  // And nothing is kept as the future: every sample is at or before now on this computer's clock.
  expect(Math.max(...(await history()).map((s) => s.t))).toBeLessThanOrEqual(Date.now() + 5_000);
});
