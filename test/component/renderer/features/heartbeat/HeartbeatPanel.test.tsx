// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KeepAlive } from '../../../../../shared/model';
import { queryKeys } from '../../../../../renderer/src/queries/query-keys';
import { HeartbeatPanel } from '../../../../../renderer/src/features/heartbeat/HeartbeatPanel';
import { details, installDomShims, installFakeSteward, ipcError, iso, Refusal, renderWithClient } from '../../../../support/detail-fake-steward';
import { historyOf } from '../../../../support/chart-samples';

beforeAll(() => installDomShims());
afterEach(cleanup);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const view = () => ({ droplet: details(), source: 'details' as const, note: null, traceId: null });

describe('HeartbeatPanel', () => {
  it('starts from the droplet’s latest metrics', async () => {
    installFakeSteward({ getDroplet: view });
    renderWithClient(<HeartbeatPanel dropletId={7} />);
    await waitFor(() => expect(input('CPU (%)').value).toBe('42.5'));
    expect(input('Memory (MB)').value).toBe('512');
    expect(input('Requests (req/min)').value).toBe('120');
    expect(input('Errors (err/min)').value).toBe('3');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('active');
  });

  it('falls back to the latest sample when the Orchestrator has no metrics', async () => {
    installFakeSteward({
      getDroplet: () => ({ ...view(), droplet: details({ latestMetrics: null }) }),
      getHistory: () => historyOf([{ t: Date.now() - 60_000, status: 'error', cpu_percent: 77, memory_mb: 300, requests_last_minute: null, errors_last_minute: 9 }]),
    });
    renderWithClient(<HeartbeatPanel dropletId={7} />);
    await waitFor(() => expect(input('CPU (%)').value).toBe('77'));
    expect(input('Requests (req/min)').value).toBe('');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('error');
  });

  it('stays usable when the droplet’s details cannot be read: the error above, the form below', async () => {
    const fake = installFakeSteward({
      getDroplet: () => {
        throw new Refusal(ipcError({ kind: 'server', status: 500, message: 'The Orchestrator failed to read droplet 7.' }));
      },
      sendHeartbeat: (hb) => ({ acknowledged: true, dropletId: hb.id, nextHeartbeatInSeconds: 60, nextHeartbeatAt: null, traceId: 'tr-hb-err' }),
    });
    renderWithClient(<HeartbeatPanel dropletId={7} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The Orchestrator failed to read droplet 7.');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('active');
    fireEvent.change(input('CPU (%)'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send heartbeat' }));
    await waitFor(() => expect(fake.callsOf('sendHeartbeat')).toEqual([{ id: 7, status: 'active', metrics: { cpu_percent: 12 } }]));
    expect(await screen.findByText(/tr-hb-err/)).toBeTruthy();
  });

  it('refuses out-of-range metrics without sending', async () => {
    const fake = installFakeSteward({ getDroplet: view });
    renderWithClient(<HeartbeatPanel dropletId={7} />);
    await waitFor(() => expect(input('CPU (%)').value).toBe('42.5'));
    fireEvent.change(input('CPU (%)'), { target: { value: '150' } });
    fireEvent.change(input('Memory (MB)'), { target: { value: '-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send heartbeat' }));
    expect(input('CPU (%)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('CPU is a percentage: 0 to 100')).toBeTruthy();
    expect(screen.getByText('Must be a number, 0 or more')).toBeTruthy();
    expect(fake.callsOf('sendHeartbeat')).toHaveLength(0);
  });

  it('sends the edited beat and shows the acknowledgement, trace_id and when the next is due', async () => {
    const fake = installFakeSteward({
      getDroplet: view,
      sendHeartbeat: (hb) => ({ acknowledged: true, dropletId: hb.id, nextHeartbeatInSeconds: 60, nextHeartbeatAt: null, traceId: 'tr-hb-1' }),
    });
    const { client } = renderWithClient(<HeartbeatPanel dropletId={7} />);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    await waitFor(() => expect(input('CPU (%)').value).toBe('42.5'));
    fireEvent.change(input('CPU (%)'), { target: { value: '55' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'maintenance' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send heartbeat' }));

    const ack = await screen.findByRole('status');
    expect(ack.textContent).toContain('Acknowledged');
    expect(ack.textContent).toContain('tr-hb-1');
    expect(ack.textContent).toMatch(/next due in 60 s, at \d\d:\d\d:\d\d/);
    expect(fake.callsOf('sendHeartbeat')).toEqual([
      { id: 7, status: 'maintenance', metrics: { cpu_percent: 55, memory_mb: 512, requests_last_minute: 120, errors_last_minute: 3 } },
    ]);
    for (const queryKey of [queryKeys.fleetAll, queryKeys.droplet(7), queryKeys.history(7)]) expect(invalidate).toHaveBeenCalledWith({ queryKey });
  });

  it('keeps droplets alive until stopped, showing which and their next beat', async () => {
    let kept: KeepAlive[] = [];
    const fake = installFakeSteward({
      getDroplet: view,
      listKeepAlive: () => kept,
      startKeepAlive: (hb) => (kept = [...kept, { dropletId: hb.id, status: hb.status, nextBeatAt: iso(-45_000), lastError: null, beatsSent: 1 }]),
      stopKeepAlive: ({ id }) => (kept = kept.filter((k) => k.dropletId !== id)),
    });
    renderWithClient(<HeartbeatPanel dropletId={7} />);
    const list = await screen.findByRole('region', { name: 'Droplets kept alive' });
    await waitFor(() => expect(within(list).getByText('No droplet is kept alive.')).toBeTruthy());

    // Starting asks first, saying a real silence will no longer show; cancelling starts nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Keep alive' }));
    expect(screen.getByRole('alertdialog', { name: 'Start keep-alive' }).textContent).toMatch(/real silence of this droplet will no longer show/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsOf('startKeepAlive')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Keep alive' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start keep-alive' }));
    await waitFor(() => expect(within(list).getByText('#7')).toBeTruthy());
    expect(within(list).getByText(/next beat \d\d:\d\d:\d\d/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop keep alive' }).getAttribute('aria-pressed')).toBe('true');
    expect(fake.callsOf('startKeepAlive')[0]?.metrics?.cpu_percent).toBe(42.5);

    // Main reports another droplet kept alive (started elsewhere): the list follows the event.
    act(() => fake.emit('keepAliveChanged', [...kept, { dropletId: 9, status: 'active', nextBeatAt: null, lastError: 'refused', beatsSent: 4 }]));
    await waitFor(() => expect(within(list).getByText('#9')).toBeTruthy());
    expect(within(list).getByText(/last failed: refused/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Stop keep alive' }));
    await waitFor(() => expect(within(list).queryByText('#7')).toBeNull());
    expect(fake.callsOf('stopKeepAlive')).toEqual([{ id: 7 }]);
  });
});
