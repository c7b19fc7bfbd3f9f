// @vitest-environment jsdom
// Server text (droplet names, stewards, versions, endpoints, capabilities, metric values, log
// bodies) is shown as text wherever it appears: what a steward reads is the literal string,
// and no element it spells out exists in the page.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../../renderer/src/queries/client';
import { FleetView } from '../../../../renderer/src/features/fleet/FleetView';
import { DetailsPane } from '../../../../renderer/src/features/details/DetailsPane';
import { CommsLogView } from '../../../../renderer/src/features/log/CommsLogView';
import { useUi } from '../../../../renderer/src/state/ui';
import { droplet, fakeSteward } from '../../../support/fleet-fake-steward';
import { details, installDomShims, installFakeSteward, renderWithClient } from '../../../support/detail-fake-steward';
import { entry } from '../../../support/comms-entry';
import { hostile, injectedElements } from '../../../support/hostile-text';

const initialUi = useUi.getState();
beforeAll(() => {
  installDomShims();
  // jsdom has no layout: give the table's scroll area a size so the virtualiser renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
beforeEach(() => {
  useUi.setState(initialUi, true);
  delete (globalThis as Record<string, unknown>).pwned;
});
afterEach(cleanup);

function expectNoInjection(root: Element): void {
  expect(injectedElements(root).map((el) => el.outerHTML)).toEqual([]);
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
}

describe('server text in the fleet table', () => {
  it('shows every cell of a hostile droplet as the literal text', async () => {
    const d = droplet(3, 'active', 5, {
      name: hostile('name'),
      steward: hostile('steward'),
      version: hostile('version'),
      endpoint: `https://${hostile('endpoint')}`,
      capabilities: [hostile('cap')],
    });
    window.steward = fakeSteward([d]).bridge;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <FleetView />
      </QueryClientProvider>,
    );
    const row = await waitFor(() => {
      const r = document.querySelector<HTMLElement>('[data-droplet-id="3"]');
      if (!r) throw new Error('row 3 not shown yet');
      return r;
    });
    const cell = (cls: string) => row.querySelector(`.${cls}`)!;
    expect(cell('col-name').textContent).toBe(d.name);
    expect(cell('col-steward').textContent).toBe(d.steward);
    expect(cell('col-version').textContent).toBe(d.version);
    expect(cell('col-endpoint').textContent).toBe(d.endpoint);
    expect(cell('col-caps').textContent).toBe(d.capabilities[0]);
    expectNoInjection(document.body);
  });
});

describe('server text in the details pane', () => {
  it('shows the header, facts and a text metric as the literal text', async () => {
    const d = details({
      name: hostile('name'),
      steward: hostile('steward'),
      version: hostile('version'),
      endpoint: hostile('endpoint'),
      capabilities: [hostile('cap')],
      latestMetrics: { cpu_percent: 1, region: hostile('metric') },
    });
    installFakeSteward({ getDroplet: () => ({ droplet: d, source: 'details', note: null, traceId: null }) });
    renderWithClient(<DetailsPane dropletId={7} />);
    const pane = await screen.findByRole('article', { name: `Droplet ${d.name}` });
    expect(within(pane).getByRole('heading', { level: 2 }).textContent).toBe(`${d.name} #7`);
    for (const text of [d.steward!, d.version!, d.endpoint!, d.capabilities[0]!]) expect(within(pane).getAllByText(text).length).toBeGreaterThan(0);
    expectNoInjection(document.body);
  });

  it('shows the note of a list-only answer as the literal text', async () => {
    const note = hostile('note');
    installFakeSteward({ getDroplet: () => ({ droplet: details(), source: 'list', note, traceId: null }) });
    renderWithClient(<DetailsPane dropletId={7} />);
    expect((await screen.findByRole('note')).textContent).toBe(note);
    expectNoInjection(document.body);
  });
});

describe('server text in the communications log', () => {
  it('shows the path, trace_id, headers, bodies and error of an exchange as the literal text', async () => {
    const e = entry(9, 5, {
      path: `/api/v1/droplets/${hostile('path')}`,
      traceId: hostile('trace'),
      requestHeaders: { 'X-Echo': hostile('header') },
      responseBody: hostile('body'),
      error: hostile('error'),
    });
    installFakeSteward({ getCommsLog: () => ({ entries: [e] }) });
    renderWithClient(<CommsLogView />);
    const tr = await waitFor(() => {
      const r = document.querySelector<HTMLElement>('tr[data-id="9"]');
      if (!r) throw new Error('no row yet');
      return r;
    });
    expect(tr.textContent).toContain(e.path);
    expect(tr.textContent).toContain(e.traceId);
    fireEvent.click(tr);
    const detail = screen.getByRole('region', { name: 'Exchange 9' });
    expect(within(detail).getByLabelText('Response body').textContent).toBe(e.responseBody);
    expect(within(detail).getAllByText(hostile('header')).length).toBeGreaterThan(0);
    expect(detail.textContent).toContain(e.error);
    expectNoInjection(document.body);
  });
});
