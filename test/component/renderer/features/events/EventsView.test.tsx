// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EventsView } from '../../../../../renderer/src/features/events/EventsView';
import { useAttentionPushes } from '../../../../../renderer/src/queries/useAttention';
import { useAttentionUi } from '../../../../../renderer/src/state/attention';
import { useUi } from '../../../../../renderer/src/state/ui';
import { attentionEvent, createFakeAttention, item } from '../../../../support/attention-fake-steward';
import { installFakeSteward, renderWithClient, resetEventsUiAroundEachTest } from '../../../../support/detail-fake-steward';

resetEventsUiAroundEachTest();

const MIN = 60_000;

function timeline() {
  return screen.findByRole('list', { name: 'Event timeline, newest first' });
}

describe('EventsView', () => {
  it('says what will appear while there are no events', async () => {
    installFakeSteward({}, createFakeAttention());
    renderWithClient(<EventsView />);
    expect((await screen.findByTestId('events-empty')).textContent).toMatch(/When a droplet goes late, inactive or into error.*appears here, newest first/);
    expect((screen.getByRole('button', { name: 'Export CSV…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists every transition newest first with its droplet, change and cause, the time relative with the absolute on hover', async () => {
    const now = Date.now();
    const attention = createFakeAttention({
      events: [
        attentionEvent('inactive', [item(7, 'active', 'inactive', 'Orchestrator status inactive', 'dew-7')], now - 30 * MIN),
        attentionEvent('recovered', [item(7, 'inactive', 'active', 'heartbeat again', 'dew-7')], now - 4 * MIN),
        attentionEvent('late', [item(9, 'active', 'late', 'no heartbeat for 95 s', 'fern-9')], now - 50 * MIN),
      ],
    });
    installFakeSteward({}, attention);
    renderWithClient(<EventsView />);
    const rows = within(await timeline()).getAllByRole('listitem');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['recovered', 'inactive', 'late']);
    expect(rows[0]!.textContent).toContain('dew-7');
    expect(rows[0]!.textContent).toContain('inactive → active');
    expect(rows[2]!.textContent).toContain('no heartbeat for 95 s');
    const time = rows[0]!.querySelector('time')!;
    expect(time.textContent).toBe('4 min ago');
    expect(time.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /);
    // A droplet's name opens it.
    fireEvent.click(within(rows[2]!).getByRole('button', { name: /fern-9/ }));
    expect(useUi.getState()).toMatchObject({ selectedId: 9, panel: 'details' });
  });

  it('filters by kind and by droplet, asking main for just those', async () => {
    const now = Date.now();
    const fake = installFakeSteward(
      {},
      createFakeAttention({
        events: [
          attentionEvent('error', [item(3, 'active', 'error', 'Orchestrator status error')], now - 3 * MIN),
          attentionEvent('late', [item(4, 'active', 'late', 'no heartbeat for 80 s')], now - 2 * MIN),
          attentionEvent('late', [item(3, 'active', 'late', 'no heartbeat for 90 s')], now - MIN),
        ],
      }),
    );
    renderWithClient(<EventsView />);
    await timeline();
    fireEvent.click(screen.getByRole('button', { name: 'Late' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Event timeline/ })).getAllByRole('listitem')).toHaveLength(2));
    expect(fake.callsOf('getEvents').at(-1)).toMatchObject({ kinds: ['late'] });
    fireEvent.change(screen.getByRole('textbox', { name: 'Droplet' }), { target: { value: '3' } });
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Event timeline/ })).getAllByRole('listitem')).toHaveLength(1));
    expect(fake.callsOf('getEvents').at(-1)).toMatchObject({ kinds: ['late'], dropletId: 3 });
    fireEvent.change(screen.getByRole('textbox', { name: 'Droplet' }), { target: { value: '12' } });
    expect(await screen.findByText('No events match these filters.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: /Event timeline/ })).getAllByRole('listitem')).toHaveLength(3));
  });

  it('groups a burst: one line naming the first few droplets and how many more, all listed when opened', async () => {
    const items = Array.from({ length: 30 }, (_, i) => item(101 + i, 'active', 'inactive', 'Orchestrator status inactive', String(101 + i)));
    installFakeSteward({}, createFakeAttention({ events: [attentionEvent('inactive', items, Date.now() - MIN)] }));
    renderWithClient(<EventsView />);
    const row = within(await timeline()).getAllByRole('listitem')[0]!;
    expect(row.textContent).toContain('30 droplets · inactive');
    expect(row.textContent).toContain('101, 102, 103, 104, 105 and 25 more');
    fireEvent.click(within(row).getByRole('button', { name: 'Show 30 droplets' }));
    const list = within(row).getByRole('list');
    expect(within(list).getAllByRole('button')).toHaveLength(20);
    expect(list.textContent).toContain('and 10 more');
  });

  it('renders droplet names and causes from the Orchestrator as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.hacked=1">';
    installFakeSteward({}, createFakeAttention({ events: [attentionEvent('error', [item(5, 'active', 'error', `<b>${evil}</b>`, evil)], Date.now())] }));
    renderWithClient(<EventsView />);
    const list = await timeline();
    expect(list.querySelector('img, b')).toBeNull();
    expect(list.textContent).toContain(evil);
  });

  it('exports what the filters show as CSV or JSON through main, and says where it went', async () => {
    const attention = createFakeAttention({ events: [attentionEvent('error', [item(5, 'active', 'error', 'Orchestrator status error')], Date.now())] });
    installFakeSteward({}, attention);
    renderWithClient(<EventsView />);
    await timeline();
    fireEvent.click(screen.getByRole('button', { name: 'Error' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV…' }));
    expect(await screen.findByText('Saved 1 event to /home/steward/steward-events.csv')).toBeTruthy();
    expect(attention.exports).toEqual([{ format: 'csv', query: { kinds: ['error'] } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON…' }));
    await waitFor(() => expect(attention.exports.at(-1)?.format).toBe('json'));
  });

  it('shows a new event as soon as main pushes it', async () => {
    const attention = createFakeAttention();
    installFakeSteward({}, attention);
    // App's hook hears the pushes and refreshes what they change.
    function Pushes() {
      useAttentionPushes();
      return null;
    }
    renderWithClient(
      <>
        <Pushes />
        <EventsView />
      </>,
    );
    await screen.findByTestId('events-empty');
    act(() => attention.raise(attentionEvent('disappeared', [item(8, 'active', 'absent', 'not in the fleet list', 'moss-8')], Date.now())));
    const rows = within(await timeline()).getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('moss-8');
  });

  it('opens the event a group notification named', async () => {
    const ev = attentionEvent('inactive', [item(1, 'active', 'inactive', 'x'), item(2, 'active', 'inactive', 'x')], Date.now());
    installFakeSteward({}, createFakeAttention({ events: [ev] }));
    useAttentionUi.setState({ focusEventId: ev.id });
    renderWithClient(<EventsView />);
    const row = within(await timeline()).getAllByRole('listitem')[0]!;
    expect(within(row).getByRole('button', { name: 'Hide droplets' }).getAttribute('aria-expanded')).toBe('true');
  });
});
