// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/src/app/App';
import { createQueryClient } from '../../../../renderer/src/queries/client';
import { useUi } from '../../../../renderer/src/state/ui';
import { droplet, fakeSteward } from '../../../support/fleet-fake-steward';

const initialUi = useUi.getState();
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  // Charts measure themselves; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});
beforeEach(() => useUi.setState(initialUi, true));
afterEach(cleanup);

describe('app layout', () => {
  it('shows the top bar, the fleet and the pane, and the pane follows the selection and the tabs', async () => {
    window.steward = fakeSteward([droplet(1, 'active', 5, { name: 'alpha' }), droplet(2, 'error', 5, { name: 'bravo' })]).bridge;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>,
    );
    expect(within(screen.getByRole('banner')).getByText('Steward')).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'Fleet' });
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(3));
    const pane = screen.getByRole('complementary', { name: 'Droplet pane' });
    expect(within(pane).getByText(/Select a droplet/)).toBeTruthy();

    fireEvent.click(within(grid).getByText('bravo'));
    await waitFor(() => expect(within(pane).queryByText(/Select a droplet/)).toBeNull());

    const tab = (name: string) => within(pane).getByRole('tab', { name });
    for (const name of ['Heartbeat', 'Register', 'Communications log', 'Details']) {
      fireEvent.click(tab(name));
      expect(tab(name).getAttribute('aria-selected')).toBe('true');
    }
    fireEvent.click(screen.getByRole('button', { name: 'Register droplet…' }));
    expect(tab('Register').getAttribute('aria-selected')).toBe('true');
    expect(useUi.getState().registerNew).toBe(true);
  });

  it('says when the Orchestrator’s clock is far off, and by how much', async () => {
    const fake = fakeSteward([droplet(1, 'active', 5, { name: 'alpha' })]);
    window.steward = fake.bridge;
    fake.setClockOffset(-3 * 3600_000);
    render(
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>,
    );
    const banner = screen.getByRole('banner');
    await waitFor(() => expect(within(banner).getByTestId('clock-offset').textContent).toBe('Orchestrator clock 3 h behind'));
  });
});
