// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DetailsPane, prefetchCharts } from '../../../../renderer/src/features/details/DetailsPane';
import { useDetailsReadOnSelect } from '../../../../renderer/src/queries/useDroplet';
import { useLayout } from '../../../../renderer/src/state/layout';
import { useUi } from '../../../../renderer/src/state/ui';
import { details, installDomShims, installFakeSteward, renderWithClient, seedFleet, testQueryClient } from '../../../support/detail-fake-steward';

const initialUi = useUi.getState();
const initialLayout = useLayout.getState();
beforeAll(() => installDomShims());
beforeEach(() => {
  useUi.setState(initialUi, true);
  useLayout.setState(initialLayout, true);
});
afterEach(cleanup);

function ReadsOnSelect() {
  useDetailsReadOnSelect();
  return null;
}

describe('selecting a droplet', () => {
  it('asks for its details the moment it is selected, before anything renders, and not again for the same droplet', () => {
    const fake = installFakeSteward({ getDroplet: ({ id }) => ({ droplet: details({ id }), source: 'details', note: null, traceId: null }) });
    renderWithClient(<ReadsOnSelect />);
    useUi.getState().select(7);
    // Synchronously: the ask is out before React renders the pane.
    expect(fake.callsOf('getDroplet')).toEqual([{ id: 7 }]);
    useUi.getState().select(7);
    useUi.getState().setSearch('dew');
    expect(fake.callsOf('getDroplet')).toHaveLength(1);
    // Another panel, or a collapsed pane, shows no details: nothing is read for them.
    useUi.setState({ panel: 'heartbeat' });
    useUi.getState().select(8);
    useUi.setState({ panel: 'details' });
    useLayout.setState({ paneCollapsed: true });
    useUi.getState().select(9);
    expect(fake.callsOf('getDroplet')).toHaveLength(1);
    useLayout.setState({ paneCollapsed: false });
    useUi.getState().select(10);
    expect(fake.callsOf('getDroplet')).toEqual([{ id: 7 }, { id: 10 }]);
  });

  it('draws the charts with the pane, without a loading step, once their code was fetched ahead', async () => {
    installFakeSteward({ getDroplet: () => ({ droplet: details(), source: 'details', note: null, traceId: null }) });
    await prefetchCharts();
    const client = testQueryClient();
    seedFleet(client, [details()]);
    renderWithClient(<DetailsPane dropletId={7} />, client);
    // In the first render, from the fleet list: the charts' section is there, not "Loading charts…".
    expect(screen.getByRole('region', { name: 'Metric charts' })).toBeTruthy();
    expect(screen.queryByText('Loading charts…')).toBeNull();
  });
});
