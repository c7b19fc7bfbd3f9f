// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EventsView } from '../../../../../renderer/src/features/events/EventsView';
import { attentionEvent, createFakeAttention, item } from '../../../../support/attention-fake-steward';
import { installFakeSteward, renderWithClient, resetEventsUiAroundEachTest } from '../../../../support/detail-fake-steward';

resetEventsUiAroundEachTest();

const MIN = 60_000;
const timeline = () => screen.findByRole('list', { name: 'Event timeline, newest first' });

describe('EventsView: probe events', () => {
  it('shows a restart in words, without a state change that did not happen, and filters by the probe kinds', async () => {
    const now = Date.now();
    const fake = installFakeSteward(
      {},
      createFakeAttention({
        events: [
          attentionEvent('restarted', [item(3, 'active', 'active', 'uptime went from 3 h 5 min to 40 s', 'api-3')], now - 2 * MIN, {
            summary: 'api-3 restarted (uptime went from 3 h 5 min to 40 s)',
          }),
          attentionEvent('probe_unanswered', [item(4, 'active', 'active', 'the Orchestrator still says active', 'api-4')], now - MIN, {
            summary: 'api-4 stopped answering on /health (the Orchestrator still says active)',
          }),
          attentionEvent('late', [item(5, 'active', 'late', 'no heartbeat for 95 s', 'api-5')], now - 3 * MIN),
        ],
      }),
    );
    renderWithClient(<EventsView />);
    const rows = within(await timeline()).getAllByRole('listitem');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['probe_unanswered', 'restarted', 'late']);
    const restart = rows[1]!;
    expect(restart.textContent).toContain('Restarted');
    expect(restart.textContent).toContain('api-3 restarted (uptime went from 3 h 5 min to 40 s)');
    expect(restart.textContent).not.toContain('→');
    expect(rows[0]!.textContent).toContain('/health silent');
    expect(rows[2]!.textContent).toContain('active → late');

    const kinds = screen.getByRole('group', { name: 'Kinds' });
    expect(within(kinds).getByRole('button', { name: '/health answers' })).toBeTruthy();
    fireEvent.click(within(kinds).getByRole('button', { name: 'Restarted' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Event timeline/ })).getAllByRole('listitem')).toHaveLength(1));
    expect(fake.callsOf('getEvents').at(-1)).toMatchObject({ kinds: ['restarted'] });
  });
});
