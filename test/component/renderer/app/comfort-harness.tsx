// Shared set-up for the theme, layout and keyboard component tests: the whole App over a fake
// steward, jsdom's missing browser APIs stood in for, and every store back to its defaults.
import { useWizard } from '../../../../renderer/src/state/wizard';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import { App } from '../../../../renderer/src/app/App';
import { createQueryClient } from '../../../../renderer/src/queries/client';
import { useColumns } from '../../../../renderer/src/state/columns';
import { useLayout } from '../../../../renderer/src/state/layout';
import { useOverlays } from '../../../../renderer/src/state/overlays';
import { useTheme } from '../../../../renderer/src/state/theme';
import { useUi } from '../../../../renderer/src/state/ui';
import { droplet, fakeSteward, type FakeSteward } from '../../../support/fleet-fake-steward';
// The App prefetches the charts' lazy chunk after a moment; loaded here, that import resolves at
// once instead of after a short test's environment is gone.
import '../../../../renderer/src/features/charts/MetricCharts';

const initial = {
  ui: useUi.getState(),
  layout: useLayout.getState(),
  columns: useColumns.getState(),
  theme: useTheme.getState(),
  overlays: useOverlays.getState(),
  wizard: useWizard.getState(),
};

/** A stand-in OS colour scheme that tests can flip. */
export const os = { dark: false, listeners: new Set<() => void>() };

export function installBrowserStandIns(): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  window.matchMedia = ((query: string) => ({
    get matches() {
      return query.includes('dark') && os.dark;
    },
    media: query,
    addEventListener: (_: string, l: () => void) => os.listeners.add(l),
    removeEventListener: (_: string, l: () => void) => os.listeners.delete(l),
  })) as unknown as typeof window.matchMedia;
}

export function resetStores(): void {
  useUi.setState(initial.ui, true);
  useLayout.setState(initial.layout, true);
  useColumns.setState(initial.columns, true);
  useTheme.setState(initial.theme, true);
  useOverlays.setState(initial.overlays, true);
  useWizard.setState(initial.wizard, true);
  os.dark = false;
  os.listeners.clear();
  delete document.documentElement.dataset.theme;
}

export const DROPLETS = [
  droplet(1, 'active', 5, { name: 'alpha', endpoint: 'http://10.0.0.1:8001' }),
  droplet(2, 'error', 5, { name: 'bravo' }),
  droplet(3, 'active', 5, { name: 'charlie-long-name' }),
];

export async function renderApp(): Promise<FakeSteward> {
  const fake = fakeSteward(DROPLETS);
  window.steward = fake.bridge;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>,
  );
  const grid = screen.getByRole('grid', { name: 'Fleet' });
  await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(DROPLETS.length + 1));
  return fake;
}
