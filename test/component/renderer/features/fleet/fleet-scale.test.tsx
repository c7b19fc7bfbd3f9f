// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TopBar } from '../../../../../renderer/src/app/TopBar';
import { createQueryClient } from '../../../../../renderer/src/queries/client';
import { useUi } from '../../../../../renderer/src/state/ui';
import { FleetView } from '../../../../../renderer/src/features/fleet/FleetView';
import { droplet, fakeSteward } from '../../../../support/fleet-fake-steward';

// Counts row renders: the chips render exactly when their (memoised) row does.
const chipRenders = vi.hoisted(() => new Map<string, number>());
vi.mock('../../../../../renderer/src/features/fleet/CapabilityChips', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../../renderer/src/features/fleet/CapabilityChips')>();
  return {
    CapabilityChips: (props: { capabilities: readonly string[] }) => {
      const key = props.capabilities.join(',');
      chipRenders.set(key, (chipRenders.get(key) ?? 0) + 1);
      return original.CapabilityChips(props);
    },
  };
});

const initialUi = useUi.getState();
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
beforeEach(() => {
  useUi.setState(initialUi, true);
  chipRenders.clear();
});
afterEach(cleanup);

function renderWith(data: ReturnType<typeof droplet>[]) {
  const fake = fakeSteward(data);
  window.steward = fake.bridge;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <TopBar />
      <FleetView />
    </QueryClientProvider>,
  );
  return fake;
}

const dropletRows = () => screen.getAllByRole('row').filter((r) => r.dataset.dropletId !== undefined);

describe('fleet at scale', () => {
  it('renders only the visible rows of 10,000 and moves to the last with End', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => droplet(i + 1, i % 97 === 0 ? 'error' : 'active', 5));
    renderWith(big);
    await waitFor(() => expect(dropletRows().length).toBeGreaterThan(0));
    expect(dropletRows().length).toBeLessThan(60);
    expect(screen.getByRole('grid', { name: 'Fleet' }).getAttribute('aria-rowcount')).toBe('10001');
    expect(screen.getByRole('button', { name: '104 error' })).toBeTruthy();
    const first = dropletRows()[0]!;
    fireEvent.click(first);
    fireEvent.keyDown(first, { key: 'End' });
    await waitFor(() => expect(useUi.getState().selectedId).toBe(10_000));
  });

  it('re-renders only the rows whose droplet changed when a poll brings new objects', async () => {
    const data = Array.from({ length: 8 }, (_, i) => droplet(i + 1, 'active', 5, { capabilities: [`cap-${i + 1}`] }));
    const fake = renderWith(data);
    await waitFor(() => expect(dropletRows()).toHaveLength(8));
    chipRenders.clear();
    // Every droplet arrives as a new object (as over IPC); only droplet 4 differs.
    fake.setDroplets(data.map((d) => structuredClone(d.id === 4 ? { ...d, name: 'renamed' } : d)));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(screen.getByText('renamed')).toBeTruthy());
    expect([...chipRenders.keys()]).toEqual(['cap-4']);
  });
});
