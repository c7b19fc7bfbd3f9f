// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommsEntry } from '../../../../../shared/model';
import { ErrorNotice } from '../../../../../renderer/src/ui/ErrorNotice';
import { useUi } from '../../../../../renderer/src/state/ui';
import { CommsLogView } from '../../../../../renderer/src/features/log/CommsLogView';
import { installDomShims, installFakeSteward, ipcError, renderWithClient } from '../../../../support/detail-fake-steward';
import { entry } from '../../../../support/comms-entry';

const initialUi = useUi.getState();
let clipboard: string[] = [];
beforeAll(() => {
  clipboard = installDomShims().clipboard;
});
beforeEach(() => {
  useUi.setState(initialUi, true);
  clipboard.length = 0;
});
afterEach(cleanup);

const ENTRIES: CommsEntry[] = [
  entry(1, 50),
  entry(2, 40, {
    method: 'POST',
    path: '/api/v1/droplets/register',
    status: 422,
    dropletId: 7,
    traceId: 'trace-abc',
    requestHeaders: { Authorization: 'Bearer [redacted]', 'Content-Type': 'application/json', 'X-Request-Id': "it's-2" },
    requestBody: '{"id":7,"name":""}',
    responseBody: '{"detail":[{"loc":["body","name"],"msg":"Field required","type":"missing"}]}',
  }),
  entry(3, 30, { status: 503, dropletId: 7, responseBody: 'upstream down' }),
  entry(4, 20, { status: null, error: 'connection refused', responseBody: null, dropletId: null }),
  entry(5, 10, { status: 404 }),
];

const rows = () => [...document.querySelectorAll<HTMLElement>('tbody tr')].map((r) => Number(r.dataset.id));

describe('CommsLogView', () => {
  it('lists exchanges newest first with time, method, path, coloured status, latency and trace_id', async () => {
    // Answered out of order: the view sorts.
    installFakeSteward({ getCommsLog: () => ({ entries: [ENTRIES[2]!, ENTRIES[0]!, ENTRIES[4]!, ENTRIES[1]!, ENTRIES[3]!] }) });
    renderWithClient(<CommsLogView />);
    await waitFor(() => expect(rows()).toEqual([5, 4, 3, 2, 1]));
    const row2 = document.querySelector<HTMLElement>('tr[data-id="2"]')!;
    expect(row2.textContent).toMatch(/^\d\d:\d\d:\d\d\.\d{3}POST \/api\/v1\/droplets\/registertrace-abc42212 ms$/);
    expect(row2.querySelector('[data-class]')?.className).toContain('tone-warn');
    expect(document.querySelector('tr[data-id="4"] [data-class]')?.textContent).toBe('failed');
  });

  it('filters by status class, droplet id and free text', async () => {
    installFakeSteward({ getCommsLog: () => ({ entries: ENTRIES }) });
    renderWithClient(<CommsLogView />);
    await waitFor(() => expect(rows()).toHaveLength(5));

    const classes = screen.getByRole('radiogroup', { name: 'Status class' });
    fireEvent.click(within(classes).getByRole('radio', { name: '4xx' }));
    expect(rows()).toEqual([5, 2]);
    fireEvent.click(within(classes).getByRole('radio', { name: 'Failed' }));
    expect(rows()).toEqual([4]);
    fireEvent.click(within(classes).getByRole('radio', { name: '5xx' }));
    expect(rows()).toEqual([3]);
    fireEvent.click(within(classes).getByRole('radio', { name: 'All' }));

    fireEvent.change(screen.getByLabelText('Droplet id'), { target: { value: '7' } });
    expect(rows()).toEqual([3, 2]);
    fireEvent.change(screen.getByLabelText('Droplet id'), { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('Search the log'), { target: { value: 'TRACE-ABC' } });
    expect(rows()).toEqual([2]);
    fireEvent.change(screen.getByLabelText('Search the log'), { target: { value: 'refused' } });
    expect(rows()).toEqual([4]);
    expect(screen.getByText('1 of 5')).toBeTruthy();
  });

  it('opens an exchange: headers, pretty bodies, and a curl without the token', async () => {
    installFakeSteward({ getCommsLog: () => ({ entries: ENTRIES }) });
    renderWithClient(<CommsLogView />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.click(document.querySelector('tr[data-id="2"]')!);

    const detail = screen.getByRole('region', { name: 'Exchange 2' });
    expect(within(detail).getByText('Content-Type')).toBeTruthy();
    expect(within(detail).getByText('Bearer [redacted]')).toBeTruthy();
    expect(within(detail).getByLabelText('Request body').textContent).toBe('{\n  "id": 7,\n  "name": ""\n}');
    expect(within(detail).getByLabelText('Response body').textContent).toContain('"msg": "Field required"');

    fireEvent.click(within(detail).getByRole('button', { name: 'Copy as curl' }));
    await waitFor(() => expect(clipboard).toHaveLength(1));
    const curl = clipboard[0]!;
    expect(curl).toContain("curl -X POST 'http://orchestrator.test:8000/api/v1/droplets/register'");
    expect(curl).toContain('-H "Authorization: Bearer $STEWARD_TOKEN"');
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(curl).toContain(`-H 'X-Request-Id: it'\\''s-2'`);
    expect(curl).toContain(`--data-raw '{"id":7,"name":""}'`);
    expect(curl).not.toContain('redacted');
    expect(curl.match(/Authorization/g)).toHaveLength(1);
  });

  it('shows a text body as sent, and opens on the exchange an error pointed at', async () => {
    installFakeSteward({ getCommsLog: () => ({ entries: ENTRIES }) });
    // The "See exchange" link of an error notice.
    renderWithClient(<ErrorNotice error={ipcError({ message: 'The Orchestrator is unavailable.', status: 503, traceId: 'trace-3', exchangeId: 3 })} />);
    fireEvent.click(screen.getByRole('button', { name: 'See exchange' }));
    expect(useUi.getState().panel).toBe('log');
    cleanup();

    renderWithClient(<CommsLogView />);
    const detail = await screen.findByRole('region', { name: 'Exchange 3' });
    expect(within(detail).getByLabelText('Response body').textContent).toBe('upstream down');
    expect(document.querySelector('tr[data-id="3"]')?.getAttribute('aria-selected')).toBe('true');
    expect(useUi.getState().focusExchangeId).toBeNull();

    // Followed while the log is open, with a filter hiding the exchange: the filter gives way.
    fireEvent.change(screen.getByLabelText('Droplet id'), { target: { value: '7' } });
    act(() => useUi.getState().openExchange(5));
    expect(await screen.findByRole('region', { name: 'Exchange 5' })).toBeTruthy();
    expect((screen.getByLabelText('Droplet id') as HTMLInputElement).value).toBe('');
  });
});
