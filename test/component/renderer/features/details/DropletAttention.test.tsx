// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DropletIncidents } from '../../../../../renderer/src/features/details/DropletIncidents';
import { DropletMute } from '../../../../../renderer/src/features/details/DropletMute';
import { DropletUptime } from '../../../../../renderer/src/features/details/DropletUptime';
import { createFakeAttention, DAY, incident, uptimeWindow } from '../../../../support/attention-fake-steward';
import { installDomShims, installFakeSteward, ipcError, Refusal, renderWithClient } from '../../../../support/detail-fake-steward';

beforeAll(() => installDomShims());
afterEach(cleanup);

const MIN = 60_000;

describe('DropletUptime', () => {
  it('shows uptime for 24 h and 7 d with how much of each Steward observed', async () => {
    const attention = createFakeAttention({
      uptime: [{ dropletId: 7, day: uptimeWindow(DAY, 97.5, (5 * 60 + 12) * MIN), week: uptimeWindow(7 * DAY, 99.96, 30 * 60 * MIN), incidents: [] }],
    });
    installFakeSteward({}, attention);
    renderWithClient(<DropletUptime dropletId={7} />);
    const day = await screen.findByText('24 h').then((el) => el.closest('[data-window]') as HTMLElement);
    expect(day.textContent).toContain('97.5 %');
    expect(day.textContent).toContain('observed 5 h 12 min of 24 h');
    expect(day.className).toContain('--warn');
    const week = screen.getByText('7 d').closest('[data-window]') as HTMLElement;
    expect(week.textContent).toContain('100 %');
    expect(week.textContent).toContain('observed 30 h of 7 d');
  });

  it('says Steward has not watched it rather than showing 0 % or 100 %', async () => {
    installFakeSteward({}, createFakeAttention());
    renderWithClient(<DropletUptime dropletId={3} />);
    const day = await screen.findByText('24 h').then((el) => el.closest('[data-window]') as HTMLElement);
    expect(day.textContent).toContain('—');
    expect(day.textContent).toContain('Steward has not watched it in this window yet');
    expect(day.textContent).not.toContain('%');
  });

  it('says why when main cannot answer', async () => {
    installFakeSteward({
      getUptime: () => {
        throw new Refusal(ipcError({ kind: 'not_found', message: 'Notifications and events are not available in this build of Steward yet.' }));
      },
    });
    renderWithClient(<DropletUptime dropletId={3} />);
    expect(await screen.findByText(/Uptime unavailable: Notifications and events are not available/)).toBeTruthy();
  });
});

describe('DropletIncidents', () => {
  it('lists incidents newest first: state, went at, back at or ongoing, how long, cause', async () => {
    const now = Date.now();
    const incidents = [
      incident(7, 'late', now - 6 * MIN, null, 'no heartbeat for 6 min', now),
      incident(7, 'inactive', now - 3 * 60 * MIN, now - 2 * 60 * MIN - 45 * MIN, 'Orchestrator status inactive', now),
      ...Array.from({ length: 5 }, (_, i) => incident(7, 'error', now - (10 + i) * 60 * MIN, now - (10 + i) * 60 * MIN + 2 * MIN, '<b>boom</b>', now)),
    ];
    installFakeSteward({}, createFakeAttention({ uptime: [{ dropletId: 7, day: uptimeWindow(DAY, 90, DAY), week: uptimeWindow(7 * DAY, 95, 7 * DAY), incidents }] }));
    renderWithClient(<DropletIncidents dropletId={7} />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    expect(rows[0]!.textContent).toContain('late');
    expect(rows[0]!.textContent).toContain('ongoing');
    expect(rows[0]!.textContent).toContain('6 min ago');
    expect(rows[1]!.textContent).toContain('15 min');
    expect(rows[1]!.textContent).toContain('Orchestrator status inactive');
    expect(table.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show all 7' }));
    expect(within(table).getAllByRole('row')).toHaveLength(8);
  });

  it('says what will be listed when there is nothing yet', async () => {
    installFakeSteward({}, createFakeAttention());
    renderWithClient(<DropletIncidents dropletId={3} />);
    expect(await screen.findByText(/No incidents in what Steward watched over the last 7 days/)).toBeTruthy();
  });
});

describe('DropletMute', () => {
  it('mutes the droplet for an hour, shows until when, and unmutes it', async () => {
    const attention = createFakeAttention();
    const fake = installFakeSteward({}, attention);
    renderWithClient(<DropletMute dropletId={7} />);
    expect((await screen.findByTestId('droplet-mute-state')).textContent).toBe('Notifications on');
    fireEvent.click(screen.getByRole('button', { name: 'Mute 1 h' }));
    await waitFor(() => expect(screen.getByTestId('droplet-mute-state').textContent).toMatch(/^Muted until (\d\d:\d\d|\d+ \w+ \d\d:\d\d)$/));
    expect(fake.callsOf('muteAttention')).toEqual([{ target: 'droplet', id: 7, span: '1h' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Unmute' }));
    await waitFor(() => expect(screen.getByTestId('droplet-mute-state').textContent).toBe('Notifications on'));
    fireEvent.click(screen.getByRole('button', { name: 'Until unmuted' }));
    await waitFor(() => expect(screen.getByTestId('droplet-mute-state').textContent).toBe('Muted until you unmute it'));
    expect(attention.mutes.droplets['7']).toBeNull();
  });

  it('takes an expired mute for none', async () => {
    installFakeSteward({}, createFakeAttention({ mutes: { droplets: { '7': Date.now() - 1000 } } }));
    renderWithClient(<DropletMute dropletId={7} />);
    expect((await screen.findByTestId('droplet-mute-state')).textContent).toBe('Notifications on');
  });
});
