// @vitest-environment jsdom
// The command palette lists droplets by name: a hostile name is shown as the literal text there too.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/src/app/App';
import { createQueryClient } from '../../../../renderer/src/queries/client';
import { droplet, fakeSteward } from '../../../support/fleet-fake-steward';
import { hostile, injectedElements } from '../../../support/hostile-text';
import { installBrowserStandIns, resetStores } from '../app/comfort-harness';

beforeAll(installBrowserStandIns);
beforeEach(resetStores);
afterEach(cleanup);

describe('server text in the command palette', () => {
  it('shows a hostile droplet name as the literal text', async () => {
    const d = droplet(4, 'active', 5, { name: hostile('name'), steward: hostile('steward') });
    window.steward = fakeSteward([d]).bridge;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(document.querySelector('[data-droplet-id="4"]')).toBeTruthy());
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(dialog).getByRole('combobox'), { target: { value: 'name' } });
    const option = await within(dialog).findByRole('option', { name: /Go to #4/ });
    expect(option.querySelector('.palette-label')!.textContent).toBe(`Go to #4 ${d.name}`);
    expect(injectedElements(document.body).map((el) => el.outerHTML)).toEqual([]);
  });
});
