// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../../../../renderer/src/queries/query-keys';
import { useUi } from '../../../../../renderer/src/state/ui';
import { RegisterForm } from '../../../../../renderer/src/features/register/RegisterForm';
import { details, installDomShims, installFakeSteward, ipcError, Refusal, renderWithClient } from '../../../../support/detail-fake-steward';

const initialUi = useUi.getState();
beforeAll(() => installDomShims());
beforeEach(() => useUi.setState(initialUi, true));
afterEach(cleanup);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
/** The message a control's aria-describedby points at. */
const messageOf = (label: string) =>
  (input(label).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

function fillValid() {
  type('ID', '12');
  type('Name', 'dew-12');
  type('Endpoint', 'http://10.0.0.12:8002');
}

describe('RegisterForm', () => {
  it('checks the form before sending: each message next to its field, nothing sent', async () => {
    const fake = installFakeSteward({});
    renderWithClient(<RegisterForm prefillId={null} />);
    type('ID', '-3');
    type('Endpoint', 'not a url');
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    expect(input('ID').getAttribute('aria-invalid')).toBe('true');
    expect(messageOf('ID')).toContain('ID must be a positive whole number');
    expect(input('Name').getAttribute('aria-invalid')).toBe('true');
    expect(messageOf('Name')).toContain('Name is required');
    expect(messageOf('Endpoint')).toContain('Endpoint must be a URL');
    expect(input('Steward').getAttribute('aria-invalid')).toBe('false');
    expect(document.activeElement).toBe(input('ID'));
    expect(fake.callsOf('registerDroplet')).toHaveLength(0);

    // Editing a field clears its message.
    type('Name', 'dew');
    expect(input('Name').getAttribute('aria-invalid')).toBe('false');
  });

  it('puts the Orchestrator’s 422 field errors on their fields', async () => {
    installFakeSteward({
      registerDroplet: () => {
        throw new Refusal(
          ipcError({
            kind: 'validation',
            status: 422,
            message: 'The Orchestrator refused the registration.',
            traceId: 'tr-422',
            fields: [
              { loc: ['body', 'name'], msg: 'name already taken', type: 'value_error', field: 'name' },
              { loc: ['body', 'droplet_id'], msg: 'must be below 10000', type: 'value_error', field: 'droplet_id' },
              { loc: ['body', 'region'], msg: 'unknown region', type: 'value_error', field: 'region' },
            ],
          }),
        );
      },
    });
    renderWithClient(<RegisterForm prefillId={null} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    await waitFor(() => expect(messageOf('Name')).toContain('name already taken'));
    expect(messageOf('ID')).toContain('must be below 10000');
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('The Orchestrator refused the registration.');
    expect(notice.textContent).toContain('HTTP 422');
    expect(notice.textContent).toContain('tr-422');
    // Only the error that names no field stays in the notice.
    expect(notice.textContent).toContain('unknown region');
    expect(notice.textContent).not.toContain('name already taken');
  });

  it('sends a valid registration, shows the outcome and trace_id, and refreshes the fleet', async () => {
    const fake = installFakeSteward({
      registerDroplet: (reg) => ({
        registered: true,
        dropletId: reg.id,
        outcome: 'updated',
        message: null,
        registeredAt: null,
        heartbeatIntervalSeconds: 60,
        nextHeartbeatAt: null,
        traceId: 'tr-ok-1',
      }),
    });
    const { client } = renderWithClient(<RegisterForm prefillId={null} />);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    fillValid();
    const caps = input('Capabilities');
    fireEvent.change(caps, { target: { value: 'storage' } });
    fireEvent.keyDown(caps, { key: 'Enter' });
    fireEvent.change(caps, { target: { value: 'gpu, edge' } });
    fireEvent.change(caps, { target: { value: 'oops' } });
    fireEvent.keyDown(caps, { key: 'Enter' });
    fireEvent.keyDown(caps, { key: 'Backspace' });
    expect(within(screen.getByRole('list', { name: 'Added' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['storage×', 'gpu×', 'edge×']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove gpu' }));
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/Updated\s*droplet\s*12/);
    expect(status.textContent).toContain('tr-ok-1');
    expect(fake.callsOf('registerDroplet')).toEqual([{ id: 12, name: 'dew-12', endpoint: 'http://10.0.0.12:8002', capabilities: ['storage', 'edge'], status: 'active' }]);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.fleetAll });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.droplet(12) });
  });

  it('starts from the selected droplet, and "New droplet" empties it', async () => {
    installFakeSteward({ getDroplet: ({ id }) => ({ droplet: details({ id }), source: 'details', note: null, traceId: null }) });
    useUi.setState({ selectedId: 7 });
    renderWithClient(<RegisterForm />);
    await waitFor(() => expect(input('Name').value).toBe('dew-7'));
    expect(input('ID').value).toBe('7');
    expect(input('Endpoint').value).toBe('http://10.0.0.7:8002');
    expect(input('Version').value).toBe('2.4.1');
    expect(screen.getByRole('button', { name: 'Remove storage' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Re-register' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New droplet' }));
    expect(input('Name').value).toBe('');
    expect(input('ID').value).toBe('');
    expect(screen.getByRole('button', { name: 'Register' })).toBeTruthy();
  });

  it('asks before overwriting a droplet the Orchestrator holds: field, now, after, changed ones marked', async () => {
    const { heartbeats: _h, ...current } = details({ id: 105, name: 'dew-105', steward: 'marta', capabilities: ['storage', 'gpu'], version: '2.4.1' });
    const fake = installFakeSteward({
      previewRegistration: (reg) => ({ current, registration: { ...reg, steward: 'marta', capabilities: ['storage', 'gpu'], version: '2.4.1' }, ignored: [] }),
      registerDroplet: (reg) => ({ registered: true, dropletId: reg.id, outcome: 'updated', message: null, registeredAt: null, heartbeatIntervalSeconds: 60, nextHeartbeatAt: null, traceId: 'tr-up' }),
    });
    renderWithClient(<RegisterForm prefillId={null} />);
    type('ID', '105');
    type('Name', 'dew-105b');
    type('Endpoint', 'http://10.0.0.7:8002');
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    const confirm = await screen.findByRole('alertdialog', { name: 'Update droplet 105?' });
    expect(fake.callsOf('registerDroplet')).toHaveLength(0);
    const row = (field: string) => confirm.querySelector(`[data-field="${field}"]`)!;
    expect(row('name').textContent).toMatch(/dew-105.*dew-105b/);
    expect(row('name').getAttribute('data-changed')).toBe('true');
    // Left blank: kept, not wiped.
    expect(row('capabilities').textContent).toBe('Capabilitiesstorage\ngpustorage\ngpu');
    expect(row('capabilities').getAttribute('data-changed')).toBe('false');
    expect(row('version').getAttribute('data-changed')).toBe('false');
    expect(confirm.textContent).toContain('1 field changes');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Update' }));

    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsOf('registerDroplet')).toHaveLength(0);
    expect(input('Name').value).toBe('dew-105b');

    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Update' }));
    await screen.findByRole('status');
    expect(fake.callsOf('registerDroplet')).toEqual([
      { id: 105, name: 'dew-105b', endpoint: 'http://10.0.0.7:8002', capabilities: ['storage', 'gpu'], steward: 'marta', version: '2.4.1', status: 'active' },
    ]);
  });

  it('after a registration resets the form, keeps the result, and "Show droplet" selects and reveals the row', async () => {
    installFakeSteward({
      registerDroplet: (reg) => ({ registered: true, dropletId: reg.id, outcome: 'registered', message: null, registeredAt: null, heartbeatIntervalSeconds: 60, nextHeartbeatAt: null, traceId: 'tr-new' }),
    });
    useUi.setState({ panel: 'register' });
    renderWithClient(<RegisterForm prefillId={null} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/Registered\s*droplet\s*12/);
    expect(input('ID').value).toBe('');
    expect(input('Name').value).toBe('');
    fireEvent.click(within(status).getByRole('button', { name: 'Show droplet' }));
    expect(useUi.getState()).toMatchObject({ selectedId: 12, panel: 'details', reveal: { id: 12, seq: 1 } });
  });
});
