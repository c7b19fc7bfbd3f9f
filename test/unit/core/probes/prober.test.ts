// The prober against the sandbox's simulated droplets (a real server), and against stubbed
// answers where time has to move (restarts, backoff, disagreement).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../../sandbox/index';
import { defaultProbeSettings, type ProbeSettings } from '../../../../shared/probe';
import { Prober, type ProbeTarget } from '../../../../core/probes/prober';
import { fileURLToPath } from 'node:url';
import { createRouteClient, type RouteAnswer, type RouteClient, type RouteGet } from '../../../../core/probes/route-get';
import { workerRouteClient } from '../../../../core/probes/worker-route-client';
import { sandboxPool, testKeys } from '../../sandbox/helpers';

let publicKeyPem: string;
const pool = sandboxPool(() => publicKeyPem);
let sb: RunningSandbox;
const clients: RouteClient[] = [];

const on = (over: Partial<ProbeSettings> = {}): ProbeSettings => ({ ...defaultProbeSettings(true), ...over });
const targetsOf = (s: RunningSandbox): ProbeTarget[] =>
  s.store.list().map((d) => ({ id: d.id, name: d.name, endpoint: d.endpoint, status: d.status as ProbeTarget['status'], capabilities: d.capabilities, version: d.version }));
const WORKER_SOURCE = fileURLToPath(new URL('../../../../core/probes/route-worker.ts', import.meta.url));
/** Which client the sandbox suite runs over: on main's thread, or in the probe worker as the app runs it. */
let inWorker = false;
function client(timeoutMs = 3000, maxBytes = 256 * 1024, maxSockets = 16): RouteClient {
  const c = inWorker ? workerRouteClient(WORKER_SOURCE, { timeoutMs, maxBytes, maxSockets }) : createRouteClient({ timeoutMs, maxBytes, maxSockets });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  publicKeyPem = (await testKeys('ES256')).publicKeyPem;
  sb = await pool.start({ fleet: 30, seed: 5 });
});
afterAll(async () => {
  await pool.closeAll();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe.each([['on main\'s thread', false], ['in the probe worker', true]] as const)('prober against the sandbox droplets, GETs %s', (_where, worker) => {
  beforeAll(() => {
    inWorker = worker;
  });

  it('reads both shapes, tells answering, degraded and unreachable apart, and records probe: metrics', async () => {
    const recorded = new Map<number, Record<string, number>>();
    const prober = new Prober({ targets: () => targetsOf(sb), get: client().get, settings: on(), onRecord: (id, _t, v) => recorded.set(id, v) });
    await prober.runDue();
    const byId = new Map(prober.summaries().map((s) => [s.id, s]));
    const traits = (id: number) => sb.dropletRoutes!.traits(id)!;
    for (const [id, s] of byId) {
      if (traits(id).mode === 'unreachable') expect(s.verdict, `droplet ${id}`).toBe('unreachable');
      else expect(s.verdict, `droplet ${id}`).toBe(traits(id).degraded ? 'degraded' : s.healthStatus === 'active' ? 'answering' : 'degraded');
    }
    expect(byId.get(100)).toMatchObject({ verdict: 'answering', healthStatus: 'active' }); // shape A
    expect(byId.get(105)).toMatchObject({ verdict: 'answering', healthStatus: 'active' }); // shape B
    expect(byId.get(104)).toMatchObject({ verdict: 'degraded', healthStatus: 'degraded' });
    expect(byId.get(101)).toMatchObject({ verdict: 'unreachable', note: 'the connection was cut' });
    expect(Object.keys(recorded.get(100)!)).toEqual(expect.arrayContaining(['probe:requests_per_minute', 'probe:uptime_seconds']));
    expect(Object.keys(recorded.get(105)!)).toEqual(expect.arrayContaining(['probe:cpu_percent', 'probe:memory_mb', 'probe:num_threads']));
    const d = prober.details(targetsOf(sb).find((t) => t.id === 102)!);
    expect(d.dependencies?.missing).toEqual(['mail-relay']);
    expect(d.capabilities?.udcVersion).toBe('1.0');
    expect(prober.dependencyMap().missing.map((m) => m.id)).toContain(102);
  });

  it('never sends an Authorization header (or anything but Accept and User-Agent)', async () => {
    const seen: string[][] = [];
    const off = sb.dropletRoutes!.onRequest(({ headers }) => seen.push(Object.keys(headers).sort()));
    const prober = new Prober({ targets: () => targetsOf(sb), get: client().get, settings: on() });
    await prober.probeNow();
    off();
    expect(seen.length).toBeGreaterThan(60);
    for (const names of seen) {
      expect(names).not.toContain('authorization');
      expect(names.filter((n) => !['host', 'connection'].includes(n))).toEqual(['accept', 'user-agent']);
    }
  });

  it('holds the pool bound: never more droplets at once than the pool size', async () => {
    let inFlight = 0;
    let peak = 0;
    const c = client();
    const counted: RouteGet = async (url) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await c.get(url);
      } finally {
        inFlight -= 1;
      }
    };
    const prober = new Prober({ targets: () => targetsOf(sb), get: counted, settings: on(), poolSize: 3 });
    await prober.probeNow();
    expect(peak).toBe(3);
    expect(prober.peakConcurrency).toBe(3);
  });

  it('gives up on a droplet that does not answer within the timeout, refuses redirects, and stops at the size cap', async () => {
    const ids = [100, 102, 103, 104];
    sb.dropletRoutes!.setMode(100, 'hang');
    sb.dropletRoutes!.setMode(102, 'redirect');
    sb.dropletRoutes!.setMode(103, 'huge');
    sb.dropletRoutes!.setMode(104, 'not-json');
    try {
      const prober = new Prober({ targets: () => targetsOf(sb).filter((t) => ids.includes(t.id)), get: client(300).get, settings: on() });
      await prober.probeNow();
      const notes = Object.fromEntries(prober.summaries().map((s) => [s.id, s.note]));
      expect(notes).toEqual({
        100: 'no answer within 0.3 s',
        102: 'redirected (HTTP 307); redirects are not followed',
        103: 'the answer is larger than 256 KB',
        104: 'the answer is not JSON',
      });
      expect(prober.summaries().every((s) => s.verdict === 'unreachable')).toBe(true);
    } finally {
      for (const id of ids) sb.dropletRoutes!.setMode(id, 'normal');
    }
  });
});

/** A stub droplet: answers per route from a table the test changes; counts calls. */
function stub(): { get: RouteGet; answers: Map<string, RouteAnswer>; calls: string[] } {
  const answers = new Map<string, RouteAnswer>();
  const calls: string[] = [];
  return {
    answers,
    calls,
    get: async (url) => {
      calls.push(url);
      return answers.get(url.split('/').pop()!) ?? { ok: false, error: 'connection refused', ms: 1 };
    },
  };
}
const ok = (body: unknown): RouteAnswer => ({ ok: true, text: JSON.stringify(body), ms: 2 });

describe('prober over time', () => {
  const target: ProbeTarget = { id: 7, name: 'seven', endpoint: 'http://10.0.0.7:8000/', status: 'active', capabilities: ['a', 'b'], version: '1.0.0' };

  it('backs off a droplet that does not answer, and comes back to the interval once it does', async () => {
    let t = 1_000_000;
    const s = stub();
    const prober = new Prober({ targets: () => [target], get: s.get, settings: on(), now: () => t });
    await prober.runDue();
    expect(s.calls).toEqual(['http://10.0.0.7:8000/health']);
    t += 60_000;
    await prober.runDue();
    expect(s.calls).toHaveLength(1); // backed off: 2 min after the first failure
    t += 60_000;
    await prober.runDue();
    expect(s.calls).toHaveLength(2);
    t += 3 * 60_000;
    await prober.runDue();
    expect(s.calls).toHaveLength(2); // now 4 min
    t += 60_000;
    s.answers.set('health', ok({ status: 'active' }));
    await prober.runDue();
    expect(s.calls.at(-1)).toMatch(/dependencies$/);
    const n = s.calls.length;
    t += 60_000;
    await prober.runDue();
    expect(s.calls.slice(n)).toEqual(['http://10.0.0.7:8000/health', 'http://10.0.0.7:8000/state']);
  });

  it('spreads a round that began as one burst evenly over the minute, never probing a droplet less often than every 60 s', async () => {
    const t0 = 2_000_000;
    let t = t0;
    const s = stub();
    s.answers.set('health', ok({ status: 'active' }));
    s.answers.set('state', ok({ uptime_seconds: 5 }));
    const many: ProbeTarget[] = Array.from({ length: 600 }, (_, i) => ({ ...target, id: 1000 + i, endpoint: `http://10.0.${i >> 8}.${i & 255}:8000` }));
    const prober = new Prober({ targets: () => many, get: s.get, settings: on(), now: () => t });
    await prober.runDue(); // launch: every droplet at once
    const healthAt = new Map<string, number[]>();
    const perSecond: number[] = [];
    for (let n = s.calls.length; t < t0 + 180_000; n = s.calls.length) {
      t += 1_000;
      await prober.runDue();
      const asked = s.calls.slice(n).filter((u) => u.endsWith('/health'));
      perSecond.push(asked.length);
      for (const u of asked) healthAt.set(new URL(u).host, [...(healthAt.get(new URL(u).host) ?? [t0]), t]);
    }
    // The third minute: each droplet once, about 10 a second rather than 600 in one.
    const third = perSecond.slice(120);
    expect(third.reduce((a, b) => a + b, 0)).toBe(600);
    expect(Math.max(...third)).toBeLessThanOrEqual(15);
    for (const [host, times] of healthAt) {
      const gaps = times.slice(1).map((x, i) => x - times[i]!);
      expect(Math.max(...gaps), host).toBeLessThanOrEqual(60_000);
      expect(gaps.at(-1), host).toBe(60_000);
    }
  });

  it('says where the Orchestrator and the droplet disagree', async () => {
    let t = 5_000_000;
    let status: ProbeTarget['status'] = 'active';
    const s = stub();
    const prober = new Prober({ targets: () => [{ ...target, status }], get: s.get, settings: on(), now: () => t });
    await prober.runDue();
    t += 3 * 60_000;
    expect(prober.summaries()[0]!.disagreement).toBe("Orchestrator: active; droplet's /health: no answer for 3 min");
    s.answers.set('health', ok({ status: 'active' }));
    status = 'inactive';
    await prober.probeNow();
    expect(prober.summaries()[0]!.disagreement).toBe('inactive at the Orchestrator but its /health answers');
    status = 'active';
    expect(prober.summaries()[0]!.disagreement).toBeNull();
  });

  it('notices a restart when uptime goes down, and tells the hooks', async () => {
    let t = 9_000_000;
    const s = stub();
    const restarts: number[] = [];
    const changes: string[] = [];
    const prober = new Prober({
      targets: () => [target],
      get: s.get,
      settings: on(),
      now: () => t,
      onRestart: (r) => restarts.push(r.uptimeNow),
      onProbeChange: (c) => changes.push(`${c.from}->${c.to}`),
    });
    s.answers.set('health', ok({ status: 'active' }));
    s.answers.set('state', ok({ uptime_seconds: 500 }));
    await prober.runDue();
    t += 60_000;
    s.answers.set('state', ok({ uptime_seconds: 560 }));
    await prober.runDue();
    expect(restarts).toEqual([]);
    t += 60_000;
    s.answers.set('state', ok({ uptime_seconds: 12 }));
    await prober.runDue();
    expect(restarts).toEqual([12]);
    expect(prober.details(target).restarts).toEqual([t]);
    expect(prober.summaries()[0]!.lastRestartAt).toBe(t);
    s.answers.delete('health');
    t += 60_000;
    await prober.runDue();
    expect(changes).toEqual(['not_probed->answering', 'answering->unreachable']);
  });

  it('probes nothing while off, only the scope when narrowed, and shows version drift', async () => {
    const s = stub();
    s.answers.set('health', ok({ status: 'active' }));
    s.answers.set('capabilities', ok({ version: '1.1.0', features: ['a', 'c'] }));
    const other: ProbeTarget = { ...target, id: 8, endpoint: 'http://10.0.0.8', capabilities: ['z'] };
    const prober = new Prober({ targets: () => [target, other], get: s.get, settings: on({ enabled: false }) });
    await prober.runDue();
    expect(s.calls).toEqual([]);
    expect(prober.summaries()[0]).toMatchObject({ verdict: 'not_probed', note: 'probing is off for this profile' });
    prober.setSettings(on({ scope: 'capability', capabilities: ['z'] }));
    await prober.runDue();
    expect(new Set(s.calls.map((u) => new URL(u).host))).toEqual(new Set(['10.0.0.8']));
    prober.setSettings(on({ scope: 'ids', ids: [7] }));
    await prober.runDue();
    expect(prober.details(target).drift).toEqual({ registeredVersion: '1.0.0', servedVersion: '1.1.0', notServed: ['b'], notRegistered: ['c'] });
  });

  it('does not probe endpoints that are not http(s) or carry credentials', async () => {
    const s = stub();
    const odd = ['ftp://x', 'not a url', 'http://user:pass@10.0.0.9', null].map((endpoint, i) => ({ ...target, id: 20 + i, endpoint }));
    const prober = new Prober({ targets: () => odd, get: s.get, settings: on() });
    await prober.runDue();
    expect(s.calls).toEqual([]);
    expect(prober.summaries().map((x) => x.verdict)).toEqual(['not_probed', 'not_probed', 'not_probed', 'not_probed']);
  });
});
