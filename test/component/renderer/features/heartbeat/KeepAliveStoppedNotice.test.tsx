// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../../renderer/src/app/App';
import { createQueryClient } from '../../../../../renderer/src/queries/client';
import { useKeepAliveNotice } from '../../../../../renderer/src/state/keep-alive-notice';
import { useUi } from '../../../../../renderer/src/state/ui';
import { droplet, fakeSteward } from '../../../../support/fleet-fake-steward';

const initialUi = useUi.getState();
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});
beforeEach(() => {
  useUi.setState(initialUi, true);
  useKeepAliveNotice.getState().dismiss();
});
afterEach(cleanup);

describe('keep-alives stopped by a profile switch', () => {
  it('are named in a notice that outlives the switch until dismissed, and the top bar count goes', async () => {
    const fake = fakeSteward([droplet(4, 'active', 5, { name: 'delta' }), droplet(5, 'active', 5, { name: 'echo' })]);
    window.steward = fake.bridge;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('row').length).toBeGreaterThan(2));
    act(() => fake.emit('keepAliveChanged', [{ dropletId: 4, status: 'active', nextBeatAt: null, lastError: null, beatsSent: 3 }]));
    await screen.findByTestId('keepalive-count');
    expect(screen.queryByTestId('keepalive-stopped')).toBeNull();

    // Main closes the profile: it says which keep-alives stopped, then that the profile changed.
    fake.setDroplets([droplet(500, 'active', 1, { name: 'elsewhere' })]);
    act(() => {
      fake.emit('keepAlivesStopped', { profileName: 'Local sandbox', dropletIds: [4, 77] });
      fake.emit('profileChanged', { profileId: 'other', name: 'Production' });
    });
    const notice = await screen.findByTestId('keepalive-stopped');
    expect(notice.textContent).toMatch(/Keep-alive stopped for 2 droplets: #4 delta, #77\./);
    expect(notice.textContent).toMatch(/kept alive under the profile “Local sandbox”, which was closed; Steward no longer beats for them, so a real silence will show again/);
    await waitFor(() => expect(screen.getByRole('row', { name: /elsewhere/ })).toBeTruthy());
    expect(screen.queryByTestId('keepalive-count')).toBeNull();
    expect(screen.getByTestId('keepalive-stopped')).toBe(notice);

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('keepalive-stopped')).toBeNull();
  });
});
