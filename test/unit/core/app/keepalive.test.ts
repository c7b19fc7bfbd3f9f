import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeartbeatAck, HeartbeatInput, KeepAlive } from '../../../../shared/model';
import { KeepAliveScheduler } from '../../../../core/app/keepalive';

const ack = (nextHeartbeatInSeconds: number | null, acknowledged = true): HeartbeatAck => ({ acknowledged, dropletId: 42, nextHeartbeatInSeconds, nextHeartbeatAt: null, traceId: null });

function setup(answer: (input: HeartbeatInput, n: number) => Promise<HeartbeatAck> = async () => ack(60)) {
  const sent: HeartbeatInput[] = [];
  const changes: KeepAlive[][] = [];
  const scheduler = new KeepAliveScheduler({
    send: (input) => {
      sent.push(input);
      return answer(input, sent.length);
    },
    onChange: (list) => changes.push(list),
  });
  return { scheduler, sent, changes, last: () => changes.at(-1) ?? [] };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-27T05:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KeepAliveScheduler', () => {
  it('beats now, then at the interval the Orchestrator gives', async () => {
    const { scheduler, sent, last } = setup(async (_i, n) => ack(n === 1 ? 30 : 45));
    const first = scheduler.start({ id: 42, status: 'active' });
    expect(first).toEqual([{ dropletId: 42, status: 'active', nextBeatAt: null, lastError: null, beatsSent: 0 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(last()).toEqual([{ dropletId: 42, status: 'active', nextBeatAt: '2026-11-27T05:00:30.000Z', lastError: null, beatsSent: 1 }]);

    await vi.advanceTimersByTimeAsync(29_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    expect(last()[0]).toMatchObject({ beatsSent: 2, nextBeatAt: '2026-11-27T05:01:15.000Z' });
    await vi.advanceTimersByTimeAsync(45_000);
    expect(sent).toHaveLength(3);
    scheduler.stopAll();
  });

  it('clamps the interval: a past deadline (0) is not a busy loop, nonsense is capped', async () => {
    let next: number | null = 0;
    const { scheduler, sent } = setup(async () => ack(next));
    scheduler.start({ id: 42, status: 'active' });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // the 5 s floor
    expect(sent).toHaveLength(2);
    next = null; // no interval given: keep the last one
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(3);
    next = 10 ** 9;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(3_600_000); // the 1 h ceiling
    expect(sent).toHaveLength(5);
    scheduler.stopAll();
  });

  it('records a failed beat and keeps going at the interval', async () => {
    let fail = true;
    const { scheduler, sent, last } = setup(async () => {
      if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:8000');
      return ack(60);
    });
    scheduler.start({ id: 42, status: 'active' });
    await vi.advanceTimersByTimeAsync(0);
    expect(last()[0]).toMatchObject({ lastError: 'connect ECONNREFUSED 127.0.0.1:8000', beatsSent: 0, nextBeatAt: '2026-11-27T05:01:00.000Z' });
    fail = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(2);
    expect(last()[0]).toMatchObject({ lastError: null, beatsSent: 1 });
    scheduler.stopAll();
  });

  it('treats an unacknowledged beat and a non-Error rejection as errors', async () => {
    let n = 0;
    const { scheduler, last } = setup(async () => {
      n++;
      if (n === 1) return ack(60, false);
      throw { kind: 'forbidden', message: 'Droplet 7 cannot send heartbeat for droplet 42' };
    });
    scheduler.start({ id: 42, status: 'active' });
    await vi.advanceTimersByTimeAsync(0);
    expect(last()[0]!.lastError).toMatch(/did not acknowledge/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(last()[0]).toMatchObject({ lastError: 'Droplet 7 cannot send heartbeat for droplet 42', beatsSent: 0 });
    scheduler.stopAll();
  });

  it('stop ends one loop, even with a beat in flight', async () => {
    let release: (a: HeartbeatAck) => void = () => undefined;
    const { scheduler, sent, last } = setup(async (input) => (input.id === 42 ? new Promise<HeartbeatAck>((r) => (release = r)) : ack(60)));
    scheduler.start({ id: 42, status: 'active' });
    scheduler.start({ id: 7, status: 'error' });
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.stop(42).map((k) => k.dropletId)).toEqual([7]);
    release(ack(60));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent.filter((s) => s.id === 42)).toHaveLength(1);
    expect(sent.filter((s) => s.id === 7).length).toBeGreaterThan(5);
    expect(last().map((k) => k.dropletId)).toEqual([7]);
    expect(scheduler.stop(99).map((k) => k.dropletId)).toEqual([7]); // unknown id: no harm
    scheduler.stopAll();
  });

  it('stopAll ends every loop and leaves no timer', async () => {
    const { scheduler, sent, last } = setup();
    scheduler.start({ id: 3, status: 'active' });
    scheduler.start({ id: 1, status: 'inactive' });
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.list().map((k) => k.dropletId)).toEqual([1, 3]);
    scheduler.stopAll();
    expect(last()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent).toHaveLength(2);
  });

  it('starting a running droplet updates what it sends and beats with it now', async () => {
    const { scheduler, sent, last } = setup();
    scheduler.start({ id: 42, status: 'active', metrics: { cpu_percent: 1 } });
    await vi.advanceTimersByTimeAsync(0);
    const list = scheduler.start({ id: 42, status: 'error', metrics: { cpu_percent: 99 } });
    expect(list).toHaveLength(1);
    expect(list[0]!.status).toBe('error');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.status)).toEqual(['active', 'error']);
    expect(last()[0]).toMatchObject({ status: 'error', beatsSent: 2 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.at(-1)).toEqual({ id: 42, status: 'error', metrics: { cpu_percent: 99 } });
    expect(sent).toHaveLength(3);
    scheduler.stopAll();
  });

  it('a restart during a beat in flight beats again right after it, not twice at once', async () => {
    let release: (a: HeartbeatAck) => void = () => undefined;
    let inFlight = 0;
    let maxInFlight = 0;
    const { scheduler, sent } = setup(
      () =>
        new Promise<HeartbeatAck>((r) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          release = (a) => {
            inFlight--;
            r(a);
          };
        }),
    );
    scheduler.start({ id: 42, status: 'active' });
    await vi.advanceTimersByTimeAsync(0);
    scheduler.start({ id: 42, status: 'inactive' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    release(ack(60));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.status)).toEqual(['active', 'inactive']);
    expect(maxInFlight).toBe(1);
    release(ack(60));
    scheduler.stopAll();
  });

  it('uses injected timers when given', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const scheduler = new KeepAliveScheduler({
      send: async () => ack(20),
      onChange: () => undefined,
      now: () => 0,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    });
    scheduler.start({ id: 5, status: 'active' });
    await vi.advanceTimersByTimeAsync(0);
    expect(timers.map((t) => t.ms)).toEqual([20_000]);
    expect(scheduler.list()[0]!.nextBeatAt).toBe('1970-01-01T00:00:20.000Z');
    scheduler.stopAll();
  });
});
