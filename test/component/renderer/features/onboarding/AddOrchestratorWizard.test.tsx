// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../../../renderer/src/queries/client';
import { AddOrchestratorWizard } from '../../../../../renderer/src/features/onboarding/AddOrchestratorWizard';
import { SimulatedBanner } from '../../../../../renderer/src/features/onboarding/SimulatedBanner';
import { useWizard } from '../../../../../renderer/src/state/wizard';
import type { ConnectionTestResult } from '../../../../../shared/profile';
import { builtIn, fakeProfilesSteward, type FakeProfilesSteward } from '../../../../support/profiles-fake-steward';

beforeEach(() => useWizard.setState({ open: true, bannerDismissed: false }));
afterEach(cleanup);

const REACH_ONLY: ConnectionTestResult = {
  ok: false,
  failedStep: 'authenticated',
  steps: [
    { step: 'url', ok: true, ms: 0, message: 'A valid URL', hint: null },
    { step: 'reachability', ok: true, ms: 12, message: 'GET /health answered 200', hint: null },
    { step: 'version', ok: true, ms: 9, message: 'Orchestrator 2.1', hint: null },
    { step: 'authenticated', ok: false, ms: 0, message: 'No key yet', hint: null },
  ],
} as ConnectionTestResult;
const ALL_OK: ConnectionTestResult = { ok: true, failedStep: null, steps: REACH_ONLY.steps.map((s) => ({ ...s, ok: true })) } as ConnectionTestResult;

function renderWizard(): FakeProfilesSteward {
  const fake = fakeProfilesSteward({ profiles: [builtIn({ active: true })] });
  window.steward = fake.bridge;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <AddOrchestratorWizard />
    </QueryClientProvider>,
  );
  return fake;
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('add-your-Orchestrator wizard', () => {
  it('goes address -> reachable -> key -> signed test -> switch, with the public key to hand over', async () => {
    const fake = renderWizard();
    fake.setTestResult(REACH_ONLY);
    fireEvent.change(screen.getByLabelText('Orchestrator URL'), { target: { value: 'https://orch.example.com' } });
    fireEvent.click(button('Check it answers'));
    await screen.findByText('GET /health answered 200');
    // Unsaved until it answers: the test was of a draft, named after the host.
    expect(fake.calls.testConnection[0]).toMatchObject({ draft: { name: 'orch.example.com', orchestratorUrl: 'https://orch.example.com' } });
    expect(fake.calls.saveProfile).toHaveLength(0);

    fireEvent.click(button('Save and choose a key'));
    await screen.findByRole('region', { name: 'Key' });
    expect(fake.calls.saveProfile).toHaveLength(1);
    expect((button('Test a signed call') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button('Generate EC'));
    await screen.findByText('Fingerprint');
    expect(button('Copy public key')).toBeTruthy();
    expect(button('Save public key…')).toBeTruthy();

    fake.setTestResult(ALL_OK);
    fireEvent.click(button('Test a signed call'));
    await screen.findByText('Connection works.');
    const switchButton = await screen.findByRole('button', { name: /^Switch to orch\.example\.com$/ });
    fireEvent.click(switchButton);
    await waitFor(() => expect(fake.calls.switchProfile).toHaveLength(1));
    await waitFor(() => expect(useWizard.getState().open).toBe(false));
  });

  it('does not go on when the address does not answer, and says why', async () => {
    const fake = renderWizard();
    fake.setTestResult({ ok: false, failedStep: 'reachability', steps: [REACH_ONLY.steps[0]!, { step: 'reachability', ok: false, ms: 3, message: 'Connection refused', hint: 'Is it running?' }] } as ConnectionTestResult);
    fireEvent.change(screen.getByLabelText('Orchestrator URL'), { target: { value: 'https://down.example.com' } });
    fireEvent.click(button('Check it answers'));
    await screen.findByText('Connection refused');
    expect((button('Save and choose a key') as HTMLButtonElement).disabled).toBe(true);
  });

  it('names a bad address at the field, before any request', async () => {
    const fake = renderWizard();
    fireEvent.change(screen.getByLabelText('Orchestrator URL'), { target: { value: 'not a url' } });
    fireEvent.click(button('Check it answers'));
    expect(screen.getByLabelText('Orchestrator URL').getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls.testConnection).toHaveLength(0);
  });

  it('keeps advanced settings folded away, with working defaults', () => {
    renderWizard();
    const details = screen.getByText(/^Advanced:/).closest('details')!;
    expect(details.open).toBe(false);
    expect((within(details).getByLabelText('Extra claims (JSON)') as HTMLTextAreaElement).value).toBe('{}');
  });
});

describe('simulated-fleet banner', () => {
  function renderBanner(profiles = [builtIn({ active: true })]) {
    const fake = fakeProfilesSteward({ profiles });
    fake.bridge.getAppInfo = async () => ({ ok: true, value: { embeddedSandbox: true } as never });
    window.steward = fake.bridge;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <SimulatedBanner />
      </QueryClientProvider>,
    );
  }

  it('says the fleet is simulated and opens the wizard', async () => {
    useWizard.setState({ open: false });
    renderBanner();
    const note = await screen.findByRole('note', { name: 'Simulated fleet' });
    fireEvent.click(within(note).getByRole('button', { name: 'Add your Orchestrator…' }));
    expect(useWizard.getState().open).toBe(true);
    fireEvent.click(within(note).getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('note')).toBeNull();
  });
});
