// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SentCopies, filtersKey } from '../../../../../core/fleet/sent-copies';
import { DetailsPane } from '../../../../../renderer/src/features/details/DetailsPane';
import { formatHourMinuteOrDay } from '../../../../../renderer/src/domain/format';
import { useUi } from '../../../../../renderer/src/state/ui';
import { queryKeys } from '../../../../../renderer/src/queries/query-keys';
import { historyOf } from '../../../../support/chart-samples';
import type { DropletView } from '../../../../../shared/model';
import { details, installDomShims, installFakeSteward, iso, renderWithClient, seedFleet, testQueryClient } from '../../../../support/detail-fake-steward';

const initialUi = useUi.getState();
beforeAll(() => installDomShims());
beforeEach(() => useUi.setState(initialUi, true));
afterEach(cleanup);

const MIN = 60_000;

describe('DetailsPane', () => {
  it('shows every field, the latest metrics and a timeline of recent beats with a gap where they stopped', async () => {
    // Beats every minute from 30 to 10 min ago, then silence; the Orchestrator still says active.
    const beats = Array.from({ length: 21 }, (_, i) => ({ time: iso((30 - i) * MIN), status: i === 5 ? ('error' as const) : ('active' as const), metrics: null }));
    // Main records the last beat's metrics (details() carries them) into the history the tiles read.
    const last = { t: Date.parse(beats.at(-1)!.time), status: 'active', cpu_percent: 42.5, memory_mb: 512, requests_last_minute: 120, errors_last_minute: 3 };
    installFakeSteward({
      getDroplet: () => ({ droplet: details({ heartbeats: beats, lastHeartbeat: beats.at(-1)!.time }), source: 'details', note: null, traceId: 't-1' }),
      getHistory: () => historyOf([last], Date.now() - 2 * 60 * MIN),
    });
    renderWithClient(<DetailsPane dropletId={7} />);

    const pane = await screen.findByRole('article', { name: 'Droplet dew-7' });
    expect(within(pane).getByRole('heading', { name: /dew-7\s*#7/ })).toBeTruthy();
    for (const text of ['marta', 'http://10.0.0.7:8002', '2.4.1', 'storage', 'gpu', '10 min ago']) expect(within(pane).getByText(text, { exact: false })).toBeTruthy();
    const metrics = within(pane).getByRole('region', { name: 'Latest metrics' });
    await waitFor(() => expect(metrics.querySelector('[data-metric="cpu_percent"]')?.textContent).toContain('42.5'));
    expect(metrics.querySelector('[data-metric="cpu_percent"] .st-latest__age')?.textContent).toMatch(/^10 min( \d+ s)? ago$/);
    expect(metrics.querySelector('[data-metric="memory_mb"]')?.textContent).toContain('512');
    expect(metrics.querySelector('[data-metric="requests_last_minute"]')?.textContent).toContain('req/min');

    // Steward's own judgement: overdue beats make an active droplet late.
    expect(pane.querySelector('[data-status="late"]')).toBeTruthy();
    expect(within(pane).getByText(/no heartbeat for 10 min/)).toBeTruthy();

    const timeline = within(pane).getByRole('region', { name: 'Heartbeat timeline' });
    const slots = [...timeline.querySelectorAll<HTMLElement>('[data-kind]')];
    expect(slots).toHaveLength(60);
    const kinds = slots.map((s) => s.dataset.kind);
    expect(kinds.filter((k) => k === 'beat').length).toBeGreaterThanOrEqual(20);
    expect(kinds.at(-1)).toBe('gap');
    expect(kinds[0]).toBe('none');
    expect(slots.some((s) => s.dataset.status === 'error' && /· error/.test(s.title))).toBe(true);
    expect(slots.at(-1)!.title).toMatch(/no heartbeat/);
  });

  it('shows the newest values Steward recorded, with their age, when the list carries no metrics (the deployed Orchestrator)', async () => {
    const now = Date.now();
    installFakeSteward({
      getDroplet: () => ({ droplet: details({ latestMetrics: { requests_per_minute: 42, region: 'eu' }, lastHeartbeat: iso(30_000) }), source: 'list', note: 'The details route answered 500.', traceId: null }),
      getHistory: () =>
        historyOf([
          { t: now - 90_000, status: 'active', cpu_percent: 23.4, memory_mb: 512, requests_last_minute: 42, errors_last_minute: null },
          // A later beat that said nothing of the metrics does not hide the values before it.
          { t: now - 30_000, status: 'active', cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null },
        ]),
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const metrics = await screen.findByRole('region', { name: 'Latest metrics' });
    const tile = (m: string) => metrics.querySelector(`[data-metric="${m}"]`)?.textContent ?? '';
    await waitFor(() => expect(tile('cpu_percent')).toContain('23.4'));
    expect(tile('cpu_percent')).toContain('1 min 30 s ago');
    expect(tile('requests_last_minute')).toContain('42');
    expect(tile('errors_last_minute')).toContain('—');
    expect(tile('errors_last_minute')).toContain('not reported');
    // requests_per_minute is the requests tile, not an "other" metric; region is.
    const other = metrics.querySelector('.st-latest__other')?.textContent ?? '';
    expect(other).toContain('region');
    expect(other).not.toContain('requests_per_minute');
  });

  it('says in the heartbeat strip where Steward\'s history begins when that is inside the hour', async () => {
    const first = Date.now() - 12 * MIN;
    installFakeSteward({
      getDroplet: () => ({ droplet: details({ heartbeats: [], lastHeartbeat: iso(MIN) }), source: 'details', note: null, traceId: null }),
      getHistory: () => historyOf([{ t: first, status: 'active', cpu_percent: 1, memory_mb: 2, requests_last_minute: 3, errors_last_minute: 0 }]),
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const timeline = await screen.findByRole('region', { name: 'Heartbeat timeline' });
    await waitFor(() => expect(within(timeline).getByRole('note').textContent).toBe(`History since ${formatHourMinuteOrDay(first, Date.now())}; Steward records beats while it runs`));
    // Before it, slots are "no record", not gaps.
    const kinds = [...timeline.querySelectorAll<HTMLElement>('[data-kind]')].map((x) => x.dataset.kind);
    expect(kinds.slice(0, 45).every((k) => k === 'none')).toBe(true);
  });

  it('says nothing of where the history begins in the strip when it covers the hour', async () => {
    installFakeSteward({
      getDroplet: () => ({ droplet: details({ heartbeats: [], lastHeartbeat: iso(MIN) }), source: 'details', note: null, traceId: null }),
      getHistory: () => historyOf([{ t: Date.now() - MIN, status: 'active', cpu_percent: 1, memory_mb: 2, requests_last_minute: 3, errors_last_minute: 0 }], Date.now() - 3 * 60 * MIN),
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const timeline = await screen.findByRole('region', { name: 'Heartbeat timeline' });
    await waitFor(() => expect(timeline.querySelector('[data-kind="beat"]')).not.toBeNull());
    expect(within(timeline).queryByRole('note')).toBeNull();
  });

  it('shows what the list knows, with the quiet note, when the details route failed', async () => {
    installFakeSteward({
      getDroplet: () => ({ droplet: details({ heartbeats: [] }), source: 'list', note: 'The details route answered 500; showing the list entry.', traceId: null }),
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe('The details route answered 500; showing the list entry.');
    expect(screen.getByText('http://10.0.0.7:8002')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens the heartbeat and register panels from its actions, and shows no late badge for a fresh beat', async () => {
    installFakeSteward({ getDroplet: () => ({ droplet: details(), source: 'details', note: null, traceId: null }) });
    renderWithClient(<DetailsPane dropletId={7} />);
    (await screen.findByRole('button', { name: 'Send heartbeat…' })).click();
    expect(useUi.getState().panel).toBe('heartbeat');
    screen.getByRole('button', { name: 'Re-register…' }).click();
    expect(useUi.getState().panel).toBe('register');
    expect(screen.queryByText(/late/)).toBeNull();
  });

  it('asks before starting keep-alive, saying Steward will beat for it and a real silence will no longer show; then toggles it', async () => {
    const fake = installFakeSteward({
      getDroplet: () => ({ droplet: details(), source: 'details', note: null, traceId: null }),
      startKeepAlive: (input) => [{ dropletId: input.id, status: input.status, nextBeatAt: iso(-30_000), lastError: null, beatsSent: 1 }],
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const toggle = await screen.findByRole('button', { name: 'Keep alive' });
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    // Asked first; cancelling starts nothing.
    fireEvent.click(toggle);
    let ask = screen.getByRole('alertdialog', { name: 'Start keep-alive' });
    expect(ask.textContent).toMatch(/Keep dew-7 \(#7\) alive\?/);
    expect(ask.textContent).toMatch(/Steward will send heartbeats for it/);
    expect(ask.textContent).toMatch(/a real silence of this droplet will no longer show: it will look alive even if it is down/);
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsOf('startKeepAlive')).toEqual([]);

    fireEvent.click(toggle);
    ask = screen.getByRole('alertdialog', { name: 'Start keep-alive' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Start keep-alive' }));
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByText(/on · next beat \d\d:\d\d:\d\d/)).toBeTruthy();
    expect(fake.callsOf('startKeepAlive')[0]).toEqual({ id: 7, status: 'active', metrics: { cpu_percent: 42.5, memory_mb: 512, requests_last_minute: 120, errors_last_minute: 3 } });
  });

  it('shows the status and last heartbeat its row shows when the details answer is a poll apart from the fleet', async () => {
    const sync = new SentCopies();
    const { heartbeats: _none, ...listed } = details({ lastHeartbeat: iso(95_000) });
    installFakeSteward({
      // The fleet copy (the row): last beat 95 s ago, so late.
      listDroplets: ({ since, ...filters }) => ({
        ...sync.diff(filtersKey(filters), [listed], since),
        total: 1,
        unreadable: [],
        fetchedAt: iso(0),
        clockOffsetMs: 0,
        dialect: 'guide',
        traceId: null,
      }),
      // The details route, asked a moment later, saw a newer beat.
      getDroplet: () => ({ droplet: details({ lastHeartbeat: iso(3_000) }), source: 'details', note: null, traceId: null }),
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const pane = await screen.findByRole('article', { name: 'Droplet dew-7' });
    await waitFor(() => expect(pane.querySelector('[data-status="late"]')).toBeTruthy());
    const beat = within(pane).getByText('Last heartbeat').nextElementSibling!;
    expect(beat.querySelector('time')?.getAttribute('datetime')).toBe(listed.lastHeartbeat);
    expect(beat.textContent).toMatch(/1 min ago/);
    expect(within(pane).getByText(/no heartbeat for 1 min 3\d s/)).toBeTruthy();
  });

  it('renders a failure as an ErrorNotice', async () => {
    const { Refusal, ipcError } = await import('../../../../support/detail-fake-steward');
    installFakeSteward({
      getDroplet: () => {
        throw new Refusal(ipcError({ kind: 'network', message: 'The Orchestrator did not answer.', hint: 'Check the URL.', traceId: 'tr-9', exchangeId: 4 }));
      },
    });
    renderWithClient(<DetailsPane dropletId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The Orchestrator did not answer.');
    expect(alert.textContent).toContain('Check the URL.');
    expect(alert.textContent).toContain('tr-9');
  });

  it.each([
    [true, 2],
    [false, 1],
  ])('asks for the history again after refreshed details only when they grew it (grew: %s)', async (historyGrew, fetches) => {
    const beats = [{ time: iso(2 * MIN), status: 'active' as const, metrics: null }];
    const fake = installFakeSteward({
      getDroplet: () => ({ droplet: details({ heartbeats: beats, lastHeartbeat: beats[0]!.time }), source: 'details', note: null, traceId: null, historyGrew }),
      getHistory: () => historyOf([], Date.now() - 60 * MIN),
    });
    const { client } = renderWithClient(<DetailsPane dropletId={7} />);
    await screen.findByRole('article', { name: 'Droplet dew-7' });
    await waitFor(() => expect(fake.callsOf('getHistory').length).toBe(1));
    // The details are refreshed (as every poll interval does).
    await client.refetchQueries({ queryKey: queryKeys.droplet(7) });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('getDroplet').length).toBe(2);
    expect(fake.callsOf('getHistory').length).toBe(fetches);
  });

  it('reads history again only when it was read before the details grew it: once, not on every refresh', async () => {
    const beats = [{ time: iso(2 * MIN), status: 'active' as const, metrics: null }];
    // Main's history revision. On selection main answers the history after the details' new beat
    // is recorded (revision 5 already), and the details' answer lands last.
    let held = 5;
    let detailsAdd = 0;
    const fake = installFakeSteward({
      getDroplet: async () => {
        held += detailsAdd;
        await new Promise((r) => setTimeout(r, 30));
        return { droplet: details({ heartbeats: beats, lastHeartbeat: beats[0]!.time }), source: 'details', note: null, traceId: null, historyGrew: true, historyRevision: held };
      },
      getHistory: () => ({ ...historyOf([], Date.now() - 60 * MIN), revision: held }),
    });
    const { client } = renderWithClient(<DetailsPane dropletId={7} />);
    await screen.findByRole('article', { name: 'Droplet dew-7' });
    // The charts' own query waits for a width jsdom does not lay out: the ones asked are the pane's.
    const historyQueries = () => client.getQueryCache().findAll({ queryKey: queryKeys.history(7), predicate: (q) => q.state.data !== undefined || q.state.fetchStatus === 'fetching' });
    const settledAt = (revision: number) => historyQueries().every((q) => q.state.fetchStatus === 'idle' && (q.state.data as { revision?: number } | undefined)?.revision === revision);
    const reads = () => fake.callsOf('getHistory').length;
    await waitFor(() => expect(client.getQueryState(queryKeys.droplet(7))?.status).toBe('success'));
    await waitFor(() => expect(settledAt(5)).toBe(true));
    const asked = historyQueries().length;
    expect(asked).toBeGreaterThan(0);
    // Read after the beat was recorded: not read again when the details land.
    expect(client.isFetching({ queryKey: queryKeys.history(7) })).toBe(0);
    expect(reads()).toBe(asked);

    // Details that add a beat (as the next poll interval's refresh may): each answer is read once more.
    detailsAdd = 1;
    await client.refetchQueries({ queryKey: queryKeys.droplet(7) });
    await waitFor(() => expect(settledAt(6)).toBe(true));
    expect(reads()).toBe(2 * asked);

    // Details that add nothing: nothing is asked again (an invalidation would have started a fetch by now).
    detailsAdd = 0;
    await client.refetchQueries({ queryKey: queryKeys.droplet(7) });
    expect(client.isFetching({ queryKey: queryKeys.history(7) })).toBe(0);
    expect(reads()).toBe(2 * asked);
  });

  it('lets a history read under way land when newer details arrive, then reads it again at once', async () => {
    // Main's history revision; a read can be held, to be under way when the details land.
    let held = 5;
    let gate: Promise<void> | null = null;
    const fake = installFakeSteward({
      getDroplet: () => ({ droplet: details({ heartbeats: [], lastHeartbeat: iso(2 * MIN) }), source: 'details', note: null, traceId: null, historyGrew: held > 5, historyRevision: held }),
      getHistory: async () => {
        const revision = held; // read now, answered when the gate opens
        if (gate) await gate;
        return { ...historyOf([], Date.now() - 60 * MIN), revision };
      },
    });
    const { client } = renderWithClient(<DetailsPane dropletId={7} />);
    const key = queryKeys.history(7).concat(3_600_000);
    const revisionShown = () => (client.getQueryData(key) as { revision?: number } | undefined)?.revision;
    await waitFor(() => expect(revisionShown()).toBe(5));
    await waitFor(() => expect(client.getQueryState(queryKeys.droplet(7))?.status).toBe('success'));
    const before = fake.callsOf('getHistory').length;

    // A refresh of the history is out (read at revision 5) when details bring a new beat (6).
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    void client.refetchQueries({ queryKey: key });
    await waitFor(() => expect(fake.callsOf('getHistory')).toHaveLength(before + 1));
    gate = null;
    held = 6;
    await client.refetchQueries({ queryKey: queryKeys.droplet(7) });
    // Not cancelled and asked again while it is out...
    expect(fake.callsOf('getHistory')).toHaveLength(before + 1);
    open();
    // ...but read once more as soon as it lands older than the details.
    await waitFor(() => expect(revisionShown()).toBe(6));
    expect(fake.callsOf('getHistory')).toHaveLength(before + 2);
  });

  it('shows a droplet from the fleet list at once and asks for its uptime and what it serves once its details are in', async () => {
    const held: ((answer: DropletView) => void)[] = [];
    const fake = installFakeSteward({ getDroplet: () => new Promise<DropletView>((resolve) => held.push(resolve)) });
    const client = testQueryClient();
    seedFleet(client, [details()]);
    renderWithClient(<DetailsPane dropletId={7} />, client);
    // From the fleet list, before the details route answers: the sections wait for it.
    await screen.findByRole('article', { name: 'Droplet dew-7' });
    expect(screen.getByText('Loading uptime…')).toBeTruthy();
    expect(fake.callsOf('getDroplet')).toHaveLength(1);
    expect([fake.callsOf('getUptime').length, fake.callsOf('getProbeDetails').length]).toEqual([0, 0]);
    held[0]!({ droplet: details(), source: 'details', note: null, traceId: null });
    await waitFor(() => expect([fake.callsOf('getUptime').length, fake.callsOf('getProbeDetails').length]).toEqual([1, 1]));
  });

  it('starts afresh on another droplet: a keep-alive question asked for one is not left open over the next', async () => {
    installFakeSteward({ getDroplet: ({ id }) => ({ droplet: details({ id, name: `dew-${id}` }), source: 'details', note: null, traceId: null }) });
    // Both in the fleet list: the pane moves from one to the other without a loading step.
    const client = testQueryClient();
    seedFleet(client, [7, 8].map((id) => details({ id, name: `dew-${id}` })));
    const { rerender } = renderWithClient(<DetailsPane dropletId={7} />, client);
    const toggle = await screen.findByRole('button', { name: 'Keep alive' });
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    fireEvent.click(toggle);
    expect(screen.getByRole('alertdialog', { name: 'Start keep-alive' }).textContent).toContain('dew-7');
    rerender(<DetailsPane dropletId={8} />);
    expect(screen.getByRole('article', { name: 'Droplet dew-8' })).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('starts afresh on another droplet: a mute still on its way for one does not hold the next one\'s buttons', async () => {
    installFakeSteward({
      getDroplet: ({ id }) => ({ droplet: details({ id, name: `dew-${id}` }), source: 'details', note: null, traceId: null }),
      muteAttention: () => new Promise(() => undefined),
    });
    const client = testQueryClient();
    seedFleet(client, [7, 8].map((id) => details({ id, name: `dew-${id}` })));
    const { rerender } = renderWithClient(<DetailsPane dropletId={7} />, client);
    fireEvent.click(await screen.findByRole('button', { name: 'Mute 1 h' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Mute 1 h' }).hasAttribute('disabled')).toBe(true));
    rerender(<DetailsPane dropletId={8} />);
    expect(screen.getByRole('article', { name: 'Droplet dew-8' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mute 1 h' }).hasAttribute('disabled')).toBe(false);
  });
});
