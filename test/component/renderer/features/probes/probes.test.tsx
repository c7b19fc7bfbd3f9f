// @vitest-environment jsdom
/** What a steward sees of probes: the droplet's own health, state and dependencies (missing first), and the fleet's dependency view. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_METRIC_PREFIX, type ProbeDetails } from '../../../../../shared/probe';
import { ProbeSection } from '../../../../../renderer/src/features/details/ProbeSection';
import { prefetchCharts } from '../../../../../renderer/src/features/details/DetailsPane';
import { DependenciesView } from '../../../../../renderer/src/features/probes/DependenciesView';
import { ProbeCell } from '../../../../../renderer/src/features/fleet/ProbeCell';
import { probeRank } from '../../../../../renderer/src/features/fleet/probe-rank';
import { useUi } from '../../../../../renderer/src/state/ui';
import { installDomShims, installFakeSteward, renderWithClient } from '../../../../support/detail-fake-steward';
import { render } from '@testing-library/react';

beforeAll(() => installDomShims());
afterEach(cleanup);

const summary = (over: Partial<ProbeDetails['summary']> = {}): ProbeDetails['summary'] => ({
  id: 7,
  verdict: 'answering',
  note: null,
  healthStatus: 'active',
  lastAnswerAt: 1,
  silentSince: null,
  disagreement: null,
  lastRestartAt: null,
  ...over,
});

const DETAILS: ProbeDetails = {
  summary: summary({ verdict: 'degraded', healthStatus: 'degraded', disagreement: null }),
  endpoint: 'http://10.0.0.7:8000',
  health: { status: 'degraded', service: 'billing', version: '1.2.1', time: null, message: 'queue backing up' },
  capabilities: { version: '1.2.1', features: ['billing', 'beta_api'], dependencies: ['auth'], udcVersion: '1.0' },
  state: { uptimeSeconds: 3720, requestsTotal: 9000, requestsPerMinute: 42, errorsLastHour: 3, cpuPercent: null, memoryMb: null, lastRestart: null, custom: { queue_depth: 5 } },
  dependencies: {
    required: [{ name: 'auth-gateway-1', id: 101, status: 'connected', lastCheck: null }],
    optional: [{ name: 'cache-warmer-1', id: null, status: null, lastCheck: null }],
    missing: ['mail-relay'],
  },
  routes: {},
  restarts: [],
  drift: { registeredVersion: '1.2.0', servedVersion: '1.2.1', notServed: [], notRegistered: ['beta_api'] },
  metrics: [],
};

describe('ProbeSection', () => {
  it("shows the droplet's own health, uptime, version drift, state and dependencies with the missing one first", async () => {
    installFakeSteward({ getProbeDetails: () => DETAILS });
    renderWithClient(<ProbeSection dropletId={7} />);
    const section = screen.getByRole('region', { name: 'Served by the droplet' });
    expect(await within(section).findByText('degraded — queue backing up')).toBeTruthy();
    expect(within(section).getByText('1 h 2 min')).toBeTruthy();
    expect(within(section).getByText(/\(registered 1\.2\.0\)/)).toBeTruthy();
    expect(within(section).getByText('serves unregistered beta_api')).toBeTruthy();
    expect(within(section).getByText('queue_depth')).toBeTruthy();
    const deps = within(section).getAllByRole('listitem').map((li) => li.textContent);
    expect(deps).toEqual(['mail-relayrequiredmissing', 'auth-gateway-1requiredconnected', 'cache-warmer-1optionallisted']);
  });

  it("draws the droplet's own charts with its numbers, without a loading step, once their code was fetched ahead", async () => {
    installFakeSteward({ getProbeDetails: () => ({ ...DETAILS, metrics: [`${PROBE_METRIC_PREFIX}queue_depth`] }), getExtraMetric: () => [] });
    await prefetchCharts();
    renderWithClient(<ProbeSection dropletId={7} />);
    const section = screen.getByRole('region', { name: 'Served by the droplet' });
    await within(section).findByText('degraded — queue backing up');
    // In the same render as the numbers: the charts' group, not "Loading charts…".
    expect(within(section).getByRole('group', { name: 'Served metrics' })).toBeTruthy();
    expect(within(section).queryByText('Loading charts…')).toBeNull();
  });

  it('says why a droplet is not probed, and probes it on request', async () => {
    const fake = installFakeSteward({ probeNow: () => [] });
    renderWithClient(<ProbeSection dropletId={9} />);
    expect(await screen.findByText('Not probed: probing is off for this profile.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Probe now' }));
    await waitFor(() => expect(fake.callsOf('probeNow')).toEqual([{ ids: [9] }]));
  });
});

describe('DependenciesView', () => {
  it('lists the droplets depended on that are down, with their dependants, and who misses what; a name opens the droplet', async () => {
    installFakeSteward({
      getDependencyMap: () => ({
        missing: [{ id: 102, name: 'report-builder-1', missing: ['mail-relay'] }],
        downDependencies: [{ id: 101, name: 'auth-gateway-1', why: 'its /health does not answer', dependants: [{ id: 100, name: 'billing-api-1' }, { id: 103, name: 'notify-hub-1' }] }],
        probed: 4,
        withDependencies: 3,
      }),
    });
    renderWithClient(<DependenciesView />);
    const down = await screen.findByRole('list', { name: 'Down dependencies' });
    expect(down.textContent).toContain('its /health does not answer');
    expect(down.textContent).toContain('needed by 2');
    expect(screen.getByRole('list', { name: 'Droplets missing dependencies' }).textContent).toContain('misses mail-relay');
    fireEvent.click(within(down).getByRole('button', { name: /notify-hub-1/ }));
    expect(useUi.getState()).toMatchObject({ selectedId: 103, panel: 'details' });
  });
});

describe('the probe column', () => {
  it('flags a disagreement and words it for the steward', () => {
    render(<ProbeCell probe={summary({ verdict: 'unreachable', healthStatus: null, disagreement: "Orchestrator: active; droplet's /health: no answer for 3 min" })} />);
    expect(screen.getByRole('img', { name: "Disagreement: Orchestrator: active; droplet's /health: no answer for 3 min" })).toBeTruthy();
    expect(screen.getByText('unreachable')).toBeTruthy();
  });
  it('sorts disagreements first, then unreachable, degraded, answering, not probed', () => {
    const order = [summary({ verdict: 'not_probed' }), summary(), summary({ verdict: 'degraded' }), summary({ verdict: 'unreachable' }), summary({ disagreement: 'x' })].map(probeRank);
    expect(order).toEqual([4, 3, 2, 1, 0]);
  });
});
