// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventsView } from '../../../../../renderer/src/features/events/EventsView';
import { NotificationSettings } from '../../../../../renderer/src/features/events/NotificationSettings';
import { createFakeAttention } from '../../../../support/attention-fake-steward';
import { installDomShims, installFakeSteward, renderWithClient } from '../../../../support/detail-fake-steward';

beforeAll(() => installDomShims());
afterEach(cleanup);

describe('NotificationSettings', () => {
  it('opens from the Events tab and turns one kind of notification off and on', async () => {
    const attention = createFakeAttention();
    const fake = installFakeSteward({}, attention);
    renderWithClient(<EventsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Notification settings…' }));
    const notifyFor = await screen.findByRole('group', { name: 'Notify for' });
    const recovered = within(notifyFor).getByRole('checkbox', { name: 'Recovered' }) as HTMLInputElement;
    expect(recovered.checked).toBe(true);
    fireEvent.click(recovered);
    await waitFor(() => expect(attention.settings.toggles.recovered).toBe(false));
    expect(fake.callsOf('setAttentionSettings').at(-1)).toMatchObject({ toggles: { recovered: false, error: true } });
    await waitFor(() => expect((within(notifyFor).getByRole('checkbox', { name: 'Recovered' }) as HTMLInputElement).checked).toBe(false));
    // With notifications off altogether, the per-kind toggles cannot be changed.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show desktop notifications' }));
    await waitFor(() => expect((within(notifyFor).getByRole('checkbox', { name: 'Error' }) as HTMLInputElement).disabled).toBe(true));
    expect(attention.settings.notify).toBe(false);
  });

  it('mutes the whole profile for an hour and unmutes it, and lists muted droplets with an unmute each', async () => {
    const attention = createFakeAttention({ mutes: { droplets: { '42': null } } });
    installFakeSteward({}, attention);
    renderWithClient(<NotificationSettings />);
    expect((await screen.findByTestId('profile-mute')).textContent).toBe('Notifications are on for this profile.');
    fireEvent.click(screen.getByRole('button', { name: 'Mute all for 1 h' }));
    await waitFor(() => expect(screen.getByTestId('profile-mute').textContent).toMatch(/^All notifications of this profile are muted until (\d\d:\d\d|\d+ \w+ \d\d:\d\d)\.$/));
    expect(attention.mutes.profile).toBeGreaterThan(Date.now() + 59 * 60_000);
    fireEvent.click(screen.getByRole('button', { name: 'Unmute all' }));
    await waitFor(() => expect(screen.getByTestId('profile-mute').textContent).toBe('Notifications are on for this profile.'));

    const muted = screen.getByRole('list', { name: 'Muted droplets' });
    expect(muted.textContent).toContain('#42');
    expect(muted.textContent).toContain('until you unmute it');
    fireEvent.click(within(muted).getByRole('button', { name: 'Unmute' }));
    expect(await screen.findByText('No droplet is muted. Mute one from its details.')).toBeTruthy();
    expect(attention.mutes.droplets).toEqual({});
  });

  it('edits metric rules: a wrong value is named and blocks saving; a good rule is saved as the contract says', async () => {
    const attention = createFakeAttention();
    installFakeSteward({}, attention);
    renderWithClient(<NotificationSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add rule' }));
    const rule = screen.getByRole('listitem', { name: 'Rule 1' });
    expect(rule.textContent).toContain('cpu_percent > 90 for 5 min');
    fireEvent.change(within(rule).getByRole('textbox', { name: 'Value' }), { target: { value: 'ninety' } });
    expect(rule.textContent).toContain('Value: a number, such as 90');
    const save = screen.getByRole('button', { name: 'Save rules' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(within(rule).getByRole('textbox', { name: 'Value' }), { target: { value: '0' } });
    fireEvent.change(within(rule).getByRole('textbox', { name: 'Metric' }), { target: { value: 'errors_last_minute' } });
    fireEvent.change(within(rule).getByRole('combobox', { name: 'Comparison' }), { target: { value: '>' } });
    fireEvent.change(within(rule).getByRole('textbox', { name: 'For seconds' }), { target: { value: '0' } });
    expect(rule.textContent).toContain('errors_last_minute > 0 on one beat');
    fireEvent.click(save);
    await waitFor(() => expect(attention.settings.rules).toEqual([{ id: 'rule-1', metric: 'errors_last_minute', op: '>', value: 0, forSeconds: 0, enabled: true }]));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save rules' }) as HTMLButtonElement).disabled).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(attention.settings.rules).toEqual([]));
  });

  it('keeps a grouping time out of range from being saved, and saves one in range on Enter', async () => {
    const attention = createFakeAttention();
    installFakeSteward({}, attention);
    renderWithClient(<NotificationSettings />);
    const group = (await screen.findByText('Group changes of one kind within')).closest('label')!;
    const input = within(group).getByRole('textbox');
    fireEvent.change(input, { target: { value: '9000' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(group.textContent).toContain('Whole seconds from 0 to 600.');
    fireEvent.change(input, { target: { value: '30' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(attention.settings.groupSeconds).toBe(30));
  });
});

describe('a refused change', () => {
  it('puts the stored state back and says why', async () => {
    const { ipcError, Refusal } = await import('../../../../support/detail-fake-steward');
    installFakeSteward(
      {
        setAttentionSettings: () => {
          throw new Refusal(ipcError({ kind: 'bad_input', message: 'Settings could not be saved.' }));
        },
      },
      createFakeAttention(),
    );
    renderWithClient(<NotificationSettings />);
    const tray = (await screen.findByRole('checkbox', { name: 'Keep running in the tray when the window closes' })) as HTMLInputElement;
    fireEvent.click(tray);
    expect(await screen.findByText('Settings could not be saved.')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Keep running in the tray when the window closes' }) as HTMLInputElement).checked).toBe(false);
  });
});
