// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../../../renderer/src/queries/client';
import { useUi } from '../../../../../renderer/src/state/ui';
import { useFleetNote } from '../../../../../renderer/src/state/fleet-note';
import { useMarks } from '../../../../../renderer/src/features/fleet/marks';
import { FleetView } from '../../../../../renderer/src/features/fleet/FleetView';
import type { ExportFleetRequest } from '../../../../../shared/exports';
import type { HeartbeatInput } from '../../../../../shared/model';
import { droplet, fakeSteward, ipcError, type FakeSteward } from '../../../../support/fleet-fake-steward';

const initialUi = useUi.getState();

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
beforeEach(() => {
  useUi.setState(initialUi, true);
  useMarks.getState().clear();
  useFleetNote.getState().clear();
});
afterEach(cleanup);

const FLEET = [
  droplet(1, 'active', 5, { name: 'alpha', latestMetrics: { cpu_percent: 12, memory_mb: 300 } }),
  droplet(2, 'active', 5, { name: 'bravo' }),
  droplet(3, 'active', 5, { name: 'charlie', endpoint: null }),
  droplet(4, 'inactive', 400, { name: 'delta' }),
];

async function renderFleet(): Promise<FakeSteward> {
  const fake = fakeSteward(FLEET.map((d) => ({ ...d })));
  window.steward = fake.bridge;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <FleetView />
    </QueryClientProvider>,
  );
  await screen.findByText('alpha');
  return fake;
}

const row = (name: string): HTMLElement => screen.getByText(name).closest<HTMLElement>('[role="row"]')!;
const markedNames = () => screen.getAllByRole('row').filter((r) => r.classList.contains('marked')).map((r) => within(r).getAllByRole('gridcell')[1]!.textContent);

describe('multi-select and bulk actions', () => {
  it('Ctrl-click adds rows, keeping the one already selected; Shift-click marks the run in the order shown', async () => {
    await renderFleet();
    fireEvent.click(row('alpha'));
    fireEvent.click(row('charlie'), { ctrlKey: true });
    expect(markedNames()).toEqual(['alpha', 'charlie']);
    expect(screen.getByRole('toolbar', { name: 'Selected droplets' }).textContent).toContain('2 selected');
    fireEvent.click(row('alpha'), { ctrlKey: true });
    expect(markedNames()).toEqual(['charlie']);
    // Shift runs from the last Ctrl-clicked row (alpha) and replaces the marks: the order shown is problems first (delta), then by id.
    const order = screen.getAllByRole('row').filter((r) => r.dataset.dropletId).map((r) => r.dataset.dropletId);
    expect(order).toEqual(['4', '1', '2', '3']);
    fireEvent.click(row('bravo'), { shiftKey: true });
    expect(markedNames()).toEqual(['alpha', 'bravo']);
    fireEvent.click(row('delta'), { shiftKey: true, ctrlKey: true });
    expect(markedNames()).toEqual(['delta', 'alpha', 'bravo']);
    expect(row('bravo').getAttribute('aria-selected')).toBe('true');
  });

  it('a plain click or Escape clears the marks', async () => {
    await renderFleet();
    fireEvent.click(row('alpha'));
    fireEvent.click(row('bravo'), { ctrlKey: true });
    fireEvent.keyDown(row('bravo'), { key: 'Escape' });
    expect(markedNames()).toEqual([]);
    fireEvent.click(row('alpha'), { ctrlKey: true });
    fireEvent.click(row('delta'));
    expect(markedNames()).toEqual([]);
    expect(screen.queryByRole('toolbar', { name: 'Selected droplets' })).toBeNull();
  });

  it('sends a heartbeat for each marked droplet with its last metrics, and names a failure', async () => {
    const fake = await renderFleet();
    const sent: HeartbeatInput[] = [];
    fake.bridge.sendHeartbeat = vi.fn(async (input: HeartbeatInput) => {
      sent.push(input);
      return input.id === 4 ? { ok: false as const, error: ipcError('Droplet 4 refused the beat.', 'validation') } : { ok: true as const, value: { acknowledged: true, traceId: null, status: input.status, serverTime: null } as never };
    });
    fireEvent.click(row('delta'));
    fireEvent.click(row('alpha'), { shiftKey: true });
    fireEvent.click(within(screen.getByRole('toolbar', { name: 'Selected droplets' })).getByRole('button', { name: 'Send heartbeat' }));
    await waitFor(() => expect(screen.getByTestId('fleet-note').textContent).toContain('Heartbeat sent for 1 of 2; droplet 4: Droplet 4 refused the beat.'));
    expect(sent.sort((a, b) => a.id - b.id)).toEqual([
      { id: 1, status: 'active', metrics: { cpu_percent: 12, memory_mb: 300 } },
      // inactive is the Orchestrator's verdict on silence: a hand-sent beat says active.
      { id: 4, status: 'active' },
    ]);
  });

  it('exports the rows as shown (filters applied) and the selection alone, through main', async () => {
    const fake = await renderFleet();
    const asked: ExportFleetRequest[] = [];
    fake.bridge.exportFleet = vi.fn(async (r: ExportFleetRequest) => {
      asked.push(r);
      return { ok: true as const, value: { savedTo: '/tmp/fleet.csv', count: r.rows.length } };
    });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search droplets' }), { target: { value: 'a' } });
    await waitFor(() => expect(screen.queryByText('bravo')).not.toBeNull());
    await waitFor(() => expect(screen.getAllByRole('row').filter((r) => r.dataset.dropletId)).toHaveLength(4));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search droplets' }), { target: { value: 'ha' } });
    await waitFor(() => expect(screen.queryByText('bravo')).toBeNull());
    fireEvent.click(within(screen.getByRole('toolbar', { name: 'Fleet export' })).getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toMatchObject({ format: 'csv', scope: 'shown' });
    expect(asked[0]!.rows.map((r) => [r.droplet.name, r.status])).toEqual([['alpha', 'active'], ['charlie', 'active']]);
    await waitFor(() => expect(screen.getByTestId('fleet-note').textContent).toContain('Exported 2 droplets to /tmp/fleet.csv'));

    fireEvent.click(row('alpha'));
    fireEvent.click(row('charlie'), { ctrlKey: true });
    fireEvent.click(row('alpha'), { ctrlKey: true });
    fireEvent.click(within(screen.getByRole('toolbar', { name: 'Selected droplets' })).getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toMatchObject({ format: 'json', scope: 'selection' });
    expect(asked[1]!.rows.map((r) => r.droplet.id)).toEqual([3]);
  });

  it('a cancelled save says nothing; a failed one says why', async () => {
    const fake = await renderFleet();
    let answer: 'cancel' | 'fail' = 'cancel';
    fake.bridge.exportFleet = vi.fn(async () =>
      answer === 'cancel' ? { ok: true as const, value: { savedTo: null, count: 0 } } : { ok: false as const, error: ipcError('Steward could not write /x.csv: EACCES') },
    );
    const csv = () => within(screen.getByRole('toolbar', { name: 'Fleet export' })).getByRole('button', { name: 'CSV' });
    fireEvent.click(csv());
    await waitFor(() => expect(fake.bridge.exportFleet).toHaveBeenCalledTimes(1));
    await act(async () => undefined);
    expect(screen.getByTestId('fleet-note').textContent).toBe('');
    answer = 'fail';
    fireEvent.click(csv());
    await waitFor(() => expect(screen.getByTestId('fleet-note').textContent).toContain('Export failed: Steward could not write /x.csv: EACCES'));
  });
});

describe('row context menu', () => {
  it('mutes a droplet for an hour, says so, and then offers to unmute it', async () => {
    const fake = await renderFleet();
    fireEvent.contextMenu(row('bravo'), { clientX: 100, clientY: 120 });
    fireEvent.click(screen.getByText('Mute for 1 hour'));
    await waitFor(() => expect(screen.getByTestId('fleet-note').textContent).toContain('Muted droplet 2 for 1 hour'));
    const until = fake.attention.mutes.droplets['2'];
    expect(until).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    fireEvent.contextMenu(row('bravo'), { clientX: 100, clientY: 120 });
    const menu = screen.getByRole('menu', { name: 'Droplet 2 bravo' });
    expect(within(menu).queryByText('Mute for 1 hour')).toBeNull();
    fireEvent.click(within(menu).getByText('Unmute'));
    await waitFor(() => expect(fake.attention.mutes.droplets['2']).toBeUndefined());
    expect(screen.getByTestId('fleet-note').textContent).toContain('Notifications for droplet 2 are back on.');
  });

  it('mutes every marked droplet from the bulk bar', async () => {
    const fake = await renderFleet();
    fireEvent.click(row('alpha'));
    fireEvent.click(row('charlie'), { ctrlKey: true });
    fireEvent.click(within(screen.getByRole('toolbar', { name: 'Selected droplets' })).getByText('Mute 1 h'));
    await waitFor(() => expect(screen.getByTestId('fleet-note').textContent).toContain('Muted 2 droplets for 1 hour'));
    expect(Object.keys(fake.attention.mutes.droplets).sort()).toEqual(['1', '3']);
  });

  it('opens on right-click with the row’s actions', async () => {
    await renderFleet();
    fireEvent.contextMenu(row('bravo'), { clientX: 100, clientY: 120 });
    const menu = screen.getByRole('menu', { name: 'Droplet 2 bravo' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.firstChild?.textContent)).toEqual(['Copy id', 'Copy endpoint', 'Send heartbeat', 'Keep alive…', 'Mute for 1 hour', 'Mute until tomorrow', 'Open details']);
    expect(document.activeElement).toBe(items[0]);
    expect(row('bravo').getAttribute('aria-selected')).toBe('true');
  });

  it('copies the id and the endpoint, and says so', async () => {
    await renderFleet();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    fireEvent.contextMenu(row('bravo'));
    fireEvent.click(screen.getByText('Copy endpoint'));
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('http://10.0.0.2:8002'));
    await waitFor(() => expect(screen.getByTestId('fleet-note').textContent).toContain('Copied endpoint: http://10.0.0.2:8002'));
    fireEvent.contextMenu(row('charlie'));
    expect(screen.getByText('Copy endpoint').closest('[role="menuitem"]')!.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByText('Copy id'));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('3'));
  });

  it('is reached from the keyboard (Shift+F10), moved with the arrows and closed with Escape', async () => {
    await renderFleet();
    fireEvent.click(row('alpha'));
    row('alpha').focus();
    fireEvent.keyDown(row('alpha'), { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Copy endpoint');
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement?.textContent).toContain('Open details');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('"Open details" selects the droplet on the details panel; "Keep alive…" opens the heartbeat panel', async () => {
    await renderFleet();
    fireEvent.contextMenu(row('charlie'));
    fireEvent.click(screen.getByText('Keep alive…'));
    expect(useUi.getState()).toMatchObject({ selectedId: 3, panel: 'heartbeat' });
    fireEvent.contextMenu(row('delta'));
    fireEvent.keyDown(screen.getByText('Open details').closest('[role="menuitem"]')!, { key: 'Enter' });
    expect(useUi.getState()).toMatchObject({ selectedId: 4, panel: 'details' });
  });

  it('Ctrl+C on a row copies the marked rows as tab-separated lines', async () => {
    await renderFleet();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    fireEvent.click(row('alpha'));
    fireEvent.click(row('bravo'), { ctrlKey: true });
    fireEvent.keyDown(row('bravo'), { key: 'c', ctrlKey: true });
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const lines = (writeText.mock.calls[0] as unknown as [string])[0].split('\n').map((l) => l.split('\t').slice(0, 4));
    expect(lines).toEqual([['1', 'alpha', 'ops', 'active'], ['2', 'bravo', 'ops', 'active']]);
  });
});
